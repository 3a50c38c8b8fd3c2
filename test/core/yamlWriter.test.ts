import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { parsesBackAsString, readsBackAsString, writeField, writeValue, writeValueInStyle } from '../../server/src/core/yamlWriter';
import { REFERENCE } from './helpers';

/** The reference file's front matter lines, without the `---` delimiters, each ending with '\n'. */
function referenceFrontMatter(): string {
  const match = /^---\n([\s\S]*?\n)---\n/.exec(REFERENCE);
  assert.ok(match, 'the reference file starts with a front matter block');
  return match[1];
}

function referenceLines(key: string): string {
  const lines = referenceFrontMatter().split(/(?<=\n)/);
  const start = lines.findIndex((line) => line.startsWith(`${key}:`));
  const end = lines.findIndex((line, i) => i > start && /^\S/.test(line));
  return lines.slice(start, end === -1 ? undefined : end).join('');
}

const REFERENCE_TITLE = 'Readout of President Joe\u00a0Biden\u2019s Meeting with Prime Minister Trudeau of\u00a0Canada';

test('the reference title is written exactly as in the archive', () => {
  assert.equal(
    writeField('title', REFERENCE_TITLE),
    'title: "Readout of President Joe\\_Biden\\u2019s Meeting with Prime Minister Trudeau\\\n  \\ of\\_Canada"\n',
  );
  assert.equal(writeField('title', REFERENCE_TITLE), referenceLines('title'));
});

test('the reference front matter is reproduced byte for byte from its parsed values', () => {
  const data = parse(referenceFrontMatter(), { version: '1.2' }) as Record<string, string>;
  assert.equal(data.title, REFERENCE_TITLE);
  // PyYAML left published_time unquoted only because it held a datetime; we write strings.
  const rebuilt = writeField('date', data.date)
    + referenceLines('published_time')
    + writeField('source_url', data.source_url)
    + writeField('tags', data.tags)
    + writeField('title', data.title);
  assert.equal(rebuilt, referenceFrontMatter());
});

test('date-like and time-like strings are quoted, as PyYAML quotes strings that would read as timestamps', () => {
  assert.equal(writeField('date', '2023-01-10'), "date: '2023-01-10'\n");
  assert.equal(writeField('published_time', '2023-01-10 12:54:40-05:00'), "published_time: '2023-01-10 12:54:40-05:00'\n");
});

test('a long plain value without spaces is not folded', () => {
  const url = `https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/${'a-'.repeat(100)}x/`;
  assert.equal(writeField('source_url', url), `source_url: ${url}\n`);
});

test('strings that would read as another type are single-quoted', () => {
  const quoted = ['', 'yes', 'No', 'on', 'OFF', 'true', 'null', '~', '123', '-7', '0x1F', '0b101', '017', '1_000',
    '1:20', '3.14', '.inf', '.NaN', '<<', '='];
  for (const value of quoted) assert.equal(writeValue('title', value), `'${value}'`, JSON.stringify(value));
});

test('strings PyYAML leaves plain but YAML 1.2 or 1.1 readers would misread are quoted too', () => {
  for (const value of ['1e3', '0o17', 'y', 'n']) assert.equal(writeValue('title', value), `'${value}'`);
});

test('indicators and edge spaces decide between plain and quoted', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['plain text', 'plain text'],
    ['a:b', 'a:b'],
    ['a#b', 'a#b'],
    ['-a', '-a'],
    ['U.S.-Canada', 'U.S.-Canada'],
    ['He said "no"', 'He said "no"'],
    ["don't", "don't"],
    ['a: b', "'a: b'"],
    ['a:', "'a:'"],
    ['a #b', "'a #b'"],
    ['- a', "'- a'"],
    ['-', "'-'"],
    ['? a', "'? a'"],
    ['#tag', "'#tag'"],
    ['&anchor', "'&anchor'"],
    ['*alias', "'*alias'"],
    ['"quoted"', '\'"quoted"\''],
    ["'quoted'", "'''quoted'''"],
    ['---', "'---'"],
    ['...and more', "'...and more'"],
    [' lead', "' lead'"],
    ['trail ', "'trail '"],
    ['a\nb', "'a\n\n  b'"],
    ['a\tb', '"a\\tb"'],
    ['a \nb', '"a \\nb"'],
    ['back\\slash', 'back\\slash'],
    ['caf\u00e9', '"caf\\xE9"'],
    ['smile \u{1F600}', '"smile \\U0001F600"'],
    ['bom\uFEFF', '"bom\\uFEFF"'],
    ['bell\x07 nul\0 esc\x1b', '"bell\\a nul\\0 esc\\e"'],
    ['line\u2028para\u2029next\x85', '"line\\Lpara\\Pnext\\N"'],
  ];
  for (const [value, written] of cases) assert.equal(writeValue('title', value), written, JSON.stringify(value));
});

