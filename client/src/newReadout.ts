import * as vscode from 'vscode';
import { newReadoutSnippet } from '../../server/src/clientApi';

/** A new untitled readout: today's date and the time now in US Eastern time (the White House's), the rest to fill in. */
export async function newReadout(): Promise<void> {
  const snippet = new vscode.SnippetString(newReadoutSnippet(new Date()));
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(snippet);
}
