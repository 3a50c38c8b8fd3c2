import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hashSlug, removeAccents, slugify, slugMatchesTitle, titleFromSlug, titleSlugHash } from '../../server/src/core/slug';
import { generateCorpus } from '../corpus';

describe('slugify: WordPress sanitize_title, as the archive was written', () => {
  test("the reference title gives the reference URL's slug", () => {
    assert.equal(slugify('Readout of President Joe\u00a0Biden\u2019s Meeting with Prime Minister Trudeau of\u00a0Canada'), 'readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada');
  });

  test('the cases the archive shows: punctuation is deleted, not turned into a dash', () => {
    const cases: [string, string][] = [
      ['Q&A with the Press Secretary', 'qa-with-the-press-secretary'],
      ['Memorandum on Section 506(a)(1) of the Foreign Assistance Act', 'memorandum-on-section-506a1-of-the-foreign-assistance-act'],
      ['500,000 New Jobs', '500000-new-jobs'],
      ['Statement on H.R. 189', 'statement-on-h-r-189'],
      ['FACT SHEET: Biden-Harris Administration Acts', 'fact-sheet-biden-harris-administration-acts'],
      ["President's   Remarks", 'presidents-remarks'],
      ['Remarks by the Vice President (As Prepared)', 'remarks-by-the-vice-president-as-prepared'],
    ];
    for (const [title, slug] of cases) assert.equal(slugify(title), slug, title);
  });

  test('accents transliterated, é→e, ß→ss, ø→o, lowercased', () => {
    assert.equal(slugify('Statement on Türkiye’s Erdoğan and Søren’s Straße'), 'statement-on-turkiyes-erdogan-and-sorens-strasse');
    assert.equal(slugify('Élysée Café naïve Œuvre Þór Łódź Đà Nẵng'), 'elysee-cafe-naive-oeuvre-thor-lodz-da-nang');
  });

  test('whitespace, `.`, `/`, no-break spaces, en and em dashes and spaces of any width become `-`, runs collapsing', () => {
    assert.equal(slugify('U.S.–Canada — Joint\u00a0Statement / Update\u2009Now\u202fToday'), 'u-s-canada-joint-statement-update-now-today');
    assert.equal(slugify(' -- Leading and trailing -- '), 'leading-and-trailing');
    assert.equal(slugify('Version 2.0'), 'version-2-0');
  });

  test('curly and angle quotes, apostrophes and every other character outside a-z 0-9 _ - are deleted', () => {
    assert.equal(slugify('“Bold” ‘Action’ «Now» ‹Here› „Today‟ ‚x‛'), 'bold-action-now-here-today-x');
    assert.equal(slugify("It's: a, (test); [of] {all} !?*+=~`^$#@|\\<>\"' signs"), 'its-a-test-of-all-signs');
    assert.equal(slugify('Copyright © Registered ® 90° Trade™ Wait… ¡Hola! ¿Qué? • Bullet'), 'copyright-registered-90-trade-wait-hola-que-bullet');
    assert.equal(slugify('Soft\u00adhyphen, zero\u200bwidth, mark\u200e, bom\ufeff'), 'softhyphen-zerowidth-mark-bom');
  });

  test('`_` is kept, × becomes x, tags are stripped', () => {
    assert.equal(slugify('snake_case 3×3 <b>Bold</b> Move'), 'snake_case-3x3-bold-move');
  });

  test('entities are killed, as WordPress does: from & to the next ;', () => {
    assert.equal(slugify('Rock &amp; Roll'), 'rock-roll');
    assert.equal(slugify('U.S. &ndash; Japan'), 'u-s-japan');
  });

  test('a % that is not an escaped octet is removed; one that is stays', () => {
    assert.equal(slugify('A 100% Clean Grid'), 'a-100-clean-grid');
    assert.equal(slugify('fran%C3%A7%ois'), 'fran%c3%a7ois');
  });

  test('non-ASCII that survives stays %-encoded, in lowercase hex', () => {
    assert.equal(slugify('Заявление Президента'), '%d0%b7%d0%b0%d1%8f%d0%b2%d0%bb%d0%b5%d0%bd%d0%b8%d0%b5-%d0%bf%d1%80%d0%b5%d0%b7%d0%b8%d0%b4%d0%b5%d0%bd%d1%82%d0%b0');
    assert.equal(slugify('Flags 🇺🇸'), 'flags-%f0%9f%87%ba%f0%9f%87%b8');
  });

  test('the cut is at 200 encoded characters, before punctuation is deleted', () => {
    // 300 characters of "a, ": the first 200 are 66 "a, " and "a,", which give 67 a's.
    assert.equal(slugify('a, '.repeat(100)), Array(67).fill('a').join('-'));
    // Each Ж is 6 encoded characters: 10 + 31 * 6 = 196, and the 32nd would pass 200.
    assert.equal(slugify(`Statement ${'Ж'.repeat(40)}`), `statement-${'%d0%b6'.repeat(31)}`);
    // A no-break space counts its 6 encoded characters, though it becomes one dash.
    assert.equal(slugify(`${'word\u00a0'.repeat(19)}abcdefghijkl`), `${'word-'.repeat(19)}abcdefghij`);
    assert.equal(slugify(`${'word '.repeat(39)}abcdefgh`), `${'word-'.repeat(39)}abcde`);
    // The cut falls just after a space: the dash it becomes is trimmed.
    assert.equal(slugify(`${'word '.repeat(40)}x`), `${'word-'.repeat(39)}word`);
  });

  test('titles with no letters at all give an empty slug', () => {
    assert.equal(slugify('“…” – ’'), '');
  });
});

