// `readout check --cache`: a file whose content is the cached one's is not checked again (shown by
// a cached report changed by hand, which the run then prints), one whose content changed is; the
// cache is good only for the same tool, configuration, schema and --quiet; a broken cache is
// ignored with one line; duplicate-source-url and --fix stay right.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { cacheKey, loadCache } from '../../server/src/cli/checkCache';
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

/** The header line of the cache file (checkCache.ts, format 3). */
const HEADER_BYTES = 512;
const HAS_DIAGNOSTICS = 64;

interface CacheHeader {
  key: string;
  writtenAt: number;
  files: number;
  urls: number;
  nameBytes: number;
  urlBytes: number;
  diagnosticsBytes: number;
}

type Patch = [number, number, number, number, number, string, number, string | null, { message: string }[]];
interface PatchBlock {
  writtenAt: number;
  patches: Patch[];
}

/** A block of patches as appended: the length of its JSON, the JSON's SHA-1, the JSON. */
function blockBytes(block: PatchBlock): Buffer {
  const json = Buffer.from(JSON.stringify(block));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([length, createHash('sha1').update(json).digest(), json]);
}

/** The cache file in its parts: the header, the columns as bytes, each entry's name and flags, the diagnostics and the blocks of patches. */
function readCacheFile(file: string) {
  const bytes = readFileSync(file);
  const header = JSON.parse(bytes.toString('utf8', 0, HEADER_BYTES)) as CacheHeader;
  const lengthsAt = HEADER_BYTES + header.files * 32;
  const flagsAt = lengthsAt + (header.files + header.urls) * 4 + header.urls * 4 + header.files * 20;
  const textAt = flagsAt + header.files;
  const diagnosticsAt = textAt + header.nameBytes + header.urlBytes;
  const blocksAt = diagnosticsAt + header.diagnosticsBytes;
  const lengths = new Uint32Array(bytes.buffer.slice(bytes.byteOffset + lengthsAt, bytes.byteOffset + lengthsAt + header.files * 4));
  const text = bytes.toString('utf8', textAt, textAt + header.nameBytes);
  let offset = 0;
  const names = [...lengths].map((length) => text.slice(offset, (offset += length)));
  const blocks: PatchBlock[] = [];
  for (let at = blocksAt; at < bytes.length; at += 24 + bytes.readUInt32LE(at)) blocks.push(JSON.parse(bytes.toString('utf8', at + 24, at + 24 + bytes.readUInt32LE(at))) as PatchBlock);
  return {
    header,
    columns: bytes.subarray(HEADER_BYTES, diagnosticsAt),
    names,
    flags: [...bytes.subarray(flagsAt, textAt)],
    diagnostics: JSON.parse(bytes.toString('utf8', diagnosticsAt, blocksAt)) as { message: string }[][],
    blocks,
    /** Every block's patches, in order. */
    patches: blocks.flatMap((block) => block.patches),
  };
}

function writeCacheFile(file: string, { header, columns, diagnostics, blocks }: ReturnType<typeof readCacheFile>): void {
  const diagnosticsJson = Buffer.from(JSON.stringify(diagnostics));
  const headerJson = JSON.stringify({ ...header, diagnosticsBytes: diagnosticsJson.length });
  writeFileSync(file, Buffer.concat([Buffer.from(`${headerJson.padEnd(HEADER_BYTES - 1)}\n`), columns, diagnosticsJson, ...blocks.map(blockBytes)]));
}