test('a long plain title folds at the first single space past column 80', () => {
  // `title: ` ends at column 7; after "through the" the column is 80, not past it, so that space
  // stays; after "forest" it is 87, so the next space becomes a line break and a 2-space indent.
  const title = 'The quick brown fox jumps over the lazy dog and keeps running through the forest until night falls';
  assert.equal(
    writeField('title', title),
    'title: The quick brown fox jumps over the lazy dog and keeps running through the forest\n  until night falls\n',
  );
});

test('a long single-quoted title folds the same way, counting the opening quote', () => {
  // The quote takes column 7; "through" ends at column 86, past 80, so the space after it folds.
  const title = 'Readout: the quick brown fox jumps over the lazy dog and keeps running through the forest at night';
  assert.equal(
    writeField('title', title),
    "title: 'Readout: the quick brown fox jumps over the lazy dog and keeps running through\n  the forest at night'\n",
  );
});

test('double-quoted titles fold as PyYAML 6 does', () => {
  // Expected texts as written by PyYAML 6.0.3's yaml.dump(..., allow_unicode=False).
  assert.equal(
    writeField('title', 'Statement\ton the Situation in the Middle East and the Need for Humanitarian Pauses to Protect Civilians'),
    'title: "Statement\\ton the Situation in the Middle East and the Need for Humanitarian\\\n  \\ Pauses to Protect Civilians"\n',
  );
  // With no space to break at, the fold comes right after an escape.
  assert.equal(
    writeField('title', 'caf\u00e9'.repeat(30)),
    `title: "${'caf\\xE9'.repeat(11)}\\\n  ${'caf\\xE9'.repeat(12)}\\\n  ${'caf\\xE9'.repeat(7)}"\n`,
  );
  assert.equal(
    writeField('title', `${'word\u00a0'.repeat(20)}end`),
    `title: "${'word\\_'.repeat(13)}\\\n  ${'word\\_'.repeat(7)}end"\n`,
  );
});

test('lists are written in block style without indenting the dashes', () => {
  assert.equal(writeField('tags', ['statements-releases', 'yes', 'a: b']), "tags:\n- statements-releases\n- 'yes'\n- 'a: b'\n");
  assert.equal(writeField('tags', []), 'tags: []\n');
  // An item starts at column 2, so its first line can hold more than a value after `tags: `.
  assert.equal(
    writeField('tags', ['Statement on the Situation in the Middle East and the Need for Humanitarian Pauses \u2014 Civilians', 'x']),
    'tags:\n- "Statement on the Situation in the Middle East and the Need for Humanitarian Pauses\\\n  \\ \\u2014 Civilians"\n- x\n',
  );
});

test('the width option moves the fold points', () => {
  assert.equal(
    writeField('title', 'The quick brown fox jumps over the lazy dog', { width: 20 }),
    'title: The quick brown\n  fox jumps over the lazy\n  dog\n',
  );
  const long = 'The quick brown fox jumps over the lazy dog and keeps running through the forest until night falls';
  assert.equal(writeField('title', long, { width: Infinity }), `title: ${long}\n`);
  assert.equal(writeField('title', long, { width: 4 }), writeField('title', long), 'PyYAML ignores a width of 4 or less');
});

test('writeValue is the text that follows `key: `', () => {
  for (const value of [REFERENCE_TITLE, 'plain', '2023-01-10', 'a\nb', 'x'.repeat(200)]) {
    assert.equal(`title: ${writeValue('title', value)}\n`, writeField('title', value));
  }
});

test('keys are written as PyYAML writes simple keys', () => {
  assert.equal(writeField('yes', 'x'), "'yes': x\n");
  assert.equal(writeField('caf\u00e9', 'x'), '"caf\\xE9": x\n');
  assert.throws(() => writeField('', 'x'), RangeError);
  assert.throws(() => writeField('k'.repeat(128), 'x'), RangeError);
});

