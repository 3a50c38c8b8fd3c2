// Where a readout's file belongs: the layout template, what a file's place contradicts, and when
// `auto` turns the rule on.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUILTIN_LAYOUT, expectedPath, layoutApplies, layoutDepth, layoutMismatch, parseLayout, type Layout, type LayoutFacts } from '../../server/src/core/layout';

function layout(template: string): Layout {
  const result = parseLayout(template);
  if ('error' in result) throw new Error(result.error);
  return result.layout;
}

const BUILTIN = layout(BUILTIN_LAYOUT);
const FACTS: LayoutFacts = { category: 'statements-releases', date: '2023-01-10', slug: 'readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada', ext: 'md' };
const HOME = ['statements-releases', '2023-01', '2023-01-10-readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada.md'];

describe('parseLayout', () => {
  test('the built-in layout has three levels and gives the archive path', () => {
    assert.equal(layoutDepth(BUILTIN), 3);
    assert.equal(expectedPath(BUILTIN, FACTS), HOME.join('/'));
  });

  test('other layouts, with every placeholder', () => {
    assert.equal(expectedPath(layout('{yyyy}/{mm}/{dd}/{slug}.{ext}'), FACTS), `2023/01/10/${FACTS.slug}.md`);
    assert.equal(expectedPath(layout('{category}-{date}-{slug}.txt'), FACTS), `statements-releases-2023-01-10-${FACTS.slug}.txt`);
  });

  test('refuses an unknown placeholder, an unclosed brace, an empty folder name and a layout that cannot tell readouts apart', () => {
    const error = (template: string) => {
      const result = parseLayout(template);
      return 'error' in result ? result.error : undefined;
    };
    assert.match(error('{category}/{month}/{slug}.md')!, /unknown placeholder \{month\}/);
    assert.match(error('{category}/{slug.md')!, /unclosed \{/);
    assert.match(error('{category}//{slug}.md')!, /empty folder name/);
    assert.match(error('/{category}/{slug}.md')!, /empty folder name/);
    assert.match(error('{category}/{yyyy}-{mm}/index.md')!, /no \{date\} or \{slug\}/);
  });
});

describe('layoutMismatch', () => {
  test('a file in its place has none', () => {
    assert.equal(layoutMismatch(BUILTIN, HOME, FACTS), undefined);
  });

  test('a wrong month folder blames the date; a wrong category folder the category; a wrong slug in the name the slug', () => {
    const at = (segments: string[]) => layoutMismatch(BUILTIN, segments, FACTS);
    assert.deepEqual(at([HOME[0], '2023-02', HOME[2]]), { expected: HOME.join('/'), actual: [HOME[0], '2023-02', HOME[2]].join('/'), placeholders: ['mm'] });
    assert.deepEqual(at(['speeches-remarks', HOME[1], HOME[2]])?.placeholders, ['category']);
    assert.deepEqual(at([HOME[0], HOME[1], '2023-01-10-readout-of-president-joe-bidens-call.md'])?.placeholders, ['slug']);
    assert.deepEqual(at([HOME[0], HOME[1], HOME[2].replace('2023-01-10', '2023-01-11')])?.placeholders, ['date']);
    assert.deepEqual(at([HOME[0], '2022-12', HOME[2]])?.placeholders, ['yyyy', 'mm']);
  });

  test('a name that no single part explains blames every part of its segment', () => {
    assert.deepEqual(layoutMismatch(BUILTIN, [HOME[0], HOME[1], 'notes.md'], FACTS)?.placeholders, ['date', 'slug', 'ext']);
  });

  test('a %-encoded slug may be written decoded or encoded in the file name', () => {
    const facts = { ...FACTS, date: '2021-06-01', slug: 'remarks-in-s%c3%a3o-paulo' };
    assert.equal(layoutMismatch(BUILTIN, [FACTS.category, '2021-06', '2021-06-01-remarks-in-s%c3%a3o-paulo.md'], facts), undefined);
    assert.equal(layoutMismatch(BUILTIN, [FACTS.category, '2021-06', '2021-06-01-remarks-in-são-paulo.md'], facts), undefined);
    assert.equal(layoutMismatch(BUILTIN, [FACTS.category, '2021-06', '2021-06-01-remarks-in-sao-paulo.md'], facts)?.placeholders.join(), 'slug');
    // A slug that is not valid %-encoding is compared as written.
    assert.equal(layoutMismatch(BUILTIN, [FACTS.category, '2021-06', '2021-06-01-100%.md'], { ...facts, slug: '100%' }), undefined);
  });

  test('the extension is the file\'s own: .txt copies follow the layout too', () => {
    assert.equal(layoutMismatch(BUILTIN, [HOME[0], HOME[1], HOME[2].replace(/\.md$/, '.txt')], { ...FACTS, ext: 'txt' }), undefined);
  });

  test('a path of long names is compared part by part, nothing built from it', () => {
    const long = 'x'.repeat(200_000);
    assert.deepEqual(layoutMismatch(BUILTIN, [long, long, long], { ...FACTS, slug: long })?.placeholders, ['category', 'yyyy', 'mm', 'date', 'slug', 'ext']);
  });
});

describe('layoutApplies (auto)', () => {
  test('on from 90% of the readouts, and at least 20 of them', () => {
    assert.equal(layoutApplies(20, 22), true);
    assert.equal(layoutApplies(90, 100), true);
    assert.equal(layoutApplies(89, 100), false);
    assert.equal(layoutApplies(19, 19), false);
    assert.equal(layoutApplies(0, 0), false);
  });
});
