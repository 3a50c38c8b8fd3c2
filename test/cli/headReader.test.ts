// The scan's files read ahead on a thread (server/out/headWorker.js, built): the same heads, in
// the same order, as reading them on the server's thread; and the same again when the thread
// cannot start, fails or stops part way.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HEAD_BATCH, LONG_HEAD, startHeadReader, type HeadReader } from '../../server/src/node/headReader';
import { createHeadReading, type Head } from '../../server/src/node/readHeads';
import { Fixture } from './cli';

const BUILT_WORKER = path.join(__dirname, '..', '..', 'server', 'out', 'headWorker.js');

/** Every head, and whether a thread read them to the end. */
async function all(reader: HeadReader): Promise<{ heads: Head[]; threaded: boolean }> {
  const heads: Head[] = [];
  for (let n = 0; n < reader.batches; n++) heads.push(...(await reader.batch(n)));
  const threaded = reader.threaded;
  reader.close();
  return { heads, threaded };
}

describe('startHeadReader', () => {
  let fixture: Fixture;
  let files: string[];
  let expected: Head[];
  before(() => {
    fixture = new Fixture();
    files = [];
    // Over two batches, in several folders, with what cannot be read and a head too long to send.
    for (let at = 0; at < HEAD_BATCH * 2 + 17; at++) files.push(fixture.write(`f${at % 3}/r${String(at).padStart(4, '0')}.md`, `---\ntitle: Readout ${at}\n---\nBody.\n`));
    files.push(fixture.path('f0/missing.md'));
    execFileSync('mkfifo', [fixture.path('f1/pipe.md')]);
    files.push(fixture.path('f1/pipe.md'));
    files.push(fixture.write('f2/long.md', `---\ntitle: Long\nnotes: ${'x'.repeat(LONG_HEAD)}\n---\n`));
    files.push(fixture.write('f2/last.md', '---\ntitle: Last\n---\n'));
    expected = createHeadReading()(files);
  });
  after(() => fixture.remove());

  test('on the thread: the heads, failures and identities that reading here gives, in order', async () => {
    const logged: string[] = [];
    const { heads, threaded } = await all(startHeadReader(files, { script: BUILT_WORKER, threadFrom: 0, log: (message) => logged.push(message) }));
    assert.deepEqual(heads, expected);
    assert.equal(threaded, true);
    assert.ok(expected.some((head) => 'failure' in head && /ENOENT/.test(head.failure)));
    assert.ok(expected.some((head) => 'failure' in head && /named pipe/.test(head.failure)));
    assert.ok(expected.some((head) => 'text' in head && head.text.length > LONG_HEAD));
    assert.deepEqual(logged, []);
  });

  test('batches taken one at a time, each as it is asked for, whatever the thread has read ahead', async () => {
    const reader = startHeadReader(files, { script: BUILT_WORKER, threadFrom: 0, log: () => {} });
    const heads: Head[] = [];
    for (let n = 0; n < reader.batches; n++) {
      // The server parses a batch before it asks for the next.
      await new Promise((resolve) => setImmediate(resolve));
      heads.push(...(await reader.batch(n)));
    }
    reader.close();
    assert.deepEqual(heads, expected);
  });

  test('a thread that cannot start, fails or stops: the files are read here, and the log says so once', async () => {
    const scripts = {
      fails: fixture.write('scripts/fails.js', "throw new Error('no thread today');\n"),
      stops: fixture.write('scripts/stops.js', "require('node:worker_threads').parentPort.once('message', () => process.exit(3));\n"),
    };
    for (const [name, script] of Object.entries(scripts)) {
      const logged: string[] = [];
      assert.deepEqual(await all(startHeadReader(files, { script, threadFrom: 0, log: (message) => logged.push(message) })), { heads: expected, threaded: false }, name);
      assert.equal(logged.length, 1, name);
      assert.match(logged[0], /^Reading the files on the server's thread from here: the reading thread (failed \(no thread today\)|stopped \(exit code 3\))\.$/, name);
    }
  });

  test('no thread for a scan of few files, or where the script is not there', async () => {
    for (const options of [{ script: BUILT_WORKER, threadFrom: files.length + 1 }, { script: fixture.path('scripts/none.js'), threadFrom: 0 }]) {
      const logged: string[] = [];
      assert.deepEqual(await all(startHeadReader(files, { ...options, log: (message) => logged.push(message) })), { heads: expected, threaded: false });
      assert.deepEqual(logged, []);
    }
  });
});
