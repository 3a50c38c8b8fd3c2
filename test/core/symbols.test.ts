import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReadout } from '../../server/src/core/frontMatter';
import type { LineRange } from '../../server/src/core/lineIndex';
import { readoutEntry, type ReadoutEntry } from '../../server/src/core/readoutEntry';
import { documentSymbols, type DocumentSymbol } from '../../server/src/core/outline';
import { createSymbolSearch, workspaceSymbols } from '../../server/src/core/workspaceSymbols';
import { createWorkspaceIndex, type WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { writeField } from '../../server/src/core/yamlWriter';
import { COPY_VARIANTS, generateCorpus } from '../corpus';
import { REFERENCE, bom, crlf, lineColumns } from './helpers';

/** A symbol tree as a person reads an outline: kind, name, detail, where, what is selected. */
interface Outline {
  readonly kind: string;
  readonly name: string;
  readonly detail?: string;
  readonly at: string;
  readonly selected: string;
  readonly children?: readonly Outline[];
}

function outline(text: string, symbols: readonly DocumentSymbol[]): Outline[] {
  return symbols.map((symbol) => ({
    kind: symbol.kind,
    name: symbol.name,
    ...(symbol.detail === undefined ? {} : { detail: symbol.detail }),
    at: lineColumns(text, symbol.span),
    selected: text.slice(symbol.selectionSpan.start, symbol.selectionSpan.end),
    ...(symbol.children.length === 0 ? {} : { children: outline(text, symbol.children) }),
  }));
}

const outlineOf = (text: string) => outline(text, documentSymbols(parseReadout(text)));

const REFERENCE_TITLE = 'Readout of President Joe\u00a0Biden\u2019s Meeting with Prime Minister Trudeau of\u00a0Canada';
const REFERENCE_URL = 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/';

function referenceFields(firstLineStart: number): Outline[] {
  return [
    { kind: 'field', name: 'date', detail: '2023-01-10', at: `1:0-1:18`, selected: 'date' },
    { kind: 'field', name: 'published_time', detail: '2023-01-10 12:54:40-05:00', at: '2:0-2:41', selected: 'published_time' },
    { kind: 'field', name: 'source_url', detail: `${REFERENCE_URL.slice(0, 79)}…`, at: '3:0-3:172', selected: 'source_url' },
    { kind: 'field', name: 'tags', detail: 'statements-releases', at: '4:0-4:25', selected: 'tags' },
    // The detail is one line, no-break spaces shown as spaces.
    { kind: 'field', name: 'title', detail: 'Readout of President Joe Biden’s Meeting with Prime Minister Trudeau of Canada', at: '5:0-6:15', selected: 'title' },
  ].map((field) => ({ ...field, at: field.at.replace(/^0:0/, `0:${firstLineStart}`) }));
}

describe('documentSymbols', () => {
  for (const [variant, text, start] of [['LF', REFERENCE, 0], ['CRLF', crlf(REFERENCE), 0], ['BOM', bom(REFERENCE), 1], ['BOM and CRLF', bom(crlf(REFERENCE)), 1]] as const) {
    test(`${variant}: the reference is its front matter with five fields; the closing --- is no heading`, () => {
      assert.deepEqual(outlineOf(text), [
        { kind: 'frontMatter', name: 'front matter', at: `0:${start}-7:3`, selected: '---', children: referenceFields(start) },
      ]);
    });
  }

  const HEADINGS = [
    '---',
    'title: Notes',
    '---',
    ' ',
    '# Readout',
    '',
    'Intro text.',
    '',
    '## Background ##',
    '',
    '```',
    '# not a heading',
    '```',
    '',
    'Details of the',
    'meeting',
    '-------',
    '',
    '### Deeper',
    '',
    '- item',
    '---',
    '',
    'Summary',
    '=======',
    '',
    '\\###',
    '',
  ].join('\n');

  const HEADINGS_OUTLINE: Outline[] = [
    { kind: 'frontMatter', name: 'front matter', at: '0:0-2:3', selected: '---', children: [{ kind: 'field', name: 'title', detail: 'Notes', at: '1:0-1:12', selected: 'title' }] },
    {
      kind: 'heading', name: 'Readout', at: '4:0-21:3', selected: 'Readout', children: [
        // A section ends at its last character before the next heading of its level or above.
        { kind: 'heading', name: 'Background', at: '8:0-12:3', selected: 'Background' },
        {
          kind: 'heading', name: 'Details of the meeting', at: '14:0-21:3', selected: 'Details of the\nmeeting', children: [
            // `---` under a list item is a thematic break, not an underline.
            { kind: 'heading', name: 'Deeper', at: '18:0-21:3', selected: 'Deeper' },
          ],
        },
      ],
    },
    { kind: 'heading', name: 'Summary', at: '23:0-26:4', selected: 'Summary' },
  ];

  test('headings nest by level: ATX with closing marks, setext under one or more lines, none inside fenced code', () => {
    assert.deepEqual(outlineOf(HEADINGS), HEADINGS_OUTLINE);
  });

  test('the same outline with CRLF line ends and a BOM: spans end before the carriage return', () => {
    const withCrlf = (symbols: readonly Outline[]): Outline[] => symbols.map((symbol) => ({
      ...symbol,
      selected: symbol.selected.replace(/\n/g, '\r\n'),
      ...(symbol.children ? { children: withCrlf(symbol.children) } : {}),
    }));
    const withBom = (symbols: readonly Outline[]) => symbols.map((symbol, index) => (index === 0 ? { ...symbol, at: '0:1-2:3' } : symbol));
    assert.deepEqual(outlineOf(crlf(HEADINGS)), withCrlf(HEADINGS_OUTLINE));
    assert.deepEqual(outlineOf(bom(HEADINGS)), withBom(HEADINGS_OUTLINE));
    assert.deepEqual(outlineOf(bom(crlf(HEADINGS))), withBom(withCrlf(HEADINGS_OUTLINE)));
  });

  test('a --- line right after the front matter is a thematic break, not an underline', () => {
    const text = '---\ntitle: x\n---\n---\nText\n';
    assert.deepEqual(outlineOf(text).map((symbol) => symbol.kind), ['frontMatter']);
  });

  test('what is no ATX heading: no space after #, four spaces of indent, seven #; three spaces of indent is one', () => {
    const text = '---\ntitle: x\n---\n#hashtag\n\n    # code\n\n####### seven\n\n   ## Indented\n';
    assert.deepEqual(outlineOf(text).slice(1), [{ kind: 'heading', name: 'Indented', at: '9:3-9:14', selected: 'Indented' }]);
  });

  test('under a list item or a quote no underline makes a heading; after indented code one does', () => {
    const text = '---\ntitle: x\n---\nText\n- item\n---\n\n> quote\n===\n\n    code\nTitle\n=====\n';
    assert.deepEqual(outlineOf(text).slice(1), [{ kind: 'heading', name: 'Title', at: '11:0-12:5', selected: 'Title' }]);
  });

  test('headings inside block quotes and list items, ATX and setext, as Markdown reads them', () => {
    const text = '---\ntitle: x\n---\n> ## Quoted\n\n- # In a list\n- item\n\n1. Setext in an item\n   ---\n\n> Quoted setext\n> over two lines\n> ===\n';
    assert.deepEqual(outlineOf(text).slice(1), [
      { kind: 'heading', name: 'Quoted', at: '3:2-3:11', selected: 'Quoted' },
      { kind: 'heading', name: 'In a list', at: '5:2-9:6', selected: 'In a list', children: [
        { kind: 'heading', name: 'Setext in an item', at: '8:3-9:6', selected: 'Setext in an item' },
      ] },
      { kind: 'heading', name: 'Quoted setext over two lines', at: '11:2-13:5', selected: 'Quoted setext\n> over two lines' },
    ]);
  });

  test('an unclosed fence hides every heading after it', () => {
    const text = '---\ntitle: x\n---\n# Before\n~~~~\n# inside\n~~~\n# still inside\n';
    assert.deepEqual(outlineOf(text).slice(1).map((symbol) => symbol.name), ['Before']);
  });

  test('fields: a list joined, an empty value without detail, a long value shortened', () => {
    const text = `---\ntags:\n- statements-releases\n- presidential-actions\nempty:\ntitle: ${'word '.repeat(30)}end\n---\n`;
    const [frontMatter] = outlineOf(text);
    assert.deepEqual(frontMatter.children, [
      // The list's symbol stops at its last character, not at the next key; an empty value's after the colon.
      { kind: 'field', name: 'tags', detail: 'statements-releases, presidential-actions', at: '1:0-3:22', selected: 'tags' },
      { kind: 'field', name: 'empty', at: '4:0-4:6', selected: 'empty' },
      { kind: 'field', name: 'title', detail: `${'word '.repeat(15)}word…`, at: '5:0-5:160', selected: 'title' },
    ]);
  });

  test('an unclosed block is the front matter alone; no front matter, the headings alone', () => {
    assert.deepEqual(outlineOf('---\ntitle: x\n\n# Not body\n'), [{ kind: 'frontMatter', name: 'front matter', at: '0:0-3:10', selected: '---' }]);
    assert.deepEqual(outlineOf('\uFEFF# Notes\ntext\n'), [{ kind: 'heading', name: 'Notes', at: '0:1-1:4', selected: 'Notes' }]);
  });
});

/** What a person types mid-edit: fragments of fields, indicators, quotes, brackets, tabs, line breaks. */
const TYPED = ['published_time: - x', '\t', '\n# ', '\n===\n', '\n```\n', '- ', ': ', '? ', '"', "'", '[', ']', '{', '}', '#', '\n', '\r\n', '---', 'title:', 'tags:\n- x', ' ', '😀', '\\', '|', '>', '&a ', '*a'];

describe('documentSymbols while a person types', () => {
  test('every symbol lies in the text and its range holds its selection, after 3,000 edits of the reference', () => {
    let seed = 12;
    const random = (below: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * below);
    const frontMatterEnd = REFERENCE.indexOf('\n---\n') + 5;
    const check = (text: string, symbols: readonly DocumentSymbol[], parent?: DocumentSymbol) => {
      for (const symbol of symbols) {
        const { span, selectionSpan } = symbol;
        const where = () => `${JSON.stringify(text.slice(0, frontMatterEnd + 20))}: ${symbol.name} ${JSON.stringify([span, selectionSpan])}`;
        assert.ok(span.start >= 0 && span.end <= text.length, where());
        assert.ok(span.start <= selectionSpan.start && selectionSpan.end <= span.end, where());
        if (parent) assert.ok(parent.span.start <= span.start && span.end <= parent.span.end, where());
        check(text, symbol.children, symbol);
      }
    };
    let text = REFERENCE;
    for (let edit = 0; edit < 3_000; edit++) {
      // Mostly typing into the front matter, some into the body's headings, now and then starting again from the reference.
      if (edit % 50 === 0) text = REFERENCE;
      const at = random(3) === 0 ? random(text.length + 1) : random(Math.min(text.length, frontMatterEnd + 10) + 1);
      text = random(4) === 0 ? text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + random(8))) : text.slice(0, at) + TYPED[random(TYPED.length)] + text.slice(at);
      check(text, documentSymbols(parseReadout(text)));
    }
  });

  test('a key with nothing but a list indicator after its colon, and a key after a tab, keep their selection inside their range', () => {
    for (const text of [
      REFERENCE.replace('published_time: 2023-01-10 12:54:40-05:00', 'published_time: - x'),
      REFERENCE.replace('tags: statements-releases', '\ttags: statements-releases'),
      REFERENCE.replace("date: '2023-01-10'", "date: '2023-01-10' published_time: - x"),
    ]) {
      for (const symbol of documentSymbols(parseReadout(text))[0].children) {
        assert.ok(symbol.span.start <= symbol.selectionSpan.start && symbol.selectionSpan.end <= symbol.span.end, `${symbol.name}: ${JSON.stringify(symbol)}`);
      }
    }
  });
});

