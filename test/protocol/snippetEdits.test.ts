// A client that declares workspace.workspaceEdit.snippetEditSupport gets snippet edits for values nobody can derive.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CodeActionKind, type ClientCapabilities } from 'vscode-languageserver-protocol';
import { DATE_LINE, REFERENCE, replaceOnce, TAG_LINE } from './fixtures';
import { EDITOR_CAPABILITIES, LspClient } from './lspClient';
import { documentEditOf, positionAt, textEditsFor } from './textEdits';

const SNIPPET_CAPABILITIES: ClientCapabilities = {
  ...EDITOR_CAPABILITIES,
  workspace: { ...EDITOR_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
};

describe('snippet edits', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start({ capabilities: SNIPPET_CAPABILITIES }); });
  after(async () => { await client.shutdown(); });

  test('a missing tags field: a snippet edit offering the allowed tags, for the current version', async () => {
    const document = 'file:///readouts/missing-tags.md';
    const text = replaceOnce(REFERENCE, TAG_LINE, '');
    client.open(document, text, 'markdown');
    await client.nextDiagnostics(document, 1);
    const version = client.change(document, text);
    const [diagnostic] = (await client.nextDiagnostics(document, version)).diagnostics;
    const [action] = await client.codeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] });
    assert.equal(action.title, "Add the 'tags' field");
    const at = positionAt(text, text.indexOf('title:'));
    assert.deepEqual(documentEditOf(action.edit), {
      textDocument: { uri: document, version: 2 },
      edits: [{
        range: { start: at, end: at },
        snippet: { kind: 'snippet', value: 'tags: ${1|statements-releases,speeches-remarks,presidential-actions,press-briefings,articles,briefings-statements,fact-sheets,legislation,releases,disclosures,blog,remarks,research,uncategorized|}\n' },
      }],
    });
  });

  test("a missing title: source_url's slug spelled out, as a placeholder to edit", async () => {
    const document = 'file:///readouts/missing-title.md';
    const title = REFERENCE.slice(REFERENCE.indexOf('title: "'), REFERENCE.indexOf('Canada"') + 8);
    const text = replaceOnce(REFERENCE, title, '');
    client.open(document, text, 'markdown');
    const [diagnostic] = (await client.nextDiagnostics(document, 1)).diagnostics;
    const [action] = await client.codeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] });
    const spelled = 'Readout of President Joe Bidens Meeting with Prime Minister Trudeau of Canada';
    assert.equal(action.title, `Add title: ${spelled}`);
    const at = positionAt(text, text.lastIndexOf('---\n \n'));
    assert.deepEqual(documentEditOf(action.edit), {
      textDocument: { uri: document, version: 1 },
      edits: [{ range: { start: at, end: at }, snippet: { kind: 'snippet', value: `title: \${1:${spelled}}\n` } }],
    });
  });

  test('a missing date, which published_time gives: still a plain text edit', async () => {
    const document = 'file:///readouts/missing-date.md';
    const text = replaceOnce(REFERENCE, DATE_LINE, '');
    client.open(document, text, 'markdown');
    const [diagnostic] = (await client.nextDiagnostics(document, 1)).diagnostics;
    const [action] = await client.codeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] });
    assert.deepEqual(textEditsFor(action.edit, document), [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: DATE_LINE },
    ]);
  });
});
