import * as vscode from 'vscode';
import { easternClock } from '../../server/src/core/easternTime';

/**
 * A new untitled readout: today's date and the time now in US Eastern time (the White House's),
 * the other fields as snippet placeholders, keys in the archive's alphabetical order.
 */
export async function newReadout(): Promise<void> {
  const { day, time, offset } = easternClock(new Date());
  const snippet = new vscode.SnippetString([
    '---',
    `date: '${day}'`,
    `published_time: ${day} \${1:${time}}${offset}`,
    'source_url: ${2:https://bidenwhitehouse.archives.gov/briefing-room/}',
    'tags: ${3|statements-releases,speeches-remarks,press-briefings,presidential-actions|}',
    'title: ${4:Title}',
    '---',
    ' ',
    '$0',
    '',
    '\\\\###',
    '',
  ].join('\n'));
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(snippet);
}
