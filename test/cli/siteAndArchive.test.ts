// `readout check` at the root of a repository that is a static site with an archive in it: only the
// readouts are reported, and --fix changes no page of the site.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copySiteAndArchive, FIXABLE, hashes, READOUTS, SITE_PAGES } from '../siteAndArchive';
import { buildCli, runCli } from './cli';
import { coreDiagnostics } from './readouts';

interface JsonReport {
  readouts: number;
  fixed: number;
  files: { path: string; fixed: boolean; diagnostics: { code: string; message: string; line: number; column: number }[] }[];
}

before(buildCli);

describe('a static site with an archive in it, checked at its root', () => {
  let folder: string;
  before(() => {
    folder = copySiteAndArchive();
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test("reports the readouts' mistakes and nothing of the site's pages", async () => {
    const result = await runCli(['check', '--format', 'json'], { cwd: folder });
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.readouts, READOUTS.length);
    assert.deepEqual(report.files.map((file) => file.path), FIXABLE);
    for (const file of report.files) {
      const expected = coreDiagnostics(readFileSync(path.join(folder, file.path), 'utf8'));
      assert.deepEqual(file.diagnostics.map(({ code, message, line, column }) => ({ code, message, line, column })), expected.map(({ code, message, line, column }) => ({ code, message, line, column })));
    }
  });

  test('--fix fixes the readouts and changes no other file, byte for byte', async () => {
    const before = hashes(folder);
    const result = await runCli(['check', '--fix', '--format', 'json'], { cwd: folder });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const after = hashes(folder);
    assert.deepEqual(Object.keys(after), Object.keys(before));
    const changed = Object.keys(before).filter((file) => before[file] !== after[file]);
    assert.deepEqual(changed, FIXABLE);
    for (const page of SITE_PAGES) assert.equal(after[page], before[page], page);
    assert.equal((JSON.parse(result.stdout) as JsonReport).fixed, FIXABLE.length);
  });
});
