import * as vscode from 'vscode';
import type { ActiveReadoutEvents } from './activeReadout';

/** The readout's state in the status bar (its problem count), shown only for readouts. */
export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('readout.status', vscode.StatusBarAlignment.Right, 100);
  readonly #subscription: vscode.Disposable;

  constructor(activeReadout: ActiveReadoutEvents) {
    this.item.name = 'Readout';
    this.#update(activeReadout.editor);
    // The active readout is checked again each time its diagnostics change.
    this.#subscription = activeReadout.onDidCheck((editor) => this.#update(editor));
  }

  dispose(): void {
    this.#subscription.dispose();
    this.item.dispose();
  }

  #update(editor: vscode.TextEditor | undefined): void {
    const item = this.item;
    if (!editor) {
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
}