describe("titleSlugHash: the hash of the title's slug, made in one pass for plain titles", () => {
  // Letters and the characters each step treats apart (dashed, deleted, encoded, transliterated,
  // escapes, entities, tags), repeated so that the cut at 200 falls on each kind of character.
  const parts = ['Readout', ' ', 'of', 'A', 'z', '0', '_', '-', '.', '/', ',', ':', '\t', '’', '“', '\u00a0', '–', '—', '\u2009', '\u00ad', '…', '×', 'é', 'ß', 'Ж', '€', '😀', '\ud800', '%', '%e2', '&', '&amp;', '<b>', '< ', '~'];
  const text = fc.array(fc.constantFrom(...parts), { maxLength: 120 }).map((chosen) => chosen.join(''));

  test('on any mix of those characters, at every length around the cut', () => {
    fc.assert(fc.property(text, (title) => assert.equal(titleSlugHash(title), hashSlug(slugify(title)), JSON.stringify(title))), { seed: 20261204, numRuns: 5000 });
  });

  test("on the realistic generator's titles", () => {
    for (const readout of generateCorpus({ count: 3000, seed: 7 })) assert.equal(titleSlugHash(readout.title), hashSlug(slugify(readout.title)), readout.title);
  });

  test('never 0, which marks a slug not made: not even for a text whose FNV-1a is 0', () => {
    // FNV-1a's last two steps are (h ^ c1) * P, then ^ c2, then * P: it is 0 when (h ^ c1) * P = c2,
    // that is h ^ c1 = c2 / P. For the hash h of "call-", a c2 whose c2 / P has h's high 16 bits
    // gives c1 under 2^16.
    const P = 0x01000193;
    let inverse = P;
    for (let step = 0; step < 5; step++) inverse = Math.imul(inverse, 2 - Math.imul(P, inverse));
    let h = 0x811c9dc5;
    for (const ch of 'call-') h = Math.imul(h ^ ch.charCodeAt(0), P);
    let zero: string | undefined;
    for (let c2 = 1; c2 < 0x10000 && zero === undefined; c2++) {
      const c1 = (h ^ Math.imul(c2, inverse)) >>> 0;
      if (c1 > 0 && c1 < 0x10000) zero = `call-${String.fromCharCode(c1, c2)}`;
    }
    assert.ok(zero !== undefined);
    let raw = 0x811c9dc5;
    for (let at = 0; at < zero.length; at++) raw = Math.imul(raw ^ zero.charCodeAt(at), P);
    assert.equal(raw, 0, 'the text built hashes to 0 by FNV-1a');
    assert.equal(hashSlug(zero), 1);
    assert.notEqual(titleSlugHash('“…”'), 0);
  });
});

