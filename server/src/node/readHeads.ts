// The reading half of a workspace scan: the front matter heads of a list of files, each with its
// file's identity and stamp, or why it could not be read. Run by headReader.ts on a thread of its own, so
// that the system calls (opening, reading and closing a file: a quarter of a scan's time) overlap
// with the parsing and indexing on the server's thread; run on the server's thread where no
// thread can be started.
import * as path from 'node:path';
import { readFrontMatterHead } from './readHead';
import { regularFileNames } from './readoutFiles';

export type Head = { readonly text: string; readonly identity: string; readonly stamp: string } | { readonly failure: string };

/**
 * Reads a head for each of `files`, in order. A folder's files are listed together: the regular
 * files of the folder the last file was in need no stat before they are opened.
 */
export function createHeadReading(): (files: readonly string[]) => Head[] {
  let folder: string | undefined;
  let regular = new Set<string>();
  const scratch = Buffer.alloc(2048);
  return (files) => files.map((file) => {
    try {
      const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf(path.sep));
      if (folder === undefined || cut !== folder.length || !file.startsWith(folder)) {
        folder = file.slice(0, cut);
        regular = regularFileNames(folder);
      }
      return readFrontMatterHead(file, scratch, regular.has(file.slice(cut + 1)));
    } catch (error) {
      return { failure: (error as Error).message };
    }
  });
}
