/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, h1Text, openSample, replaceText, revertAndCloseAll, sameUri, waitFor } from './helpers';

const TITLE = 'Readout of President Joe Biden’s Meeting with Prime Minister Trudeau of Canada';
const NEW_TITLE = 'Readout of President Joe Biden’s Call with Prime Minister Trudeau of Canada';

suite('preview', () => {
  teardown(revertAndCloseAll);

  test('Open Preview to the Side shows the title, and the next render after an edit shows the new title', async () => {
    const api = await extensionApi();
    const editor = await openSample('2023/01/reference.txt');
    const uri = editor.document.uri;
    let last: { uri: string; html: string } | undefined;
    const renders: vscode.Disposable = api.previews.onDidRender((render) => { if (sameUri(render.uri, uri)) last = render; });
    try {
      const rendered = (title: string) => waitFor(`a preview render of ${uri.toString()} with <h1> ${JSON.stringify(title)}`, [api.previews.onDidRender],
        () => (last && h1Text(last.html) === title ? last : undefined),
        () => (last ? `<h1> ${JSON.stringify(h1Text(last.html))} in ${JSON.stringify(last.html.slice(0, 300))}` : 'no render of this document'));

      const first = rendered(TITLE);
      await vscode.commands.executeCommand('readout.openPreviewToSide');
      await first;
      const allTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
      const tab = await waitFor('a webview tab of viewType readout.preview', [vscode.window.tabGroups.onDidChangeTabs, vscode.window.tabGroups.onDidChangeTabGroups],
        () => allTabs().find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('readout.preview')),
        () => allTabs().map((t) => `${t.group.viewColumn}:${t.label}:${t.input instanceof vscode.TabInputWebview ? `webview ${t.input.viewType}` : 'not a webview'}`).join(', '));
      assert.equal(tab.label, 'Preview reference.txt');
      assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'the preview opened to the side');
      assert.equal(h1Text(api.previews.html(uri.toString()) ?? ''), TITLE, 'previews.html(uri) holds the last render');

      last = undefined;
      const second = rendered(NEW_TITLE);
      await replaceText(editor.document, 'Meeting with', 'Call with');
      await second;
      assert.equal(h1Text(api.previews.html(uri.toString()) ?? ''), NEW_TITLE);

      // From the change reaching the extension host to the preview's new content, measured (a figure
      // to report, not a timed assertion; the edit's own trip through code-server's browser is left out).
      const latencies: number[] = [];
      let changedAt = 0;
      const changes = vscode.workspace.onDidChangeTextDocument((event) => { if (sameUri(event.document.uri.toString(), uri)) changedAt = performance.now(); });
      try {
        for (let i = 0; i < 20; i++) {
          const [from, to, title] = i % 2 === 0 ? ['Call with', 'Meeting with', TITLE] : ['Meeting with', 'Call with', NEW_TITLE];
          last = undefined;
          const next = rendered(title);
          await replaceText(editor.document, from, to);
          await next;
          latencies.push(Math.round(performance.now() - changedAt));
        }
      } finally {
        changes.dispose();
      }
      latencies.sort((a, b) => a - b);
      console.log(`[readout-suite] preview latency, document change to new content, 20 edits of the reference: median ${latencies[10]} ms, max ${latencies[19]} ms`);
    } finally {
      renders.dispose();
    }
  });
});
