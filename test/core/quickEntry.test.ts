import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { quickEntry } from '../../server/src/core/quickEntry';
import { writeField } from '../../server/src/core/yamlWriter';
import { dumpYaml, generateCorpus } from '../corpus';
import { REFERENCE, bom, crlf, edit, service } from './helpers';

const readouts = service();
/** Fixed, so that a failure is reproduced by running the suite again. */
const FUZZ_SEED = 20_261_203;
const FUZZ_RUNS = 2_000;
const fullEntry = (text: string) => readouts.getEntry({ uri: 'file:///r.md', text, inReadoutFiles: true });

/** The quick reading either declines or agrees exactly with a full parse. */
function agrees(text: string): boolean {
  const quick = quickEntry('file:///r.md', text);
  if (quick === undefined) return false;
  assert.deepEqual(quick, fullEntry(text), JSON.stringify(text.slice(0, 400)));
  return true;
}

const AWKWARD_TITLES = [
  'Readout of President Joe\u00a0Biden\u2019s Meeting with Prime Minister Trudeau of\u00a0Canada',
  'FACT SHEET: Biden-Harris Administration Announces New Actions',
  "'Quoted' at the start", '"Double" at the start', 'It\'s a plain title with an apostrophe',
  'A title # with a hash', 'Ends with a colon:', '2023', 'yes', 'null', '~', '1e3', '- dash first', '? question',
  'Erdoğan, Søren and Straße meet in Zürich \u2014 a long title that goes on past the fold point of eighty columns for sure',
  `${'word '.repeat(40)}end`, `${'é'.repeat(90)}`, 'tab\tinside', 'back\\slash', 'emoji \u{1F600} outside the BMP',
  '  leading spaces', 'trailing spaces  ', 'double  space', '',
];

describe('quickEntry', () => {
  test('reads the reference, in each line-end and BOM variant, exactly as a full parse does', () => {
    for (const variant of [REFERENCE, crlf(REFERENCE), bom(REFERENCE), bom(crlf(REFERENCE))]) assert.ok(agrees(variant));
  });

  test('agrees with a full parse on every title PyYAML could write, or declines', () => {
    let read = 0;
    for (const title of AWKWARD_TITLES) {
      for (const allowUnicode of [false, true]) {
        const block = writeField('title', title, { allowUnicode });
        const text = edit(REFERENCE, REFERENCE.slice(REFERENCE.indexOf('title: '), REFERENCE.indexOf('---\n \n')), block);
        if (agrees(text)) read++;
      }
    }
    // All but the values that are not text (2023, yes, null, ~, 1e3 are quoted by the writer, so they are text too).
    assert.ok(read >= AWKWARD_TITLES.length * 2 - 2, `read ${read}`);
  });

  test('agrees on lists of tags and on a generated corpus', () => {
    assert.ok(agrees(edit(REFERENCE, 'tags: statements-releases', writeField('tags', ['statements-releases', 'presidential-actions']).trimEnd())));
    const corpus = generateCorpus({ count: 2_000, seed: 3 });
    const read = corpus.filter((readout) => agrees(readout.text)).length;
    assert.equal(read, corpus.length);
  });

  test('declines what is outside the layout, leaving it to the full parse', () => {
    for (const text of [
      edit(REFERENCE, "date: '2023-01-10'", "date: '2023-01-10' # comment"),
      edit(REFERENCE, 'tags: statements-releases', 'tags: [statements-releases]'),
      edit(REFERENCE, 'tags: statements-releases', 'tags:\n  - statements-releases'),
      edit(REFERENCE, "date: '2023-01-10'", 'date: &d 2023-01-10'),
      edit(REFERENCE, "date: '2023-01-10'", "date: '2023-01-10'\n\n"),
      edit(REFERENCE, "date: '2023-01-10'", 'date: 20230110'),
      edit(REFERENCE, "date: '2023-01-10'", 'date:'),
      edit(REFERENCE, "date: '2023-01-10'", "date: '2023-01-10' "),
      edit(REFERENCE, "date: '2023-01-10'", 'date: "unclosed'),
      edit(REFERENCE, "date: '2023-01-10'", 'date: "bad \\q escape"'),
      edit(REFERENCE, "date: '2023-01-10'", 'date: "escaped closing quote\\"'),
      edit(REFERENCE, "date: '2023-01-10'", 'date: |\n  block'),
      '---\ndate: x\n',
      'no front matter\n',
    ]) {
      assert.equal(quickEntry('file:///r.md', text), undefined, JSON.stringify(text.slice(0, 120)));
    }
  });
});

describe(`quickEntry against the full parse (fast-check, seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs)`, () => {
  test("titles with Unicode white space at their edges and their lines' edges, written by PyYAML or by hand: the same entry, or declined", () => {
    // JavaScript's trim takes all of these; YAML's white space is only spaces and tabs.
    const edge = fc.constantFrom('', ' ', '\u00a0', '\u2028', '\u2029', '\ufeff', '\u3000', '\u2003', '\u0085', '\u000b', '\u000c');
    const word = fc.constantFrom('Readout', 'of', 'President', 'Biden\u2019s', 'Call', 'with', 'Erdoğan', 'a:b', '#1', '—');
    const words = fc.array(word, { minLength: 1, maxLength: 30 }).map((list) => list.join(' '));
    // PyYAML (ASCII only, as the archive's scraper ran it) cannot write a line break inside a value.
    const pyyaml = fc.tuple(edge.filter((char) => !/[\u2028\u2029\u0085]/.test(char)), words, edge.filter((char) => !/[\u2028\u2029\u0085]/.test(char)))
      .map(([before, text, after]) => dumpYaml({ title: `${before}${text}${after}` }).trimEnd());
    // By hand: plain, single- or double-quoted, folded onto a second line that starts with the edge.
    const byHand = fc.tuple(fc.constantFrom('', "'", '"'), edge, words, edge, words, edge, fc.boolean())
      .map(([quote, before, first, middle, second, after, folded]) => `title: ${quote}${before}${first}${folded ? `\n  ${middle}${second}` : ''}${after}${quote}`);
    fc.assert(fc.property(fc.oneof(pyyaml, byHand), (titleLines) => {
      const readout = REFERENCE.replace(/^title: "[^]*?"\n/m, () => `${titleLines}\n`);
      const quick = quickEntry('file:///r.md', readout);
      if (quick !== undefined) assert.deepEqual(quick, fullEntry(readout), JSON.stringify(titleLines));
    }), { seed: FUZZ_SEED, numRuns: FUZZ_RUNS });
  });
});
