import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseReadout } from '../../server/src/core/frontMatter';
import { slugMatchesTitle } from '../../server/src/core/slug';
import { writeField } from '../../server/src/core/yamlWriter';
import {
  CATEGORY_COUNTS, COPY_VARIANTS, SlugRegistry, dumpYaml, generateCorpus, sanitizeTitle, writeCorpus, type GeneratedReadout,
} from '../corpus';
import type { FrontMatterValue } from '../corpus/pyyaml';
import { REFERENCE, service } from './helpers';

// The archive as ../shared/examples/README.md measures it.
const ARCHIVE_SIZE = 14_396;
const BRIEFING_ROOM_PAGES = 12_255;
const LAST_BRIEFING_ROOM_DAY = '2025-01-19';

const CORPUS = generateCorpus({ count: 20_000, seed: 42 });
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
function newYorkWallTime(time: string): string {
  return EASTERN.format(instantOf(time)).replace(', ', ' ');
}

function instantOf(time: string): number {
  return Date.parse(time.replace(' ', 'T'));
}

function share(readouts: readonly GeneratedReadout[], predicate: (readout: GeneratedReadout) => boolean): number {
  return readouts.filter(predicate).length / readouts.length;
}

function assertWithin(value: number, low: number, high: number, what: string): void {
  assert.ok(value >= low && value <= high, `${what}: ${value} not in [${low}, ${high}]`);
}

