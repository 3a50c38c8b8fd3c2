/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openSample, replaceText, revertAndCloseAll, waitForActiveReadout } from './helpers';

// The archive's 14 categories, most used first.
const TAGS = [
  'statements-releases', 'speeches-remarks', 'presidential-actions', 'press-briefings', 'articles', 'briefings-statements', 'fact-sheets',
  'legislation', 'releases', 'disclosures', 'blog', 'remarks', 'research', 'uncategorized',
];

suite('completion', () => {
  teardown(revertAndCloseAll);

  test("after 'tags: ' completion offers the archive's categories", async () => {
    const editor = await openSample('2023/01/reference.txt');
    // Before the language client runs, VS Code offers only the words of the file.
    await waitForActiveReadout(editor.document.uri);
    const range = await replaceText(editor.document, 'tags: statements-releases', 'tags: ');
    const position = range.end;
    assert.equal(editor.document.lineAt(position.line).text, 'tags: ');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const tag of TAGS) assert.ok(labels.includes(tag), `completion at 'tags: ' lacks ${tag}; got: ${labels.join(', ')}`);
  });
});
