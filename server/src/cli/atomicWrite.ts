// Writes that never leave a file half-written: the new text goes to a temporary file in the same
// folder (same file system, so the rename is atomic), is flushed to disk, then renamed over the
// original. A crash, a full disk or a refused write leaves the original as it was.
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Test hook: when READOUT_FAIL_WRITE is the path of the file being written, the write stops after
 * half of the temporary file with the error a full disk gives (ENOSPC). The tests use it to check
 * that the original is left intact, the temporary file removed and the failure reported.
 */
const FAIL_WRITE_HOOK = 'READOUT_FAIL_WRITE';

const REFUSED = new Set(['EACCES', 'EPERM', 'EROFS']);

/** Why a write failed, in words for the report. */
export class WriteError extends Error {}

function diskFull(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

export function writeFailure(error: unknown): string {
  return error instanceof WriteError ? error.message : `it could not be written (${(error as Error).message})`;
}

/**
 * Replaces `file` (or creates it) with `data` (text is written as UTF-8; parts are written one after
 * the other, not joined first), atomically; the original's permissions and owner are kept.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  const parts = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
  // Through a symbolic link, the file it points to is replaced, not the link.
  let target = path.resolve(file);
  let original: { mode: number; uid: number; gid: number; isDirectory(): boolean } | undefined;
  try {
    target = realpathSync(target);
    original = statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (original?.isDirectory()) throw new WriteError('it is a folder, not a file');
  if (original) {
    // A rename would replace a read-only file whose folder is writable: refuse, as a plain write would.
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      throw REFUSED.has((error as NodeJS.ErrnoException).code ?? '') ? new WriteError('the file is read-only') : error;
    }
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle: number;
  try {
    handle = openSync(temporary, 'wx', original ? original.mode & 0o7777 : 0o666);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // Said in words: the temporary file's name means nothing to the person who named `file`.
    if (REFUSED.has(code)) throw new WriteError('its folder is read-only');
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WriteError('its folder does not exist');
    throw error;
  }
  let closed = false;
  try {
    const failing = process.env[FAIL_WRITE_HOOK] !== undefined && path.resolve(process.env[FAIL_WRITE_HOOK]!) === target;
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    let left = failing ? total >> 1 : total;
    for (const part of parts) {
      const length = Math.min(part.length, left);
      for (let written = 0; written < length;) written += writeSync(handle, part, written, length - written);
      left -= length;
    }
    if (failing) throw diskFull();
    if (original) {
      // openSync's mode passes through the umask; the original's is restored exactly.
      fchmodSync(handle, original.mode & 0o7777);
      if (process.getuid?.() === 0) fchownSync(handle, original.uid, original.gid);
    }
    fsyncSync(handle);
    closeSync(handle);
    closed = true;
    renameSync(temporary, target);
  } catch (error) {
    if (!closed) closeSync(handle);
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone: nothing to clean up.
    }
    throw error;
  }
}