describe('removeAccents', () => {
  test('every letter of the Latin-1, Latin Extended-A, Vietnamese and Pinyin tables becomes ASCII letters', () => {
    const ranges: [number, number][] = [[0xc0, 0xff], [0x100, 0x17f], [0x1cd, 0x1dc], [0x218, 0x21b], [0x1ea0, 0x1ef9]];
    for (const [from, to] of ranges) {
      for (let code = from; code <= to; code++) {
        if (code === 0xd7 || code === 0xf7) continue;
        const ch = String.fromCodePoint(code);
        assert.match(removeAccents(ch), /^[A-Za-z]+$/, `U+${code.toString(16)} ${ch}`);
      }
    }
    assert.equal(removeAccents('ª º Ơ ư ɑ € £'), 'a o O u a E ');
  });

  test('leaves other characters as they are', () => {
    assert.equal(removeAccents('× ÷ Ж ά ’ ǹ'), '× ÷ Ж ά ’ ǹ');
  });
});

describe('slugMatchesTitle', () => {
  test("accepts the title's slug, and a -2, -3, ... suffix for a repeated title", () => {
    assert.equal(slugMatchesTitle('remarks-by-the-president', 'Remarks by the President'), true);
    assert.equal(slugMatchesTitle('remarks-by-the-president-2', 'Remarks by the President'), true);
    assert.equal(slugMatchesTitle('remarks-by-the-president-13', 'Remarks by the President'), true);
    assert.equal(slugMatchesTitle('remarks-by-the-president-1', 'Remarks by the President'), false);
    assert.equal(slugMatchesTitle('remarks-by-the-president-abc', 'Remarks by the President'), false);
    assert.equal(slugMatchesTitle('remarks-by-the', 'Remarks by the President'), false);
    assert.equal(slugMatchesTitle('qa-with-the-press-secretary', 'Q&A with the Press Secretary'), true);
  });

  test('a suffixed slug at the limit is cut to make room for its suffix, at a whole character', () => {
    const long = 'word '.repeat(60);
    assert.equal(slugMatchesTitle(slugify(long), long), true);
    assert.equal(slugMatchesTitle(`${slugify(long).slice(0, 198)}-2`, long), true);
    assert.equal(slugMatchesTitle(`${slugify(long).slice(0, 197)}-10`, long), true);
    assert.equal(slugMatchesTitle(`${slugify(long).slice(0, 196)}-2`, long), false);
    const cyrillic = `Statement ${'Ж'.repeat(40)}`;
    // 196 characters already, so the suffix leaves room for 198: the 31 Ж stay.
    assert.equal(slugMatchesTitle(`${slugify(cyrillic)}-2`, cyrillic), true);
    const tight = `Statement ab ${'Ж'.repeat(40)}`;
    // 13 + 31 * 6 = 199: cut to 198 for "-2", the last Ж goes whole.
    assert.equal(slugMatchesTitle(`statement-ab-${'%d0%b6'.repeat(30)}-2`, tight), true);
  });

  test('escapes in the URL match whatever the case of their hex digits, and raw non-ASCII matches its escape', () => {
    assert.equal(slugMatchesTitle('%D0%B6-statement', 'Ж Statement'), true);
    assert.equal(slugMatchesTitle('ж-statement', 'Ж Statement'), true);
  });
});

describe('titleFromSlug', () => {
  test('spells a slug out as a title, its escapes decoded', () => {
    assert.equal(titleFromSlug('readout-of-a-call-with-the-president-of-the-philippines'), 'Readout of a Call with the President of the Philippines');
    assert.equal(titleFromSlug('statement-on-%d0%b6'), 'Statement on Ж');
    assert.equal(titleFromSlug('broken-%zz-escape'), 'Broken %zz Escape');
  });
});
