import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DocumentInfoRequest } from '../../server/src/protocol';

/**
 * The readout's state in the status bar (its problem count), shown only for readouts; it also
 * sets the `readout.isReadout` context key that the preview button and keybinding depend on.
 */
export function createStatusBar(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('readout.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Readout';
  let generation = 0;

  async function update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const current = ++generation;
    const info = editor ? await client.sendRequest(DocumentInfoRequest, { uri: editor.document.uri.toString() }).catch(() => undefined) : undefined;
    // A later update has started meanwhile: it has the newer answer.
    if (current !== generation) return;
    const isReadout = editor !== undefined && info?.isReadout === true;
    void vscode.commands.executeCommand('setContext', 'readout.isReadout', isReadout);
    if (!isReadout) {
      item.hide();
      return;
    }
    const problems = vscode.languages.getDiagnostics(editor.document.uri).filter((diagnostic) => diagnostic.source === 'readout');
    const errors = problems.filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error).length;
    const others = problems.length - errors;
    item.text = errors > 0 ? `$(error) Readout: ${errors}` : others > 0 ? `$(warning) Readout: ${others}` : '$(check) Readout';
    item.tooltip = problems.length === 0 ? 'This readout has no problems. Click for the preview.' : `${errors} error(s), ${others} other problem(s) in the front matter. Click for the Problems panel.`;
    item.command = problems.length === 0 ? 'readout.openPreviewToSide' : 'workbench.actions.view.problems';
    item.show();
  }

  void update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) void update();
    }),
  );
}
