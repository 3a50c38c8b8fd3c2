import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { field, findFrontMatter, firstKey, parseReadout } from '../../server/src/core/frontMatter';
import { REFERENCE, bom, crlf, lineColumns, service } from './helpers';

const slice = (text: string, span: { start: number; end: number } | undefined) => (span ? text.slice(span.start, span.end) : undefined);

describe('findFrontMatter', () => {
  test('finds the reference block: delimiters and the YAML between them', () => {
    const block = findFrontMatter(REFERENCE)!;
    assert.equal(slice(REFERENCE, block.open), '---');
    assert.equal(slice(REFERENCE, block.close), '---');
    assert.ok(slice(REFERENCE, block.content)!.startsWith("date: '2023-01-10'\n"));
    assert.ok(slice(REFERENCE, block.content)!.endsWith('of\\_Canada"\n'));
  });

  for (const [name, variant] of [['CRLF', crlf(REFERENCE)], ['BOM', bom(REFERENCE)], ['BOM and CRLF', bom(crlf(REFERENCE))]] as const) {
    test(`${name}: delimiters exclude the line break, content starts after the BOM`, () => {
      const block = findFrontMatter(variant)!;
      assert.equal(slice(variant, block.open), '---');
      assert.equal(slice(variant, block.close), '---');
      assert.equal(block.open.start, variant.startsWith('\uFEFF') ? 1 : 0);
      assert.ok(slice(variant, block.content)!.startsWith('date:'));
    });
  }

  test('a `...` line closes the block, as YAML\'s document end', () => {
    const text = 'date: x\n'.replace(/^/, '---\n') + '...\nbody\n---\n';
    const block = findFrontMatter(text)!;
    assert.equal(slice(text, block.close), '...');
    assert.equal(slice(text, block.content), 'date: x\n');
  });

  test('trailing spaces on both delimiters are allowed', () => {
    const text = '---  \ntitle: x\n--- \t\nbody';
    const block = findFrontMatter(text)!;
    assert.equal(slice(text, block.open), '---  ');
    assert.equal(slice(text, block.close), '--- \t');
    assert.equal(slice(text, block.content), 'title: x\n');
  });

  test('an empty block', () => {
    const text = '---\n---\n';
    const block = findFrontMatter(text)!;
    assert.deepEqual(block.content, { start: 4, end: 4 });
    assert.equal(slice(text, block.close), '---');
  });

  test('unclosed blocks: no closing line, a lone `---`, a `----` line that is no delimiter', () => {
    for (const text of ['---\ntitle: x\n', '---', '---\n', '---\ntitle: x\n----\n']) {
      const block = findFrontMatter(text)!;
      assert.equal(block.close, undefined, JSON.stringify(text));
      assert.equal(slice(text, block.open), '---');
    }
  });

  test('a line that only starts with --- (`----`, `---foo`) is content: a later --- closes the block', () => {
    for (const inside of ['----', '---foo', '--- not a delimiter']) {
      const text = `---\ntitle: x\n${inside}\ndate: y\n---\nBody\n`;
      const block = findFrontMatter(text)!;
      assert.equal(slice(text, block.content), `title: x\n${inside}\ndate: y\n`, inside);
      assert.equal(slice(text, block.close), '---', inside);
    }
    // The diagnostics then point at that line, not at the opening one.
    const text = '---\ntitle: x\n----\n---\nBody\n';
    assert.deepEqual(service().getDiagnostics({ text, inReadoutFiles: true }).map((d) => [d.code, lineColumns(text, d.span)]).filter(([code]) => code !== 'missing-field'), [['yaml-syntax', '2:0-2:4']]);
  });

  test('no block: no opening line, text after the dashes, a horizontal rule of four dashes', () => {
    for (const text of ['', 'title: x\n', '# Title\n---\n', '---js\nprocess.exit(1)\n---\n', '----\ntitle: x\n----\n', ' ---\ntitle: x\n---\n']) {
      assert.equal(findFrontMatter(text), undefined, JSON.stringify(text));
    }
  });

  test('the same block below and above the length past which it is found without gray-matter (its time grows with the square of blank lines)', () => {
    for (const blanks of [10, 5_000]) {
      const yaml = `title: x\n${'\n'.repeat(blanks)}`;
      const closed = `---\n${yaml}---\nBody\n`;
      assert.deepEqual([slice(closed, findFrontMatter(closed)!.content), slice(closed, findFrontMatter(closed)!.close)], [yaml, '---'], `closed, ${blanks}`);
      const fourDashes = `---\n${yaml}----\n---\n`;
      assert.deepEqual([slice(fourDashes, findFrontMatter(fourDashes)!.content), slice(fourDashes, findFrontMatter(fourDashes)!.close)], [`${yaml}----\n`, '---'], `----, ${blanks}`);
      const unclosed = `---\n${yaml}Body\n`;
      assert.deepEqual([slice(unclosed, findFrontMatter(unclosed)!.content), findFrontMatter(unclosed)!.close], [`${yaml}Body\n`, undefined], `unclosed, ${blanks}`);
    }
  });
});

