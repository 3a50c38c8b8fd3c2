import * as vscode from 'vscode';
import { easternClock } from '../../server/src/core/easternTime';
import { newReadoutTemplate } from '../../server/src/core/newReadoutTemplate';

/** A new untitled readout: today's date and the time now in US Eastern time (the White House's), the rest to fill in. */
export async function newReadout(): Promise<void> {
  const snippet = new vscode.SnippetString(newReadoutTemplate(easternClock(new Date())).snippet);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(snippet);
}
