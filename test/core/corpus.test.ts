import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseReadout } from '../../server/src/core/frontMatter';
import { slugMatchesTitle } from '../../server/src/core/slug';
import { BUILTIN_URL_TEMPLATES, matchUrl } from '../../server/src/core/urlTemplates';
import { writeField } from '../../server/src/core/yamlWriter';
import { generateCorpus, writeCorpus, type GeneratedReadout } from '../corpus';
import { REFERENCE, service } from './helpers';

const SAMPLE = generateCorpus({ count: 2_000, seed: 42 });
const KEYS = ['date', 'published_time', 'source_url', 'tags', 'title'];
const EASTERN = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York', hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** The file as LF text without its BOM, split at the closing `---`. */
function parts(text: string): { frontMatter: string; body: string } {
  const lf = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const close = lf.indexOf('\n---\n', 3);
  return { frontMatter: lf.slice(0, close + 5), body: lf.slice(close + 5) };
}

/** `yyyy-mm-dd hh:mm:ss±hh:mm` read as an instant, then shown on New York's clock: the same wall time when the offset is New York's. */
function newYorkWallTime(publishedTime: string): string {
  const [, wall, sign, hours, minutes] = /^(.{19})([+-])(\d\d):(\d\d)$/.exec(publishedTime)!;
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
  const instant = new Date(Date.parse(`${wall.replace(' ', 'T')}Z`) - offsetMs);
  return EASTERN.format(instant).replace(', ', ' ');
}

/** Everything the reference format asks of one file; the values written are the ones the readout reports. */
function assertArchiveFormat(readout: Pick<GeneratedReadout, 'text' | 'title' | 'tags' | 'date' | 'sourceUrl'>): void {
  const { frontMatter, body } = parts(readout.text);
  const parsed = parseReadout(readout.text);
  const data = parsed.data as Record<string, unknown>;
  assert.deepEqual(parsed.fields.map((field) => field.name), KEYS, 'keys in alphabetical order');
  assert.equal(data.title, readout.title);
  assert.deepEqual(typeof data.tags === 'string' ? [data.tags] : data.tags, readout.tags);

  const published = String(data.published_time);
  const tagsValue = data.tags as string | string[];
  const expected = `---\n${writeField('date', readout.date)}published_time: ${published}\n${writeField('source_url', readout.sourceUrl)}${writeField('tags', tagsValue)}${writeField('title', readout.title)}---\n`;
  assert.equal(frontMatter, expected, 'every value written as PyYAML writes it');
  assert.match(frontMatter, new RegExp(`\ndate: '${readout.date}'\n`), 'date quoted');
  assert.match(frontMatter, new RegExp(`\npublished_time: ${readout.date} \\d\\d:\\d\\d:\\d\\d-0[45]:00\n`), 'published_time unquoted, on the same day');
  assert.equal(newYorkWallTime(published), published.slice(0, 19), `${published} carries New York's offset`);

  const url = matchUrl(readout.sourceUrl, BUILTIN_URL_TEMPLATES)!;
  const part = (name: 'category' | 'yyyy' | 'mm' | 'dd' | 'slug') => url.values.get(name)!.value;
  assert.equal(part('category'), readout.tags[0]);
  assert.equal(`${part('yyyy')}-${part('mm')}-${part('dd')}`, readout.date);
  assert.ok(slugMatchesTitle(part('slug'), readout.title), `${part('slug')} is the slug of ${readout.title}`);

  const lines = body.split('\n');
  assert.equal(lines[0], ' ', 'the body starts with a line holding a single space');
  assert.ok(body.endsWith('\n\n\\###\n'), 'the body ends with the escaped end mark');
  for (const line of lines) assert.ok(line.length <= 72, `body line over 72 columns: ${line}`);
}

