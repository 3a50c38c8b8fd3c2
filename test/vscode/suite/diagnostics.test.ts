/// <reference types="mocha" />
// Diagnostics and quick fixes through the real VS Code API, from the language server in its own process.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, openSample, rangeText, readoutDiagnostics, replaceText, revertAndCloseAll, sampleUri, waitForDiagnostics, waitForText } from './helpers';

const REFERENCE = '2023/01/reference.txt';
const CORRECT_MD = '2021/01/00001_a4712430bd11da6d.md';
const MISTAKES = '2021/01/mistakes.md';
const NOT_A_READOUT = 'README.md';

suite('diagnostics', () => {
  teardown(revertAndCloseAll);

  test('the reference (.txt) and a correct .md have none, the sample with mistakes has its catalog codes', async () => {
    const quiet = [REFERENCE, CORRECT_MD, NOT_A_READOUT];
    for (const path of quiet) await openSample(path);
    await openSample(MISTAKES);
    const mistakes = await waitForDiagnostics(sampleUri(MISTAKES), 'the codes date-mismatch, title-whitespace, unknown-value', (diagnostics) =>
      diagnostics.map(codeOf).sort().join(',') === 'date-mismatch,title-whitespace,unknown-value');
    const unknownValue = mistakes.find((d) => codeOf(d) === 'unknown-value');
    assert.ok(unknownValue);
    assert.equal(rangeText(unknownValue.range), '4:6-4:20', 'the unknown-value diagnostic marks the value speech-remarks');
    assert.equal(unknownValue.message, "Unknown tag 'speech-remarks'. Did you mean 'speeches-remarks'?");
    assert.equal(unknownValue.severity, vscode.DiagnosticSeverity.Error);
    // The documents opened before it went to the server first; one more round trip through the
    // server for each makes sure it has them, then they must still have no diagnostics.
    for (const path of quiet) {
      await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', sampleUri(path));
      assert.equal(describeDiagnostics(readoutDiagnostics(sampleUri(path))), 'no diagnostics', `${path} should have no diagnostics`);
    }
  });

  test('a misspelt tag gets an unknown-value diagnostic on its exact range; the preferred quick fix restores the reference', async () => {
    const editor = await openSample(REFERENCE);
    const document = editor.document;
    const uri = document.uri;
    const reference = document.getText();
    assert.ok(reference.includes('\ntags: statements-releases\n'));
    await replaceText(document, 'tags: statements-releases', 'tags: statement-releases');

    const expectedRange = new vscode.Range(4, 6, 4, 24);
    const [diagnostic] = await waitForDiagnostics(uri, `one unknown-value diagnostic at ${rangeText(expectedRange)}`, (diagnostics) =>
      diagnostics.length === 1 && codeOf(diagnostics[0]) === 'unknown-value' && diagnostics[0].range.isEqual(expectedRange));
    assert.equal(diagnostic.message, "Unknown tag 'statement-releases'. Did you mean 'statements-releases'?");
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(diagnostic.range), 'statement-releases');

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const quickFixes = actions.filter((action): action is vscode.CodeAction => 'kind' in action && action.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(action.kind));
    const preferred = quickFixes.filter((action) => action.isPreferred);
    assert.equal(preferred.length, 1, `one preferred quick fix, got: ${quickFixes.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join('; ')}`);
    const [fix] = preferred;
    assert.equal(fix.title, "Replace with 'statements-releases'");
    assert.ok(fix.edit, 'the quick fix carries its edit');

    const fixed = waitForText(document, 'the reference text again', (text) => text === reference);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit refused the quick fix');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await fixed;
    await waitForDiagnostics(uri, 'no diagnostics after the quick fix', (diagnostics) => diagnostics.length === 0);
    assert.equal(document.getText(), reference, 'the fixed text is the reference byte for byte');
  });

  test('the sample README.md (no front matter) is not a readout', async () => {
    const uri = sampleUri(NOT_A_READOUT);
    const editor = await openSample(NOT_A_READOUT);
    // An edit that would be a mistake in a readout: still nothing.
    await replaceText(editor.document, '# Sample readouts', '# Sample readouts\ntags: statement-releases');
    await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
    assert.equal(describeDiagnostics(readoutDiagnostics(uri)), 'no diagnostics');
  });
});
