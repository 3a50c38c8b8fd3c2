// `path-mismatch`: a readout's file is where the archive's layout puts it, by its fields; `layout`
// decides when the rule applies (auto: when most of the archive follows the layout).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLayout, type Layout } from '../../server/src/core/layout';
import { createWorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { REAL_READOUTS } from '../fixtures/realReadouts';
import { applyFix, edit, lineColumns, REFERENCE, service } from './helpers';

const ROOT = 'file:///archive/';
const HOME = 'statements-releases/2023-01/2023-01-10-readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada.md';
const always = (template = '{category}/{yyyy}-{mm}/{date}-{slug}.{ext}') => ({ mode: 'always' as const, layout: (parseLayout(template) as { layout: Layout }).layout });
const checked = service({ layout: always() });
const mismatches = (uri: string, text = REFERENCE, readouts = checked) => readouts.getDiagnostics({ uri, text }).filter((d) => d.code === 'path-mismatch');

describe('path-mismatch', () => {
  test('a readout where its fields put it has none; nor has each real readout of both URL forms, at its archive path', () => {
    assert.deepEqual(mismatches(ROOT + HOME), []);
    for (const readout of REAL_READOUTS) assert.deepEqual(mismatches(ROOT + readout.file, readout.text), [], readout.file);
  });

  test('a wrong month folder: a warning on date, saying where the file belongs; the fix moves it there', () => {
    const [problem] = mismatches(`${ROOT}statements-releases/2023-02/${HOME.split('/')[2]}`);
    assert.equal(problem.severity, 'warning');
    assert.equal(lineColumns(REFERENCE, problem.span), '1:6-1:18');
    assert.equal(problem.message, `The file's month does not match 'date': the archive's layout ({category}/{yyyy}-{mm}/{date}-{slug}.{ext}) puts this readout at ${HOME}, not statements-releases/2023-02/${HOME.split('/')[2]}.`);
    assert.deepEqual(problem.fixes, [{ title: `Move the file to ${HOME}`, edits: [], rename: { newUri: ROOT + HOME }, safe: false, isPreferred: true }]);
  });

  test('a wrong category folder is marked on tags, a wrong slug in the name on source_url, several at once on the opening ---', () => {
    const category = mismatches(`${ROOT}speeches-remarks/2023-01/${HOME.split('/')[2]}`);
    assert.deepEqual(category.map((d) => [REFERENCE.slice(d.span.start, d.span.end), d.message.split(':')[0]]), [['statements-releases', "The file's category folder does not match 'tags'"]]);
    const slug = mismatches(`${ROOT}statements-releases/2023-01/2023-01-10-readout.md`);
    assert.deepEqual(slug.map((d) => [lineColumns(REFERENCE, d.span), d.message.split(':')[0]]), [['3:12-3:172', "The file's slug does not match 'source_url'"]]);
    const both = mismatches(`${ROOT}speeches-remarks/2022-12/2023-01-10-readout.md`);
    assert.deepEqual(both.map((d) => [lineColumns(REFERENCE, d.span), d.message.split(':')[0]]), [['0:0-0:3', "The file's category folder, year, month and slug do not match 'tags', 'date' and 'source_url'"]]);
  });

  test("a .txt copy follows with its own extension; a file too shallow for the layout, or that is not on disk, is not judged", () => {
    assert.deepEqual(mismatches(ROOT + HOME.replace(/\.md$/, '.txt')), []);
    assert.deepEqual(mismatches('file:///x.md'), []);
    assert.deepEqual(mismatches('untitled:Untitled-1'), []);
  });

  test('silent while a field it reads has a problem of its own or contradicts another, or when source_url follows no form', () => {
    const wrongDay = edit(REFERENCE, "date: '2023-01-10'", "date: '2023-01-11'");
    assert.deepEqual(checked.getDiagnostics({ uri: ROOT + HOME, text: wrongDay }).map((d) => d.code), ['date-mismatch']);
    const wrongTag = edit(REFERENCE, 'tags: statements-releases', 'tags: speeches-remarks');
    assert.deepEqual(checked.getDiagnostics({ uri: ROOT + HOME, text: wrongTag }).map((d) => d.code), ['url-category-mismatch']);
    const misspelt = edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases');
    assert.deepEqual(checked.getDiagnostics({ uri: ROOT + HOME, text: misspelt }).map((d) => d.code), ['unknown-value']);
    const agency = edit(REFERENCE, 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/', 'https://www.agency.gov/news/');
    assert.deepEqual(mismatches(`${ROOT}a/b/c.md`, agency), []);
  });

  test("another layout is checked as given; 'off' never", () => {
    const flat = service({ layout: always('{yyyy}/{mm}/{dd}/{slug}.{ext}') });
    assert.deepEqual(mismatches('file:///archive/2023/01/10/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada.md', REFERENCE, flat), []);
    assert.equal(mismatches(`file:///home/archive/${HOME}`, REFERENCE, flat).length, 1);
    assert.deepEqual(mismatches(`${ROOT}x/y/z.md`, REFERENCE, service({ layout: { mode: 'off' } })), []);
  });

  test('never part of fix all', () => {
    const uri = `${ROOT}statements-releases/2023-02/${HOME.split('/')[2]}`;
    assert.equal(checked.getFixAllEdit({ uri, text: REFERENCE }), undefined);
    const [fix] = mismatches(uri)[0].fixes;
    assert.equal(applyFix(REFERENCE, fix), REFERENCE);
  });
});

describe("layout: auto, decided on the index", () => {
  /** An index of `following` readouts in their place and `astray` in a flat folder. */
  function archive(following: number, astray: number) {
    const index = createWorkspaceIndex();
    const readouts = service({ index });
    const readout = REAL_READOUTS[0];
    for (let at = 0; at < following; at++) {
      const uri = `file:///archive/${readout.file.replace(/\.md$/, `-${at + 2}.md`)}`;
      const text = edit(readout.text, readout.file.split('/')[2].slice(11, -3), `${readout.file.split('/')[2].slice(11, -3)}-${at + 2}`);
      index.set(readouts.getEntry({ uri, text })!);
    }
    for (let at = 0; at < astray; at++) index.set(readouts.getEntry({ uri: `file:///archive/flat/drafts/${at}.md`, text: readout.text })!);
    return { index, readouts };
  }
  const astrayUri = `file:///archive/statements-releases/2023-02/${HOME.split('/')[2]}`;

  test('on from 20 readouts that follow the layout, at least 90% of the index; off below', () => {
    const on = archive(20, 2);
    assert.deepEqual(on.index.layoutCounts(), { following: 20, readouts: 22 });
    assert.equal(mismatches(astrayUri, REFERENCE, on.readouts).length, 1);
    assert.deepEqual(mismatches(astrayUri, REFERENCE, archive(19, 0).readouts), []);
    assert.deepEqual(mismatches(astrayUri, REFERENCE, archive(20, 3).readouts), []);
  });

  test('the counts follow entries as they come and go', () => {
    const { index, readouts } = archive(20, 0);
    const file = `file:///archive/flat/drafts/late.md`;
    index.set(readouts.getEntry({ uri: file, text: REAL_READOUTS[0].text })!);
    index.set(readouts.getEntry({ uri: `${file}x`, text: REAL_READOUTS[0].text })!);
    index.set(readouts.getEntry({ uri: `${file}y`, text: REAL_READOUTS[0].text })!);
    assert.deepEqual(index.layoutCounts(), { following: 20, readouts: 23 });
    assert.deepEqual(mismatches(astrayUri, REFERENCE, readouts), []);
    index.delete(file);
    assert.deepEqual(index.layoutCounts(), { following: 20, readouts: 22 });
    assert.equal(mismatches(astrayUri, REFERENCE, readouts).length, 1);
  });

  test('counted when first asked for, and kept up to date from then on, whatever came and went before', () => {
    const { index, readouts } = archive(21, 2);
    const following = [...index.entries()].filter((entry) => !entry.uri.includes('/flat/'));
    index.delete(following[0].uri);
    index.delete('file:///archive/flat/drafts/0.md');
    assert.deepEqual(index.layoutCounts(), { following: 20, readouts: 21 });
    index.set(following[0]);
    index.delete(following[1].uri);
    index.set(readouts.getEntry({ uri: 'file:///archive/flat/drafts/late.md', text: REAL_READOUTS[0].text })!);
    assert.deepEqual(index.layoutCounts(), { following: 20, readouts: 22 });
  });
});
