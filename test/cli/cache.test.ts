// `readout check --cache`: a file whose content is the cached one's is not checked again (shown by
// a cached report changed by hand, which the run then prints), one whose content changed is; the
// cache is good only for the same tool, configuration, schema and --quiet; a broken cache is
// ignored with one line; duplicate-source-url and --fix stay right.
import assert from 'node:assert/strict';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { cacheKey } from '../../server/src/cli/checkCache';
import { compileBuiltinSchema } from '../../server/src/core/builtinSchema';
import { buildCli, Fixture } from './cli';
import { CLEAN_READOUT, ERROR_READOUT, INFO_READOUT, WARNING_READOUT } from './readouts';
import { readoutText } from '../protocol/workspaces';

before(buildCli);

interface JsonReport {
  files: { path: string; fixed: boolean; diagnostics: { code: string; message: string }[] }[];
}

/** Long before the run: a stat alone then stands for the content (see checkCache.ts). */
const LONG_AGO = new Date('2024-01-01T00:00:00Z');

function archive(files: Record<string, string>): Fixture {
  const fixture = new Fixture(files);
  for (const name of Object.keys(files)) utimesSync(fixture.path(name), LONG_AGO, LONG_AGO);
  return fixture;
}

async function check(fixture: Fixture, args: readonly string[] = []): Promise<{ status: number | null; report: JsonReport; stderr: string }> {
  const result = await fixture.run(['check', '--format', 'json', ...args]);
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

const messages = (report: JsonReport, file: string) => report.files.find((one) => one.path === file)?.diagnostics.map((diagnostic) => diagnostic.message) ?? [];

type WrittenCache = { key: string; files: Record<string, [number, number, number, number, string, number, 0 | [string | null, boolean | null, { message: string }[]]]> };

/** Changes by hand the message of the first cached diagnostic of `file`, so that a run that uses the entry prints it. */
function markCached(fixture: Fixture, file: string, cacheFile = '.readoutcache'): void {
  const cache = JSON.parse(readFileSync(fixture.path(cacheFile), 'utf8')) as WrittenCache;
  const facts = cache.files[file][6];
  assert.ok(facts !== 0 && facts[2].length > 0, `${file} has a cached diagnostic`);
  facts[2][0].message = 'FROM THE CACHE';
  writeFileSync(fixture.path(cacheFile), JSON.stringify(cache));
}

describe('readout check --cache', () => {
  let fixture: Fixture;
  before(() => {
    fixture = archive({ 'archive/error.md': ERROR_READOUT, 'archive/warning.md': WARNING_READOUT, 'archive/info.txt': INFO_READOUT, 'archive/clean.md': CLEAN_READOUT });
  });
  after(() => fixture.remove());

  test('the first run writes the cache and reports as a run without it; the next takes unchanged files from it', async () => {
    const plain = await check(fixture);
    const first = await check(fixture, ['--cache']);
    assert.deepEqual(first, plain);
    markCached(fixture, 'archive/error.md');
    const second = await check(fixture, ['--cache']);
    assert.deepEqual(messages(second.report, 'archive/error.md'), ['FROM THE CACHE']);
    assert.deepEqual(messages(second.report, 'archive/warning.md'), messages(plain.report, 'archive/warning.md'));
    assert.equal(second.status, plain.status);
  });

  test('a run in which no file changed leaves the cache as it was; one in which one did writes it afresh', async () => {
    const written = () => (JSON.parse(readFileSync(fixture.path('.readoutcache'), 'utf8')) as { writtenAt: number }).writtenAt;
    await check(fixture, ['--cache']);
    const before = written();
    await check(fixture, ['--cache']);
    assert.equal(written(), before);
    writeFileSync(fixture.path('archive/clean.md'), CLEAN_READOUT.replace('Voyager', 'Voyagers'));
    await check(fixture, ['--cache']);
    assert.ok(written() > before);
    writeFileSync(fixture.path('archive/clean.md'), CLEAN_READOUT);
    utimesSync(fixture.path('archive/clean.md'), LONG_AGO, LONG_AGO);
  });

  test('a file written again with the same content is read and hashed, and its cached report kept', async () => {
    await check(fixture, ['--cache']);
    markCached(fixture, 'archive/error.md');
    writeFileSync(fixture.path('archive/error.md'), ERROR_READOUT);
    assert.deepEqual(messages((await check(fixture, ['--cache'])).report, 'archive/error.md'), ['FROM THE CACHE']);
    utimesSync(fixture.path('archive/error.md'), LONG_AGO, LONG_AGO);
  });

  test('a file whose content changed is checked again, even with its size and modification time put back', async () => {
    writeFileSync(fixture.path('.readoutcache'), '');
    await check(fixture, ['--cache']);
    markCached(fixture, 'archive/error.md');
    const changed = ERROR_READOUT.replace('Readout', 'Rereadx');
    assert.equal(Buffer.byteLength(changed), Buffer.byteLength(ERROR_READOUT));
    writeFileSync(fixture.path('archive/error.md'), changed);
    utimesSync(fixture.path('archive/error.md'), LONG_AGO, LONG_AGO);
    const report = (await check(fixture, ['--cache'])).report;
    assert.ok(!messages(report, 'archive/error.md').includes('FROM THE CACHE'));
    assert.ok(messages(report, 'archive/error.md').length > 0);
    writeFileSync(fixture.path('archive/error.md'), ERROR_READOUT);
    utimesSync(fixture.path('archive/error.md'), LONG_AGO, LONG_AGO);
  });

  test('another configuration, another schema or --quiet: nothing is taken from the cache', async () => {
    const configured = archive({ 'archive/error.md': ERROR_READOUT, 'schema.json': JSON.stringify(compileBuiltinSchema().root) });
    try {
      const runs: [string, () => void, string[]][] = [
        ['configuration', () => writeFileSync(configured.path('.readoutrc.json'), JSON.stringify({ rules: { 'url-slug-mismatch': 'off' } })), []],
        ['schema', () => {
          writeFileSync(configured.path('.readoutrc.json'), JSON.stringify({ schema: 'schema.json' }));
        }, []],
        ['schema content', () => writeFileSync(configured.path('schema.json'), JSON.stringify({ ...compileBuiltinSchema().root, title: 'Changed' })), []],
        ['--quiet', () => {}, ['--quiet']],
      ];
      await check(configured, ['--cache']);
      for (const [what, change, args] of runs) {
        markCached(configured, 'archive/error.md');
        change();
        const report = (await check(configured, ['--cache', ...args])).report;
        assert.ok(!messages(report, 'archive/error.md').includes('FROM THE CACHE'), what);
      }
    } finally {
      configured.remove();
    }
  });

  test('another version of the tool makes another key', () => {
    const setup = { schema: compileBuiltinSchema().root, rules: {}, urls: [], errorsOnly: false, layout: { mode: 'off' as const } };
    assert.notEqual(cacheKey(setup, '0.7.0'), cacheKey(setup, '0.7.1'));
    assert.equal(cacheKey(setup, '0.7.0'), cacheKey(setup, '0.7.0'));
  });

  test('a cache that is not one, or was cut short, is ignored with one line on stderr, and written afresh', async () => {
    const plain = await check(fixture, ['--cache']);
    const { key } = JSON.parse(readFileSync(fixture.path('.readoutcache'), 'utf8')) as WrittenCache;
    // Not JSON; not a cache; a cache for this run with an entry cut short.
    for (const broken of ['not json', '{"format":"readout-check-cache","version":1}', JSON.stringify({ format: 'readout-check-cache', version: 1, key, writtenAt: 1, files: { 'archive/error.md': [1, 2] } })]) {
      writeFileSync(fixture.path('.readoutcache'), broken);
      const run = await check(fixture, ['--cache']);
      assert.deepEqual(run.report, plain.report);
      assert.equal(run.stderr, 'readout check: .readoutcache is not a cache this version of readout wrote: every file is checked, and the cache written afresh.\n');
      assert.equal((await check(fixture, ['--cache'])).stderr, '');
    }
  });

  test('--cache-location keeps the cache where it says; without --cache it is refused', async () => {
    await check(fixture, ['--cache', '--cache-location', 'elsewhere.json']);
    markCached(fixture, 'archive/error.md', 'elsewhere.json');
    assert.deepEqual(messages((await check(fixture, ['--cache', '--cache-location', 'elsewhere.json'])).report, 'archive/error.md'), ['FROM THE CACHE']);
    const refused = await fixture.run(['check', '--cache-location', 'elsewhere.json']);
    assert.deepEqual([refused.status, refused.stderr], [2, 'readout check: --cache-location says where --cache keeps its file: give --cache as well.\n']);
  });
});

describe('readout check --cache, across files and with --fix', () => {
  test('duplicate-source-url is decided on every file, cached or not: a changed file that now shares a cached one\'s URL is reported with it', async () => {
    const first = readoutText({ title: 'Readout of a First Call', date: '2023-02-01' });
    const second = readoutText({ title: 'Readout of a Second Call', date: '2023-02-02' });
    const fixture = archive({ 'a.md': first, 'b.md': second });
    try {
      assert.equal((await check(fixture, ['--cache'])).report.files.length, 0);
      const url = /^source_url: (.*)$/m.exec(first)![1];
      writeFileSync(fixture.path('b.md'), second.replace(/^source_url: .*$/m, `source_url: ${url}`));
      const { report } = await check(fixture, ['--cache']);
      for (const file of ['a.md', 'b.md']) assert.ok(report.files.find((one) => one.path === file)?.diagnostics.some((diagnostic) => diagnostic.code === 'duplicate-source-url'), file);
    } finally {
      fixture.remove();
    }
  });

  test('--fix fixes a file whose cached report has something to fix, and the fixed file is checked again next time', async () => {
    const fixture = archive({ 'error.md': ERROR_READOUT });
    try {
      await check(fixture, ['--cache']);
      const fixed = await check(fixture, ['--cache', '--fix']);
      assert.equal(fixed.report.files.find((one) => one.path === 'error.md')?.fixed, true);
      assert.notEqual(readFileSync(fixture.path('error.md'), 'utf8'), ERROR_READOUT);
      assert.deepEqual((await check(fixture, ['--cache'])).report.files, []);
    } finally {
      fixture.remove();
    }
  });
});