test('allowUnicode keeps printable non-ASCII raw, as PyYAML with allow_unicode=True', () => {
  assert.equal(writeValue('title', REFERENCE_TITLE, { allowUnicode: true }), REFERENCE_TITLE);
  assert.equal(writeValue('title', 'smile \u{1F600}', { allowUnicode: true }), 'smile \u{1F600}');
  assert.equal(writeValue('title', '\u2019a: b', { allowUnicode: true }), "'\u2019a: b'");
  // Inside double quotes PyYAML still escapes characters beyond the BMP.
  assert.equal(writeValue('title', 'caf\u00e9\t\u{1F600}', { allowUnicode: true }), '"caf\u00e9\\t\\U0001F600"');
  // Unlike PyYAML, line and paragraph separators stay escaped: YAML 1.2 does not read them as breaks.
  assert.equal(writeValue('title', 'a\u2028b', { allowUnicode: true }), '"a\\Lb"');
});

test('non-ASCII near the fold points counts one column per code point', () => {
  // The emoji is two UTF-16 units but one column: the space after "o" sits at column 80, not 81.
  const title = `${'Meeting with Prime Minister '.repeat(2)}\u{1F600}\u00e9abcdefghijklmno Trudeau of Canada`;
  assert.equal(
    writeField('title', title, { allowUnicode: true }),
    'title: Meeting with Prime Minister Meeting with Prime Minister \u{1F600}\u00e9abcdefghijklmno Trudeau\n  of Canada\n',
  );
});

const AWKWARD_STRINGS: readonly string[] = [
  '', ' ', '  ', ' lead', 'trail ', ' both ', 'a: b', 'a:', 'a #b', '#a', '-', '- a', '-a', '?', '? a', ':',
  "'", "'quoted'", '"', '"quoted"', '&a', '*a', '!tag', '|', '>', '%', '@', '`', '[a]', '{a}', ',',
  'yes', 'Yes', 'no', 'on', 'off', 'y', 'n', 'true', 'null', 'Null', '~', '123', '-1', '+1', '1e3', '1.5',
  '.5', '.inf', '0x1F', '0o17', '017', '0b11', '1_000', '1:20', '2023-01-10', '2023-01-10 12:54:40-05:00',
  '2023-01-10T12:54:40Z', '<<', '=', '---', '...', 'a\tb', '\t', 'a\nb', 'a\n\nb', '\na', 'a\n', 'a \nb',
  'a\n b', 'a\r\nb', 'back\\slash', '\\', 'both \' and "', "it's a \"test\"", '\u{1F600}', 'x\u{1F600}y',
  '\u00a0', 'a\u00a0b', '\u00a0lead', 'caf\u00e9', '\u2019', '\uFEFF', '\0', '\x7f', '\x85', '\u2028',
  'x'.repeat(250),
  `Readout of ${'President Joe\u00a0Biden\u2019s Meeting with Prime Minister Trudeau of\u00a0Canada '.repeat(3)}`.trim(),
  'The quick brown fox jumps over the lazy dog. '.repeat(5).trim(),
  `${'word '.repeat(15)}\u{1F600} ${'and more words '.repeat(10)}`,
  `${'a'.repeat(70)}\u00e9\u00e9\u00e9 ${'b'.repeat(5)} \u2019${'c '.repeat(60)}`,
  `${'x'.repeat(73)} \u00a0 ${'y'.repeat(80)}  ${'z'.repeat(40)}`,
  `'${'quoted words '.repeat(20)}'`,
  `${'Statement: on things '.repeat(12)}`,
  `${'tab\there '.repeat(25)}`,
  `${'line\nbreak '.repeat(20)}`,
];

test('awkward strings read back unchanged under YAML 1.2 and 1.1', () => {
  for (const value of AWKWARD_STRINGS) {
    for (const allowUnicode of [false, true]) {
      const field = writeField('title', value, { allowUnicode });
      for (const version of ['1.2', '1.1'] as const) {
        assert.deepEqual(parse(field, { version }), { title: value }, `${version} ${JSON.stringify(field)}`);
      }
    }
  }
});

test('lists of awkward strings read back unchanged', () => {
  const field = writeField('tags', AWKWARD_STRINGS);
  for (const version of ['1.2', '1.1'] as const) assert.deepEqual(parse(field, { version }), { tags: AWKWARD_STRINGS });
});

