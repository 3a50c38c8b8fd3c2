// The workspace's index kept in step with the disk: scans of the folders (one at a time, with the
// client's progress bar when it gives one) and file events.
import { FileChangeType, type Connection, type FileEvent } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import type { ClientSupport } from './clientSupport';
import type { Configuration } from './configuration';
import type { OpenDocuments } from './documents';
import { whileIdleAfterScan, type Activity } from './idleWork';
import { createIndexStorage } from './indexStorage';
import { countText, describeError } from './logging';
import type { WorkspaceFolders } from './workspaceFolders';
import { createIndexer, type FileChange } from './workspaceIndexer';

const FILE_CHANGES: Record<number, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/**
 * Titles or readouts prepared at a time, and how long a step of idle work prepares (prepareSymbolSearch, prepareUrlLookup, prepareSlugLookup): a
 * request that comes meanwhile waits for a step at each turn it takes (reading it, answering it),
 * so a step is short (steps of a millisecond added 2-3 ms to the title completions asked while
 * they ran, over stdio at 50,000 readouts).
 */
const PREPARED_SLICE = 8;
const PREPARE_STEP_MS = 0.2;

export interface IndexingOptions {
  readonly connection: Connection;
  readonly support: ClientSupport;
  readonly folders: WorkspaceFolders;
  readonly index: WorkspaceIndex;
  readonly configuration: Configuration;
  readonly openDocuments: OpenDocuments;
  /** When the server last heard from the client: the slugs are made and the index saved only while it hears nothing. */
  readonly activity: Activity;
  /** Where the client keeps the server's files (see InitializationOptions.indexStorage). */
  readonly storageFolder: string | undefined;
  readonly version: string;
}

export function createIndexing(options: IndexingOptions) {
  const { connection, support, folders, configuration, openDocuments } = options;
  const indexer = createIndexer({
    index: options.index,
    isOpen: openDocuments.isOpen,
    openUris: openDocuments.openUris,
    service: configuration.service,
    settings: configuration.settings,
    place: configuration.place,
    onUrlsChanged: (urls) => openDocuments.recheckSharing(urls),
    log: (message) => connection.console.log(message),
  });
  const storage = createIndexStorage({
    folder: options.storageFolder,
    version: options.version,
    index: indexer,
    log: (message) => connection.console.log(message),
    quietFor: options.activity.quietFor,
  });
  // The first scan of the workspace starts from the index saved by the session before, if any.
  let restoreFirst = true;

  /** The client's progress bar, or none: a client may refuse to make one, and the scan goes on without. */
  async function createProgress() {
    if (!support.progress) return undefined;
    try {
      return await connection.window.createWorkDoneProgress();
    } catch (error) {
      connection.console.log(`The client refused a progress report (${(error as Error).message}): indexing without one.`);
      return undefined;
    }
  }

  async function scan(scanned: readonly string[]): Promise<void> {
    const progress = await createProgress();
    progress?.begin('Indexing readouts', 0, undefined, false);
    let reported = 0;
    try {
      let restoring: Promise<void> | undefined;
      if (restoreFirst) {
        restoreFirst = false;
        // The scan lists and stats the files once the index is restored.
        restoring = storage.restore(folders.all, configuration.settings())?.then(() => configuration.service().prepareWorkspaceSearch());
      }
      const outcome = await indexer.scan(scanned, ({ scanned: done, total }) => {
        // A report per 1% is plenty for a progress bar and cheap for the connection.
        if (done !== total && done - reported < Math.max(250, total / 100)) return;
        reported = done;
        progress?.report(total === 0 ? 100 : Math.floor((done / total) * 100), `${countText(done)}/${countText(total)}`);
      }, restoring);
      // Part of the scan: the first title completion after it must not sort the archive's titles.
      configuration.service().prepareWorkspaceSearch();
      if (outcome === 'done') storage.saveWhenQuiet(folders.all, configuration.settings());
    } catch (error) {
      connection.console.error(`Indexing failed: ${describeError(error)}`);
    } finally {
      progress?.done();
    }
    prepareLookups();
  }

  /**
   * What the lookups read, made while the server is idle after a scan, a fifth of a millisecond's
   * worth per step: the symbol search's signatures, the readouts sharing each source_url at
   * once (a warm start's 200,000 URLs were one step of 0.2 s when first asked for) and the titles
   * a warm start restored by their places, by their text (60 ms at once); the slugs title
   * completion looks source_url's slug up in once the client has been quiet a while. Made between
   * the requests of a person typing, the slugs (80 ms at 50,000 readouts) held each completion up
   * (typed titles p50 2.1 ms against 1.9 without, p99 8.4 to 13.4 against 7.5 to 8.6).
   */
  function prepareLookups(): void {
    const inSteps = (prepare: (count: number) => number) => () => {
      const started = performance.now();
      let left: number;
      do left = prepare(PREPARED_SLICE);
      while (left > 0 && performance.now() - started < PREPARE_STEP_MS);
      return left > 0;
    };
    whileIdleAfterScan(inSteps((count) => configuration.service().prepareSymbolSearch(count)), (error) => connection.console.error(`Preparing the symbol search failed: ${describeError(error)}`));
    whileIdleAfterScan(inSteps((count) => configuration.service().prepareUrlLookup(count)), (error) => connection.console.error(`Preparing the source_url lookup failed: ${describeError(error)}`));
    whileIdleAfterScan(inSteps((count) => configuration.service().prepareTitleLookup(count)), (error) => connection.console.error(`Preparing the title lookup failed: ${describeError(error)}`));
    whileIdleAfterScan(inSteps((count) => configuration.service().prepareSlugLookup(count)), (error) => connection.console.error(`Preparing the slug lookup failed: ${describeError(error)}`), undefined, options.activity.quietFor);
  }

  return {
    scanWorkspace: () => scan(folders.all),

    /** The folders have already changed: a removed one's readouts leave the index at once, an added one is scanned. */
    async foldersChanged(added: readonly string[], removed: readonly string[]): Promise<void> {
      removed.forEach((folder) => indexer.dropFolder(folder));
      if (added.length > 0) await scan(added);
    },

    /** Readouts created, changed or deleted on disk. */
    async filesChanged(events: readonly FileEvent[]): Promise<void> {
      for (const event of events) await indexer.fileChanged(URI.parse(event.uri).fsPath, FILE_CHANGES[event.type]);
    },

    /** Saves the index for the next start (the server is shutting down); a failure is logged, never thrown. */
    saveIndex: () => storage.saveNow(folders.all, configuration.settings()),

    /** A document closed: its disk copy is the index's again. */
    documentClosed: (uri: string) => (uri.startsWith('file:') ? indexer.fileChanged(URI.parse(uri).fsPath, 'changed') : Promise.resolve()),
  };
}
