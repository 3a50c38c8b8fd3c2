// Every file the tools read goes through here: only a regular file is opened (by a stat first, or by
// the type its folder's listing gives), and one over its size limit is refused by its size before a
// byte of it is read. A FIFO named `x.md` would block the
// reading thread until something writes to it, a device may never end, and a 2 GB file would take
// gigabytes of memory.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** A readout is a few kilobytes; a file this large is not one, and reading it would cost its size in memory. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** A file that is not read: not a regular file, or over its size limit. The message says which, in words. */
export class RefusedFileError extends Error {}

// O_NONBLOCK: should a regular file be replaced by a FIFO between the stat and the open, opening it
// returns at once instead of waiting for a writer (fstat then refuses it). O_NOCTTY: a terminal is
// never made this process's controlling one. Neither exists on Windows, where neither is needed.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

const MIB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB` : `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB`);

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function refusal(stats: Stats, maxBytes: number): string | undefined {
  if (!stats.isFile()) return `it is ${kindOf(stats)}, not a regular file, so it is not read`;
  if (stats.size > maxBytes) {
    const shown = size(stats.size);
    return `it is ${shown === size(maxBytes) ? '' : `${shown}, `}over the limit of ${size(maxBytes)} for a file to read`;
  }
  return undefined;
}

/** An open regular file: its descriptor, its size when opened, and what identifies it whatever the path to it. */
export interface OpenFile {
  readonly fd: number;
  readonly size: number;
  /** Device and inode: two paths to one file (a link to its folder, a hard link) give the same. */
  readonly identity: string;
  /** See fileStamp: what says the file is as it was when next stat says the same. */
  readonly stamp: string;
}

/**
 * A file's inode, size, modification and change times (microseconds; ctime moves with any write
 * and cannot be set back): equal stamps from two stats say the file at the path was not replaced
 * or written between them, as git's index and ESLint's cache take them to. Whole numbers, as a
 * float's text costs more to make.
 */
export function fileStamp(stats: Pick<Stats, 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>): string {
  return `${stats.ino}:${stats.size}:${Math.trunc(stats.mtimeMs * 1000)}:${Math.trunc(stats.ctimeMs * 1000)}`;
}

/**
 * A file written this recently may be written again within the same tick of a coarse clock without
 * its stat changing: a cache (the command line's, the server's saved index) does not take its stat
 * as proof until it is older than this (git's "racy" entries; ESLint's cache has the same rule).
 */
export const RACY_MS = 2000;

/**
 * A stamp's modification time, in milliseconds: what a write sets to the clock's time (a change of
 * time alone, as `touch -d` makes, moves the ctime, which the stamp holds too).
 */
export function stampTime(stamp: string): number {
  return Number(stamp.split(':')[2]) / 1000;
}

/** The identity of the file at `file` (links followed), or undefined when there is none to stat. */
export function fileIdentity(file: string): string | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats && `${stats.dev}:${stats.ino}`;
}

/**
 * Opens `file` (links followed) for reading, after making sure it is a regular file of at most
 * `maxBytes`; the caller closes it. Throws a RefusedFileError when it is not, and the system's
 * error when it cannot be opened. `listedRegular`: its folder's listing (readdir's entry type) gave
 * it as a regular file, not a link, which a stat would only say again.
 */
export function openRegularFile(file: string, maxBytes: number, listedRegular = false): OpenFile {
  // Nothing but a regular file is opened (opening a device can itself do something)...
  const before = listedRegular ? undefined : refusal(statSync(file), maxBytes);
  if (before !== undefined) throw new RefusedFileError(before);
  const fd = openSync(file, READ_FLAGS);
  try {
    // ...and what was opened is what is read: the path may have been swapped since.
    const stats = fstatSync(fd);
    const after = refusal(stats, maxBytes);
    if (after !== undefined) throw new RefusedFileError(after);
    return { fd, size: stats.size, identity: `${stats.dev}:${stats.ino}`, stamp: fileStamp(stats) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * Reads a whole regular file of at most `maxBytes` into `buffer` when it fits (reused from one
 * file to the next, never replaced), or into a buffer of its own. The bytes are valid until
 * `buffer` is next used.
 */
export function readRegularFile(file: string, maxBytes: number = MAX_FILE_BYTES, buffer?: Buffer): { bytes: Buffer; identity: string } {
  const { fd, size: expected, identity } = openRegularFile(file, maxBytes);
  try {
    // A byte more than expected tells the end of the file from a file that grew after the stat.
    let target = buffer && buffer.length > expected ? buffer : Buffer.allocUnsafe(expected + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, target, length, target.length - length, null);
      if (read === 0) return { bytes: target.subarray(0, length), identity };
      length += read;
      if (length > maxBytes) throw new RefusedFileError(`it grew past the limit of ${size(maxBytes)} for a file to read while it was read`);
      if (length === target.length) {
        const grown = Buffer.allocUnsafe(Math.min(target.length * 2, maxBytes + 1));
        target.copy(grown, 0, 0, length);
        target = grown;
      }
    }
  } finally {
    closeSync(fd);
  }
}
