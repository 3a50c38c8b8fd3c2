// The index kept between sessions (node/indexSnapshot.ts): restored at the start, before the scan
// that checks it against the disk, and saved after a scan or file events changed it, in short
// steps while the client is quiet, or at once when the server shuts down. Saved in the folder the
// client gives (VS Code's workspace storage), else in a cache folder of the user's, one per set of
// workspace folders.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { isSnapshotError, openSnapshot, writeSnapshot, type RestoredFiles, type SnapshotRecord, type SnapshotWriting } from '../node/indexSnapshot';
import type { Settings } from '../node/settings';
import { userCacheFolder } from '../node/userCacheFolder';
import type { TitleTable } from '../core/titleTable';
import { whileIdleAfterScan } from './idleWork';
import { countText, describeError } from './logging';

/**
 * Records written per step of a save, each step a chunk of the snapshot that a restore reads in a
 * step of its own: a save's step takes about 4 ms (a median at 200,000 readouts), a restore's 5.
 * Chunks of 256 took a warm start's restore 0.1 s longer, in what each chunk costs besides its records.
 */
const RECORDS_PER_CHUNK = 1024;

/** What the storage reads from and writes to: the indexer's side of it. */
export interface StoredIndex {
  restore(files: RestoredFiles): number;
  readonly generation: number;
  records(): Iterator<SnapshotRecord>;
  /**
   * The index's title table: what it made of each title is saved with the records that have it,
   * and its use order last; a restore has it reuse those makings and take that order back.
   */
  titles(): TitleTable;
}

export interface IndexStorageOptions {
  /** The folder the client keeps the server's files in (initializationOptions.indexStorage), if it gives one. */
  readonly folder: string | undefined;
  readonly version: string;
  readonly index: StoredIndex;
  readonly log: (message: string) => void;
  /** How long the client has been quiet: a save runs while it is. */
  readonly quietFor: () => number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function createIndexStorage(options: IndexStorageOptions) {
  const { index, log } = options;
  let saved = -1;
  let writing: { writer: SnapshotWriting; records: Iterator<SnapshotRecord>; generation: number } | undefined;
  let failedOnce = false;

  const fileFor = (folders: readonly string[]) => path.join(options.folder ?? path.join(userCacheFolder(), 'readout', 'index', sha256(JSON.stringify([...folders].sort())).slice(0, 16)), 'index.snapshot');
  /**
   * What an entry read from a file depends on besides the file, and what tells whether it follows
   * the archive's layout (the URL forms): a snapshot made with another is not read.
   */
  const keyFor = (folders: readonly string[], settings: Settings) => sha256(JSON.stringify({ version: options.version, folders: [...folders].sort(), files: settings.files, exclude: settings.exclude, urls: settings.urls }));

  const failed = (doing: string, error: unknown) => {
    if (!failedOnce) log(`Could not ${doing} the saved index (${describeError(error)}): the next start reads every file.`);
    failedOnce = true;
  };

  /** Writes the next chunk of the save under way; false when it is done (or failed). */
  function writeStep(): boolean {
    if (!writing) return false;
    const current = writing;
    try {
      const chunk: SnapshotRecord[] = [];
      for (let next = current.records.next(); !next.done; next = current.records.next()) {
        chunk.push(next.value);
        if (chunk.length === RECORDS_PER_CHUNK) break;
      }
      current.writer.add(chunk);
      if (chunk.length === RECORDS_PER_CHUNK) return true;
      current.writer.commit(index.titles().byUse().map((record) => record.title));
      saved = current.generation;
    } catch (error) {
      current.writer.abort();
      failed('write', error);
    }
    writing = undefined;
    return false;
  }

  function startSaving(folders: readonly string[], settings: Settings): boolean {
    if (writing || index.generation === saved || folders.length === 0) return false;
    try {
      writing = { writer: writeSnapshot(fileFor(folders), keyFor(folders, settings), (titles) => index.titles().makingsOf(titles)), records: index.records(), generation: index.generation };
      return true;
    } catch (error) {
      failed('write', error);
      return false;
    }
  }

  return {
    /**
     * Fills the index from the snapshot saved for these folders and settings, chunk by chunk (the
     * server answers requests between them): undefined when there is none to use, else the
     * filling, whose stamps the scan that follows may trust.
     */
    restore(folders: readonly string[], settings: Settings): Promise<void> | undefined {
      if (folders.length === 0) return undefined;
      const started = performance.now();
      const file = fileFor(folders);
      const reading = openSnapshot(file, keyFor(folders, settings));
      if (reading === undefined) return undefined;
      if (typeof reading === 'string') {
        log(`Not using the index saved in ${file}: ${reading}. Reading every file.`);
        return undefined;
      }
      return (async () => {
        let readouts = 0;
        try {
          index.titles().reuse(reading.madeTitle);
          for (let files = reading.next(); files; files = reading.next()) {
            readouts += index.restore(files);
            await yieldToEvents();
          }
          const useOrder = reading.useOrder();
          if (useOrder) index.titles().adoptUseOrder(useOrder);
        } catch (error) {
          if (!isSnapshotError(error)) throw error;
          log(`Stopped reading the index saved in ${file}: ${error.message}. The files it did not give are read.`);
        } finally {
          reading.close();
          index.titles().reuse(undefined);
        }
        saved = index.generation;
        log(`Restored ${countText(readouts)} readout${readouts === 1 ? '' : 's'} from the index saved ${reading.written.toISOString()} in ${Math.round(performance.now() - started)} ms; checking them against the files.`);
      })();
    },

    /** Saves the index in steps while the client is quiet, when it changed since it was restored or saved. */
    saveWhenQuiet(folders: readonly string[], settings: Settings): void {
      if (startSaving(folders, settings)) whileIdleAfterScan(writeStep, (error) => failed('write', error), undefined, options.quietFor);
    },

    /** Saves now, the save under way finished or a new one made (the server is shutting down). */
    saveNow(folders: readonly string[], settings: Settings): void {
      if (!writing) startSaving(folders, settings);
      while (writeStep());
    },
  };
}

export type IndexStorage = ReturnType<typeof createIndexStorage>;
