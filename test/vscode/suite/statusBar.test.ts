/// <reference types="mocha" />
// The status bar item, read from the extension's exports (the item itself), as the server's diagnostics arrive.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, openSample, revertAndCloseAll, sampleUri, waitFor, type ReadoutTestApi } from './helpers';

const MISTAKES = '2021/01/mistakes.md';
const REFERENCE = '2023/01/reference.txt';

/** Waits until the item describes the active editor's readout with `text`, and returns the item. */
function statusFor(api: ReadoutTestApi, uri: vscode.Uri, text: string): Promise<ReadoutTestApi['status']> {
  return waitFor(`the status bar item ${JSON.stringify(text)} for ${vscode.workspace.asRelativePath(uri)}`, [api.activeReadout.onDidCheck, vscode.languages.onDidChangeDiagnostics],
    () => (api.activeReadout.editor?.document.uri.toString() === uri.toString() && api.status.text === text ? api.status : undefined),
    () => `${JSON.stringify(api.status.text)} (${JSON.stringify(api.status.tooltip)}) with the active readout ${api.activeReadout.editor?.document.uri.toString()}`);
}

suite('status bar', () => {
  teardown(revertAndCloseAll);

  test('the sample with mistakes: every problem counted by severity, a tooltip that says what a click does', async () => {
    const api = await extensionApi();
    await openSample(MISTAKES);
    // unknown-value and date-mismatch are errors, title-whitespace information (samples/README.md, docs/rules.md).
    const status = await statusFor(api, sampleUri(MISTAKES), 'Readout $(error) 2 $(info) 1');
    assert.equal(status.tooltip, 'This readout has 2 errors and 1 info. Click to open the Problems panel.');
    assert.equal(status.accessibilityInformation?.label, 'Readout: 2 errors and 1 info');
    assert.equal(status.command, 'workbench.actions.view.problems');
  });

  test('a readout without problems', async () => {
    const api = await extensionApi();
    await openSample(REFERENCE);
    const status = await statusFor(api, sampleUri(REFERENCE), 'Readout $(check)');
    assert.equal(status.tooltip, 'This readout has no problems. Click to open the preview.');
    assert.equal(status.accessibilityInformation?.label, 'Readout: no problems');
    assert.equal(status.command, 'readout.openPreviewToSide');
  });
});
