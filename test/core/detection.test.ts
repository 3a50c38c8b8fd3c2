// Which documents are readouts: by default, those whose front matter has a field only readouts
// have; in `readout.files`, any front matter; in `readout.exclude`, none.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasReadoutField } from '../../server/src/core/detection';
import type { ReadoutInput } from '../../server/src/core/languageService';
import { REFERENCE, bom, crlf, edit, service } from './helpers';

const readouts = service();

/** Every feature a host asks of a document gives nothing: it is not a readout. */
function assertIgnored(document: ReadoutInput, what: string): void {
  const { text } = document;
  assert.equal(readouts.isReadout(document), false, what);
  assert.deepEqual(readouts.getDiagnostics(document), [], what);
  assert.equal(readouts.getFixAllEdit(document), undefined, what);
  assert.deepEqual(readouts.getCodeActions(document, { start: 0, end: text.length }), [], what);
  assert.deepEqual(readouts.getDocumentSymbols(document), [], what);
  assert.equal(readouts.getEntry({ ...document, uri: 'file:///site/page.md' }), undefined, what);
  for (const offset of [0, text.indexOf(':'), text.length]) {
    assert.equal(readouts.getHover(document, offset), undefined, what);
    assert.deepEqual(readouts.getCompletions(document, offset).items, [], what);
  }
}

/** Pages every static site and docs folder has, each with the front matter its tool writes. */
const SITE_PAGES: Readonly<Record<string, string>> = {
  'a Hugo post (title first)': "---\ntitle: Hello World\ndate: 2023-01-10T09:00:00-05:00\ntags: [news, hugo]\ndraft: false\n---\nFirst post.\n",
  'a Jekyll post (date first, with Jekyll\'s own `published`)': "---\ndate: '2023-01-10'\nlayout: post\ntitle: Welcome\npublished: false\ncategories: [jekyll]\n---\nHello.\n",
  'a tag page (tags first)': '---\ntags: statements-releases\ntitle: Statements\n---\n',
  'a GitHub issue template (name first: "did you mean date")': "---\nname: Bug report\nabout: Create a report to help us improve\ntitle: ''\nlabels: bug\nassignees: ''\n---\n\n**Describe the bug**\n",
  'a license with front matter (note first: "did you mean date")': '---\nnote: The Free Software Foundation recommends taking the additional step of adding a boilerplate notice.\ntitle: GNU General Public License v3.0\nspdx-id: GPL-3.0\n---\n\nGNU GENERAL PUBLIC LICENSE\n',
  'a web clipping (a note\'s `source` and `published`, words of their own)': '---\ntitle: An Article\nsource: https://example.com/article\nauthor: Someone\npublished: 2023-01-10\ncreated: 2023-01-11\ntags: [clippings]\n---\n',
  'a post with a `published_at` (Ghost, dev.to), four letters from published_time': "---\ntitle: A Post\npublished_at: '2023-01-10T12:00:00Z'\n---\n",
  'source_url only inside a value': '---\ntitle: A Page\nparams:\n  source_url: https://example.com/\n---\n',
  'source_url only in a block scalar': '---\ntitle: A Page\nsummary: |\n  source_url: https://example.com/\n---\n',
  'source_url only in a comment': '---\ntitle: A Page\n# source_url: https://example.com/\n---\n',
  'source_url only in the body': '---\ntitle: A Page\n---\nsource_url: https://example.com/\n',
  'a thematic break, then prose that names a field': '---\n\nSome prose.\nsource_url: https://example.com/\n',
};