test('writeValueInStyle keeps the original quoting when it can hold the new value', () => {
  assert.equal(writeValueInStyle('title', 'New title', 'QUOTE_SINGLE'), "'New title'");
  assert.equal(writeValueInStyle('title', 'New title', 'PLAIN'), 'New title');
  assert.equal(writeValueInStyle('title', 'New title', 'QUOTE_DOUBLE'), '"New title"');
  assert.equal(writeValueInStyle('title', "it's", 'QUOTE_SINGLE'), "'it''s'");
  assert.equal(writeValueInStyle('title', 'caf\u00e9', 'QUOTE_SINGLE', { allowUnicode: true }), "'caf\u00e9'");
  assert.equal(writeValueInStyle('title', REFERENCE_TITLE, 'QUOTE_DOUBLE'), writeValue('title', REFERENCE_TITLE));
});

test('writeValueInStyle falls back to the usual choice when the style cannot hold the value', () => {
  assert.equal(writeValueInStyle('title', 'a\tb', 'QUOTE_SINGLE'), '"a\\tb"');
  assert.equal(writeValueInStyle('title', 'caf\u00e9', 'QUOTE_SINGLE'), '"caf\\xE9"');
  assert.equal(writeValueInStyle('title', 'yes', 'PLAIN'), "'yes'");
  assert.equal(writeValueInStyle('title', 'a: b', 'PLAIN'), "'a: b'");
  assert.equal(writeValueInStyle('title', 'a\tb', 'PLAIN'), '"a\\tb"');
  assert.equal(writeValueInStyle('title', 'text', 'BLOCK_LITERAL'), 'text');
  assert.equal(writeValueInStyle('title', 'text', undefined), 'text');
});

test('in an indented mapping: the field at its indentation, continuation lines 2 columns further in', () => {
  assert.equal(
    writeField('title', REFERENCE_TITLE, { indent: 2 }),
    '  title: "Readout of President Joe\\_Biden\\u2019s Meeting with Prime Minister Trudeau\\\n    \\ of\\_Canada"\n',
  );
  assert.equal(writeField('tags', ['statements-releases'], { indent: 4 }), '    tags:\n    - statements-releases\n');
  // A value starting further right than `key: ` folds sooner.
  assert.equal(writeValueInStyle('title', REFERENCE_TITLE, 'QUOTE_DOUBLE', { column: 20 }), '"Readout of President Joe\\_Biden\\u2019s Meeting with Prime Minister\\\n  \\ Trudeau of\\_Canada"');
});

test('in a flow mapping: a pair on no line of its own, quoted where a flow indicator would end a plain value, never folded', () => {
  assert.equal(writeField('tags', 'statements-releases', { flow: true }), 'tags: statements-releases');
  assert.equal(writeField('published_time', '2023-01-10 12:54:40-05:00', { flow: true }), "published_time: '2023-01-10 12:54:40-05:00'");
  assert.equal(writeField('title', 'Readout of a Call, with X', { flow: true }), "title: 'Readout of a Call, with X'");
  assert.equal(writeField('title', 'Two\nlines', { flow: true }), 'title: "Two\\nlines"');
  assert.equal(writeField('tags', ['a', 'b,c'], { flow: true }), "tags: [a, 'b,c']");
  assert.equal(writeField('title', REFERENCE_TITLE, { flow: true }), 'title: "Readout of President Joe\\_Biden\\u2019s Meeting with Prime Minister Trudeau of\\_Canada"');
  for (const value of ['a: b', 'x]', '{y}', 'why?']) assert.deepEqual(parse(`{${writeField('title', value, { flow: true })}}`), { title: value }, value);
});

test('a word of letters, `-` and `_` is known to read back as itself, or not, without a parse: as the parse says', () => {
  // Every word YAML 1.1 or 1.2 reads as a boolean or null, in each case, and words made of letters, `-` and `_`.
  const keywords = ['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null', 'nan', 'inf', 'infinity', 'tilde'].flatMap((word) => [word, word.toUpperCase(), word[0].toUpperCase() + word.slice(1)]);
  for (const word of keywords) assert.equal(readsBackAsString(word), parsesBackAsString(word), word);
  const word = fc.stringMatching(/^[A-Za-z][A-Za-z_-]{0,12}$/);
  fc.assert(fc.property(word, (text) => assert.equal(readsBackAsString(text), parsesBackAsString(text), text)), { seed: 20261204, numRuns: 3000 });
  assert.equal(readsBackAsString('statements-releases'), true);
  assert.equal(readsBackAsString('Off'), false);
});