describe('generateCorpus', () => {
  test('the format checks accept the reference readout itself', () => {
    assertArchiveFormat({
      text: REFERENCE,
      title: 'Readout of President Joe\u00a0Biden\u2019s Meeting with Prime Minister Trudeau of\u00a0Canada',
      tags: ['statements-releases'],
      date: '2023-01-10',
      sourceUrl: 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/',
    });
  });

  test('every readout is in the reference format', () => {
    for (const readout of SAMPLE) assertArchiveFormat(readout);
  });

  test('every readout gets no diagnostics, and is a readout wherever it is kept', () => {
    const readouts = service();
    for (const { text, relativePath } of SAMPLE) {
      assert.equal(readouts.isReadout({ text }), true, relativePath);
      assert.deepEqual(readouts.getDiagnostics({ text }).map((d) => `${d.code}: ${d.message}`), [], relativePath);
    }
  });

  test('is deterministic for a seed, and a smaller count gives a prefix', () => {
    assert.deepEqual(generateCorpus({ count: 2_000, seed: 42 }), SAMPLE);
    assert.deepEqual(generateCorpus({ count: 300, seed: 42 }), SAMPLE.slice(0, 300));
    assert.notDeepEqual(generateCorpus({ count: 300, seed: 43 }), SAMPLE.slice(0, 300));
  });

  test('the published offset follows US daylight saving time, switch days included', () => {
    // Ten readouts a day from 2021-01-20: a year of them spans both switches.
    const year = generateCorpus({ count: 3_650, seed: 42 });
    for (const readout of year) {
      const published = /\npublished_time: (.*)\n/.exec(parts(readout.text).frontMatter)![1];
      assert.equal(newYorkWallTime(published), published.slice(0, 19), `${published} carries New York's offset`);
    }
    const offsetOn = (date: string) => new Set(year.filter((r) => r.date === date).map((r) => /-0\d:00\n/.exec(parts(r.text).frontMatter)![0].trim()));
    assert.deepEqual(offsetOn('2021-03-13'), new Set(['-05:00']));
    assert.deepEqual(offsetOn('2021-03-14'), new Set(['-04:00']));
    assert.deepEqual(offsetOn('2021-11-06'), new Set(['-04:00']));
    assert.deepEqual(offsetOn('2021-11-07'), new Set(['-05:00']));
  });

  test('mixes what the archive mixes: extensions, line ends, BOMs, folded and escaped titles, tag lists', () => {
    const share = (predicate: (readout: GeneratedReadout) => boolean) => SAMPLE.filter(predicate).length / SAMPLE.length;
    const between = (value: number, low: number, high: number) => assert.ok(value >= low && value <= high, `${value} not in [${low}, ${high}]`);
    between(share((r) => r.relativePath.endsWith('.md')), 0.4, 0.6);
    between(share((r) => r.text.includes('\r\n')), 0.05, 0.15);
    between(share((r) => r.text.startsWith('\uFEFF')), 0.02, 0.08);
    between(share((r) => /\ntitle: .*\n {2}\S/.test(parts(r.text).frontMatter)), 0.1, 0.9);
    between(share((r) => r.title.includes('\u00a0')), 0.1, 0.5);
    between(share((r) => r.title.includes('\u2019')), 0.1, 0.9);
    between(share((r) => /[À-ž]/.test(r.title)), 0.05, 0.9);
    between(share((r) => r.text.includes('\ntags:\n- ')), 0.05, 0.3);
    between(share((r) => r.tags.length === 2), 0.01, 0.2);
    for (const readout of SAMPLE) {
      const crlf = readout.text.includes('\r\n');
      assert.equal(/(?<!\r)\n/.test(readout.text), !crlf, `${readout.relativePath}: one kind of line end`);
    }
  });

  test('readouts are spread over month folders, a few hundred each', () => {
    const perFolder = new Map<string, number>();
    for (const readout of SAMPLE) {
      assert.match(readout.relativePath, /^\d{4}\/\d{2}\/\d{5}_[0-9a-f]{16}\.(md|txt)$/);
      assert.equal(readout.relativePath.slice(0, 7), readout.date.slice(0, 7).replace('-', '/'));
      const folder = readout.relativePath.slice(0, 7);
      perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
    }
    // The first and last months are partly filled.
    for (const count of [...perFolder.values()].slice(1, -1)) assert.ok(count >= 280 && count <= 310, `${count} readouts in a folder`);
  });

  test('duplicateUrlEvery: n makes every n-th readout reuse an earlier source_url; all others are unique', () => {
    const readouts = generateCorpus({ count: 700, seed: 3, duplicateUrlEvery: 7 });
    const seen = new Set<string>();
    readouts.forEach((readout, index) => {
      const isDuplicate = (index + 1) % 7 === 0;
      assert.equal(seen.has(readout.sourceUrl), isDuplicate, `readout ${index}`);
      seen.add(readout.sourceUrl);
    });
    assert.equal(seen.size, 600);
    const readoutService = service();
    for (const { text } of readouts.filter((_, index) => (index + 1) % 7 === 0)) assert.deepEqual(readoutService.getDiagnostics({ text }), []);
  });

  test('rejects a count or duplicateUrlEvery that is not a usable whole number', () => {
    assert.throws(() => generateCorpus({ count: -1 }), RangeError);
    assert.throws(() => generateCorpus({ count: 1.5 }), RangeError);
    assert.throws(() => generateCorpus({ count: 10, duplicateUrlEvery: 1 }), RangeError);
  });

  test('50,000 readouts: unique paths and URLs, timed', (t) => {
    const start = performance.now();
    const readouts = generateCorpus({ count: 50_000 });
    t.diagnostic(`generateCorpus({ count: 50_000 }): ${Math.round(performance.now() - start)} ms`);
    assert.equal(new Set(readouts.map((r) => r.relativePath)).size, 50_000);
    assert.equal(new Set(readouts.map((r) => r.sourceUrl)).size, 50_000);
  });
});

describe('writeCorpus', () => {
  test('writes every readout byte for byte under its relative path', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'readout-corpus-'));
    try {
      const readouts = await writeCorpus(folder, { count: 400, seed: 5 });
      assert.deepEqual(readouts, generateCorpus({ count: 400, seed: 5 }));
      const files = await readdir(folder, { recursive: true, withFileTypes: true });
      assert.equal(files.filter((entry) => entry.isFile()).length, 400);
      for (const readout of readouts) {
        const bytes = await readFile(path.join(folder, readout.relativePath));
        assert.deepEqual(bytes, Buffer.from(readout.text, 'utf8'), readout.relativePath);
      }
      assert.ok(readouts.some((readout) => readout.text.startsWith('\uFEFF')), 'some files carry a BOM');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