describe('by default a document is a readout when its front matter has a field only readouts have', () => {
  for (const [what, text] of Object.entries(SITE_PAGES)) {
    test(`not ${what}: it gets nothing`, () => {
      assertIgnored({ text }, what);
      assert.equal(hasReadoutField(text), false);
    });
  }

  test('the reference readout, with CRLF line ends, with a BOM', () => {
    for (const text of [REFERENCE, crlf(REFERENCE), bom(REFERENCE), bom(crlf(REFERENCE))]) {
      assert.equal(hasReadoutField(text), true);
      assert.equal(readouts.isReadout({ text }), true);
      assert.deepEqual(readouts.getDiagnostics({ text }), []);
    }
  });

  test('either field is enough, wherever it comes among the keys; a static-site page that has one is a readout', () => {
    const withUrl = `---\ntitle: A Page\nlayout: post\nsource_url: ${/source_url: (.*)/.exec(REFERENCE)![1]}\n---\n`;
    assert.equal(readouts.isReadout({ text: withUrl }), true);
    assert.ok(readouts.getDiagnostics({ text: withUrl }).some((d) => d.code === 'unknown-field' && /'layout'/.test(d.message)));
    assert.equal(readouts.isReadout({ text: '---\ntitle: x\npublished_time: 2023-01-10 12:54:40-05:00\n---\n' }), true);
    assert.equal(readouts.isReadout({ text: '---\n"source_url": x\n---\n' }), true);
  });

  test('a near-miss spelling of either is a readout with its key misspelt: "did you mean" offers the fix', () => {
    const misspellings: [string, string, string][] = [
      ['source_url', 'source_ulr', 'published_time'], ['source_url', 'sourceurl', 'published_time'], ['source_url', 'Source_URL', 'published_time'],
      ['published_time', 'publised_time', 'source_url'], ['published_time', 'published-time', 'source_url'],
    ];
    for (const [field, typo, other] of misspellings) {
      const text = edit(REFERENCE, `${field}:`, `${typo}:`);
      assert.deepEqual(readouts.getDiagnostics({ text }).map((d) => [d.code, d.message]), [['unknown-field', `Unknown field '${typo}'. Did you mean '${field}'?`]]);
      // The typo alone, without the other field, still makes a readout.
      assert.equal(readouts.isReadout({ text: edit(text, `${other}:`, 'link:') }), true, typo);
    }
  });

  test('a front matter never closed is a readout by the fields before its first line that is not one', () => {
    const unclosed = '---\ndate: \'2023-01-10\'\nsource_url: https://example.com/\n\nThe body, never set apart.\n';
    assert.deepEqual(readouts.getDiagnostics({ text: unclosed }).map((d) => d.code), ['front-matter-unclosed']);
    assert.equal(readouts.isReadout({ text: '---\ndate: x\n\nThe body.\nsource_url: https://example.com/\n' }), false);
  });

  test('other Markdown and text files get no diagnostics', () => {
    for (const text of ['# Notes\n\nSome text.\n', '---\nlayout: post\ntitle: x\n---\n', '---\nlayout: post\n', '---\n', '', 'date: 2023-01-10\n']) {
      assert.deepEqual(readouts.getDiagnostics({ text }), [], JSON.stringify(text));
      assert.equal(readouts.isReadout({ text }), false, JSON.stringify(text));
    }
  });

  test('a document without front matter never is, whatever it says', () => {
    for (const text of ['', 'Just text.\n---\n', 'source_url: x\n', `# Notes\n\n${REFERENCE}`]) assertIgnored({ text }, JSON.stringify(text.slice(0, 20)));
  });

  test('bounded: a 5 MB block of keys is decided in one pass, with the field at its end or nowhere', () => {
    const keys = Array.from({ length: 250_000 }, (_, i) => `key${i}: value`).join('\n');
    assert.equal(hasReadoutField(`---\n${keys}\n---\n`), false);
    assert.equal(hasReadoutField(`---\n${keys}\nsource_url: x\n---\n`), true);
    assert.equal(hasReadoutField(`---\n${keys}\nsource_url: x\n`), true);
    // Long runs of spaces, where a regular expression would backtrack.
    const spaces = ' '.repeat(1_000_000);
    assert.equal(hasReadoutField(`---\nkey${spaces}x\n"key${spaces}x\nkey${spaces}:x\n---\n`), false);
  });
});

describe('readout.files and readout.exclude', () => {
  test('in readout.files, any front matter makes a readout, whatever its keys; no front matter never does', () => {
    const text = '---\nlayout: post\n---\n';
    assert.equal(readouts.isReadout({ text, inReadoutFiles: true }), true);
    assert.ok(readouts.getDiagnostics({ text, inReadoutFiles: true }).some((d) => d.code === 'unknown-field'));
    assertIgnored({ text: 'Just a body.\n', inReadoutFiles: true }, 'no front matter');
  });

  test('in readout.exclude, nothing is a readout: not the reference, not one in readout.files', () => {
    assertIgnored({ text: REFERENCE, excluded: true }, 'the reference');
    assertIgnored({ text: edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases'), excluded: true, inReadoutFiles: true }, 'a misspelt tag');
    // Not even a readout being started: completion offers no keys there.
    assertIgnored({ text: '---\n\n---\n', excluded: true }, 'an empty block');
  });
});

describe('fix all never touches a document that is not a readout', () => {
  test("the issue template's `name` and the license's `note` would be renamed to `date` if they were readouts; they are not", () => {
    for (const what of ['a GitHub issue template (name first: "did you mean date")', 'a license with front matter (note first: "did you mean date")']) {
      const text = SITE_PAGES[what];
      // The premise: as a readout, fix all would rename the key to `date`.
      const asReadout = readouts.getFixAllEdit({ text, inReadoutFiles: true });
      assert.ok(asReadout && /^date:/m.test(text.slice(0, asReadout.span.start) + asReadout.newText + text.slice(asReadout.span.end)), what);
      assert.equal(readouts.getFixAllEdit({ text }), undefined, what);
    }
  });
});