const RANGE: LineRange = { start: { line: 5, character: 7 }, end: { line: 5, character: 20 } };

/** A readout entry parsed from real front matter. */
function entry(uri: string, title: string, date: string, tag = 'statements-releases'): ReadoutEntry {
  const text = `---\n${writeField('date', date)}published_time: ${date} 12:00:00-05:00\n${writeField('tags', tag)}${writeField('title', title)}---\n \nBody.\n`;
  return readoutEntry(uri, parseReadout(text));
}

function indexOf(entries: readonly ReadoutEntry[]): WorkspaceIndex {
  const index = createWorkspaceIndex();
  for (const item of entries) index.set(item);
  return index;
}

const ARCHIVE = indexOf([
  readoutEntry('file:///archive/reference.txt', parseReadout(REFERENCE)),
  entry('file:///archive/erdogan.md', 'Readout of President Joe Biden’s Call with President Erdoğan of Türkiye', '2023-02-06'),
  entry('file:///archive/earthquakes.md', 'Statement from President Joe\u00a0Biden on the Earthquakes in Türkiye and Syria', '2023-02-06'),
  entry('file:///archive/marine-one.md', 'Remarks by President Biden Before Marine One Departure', '2023-03-01', 'speeches-remarks'),
  entry('file:///archive/briefing.md', 'Press Briefing by Press Secretary Karine Jean-Pierre, January 10, 2023', '2023-01-10', 'press-briefings'),
  entry('file:///archive/unity.md', 'Unity in Our Nation', '2022-05-01'),
  entry('file:///archive/union.md', 'Union Jobs Report', '2022-05-02'),
  entry('file:///archive/contract.md', 'Contract', '2022-06-01'),
  entry('file:///archive/climate.md', 'Climate Talks', '2022-06-02'),
]);

