import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { WorkspaceIndex } from './core/workspaceIndex';
import type { ReadoutService } from './core/languageService';
import { readFrontMatterHead } from './readHead';
import type { FilePlace } from './readoutFiles';
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

  function drop(uri: string, changed: Set<string>): void {
    const url = index.get(uri)?.sourceUrl?.value;
    if (index.delete(uri) && url !== undefined) changed.add(url);
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
        onEntry(entry) {
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
        let text: string | undefined;
        try {
          text = readFrontMatterHead(file);
        } catch (error) {
          options.log(`Could not read ${file}: ${(error as Error).message}`);
        }
        const entry = text === undefined ? undefined : options.service().getEntry({ uri, text, inReadoutFiles: place.inReadoutFiles });
        const before = index.get(uri)?.sourceUrl?.value;
        if (entry) {
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
