// textDocument/codeAction: the quick fixes and the fix-all a client offers, applied as a client applies them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { DATE_LINE, MISSPELT_TAG, REFERENCE, replaceOnce, TAG_LINE } from './fixtures';
import { LspClient } from './lspClient';
import { applyTextEdits, positionAt, textEditsFor } from './textEdits';

const uri = (name: string) => `file:///readouts/${name}`;
const FIX_ALL = 'source.fixAll.readout';

describe('code actions', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start(); });
  after(async () => { await client.shutdown(); });

  /** Opens `text` and returns its diagnostics, which must have the given codes. */
  async function openWithDiagnostics(document: string, text: string, codes: string[]): Promise<Diagnostic[]> {
    client.open(document, text, 'markdown');
    const { diagnostics } = await client.nextDiagnostics(document, 1);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), codes);
    return diagnostics;
  }

  /** The quick fixes of one diagnostic, asked for as an editor's light bulb does. */
  const quickFixes = (document: string, diagnostic: Diagnostic) =>
    client.codeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] });

  /** Applies an action's edit to `text`, sends the result, and returns it with its diagnostics. */
  async function applyAction(document: string, text: string, action: CodeAction) {
    const fixed = applyTextEdits(text, textEditsFor(action.edit, document));
    const version = client.change(document, fixed);
    return { fixed, diagnostics: (await client.nextDiagnostics(document, version)).diagnostics };
  }

  test('a misspelt tag: the preferred fix replaces it, and applying it restores the reference byte for byte', async () => {
    const document = uri('misspelt-tag.md');
    const [diagnostic] = await openWithDiagnostics(document, MISSPELT_TAG, ['unknown-value']);
    const actions = await quickFixes(document, diagnostic);
    const preferred = actions.filter((action) => action.isPreferred);
    assert.equal(preferred.length, 1);
    assert.equal(preferred[0].title, "Replace with 'statements-releases'");
    assert.equal(preferred[0].kind, CodeActionKind.QuickFix);
    assert.deepEqual(preferred[0].diagnostics, [diagnostic]);
    // The other allowed tags are offered too, none of them preferred, and no fix-all was asked for.
    assert.deepEqual(actions.map((action) => action.title), [
      'statements-releases', 'speeches-remarks', 'presidential-actions', 'press-briefings', 'articles', 'briefings-statements', 'fact-sheets',
      'legislation', 'releases', 'disclosures', 'blog', 'remarks', 'research', 'uncategorized',
    ].map((tag) => `Replace with '${tag}'`));
    assert.ok(actions.every((action) => action.kind === CodeActionKind.QuickFix));

    const { fixed, diagnostics } = await applyAction(document, MISSPELT_TAG, preferred[0]);
    assert.equal(fixed, REFERENCE);
    assert.deepEqual(diagnostics, []);
  });

  test('a missing date: the fix inserts it, quoted, on the first line after ---', async () => {
    const document = uri('missing-date.md');
    const text = replaceOnce(REFERENCE, DATE_LINE, '');
    const [diagnostic] = await openWithDiagnostics(document, text, ['missing-field']);
    const actions = await quickFixes(document, diagnostic);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(textEditsFor(actions[0].edit, document), [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: DATE_LINE },
    ]);
    const { fixed, diagnostics } = await applyAction(document, text, actions[0]);
    assert.equal(fixed, REFERENCE);
    assert.deepEqual(diagnostics, []);
  });

  test('a missing tags field, for a client without snippet edits: a plain text edit', async () => {
    const document = uri('missing-tags.md');
    const text = replaceOnce(REFERENCE, TAG_LINE, '');
    const [diagnostic] = await openWithDiagnostics(document, text, ['missing-field']);
    const [action] = await quickFixes(document, diagnostic);
    assert.equal(action.title, "Add the 'tags' field");
    const at = positionAt(text, text.indexOf('title:'));
    assert.deepEqual(action.edit, { changes: { [document]: [{ range: { start: at, end: at }, newText: 'tags: \n' }] } });
  });

  test('a missing title with no slug to spell it from: an empty title, still reported once inserted', async () => {
    const document = uri('missing-title.md');
    const title = REFERENCE.slice(REFERENCE.indexOf('title: "'), REFERENCE.indexOf('Canada"') + 8);
    // A URL that follows none of the forms has no slug to read.
    const text = replaceOnce(replaceOnce(REFERENCE, title, ''), 'readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/', '');
    const diagnostics = await openWithDiagnostics(document, text, ['missing-field']);
    const [action] = await quickFixes(document, diagnostics.find((diagnostic) => diagnostic.code === 'missing-field')!);
    assert.equal(action.title, "Add the 'title' field");
    const at = positionAt(text, text.lastIndexOf('---\n \n'));
    assert.deepEqual(action.edit, { changes: { [document]: [{ range: { start: at, end: at }, newText: 'title: ""\n' }] } });
    const applied = await applyAction(document, text, action);
    assert.deepEqual(applied.diagnostics.map((diagnostic) => diagnostic.code), ['empty-value']);
  });

  test('source.fixAll.readout: one action whose edit fixes every safe mistake at once', async () => {
    const document = uri('several-mistakes.md');
    // A misspelt tag, a missing date (published_time gives it) and a misspelt key: each has a safe fix.
    // The misspelt `titel` is one mistake: the title is not also reported missing.
    const text = replaceOnce(replaceOnce(MISSPELT_TAG, DATE_LINE, ''), '\ntitle:', '\ntitel:');
    await openWithDiagnostics(document, text, ['missing-field', 'unknown-value', 'unknown-field']);
    const whole = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
    const actions = await client.codeActions(document, whole, { diagnostics: [], only: [CodeActionKind.SourceFixAll] });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, FIX_ALL);
    assert.equal(actions[0].title, 'Fix all safe readout problems');
    const { fixed, diagnostics } = await applyAction(document, text, actions[0]);
    assert.equal(fixed, REFERENCE);
    assert.deepEqual(diagnostics, []);
  });

  test('source.fixAll.readout never changes the title or the source_url: their fixes stay quick fixes, one at a time', async () => {
    const document = uri('published-record.md');
    const text = replaceOnce(replaceOnce(MISSPELT_TAG, 'Meeting with', 'Meeting  with'), '/2023/01/10/', '/2023/01/09/');
    await openWithDiagnostics(document, text, ['url-date-mismatch', 'unknown-value', 'title-whitespace']);
    const whole = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
    const [fixAll] = await client.codeActions(document, whole, { diagnostics: [], only: [CodeActionKind.SourceFixAll] });
    const { fixed, diagnostics } = await applyAction(document, text, fixAll);
    assert.equal(fixed, replaceOnce(replaceOnce(REFERENCE, 'Meeting with', 'Meeting  with'), '/2023/01/10/', '/2023/01/09/'));
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]), [['url-date-mismatch', DiagnosticSeverity.Error], ['title-whitespace', DiagnosticSeverity.Information]]);
    const tidy = await quickFixes(document, diagnostics[1]);
    assert.deepEqual(tidy.map((action) => action.title), ['Tidy the spaces in the title']);
    // With nothing else to fix, fix all has no action at all.
    assert.deepEqual(await client.codeActions(document, whole, { diagnostics: [], only: [CodeActionKind.SourceFixAll] }), []);
  });

  test('source.fixAll.readout on a clean readout: no action', async () => {
    const document = uri('clean.md');
    await openWithDiagnostics(document, REFERENCE, []);
    const start = { line: 0, character: 0 };
    assert.deepEqual(await client.codeActions(document, { start, end: start }, { diagnostics: [], only: [CodeActionKind.SourceFixAll] }), []);
  });
});
