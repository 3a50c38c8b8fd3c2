// Files that are not what they seem: a FIFO (which blocks whoever opens it until something writes),
// a file far over the size limit (refused by its size, and no other file affected), and a link to
// a parent folder (each file checked once, by its own path).
import assert from 'node:assert/strict';
import { closeSync, linkSync, openSync, ftruncateSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { buildCli, Fixture } from './cli';
import { CLEAN_READOUT, ERROR_READOUT, REFERENCE } from './readouts';

/** A run that hangs is killed after this long, and fails. */
const HANG_GUARD_MS = 15_000;

interface JsonReport {
  readouts: number;
  files: { path: string; failure?: string; diagnostics: { code: string; message: string }[] }[];
}

/** A sparse file of `bytes` bytes: its size says so, but it takes no room on disk. */
function sparseFile(fixture: Fixture, name: string, bytes: number): string {
  const file = fixture.write(name, '');
  const handle = openSync(file, 'r+');
  ftruncateSync(handle, bytes);
  closeSync(handle);
  return file;
}

before(buildCli);

describe('a FIFO is never opened', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'b.md': ERROR_READOUT });
    execFileSync('mkfifo', [fixture.path('pipe.md')]);
    symlinkSync(fixture.path('pipe.md'), fixture.path('link-to-pipe.md'));
  });
  after(() => fixture.remove());

  test('readout check pipe.md: exit 2 at once, saying what it is', async () => {
    const result = await fixture.run(['check', 'pipe.md'], { timeoutMs: HANG_GUARD_MS });
    assert.equal(result.status, 2, `status ${result.status}: ${result.stderr}`);
    assert.equal(result.stderr, 'readout: pipe.md: it is a named pipe (FIFO), not a regular file, so it is not read\n');
  });

  test('readout render pipe.md: exit 2 at once, saying what it is', async () => {
    const result = await fixture.run(['render', 'pipe.md'], { timeoutMs: HANG_GUARD_MS });
    assert.equal(result.status, 2, `status ${result.status}: ${result.stderr}`);
    assert.equal(result.stderr, 'readout render: pipe.md is not rendered: it is a named pipe (FIFO), not a regular file, so it is not read.\n');
  });

  test('a folder with a link to a FIFO: the link is refused, the other files are checked', async () => {
    const result = await fixture.run(['check', '-f', 'json'], { timeoutMs: HANG_GUARD_MS });
    assert.equal(result.status, 2, `status ${result.status}: ${result.stderr}`);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.readouts, 1);
    assert.deepEqual(report.files.map((file) => [file.path, file.failure, file.diagnostics.map((d) => d.code)]), [
      ['b.md', undefined, ['unknown-value']],
      ['link-to-pipe.md', 'it is a named pipe (FIFO), not a regular file, so it is not read', []],
    ]);
  });
});

describe('a file over the size limit is refused by its size, and no other file is affected', () => {
  let fixture: Fixture;
  before(() => {
    // The 2 GB file first: before, it took 4.2 GB of memory, and the worker read every later file as empty.
    fixture = new Fixture({ 'b.md': ERROR_READOUT, 'c.md': CLEAN_READOUT, 'd-large.md': `${ERROR_READOUT.replace('source_url: https://', 'source_url: https://large.')}${'x'.repeat(1_000_000)}\n` });
    sparseFile(fixture, 'a-huge.md', 2 * 1024 ** 3 + 1);
    sparseFile(fixture, 'e-just-over.md', 16 * 1024 ** 2 + 1);
  });
  after(() => fixture.remove());

  for (const concurrency of ['off', '1']) {
    test(`a 2 GB file and one a byte over 16 MiB: each refused with its size, exit 2; the files after them checked as ever (--concurrency ${concurrency})`, async () => {
      const started = Date.now();
      const result = await fixture.run(['check', '-f', 'json', '--concurrency', concurrency], { timeoutMs: HANG_GUARD_MS });
      assert.equal(result.status, 2, `status ${result.status}: ${result.stderr}`);
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
      const report = JSON.parse(result.stdout) as JsonReport;
      assert.equal(report.readouts, 3);
      assert.deepEqual(report.files.map((file) => [file.path, file.failure, file.diagnostics.map((d) => d.code)]), [
        ['a-huge.md', 'it is 2,048 MiB, over the limit of 16 MiB for a file to read', []],
        ['b.md', undefined, ['unknown-value']],
        ['d-large.md', undefined, ['unknown-value']],
        ['e-just-over.md', 'it is over the limit of 16 MiB for a file to read', []],
      ]);
      assert.equal(result.stderr, [
        'readout: a-huge.md: it is 2,048 MiB, over the limit of 16 MiB for a file to read',
        'readout: e-just-over.md: it is over the limit of 16 MiB for a file to read',
        '',
      ].join('\n'));
    });
  }

  test('readout render of a 2 GB file: refused by its size', async () => {
    const result = await fixture.run(['render', 'a-huge.md'], { timeoutMs: HANG_GUARD_MS });
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'readout render: a-huge.md is not rendered: it is 2,048 MiB, over the limit of 16 MiB for a file to read.\n');
  });
});

describe('each file is checked once, however many paths lead to it', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'a.md': REFERENCE, 'b.md': ERROR_READOUT.replace('of-canada/', 'of-canada-2/'), 'sub/c.md': CLEAN_READOUT });
    // A link to the folder itself: every file is also again/..., again/again/... (the lister stops after one turn).
    symlinkSync('.', fixture.path('again'));
    linkSync(fixture.path('sub/c.md'), fixture.path('hard-link-to-c.md'));
  });
  after(() => fixture.remove());

  test('a link to the folder itself and a hard link: each readout once, by its shortest path, and no duplicate-source-url', async () => {
    const result = await fixture.run(['check', '-f', 'json'], { timeoutMs: HANG_GUARD_MS });
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.readouts, 3);
    assert.deepEqual(report.files.map((file) => [file.path, file.diagnostics.map((d) => d.code)]), [['b.md', ['unknown-value']]]);
  });

  test('the same file named twice, and through the link: checked once', async () => {
    const result = await fixture.run(['check', '-f', 'json', 'b.md', 'again/b.md', 'again', '.'], { timeoutMs: HANG_GUARD_MS });
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.readouts, 3);
    assert.deepEqual(report.files.map((file) => file.path), ['b.md']);
  });
});
