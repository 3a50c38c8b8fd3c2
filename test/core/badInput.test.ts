import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FRONT_MATTER_LENGTH } from '../../server/src/core/frontMatter';
import type { Diagnostic } from '../../server/src/core/types';
import { REFERENCE, edit, service } from './helpers';

const readouts = service();

/**
 * Every feature answers without throwing, and every range lies inside the document, whether its
 * fields decide that it is a readout or it is in `readout.files`, where any front matter makes one.
 * Returns the diagnostics of the latter: a readout whatever its keys.
 */
function exercise(text: string) {
  const inside = (span: { start: number; end: number }) => {
    assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `range ${span.start}-${span.end} outside 0-${text.length}`);
  };
  let diagnostics: Diagnostic[] = [];
  for (const document of [{ text }, { text, inReadoutFiles: true }]) {
    diagnostics = readouts.getDiagnostics(document);
    for (const d of diagnostics) {
      inside(d.span);
      assert.ok(d.message.length > 0);
      for (const fix of d.fixes) fix.edits.forEach((e) => inside(e.span));
    }
    for (const offset of [0, Math.floor(text.length / 2), text.length]) {
      const hover = readouts.getHover(document, offset);
      if (hover) inside(hover.span);
      readouts.getCompletions(document, offset);
    }
    readouts.getDocumentSymbols(document);
    readouts.getPreview(document);
    readouts.getCodeActions(document, { start: 0, end: text.length });
    const all = readouts.getFixAllEdit(document);
    if (all) inside(all.span);
  }
  return diagnostics;
}

