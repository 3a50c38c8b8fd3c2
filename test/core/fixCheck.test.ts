// The check every fix passes before it is offered or applied: its text parses with no new problem,
// the front matter stays closed, and the data reads back as the fix means, nothing else changed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileBuiltinSchema } from '../../server/src/core/builtinSchema';
import { createFixCheck, MAX_CHECKED_LENGTH } from '../../server/src/core/fixCheck';
import { parseReadout } from '../../server/src/core/frontMatter';
import type { DataChange, TextEdit } from '../../server/src/core/types';
import { REFERENCE, edit } from './helpers';

const known = compileBuiltinSchema().keys;
const checkOn = (text: string) => createFixCheck(parseReadout(text, undefined, { knownFields: known }), known);

/** An edit that replaces the first `from` in `text` with `to`. */
function replacing(text: string, from: string, to: string): TextEdit {
  const at = text.indexOf(from);
  assert.ok(at >= 0, from);
  return { span: { start: at, end: at + from.length }, newText: to };
}

const MISSPELT = edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases');
const TO_TAG: DataChange[] = [{ path: ['tags'], value: 'statements-releases' }];

describe('createFixCheck', () => {
  test('passes a fix whose text reads back as it means', () => {
    assert.equal(checkOn(MISSPELT)({ edits: [replacing(MISSPELT, 'statement-', 'statements-')], changes: TO_TAG }), true);
  });

  test('refuses a fix that joins the next line to the value (a block scalar replaced with its line break)', () => {
    const text = edit(REFERENCE, 'tags: statements-releases', 'tags: |\n  statement-releases');
    assert.equal(checkOn(text)({ edits: [replacing(text, '|\n  statement-releases\n', 'statements-releases')], changes: TO_TAG }), false);
  });

  test('refuses a fix that leaves the front matter unclosed', () => {
    const edits = [replacing(MISSPELT, 'statement-', 'statements-'), replacing(MISSPELT, '"\n---\n', '"---\n')];
    assert.equal(checkOn(MISSPELT)({ edits, changes: TO_TAG }), false);
  });

  test('refuses a fix that changes another field as well', () => {
    const edits = [replacing(MISSPELT, 'statement-', 'statements-'), replacing(MISSPELT, "date: '2023-01-10'", "date: '2023-01-11'")];
    assert.equal(checkOn(MISSPELT)({ edits, changes: TO_TAG }), false);
  });

  test('refuses a fix whose value reads back otherwise than it says', () => {
    assert.equal(checkOn(MISSPELT)({ edits: [replacing(MISSPELT, 'statement-releases', 'speeches-remarks')], changes: TO_TAG }), false);
    // A value that YAML reads as another type: the text `2023-01-10` stays a string, `1.0` does not.
    const dated = edit(REFERENCE, "date: '2023-01-10'", "date: '2023-01-11'");
    assert.equal(checkOn(dated)({ edits: [replacing(dated, "'2023-01-11'", '1.0')], changes: [{ path: ['date'], value: '1.0' }] }), false);
  });

  test('refuses a fix that adds a syntax problem, even one the data does not show (a quote never closed)', () => {
    assert.equal(checkOn(MISSPELT)({ edits: [replacing(MISSPELT, 'statement-releases', '"statements-releases')], changes: TO_TAG }), false);
  });

  test('refuses a fix that repeats a key, whatever the data says', () => {
    const renamed = edit(REFERENCE, 'published_time:', 'publishd_time:');
    const fix = { edits: [replacing(renamed, 'tags:', 'date:')], changes: [{ path: ['tags'], removed: true }, { path: ['date'], value: 'statements-releases' }] } as const;
    assert.equal(checkOn(renamed)(fix), false);
  });

  test('applies renames, removals and list items as paths into the data', () => {
    const renamed = edit(REFERENCE, 'published_time:', 'publishd_time:');
    assert.equal(checkOn(renamed)({
      edits: [replacing(renamed, 'publishd_', 'published_')],
      changes: [{ path: ['publishd_time'], removed: true }, { path: ['published_time'], value: '2023-01-10 12:54:40-05:00' }],
    }), true);
    const listed = edit(REFERENCE, 'tags: statements-releases', 'tags:\n- statement-releases\n- fact-sheets\n- fact-sheets');
    const both = [replacing(listed, 'statement-', 'statements-'), replacing(listed, '- fact-sheets\n- fact-sheets\n', '- fact-sheets\n')];
    assert.equal(checkOn(listed)({ edits: both, changes: [{ path: ['tags', 0], value: 'statements-releases' }, { path: ['tags', 2], removed: true }] }), true);
    assert.equal(checkOn(listed)({ edits: both, changes: [{ path: ['tags', 0], value: 'statements-releases' }, { path: ['tags', 1], removed: true }] }), true);
    assert.equal(checkOn(listed)({ edits: both, changes: [{ path: ['tags', 0], value: 'statements-releases' }] }), false);
    // ajv gives list indexes as digits.
    assert.equal(checkOn(listed)({ edits: both, changes: [{ path: ['tags', '0'], value: 'statements-releases' }, { path: ['tags', '2'], removed: true }] }), true);
  });

  test('a fix for a front matter never closed must close it', () => {
    const text = edit(REFERENCE, '---\n \n', '\n \n');
    const at = text.indexOf('\n \n') + 1;
    assert.equal(checkOn(text)({ edits: [{ span: { start: at, end: at }, newText: '---\n' }] }), true);
    assert.equal(checkOn(text)({ edits: [{ span: { start: at, end: at }, newText: '--\n' }] }), false);
  });

  test('is bounded: each check counts the length of the front matter; past MAX_CHECKED_LENGTH, a fix is refused unchecked', () => {
    const check = checkOn(MISSPELT);
    const length = MISSPELT.indexOf('\n---\n') - 3;
    const fix = { edits: [replacing(MISSPELT, 'statement-', 'statements-')], changes: TO_TAG };
    const allowed = Math.floor(MAX_CHECKED_LENGTH / length);
    for (let i = 0; i < allowed; i++) assert.equal(check(fix), true, `check ${i}`);
    assert.equal(check(fix), false);
  });
});
