// The `readout` bin runs the command line's bundle with the code cache the build made of it: a
// cache of another bundle, or a damaged one, is passed over, and the command line runs as built.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { version } from '../../package.json';
import { buildCli, CLI_PATH } from './cli';

before(buildCli);

describe('the readout bin and its code cache', () => {
  let folder: string;
  const bin = () => path.join(folder, 'cli.js');
  const main = () => path.join(folder, 'cliMain.js');
  const cache = () => path.join(folder, 'cliMain.js.cache');
  const run = (env: Record<string, string> = {}) => spawnSync(process.execPath, [bin(), '--version'], { encoding: 'utf8', env: { ...process.env, ...env } });

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'readout-bin-'));
    copyFileSync(CLI_PATH, bin());
    copyFileSync(path.join(path.dirname(CLI_PATH), 'cliMain.js'), main());
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('a run with READOUT_WRITE_CODE_CACHE writes the cache, named by its bundle\'s SHA-1; the next run uses it and says the same', () => {
    rmSync(cache(), { force: true });
    assert.equal(run({ READOUT_WRITE_CODE_CACHE: '1' }).stdout, `${version}\n`);
    const written = readFileSync(cache());
    assert.deepEqual(written.subarray(0, 20), createHash('sha1').update(readFileSync(main(), 'utf8')).digest());
    assert.ok(written.length > 100_000, `${written.length} bytes of code`);
    assert.deepEqual([run().status, run().stdout], [0, `${version}\n`]);
  });

  test('a cache of another bundle of the same length is passed over: the bundle runs as it is', () => {
    rmSync(cache(), { force: true });
    run({ READOUT_WRITE_CODE_CACHE: '1' });
    // The version in the bundle changed, its length not: V8 alone would take the cache as this bundle's.
    const other = version.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
    const bundle = readFileSync(main(), 'utf8');
    assert.ok(bundle.includes(`"${version}"`));
    writeFileSync(main(), bundle.replaceAll(`"${version}"`, `"${other}"`));
    try {
      assert.equal(run().stdout, `${other}\n`);
    } finally {
      writeFileSync(main(), bundle);
    }
  });

  test('a damaged cache of this bundle is passed over', () => {
    rmSync(cache(), { force: true });
    run({ READOUT_WRITE_CODE_CACHE: '1' });
    const written = readFileSync(cache());
    for (const damaged of [written.subarray(0, 30), Buffer.concat([written.subarray(0, 20), Buffer.alloc(written.length - 20, 7)])]) {
      writeFileSync(cache(), damaged);
      assert.deepEqual([run().status, run().stdout], [0, `${version}\n`]);
    }
  });
});
