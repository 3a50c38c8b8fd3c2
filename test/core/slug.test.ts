import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { slugify, slugMatchesTitle } from '../../server/src/core/slug';
import { parseSourceUrl } from '../../server/src/core/sourceUrl';

describe('slugify', () => {
  test("the reference title gives the reference URL's slug", () => {
    assert.equal(slugify('Readout of President Joe\u00a0Biden\u2019s Meeting with Prime Minister Trudeau of\u00a0Canada'), 'readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada');
  });

  test('transliterates Latin letters, drops apostrophes, turns other runs into one dash', () => {
    assert.equal(slugify('Statement on Türkiye’s Erdoğan and Søren’s Straße'), 'statement-on-turkiyes-erdogan-and-sorens-strasse');
    assert.equal(slugify('FACT SHEET: Biden-Harris Administration — “Bold” Action, U.S.-Canada'), 'fact-sheet-biden-harris-administration-bold-action-u-s-canada');
    assert.equal(slugify("  President's   Remarks  "), 'presidents-remarks');
    assert.equal(slugify('Élysée Café naïve Œuvre'), 'elysee-cafe-naive-oeuvre');
  });

  test('is cut at 200 characters, never ending on a dash', () => {
    assert.equal(slugify(`${'word '.repeat(39)}abcdefgh`), `${'word-'.repeat(39)}abcde`);
    // The cut falls just after a dash: the dash goes too.
    assert.equal(slugify(`${'word '.repeat(40)}x`), `${'word-'.repeat(39)}word`);
  });
});

describe('slugMatchesTitle', () => {
  test('accepts the slug, a -N suffix for a repeated title, and the cut', () => {
    assert.equal(slugMatchesTitle('remarks-by-the-president', 'Remarks by the President'), true);
    assert.equal(slugMatchesTitle('remarks-by-the-president-2', 'Remarks by the President'), true);
    assert.equal(slugMatchesTitle('remarks-by-the-president-abc', 'Remarks by the President'), false);
    assert.equal(slugMatchesTitle('remarks-by-the', 'Remarks by the President'), false);
    const long = `${'word '.repeat(60)}`;
    assert.equal(slugMatchesTitle(slugify(long), long), true);
    assert.equal(slugMatchesTitle(`${slugify(long).slice(0, 196)}-2`, long), true);
  });
});

describe('parseSourceUrl', () => {
  test('splits a briefing-room URL into category, date and slug, with their spans', () => {
    const url = 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-x/';
    const parts = parseSourceUrl(url)!;
    assert.equal(parts.category, 'statements-releases');
    assert.equal(parts.date, '2023-01-10');
    assert.equal(parts.slug, 'readout-of-x');
    assert.equal(url.slice(parts.categorySpan.start, parts.categorySpan.end), 'statements-releases');
    assert.equal(url.slice(parts.dateSpan.start, parts.dateSpan.end), '2023/01/10');
    assert.equal(url.slice(parts.slugSpan.start, parts.slugSpan.end), 'readout-of-x');
  });

  test('any other shape is not a briefing-room URL', () => {
    for (const url of ['https://example.com/', 'https://x.gov/briefing-room/statements-releases/2023/01/', 'not a url']) assert.equal(parseSourceUrl(url), undefined);
  });
});
