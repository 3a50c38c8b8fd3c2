import * as vscode from 'vscode';
import type { ActiveReadoutEvents } from './activeReadout';
import { statusText, type ProblemCounts } from './statusText';

const SEVERITIES: Partial<Record<vscode.DiagnosticSeverity, keyof ProblemCounts>> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
};

/** The active readout's problems, by severity, in the status bar; hidden when the active editor is not a readout. */
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
    if (!editor) {
      this.item.hide();
      return;
    }
    const counts = { error: 0, warning: 0, information: 0 };
    for (const diagnostic of vscode.languages.getDiagnostics(editor.document.uri)) {
      const severity = SEVERITIES[diagnostic.severity];
      if (diagnostic.source === 'readout' && severity) counts[severity]++;
    }
    const { text, tooltip, label } = statusText(counts);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label };
    this.item.command = counts.error + counts.warning + counts.information > 0 ? 'workbench.actions.view.problems' : 'readout.openPreviewToSide';
    this.item.show();
  }
}
