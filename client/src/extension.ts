// The VS Code side: starts the bundled language server, and adds what an editor shows beyond LSP:
// the live preview, the status bar item, the commands, the header in VS Code's Markdown preview.
import type * as vscode from 'vscode';
import { createPreviewRenderer } from '../../server/src/core/preview';
import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';
import { readoutFrontMatterPlugin } from './markdownPreview';
import { PreviewManager, type PreviewEvents } from './preview/previewManager';
import { createStatusBar } from './statusBar';

/** What activation returns: VS Code's Markdown preview takes `extendMarkdownIt`; tests watch the previews. */
export interface ReadoutExtension {
  extendMarkdownIt: ReturnType<typeof readoutFrontMatterPlugin>;
  previews: PreviewEvents;
}

export async function activate(context: vscode.ExtensionContext): Promise<ReadoutExtension> {
  const started = Date.now();
  const client = createLanguageClient(context);
  const previews = new PreviewManager(client, context.extensionUri, (message) => client.outputChannel.appendLine(message));
  // Disposing the client on deactivation stops the server.
  context.subscriptions.push(client, previews, registerCommands(client, previews));
  await client.start();
  context.subscriptions.push(createStatusBar(client));
  client.outputChannel.appendLine(`Readout activated in ${Date.now() - started} ms (language server started).`);
  return { extendMarkdownIt: readoutFrontMatterPlugin(createPreviewRenderer()), previews };
}
