import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { findFrontMatter } from '../../server/src/core/frontMatter';
import { applyEdits } from '../../server/src/core/fixAll';
import { createReadoutService } from '../../server/src/core/languageService';
import { compileSchema } from '../../server/src/core/schema';
import { ARCHIVE_CATEGORIES, READOUT_2025, REFERENCE, applyFix, bom, crlf, edit, only, service } from './helpers';

const readouts = service();
const check = (text: string) => readouts.getDiagnostics({ text });

function frontMatterData(text: string): unknown {
  const block = findFrontMatter(text)!;
  return parse(text.slice(block.content.start, block.content.end), { version: '1.2', schema: 'core' });
}

interface FixCase {
  readonly name: string;
  readonly text: string;
  readonly code: string;
  readonly title: string;
  /** The text after the fix; the reference unless given. */
  readonly fixed?: string;
}

const FIX_CASES: readonly FixCase[] = [
  { name: 'an unknown tag becomes the nearest valid one', text: edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases'), code: 'unknown-value', title: "Replace with 'statements-releases'" },
  { name: 'a misspelt key becomes the nearest known one', text: edit(REFERENCE, 'title:', 'titel:'), code: 'unknown-field', title: "Rename to 'title'" },
  { name: 'a missing date is inserted at its alphabetical place, derived from published_time', text: edit(REFERENCE, "date: '2023-01-10'\n", ''), code: 'missing-field', title: "Add date: '2023-01-10'" },
  { name: 'a missing source_url is derived from tags, date and title', text: edit(REFERENCE, REFERENCE.slice(REFERENCE.indexOf('source_url:'), REFERENCE.indexOf('tags:')), ''), code: 'missing-field', title: 'Add source_url: https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/' },
  { name: 'date is set from published_time', text: edit(REFERENCE, "date: '2023-01-10'", "date: '2023-01-11'"), code: 'date-mismatch', title: 'Set date to 2023-01-10, the day of published_time' },
  { name: "the URL's date is rewritten", text: edit(REFERENCE, '/2023/01/10/', '/2023/01/09/'), code: 'url-date-mismatch', title: "Change the URL's date to 2023/01/10" },
  { name: "the URL's category is rewritten", text: edit(REFERENCE, 'briefing-room/statements-releases/', 'briefing-room/speeches-remarks/'), code: 'url-category-mismatch', title: "Change the URL's category to 'statements-releases'" },
  { name: "the URL's slug is rewritten", text: edit(REFERENCE, 'trudeau-of-canada/', 'trudeau/'), code: 'url-slug-mismatch', title: "Change the URL's slug to the title's" },
  { name: "the URL's month is rewritten, in the form of 2025", text: edit(READOUT_2025, '/2025/03/', '/2025/02/'), code: 'url-date-mismatch', title: "Change the URL's month to 2025/03", fixed: READOUT_2025 },
  { name: "the URL's category is rewritten, in the form of 2025", text: edit(READOUT_2025, 'gov/fact-sheets/', 'gov/articles/'), code: 'url-category-mismatch', title: "Change the URL's category to 'fact-sheets'", fixed: READOUT_2025 },
  { name: "the URL's slug is rewritten, in the form of 2025", text: edit(READOUT_2025, 'protects-americas-workers/', 'protects-workers/'), code: 'url-slug-mismatch', title: "Change the URL's slug to the title's", fixed: READOUT_2025 },
  { name: 'a missing source_url is derived in the form of its date: 2025', text: edit(READOUT_2025, READOUT_2025.slice(READOUT_2025.indexOf('source_url:'), READOUT_2025.indexOf('tags:')), ''), code: 'missing-field', title: 'Add source_url: https://www.whitehouse.gov/fact-sheets/2025/03/fact-sheet-president-donald-j-trump-protects-americas-workers/', fixed: READOUT_2025 },
  { name: 'a doubled space in the folded, escaped title is removed', text: edit(REFERENCE, 'Meeting with', 'Meeting  with'), code: 'title-whitespace', title: 'Tidy the spaces in the title' },
  { name: 'a leading space in the title is removed', text: edit(REFERENCE, 'title: "Readout', 'title: " Readout'), code: 'title-whitespace', title: 'Tidy the spaces in the title' },
  { name: 'a repeated field is removed', text: edit(REFERENCE, 'tags: statements-releases\n', 'tags: statements-releases\ntags: statements-releases\n'), code: 'duplicate-key', title: "Remove this 'tags' field" },
  { name: 'a repeated tag is removed', text: edit(REFERENCE, 'tags: statements-releases', 'tags:\n- statements-releases\n- statements-releases'), code: 'repeated-item', title: 'Remove the repeated item', fixed: edit(REFERENCE, 'tags: statements-releases', 'tags:\n- statements-releases') },
];

describe('quick fixes', () => {
  for (const c of FIX_CASES) {
    for (const [variant, transform] of [['LF', (t: string) => t], ['CRLF', crlf], ['BOM', bom]] as const) {
      test(`${c.name} (${variant})`, () => {
        const text = transform(c.text);
        const diagnostic = only(check(text), c.code);
        const fix = diagnostic.fixes.find((candidate) => candidate.title === c.title);
        assert.ok(fix, `no fix '${c.title}' among ${JSON.stringify(diagnostic.fixes.map((f) => f.title))}`);
        const fixed = applyFix(text, fix);
        // The fix removes the diagnostic, leaves valid YAML, and changes nothing else.
        assert.equal(fixed, transform(c.fixed ?? REFERENCE));
        assert.deepEqual(check(fixed), []);
        assert.doesNotThrow(() => frontMatterData(fixed));
      });
    }
  }

  test('fixes are offered through getCodeActions for a range inside the diagnostic', () => {
    const text = edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases');
    const at = text.indexOf('statement-releases') + 3;
    const actions = readouts.getCodeActions({ text }, { start: at, end: at });
    assert.deepEqual(actions.map((a) => [a.diagnostic.code, a.fix.title, a.fix.isPreferred]).slice(0, 2), [
      ['unknown-value', "Replace with 'statements-releases'", true],
      ['unknown-value', "Replace with 'speeches-remarks'", false],
    ]);
    assert.deepEqual(readouts.getCodeActions({ text }, { start: 0, end: 0 }), []);
  });

  test('an edit is minimal: a replaced tag touches only the differing characters', () => {
    const text = edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases');
    const [fix] = only(check(text), 'unknown-value').fixes;
    assert.deepEqual(fix.edits.map((e) => [text.slice(e.span.start, e.span.end), e.newText]), [['', 's']]);
  });

  test('the fixes of title and source_url are not safe: the title tidied, a missing URL derived', () => {
    const tidy = only(check(edit(REFERENCE, 'Meeting with', 'Meeting  with')), 'title-whitespace').fixes;
    assert.deepEqual(tidy.map((candidate) => [candidate.title, candidate.safe]), [['Tidy the spaces in the title', false]]);
    const url = REFERENCE.slice(REFERENCE.indexOf('source_url:'), REFERENCE.indexOf('tags:'));
    const derived = only(check(edit(REFERENCE, url, '')), 'missing-field').fixes;
    assert.deepEqual(derived.map((candidate) => candidate.safe), [false]);
  });

  test('a missing field that cannot be derived is inserted as a snippet, and is not a safe fix', () => {
    const text = edit(REFERENCE, 'tags: statements-releases\n', '');
    const [fix] = only(check(text), 'missing-field').fixes;
    assert.equal(fix.safe, false);
    assert.equal(fix.edits[0].newText, 'tags: \n');
    assert.equal(fix.edits[0].snippet, `tags: \${1|${ARCHIVE_CATEGORIES.join(',')}|}\n`);
    assert.equal(text.slice(fix.edits[0].span.start, fix.edits[0].span.start + 6), 'title:');
  });

  test("a missing title is spelled out from source_url's slug, selected for editing, and agrees with the slug", () => {
    const title = REFERENCE.slice(REFERENCE.indexOf('title: "'), REFERENCE.indexOf('Canada"') + 8);
    const text = edit(REFERENCE, title, '');
    const [fix] = only(check(text), 'missing-field').fixes;
    const spelled = 'Readout of President Joe Bidens Meeting with Prime Minister Trudeau of Canada';
    assert.deepEqual([fix.title, fix.safe, fix.isPreferred], [`Add title: ${spelled}`, false, true]);
    assert.deepEqual(fix.edits, [{ span: { start: text.indexOf('---\n \n'), end: text.indexOf('---\n \n') }, newText: `title: ${spelled}\n`, snippet: `title: \${1:${spelled}}\n` }]);
    assert.deepEqual(check(applyFix(text, fix)), []);
  });

  test("a missing title is spelled out from the slug of a URL in the form of 2025", () => {
    const title = READOUT_2025.slice(READOUT_2025.indexOf('title: "'), READOUT_2025.indexOf('Workers"') + 9);
    const [fix] = only(check(edit(READOUT_2025, title, '')), 'missing-field').fixes;
    assert.equal(fix.title, 'Add title: Fact Sheet President Donald J Trump Protects Americas Workers');
  });

  test('a missing source_url on the day the form changed is in the new form; the day before, in the old', () => {
    const url = REFERENCE.slice(REFERENCE.indexOf('source_url:'), REFERENCE.indexOf('tags:'));
    const on = (day: string) => {
      const text = edit(edit(edit(REFERENCE, url, ''), "date: '2023-01-10'", `date: '${day}'`), 'published_time: 2023-01-10', `published_time: ${day}`);
      return only(check(text), 'missing-field').fixes[0].title;
    };
    assert.equal(on('2025-01-19'), 'Add source_url: https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2025/01/19/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/');
    assert.equal(on('2025-01-20'), 'Add source_url: https://www.whitehouse.gov/statements-releases/2025/01/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/');
  });

  test('a missing title with no slug to spell: an empty title with the cursor in it, which is still reported', () => {
    const title = REFERENCE.slice(REFERENCE.indexOf('title: "'), REFERENCE.indexOf('Canada"') + 8);
    const text = edit(edit(REFERENCE, title, ''), 'readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/', '');
    const fix = only(check(text), 'missing-field').fixes[0];
    assert.deepEqual([fix.title, fix.edits[0].newText, fix.edits[0].snippet], ["Add the 'title' field", 'title: ""\n', 'title: "$1"\n']);
    assert.deepEqual(check(applyFix(text, fix)).map((d) => d.code), ['empty-value']);
  });

  test('other fields nobody can derive are inserted empty, never with a sample value that passes or contradicts the others', () => {
    const published = 'published_time: 2023-01-10 12:54:40-05:00\n';
    const url = REFERENCE.slice(REFERENCE.indexOf('source_url:'), REFERENCE.indexOf('tags:'));
    const cases: [string, string, string][] = [
      [edit(REFERENCE, published, ''), 'published_time: \n', 'published_time: $1\n'],
      // The tag is misspelt: no URL is derived from a field with a problem of its own.
      [edit(edit(REFERENCE, url, ''), 'tags: statements-releases', 'tags: statement-releases'), 'source_url: \n', 'source_url: $1\n'],
      [edit(edit(REFERENCE, "date: '2023-01-10'\n", ''), published, 'published_time: 2023-01-10\n'), 'date: \n', 'date: $1\n'],
    ];
    for (const [text, newText, snippet] of cases) {
      const fix = only(check(text), 'missing-field').fixes[0];
      assert.deepEqual([fix.safe, fix.edits[0].newText, fix.edits[0].snippet], [false, newText, snippet], text);
      const name = newText.slice(0, newText.indexOf(':'));
      assert.ok(check(applyFix(text, fix)).some((d) => d.code === 'wrong-type' && applyFix(text, fix).slice(d.span.start, d.span.end) === name), text);
    }
  });

  test('inserting a field into a CRLF file writes CRLF', () => {
    const text = crlf(edit(REFERENCE, "date: '2023-01-10'\n", ''));
    const [fix] = only(check(text), 'missing-field').fixes;
    assert.equal(fix.edits[0].newText, "date: '2023-01-10'\r\n");
  });
});

test('an unclosed front matter is closed after its last field', () => {
  const text = crlf(edit(REFERENCE, '---\n \n', '\n \n'));
  const [fix] = only(check(text), 'front-matter-unclosed').fixes;
  // The closing line goes where the blank line after the fields was, in the file's own line ends.
  assert.equal(applyFix(text, fix), crlf(edit(REFERENCE, '---\n \n', '---\n\n \n')));
  assert.deepEqual(check(applyFix(text, fix)), []);
});

describe('fix all', () => {
  test('applies every safe fix in one edit', () => {
    let text = edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases');
    text = edit(text, "date: '2023-01-10'", "date: '2023-01-11'");
    text = edit(text, 'published_time:', 'publishd_time:');
    // The key first, then the date it makes comparable, in a second round.
    const fix = readouts.getFixAllEdit({ text })!;
    assert.equal(applyEdits(text, [fix]), REFERENCE);
  });

  test('leaves what only a person can decide: a URL that disagrees with the fields', () => {
    const text = edit(edit(REFERENCE, '/2023/01/10/', '/2023/01/09/'), 'tags: statements-releases', 'tags: statement-releases');
    const fixed = applyEdits(text, [readouts.getFixAllEdit({ text })!]);
    assert.deepEqual(check(fixed).map((d) => d.code), ['url-date-mismatch']);
  });

  test('never changes the published record, title and source_url: their fixes are offered one at a time', () => {
    const url = REFERENCE.slice(REFERENCE.indexOf('source_url:'), REFERENCE.indexOf('tags:'));
    const record = (text: string) => text.slice(text.indexOf('tags:'), text.indexOf('---\n \n'));
    const cases = [
      edit(REFERENCE, 'Meeting with', 'Meeting  with'),
      edit(REFERENCE, 'title: "Readout', 'title: " Readout'),
      edit(REFERENCE, 'trudeau-of-canada/', 'trudeau/'),
      edit(REFERENCE, 'briefing-room/statements-releases/', 'briefing-room/speeches-remarks/'),
      edit(REFERENCE, '/2023/01/10/', '/2023/01/09/'),
      edit(REFERENCE, url, ''),
      edit(READOUT_2025, '/2025/03/', '/2025/02/'),
    ];
    for (const text of cases) {
      const withTypo = text.replace('tags: statements-releases', 'tags: statement-releases').replace('tags: fact-sheets', 'tags: fact-sheet');
      const fixed = applyEdits(withTypo, [readouts.getFixAllEdit({ text: withTypo })!]);
      // The tag is fixed; the title and the URL are as they were.
      assert.equal(fixed.slice(0, fixed.indexOf('tags:')), withTypo.slice(0, withTypo.indexOf('tags:')), text);
      assert.equal(record(fixed).replace(/tags: [^\n]+\n/, ''), record(withTypo).replace(/tags: [^\n]+\n/, ''), text);
      // What is left is offered, one fix at a time.
      const offered = check(fixed).flatMap((d) => d.fixes);
      assert.ok(offered.length > 0 && offered.every((candidate) => !candidate.safe), text);
    }
  });

  test('an enum on title or source_url in a custom schema: its fix is offered, not safe', () => {
    const result = compileSchema({
      type: 'object',
      properties: { title: { enum: ['Readout of a Call'] }, source_url: { type: 'string' }, date: { type: 'string' } },
    }, 'test');
    assert.ok('schema' in result);
    // Neither readout field is there: a readout because readout.files names it.
    const document = { text: "---\ndate: '2023-01-10'\ntitle: Readout of a Cal\n---\n", inReadoutFiles: true };
    const custom = createReadoutService({ schema: result.schema });
    const [fix] = only(custom.getDiagnostics(document), 'unknown-value').fixes;
    assert.deepEqual([fix.title, fix.safe], ["Replace with 'Readout of a Call'", false]);
    assert.equal(custom.getFixAllEdit(document), undefined);
  });

  test("only the kept diagnostics' fixes, when the host keeps some (the CLI's --fix --quiet: errors)", () => {
    const text = edit(edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases'), 'published_time:', 'publishd_time:');
    const fix = readouts.getFixAllEdit({ text }, (diagnostic) => diagnostic.severity === 'error')!;
    assert.equal(applyEdits(text, [fix]), edit(REFERENCE, 'published_time:', 'publishd_time:'));
    assert.equal(readouts.getFixAllEdit({ text: edit(REFERENCE, 'published_time:', 'publishd_time:') }, (diagnostic) => diagnostic.severity === 'error'), undefined);
  });

  test('nothing to fix: no edit', () => {
    assert.equal(readouts.getFixAllEdit({ text: REFERENCE }), undefined);
    assert.equal(readouts.getFixAllEdit({ text: '# not a readout\n' }), undefined);
  });
});

/** A short valid readout, its fields given as written (a field left out with ''). */
function styled(fields: Partial<Record<'date' | 'published_time' | 'source_url' | 'tags' | 'title', string>>): string {
  const all = {
    date: "date: '2023-01-10'",
    published_time: 'published_time: 2023-01-10 12:54:40-05:00',
    source_url: 'source_url: https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-x/',
    tags: 'tags: statements-releases',
    title: 'title: Readout of x',
    ...fields,
  };
  return `---\n${Object.values(all).filter((line) => line !== '').join('\n')}\n---\n \nBody\n`;
}

/** The text after the fix with this title, offered on a diagnostic with this code (the first, when several share it). */
function fixedBy(text: string, code: string, title: string, inReadoutFiles = false): string {
  const actions = readouts.getCodeActions({ text, inReadoutFiles }, { start: 0, end: text.length }).filter((action) => action.diagnostic.code === code);
  const chosen = actions.find((action) => action.fix.title === title);
  assert.ok(chosen, `no fix '${title}' offered among ${JSON.stringify(actions.map((action) => action.fix.title))}`);
  return applyFix(text, chosen.fix);
}

const FLOW_FIELDS = "published_time: 2023-01-10 12:54:40-05:00, source_url: 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-x/', tags: statements-releases, title: Readout of x";

describe('fixes in every YAML style: the next line is never joined, a new field goes where its neighbours are', () => {
  const blockCases: [string, string, string, string, string][] = [
    // [what, code, fix title, text, fixed text]
    ['a folded title', 'title-whitespace', 'Tidy the spaces in the title', styled({ title: 'title: >\n  Readout  of x' }), styled({})],
    ['a literal tag', 'unknown-value', "Replace with 'statements-releases'", styled({ tags: 'tags: |\n  statement-releases' }), styled({})],
    ['a folded tag, stripped', 'unknown-value', "Replace with 'statements-releases'", styled({ tags: 'tags: >-\n  statement-releases' }), styled({})],
    ['a literal tag, kept, with a blank line after it', 'unknown-value', "Replace with 'statements-releases'", styled({ tags: 'tags: |+\n  statement-releases\n' }), styled({ tags: 'tags: statements-releases\n' })],
    ['a literal date with an indentation indicator and a comment', 'date-mismatch', 'Set date to 2023-01-10, the day of published_time', styled({ date: 'date: |2- # the day\n  2023-01-11' }), styled({ date: "date: '2023-01-10' # the day" })],
    ['a folded tag as a list item', 'unknown-value', "Replace with 'statements-releases'", styled({ tags: 'tags:\n- >\n  statement-releases\n- fact-sheets' }), styled({ tags: 'tags:\n- statements-releases\n- fact-sheets' })],
  ];
  for (const [what, code, title, text, fixed] of blockCases) {
    for (const [variant, transform] of [['LF', (t: string) => t], ['CRLF', crlf], ['BOM', bom]] as const) {
      test(`${what}: written on the key's line, the line break after it kept (${variant})`, () => {
        assert.equal(fixedBy(transform(text), code, title), transform(fixed));
      });
    }
  }

  test('fix all on a readout of block scalars: each fixed where it stands, nothing joined', () => {
    const text = styled({ date: 'date: >-\n  2023-01-11', tags: 'tags: |\n  statement-releases' });
    assert.equal(applyEdits(text, [readouts.getFixAllEdit({ text })!]), styled({}));
  });

  test('a field inserted into an indented mapping is indented as its neighbours', () => {
    const indented = (date: boolean) => `---\n${date ? "  date: '2023-01-10'\n" : ''}  published_time: 2023-01-10 12:54:40-05:00\n  tags: statements-releases\n  title: Readout of x\n---\nBody\n`;
    assert.equal(fixedBy(indented(false), 'missing-field', "Add date: '2023-01-10'", true), indented(true));
    const text = indented(false);
    assert.equal(applyEdits(text, [readouts.getFixAllEdit({ text, inReadoutFiles: true })!]), indented(true));
  });

  test('a field added after the last one of an indented mapping is indented too', () => {
    const text = '---\n    published_time: 2023-01-10 12:54:40-05:00\n    date: \'2023-01-10\'\n---\nBody\n';
    assert.equal(fixedBy(text, 'missing-field', "Add the 'tags' field", true), '---\n    published_time: 2023-01-10 12:54:40-05:00\n    date: \'2023-01-10\'\n    tags: \n---\nBody\n');
  });

  test('a field inserted into a flow mapping becomes one of its pairs', () => {
    const text = `---\n{${FLOW_FIELDS}}\n---\nBody\n`;
    const fixed = `---\n{date: '2023-01-10', ${FLOW_FIELDS}}\n---\nBody\n`;
    assert.equal(fixedBy(text, 'missing-field', "Add date: '2023-01-10'", true), fixed);
    assert.equal(applyEdits(text, [readouts.getFixAllEdit({ text, inReadoutFiles: true })!]), fixed);
  });

  test('a field added after the last pair of a flow mapping, and one removed from it', () => {
    const without = "---\n{date: '2023-01-10', published_time: 2023-01-10 12:54:40-05:00}\n---\nBody\n";
    assert.equal(fixedBy(without, 'missing-field', "Add the 'tags' field", true), "---\n{date: '2023-01-10', published_time: 2023-01-10 12:54:40-05:00, tags: }\n---\nBody\n");
    const extra = `---\n{date: '2023-01-10', ${FLOW_FIELDS}, author: Someone}\n---\nBody\n`;
    assert.equal(fixedBy(extra, 'unknown-field', "Remove the field 'author'", true), `---\n{date: '2023-01-10', ${FLOW_FIELDS}}\n---\nBody\n`);
  });

  test('a repeated tag is removed from a flow sequence', () => {
    const text = styled({ tags: 'tags: [statements-releases, fact-sheets, statements-releases]' });
    assert.equal(fixedBy(text, 'repeated-item', 'Remove the repeated item'), styled({ tags: 'tags: [statements-releases, fact-sheets]' }));
  });

  test('a long title in an indented mapping folds with its continuation indented under it', () => {
    const title = (spaces: string) => `  title: "Readout of President Joe\\_Biden\\u2019s Meeting${spaces}with Prime Minister Trudeau\\\n    \\ of\\_Canada"`;
    const indented = (spaces: string) => `---\n  date: '2023-01-10'\n  published_time: 2023-01-10 12:54:40-05:00\n  tags: statements-releases\n${title(spaces)}\n---\nBody\n`;
    assert.equal(fixedBy(indented('  '), 'title-whitespace', 'Tidy the spaces in the title', true), indented(' '));
  });
});

describe('a fix that cannot be made safely is not offered, nor applied by fix all', () => {
  test('setting a value that an alias elsewhere repeats would change that field too', () => {
    const text = styled({ date: "date: &day '2023-01-11'", title: 'title: Readout of x\nupdated: *day' });
    const mismatch = only(check(text), 'date-mismatch');
    assert.deepEqual(mismatch.fixes, []);
    assert.deepEqual(readouts.getCodeActions({ text }, mismatch.span).map((action) => action.diagnostic.code), []);
    assert.equal(readouts.getFixAllEdit({ text }), undefined);
  });

  test('a field without a value is removed from a flow mapping with its colon', () => {
    const text = `---\n{date: '2023-01-10', ${FLOW_FIELDS}, author:}\n---\nBody\n`;
    assert.equal(fixedBy(text, 'unknown-field', "Remove the field 'author'", true), `---\n{date: '2023-01-10', ${FLOW_FIELDS}}\n---\nBody\n`);
  });
});

test('fix all: two misspellings of one key are each a safe rename, but not together (a repeated key): one is renamed, the other is left', () => {
  const text = edit(edit(REFERENCE, 'published_time:', 'publishd_time:'), 'tags: statements-releases\n', 'tags: statements-releases\npublished_tme: 2023-01-10 12:54:40-05:00\n');
  assert.deepEqual(check(text).map((d) => [d.code, d.fixes.filter((fix) => fix.safe).map((fix) => fix.title)]), [
    ['unknown-field', ["Rename to 'published_time'"]],
    ['unknown-field', ["Rename to 'published_time'"]],
  ]);
  const fixed = applyEdits(text, [readouts.getFixAllEdit({ text })!]);
  assert.equal(fixed, edit(REFERENCE, 'tags: statements-releases\n', 'tags: statements-releases\npublished_tme: 2023-01-10 12:54:40-05:00\n'));
  assert.deepEqual(check(fixed).map((d) => d.code), ['unknown-field']);
});
