import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { newReadout } from './newReadout';
import type { PreviewManager } from './preview/previewManager';

/** The readout to act on: the resource the command was run on (a menu), else the active editor's. */
function target(resource: unknown): vscode.Uri | undefined {
  return resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
}

/** Every command of the extension, by id. */
export function registerCommands(client: LanguageClient, previews: PreviewManager): vscode.Disposable {
  const openPreview = (resource: unknown) => {
    const uri = target(resource);
    if (uri) previews.open(uri, false);
  };
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'readout.openPreview': openPreview,
    // Ctrl+Shift+V's. The Command Palette shows a command's key wherever it lists the command, and on
    // a Markdown readout Ctrl+Shift+V opens VS Code's Markdown preview: the palette lists this one,
    // with the key, for plain-text readouts, and readout.openPreview, without, for the others.
    'readout.openPreviewOfPlainText': openPreview,
    'readout.openPreviewToSide': (resource) => {
      const uri = target(resource);
      if (uri) previews.open(uri, true);
    },
    'readout.togglePreviewLock': () => previews.toggleLock(),
    'readout.newReadout': () => newReadout(),
    'readout.showOutput': () => client.outputChannel.show(true),
  };
  return vscode.Disposable.from(...Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run)));
}
