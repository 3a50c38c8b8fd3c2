// A quote opened at the start of a value and never closed: marked on the quote itself, with where
// the quoted text runs on to, and the other fields still checked where that is sound.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FRONT_MATTER_LENGTH, parseReadout } from '../../server/src/core/frontMatter';
import { REFERENCE, bom, crlf, edit, only, seen, service } from './helpers';

const readouts = service();
const check = (text: string) => readouts.getDiagnostics({ text });

const TAGS = 'tags: statements-releases';
const TITLE = REFERENCE.slice(REFERENCE.indexOf('title: "'), REFERENCE.indexOf('Canada"') + 7);
const STRAY_TAGS = edit(REFERENCE, TAGS, 'tags: "speeches-remarks');

describe('a quote never closed', () => {
  test('on the opening quote, saying where the quoted text runs on to and which field it takes in', () => {
    const diagnostics = check(STRAY_TAGS);
    assert.deepEqual(seen(STRAY_TAGS, diagnostics), [{ code: 'yaml-syntax', severity: 'error', text: '"', at: '4:6-4:7' }]);
    assert.equal(diagnostics[0].message, 'This quote is never closed on its line: the quoted text runs on to the next " at line 6, column 8, taking in the field \'title\'. Close it on this line, or remove it.');
  });

  test('the same range and message with CRLF line ends and a BOM', () => {
    const expected = check(STRAY_TAGS)[0].message;
    for (const variant of [crlf(STRAY_TAGS), bom(STRAY_TAGS), bom(crlf(STRAY_TAGS))]) {
      const diagnostics = check(variant);
      assert.deepEqual(seen(variant, diagnostics), [{ code: 'yaml-syntax', severity: 'error', text: '"', at: '4:6-4:7' }]);
      assert.equal(diagnostics[0].message, expected);
    }
  });

  test('a single quote with no other one after it runs on to the end of the front matter', () => {
    const text = edit(REFERENCE, TAGS, "tags: 'speeches-remarks");
    const diagnostics = check(text);
    assert.deepEqual(seen(text, diagnostics), [{ code: 'yaml-syntax', severity: 'error', text: "'", at: '4:6-4:7' }]);
    assert.equal(diagnostics[0].message, "This quote is never closed on its line: the quoted text runs on to the end of the front matter, taking in the field 'title'. Close it on this line, or remove it.");
  });

  test('the other fields are still checked; the unreadable field is compared with none of them', () => {
    let text = edit(STRAY_TAGS, "date: '2023-01-10'", "date: '2023-01-11'");
    text = edit(text, 'Meeting with', 'Meeting  with');
    assert.deepEqual(seen(text, check(text)), [
      { code: 'date-mismatch', severity: 'error', text: "'2023-01-11'", at: '1:6-1:18' },
      { code: 'yaml-syntax', severity: 'error', text: '"', at: '4:6-4:7' },
      { code: 'title-whitespace', severity: 'information', text: '  ', at: '5:54-5:56' },
    ]);
  });

  test('fields taken in are named, three at most', () => {
    const text = edit(REFERENCE, "date: '2023-01-10'", 'date: "2023-01-10');
    assert.equal(only(check(text), 'yaml-syntax').message, "This quote is never closed on its line: the quoted text runs on to the next \" at line 6, column 8, taking in the fields 'published_time', 'source_url', 'tags' and 1 more. Close it on this line, or remove it.");
  });

  test('a folded title whose closing quote is missing: the end of its last line is where to close it', () => {
    const text = edit(REFERENCE, 'of\\_Canada"', 'of\\_Canada');
    const diagnostics = check(text);
    assert.deepEqual(seen(text, diagnostics), [{ code: 'yaml-syntax', severity: 'error', text: '"', at: '5:7-5:8' }]);
    assert.equal(diagnostics[0].message, 'This quote is never closed: the quoted text runs on to the end of the front matter. Close it at the end of line 7, or remove it.');
  });

  test('a list item', () => {
    const text = edit(REFERENCE, TAGS, 'tags:\n- "statements-releases\n- presidential-actions');
    const diagnostics = check(text);
    assert.deepEqual(seen(text, diagnostics), [{ code: 'yaml-syntax', severity: 'error', text: '"', at: '5:2-5:3' }]);
    assert.equal(diagnostics[0].message, "This quote is never closed on its line: the quoted text runs on to the next \" at line 8, column 8, taking in the field 'title'. Close it on this line, or remove it.");
  });

  test('a line after it that is not a known field: one message, nothing read past it', () => {
    let text = edit(STRAY_TAGS, 'title:', 'location: Mexico City\ntitle:');
    text = edit(text, "date: '2023-01-10'", "date: '2023-01-11'");
    const diagnostics = check(text);
    assert.deepEqual(seen(text, diagnostics), [{ code: 'yaml-syntax', severity: 'error', text: '"', at: '4:6-4:7' }]);
    assert.equal(diagnostics[0].message, "This quote is never closed on its line: the quoted text runs on to the next \" at line 7, column 8, taking in the fields 'location' and 'title'. Close it on this line, or remove it.");
  });

  test('a value that goes on to a line that is not indented', () => {
    const text = edit(REFERENCE, TITLE, 'title: "Readout of the Meeting\nwith the Prime Minister"');
    const diagnostics = check(text);
    assert.deepEqual(seen(text, diagnostics), [{ code: 'yaml-syntax', severity: 'error', text: '"', at: '5:7-5:8' }]);
    assert.equal(diagnostics[0].message, 'This quoted value goes on to line 7, which is not indented. Indent the lines a value goes on to, or close the quote on this line.');
  });

  test('quoted values that are closed stay quiet: folded, with escaped and doubled quotes, or a quote inside plain text', () => {
    const quiet = [
      REFERENCE,
      edit(REFERENCE, TITLE, 'title: "Readout of the Meeting\\\n  \\ with the Prime Minister\\\n  \\ of Canada"'),
      edit(REFERENCE, TITLE, "title: 'Readout of the President''s Meeting\n  with the Prime Minister of Canada'"),
      edit(REFERENCE, TITLE, 'title: "Readout of the \\"Summit\\" Meeting"'),
      edit(REFERENCE, TITLE, 'title: "Readout of the Meeting\n\n  with the Prime Minister"'),
      edit(REFERENCE, TITLE, 'title: Readout of the "Summit" Meeting # a "comment'),
      edit(REFERENCE, TAGS, 'tags:\n- "statements-releases"\n- \'presidential-actions\''),
    ];
    for (const text of quiet) assert.deepEqual(parseReadout(text).problems, [], text);
  });

  test('linear in the size of the front matter: as many runaway quotes in a row as the size limit allows', () => {
    const lines = Array.from({ length: 3_200 }, (_, at) => `k${at}: "x`);
    const text = `---\n${lines.join('\n')}\n---\n`;
    assert.ok(text.length > MAX_FRONT_MATTER_LENGTH * 0.9 && text.length < MAX_FRONT_MATTER_LENGTH);
    const problems = parseReadout(text).problems;
    assert.equal(problems.length, 3_200);
    assert.equal(problems[0].message, 'This quote is never closed on its line: the quoted text runs on to the next " at line 3, column 5, taking in the field \'k1\'. Close it on this line, or remove it.');
    assert.equal(problems.at(-1)!.message, 'This quote is never closed on its line: the quoted text runs on to the end of the front matter. Close it on this line, or remove it.');
  });
});