function aliasBomb(levels: number): string {
  const names = 'abcdefghijklmnop';
  const lines = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]`);
  return `---\ndate: x\n${lines.join('\n')}\n---\n`;
}

describe('bad input never crashes the service', () => {
  test('binary junk, with and without a front-matter opening', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const junk = Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(random() * 65536))).join('');
    assert.deepEqual(exercise(junk), []);
    exercise(`---\ndate: ${junk}\n---\n`);
    exercise(`---\ntitle: x\n${junk}`);
  });

  test('invalid UTF-8 read from disk (decoded with replacement characters)', () => {
    const bytes = Buffer.concat([Buffer.from("---\ndate: '2023-01-10'\ntitle: \""), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('"\n---\n')]);
    const diagnostics = exercise(bytes.toString('utf8'));
    assert.ok(diagnostics.some((d) => d.code === 'missing-field'));
  });

  test('a 5 MB body is not read past the front matter', () => {
    const text = REFERENCE + 'A line of the body that goes on and on.\n'.repeat(130_000);
    assert.ok(text.length > 5_000_000);
    assert.deepEqual(exercise(text), []);
  });

  test('a 5 MB front matter is refused as too large, on the opening line', () => {
    const text = `---\ndate: x\ntitle: "${'x'.repeat(5_000_000)}"\n---\n`;
    assert.deepEqual(exercise(text).map((d) => [d.code, d.span.start, d.span.end]), [['front-matter-too-large', 0, 3]]);
  });

  test('1,000 unknown keys: the first 100 reported each on itself, then one for the other 900 on the 101st', () => {
    const keys = Array.from({ length: 1_000 }, (_, i) => `key${i}: value ${i}`).join('\n');
    const text = `---\ndate: '2023-01-10'\n${keys}\n---\n`;
    const unknown = exercise(text).filter((d) => d.code === 'unknown-field');
    assert.equal(unknown.length, 101);
    assert.deepEqual(unknown.slice(0, 100).map((d) => text.slice(d.span.start, d.span.end)), Array.from({ length: 100 }, (_, i) => `key${i}`));
    assert.equal(text.slice(unknown[100].span.start, unknown[100].span.end), 'key100');
    assert.equal(unknown[100].message, 'And 900 more unknown-field problems from here on, not listed one by one.');
    assert.deepEqual(unknown[100].fixes, []);
  });

  // The yaml package parses nesting by recursion; past a few thousand levels V8 could abort the
  // whole process (a fatal error, not an exception) once the parser was warm. Deep nesting is
  // refused before parsing, in these shapes, at every depth, in one process.
  test('deep nesting is refused as too large, on the opening line, before any parse', () => {
    for (const depth of [1_000, 10_000, 100_000, 150_000]) {
      const shapes = [
        `---\ndate: ${'['.repeat(depth)}${']'.repeat(depth)}\n---\n`,
        `---\ndate: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n---\n`,
        `---\ndate:\n${'- '.repeat(depth)}x\n---\n`,
        `---\ndate:\n${Array.from({ length: Math.min(depth, 1_300) }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} x\n---\n`,
      ];
      for (const text of shapes) {
        const diagnostics = exercise(text);
        assert.deepEqual(diagnostics.map((d) => [d.code, d.span.start, d.span.end]), [['front-matter-too-large', 0, 3]], `${text.slice(0, 40)}... at depth ${depth}`);
        // Past the size limit, the size is what is refused, before anything is read.
        assert.match(diagnostics[0].message, text.length - '---\n---\n'.length > MAX_FRONT_MATTER_LENGTH ? /characters long/ : /more than 200 levels deep/);
      }
    }
  });

  test('nesting within the bound is parsed: its values are checked against the schema', () => {
    const diagnostics = exercise(`---\ndate: ${'['.repeat(150)}${']'.repeat(150)}\n---\n`);
    assert.ok(diagnostics.some((d) => d.code === 'wrong-type'), diagnostics.map((d) => d.code).join(', '));
    assert.ok(!diagnostics.some((d) => d.code === 'front-matter-too-large'));
  });

  test('no range starts or ends between the two halves of a surrogate pair (an emoji where the parser gives up)', () => {
    const splits = (text: string, offset: number) => /[\uD800-\uDBFF]/.test(text[offset - 1] ?? '') && /[\uDC00-\uDFFF]/.test(text[offset] ?? '');
    const values = ['"Readout 😀', "'Readout 😀", '{Readout 😀', '[Readout 😀', '!😀 x', '*😀', '"Readout 😀"😀', 'Readout 😀: x: y'];
    const texts = [
      ...values.flatMap((value) => [`---\npublished_time: x\ntitle: ${value}\n---\n`, `---\npublished_time: x\ntitle: ${value}\nnot a field\n---\n`]),
      '---\npublished_time: x\n😀: 😀: 😀\n---\n',
      '---\npublished_time: x\n\t😀\n---\n',
    ];
    for (const text of texts) {
      for (const document of [{ text }, { text, inReadoutFiles: true }]) {
        for (const d of readouts.getDiagnostics(document)) {
          assert.ok(!splits(text, d.span.start) && !splits(text, d.span.end), `${d.code} ${JSON.stringify(text.slice(d.span.start, d.span.end))} in ${JSON.stringify(text)}`);
        }
      }
    }
  });

  test('an alias bomb is refused with a yaml-syntax message', () => {
    const diagnostics = exercise(aliasBomb(9));
    assert.deepEqual(diagnostics.map((d) => d.code), ['yaml-syntax']);
    assert.match(diagnostics[0].message, /alias/i);
  });

  test('a lone ---, and --- with nothing after it: no readout unless in readout.files', () => {
    for (const text of ['---', '---\n', '\uFEFF---\r\n']) {
      exercise(text);
      assert.deepEqual(readouts.getDiagnostics({ text }), []);
    }
  });

  test('YAML that would run code elsewhere is only data here', () => {
    const text = edit(REFERENCE, 'tags: statements-releases', 'tags: !!js/function "function(){ process.exit(3) }"');
    const diagnostics = exercise(text);
    assert.ok(diagnostics.some((d) => d.code === 'yaml-syntax' && /tag/i.test(d.message)));
  });
});
