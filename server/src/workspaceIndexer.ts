import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { WorkspaceIndex } from './core/workspaceIndex';
import type { ReadoutService } from './core/languageService';
import { readFrontMatterHead } from './readHead';
import { fileIdentity } from './regularFile';
import { byDepth, type FilePlace } from './readoutFiles';
import type { Settings } from './settings';
import { scanFolders, type ScanProgress } from './workspaceScan';

export interface IndexerOptions {
  readonly index: WorkspaceIndex;
  /** Open documents override their disk copy: their entries come from the editor. */
  readonly isOpen: (uri: string) => boolean;
  readonly service: () => ReadoutService;
  readonly settings: () => Settings;
  /** Where the settings put the file, and whether a scan of the workspace lists it: the index holds only those. */
  readonly place: (file: string) => FilePlace & { readonly listed: boolean };
  /** The source URLs whose readouts changed, so that open documents sharing them are checked again. */
  readonly onUrlsChanged: (urls: ReadonlySet<string>) => void;
  readonly log: (message: string) => void;
}

export type FileChange = 'created' | 'changed' | 'deleted';

/** Keeps the workspace index in step with the disk: a scan per folder, then file events. */
export function createIndexer(options: IndexerOptions) {
  const { index } = options;

  function inFolder(uri: string, folder: string): boolean {
    const relative = path.relative(folder, URI.parse(uri).fsPath);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  }

  // The file each indexed path reads, and the path indexed for each file: a file reached by several
  // paths (a link to its folder, a hard link) is indexed once, by the shortest, never as its own duplicate.
  const identityOf = new Map<string, string>();
  const pathOf = new Map<string, string>();

  function drop(uri: string, changed: Set<string>): void {
    const url = index.get(uri)?.sourceUrl?.value;
    if (index.delete(uri) && url !== undefined) changed.add(url);
    const identity = identityOf.get(uri);
    if (identity !== undefined && pathOf.get(identity) === uri) pathOf.delete(identity);
    identityOf.delete(uri);
  }

  /** Whether `uri` is the path to index its file by; another path indexed for it is dropped when this one is shorter. */
  function claim(uri: string, identity: string, changed: Set<string>): boolean {
    const holder = pathOf.get(identity);
    if (holder !== undefined && holder !== uri && index.get(holder) !== undefined) {
      const file = URI.parse(uri).fsPath;
      const holderFile = URI.parse(holder).fsPath;
      // A holder renamed away (its deletion not reported yet) no longer leads to the file: it keeps no claim.
      if (fileIdentity(holderFile) === identity && byDepth([file, holderFile])[0] !== file) return false;
      drop(holder, changed);
    }
    const previous = identityOf.get(uri);
    if (previous !== undefined && previous !== identity && pathOf.get(previous) === uri) pathOf.delete(previous);
    pathOf.set(identity, uri);
    identityOf.set(uri, identity);
    return true;
  }

  return {
    /** Scans folders; what the index held for them from disk is replaced once the scan is done. */
    async scan(folders: readonly string[], onProgress?: (progress: ScanProgress) => void): Promise<void> {
      const started = Date.now();
      const seen = new Set<string>();
      const changed = new Set<string>();
      let failures = 0;
      const settings = options.settings();
      await scanFolders(folders, {
        settings,
        // Without readout.files, no path need be placed: the fields decide.
        inReadoutFiles: settings.files.length === 0 ? () => false : (file) => options.place(file).inReadoutFiles,
        onProgress,
        parse: (uri, text, inReadoutFiles) => options.service().getEntry({ uri, text, inReadoutFiles }),
        onFailure(file, reason) {
          failures++;
          options.log(`Could not read ${file}: ${reason}`);
        },
        onEntry(entry, identity) {
          // A second path to a file the index holds is not a readout of its own.
          if (!claim(entry.uri, identity, changed)) return;
          seen.add(entry.uri);
          // Its folder may have left the workspace while the scan ran.
          if (options.isOpen(entry.uri) || !options.place(URI.parse(entry.uri).fsPath).listed) return;
          const before = index.get(entry.uri)?.sourceUrl?.value;
          index.set(entry);
          if (before !== entry.sourceUrl?.value) {
            if (before !== undefined) changed.add(before);
            if (entry.sourceUrl) changed.add(entry.sourceUrl.value);
          }
        },
      });
      // Entries of these folders that the scan no longer found (deleted, excluded, no longer readouts).
      for (const entry of [...index.entries()]) {
        if (!seen.has(entry.uri) && !options.isOpen(entry.uri) && folders.some((folder) => inFolder(entry.uri, folder))) drop(entry.uri, changed);
      }
      const heap = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
      const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
      options.log(`Indexed ${plural(seen.size, 'readout')} in ${plural(folders.length, 'folder')} in ${Date.now() - started} ms (heap ${heap} MiB; ${plural(index.size, 'readout')} in the index)${failures ? `; ${plural(failures, 'file')} could not be read` : ''}.`);
      if (changed.size > 0) options.onUrlsChanged(changed);
    },

    /** Forgets a folder that left the workspace, its open documents included: they are no longer the workspace's. */
    dropFolder(folder: string): void {
      const changed = new Set<string>();
      for (const entry of [...index.entries()]) {
        if (inFolder(entry.uri, folder)) drop(entry.uri, changed);
      }
      if (changed.size > 0) options.onUrlsChanged(changed);
    },

    /** A file was created, changed or deleted on disk (an open document's editor copy wins). */
    async fileChanged(file: string, change: FileChange): Promise<void> {
      const uri = URI.file(file).toString();
      if (options.isOpen(uri)) return;
      const changed = new Set<string>();
      const place = options.place(file);
      if (change === 'deleted' || !place.listed) {
        drop(uri, changed);
      } else {
        let head: { text: string; identity: string } | undefined;
        try {
          head = readFrontMatterHead(file);
        } catch (error) {
          options.log(`Could not read ${file}: ${(error as Error).message}`);
        }
        const entry = head === undefined ? undefined : options.service().getEntry({ uri, text: head.text, inReadoutFiles: place.inReadoutFiles });
        const before = index.get(uri)?.sourceUrl?.value;
        if (entry && claim(uri, head!.identity, changed)) {
          index.set(entry);
          if (before !== undefined) changed.add(before);
          if (entry.sourceUrl) changed.add(entry.sourceUrl.value);
        } else {
          drop(uri, changed);
        }
      }
      if (changed.size > 0) options.onUrlsChanged(changed);
    },
  };
}

export type Indexer = ReturnType<typeof createIndexer>;
