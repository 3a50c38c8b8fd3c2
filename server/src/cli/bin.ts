#!/usr/bin/env node
// The `readout` bin (built to server/out/cli.js): runs the command line's bundle (main.ts, built to
// cliMain.js beside it) with the V8 code cache the build made of a run of it (cliMain.js.cache), so
// that a run does not compile again what every run compiles (some 50 ms of a cached check of
// 200,000 files); see node/codeCache.ts. With READOUT_WRITE_CODE_CACHE set, as by the build, the
// run writes the cache as it ends.
import * as path from 'node:path';
import { runBundle } from '../node/codeCache';

const MAIN = path.join(__dirname, 'cliMain.js');
runBundle(MAIN, `${MAIN}.cache`, () => Boolean(process.env.READOUT_WRITE_CODE_CACHE));
