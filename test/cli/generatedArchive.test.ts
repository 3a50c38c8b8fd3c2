// `readout check` on an archive generated with the real archive's statistics: 20,000 readouts in
// the archive's layout, both URL eras, on worker threads. Only the mistakes made in a sample are
// reported at warning or error, each with its code on its line; `--fix` changes none of the rest.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { archiveWithDefects, DEFECT_KINDS, type ArchiveWithDefects } from '../defects';
import { buildCli, Fixture } from './cli';

before(buildCli);

interface JsonReport {
  readouts: number;
  files: { path: string; diagnostics: { code: string; severity: string; line: number }[] }[];
}

describe('readout check on a realistic archive of 20,000 readouts with mistakes in a sample', () => {
  let fixture: Fixture;
  let archive: ArchiveWithDefects;
  before(() => {
    fixture = new Fixture();
    archive = archiveWithDefects(20_000, 13, 3, fixture.folder);
  });
  after(() => fixture.remove());

  test('reports each mistake with its code on its line; at warning or error, nothing else', async () => {
    const result = await fixture.run(['check', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.readouts, 20_000);
    assert.equal(archive.defects.size, DEFECT_KINDS.length * 3);
    const reported = new Map(report.files.map((file) => [file.path, file.diagnostics]));
    for (const [relativePath, defect] of archive.defects) {
      const diagnostics = reported.get(relativePath) ?? [];
      const label = `${defect.kind} in ${relativePath}: ${JSON.stringify(diagnostics)}`;
      // The report's lines are 1-based.
      assert.ok(diagnostics.some((d) => d.code === defect.code && d.line === defect.line + 1), label);
      assert.ok(diagnostics.every((d) => d.line === defect.line + 1 || (d.severity !== 'error' && d.severity !== 'warning')), label);
    }
    const elsewhere = report.files.filter((file) => !archive.defects.has(file.path)).flatMap((file) =>
      file.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${file.path}:${d.line} ${d.code}`));
    assert.deepEqual(elsewhere, []);
  });

  test('--fix changes no file but the fixable mistakes (none of the published titles or URLs)', async () => {
    const hash = (relativePath: string) => createHash('sha256').update(readFileSync(fixture.path(relativePath))).digest('hex');
    const before = new Map(archive.files.map((file) => [file.relativePath, hash(file.relativePath)]));
    const result = await fixture.run(['check', '--fix', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const changed = archive.files.filter((file) => hash(file.relativePath) !== before.get(file.relativePath)).map((file) => archive.defects.get(file.relativePath)?.kind ?? file.relativePath);
    // Only the safe fixes: a misspelt tag and key; a date one day off (from published_time).
    assert.deepEqual([...new Set(changed)].sort(), ['date one day off', 'key typo', 'tag typo']);
  });
});
