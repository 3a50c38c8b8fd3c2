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
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'readout.openPreview': (resource) => {
      const uri = target(resource);
      if (uri) previews.open(uri, false);
    },
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
