// The real archive's readouts (test/fixtures/realReadouts.ts): both URL forms, the 14 categories,
// modified_time before and after published_time, WordPress's slugs. Quiet, all of them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REAL_READOUTS } from '../fixtures/realReadouts';
import { ARCHIVE_CATEGORIES, crlf, bom, seen, service } from './helpers';

const readouts = service();

describe('readouts as the real archive has them', () => {
  test('cover the 14 categories and both URL forms', () => {
    assert.deepEqual([...new Set(REAL_READOUTS.map((readout) => readout.category))].sort(), [...ARCHIVE_CATEGORIES].sort());
    assert.ok(REAL_READOUTS.some((readout) => readout.text.includes('source_url: https://bidenwhitehouse.archives.gov/briefing-room/')));
    assert.ok(REAL_READOUTS.some((readout) => readout.text.includes('source_url: https://www.whitehouse.gov/')));
  });

  for (const readout of REAL_READOUTS) {
    test(`${readout.file}: no diagnostic at all, in every line-end and BOM variant`, () => {
      for (const text of [readout.text, crlf(readout.text), bom(readout.text)]) assert.deepEqual(seen(text, readouts.getDiagnostics({ text, inReadoutFiles: true })), []);
    });
  }

  test('fix-all has nothing to do on any of them', () => {
    for (const readout of REAL_READOUTS) assert.equal(readouts.getFixAllEdit({ text: readout.text }), undefined, readout.file);
  });

  test('hover on each source_url names its form and agrees on every part', () => {
    for (const readout of REAL_READOUTS) {
      const { contents } = readouts.getHover({ text: readout.text }, readout.text.indexOf('https://') + 1)!;
      assert.match(contents, /^\*\*source_url\*\*\n\nFollows the form `https:\/\/[^`]+` \((before|from) 2025-01-20\)\./, readout.file);
      assert.doesNotMatch(contents, /✗/, readout.file);
    }
  });
});