describe('firstKey', () => {
  test('reads the first key past blank lines and comments, quoted or not', () => {
    const key = (yaml: string) => firstKey(`---\n${yaml}---\n`, findFrontMatter(`---\n${yaml}---\n`)!);
    assert.equal(key("date: '2023-01-10'\n"), 'date');
    assert.equal(key('\n# comment\ntitle: x\n'), 'title');
    assert.equal(key('"source_url": x\n'), 'source_url');
    assert.equal(key('layout: post\n'), 'layout');
    assert.equal(key('- a list\n'), undefined);
    assert.equal(key(''), undefined);
  });
});

describe('parseReadout', () => {
  test('values are typed as written: an unquoted date and time stay strings (YAML 1.2 core)', () => {
    const readout = parseReadout('---\ndate: 2023-01-10\npublished_time: 2023-01-10 12:54:40-05:00\nyes: no\n---\n');
    assert.deepEqual(readout.data, { date: '2023-01-10', published_time: '2023-01-10 12:54:40-05:00', yes: 'no' });
  });

  test('the reference title is one line of text once parsed, with its no-break spaces and apostrophe', () => {
    const readout = parseReadout(REFERENCE);
    assert.equal((readout.data as { title: string }).title, 'Readout of President Joe\u00a0Biden\u2019s Meeting with Prime Minister Trudeau of\u00a0Canada');
  });

  test('fields carry exact key and value spans, in document offsets', () => {
    const variant = bom(crlf(REFERENCE));
    const readout = parseReadout(variant);
    assert.deepEqual(readout.fields.map((f) => f.name), ['date', 'published_time', 'source_url', 'tags', 'title']);
    assert.equal(slice(variant, field(readout, 'date')!.key), 'date');
    assert.equal(slice(variant, field(readout, 'date')!.value), "'2023-01-10'");
    assert.equal(slice(variant, field(readout, 'tags')!.value), 'statements-releases');
    assert.ok(slice(variant, field(readout, 'title')!.value)!.startsWith('"Readout of'));
    assert.ok(slice(variant, field(readout, 'title')!.value)!.endsWith('of\\_Canada"'));
  });

  test('a repeated key is a duplicate-key problem on the repeat; the data keeps the last value', () => {
    const text = '---\ndate: a\ntitle: x\ndate: b\n---\n';
    const readout = parseReadout(text);
    assert.equal(readout.parsed, true);
    assert.deepEqual(readout.problems.map((p) => [p.code, slice(text, p.span), p.span.start]), [['duplicate-key', 'date', text.lastIndexOf('date')]]);
    assert.equal((readout.data as { date: string }).date, 'b');
  });

  test('a key repeated inside a value is a duplicate-key problem on the repeat, naming where it is', () => {
    const text = '---\ntitle: x\nauthor:\n  name: a\n  links:\n    - {url: x, url: y}\n  name: b\n---\n';
    const readout = parseReadout(text);
    assert.equal(readout.parsed, true);
    assert.deepEqual(readout.problems.map((p) => [p.code, p.message, p.span.start, p.field]), [
      ['duplicate-key', "The key 'url' appears more than once in 'author.links[0]'. Keep one of them.", text.lastIndexOf('url'), 'author'],
      ['duplicate-key', "The key 'name' appears more than once in 'author'. Keep one of them.", text.lastIndexOf('name'), 'author'],
    ]);
    assert.deepEqual(readout.data, { title: 'x', author: { name: 'b', links: [{ url: 'y' }] } });
  });

  test('a syntax error: not parsed, no data, the error on its own characters', () => {
    const text = '---\ndate: [\n---\n';
    const readout = parseReadout(text);
    assert.equal(readout.parsed, false);
    assert.equal(readout.data, undefined);
    assert.equal(readout.problems[0].code, 'yaml-syntax');
    assert.equal(slice(text, readout.problems[0].span), '[');
  });

  test('an alias bomb is refused with a message, not expanded', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(', ')}]`);
    const text = `---\ndate: x\n${levels.join('\n')}\n---\n`;
    const readout = parseReadout(text);
    assert.equal(readout.parsed, false);
    assert.match(readout.problems.at(-1)!.message, /alias/i);
  });

  test('an unclosed block is not parsed', () => {
    const readout = parseReadout('---\ndate: x\n');
    assert.equal(readout.yaml, undefined);
    assert.equal(readout.parsed, false);
  });
});
