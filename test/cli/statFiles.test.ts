// The stat of every file a run lists: from 20,000 files shared with a worker thread, each file's
// numbers land at its own place whichever thread took it, a missing file reads NaN, and a stat
// that fails otherwise (as statSync would throw) fails the whole, in either half.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { STAT_FIELDS, startStatFeed, startStatWorker, statFiles } from '../../server/src/node/statFiles';

const MANY = 30_000;

describe('statFiles', () => {
  let folder: string;
  let real: string[];
  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'readout-stat-'));
    real = ['a.md', 'b.md', 'c.txt'].map((name, at) => {
      const file = path.join(folder, name);
      writeFileSync(file, 'x'.repeat(at + 1));
      return file;
    });
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  /** Every thousandth path a real file (in both halves), every thousandth the folder (not a regular file), the others missing. */
  const paths = () => Array.from({ length: MANY }, (_, at) => (at % 1000 === 7 ? real[(at / 1000) % 3 | 0] : at % 1000 === 8 ? folder : path.join(folder, `missing-${at}.md`)));

  const expectStats = (files: readonly string[], { stats, devices, regular }: Awaited<ReturnType<typeof statFiles>>) => {
    assert.equal(stats.length, files.length * STAT_FIELDS);
    files.forEach((file, at) => {
      const stat = statSync(file, { throwIfNoEntry: false });
      const got = [...stats.subarray(at * STAT_FIELDS, (at + 1) * STAT_FIELDS), devices[at], regular[at]];
      assert.deepEqual(got, stat ? [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, stat.dev, stat.isFile() ? 1 : 0] : [NaN, NaN, NaN, NaN, NaN, 0], file);
    });
  };

  test('many files, with a worker started now or before: each stat at its place, NaN for a missing file', async () => {
    const files = paths();
    expectStats(files, await statFiles(files));
    expectStats(files, await statFiles(files, { worker: startStatWorker(files.length) }));
  });

  test('many files left to the worker alone, this thread doing other work meanwhile', async () => {
    const files = paths();
    let meanwhile = 0;
    expectStats(files, await statFiles(files, { shareThisThread: false, meanwhile: () => meanwhile++ }));
    assert.equal(meanwhile, 1);
  });

  test('few files: this thread alone, a worker started for more is ended', async () => {
    assert.equal(startStatWorker(100), undefined);
    expectStats(real, await statFiles(real, { worker: startStatWorker(MANY) }));
  });

  test('a feed: files given in bursts as a listing finds them, the worker taking each chunk as it comes; each stat at its place', async () => {
    // One count a multiple of the chunks (1,024 files), one not; this thread sharing or not.
    for (const [count, shareThisThread] of [[20 * 1024, true], [MANY, true], [MANY, false]] as const) {
      const files = paths().slice(0, count);
      const feed = startStatFeed(startStatWorker(count));
      for (let from = 0; from < files.length; from += 2500) {
        files.slice(from, from + 2500).forEach(feed.add);
        // This thread lets the others run between bursts, as a listing does between its folders: the
        // worker, when it has caught up, waits for more.
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.deepEqual(feed.files, files);
      expectStats(files, await feed.finish({ shareThisThread }));
    }
  });

  test('a feed cancelled (its listing failed) ends its worker', async () => {
    const worker = startStatWorker(MANY)!;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const feed = startStatFeed(worker);
    paths().slice(0, 5000).forEach(feed.add);
    feed.cancel();
    await exited;
  });

  test('a stat that fails otherwise than for a missing file fails the whole, in either half', async () => {
    const tooLong = path.join(folder, 'x'.repeat(300));
    for (const at of [10, MANY - 10]) {
      const files = paths();
      files[at] = tooLong;
      await assert.rejects(statFiles(files), /ENAMETOOLONG/, `at ${at}`);
    }
  });
});
