// Runs a CommonJS bundle as Node would, compiled with a V8 code cache: the compiled code of an
// earlier run, so that a start does not compile again what every start compiles. A cache names
// the bundle it was made of (its SHA-1 first) and V8 checks the rest (its version, its flags): a
// cache of another bundle, or one V8 refuses, is passed over.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';

/** The language server's argument naming the folder it keeps its code cache in (`--code-cache=FOLDER`). */
export const CODE_CACHE_ARGUMENT = '--code-cache';

/**
 * Runs the bundle at `main` with the code cache in `cacheFile` when that is this bundle's. When
 * `writeAtExit` says so (it is told whether the cache was taken), the process writes the cache of
 * what it compiled as it exits, whole or not at all; one it cannot write is made again next time.
 */
export function runBundle(main: string, cacheFile: string, writeAtExit: (cacheTaken: boolean) => boolean): void {
  const source = readFileSync(main, 'utf8');
  const sourceHash = createHash('sha1').update(source).digest();
  let cachedData: Buffer | undefined;
  try {
    const bytes = readFileSync(cacheFile);
    if (bytes.subarray(0, sourceHash.length).equals(sourceHash)) cachedData = bytes.subarray(sourceHash.length);
  } catch {
    // None yet, or none this process may read: the bundle is compiled as without one.
  }
  // The function Node wraps a module in, on the bundle's first line, so that its lines keep their numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: main, cachedData });
  if (writeAtExit(cachedData !== undefined && !script.cachedDataRejected)) process.once('exit', () => writeCache(cacheFile, Buffer.concat([sourceHash, script.createCachedData()])));
  const bundle = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(bundle.exports, createRequire(main), bundle, main, path.dirname(main));
}

function writeCache(file: string, bytes: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}
