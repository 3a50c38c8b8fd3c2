#!/usr/bin/env node
// The `readout` bin (built to server/out/cli.js): runs the command line's bundle (main.ts, built to
// cliMain.js beside it) with the V8 code cache the build made of a run of it (cliMain.js.cache), so
// that a run does not compile again what every run compiles (some 50 ms of a cached check of
// 200,000 files). A cache of another bundle (each names its bundle's SHA-1), or one V8 rejects
// (another version of Node), is passed over. With READOUT_WRITE_CODE_CACHE set, as by the build,
// the run writes the cache as it ends.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';

const MAIN = path.join(__dirname, 'cliMain.js');
const CACHE = `${MAIN}.cache`;

const source = readFileSync(MAIN, 'utf8');
const sourceHash = createHash('sha1').update(source).digest();

/** V8's data in the cache, when the cache is of this bundle. */
function cachedData(): Buffer | undefined {
  try {
    const bytes = readFileSync(CACHE);
    return bytes.subarray(0, sourceHash.length).equals(sourceHash) ? bytes.subarray(sourceHash.length) : undefined;
  } catch {
    return undefined;
  }
}

// The bundle as Node would run it, in a function of CommonJS's arguments (on its first line, so that its lines keep their numbers).
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: MAIN, cachedData: cachedData() });
if (process.env.READOUT_WRITE_CODE_CACHE) process.once('exit', () => writeFileSync(CACHE, Buffer.concat([sourceHash, script.createCachedData()])));
const bundle = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(bundle.exports, createRequire(MAIN), bundle, MAIN, path.dirname(MAIN));
