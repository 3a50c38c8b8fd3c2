// `path-mismatch` in `readout check`: `layout: auto` is decided on the run's readouts, on the main
// thread and on worker threads alike; `--fix` never moves a file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { writeCorpus } from '../corpus';
import { REAL_READOUTS } from '../fixtures/realReadouts';
import { buildCli, Fixture } from './cli';

before(buildCli);

const STRAY = REAL_READOUTS[0];
// The same readout one month folder off.
const ASTRAY = STRAY.file.replace(/\/(\d{4})-(\d{2})\//, (_, year: string, month: string) => `/${year}-${String(Number(month) % 12 + 1).padStart(2, '0')}/`);

function listAll(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).sort();
}

describe('readout check and the archive layout', () => {
  let fixture: Fixture;
  before(async () => {
    fixture = new Fixture();
    await writeCorpus(fixture.folder, { count: 60, seed: 5 });
    fixture.write(ASTRAY, STRAY.text);
  });
  after(() => fixture.remove());

  for (const threads of ['off', '2']) {
    test(`auto: an archive that follows the layout gets path-mismatch on the file out of place, and nothing else (--concurrency ${threads})`, async () => {
      const result = await fixture.run(['check', '--format', 'json', '--concurrency', threads]);
      assert.equal(result.status, 0, result.stderr);
      const report = JSON.parse(result.stdout) as { readouts: number; files: { path: string; diagnostics: { code: string; severity: string; line: number; message: string }[] }[] };
      assert.equal(report.readouts, 61);
      const warnings = report.files.flatMap((file) => file.diagnostics.filter((d) => d.severity === 'warning' || d.severity === 'error').map((d) => [file.path, d.code, d.line]));
      assert.deepEqual(warnings, [[ASTRAY, 'path-mismatch', 2]]);
      assert.match(report.files.find((file) => file.path === ASTRAY)!.diagnostics[0].message, new RegExp(`puts this readout at ${STRAY.file.replace(/[.]/g, '\\.')}, not `));
    });
  }

  test('--fix moves no file and changes no byte of the file out of place', async () => {
    const files = listAll(fixture.folder);
    const result = await fixture.run(['check', '--fix']);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(listAll(fixture.folder), files);
    assert.equal(readFileSync(fixture.path(ASTRAY), 'utf8'), STRAY.text);
    assert.match(result.stdout, /path-mismatch/);
  });

  test("layout: off in .readoutrc.json silences it; a template that cannot be one stops the run", async () => {
    fixture.write('.readoutrc.json', JSON.stringify({ layout: 'off' }));
    const off = await fixture.run(['check']);
    assert.equal(off.status, 0, off.stderr);
    assert.doesNotMatch(off.stdout, /path-mismatch/);
    fixture.write('.readoutrc.json', JSON.stringify({ layout: '{category}/{slug' }));
    const bad = await fixture.run(['check']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /layout: The layout '\{category\}\/\{slug' has an unclosed \{/);
    fixture.write('.readoutrc.json', '{}');
  });
});

describe('readout check on a flat folder of readouts', () => {
  test("auto stays off: fewer than 90% follow the layout; a layout set explicitly applies to every readout", async () => {
    const fixture = new Fixture();
    try {
      REAL_READOUTS.forEach((readout, at) => fixture.write(`flat/${at}.md`, readout.text));
      const auto = await fixture.run(['check']);
      assert.equal(auto.status, 0, auto.stderr);
      assert.doesNotMatch(auto.stdout, /path-mismatch/);
      fixture.write('.readoutrc.json', JSON.stringify({ layout: '{category}/{yyyy}-{mm}/{date}-{slug}.{ext}' }));
      const always = await fixture.run(['check', '--format', 'json']);
      const codes = (JSON.parse(always.stdout) as { files: { diagnostics: { code: string }[] }[] }).files.flatMap((file) => file.diagnostics.map((d) => d.code));
      assert.equal(codes.filter((code) => code === 'path-mismatch').length, REAL_READOUTS.length);
    } finally {
      fixture.remove();
    }
  });
});