/** A symbol's name is its readout's date and first tag, then its title. */
const DATE_AND_TAG = /^\d{4}-\d{2}-\d{2} · [a-z-]+ · /;

/** The titles of the symbols found, in their order. */
const names = (query: string, limit?: number) => workspaceSymbols(ARCHIVE, query, limit).map((symbol) => {
  assert.match(symbol.name, DATE_AND_TAG);
  return symbol.name.replace(DATE_AND_TAG, '');
});

/** 300 characters: the archive's titles run up to 341. */
const LONG_TITLE = 'Joint Statement by the Leaders of the United States, Canada and Mexico on Cooperation in Clean Energy, Critical Minerals, Semiconductors, Supply Chains, Migration, Public Health, Security, Fentanyl Trafficking, Climate Change, Indigenous Women and Girls, Governance and Competitiveness for Our Region';

describe('workspaceSymbols', () => {
  test('"biden trudeau" finds the reference: its date, first tag and title with spaces, its URI, the title value\'s range', () => {
    const [first] = workspaceSymbols(ARCHIVE, 'biden trudeau');
    assert.deepEqual({ ...first, score: undefined }, {
      name: '2023-01-10 · statements-releases · Readout of President Joe Biden’s Meeting with Prime Minister Trudeau of Canada',
      uri: 'file:///archive/reference.txt',
      range: { start: { line: 5, character: 7 }, end: { line: 6, character: 15 } },
      score: undefined,
    });
    assert.ok(first.score > 0);
  });

  test('a 300-character title: its date and tag come first, where a list that cuts the name at its end still shows them; a readout with neither is its title', () => {
    assert.equal(LONG_TITLE.length, 300);
    const index = indexOf([entry('file:///archive/long.md', LONG_TITLE, '2023-01-10'), readoutEntry('file:///archive/bare.md', parseReadout('---\ntitle: Competitiveness\n---\n'))]);
    assert.deepEqual(workspaceSymbols(index, 'competitiveness').map((symbol) => symbol.name), ['Competitiveness', `2023-01-10 · statements-releases · ${LONG_TITLE}`]);
  });

  test('"rdout" matches the readouts first', () => {
    assert.deepEqual(names('rdout').slice(0, 2).sort(), [
      'Readout of President Joe Biden’s Call with President Erdoğan of Türkiye',
      'Readout of President Joe Biden’s Meeting with Prime Minister Trudeau of Canada',
    ]);
  });

  test('accent-, case- and no-break-space-insensitive, either way round', () => {
    for (const query of ['erdogan', 'ERDOGAN', 'Erdoğan', 'erdoğan turkiye']) assert.equal(names(query)[0], 'Readout of President Joe Biden’s Call with President Erdoğan of Türkiye', query);
    assert.equal(names('türkiye syria')[0], 'Statement from President Joe Biden on the Earthquakes in Türkiye and Syria');
    assert.equal(names('joe\u00a0biden’s meeting')[0], REFERENCE_TITLE.replace(/\u00a0/g, ' '));
    assert.equal(names("biden's meeting")[0], REFERENCE_TITLE.replace(/\u00a0/g, ' '));
    assert.equal(names('bidens meeting')[0], REFERENCE_TITLE.replace(/\u00a0/g, ' '));
  });

  test('a run of letters and word starts rank above scattered letters', () => {
    const union = names('union');
    assert.ok(union.indexOf('Union Jobs Report') < union.indexOf('Unity in Our Nation'), JSON.stringify(union));
    const ct = names('ct');
    assert.ok(ct.indexOf('Climate Talks') < ct.indexOf('Contract'), JSON.stringify(ct));
    assert.equal(names('marine one')[0], 'Remarks by President Biden Before Marine One Departure');
    assert.equal(names('kjp')[0], 'Press Briefing by Press Secretary Karine Jean-Pierre, January 10, 2023');
  });

  test('once a title holds the query well, titles holding its letters only scattered are left out; with none that does, they are the list', () => {
    const speeder = entry('file:///speeder.md', 'Speeder Dog Plan', '2023-01-10');
    const erdogan = entry('file:///erdogan.md', 'Call with President Erdoğan', '2023-01-10');
    const halves = entry('file:///halves.md', 'Statement on the Erdo Gan Case', '2023-01-10');
    const scored = (index: WorkspaceIndex, query: string) => workspaceSymbols(index, query).map((symbol) => [symbol.uri, symbol.score]);
    // "er" and "an" inside words, "dog" starting one: 9 + 10 + 9 + 10 + 10 + 1 + 10, far below the 69 of the whole name.
    assert.deepEqual(scored(indexOf([speeder]), 'erdogan'), [['file:///speeder.md', 51]]);
    // One break at a word start costs 1: "Erdo Gan" stays beside "Erdoğan"; "Speeder Dog Plan" goes.
    assert.deepEqual(scored(indexOf([speeder, erdogan, halves]), 'erdogan'), [['file:///erdogan.md', 69], ['file:///halves.md', 68]]);
  });

  test('characters out of order, or missing, match nothing', () => {
    assert.deepEqual(names('xyzzy'), []);
    assert.deepEqual(workspaceSymbols(indexOf([entry('file:///union.md', 'Union', '2023-01-10')]), 'noinu'), []);
  });

  test('an empty or blank query gives the most recent readouts, by date, up to the limit', () => {
    const recent = workspaceSymbols(ARCHIVE, '', 4);
    assert.deepEqual(recent.map((symbol) => symbol.name.slice(0, 32)), ['2023-03-01 · speeches-remarks · ', '2023-02-06 · statements-releases', '2023-02-06 · statements-releases', '2023-01-10 · statements-releases']);
    assert.ok(recent.every((symbol) => symbol.score === 0));
    assert.deepEqual(workspaceSymbols(ARCHIVE, ' \u00a0 ', 4), recent);
  });

  test('at most `limit` results, 128 by default; none for a limit of 0', () => {
    const many = indexOf(Array.from({ length: 300 }, (_, i) => entry(`file:///many/${i}.md`, `Readout number ${i}`, '2023-01-10')));
    assert.equal(workspaceSymbols(many, 'readout').length, 128);
    assert.equal(workspaceSymbols(many, 'readout', 10).length, 10);
    assert.equal(workspaceSymbols(many, '').length, 128);
    assert.deepEqual(workspaceSymbols(many, 'readout', 0), []);
  });

  test('a readout without a title is no symbol', () => {
    const index = indexOf([readoutEntry('file:///untitled.md', parseReadout("---\ndate: '2023-01-10'\n---\n"))]);
    assert.deepEqual(workspaceSymbols(index, ''), []);
  });

  test('a held search follows the index as readouts come, change and go', () => {
    const index = indexOf([entry('file:///a.md', 'Readout of a Call', '2023-01-10')]);
    const search = createSymbolSearch(index);
    assert.deepEqual(search.search('call').map((symbol) => symbol.uri), ['file:///a.md']);
    index.set(entry('file:///b.md', 'Readout of another Call', '2023-01-11'));
    assert.deepEqual(search.search('call').map((symbol) => symbol.uri), ['file:///a.md', 'file:///b.md']);
    index.set(entry('file:///a.md', 'Readout of a Meeting', '2023-01-10'));
    assert.deepEqual(search.search('call').map((symbol) => symbol.uri), ['file:///b.md']);
    index.delete('file:///b.md');
    assert.deepEqual(search.search('call'), []);
  });

  test('a query typed on: a title that scored lower for the shorter query is scored again when a letter can lift it past the list', () => {
    // For "ab", "ab c" (19: a word start and a run) beats "a bc" (18: two word starts). For
    // "abc", each scores 28 ("ab c" gains a word start, "a bc" a run), and "a bc", newer, wins the tie.
    const index = indexOf([entry('file:///x.md', 'ab c', '2023-01-10'), entry('file:///y.md', 'a bc', '2023-01-11')]);
    const search = createSymbolSearch(index);
    assert.deepEqual(search.search('ab', 1).map((symbol) => [symbol.uri, symbol.score]), [['file:///x.md', 19]]);
    assert.deepEqual(search.search('abc', 1).map((symbol) => [symbol.uri, symbol.score]), [['file:///y.md', 28]]);
  });

  test('a query typed on after a readout left: what the shorter query learnt of a place is not taken for the title moved into it', () => {
    const index = indexOf([
      // Its words start with k, i and s, but not in that order: scored for "kis", and no match.
      entry('file:///a.md', 'Statement Is Key', '2023-01-10'),
      entry('file:///b.md', 'Kids in Shanghai', '2023-01-11'),
      entry('file:///c.md', 'Call with Prime Minister Kishida', '2023-01-12'),
    ]);
    const search = createSymbolSearch(index);
    assert.deepEqual(search.search('kis').map((symbol) => [symbol.uri, symbol.score]), [['file:///c.md', 29], ['file:///b.md', 28]]);
    // The table fills the place of a title that leaves with its last title: here the best one.
    index.delete('file:///a.md');
    assert.deepEqual(search.search('kish').map((symbol) => [symbol.uri, symbol.score]), [['file:///c.md', 39], ['file:///b.md', 38]]);
  });

  test('on generated readouts, each range is exactly where the title value is written', () => {
    for (const readout of generateCorpus({ ...COPY_VARIANTS, count: 300, seed: 9 })) {
      const index = indexOf([readoutEntry(`file:///${readout.relativePath}`, parseReadout(readout.text))]);
      const [symbol] = workspaceSymbols(index, readout.title);
      const lines = readout.text.replace(/^\uFEFF/, '').split(/\r?\n/);
      const titleLine = lines.findIndex((line) => line.startsWith('title: '));
      // A BOM sits before the first line only: the title's columns are the same with or without it.
      assert.deepEqual(symbol.range.start, { line: titleLine, character: 'title: '.length }, readout.relativePath);
      const end = lines.findIndex((line, index) => index > titleLine && line === '---') - 1;
      assert.deepEqual(symbol.range.end, { line: end, character: lines[end].length }, readout.relativePath);
    }
  });

  test('50,000 titles: latency of a held search over 100 queries (printed, not asserted)', (t) => {
    const index = createWorkspaceIndex();
    for (const readout of generateCorpus({ count: 50_000 })) {
      index.set({
        uri: `file:///archive/${readout.relativePath}`,
        title: { value: readout.title, range: RANGE },
        tags: readout.tags.map((tag) => ({ value: tag, range: RANGE })),
        sourceUrl: { value: readout.sourceUrl, range: RANGE },
        date: { value: readout.date, range: RANGE },
        publishedTime: undefined,
      });
    }
    const queries = ['biden trudeau', 'rdout', 'erdogan', 'e', 'readout of president joe biden', '', 'fact sheet', 'zzzz', 'pbpsKJP', 'statement', 'remarks press conference', 'jean-pierre', 'executive order', 'proclamation 2023', 'macron', 'sao paulo', 'kariņš', 'x', 'the', 'national security'];
    const search = createSymbolSearch(index);
    const started = performance.now();
    search.search('warm up');
    const firstQuery = performance.now() - started;
    const times = Array.from({ length: 100 }, (_, i) => {
      const start = performance.now();
      const results = search.search(queries[i % queries.length]);
      assert.ok(results.length <= 128);
      return performance.now() - start;
    }).sort((a, b) => a - b);
    const percentile = (p: number) => times[Math.ceil((p / 100) * times.length) - 1].toFixed(1);
    index.set({ ...index.get(index.entries().next().value!.uri)! });
    const afterEdit = performance.now();
    search.search('biden');
    const editedQuery = performance.now() - afterEdit;
    const oneShot = performance.now();
    workspaceSymbols(index, 'biden');
    t.diagnostic(`50,000 titles, held search: p50 ${percentile(50)} ms, p99 ${percentile(99)} ms over 100 queries; first query (folds every title) ${firstQuery.toFixed(0)} ms; first after an edit ${editedQuery.toFixed(1)} ms; one-shot workspaceSymbols ${(performance.now() - oneShot).toFixed(0)} ms`);
  });
});
