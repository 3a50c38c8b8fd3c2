import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { field, parseReadout } from '../../server/src/core/frontMatter';
import { scalarSourceSpans } from '../../server/src/core/scalarSource';
import { REFERENCE } from './helpers';

/** For each character of the value, the source text that writes it. */
function sources(text: string, name = 'title'): string[] | undefined {
  const readout = parseReadout(text);
  const spans = scalarSourceSpans(text, field(readout, name)!.valueNode, readout.yamlOffset);
  return spans?.map((s) => text.slice(s.start, s.end));
}

describe('scalarSourceSpans', () => {
  test('the reference title: escapes map to their escape, the fold to the line break and indent', () => {
    const map = sources(REFERENCE)!;
    const value = 'Readout of President Joe\u00a0Biden\u2019s Meeting with Prime Minister Trudeau of\u00a0Canada';
    assert.equal(map.length, value.length);
    assert.equal(map[value.indexOf('\u00a0')], '\\_');
    assert.equal(map[value.indexOf('\u2019')], '\\u2019');
    // "Trudeau\<break>  \ of": the escaped line break writes nothing, the space is the `\ ` escape.
    assert.equal(map[value.indexOf(' of\u00a0Canada')], '\\ ');
    assert.equal(map[0], 'R');
  });

  test('plain, single-quoted and folded plain scalars', () => {
    assert.deepEqual(sources("---\ntitle: a b\n---\n"), ['a', ' ', 'b']);
    assert.deepEqual(sources("---\ntitle: 'it''s'\n---\n"), ['i', 't', "''", 's']);
    assert.deepEqual(sources('---\ntitle: a\n  b\n---\n'), ['a', '\n  ', 'b']);
    assert.deepEqual(sources('---\ntitle: "a\\tb"\n---\n'), ['a', '\\t', 'b']);
    assert.deepEqual(sources('---\ntitle: "\\U0001F600"\n---\n'), ['\\U0001F600', '\\U0001F600']);
  });

  test('block scalars and non-strings are not mapped', () => {
    assert.equal(sources('---\ntitle: |\n  a\n---\n'), undefined);
    assert.equal(sources('---\ntitle: 12\n---\n'), undefined);
  });
});
