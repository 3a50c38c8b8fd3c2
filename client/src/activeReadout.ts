import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DocumentInfoRequest } from '../../server/src/protocol';

/** What the status bar, the previews and tests watch: whether the active editor shows a readout. */
export interface ActiveReadoutEvents {
  /** Fired after each check of the active editor: the editor if it shows a readout, else undefined. */
  readonly onDidCheck: vscode.Event<vscode.TextEditor | undefined>;
  /** The active editor, if it shows a readout (as of the last check). */
  readonly editor: vscode.TextEditor | undefined;
}

/**
 * Asks the server whether the active editor shows a readout when the editor changes and whenever
 * the server has published diagnostics for its document: those come after the server has the new
 * text, so a document that an edit makes a readout (New Readout's snippet) counts as soon as it is
 * one. Sets the `readout.isReadout` context key that menus and keybindings depend on.
 */
export class ActiveReadout implements ActiveReadoutEvents, vscode.Disposable {
  #editor: vscode.TextEditor | undefined;
  #generation = 0;
  readonly #onDidCheck = new vscode.EventEmitter<vscode.TextEditor | undefined>();
  readonly onDidCheck = this.#onDidCheck.event;
  readonly #disposables: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    this.#disposables = [
      this.#onDidCheck,
      vscode.window.onDidChangeActiveTextEditor(() => void this.#check()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) void this.#check();
      }),
    ];
    void this.#check();
  }

  get editor(): vscode.TextEditor | undefined {
    return this.#editor;
  }

  dispose(): void {
    this.#disposables.forEach((disposable) => disposable.dispose());
  }

  async #check(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const current = ++this.#generation;
    const info = editor ? await this.client.sendRequest(DocumentInfoRequest, { uri: editor.document.uri.toString() }).catch(() => undefined) : undefined;
    // A later check has started meanwhile: it has the newer answer.
    if (current !== this.#generation) return;
    this.#editor = info?.isReadout ? editor : undefined;
    void vscode.commands.executeCommand('setContext', 'readout.isReadout', this.#editor !== undefined);
    this.#onDidCheck.fire(this.#editor);
  }
}