/** The share a random draw of `n` lands near: four standard deviations either side of `p`. */
function assertNearShare(observed: number, p: number, n: number, what: string): void {
  const slack = 4 * Math.sqrt((p * (1 - p)) / n) + 0.0005;
  assertWithin(observed, p - slack, p + slack, what);
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe("generateCorpus: the real archive's statistics, on 20,000 readouts", () => {
  test('the 14 categories at their shares in the archive', () => {
    const categories = [...CATEGORY_COUNTS.archive.keys(), ...CATEGORY_COUNTS.current.keys()];
    assert.equal(new Set(categories).size, 14);
    for (const category of new Set(categories)) {
      const count = (CATEGORY_COUNTS.archive.get(category) ?? 0) + (CATEGORY_COUNTS.current.get(category) ?? 0);
      const observed = share(CORPUS, (readout) => readout.category === category);
      assert.ok(observed > 0, `${category} is missing`);
      assertNearShare(observed, count / ARCHIVE_SIZE, CORPUS.length, category);
    }
  });

  test('both URL forms by date: the briefing room to 2025-01-19, whitehouse.gov from 2025-01-20, 12,255 to 2,141', () => {
    assertWithin(share(CORPUS, (readout) => readout.era === 'archive'), BRIEFING_ROOM_PAGES / ARCHIVE_SIZE - 0.001, BRIEFING_ROOM_PAGES / ARCHIVE_SIZE + 0.001, 'briefing-room share');
    for (const readout of CORPUS) {
      const [yyyy, mm, dd] = readout.date.split('-');
      if (readout.date <= LAST_BRIEFING_ROOM_DAY) {
        assert.equal(readout.sourceUrl, `https://bidenwhitehouse.archives.gov/briefing-room/${readout.tags[0]}/${yyyy}/${mm}/${dd}/${readout.slug}/`);
      } else {
        assert.equal(readout.sourceUrl, `https://www.whitehouse.gov/${readout.tags[0]}/${yyyy}/${mm}/${readout.slug}/`);
      }
    }
    assert.equal(CORPUS[0].date, '2021-01-20');
    assert.equal(CORPUS.at(-1)!.date.slice(0, 4), '2026');
  });

  test('every file in the archive\'s layout: <category>/<yyyy>-<mm>/<date>-<slug>.md', () => {
    for (const readout of CORPUS) {
      assert.equal(readout.relativePath, `${readout.tags[0]}/${readout.date.slice(0, 7)}/${readout.date}-${readout.slug}.md`);
    }
    assert.equal(new Set(CORPUS.map((readout) => readout.relativePath)).size, CORPUS.length);
    assert.equal(new Set(CORPUS.map((readout) => readout.sourceUrl)).size, CORPUS.length);
  });

  test('the front matter as PyYAML writes it: keys sorted, date quoted, times plain, the same text as the core\'s yamlWriter', () => {
    // A sample: the core's writer parses what it writes, and the fixture below holds PyYAML's own output.
    for (const readout of CORPUS.filter((_, index) => index % 10 === 0)) {
      const { frontMatter } = parts(readout.text);
      const tags = /\ntags:\n- /.test(frontMatter) ? readout.tags : readout.tags[0];
      const expected = `---\n${writeField('date', readout.date)}${readout.modifiedTime === undefined ? '' : `modified_time: ${readout.modifiedTime}\n`}`
        + `published_time: ${readout.publishedTime}\n${writeField('source_url', readout.sourceUrl)}${writeField('tags', tags)}${writeField('title', readout.title)}---\n`;
      assert.equal(frontMatter, expected, readout.relativePath);
    }
    const parsed = parseReadout(CORPUS.find((readout) => readout.modifiedTime !== undefined)!.text);
    assert.deepEqual(parsed.fields.map((field) => field.name), ['date', 'modified_time', 'published_time', 'source_url', 'tags', 'title']);
  });

  test('published_time in New York\'s offset, date its day; modified_time on 69%, in the same offset, 12% of them earlier', () => {
    for (const readout of CORPUS) {
      assert.match(readout.publishedTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d-0[45]:00$/);
      assert.equal(newYorkWallTime(readout.publishedTime), readout.publishedTime.slice(0, 19), `${readout.publishedTime} carries New York's offset`);
      assert.equal(readout.publishedTime.slice(0, 10), readout.date);
      if (readout.modifiedTime !== undefined) {
        assert.match(readout.modifiedTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d-0[45]:00$/);
        assert.equal(readout.modifiedTime.slice(19), readout.publishedTime.slice(19), 'written in published_time\'s offset');
      }
    }
    const modified = CORPUS.filter((readout) => readout.modifiedTime !== undefined);
    assertNearShare(modified.length / CORPUS.length, 0.69, CORPUS.length, 'modified_time');
    assertNearShare(share(modified, (readout) => instantOf(readout.modifiedTime!) < instantOf(readout.publishedTime)), 0.12, modified.length, 'modified before published');
  });

  test('the offset changes on the switch days of US daylight saving time, in both eras', () => {
    const offsetsOn = (date: string) => new Set(CORPUS.filter((readout) => readout.date === date).map((readout) => readout.publishedTime.slice(19)));
    assert.deepEqual(offsetsOn('2021-03-13'), new Set(['-05:00']));
    assert.deepEqual(offsetsOn('2021-03-14'), new Set(['-04:00']));
    assert.deepEqual(offsetsOn('2021-11-06'), new Set(['-04:00']));
    assert.deepEqual(offsetsOn('2021-11-07'), new Set(['-05:00']));
    assert.deepEqual(offsetsOn('2025-03-08'), new Set(['-05:00']));
    assert.deepEqual(offsetsOn('2025-03-09'), new Set(['-04:00']));
  });

  test('titles: median 82 characters, longest 341; 88% with an escape, 56% of files folded', () => {
    const lengths = CORPUS.map((readout) => readout.title.length);
    assertWithin(median(lengths), 78, 86, 'median title length');
    assertWithin(Math.max(...lengths), 300, 341, 'longest title');
    // PyYAML escapes every character outside printable ASCII (the front matter test checks how).
    assertWithin(share(CORPUS, (readout) => /[^ -~]/.test(readout.title)), 0.86, 0.9, 'titles with an escape');
    assertWithin(share(CORPUS, (readout) => /\n {2}\S/.test(parts(readout.text).frontMatter)), 0.53, 0.59, 'folded front matter');
    assertWithin(share(CORPUS, (readout) => / {2}| $/.test(readout.title)), 0.002, 0.01, 'titles with a doubled or trailing space');
  });

  test('titles share the long openings and the punctuation of the archive', () => {
    const opening = (start: string) => share(CORPUS, (readout) => readout.title.replace(/\u00a0/g, ' ').startsWith(start));
    for (const start of ['Readout of President Joe Biden’s Call with Prime Minister ', 'FACT SHEET: ', 'Remarks by President Biden ', 'Statement from Press Secretary Karine Jean-Pierre on ', 'A Proclamation on ', 'Executive Order on ']) {
      assert.ok(opening(start) > 0.001, `no title opens with ${start}`);
    }
    for (const mark of ['Q&A', '506(a)(1)', ',000', 'H.R. ', ': ', '“', '’', ' — ', '–', 'Jakobsdóttir', 'Erdoğan', 'São Paulo']) {
      assert.ok(CORPUS.some((readout) => readout.title.includes(mark)), `no title holds ${mark}`);
    }
  });

  test("slugs: WordPress's of the title when the URL was minted, -N on about a quarter, edited titles on about 2%", () => {
    let suffixed = 0;
    for (const readout of CORPUS) {
      const minted = sanitizeTitle(readout.firstTitle);
      if (readout.slug !== minted) {
        suffixed++;
        const [, stem] = /^(.*)-\d+$/.exec(readout.slug) ?? [];
        assert.ok(stem !== undefined && minted.startsWith(stem), `${readout.slug} is not ${minted} with a -N`);
      }
      if (readout.firstTitle !== readout.title) assert.notEqual(minted, sanitizeTitle(readout.title), 'an edit that changes the slug');
    }
    assertWithin(suffixed / CORPUS.length, 0.22, 0.3, 'slugs with -N');
    assertWithin(share(CORPUS, (readout) => readout.firstTitle !== readout.title), 0.015, 0.025, 'titles edited after their URL');
  });

  test('tags: one category string, a list on about 3%', () => {
    const lists = share(CORPUS, (readout) => /\ntags:\n- /.test(readout.text));
    assertNearShare(lists, 0.03, CORPUS.length, 'tags as a list');
    for (const readout of CORPUS) assert.equal(readout.tags[0], readout.category);
  });

  test('bodies: a line holding a space, 72 columns; \\### ends 84% of statements-releases, the time ends remarks and briefings', () => {
    for (const readout of CORPUS) {
      const lines = parts(readout.text).body.split('\n');
      assert.equal(lines[0], ' ', 'the body starts with a line holding a single space');
      for (const line of lines) assert.ok(line.length <= 72, `body line over 72 columns: ${line}`);
    }
    const statements = CORPUS.filter((readout) => readout.category === 'statements-releases');
    assertNearShare(share(statements, (readout) => readout.text.endsWith('\n\n\\###\n')), 0.84, statements.length, '\\### in statements-releases');
    for (const readout of CORPUS.filter((candidate) => ['speeches-remarks', 'press-briefings'].includes(candidate.category) && candidate.title.startsWith('Remarks by President Biden'))) {
      assert.match(readout.text, /\nEND \d{1,2}:\d\d [AP]\.M\. E[DS]T\n$/);
    }
  });

  test('in the archive\'s form as .md with LF line ends, no BOM', () => {
    assert.ok(CORPUS.every((readout) => readout.relativePath.endsWith('.md') && !readout.text.includes('\r') && !readout.text.startsWith('\uFEFF')));
    const readouts = service();
    for (const { text, relativePath } of CORPUS.filter((_, index) => index % 10 === 0)) assert.equal(readouts.isReadout({ text }), true, relativePath);
  });
});

describe("sanitizeTitle: WordPress's slug, on the README's facts", () => {
  test("the README's examples", () => {
    assert.equal(sanitizeTitle('Q&A'), 'qa');
    assert.equal(sanitizeTitle('Section 506(a)(1)'), 'section-506a1');
    assert.equal(sanitizeTitle('500,000'), '500000');
    assert.equal(sanitizeTitle('H.R. 189'), 'h-r-189');
    assert.equal(sanitizeTitle('Café Straße Støre'), 'cafe-strasse-store');
  });

  test('whitespace, `.`, `/`, no-break spaces, en and em dashes become `-`; runs collapse and are trimmed', () => {
    assert.equal(sanitizeTitle(' a  b c.d/e\u00a0f\u2013g\u2014h -- i. '), 'a-b-c-d-e-f-g-h-i');
  });

  test('curly quotes, `&`, `(`, `)`, `,`, `:`, `\'` and every other character outside a-z 0-9 _ - are deleted; `_` is kept', () => {
    assert.equal(sanitizeTitle('The “Buy American” Rule: It’s ‘Here’ (Again), Isn\'t It? $5 #1 @2 +3 50% snake_case'), 'the-buy-american-rule-its-here-again-isnt-it-5-1-2-3-50-snake_case');
  });

  test('accented Latin letters are transliterated; other letters stay, %-encoded', () => {
    assert.equal(sanitizeTitle('Jakobsdóttir, Erdoğan, São Paulo, Nguyễn Phú Trọng, Kariņš, Čaputová, Łódź, Œuvre'), 'jakobsdottir-erdogan-sao-paulo-nguyen-phu-trong-karins-caputova-lodz-oeuvre');
    assert.equal(sanitizeTitle('Greek Independence Day: Ζήτω η Ελλάδα'), 'greek-independence-day-%ce%b6%ce%ae%cf%84%cf%89-%ce%b7-%ce%b5%ce%bb%ce%bb%ce%ac%ce%b4%ce%b1');
  });

  test('the cut at 200 %-encoded characters falls before punctuation is deleted', () => {
    // 40 curly apostrophes are 360 encoded characters: the cut leaves 22 of them, and they are deleted.
    assert.equal(sanitizeTitle(`${'’'.repeat(40)} tail`), '');
    // 33 times `word, ` and `wo` make the first 200 characters.
    assert.equal(sanitizeTitle(`${'Word, '.repeat(40)}End`), `${'word-'.repeat(33)}wo`);
  });

  test("the reference readout's URL is its title's slug", () => {
    assert.equal(sanitizeTitle('Readout of President Joe\u00a0Biden\u2019s Meeting with Prime Minister Trudeau of\u00a0Canada'), 'readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada');
    assert.ok(REFERENCE.includes('/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/'));
  });

  test('a repeated slug gets -2, -3, ...; one at the limit is shortened to make room', () => {
    const slugs = new SlugRegistry();
    assert.deepEqual(['a-b', 'a-b', 'a-b', 'a-b-2'].map((slug) => slugs.claim(slug)), ['a-b', 'a-b-2', 'a-b-3', 'a-b-2-2']);
    const long = `${'x'.repeat(196)}-yyy`;
    assert.equal(slugs.claim(long), long);
    assert.equal(slugs.claim(long), `${'x'.repeat(196)}-y-2`);
    // An encoded character is cut whole.
    const encoded = `${'x'.repeat(194)}%ce%b6`;
    assert.equal(slugs.claim(encoded), encoded);
    assert.equal(slugs.claim(encoded), `${'x'.repeat(194)}-2`);
  });
});

describe("dumpYaml: PyYAML's yaml.dump", () => {
  test('writes what PyYAML 6.0.3 wrote for edge cases and a sample of generated front matter', () => {
    const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'pyyaml-front-matter.json'), 'utf8')) as { pyyaml: string; cases: { fields: Record<string, FrontMatterValue>; yaml: string }[] };
    assert.equal(fixture.pyyaml, '6.0.3');
    assert.ok(fixture.cases.length > 200);
    for (const { fields, yaml } of fixture.cases) assert.equal(dumpYaml(fields), yaml, JSON.stringify(fields.title));
  });
});

