// Property test over folders of hostile files (fast-check, fixed seed): readouts mixed with FIFOs,
// links to a parent folder, link cycles, dangling links, hard links, folders named like readouts
// and sparse files over the size limit, in any order. `readout check --fix` must end in time, list
// no FIFO (a folder lists regular files only; one named on the command line is refused, see
// files.test.ts), refuse each oversized file by its size, check and fix each readout once, and
// add or remove no file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, linkSync, mkdirSync, openSync, readdirSync, symlinkSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildCli, Fixture } from './cli';
import { CLEAN_READOUT, ERROR_READOUT } from './readouts';

/** Fixed, so that a failure is reproduced by running the suite again. */
const SEED = 20_261_203;
/** Each run is one `readout check` of a folder of up to 8 entries (about half a second each). */
const NUM_RUNS = 12;
const HANG_GUARD_MS = 20_000;

type Kind = 'clean' | 'error' | 'fifo' | 'parent-link' | 'cycle' | 'dangling' | 'folder-named-md' | 'oversized' | 'hard-link';

const ENTRY = fc.constantFrom<Kind>('clean', 'error', 'fifo', 'parent-link', 'cycle', 'dangling', 'folder-named-md', 'oversized', 'hard-link');

interface JsonReport {
  readouts: number;
  files: { path: string; failure?: string; diagnostics: { code: string }[] }[];
}

/** A readout with a source_url of its own, so that no two are duplicates of each other. */
function ownReadout(text: string, index: number): string {
  return text.replace(/(source_url: \S+?)\/\n/, `$1-${index + 2}/\n`);
}

/** Makes the folder; returns the readouts' paths, the FIFOs' and those of the files to refuse. */
function populate(fixture: Fixture, kinds: readonly Kind[]): { readouts: Set<string>; fifos: Set<string>; refused: Set<string> } {
  const readouts = new Set<string>();
  const fifos = new Set<string>();
  const refused = new Set<string>();
  let lastReadout: string | undefined;
  kinds.forEach((kind, index) => {
    const name = `f${index}.md`;
    const file = fixture.path(name);
    switch (kind) {
      case 'clean':
      case 'error':
        fixture.write(name, ownReadout(kind === 'clean' ? CLEAN_READOUT : ERROR_READOUT, index));
        readouts.add(name);
        lastReadout = name;
        break;
      case 'hard-link':
        // A second path to a readout already there: checked once, by one of the two paths.
        if (lastReadout) linkSync(fixture.path(lastReadout), file);
        break;
      case 'fifo':
        execFileSync('mkfifo', [file]);
        fifos.add(name);
        break;
      case 'parent-link':
        symlinkSync('.', fixture.path(`again${index}`));
        break;
      case 'cycle':
        symlinkSync(`c${index}b.md`, fixture.path(`c${index}a.md`));
        symlinkSync(`c${index}a.md`, fixture.path(`c${index}b.md`));
        break;
      case 'dangling':
        symlinkSync('nowhere.md', file);
        break;
      case 'folder-named-md':
        mkdirSync(file);
        break;
      case 'oversized': {
        const handle = openSync(fixture.write(name, ''), 'r+');
        ftruncateSync(handle, 16 * 1024 ** 2 + 1 + index);
        closeSync(handle);
        refused.add(name);
        break;
      }
    }
  });
  return { readouts, fifos, refused };
}

before(buildCli);

describe(`folders of hostile files (fast-check, seed ${SEED}, ${NUM_RUNS} runs)`, () => {
  test('readout check --fix ends in time; no FIFO listed, each oversized file refused by its size, each readout checked and fixed once, no file added or removed', async () => {
    await fc.assert(fc.asyncProperty(fc.array(ENTRY, { minLength: 1, maxLength: 8 }), async (kinds) => {
      const fixture = new Fixture({ '.readoutrc.json': '{ "layout": "off" }' });
      try {
        await checkFolder(fixture, kinds);
      } finally {
        fixture.remove();
      }
    }), { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true });
  });
});

/** One folder of `kinds`, checked with --fix: what the report and the folder must show. */
async function checkFolder(fixture: Fixture, kinds: readonly Kind[]): Promise<void> {
  const { readouts, fifos, refused } = populate(fixture, kinds);
  const before = readdirSync(fixture.folder).sort();

  const result = await fixture.run(['check', '-f', 'json', '--fix'], { timeoutMs: HANG_GUARD_MS });
  assert.ok(result.status !== null && result.status <= 2, `status ${result.status}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as JsonReport;
  const byPath = new Map(report.files.map((file) => [file.path, file]));
  for (const name of refused) assert.match(byPath.get(name)?.failure ?? '(not reported)', /over the limit of 16 MiB/, name);
  for (const name of fifos) assert.equal(byPath.get(name), undefined, name);
  // --fix fixed each misspelt tag: nothing is left to report on any readout.
  for (const name of readouts) assert.deepEqual(byPath.get(name)?.diagnostics.map((d) => d.code) ?? [], [], name);
  // Each readout once: none through a link to its folder, none twice through a hard link.
  assert.equal(report.readouts, readouts.size, JSON.stringify(report.files.map((file) => file.path)));
  assert.ok(report.files.every((file) => !file.path.startsWith('again')), JSON.stringify(report.files.map((file) => file.path)));
  assert.equal(result.status, refused.size > 0 ? 2 : 0, result.stderr);
  assert.deepEqual(readdirSync(fixture.folder).sort(), before);
}
