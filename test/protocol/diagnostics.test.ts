// What a client sees in publishDiagnostics as documents are opened and edited.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { newReadoutTemplate } from '../../server/src/core/newReadoutTemplate';
import { DATE_LINE, MISSPELT_TAG, REFERENCE, replaceOnce, TAG_LINE, toCrlf, withBom } from './fixtures';
import { fileUri, LspClient, REPO_ROOT } from './lspClient';
import { rangeOf } from './textEdits';

const uri = (name: string) => `file:///readouts/${name}`;
const RULES_DOC = fileUri(path.join(REPO_ROOT, 'docs', 'rules.md'));

/** The one diagnostic a misspelt tag must give, with its range computed from `text`. */
function misspeltTagDiagnostic(text: string): Diagnostic {
  return {
    range: rangeOf(text, 'statement-releases'),
    severity: DiagnosticSeverity.Error,
    source: 'readout',
    code: 'unknown-value',
    codeDescription: { href: `${RULES_DOC}#unknown-value` },
    message: "Unknown tag 'statement-releases'. Did you mean 'statements-releases'?",
  };
}

describe('publishDiagnostics', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start(); });
  after(async () => { await client.shutdown(); });

  test('the reference readout opened as .txt (plaintext) has none, for version 1', async () => {
    const document = uri('reference.txt');
    client.open(document, REFERENCE, 'plaintext');
    assert.deepEqual(await client.nextDiagnostics(document, 1), { uri: document, version: 1, diagnostics: [] });
  });

  test('the reference readout opened as .md (markdown) has none, for version 1', async () => {
    const document = uri('reference.md');
    client.open(document, REFERENCE, 'markdown');
    assert.deepEqual(await client.nextDiagnostics(document, 1), { uri: document, version: 1, diagnostics: [] });
  });

  test('a Markdown file without front matter is not a readout', async () => {
    const document = uri('notes.md');
    client.open(document, '# Notes\n\nNothing to check here.\n', 'markdown');
    assert.deepEqual((await client.nextDiagnostics(document, 1)).diagnostics, []);
  });

  test("a static site's pages, whatever their first key (`layout`, `title`, `date`, `tags`), are not readouts", async () => {
    // This client has no workspace folder, so readout.files matches nothing; only the fields count.
    const pages = [
      "---\nlayout: post\ntitle: Hello\ndate: '2023-01-10'\n---\nA blog post.\n",
      "---\ntitle: Hello\ndate: '2023-01-10'\ntags: [news]\ndraft: true\n---\nA Hugo post.\n",
      "---\ndate: '2023-01-10'\ntitle: Hello\n---\nA Jekyll post.\n",
      '---\ntags: news\n---\nA tag page.\n',
    ];
    for (const [index, text] of pages.entries()) {
      const document = uri(`post-${index}.md`);
      // Fields a readout would be faulted for (unknown `layout`, missing `source_url`) must stay unreported.
      client.open(document, text, 'markdown');
      assert.deepEqual((await client.nextDiagnostics(document, 1)).diagnostics, [], text);
    }
  });

  test('editing in a misspelt tag publishes, for that version, one enum error on the value', async () => {
    const document = uri('edited.md');
    client.open(document, REFERENCE, 'markdown');
    await client.nextDiagnostics(document, 1);
    const version = client.change(document, MISSPELT_TAG);
    const published = await client.nextDiagnostics(document, version);
    assert.equal(published.version, 2);
    assert.deepEqual(published.diagnostics, [misspeltTagDiagnostic(MISSPELT_TAG)]);
    // The same range written out: `tags: ` is 6 characters on the fifth line.
    assert.deepEqual(published.diagnostics[0].range, { start: { line: 4, character: 6 }, end: { line: 4, character: 24 } });
    assert.ok(published.diagnostics[0].codeDescription!.href.endsWith('rules.md#unknown-value'));

    const fixed = client.change(document, REFERENCE);
    assert.deepEqual(await client.nextDiagnostics(document, fixed), { uri: document, version: 3, diagnostics: [] });
  });

  test('CRLF line ends give the same range as LF', async () => {
    const document = uri('crlf.md');
    const text = toCrlf(MISSPELT_TAG);
    client.open(document, text, 'markdown');
    const { diagnostics } = await client.nextDiagnostics(document, 1);
    assert.deepEqual(diagnostics, [misspeltTagDiagnostic(text)]);
    assert.deepEqual(diagnostics[0].range, rangeOf(MISSPELT_TAG, 'statement-releases'));
  });

  test('a BOM gives the same range as without it on a later line', async () => {
    const document = uri('bom.md');
    const text = withBom(MISSPELT_TAG);
    client.open(document, text, 'markdown');
    const { diagnostics } = await client.nextDiagnostics(document, 1);
    assert.deepEqual(diagnostics, [misspeltTagDiagnostic(text)]);
    assert.deepEqual(diagnostics[0].range, rangeOf(MISSPELT_TAG, 'statement-releases'));
  });

  test('a BOM shifts a range on the first line by one character', async () => {
    // A missing field is reported on the opening `---`, which follows the BOM.
    const withoutDate = replaceOnce(REFERENCE, DATE_LINE, '');
    const plain = uri('missing-date.md');
    const bom = uri('missing-date-bom.md');
    client.open(plain, withoutDate, 'markdown');
    client.open(bom, withBom(withoutDate), 'markdown');
    const [plainRanges, bomRanges] = await Promise.all([plain, bom].map(async (document) =>
      (await client.nextDiagnostics(document, 1)).diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range])));
    assert.deepEqual(plainRanges, [['missing-field', { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }]]);
    assert.deepEqual(bomRanges, [['missing-field', { start: { line: 0, character: 1 }, end: { line: 0, character: 4 } }]]);
  });

  test('each change publishes once at most, and the last always: a version a newer one replaced before it was checked is not', async () => {
    const document = uri('change-once.md');
    client.open(document, REFERENCE, 'markdown');
    client.change(document, MISSPELT_TAG);
    const last = client.change(document, REFERENCE);
    // Publishes arrive in order: all of version 2 come before the first of version 3.
    const versions = (await client.diagnosticsUntil(document, last)).map((published) => published.version);
    // Each at most once, in order, the last among them; the server checks a change after the
    // messages already received, so a version replaced in the meantime is not (when the three
    // come in one read, only version 3 is).
    assert.ok(versions.every((version, at) => at === 0 || version! > versions[at - 1]!), JSON.stringify(versions));
    assert.equal(versions.at(-1), last);
    // A change sent once the last is checked is checked too.
    const next = client.change(document, MISSPELT_TAG);
    assert.deepEqual((await client.diagnosticsUntil(document, next)).map((published) => published.version), [next]);
  });

  test('opening a document publishes once', async () => {
    const document = uri('open-once.md');
    client.open(document, REFERENCE, 'markdown');
    const next = client.change(document, REFERENCE);
    const versions = (await client.diagnosticsUntil(document, next)).map((published) => published.version);
    // Version 1 is not checked when the change came before its check.
    assert.ok(['1,2', '2'].includes(versions.join()), JSON.stringify(versions));
  });

  test("each diagnostic's codeDescription links to its own section of docs/rules.md", async () => {
    const headings = readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8').match(/^#+ .+$/gm) ?? [];
    // GitHub's anchors: lowercase, punctuation dropped, spaces turned into hyphens.
    const anchors = new Set(headings.map((heading) => heading.replace(/^#+ /, '').toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')));
    const mistakes = {
      'links-enum.md': MISSPELT_TAG,
      'links-required.md': replaceOnce(REFERENCE, DATE_LINE, ''),
      'links-unknown-key.md': replaceOnce(REFERENCE, '\ntitle:', '\ntitel:'),
      'links-yaml.md': replaceOnce(REFERENCE, TAG_LINE, 'tags: [statements-releases\n'),
      'links-format.md': replaceOnce(REFERENCE, DATE_LINE, "date: '2023-13-10'\n"),
      'links-url-date.md': replaceOnce(REFERENCE, '/2023/01/10/', '/2023/01/11/'),
      'links-unclosed.md': REFERENCE.slice(0, REFERENCE.indexOf('---\n', 4)),
    };
    const seen = new Set<string>();
    for (const [name, text] of Object.entries(mistakes)) {
      client.open(uri(name), text, 'markdown');
      for (const { code, codeDescription } of (await client.nextDiagnostics(uri(name), 1)).diagnostics) {
        const anchor = String(code).toLowerCase();
        assert.equal(codeDescription?.href, `${RULES_DOC}#${anchor}`);
        assert.ok(anchors.has(anchor), `docs/rules.md has no section for '${code}'`);
        seen.add(String(code));
      }
    }
    assert.deepEqual([...seen].sort(), ['bad-format', 'front-matter-unclosed', 'missing-field', 'unknown-field', 'unknown-value', 'url-date-mismatch', 'yaml-syntax']);
  });

  test('a quote never closed is marked on the quote, and the other fields are still checked', async () => {
    const document = uri('stray-quote.md');
    const text = replaceOnce(replaceOnce(REFERENCE, TAG_LINE, 'tags: "speeches-remarks\n'), DATE_LINE, "date: '2023-01-11'\n");
    client.open(document, text, 'markdown');
    const { diagnostics } = await client.nextDiagnostics(document, 1);
    assert.deepEqual(diagnostics.map(({ range, code, severity, message }) => ({ range, code, severity, message })), [
      {
        range: { start: { line: 1, character: 6 }, end: { line: 1, character: 18 } },
        code: 'date-mismatch',
        severity: DiagnosticSeverity.Error,
        message: "'date' is 2023-01-11, but 'published_time' (2023-01-10 12:54:40-05:00) falls on 2023-01-10 in its own time zone. Set 'date' to 2023-01-10.",
      },
      {
        range: { start: { line: 4, character: 6 }, end: { line: 4, character: 7 } },
        code: 'yaml-syntax',
        severity: DiagnosticSeverity.Error,
        message: 'This quote is never closed on its line: the quoted text runs on to the next " at line 6, column 8, taking in the field \'title\'. Close it on this line, or remove it.',
      },
    ]);
  });

  test("the New Readout template left as it is: the URL and the title are reported until filled in", async () => {
    const document = 'untitled:Untitled-1';
    client.open(document, newReadoutTemplate({ day: '2026-03-10', time: '14:05:09', offset: '-04:00' }).text, 'markdown');
    const { diagnostics } = await client.nextDiagnostics(document, 1);
    assert.deepEqual(diagnostics.map(({ range, code, message }) => ({ range, code, message })), [
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 10 } }, code: 'wrong-type', message: "'source_url' is empty: write text after the colon." },
      { range: { start: { line: 5, character: 7 }, end: { line: 5, character: 9 } }, code: 'empty-value', message: "'title' is empty." },
    ]);
  });

  test('closing a document clears its diagnostics', async () => {
    const document = uri('closed.md');
    client.open(document, MISSPELT_TAG, 'markdown');
    assert.equal((await client.nextDiagnostics(document, 1)).diagnostics.length, 1);
    client.close(document);
    assert.deepEqual(await client.nextDiagnostics(document, null), { uri: document, diagnostics: [] });
  });
});
