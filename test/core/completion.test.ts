import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { compileBuiltinSchema } from '../../server/src/core/builtinSchema';
import { readoutCompletions, type Completion, type CompletionContext, type CompletionList } from '../../server/src/core/completion';
import { createCompletionMemo } from '../../server/src/core/titleCatalog';
import { workspaceSymbols } from '../../server/src/core/workspaceSymbols';
import { applyEdits } from '../../server/src/core/fixAll';
import { findFrontMatter, parseReadout } from '../../server/src/core/frontMatter';
import { readoutEntry, type ReadoutEntry } from '../../server/src/core/readoutEntry';
import { compileSchema } from '../../server/src/core/schema';
import { BUILTIN_URL_TEMPLATES, parseUrlTemplates } from '../../server/src/core/urlTemplates';
import { createWorkspaceIndex, type WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { ARCHIVE_CATEGORIES, REFERENCE, bom, crlf, edit } from './helpers';

const SCHEMA = compileBuiltinSchema();
/** 2024-07-04 12:00:00 in New York (daylight time). */
const NOW = new Date('2024-07-04T16:00:00Z');
const CURSOR = /\$\$CURSOR\$\$|\|/;

interface Marked {
  readonly text: string;
  readonly offset: number;
}

/** A text with its cursor marked by `$$CURSOR$$` or, when the text has no such marker, by `|`. */
function marked(source: string): Marked {
  const marker = source.includes('$$CURSOR$$') ? '$$CURSOR$$' : CURSOR.exec(source)?.[0];
  assert.ok(marker, 'the text has no cursor marker');
  const offset = source.indexOf(marker);
  return { text: source.slice(0, offset) + source.slice(offset + marker.length), offset };
}

function context(options: Partial<CompletionContext> = {}): CompletionContext {
  return { schema: SCHEMA, index: createWorkspaceIndex(), now: NOW, urls: BUILTIN_URL_TEMPLATES, ...options };
}

function complete(source: string, options: Partial<CompletionContext> = {}): CompletionList {
  const { text, offset } = marked(source);
  return readoutCompletions(text, offset, context(options));
}

const labels = (list: CompletionList) => list.items.map((item) => item.label);

function item(list: CompletionList, label: string): Completion {
  const found = list.items.find((candidate) => candidate.label === label);
  assert.ok(found, `no item '${label}' among ${JSON.stringify(labels(list))}`);
  return found;
}

/** The document after accepting an item (its plain text, not its snippet). */
function accept(source: string, chosen: Completion): string {
  return applyEdits(marked(source).text, [chosen.edit, ...(chosen.additionalEdits ?? [])].map((e) => ({ span: e.span, newText: e.newText })));
}

/** The text an item's edit replaces. */
function replaced(source: string, chosen: Completion): string {
  return marked(source).text.slice(chosen.edit.span.start, chosen.edit.span.end);
}

let uriCount = 0;

function entry(fields: { title?: string; tags?: readonly string[]; date?: string; uri?: string }): ReadoutEntry {
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const value = (text: string | undefined) => (text === undefined ? undefined : { value: text, range: at });
  return {
    uri: fields.uri ?? `file:///archive/${++uriCount}.md`,
    title: value(fields.title),
    tags: (fields.tags ?? []).map((tag) => ({ value: tag, range: at })),
    sourceUrl: undefined,
    date: value(fields.date),
    publishedTime: undefined,
  };
}

function indexOf(entries: readonly ReadoutEntry[]): WorkspaceIndex {
  const index = createWorkspaceIndex();
  for (const one of entries) index.set(one);
  return index;
}

const BIDEN_KISHIDA = 'Readout of President Joe\u00a0Biden’s Call with Prime Minister Kishida of Japan';
/** Its label: longer than 60 characters, it is cut in the middle. */
const KISHIDA_LABEL = 'Readout of President Joe\u00a0Biden’s … Kishida of Japan';
const MACRON_LABEL = 'Readout of President Joe Biden’s … Macron of France';

/** The whole title a title item offers: its label, or, when the label is cut, its documentation. */
const titleOf = (one: Completion) => one.documentation ?? one.label;

function itemTitled(list: CompletionList, title: string): Completion {
  const found = list.items.find((candidate) => titleOf(candidate) === title);
  assert.ok(found, `no item for '${title}' among ${JSON.stringify(list.items.map(titleOf))}`);
  return found;
}

describe('completion: where it applies', () => {
  test('nothing in the body, on the delimiter lines, or outside a front matter', () => {
    const body = REFERENCE.indexOf('President Joseph R. Biden');
    assert.deepEqual(readoutCompletions(REFERENCE, body, context()).items, []);
    assert.deepEqual(readoutCompletions(REFERENCE, 0, context()).items, []);
    assert.deepEqual(readoutCompletions(REFERENCE, 3, context()).items, []);
    const close = REFERENCE.indexOf('\n---\n') + 1;
    assert.deepEqual(readoutCompletions(REFERENCE, close, context()).items, []);
    assert.deepEqual(readoutCompletions(REFERENCE, close + 3, context()).items, []);
    assert.deepEqual(complete('# Notes\n|\n').items, []);
    assert.deepEqual(complete('Intro\n---\n|\n---\n').items, []);
    assert.deepEqual(complete('---\ndate: x\n---\n|\n').items, []);
  });

  test('an unclosed block ends at its first blank line', () => {
    assert.deepEqual(labels(complete('---\ntags: press-briefings\n\n|\n')), []);
    assert.deepEqual(labels(complete('---\ntags: press-briefings\n\nbody |text\n')), []);
    assert.deepEqual(labels(complete("---\ndate: '2023-01-10'\n|")), ['published_time', 'source_url', 'tags', 'title', 'modified_time']);
  });

  test('nothing inside a key that has its colon, nor on a continuation line', () => {
    assert.deepEqual(complete('---\nti|tle: x\n---\n').items, []);
    assert.deepEqual(complete('---\n|title: x\n---\n').items, []);
    assert.deepEqual(readoutCompletions(REFERENCE, REFERENCE.indexOf('of\\_Canada'), context()).items, []);
  });
});

describe('completion: keys', () => {
  test('the fields the readout lacks, as snippets with their documentation', () => {
    const source = "---\ndate: '2023-01-10'\ntags: press-briefings\n|\n---\n";
    const list = complete(source);
    assert.deepEqual(labels(list), ['published_time', 'source_url', 'title', 'modified_time']);
    assert.equal(list.isIncomplete, false);
    const title = item(list, 'title');
    assert.equal(title.kind, 'field');
    assert.deepEqual(title.edit, { span: { start: 45, end: 45 }, newText: 'title: ', snippet: 'title: $1' });
    assert.equal(title.documentation, "The statement's title as published, on one line once parsed.");
    // published_time is derived from date, with the time as a placeholder.
    assert.equal(item(list, 'published_time').edit.snippet, 'published_time: 2023-01-10 ${1:12:00:00}-05:00');
  });

  test('modified_time, optional, after the required fields, with its documentation', () => {
    const list = complete("---\ndate: '2023-01-10'\npublished_time: 2023-01-10 12:54:40-05:00\n|\n---\n");
    const modified = item(list, 'modified_time');
    assert.equal(labels(list).at(-1), 'modified_time');
    assert.equal(modified.detail, 'optional');
    assert.match(modified.documentation!, /^When the statement was last modified/);
  });

  test('tags as a choice of the vocabulary', () => {
    const list = complete("---\ndate: '2023-01-10'\n|\n---\n");
    assert.equal(item(list, 'tags').edit.snippet, `tags: \${1|${ARCHIVE_CATEGORIES.join(',')}|}`);
  });

  test('a partial key typed at column 0 is replaced; a key already present is never offered', () => {
    const source = "---\ndate: '2023-01-10'\npub|\ntitle: x\n---\n";
    const list = complete(source);
    assert.deepEqual(labels(list), ['published_time', 'source_url', 'tags', 'modified_time']);
    const chosen = item(list, 'published_time');
    assert.equal(replaced(source, chosen), 'pub');
    assert.equal(accept(source, chosen), "---\ndate: '2023-01-10'\npublished_time: 2023-01-10 12:00:00-05:00\ntitle: x\n---\n");
  });

  test('required fields first, each group in schema order', () => {
    const result = compileSchema({
      type: 'object',
      required: ['title', 'date'],
      properties: { date: { type: 'string' }, note: { type: 'string', description: 'A note.' }, title: { type: 'string' }, author: { type: 'string' } },
    }, 'test');
    assert.ok('schema' in result);
    assert.deepEqual(labels(complete('---\n|\n---\n', { schema: result.schema })), ['date', 'title', 'note', 'author']);
    assert.equal(item(complete('---\n|\n---\n', { schema: result.schema }), 'note').documentation, 'A note.');
  });

  test('on a blank line between fields, and in a document that does not parse yet', () => {
    assert.deepEqual(labels(complete("---\ndate: '2023-01-10'\n|\ntitle: \"Unclosed\n---\n")), ['published_time', 'source_url', 'tags', 'modified_time']);
  });

  test('the derived value of a missing field is filled in', () => {
    const source = "---\ndate: '2023-01-10'\npublished_time: 2023-01-10 12:54:40-05:00\ntags: statements-releases\ntitle: Readout of a Call\n|\n---\n";
    const { offset } = marked(source);
    assert.deepEqual(item(complete(source), 'source_url').edit, {
      span: { start: offset, end: offset },
      newText: 'source_url: https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-a-call/',
      snippet: 'source_url: https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-a-call/',
    });
  });

  for (const [variant, transform] of [['CRLF', crlf], ['BOM', bom], ['CRLF and BOM', (t: string) => bom(crlf(t))]] as const) {
    test(`keys in a ${variant} file`, () => {
      const source = transform("---\ndate: '2023-01-10'\nti|\n---\n");
      const list = complete(source);
      assert.deepEqual(labels(list), ['published_time', 'source_url', 'tags', 'title', 'modified_time']);
      const chosen = item(list, 'title');
      assert.equal(replaced(source, chosen), 'ti');
      assert.equal(accept(source, chosen), transform("---\ndate: '2023-01-10'\ntitle: \n---\n"));
    });
  }
});

describe('completion: tags', () => {
  const used = indexOf([
    ...Array.from({ length: 1234 }, () => entry({ tags: ['statements-releases'] })),
    entry({ tags: ['press-briefings', 'readouts'] }),
    entry({ tags: ['readouts'] }),
  ]);

  test('the vocabulary, then workspace tags, with their usage', () => {
    const list = complete('---\ntags: |\n---\n', { index: used });
    // The vocabulary in the schema's order (the archive's, most used first) after the ones the workspace uses.
    assert.deepEqual(labels(list), ['statements-releases', 'press-briefings', ...ARCHIVE_CATEGORIES.filter((tag) => tag !== 'statements-releases' && tag !== 'press-briefings'), 'readouts']);
    assert.equal(item(list, 'statements-releases').detail, 'used in 1,234 readouts');
    assert.equal(item(list, 'press-briefings').detail, 'used in 1 readout');
    assert.equal(item(list, 'speeches-remarks').detail, 'not used in the workspace yet');
    assert.equal(item(list, 'readouts').detail, "used in 2 readouts; not in the schema's list");
    for (const category of ARCHIVE_CATEGORIES) assert.match(item(list, category).documentation!, /^[A-Z].+\.$/, category);
    assert.equal(item(list, 'readouts').kind, 'value');
  });

  test('filtered by prefix or substring, whatever the case; prefix matches first', () => {
    assert.deepEqual(labels(complete('---\ntags: STA|\n---\n', { index: used })), ['statements-releases', 'briefings-statements']);
    assert.deepEqual(labels(complete('---\ntags: s|\n---\n', { index: used })), ['statements-releases', 'speeches-remarks', 'press-briefings', 'presidential-actions', 'articles', 'briefings-statements', 'fact-sheets', 'legislation', 'releases', 'disclosures', 'remarks', 'research', 'readouts']);
    assert.deepEqual(labels(complete('---\ntags: rel|\n---\n', { index: used })), ['releases', 'statements-releases']);
    assert.deepEqual(labels(complete('---\ntags: zz|\n---\n', { index: used })), []);
  });

  test('the edit replaces the typed value; a quote the person opened is kept', () => {
    const source = '---\ntags: sta|tements\n---\n';
    const chosen = item(complete(source), 'statements-releases');
    assert.equal(replaced(source, chosen), 'statements');
    assert.equal(accept(source, chosen), '---\ntags: statements-releases\n---\n');
    assert.equal(item(complete("---\ntags: 'sp|\n---\n"), 'speeches-remarks').edit.newText, "'speeches-remarks'");
    assert.equal(item(complete('---\ntags:|\n---\n'), 'speeches-remarks').edit.newText, ' speeches-remarks');
  });

  test('a list item: never a tag the list already has', () => {
    const source = '---\ntags:\n- press-briefings\n- pre|\n---\n';
    const list = complete(source, { index: used });
    assert.deepEqual(labels(list), ['presidential-actions']);
    assert.equal(accept(source, list.items[0]), '---\ntags:\n- press-briefings\n- presidential-actions\n---\n');
    assert.deepEqual(labels(complete('---\ntags:\n  - statements-releases\n  - |\n---\n', { index: used })), ['press-briefings', ...ARCHIVE_CATEGORIES.filter((tag) => tag !== 'statements-releases' && tag !== 'press-briefings'), 'readouts']);
  });

  test('no scalar on the key line of a list', () => {
    assert.deepEqual(complete('---\ntags: |\n- press-briefings\n---\n').items, []);
  });

  for (const [variant, transform] of [['CRLF', crlf], ['BOM', bom], ['CRLF and BOM', (t: string) => bom(crlf(t))]] as const) {
    test(`tags in a ${variant} file`, () => {
      const scalar = transform('---\ntags: spe|\n---\n');
      const chosen = item(complete(scalar), 'speeches-remarks');
      assert.equal(replaced(scalar, chosen), 'spe');
      assert.equal(accept(scalar, chosen), transform('---\ntags: speeches-remarks\n---\n'));
      const list = transform('---\ntags:\n- speeches-remarks\n- |\n---\n');
      assert.deepEqual(labels(complete(list)), ARCHIVE_CATEGORIES.filter((tag) => tag !== 'speeches-remarks'));
    });
  }

  test('any enum field of the schema offers its values', () => {
    const result = compileSchema({ type: 'object', properties: { kind: { enum: ['readout', 'statement'], enumDescriptions: ['A call.', 'A statement.'] } } }, 'test');
    assert.ok('schema' in result);
    const list = complete('---\nkind: st|\n---\n', { schema: result.schema });
    assert.deepEqual(labels(list), ['statement']);
    assert.equal(list.items[0].documentation, 'A statement.');
  });
});

/** 300 characters: the archive's titles run up to 341. */
const LONG_TITLE = 'Joint Statement by the Leaders of the United States, Canada and Mexico on Cooperation in Clean Energy, Critical Minerals, Semiconductors, Supply Chains, Migration, Public Health, Security, Fentanyl Trafficking, Climate Change, Indigenous Women and Girls, Governance and Competitiveness for Our Region';

describe('completion: title', () => {
  const titled = (title: string, times: number, date: string) => Array.from({ length: times }, () => entry({ title, date }));
  const index = indexOf([
    ...titled('Statement from President Joe Biden on Ukraine', 1, '2023-02-24'),
    ...titled(BIDEN_KISHIDA, 2, '2022-05-01'),
    ...titled('Readout of President Joe Biden’s Call with President Macron of France', 2, '2023-06-01'),
    ...titled('Readout of the Café Meeting', 1, '2021-03-01'),
    ...titled('FACT SHEET: The Inflation Reduction Act', 3, '2022-08-16'),
  ]);
  const typing = (typed: string) => `---\ntags: statements-releases\ntitle: ${typed}|\n---\n`;

  test('a 300-character title: a label short enough to leave its date and category in view, which come first in its detail; the whole title inserted', () => {
    assert.equal(LONG_TITLE.length, 300);
    const long = indexOf([entry({ title: LONG_TITLE, date: '2023-01-10', tags: ['statements-releases', 'presidential-actions'] }), ...titled(LONG_TITLE, 1, '2022-12-01')]);
    const source = typing('competitiveness');
    const [chosen] = complete(source, { index: long }).items;
    assert.deepEqual([chosen.label, chosen.detail, chosen.description], [
      'Joint Statement by the Leaders of … for Our Region',
      'latest 2023-01-10 · statements-releases · used in 2 readouts',
      'latest 2023-01-10 · statements-releases · used in 2 readouts',
    ]);
    assert.equal(chosen.documentation, LONG_TITLE);
    const block = findFrontMatter(accept(source, chosen))!;
    assert.equal((parse(accept(source, chosen).slice(block.content.start, block.content.end)) as { title: string }).title, LONG_TITLE);
  });

  test('a title that fits is its own label, with the date and category of its one readout', () => {
    const one = indexOf([entry({ title: 'Readout of a Call', date: '2023-01-10', tags: ['statements-releases'] })]);
    const [chosen] = complete(typing('call'), { index: one }).items;
    assert.deepEqual([chosen.label, chosen.detail, chosen.description, chosen.documentation], ['Readout of a Call', '2023-01-10 · statements-releases', '2023-01-10 · statements-releases', undefined]);
  });

  test('most frequent first, then most recent', () => {
    const list = complete(typing(''), { index });
    const titles = list.items.filter((one) => !one.label.endsWith('…'));
    assert.deepEqual(titles.map((one) => one.label), [
      'FACT SHEET: The Inflation Reduction Act',
      MACRON_LABEL,
      KISHIDA_LABEL,
      'Statement from President Joe Biden on Ukraine',
      'Readout of the Café Meeting',
    ]);
    assert.equal(titles[0].detail, 'latest 2022-08-16 · used in 3 readouts');
    assert.equal(titles[3].detail, '2023-02-24');
    assert.equal(list.isIncomplete, true);
  });

  test('matched whatever the case, accents, apostrophes and no-break spaces', () => {
    for (const typed of ['biden s call', 'Biden’s Call', "biden's call", 'bidens call', 'JOE BIDEN S CALL WITH PRIME']) {
      assert.ok(labels(complete(typing(typed), { index })).includes(KISHIDA_LABEL), `'${typed}' finds the Kishida call`);
    }
    assert.deepEqual(labels(complete(typing('cafe'), { index })), ['Readout of the Café Meeting']);
    assert.deepEqual(labels(complete(typing('"Readout of the Caf\\u00e9'), { index })), ['Readout of the Café Meeting']);
    assert.deepEqual(complete(typing('macron'), { index }).items.map(titleOf), ['Readout of President Joe Biden’s Call with President Macron of France']);
  });

  test('letters matched in the ASCII form slugs give them, as the workspace symbol search does: ø, ń and ł too', () => {
    const nordic = indexOf([entry({ title: 'Readout of a Call with Prime Minister Støre and Chancellor Scholz in Gdańsk and Łódź', date: '2023-05-01' })]);
    for (const typed of ['store', 'støre', 'lodz', 'gdansk']) {
      assert.deepEqual(complete(typing(typed), { index: nordic }).items.map(titleOf), ['Readout of a Call with Prime Minister Støre and Chancellor Scholz in Gdańsk and Łódź'], typed);
    }
    assert.deepEqual(workspaceSymbols(nordic, 'lodz').map((symbol) => symbol.name.endsWith('Łódź')), [true]);
  });

  test("every item's filterText is what is typed, since the server has matched it", () => {
    const list = complete(typing('biden s'), { index });
    assert.ok(list.items.length > 0);
    assert.ok(list.items.every((one) => one.filterText === 'biden s'));
  });

  test('a title with ": " is quoted', () => {
    const source = typing('fact');
    const chosen = item(complete(source, { index }), 'FACT SHEET: The Inflation Reduction Act');
    assert.equal(replaced(source, chosen), 'fact');
    assert.equal(chosen.edit.newText, "'FACT SHEET: The Inflation Reduction Act'");
  });

  test('a title starting with a quote is quoted', () => {
    const quoted = indexOf([entry({ title: '"Build Back Better" Is Law' }), entry({ title: "'Tis the Season" })]);
    assert.equal(item(complete(typing('build'), { index: quoted }), '"Build Back Better" Is Law').edit.newText, `'"Build Back Better" Is Law'`);
    assert.equal(item(complete(typing('tis'), { index: quoted }), "'Tis the Season").edit.newText, "'''Tis the Season'");
  });

  test('’ and a no-break space are escaped in a file written with escapes, and the long title folded', () => {
    const chosen = item(complete(typing('kishida'), { index }), KISHIDA_LABEL);
    assert.equal(chosen.edit.newText, '"Readout of President Joe\\_Biden\\u2019s Call with Prime Minister Kishida of\\\n  \\ Japan"');
    const unicode = `---\ntags: statements-releases\ntitle: kishida|\nnote: café\n---\n`;
    assert.equal(item(complete(unicode, { index }), KISHIDA_LABEL).edit.newText, 'Readout of President Joe\u00a0Biden’s Call with Prime Minister Kishida of Japan');
    // What is typed is replaced, so its own raw ’ does not make the file raw.
    assert.equal(item(complete(typing('Biden’s call with prime'), { index }), KISHIDA_LABEL).edit.newText, chosen.edit.newText);
  });

  test("on a folded title's first line, the whole value is replaced, continuation lines included", () => {
    const ownTitle = 'Readout of President Joe\u00a0Biden’s Meeting with Prime Minister Trudeau of\u00a0Canada';
    const withReference = indexOf([readoutEntry('file:///reference.txt', parseReadout(REFERENCE)), entry({ title: BIDEN_KISHIDA })]);
    const at = REFERENCE.indexOf('title: "Readout') + 'title: "Readout'.length;
    const source = `${REFERENCE.slice(0, at)}|${REFERENCE.slice(at)}`;
    const list = complete(source, { index: withReference });
    // The title the readout already has is not offered again.
    assert.ok(!list.items.map(titleOf).includes(ownTitle));
    const chosen = itemTitled(list, BIDEN_KISHIDA);
    assert.equal(replaced(source, chosen), '"Readout of President Joe\\_Biden\\u2019s Meeting with Prime Minister Trudeau\\');
    assert.deepEqual(chosen.additionalEdits?.map((e) => REFERENCE.slice(e.span.start, e.span.end)), ['\n  \\ of\\_Canada"']);
    assert.equal(accept(source, chosen), edit(REFERENCE, REFERENCE.slice(at - 'title: "Readout'.length, REFERENCE.indexOf('\n---\n', at)), `title: ${chosen.edit.newText}`));
  });

  test('typing the title back restores the reference byte for byte', () => {
    const withReference = indexOf([readoutEntry('file:///reference.txt', parseReadout(REFERENCE))]);
    const title = REFERENCE.slice(REFERENCE.indexOf('title: '), REFERENCE.indexOf('\n---\n'));
    for (const transform of [(t: string) => t, crlf]) {
      const source = transform(edit(REFERENCE, title, 'title: trudeau|'));
      const chosen = itemTitled(complete(source, { index: withReference }), 'Readout of President Joe\u00a0Biden’s Meeting with Prime Minister Trudeau of\u00a0Canada');
      assert.equal(accept(source, chosen), transform(REFERENCE));
    }
  });

  test("the document's own entry is not offered back to it", () => {
    const own = indexOf([entry({ title: 'Readout of Pres', uri: 'file:///own.md' }), entry({ title: 'Readout of President Biden’s Trip' })]);
    assert.deepEqual(labels(complete(typing('readout of p'), { index: own, uri: 'file:///own.md' })), ['Readout of President Biden’s Trip']);
  });

  test('capped at 20 titles, incomplete', () => {
    const many = indexOf(Array.from({ length: 60 }, (_, at) => entry({ title: `Remarks on Topic ${at}`, date: '2023-01-01' })));
    const list = complete(typing('topic'), { index: many });
    assert.equal(list.items.filter((one) => !one.label.endsWith('…')).length, 20);
    assert.equal(list.isIncomplete, true);
  });

  test('common openings learned from the workspace, with the cursor after them', () => {
    const openings = indexOf([
      ...['Kishida of Japan', 'Macron of France', 'Scholz of Germany', 'Lula of Brazil'].map((who) => entry({ title: `Readout of President Joe Biden’s Call with ${who}` })),
      ...['Kishida', 'Albanese', 'Modi'].map((who) => entry({ title: `Readout of President Joe Biden’s Meeting with ${who}` })),
      ...['Ukraine', 'Israel', 'the Economy'].map((what) => entry({ title: `Statement from President Joe Biden on ${what}` })),
      ...['Jobs', 'Chips', 'Roads'].map((what) => entry({ title: `FACT SHEET: ${what}` })),
      entry({ title: 'Remarks by the Vice President' }),
    ]);
    const list = complete("---\ntitle: |\nnote: café\n---\n", { index: openings });
    assert.deepEqual(labels(list).filter((label) => label.endsWith('…')), [
      'Readout of President Joe Biden’s …',
      'Readout of President Joe Biden’s Call with …',
      'FACT SHEET: …',
      'Readout of President Joe Biden’s Meeting with …',
      'Statement from President Joe Biden on …',
    ]);
    const call = item(list, 'Readout of President Joe Biden’s Call with …');
    assert.equal(call.detail, 'common opening of 4 titles');
    assert.deepEqual(call.edit, { span: { start: 11, end: 11 }, newText: 'Readout of President Joe Biden’s Call with ', snippet: 'Readout of President Joe Biden’s Call with $0' });
    assert.equal(item(list, 'FACT SHEET: …').edit.snippet, "'FACT SHEET: $0'");
    const escaped = item(complete(typing('biden s call'), { index: openings }), 'Readout of President Joe Biden’s Call with …');
    assert.equal(escaped.edit.snippet, '"Readout of President Joe Biden\\\\u2019s Call with $0"');
    assert.equal(escaped.edit.newText, '"Readout of President Joe Biden\\u2019s Call with "');
  });

  test("source_url's slug: the workspace title with that slug first, else the slug spelled out", () => {
    const url = (slug: string) => `https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2022/05/01/${slug}/`;
    const known = complete(`---\nsource_url: ${url('readout-of-president-joe-bidens-call-with-prime-minister-kishida-of-japan')}\ntitle: |\n---\n`, { index });
    assert.deepEqual([known.items[0].label, known.items[0].detail, known.items[0].description], [KISHIDA_LABEL, "the workspace's title for source_url's slug", 'latest 2022-05-01 · used in 2 readouts']);
    const unknown = complete(`---\nsource_url: ${url('readout-of-president-joe-bidens-call-with-x')}\ntitle: |\n---\n`, { index });
    assert.equal(unknown.items[0].label, 'Readout of President Joe Bidens Call with X');
    assert.equal(unknown.items[0].detail, "source_url's slug spelled out");
  });

  test("the slug of a URL in the form of 2025 is spelled out too", () => {
    const list = complete('---\nsource_url: https://www.whitehouse.gov/presidential-actions/2025/01/initial-rescissions-of-harmful-executive-orders-and-actions/\ntitle: |\n---\n', { index });
    assert.equal(list.items[0].label, 'Initial Rescissions of Harmful Executive Orders and Actions');
  });

  test('a memo follows the index as entries come and go', () => {
    const memo = createCompletionMemo();
    const live = indexOf([entry({ title: 'Remarks on Jobs', uri: 'file:///a.md' })]);
    const titles = () => labels(complete(typing('remarks'), { index: live, memo }));
    assert.deepEqual(titles(), ['Remarks on Jobs']);
    live.set(entry({ title: 'Remarks on Roads', uri: 'file:///b.md', date: '2024-01-01' }));
    assert.deepEqual(titles(), ['Remarks on Roads', 'Remarks on Jobs']);
    live.set(entry({ title: 'Remarks on Jobs', uri: 'file:///b.md' }));
    assert.deepEqual(titles(), ['Remarks on Jobs']);
    live.delete('file:///a.md');
    live.delete('file:///b.md');
    assert.deepEqual(titles(), []);
  });

  test("a memo's slug lookup follows titles that come and go", () => {
    const memo = createCompletionMemo();
    const live = indexOf([entry({ title: 'Remarks on Jobs’ Day', uri: 'file:///a.md' })]);
    const source = '---\nsource_url: https://bidenwhitehouse.archives.gov/briefing-room/speeches-remarks/2024/01/01/remarks-on-jobs-day/\ntitle: |\n---\n';
    const first = () => complete(source, { index: live, memo }).items[0].label;
    assert.equal(first(), 'Remarks on Jobs’ Day');
    live.delete('file:///a.md');
    assert.equal(first(), 'Remarks on Jobs Day');
    live.set(entry({ title: 'Remarks on Jobs’ Day', uri: 'file:///b.md' }));
    assert.equal(first(), 'Remarks on Jobs’ Day');
  });
});

describe('completion: derived values', () => {
  const complete1 = (source: string) => {
    const list = complete(source);
    assert.equal(list.items.length, 1, JSON.stringify(labels(list)));
    return list.items[0];
  };

  test('source_url from the first tag, date and title', () => {
    const source = "---\ndate: '2023-01-10'\nsource_url: |\ntags:\n- statements-releases\n- press-briefings\ntitle: 'FACT SHEET: Jobs’ Day'\n---\n";
    const chosen = complete1(source);
    assert.equal(chosen.label, 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/fact-sheet-jobs-day/');
    assert.equal(chosen.detail, 'from tags, date and title');
    assert.equal(accept(source, chosen), source.replace('|', '').replace('source_url: ', `source_url: ${chosen.label}`));
  });

  test('source_url in the form of its date: the archive before 20 January 2025, www.whitehouse.gov from then', () => {
    const on = (day: string) => complete1(`---\ndate: '${day}'\nsource_url: |\ntags: fact-sheets\ntitle: 'Fact Sheet: Tariffs'\n---\n`).label;
    assert.equal(on('2025-01-19'), 'https://bidenwhitehouse.archives.gov/briefing-room/fact-sheets/2025/01/19/fact-sheet-tariffs/');
    assert.equal(on('2025-01-20'), 'https://www.whitehouse.gov/fact-sheets/2025/01/fact-sheet-tariffs/');
    assert.equal(on('2026-03-10'), 'https://www.whitehouse.gov/fact-sheets/2026/03/fact-sheet-tariffs/');
  });

  test('source_url in a form of the configuration; none when no form is for that date', () => {
    const parsed = parseUrlTemplates([{ template: 'https://www.agency.gov/news/{yyyy}{mm}{dd}-{slug}.html', from: '2020-01-01' }]);
    assert.ok('templates' in parsed);
    const source = (day: string) => `---\ndate: '${day}'\nsource_url: |\ntags: releases\ntitle: Secretary Visits Ohio\n---\n`;
    assert.deepEqual(labels(complete(source('2024-03-15'), { urls: parsed.templates })), ['https://www.agency.gov/news/20240315-secretary-visits-ohio.html']);
    assert.deepEqual(labels(complete(source('2019-12-31'), { urls: parsed.templates })), []);
  });

  test('source_url while another line is still being typed (the document does not parse)', () => {
    const source = "---\ndate: '2023-01-10'\npubl\nsource_url: |\ntags: statements-releases\ntitle: Readout of a Call\n---\n";
    assert.equal(complete1(source).label, 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-a-call/');
  });

  test('no source_url without a valid tag, date and title', () => {
    assert.deepEqual(complete("---\nsource_url: |\ntags: statements-releases\ntitle: A\n---\n").items, []);
    assert.deepEqual(complete("---\ndate: '2023-02-30'\nsource_url: |\ntags: statements-releases\ntitle: A\n---\n").items, []);
    assert.deepEqual(complete("---\ndate: '2023-01-10'\nsource_url: |\ntags: readouts\ntitle: A\n---\n").items, []);
    assert.deepEqual(complete("---\ndate: '2023-01-10'\nsource_url: |\ntags: statements-releases\ntitle: '---'\n---\n").items, []);
  });

  test('date from published_time, as PyYAML writes it; else today in New York', () => {
    const chosen = complete1('---\ndate: |\npublished_time: 2023-01-10 23:54:40-05:00\n---\n');
    assert.deepEqual([chosen.label, chosen.edit.newText, chosen.detail], ['2023-01-10', "'2023-01-10'", 'the day of published_time']);
    const late = readoutCompletions('---\ndate: \n---\n', 10, context({ now: new Date('2024-07-05T02:30:00Z') }));
    assert.deepEqual([late.items[0].label, late.items[0].detail], ['2024-07-04', 'today, US Eastern time']);
  });

  test('published_time from date with its US Eastern offset, the time a placeholder, unquoted as in the archive', () => {
    const at = (date: string) => complete1(`---\ndate: '${date}'\npublished_time: |\n---\n`).edit;
    assert.deepEqual(at('2023-01-10'), { span: { start: 39, end: 39 }, newText: '2023-01-10 12:00:00-05:00', snippet: '2023-01-10 ${1:12:00:00}-05:00' });
    assert.equal(at('2023-07-04').newText, '2023-07-04 12:00:00-04:00');
    // Daylight time runs from the second Sunday of March to the first Sunday of November.
    assert.equal(at('2023-03-11').newText, '2023-03-11 12:00:00-05:00');
    assert.equal(at('2023-03-12').newText, '2023-03-12 12:00:00-04:00');
    assert.equal(at('2023-11-04').newText, '2023-11-04 12:00:00-04:00');
    assert.equal(at('2023-11-05').newText, '2023-11-05 12:00:00-05:00');
    assert.equal(at('2024-03-10').newText, '2024-03-10 12:00:00-04:00');
  });

  test('published_time: a quote the person opened is kept; without a date, now in New York', () => {
    assert.equal(complete1("---\ndate: '2023-01-10'\npublished_time: '|\n---\n").edit.snippet, "'2023-01-10 ${1:12:00:00}-05:00'");
    assert.deepEqual(complete1('---\npublished_time: |\n---\n').edit.snippet, '2024-07-04 ${1:12:00:00}-04:00');
    const winter = readoutCompletions('---\npublished_time: \n---\n', 20, context({ now: new Date('2024-01-15T03:04:05Z') }));
    assert.equal(winter.items[0].edit.newText, '2024-01-14 22:04:05-05:00');
  });
});

describe('completion: timing at 50,000 readouts (printed, not asserted)', () => {
  test('title and tag completion', () => {
    const random = seeded(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const leaders = Array.from({ length: 400 }, (_, at) => `Prime Minister ${['Kishida', 'Trudeau', 'Modi', 'Albanese', 'Scholz'][at % 5]}${at}`);
    const countries = ['Japan', 'Canada', 'India', 'Australia', 'Germany', 'Côte d’Ivoire', 'Türkiye'];
    const templates = [
      () => `Readout of President Joe\u00a0Biden’s Call with ${pick(leaders)} of ${pick(countries)}`,
      () => `Readout of President Joe\u00a0Biden’s Meeting with ${pick(leaders)} of ${pick(countries)}`,
      () => `Statement from President Joe\u00a0Biden on ${pick(countries)} ${Math.floor(random() * 5000)}`,
      () => `FACT SHEET: ${pick(['Jobs', 'Chips', 'Roads', 'Climate'])} in ${pick(countries)} ${Math.floor(random() * 5000)}`,
      () => 'Press Briefing by Press Secretary Karine Jean-Pierre',
    ];
    const tags = ['statements-releases', 'speeches-remarks', 'press-briefings', 'presidential-actions', 'readouts', 'fact-sheets'];
    const index = indexOf(Array.from({ length: 50_000 }, (_, at) => entry({
      title: pick(templates)(),
      tags: [pick(tags)],
      date: `20${21 + (at % 4)}-0${1 + (at % 9)}-1${at % 10}`,
    })));
    const memo = createCompletionMemo();
    const cold = time(() => complete('---\ntitle: |\n---\n', { index, memo }));
    const typed = ['', 'r', 'readout of', 'biden s call', 'kishida1', 'fact sheet: chips', 'statement from president joe biden on', 'cote d ivoire', 'zzz', 'press briefing'];
    const titleTimes = Array.from({ length: 200 }, (_, at) => time(() => complete(`---\ntags: readouts\ntitle: ${typed[at % typed.length]}|\n---\n`, { index, memo })));
    const tagTimes = Array.from({ length: 200 }, (_, at) => time(() => complete(`---\ntags: ${['', 'st', 'pre', 'rel'][at % 4]}|\n---\n`, { index, memo })));
    index.set(entry({ title: 'Readout of President Joe Biden’s Call with a New Leader' }));
    const afterChange = time(() => complete('---\ntitle: readout|\n---\n', { index, memo }));
    console.log(`completion at 50,000 readouts: first title request ${cold.toFixed(1)} ms; title p50 ${percentile(titleTimes, 50).toFixed(2)} ms, p99 ${percentile(titleTimes, 99).toFixed(2)} ms; tag p50 ${percentile(tagTimes, 50).toFixed(2)} ms, p99 ${percentile(tagTimes, 99).toFixed(2)} ms; first title request after one entry changed ${afterChange.toFixed(1)} ms`);
  });
});

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function percentile(times: readonly number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A deterministic pseudo-random sequence (mulberry32), so the generated workspace is the same each run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