describe('generateCorpus options', () => {
  test('is deterministic for a seed', () => {
    assert.deepEqual(generateCorpus({ count: 2_000, seed: 42 }), generateCorpus({ count: 2_000, seed: 42 }));
    assert.notDeepEqual(generateCorpus({ count: 300, seed: 43 }), generateCorpus({ count: 300, seed: 42 }));
  });

  test('keeps both eras at their shares whatever the count', () => {
    for (const count of [100, 1_000, 5_000]) {
      assertWithin(share(generateCorpus({ count }), (readout) => readout.era === 'archive'), 0.84, 0.86, `${count} readouts`);
    }
  });

  test('eras and categories narrow the corpus; the shares hold among what is kept', () => {
    const current = generateCorpus({ count: 500, eras: ['current'] });
    assert.ok(current.every((readout) => readout.era === 'current' && readout.date > LAST_BRIEFING_ROOM_DAY));
    const actions = generateCorpus({ count: 1_000, categories: ['presidential-actions', 'blog'] });
    assert.ok(actions.every((readout) => ['presidential-actions', 'blog'].includes(readout.category)));
    // 1,747 + 46 briefing-room pages, 641 current ones.
    assertWithin(share(actions, (readout) => readout.era === 'archive'), 0.73, 0.74, 'briefing-room share');
  });

  test("the core's slug rule and the generator's agree on every title as minted; nothing at warning or error", () => {
    const readouts = generateCorpus({ count: 5_000, seed: 42 });
    const readoutService = service();
    for (const readout of readouts) {
      assert.ok(slugMatchesTitle(readout.slug, readout.firstTitle), `the core's slug rule takes ${readout.slug} for ${readout.firstTitle}`);
      const serious = readoutService.getDiagnostics({ text: readout.text }).filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(serious.map((d) => `${d.code}: ${d.message}`), [], readout.relativePath);
    }
  });

  test('COPY_VARIANTS: the .txt files, CRLF line ends and BOMs of copies kept elsewhere', () => {
    const copies = generateCorpus({ ...COPY_VARIANTS, count: 2_000, seed: 42 });
    assertNearShare(share(copies, (readout) => readout.relativePath.endsWith('.txt')), 0.5, copies.length, '.txt');
    assertNearShare(share(copies, (readout) => readout.text.includes('\r\n')), 0.1, copies.length, 'CRLF');
    assertNearShare(share(copies, (readout) => readout.text.startsWith('\uFEFF')), 0.05, copies.length, 'BOM');
    for (const readout of copies) {
      assert.equal(/(?<!\r)\n/.test(readout.text), !readout.text.includes('\r\n'), `${readout.relativePath}: one kind of line end`);
      assert.ok(readout.relativePath.startsWith(`${readout.category}/${readout.date.slice(0, 7)}/${readout.date}-${readout.slug}.`));
    }
  });

  test('duplicateUrlEvery: n makes every n-th readout a second capture of an earlier page, kept where the layout puts it', () => {
    const readouts = generateCorpus({ count: 2_100, seed: 3, duplicateUrlEvery: 7 });
    const seen = new Map<string, number>();
    readouts.forEach((readout, index) => {
      const isCopy = (index + 1) % 7 === 0;
      assert.equal(readout.copyOf !== undefined, isCopy, `readout ${index}`);
      assert.equal(seen.has(readout.sourceUrl), isCopy, `readout ${index}`);
      seen.set(readout.sourceUrl, (seen.get(readout.sourceUrl) ?? 0) + 1);
      if (readout.copyOf === undefined) return;
      const first = readouts[readout.copyOf];
      assert.deepEqual([readout.title, readout.tags, readout.slug], [first.title, first.tags, first.slug]);
      // A current URL has no day: another day of the month. A briefing-room URL has one: the same day, the other extension.
      if (first.era === 'current') assert.ok(readout.date !== first.date && readout.date.slice(0, 7) === first.date.slice(0, 7), readout.relativePath);
      else assert.equal(readout.relativePath, first.relativePath.replace(/\.md$/, '.txt'));
    });
    assert.equal(seen.size, 1_800);
    assert.ok([...seen.values()].every((captures) => captures <= 2), 'a page is captured at most twice');
    assert.equal(new Set(readouts.map((readout) => readout.relativePath)).size, readouts.length);
    assert.ok(readouts.some((readout) => readout.copyOf !== undefined && readout.era === 'current'));
  });

  test('rejects options it cannot follow', () => {
    assert.throws(() => generateCorpus({ count: -1 }), RangeError);
    assert.throws(() => generateCorpus({ count: 1.5 }), RangeError);
    assert.throws(() => generateCorpus({ count: 10, duplicateUrlEvery: 1 }), RangeError);
    assert.throws(() => generateCorpus({ count: 10, modifiedTimeShare: 1.5 }), RangeError);
    assert.throws(() => generateCorpus({ count: 10, categories: ['statement-releases'] }), RangeError);
    assert.throws(() => generateCorpus({ count: 10, eras: ['current'], categories: ['blog'] }), RangeError);
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
      const readouts = await writeCorpus(folder, { ...COPY_VARIANTS, count: 400, seed: 5 });
      assert.deepEqual(readouts, generateCorpus({ ...COPY_VARIANTS, count: 400, seed: 5 }));
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