/** Changes by hand the message of the first cached diagnostic of `file` (in its latest patch, if any), so that a run that uses the entry prints it. */
function markCached(fixture: Fixture, file: string, cacheFile = '.readoutcache'): void {
  const cache = readCacheFile(fixture.path(cacheFile));
  const at = cache.names.indexOf(file);
  const patch = [...cache.patches].reverse().find((one) => one[0] === at);
  const diagnostics = patch ? patch[8] : cache.diagnostics[cache.flags.slice(0, at).filter((flags) => (flags & HAS_DIAGNOSTICS) !== 0).length];
  assert.ok(at >= 0 && (patch !== undefined || (cache.flags[at] & HAS_DIAGNOSTICS) !== 0) && diagnostics.length > 0, `${file} has a cached diagnostic`);
  diagnostics[0].message = 'FROM THE CACHE';
  writeCacheFile(fixture.path(cacheFile), cache);
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

  test('a run in which no file changed leaves the cache as it was; one in which one did appends a block for it', async () => {
    await check(fixture, ['--cache']);
    const before = readFileSync(fixture.path('.readoutcache'));
    await check(fixture, ['--cache']);
    assert.deepEqual(readFileSync(fixture.path('.readoutcache')), before);
    writeFileSync(fixture.path('archive/clean.md'), CLEAN_READOUT.replace('Voyager', 'Voyagers'));
    await check(fixture, ['--cache']);
    const after = readFileSync(fixture.path('.readoutcache'));
    assert.deepEqual(after.subarray(0, before.length), before);
    const added = readCacheFile(fixture.path('.readoutcache')).blocks.at(-1)!;
    assert.deepEqual([after.length > before.length, added.patches.map((patch) => readCacheFile(fixture.path('.readoutcache')).names[patch[0]])], [true, ['archive/clean.md']]);
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

  test('a cache that is not one, was cut short, is damaged or of the format before is ignored with one line on stderr, and written afresh', async () => {
    writeFileSync(fixture.path('.readoutcache'), '');
    await check(fixture, ['--cache']);
    writeFileSync(fixture.path('archive/clean.md'), CLEAN_READOUT.replace('Voyager', 'Voyagers'));
    await check(fixture, ['--cache']);
    writeFileSync(fixture.path('archive/clean.md'), CLEAN_READOUT);
    utimesSync(fixture.path('archive/clean.md'), LONG_AGO, LONG_AGO);
    const plain = await check(fixture, ['--cache']);
    const written = readFileSync(fixture.path('.readoutcache'));
    const { header, names, patches } = readCacheFile(fixture.path('.readoutcache'));
    assert.deepEqual(patches.map((patch) => names[patch[0]]), ['archive/clean.md', 'archive/clean.md'], 'each run that changed the file appended a block');
    const damaged = (change: (cache: ReturnType<typeof readCacheFile>) => void) => {
      const cache = readCacheFile(fixture.path('.readoutcache'));
      change(cache);
      const file = fixture.path('damaged');
      writeCacheFile(file, cache);
      return readFileSync(file);
    };
    const badFlags = Buffer.from(written);
    badFlags[HEADER_BYTES + header.files * 32 + (header.files + header.urls) * 4 + header.urls * 4 + header.files * 20] = 0x80;
    const broken = [
      'not json',
      '{"format":"readout-check-cache","version":2}',
      // The format before: JSON, an object per file.
      JSON.stringify({ format: 'readout-check-cache', version: 1, key: header.key, writtenAt: 1, files: { 'archive/error.md': [1, 2, 3, 4, 'a', 0, 0] } }),
      // Cut short in the columns.
      written.subarray(0, HEADER_BYTES + header.files * 32 + 4),
      badFlags,
      damaged((cache) => cache.blocks.push({ writtenAt: 1, patches: [[cache.header.files, 1, 2, 3, 4, 'a'.repeat(40), 4, null, []]] })),
      damaged((cache) => cache.diagnostics.pop()),
    ];
    for (const [at, bytes] of broken.entries()) {
      writeFileSync(fixture.path('.readoutcache'), bytes);
      const run = await check(fixture, ['--cache']);
      assert.deepEqual(run.report, plain.report, `broken cache ${at}`);
      assert.equal(run.stderr, 'readout check: .readoutcache is not a cache this version of readout wrote: every file is checked, and the cache written afresh.\n', `broken cache ${at}`);
      assert.equal((await check(fixture, ['--cache'])).stderr, '');
    }
  });

  test('a run in which a few files changed writes them as patches after the entries as they were, and the next run takes them from there', async () => {
    writeFileSync(fixture.path('.readoutcache'), '');
    await check(fixture, ['--cache']);
    const before = readCacheFile(fixture.path('.readoutcache'));
    assert.deepEqual(before.patches, []);
    writeFileSync(fixture.path('archive/error.md'), ERROR_READOUT.replace('Readout', 'Reread'));
    const changed = await check(fixture, ['--cache']);
    const after = readCacheFile(fixture.path('.readoutcache'));
    assert.deepEqual(after.columns, before.columns);
    assert.deepEqual(after.patches.map((patch) => before.names[patch[0]]), ['archive/error.md']);
    markCached(fixture, 'archive/error.md');
    utimesSync(fixture.path('archive/error.md'), LONG_AGO, LONG_AGO);
    const next = await check(fixture, ['--cache']);
    assert.deepEqual(messages(next.report, 'archive/error.md'), ['FROM THE CACHE', ...messages(changed.report, 'archive/error.md').slice(1)]);
    writeFileSync(fixture.path('archive/error.md'), ERROR_READOUT);
    utimesSync(fixture.path('archive/error.md'), LONG_AGO, LONG_AGO);
  });

  test('a block cut short or not matching its SHA-1 (a run stopped while appending it) is passed over without a word, the entries before it used, and the cache written afresh', async () => {
    writeFileSync(fixture.path('.readoutcache'), '');
    await check(fixture, ['--cache']);
    writeFileSync(fixture.path('archive/clean.md'), CLEAN_READOUT.replace('Voyager', 'Voyagers'));
    const changed = await check(fixture, ['--cache']);
    const appended = readFileSync(fixture.path('.readoutcache'));
    const tears: [string, (bytes: Buffer) => Buffer][] = [
      ['cut short', (bytes) => bytes.subarray(0, bytes.length - 3)],
      ['changed', (bytes) => Buffer.concat([bytes.subarray(0, bytes.length - 2), Buffer.from([bytes[bytes.length - 2] ^ 1]), bytes.subarray(bytes.length - 1)])],
    ];
    for (const [what, tear] of tears) {
      writeFileSync(fixture.path('.readoutcache'), appended);
      markCached(fixture, 'archive/error.md');
      writeFileSync(fixture.path('.readoutcache'), tear(readFileSync(fixture.path('.readoutcache'))));
      const run = await check(fixture, ['--cache']);
      assert.deepEqual([run.stderr, messages(run.report, 'archive/error.md')[0]], ['', 'FROM THE CACHE'], what);
      assert.deepEqual(messages(run.report, 'archive/clean.md'), messages(changed.report, 'archive/clean.md'), what);
      const written = readCacheFile(fixture.path('.readoutcache'));
      assert.deepEqual([written.names.length, written.blocks], [4, []], what);
    }
    writeFileSync(fixture.path('archive/clean.md'), CLEAN_READOUT);
    utimesSync(fixture.path('archive/clean.md'), LONG_AGO, LONG_AGO);
  });

  test('a block is appended only to the file the cache was read from, as it was read: not to one another run wrote since', () => {
    const file = fixture.path('.readoutcache');
    const { key } = readCacheFile(file).header;
    for (const [what, change] of [['replaced', (bytes: Buffer) => {
      rmSync(file);
      writeFileSync(file, bytes);
    }], ['appended to', (bytes: Buffer) => writeFileSync(file, Buffer.concat([bytes, Buffer.from('x')]))]] as const) {
      const loaded = loadCache(file, key, (message) => assert.fail(message))!;
      const before = readFileSync(file);
      change(before);
      const now = readFileSync(file);
      assert.equal(loaded.appendTo(file, Buffer.from('block')), false, what);
      loaded.close();
      assert.deepEqual(readFileSync(file), now, what);
      writeFileSync(file, before);
    }
    const loaded = loadCache(file, key, (message) => assert.fail(message))!;
    const before = readFileSync(file);
    assert.equal(loaded.appendTo(file, Buffer.from('block')), true);
    loaded.close();
    assert.deepEqual(readFileSync(file), Buffer.concat([before, Buffer.from('block')]));
    writeFileSync(file, before);
  });

  test('files added and gone: the cache is written afresh, and the entries of the others are found where they moved', async () => {
    writeFileSync(fixture.path('.readoutcache'), '');
    await check(fixture, ['--cache']);
    markCached(fixture, 'archive/error.md');
    // Sorts before every other file: each entry is one further on than the run's files.
    writeFileSync(fixture.path('archive/a-first.md'), CLEAN_READOUT.replace('Voyager', 'First'));
    try {
      assert.deepEqual(messages((await check(fixture, ['--cache'])).report, 'archive/error.md'), ['FROM THE CACHE']);
      const written = readCacheFile(fixture.path('.readoutcache'));
      assert.deepEqual([written.names.length, written.patches], [5, []]);
    } finally {
      rmSync(fixture.path('archive/a-first.md'));
    }
    assert.deepEqual(messages((await check(fixture, ['--cache'])).report, 'archive/error.md'), ['FROM THE CACHE']);
    assert.deepEqual(readCacheFile(fixture.path('.readoutcache')).names.length, 4);
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

  test('with a URL in the cache that is not ASCII (the URLs then read at once): a changed file that now shares a cached one\'s URL is reported with it', async () => {
    const first = readoutText({ title: 'Readout of a First Call', date: '2023-02-01' });
    const second = readoutText({ title: 'Readout of a Second Call', date: '2023-02-02' });
    const third = readoutText({ title: 'Readout of a Third Call', date: '2023-02-03', sourceUrl: 'https://www.example.gov/déclaration/2023/02/03/readout-of-a-third-call/' });
    const fixture = archive({ 'a.md': first, 'b.md': second, 'c.md': third });
    try {
      await check(fixture, ['--cache']);
      assert.equal((readCacheFile(fixture.path('.readoutcache')).header as unknown as { asciiUrls: boolean }).asciiUrls, false);
      const url = /^source_url: (.*)$/m.exec(first)![1];
      writeFileSync(fixture.path('b.md'), second.replace(/^source_url: .*$/m, `source_url: ${url}`));
      markCached(fixture, 'c.md');
      const { report, stderr } = await check(fixture, ['--cache']);
      assert.deepEqual([stderr, messages(report, 'c.md')[0]], ['', 'FROM THE CACHE']);
      for (const file of ['a.md', 'b.md']) assert.ok(report.files.find((one) => one.path === file)?.diagnostics.some((diagnostic) => diagnostic.code === 'duplicate-source-url'), file);
    } finally {
      fixture.remove();
    }
  });

  test('--facts-output from a run that takes files from the cache holds their URLs, as a run without it does: few (read one by one) or many (read at once)', async () => {
    for (const count of [5, 100]) {
      const fixture = archive(Object.fromEntries(Array.from({ length: count }, (_, at) => [`readout-${at}.md`, readoutText({ title: `Readout of Call ${at}`, date: '2023-02-01' })])));
      try {
        const facts = async (args: string[]) => {
          await fixture.run(['check', '--facts-output', 'facts.json', '-f', 'json', ...args]);
          return JSON.parse(readFileSync(fixture.path('facts.json'), 'utf8')) as { files: { path: string; report: { sourceUrl?: string } }[] };
        };
        const plain = await facts([]);
        await facts(['--cache']);
        const cached = await facts(['--cache']);
        assert.equal(plain.files.filter((file) => file.report.sourceUrl !== undefined).length, count);
        assert.deepEqual(cached, plain, `${count} files`);
      } finally {
        fixture.remove();
      }
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
