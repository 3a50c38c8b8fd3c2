// The VS Code side: starts the bundled language server, and adds what an editor shows beyond LSP:
// the live preview, the status bar item, the commands, the header in VS Code's Markdown preview.
import * as vscode from 'vscode';
import { createPreviewRenderer } from '../../server/src/clientApi';
import { WorkspaceTrustedNotification } from '../../server/src/protocol';
import { ActiveReadout, type ActiveReadoutEvents } from './activeReadout';
import { registerCommands } from './commands';
import { createLanguageClient, indexStorageFolder } from './languageClient';
import { readoutFrontMatterPlugin } from './markdownPreview';
import { PreviewManager, type PreviewEvents } from './preview/previewManager';
import { StatusBar } from './statusBar';

/**
 * What activation returns: VS Code's Markdown preview takes `extendMarkdownIt`; tests watch the
 * previews and the active readout, and read the status bar item.
 */
export interface ReadoutExtension {
  extendMarkdownIt: ReturnType<typeof readoutFrontMatterPlugin>;
  previews: PreviewEvents;
  activeReadout: ActiveReadoutEvents;
  status: Readonly<Pick<vscode.StatusBarItem, 'text' | 'tooltip' | 'command' | 'accessibilityInformation'>>;
  /** Where the server keeps the workspace's index between sessions (VS Code's workspace storage); none without a workspace. */
  indexStorage: string | undefined;
}

export function activate(context: vscode.ExtensionContext): ReadoutExtension {
  const started = Date.now();
  const client = createLanguageClient(context);
  const activeReadout = new ActiveReadout(client);
  const previews = new PreviewManager(client, context.extensionUri, activeReadout, (message) => client.outputChannel.appendLine(message));
  const statusBar = new StatusBar(activeReadout);
  // Disposing the client on deactivation stops the server.
  context.subscriptions.push(client, activeReadout, previews, registerCommands(client, previews), statusBar);
  // Restricted mode loads no schema the workspace names (protocol.ts); trusting it lifts that at once.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification(WorkspaceTrustedNotification)));
  // Activation does not wait for the server: requests made meanwhile wait for it to be ready.
  void client.start().then(
    () => client.outputChannel.appendLine(`Readout activated in ${activated} ms; the language server was ready ${Date.now() - started} ms after activation began.`),
    (error: Error) => client.outputChannel.appendLine(`The language server could not start: ${error.message}`),
  );
  const activated = Date.now() - started;
  return { extendMarkdownIt: readoutFrontMatterPlugin(createPreviewRenderer()), previews, activeReadout, status: statusBar.item, indexStorage: indexStorageFolder(context) };
}
