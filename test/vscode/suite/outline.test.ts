/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openSample, revertAndCloseAll, waitForActiveReadout } from './helpers';

type OutlineSymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

function flatten(symbols: readonly OutlineSymbol[]): OutlineSymbol[] {
  return symbols.flatMap((symbol) => [symbol, ...('children' in symbol ? flatten(symbol.children) : [])]);
}

// VS Code's Markdown outline names a heading with its `#`s; ours without.
const headingText = (name: string) => name.replace(/^#+\s+/, '');

suite('outline', () => {
  teardown(revertAndCloseAll);

  test('a Markdown readout lists its front matter once and each heading once, next to VS Code\'s Markdown outline', async () => {
    const editor = await openSample('2021/01/00005_c5b3b3e04d9ee7ab.md');
    // The server has the document once it has answered for it; the Markdown extension's
    // providers are registered once it is active.
    await waitForActiveReadout(editor.document.uri);
    await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
    const symbols = await vscode.commands.executeCommand<OutlineSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const all = flatten(symbols ?? []);
    const names = all.map((symbol) => headingText(symbol.name));
    const described = JSON.stringify(all.map((symbol) => symbol.name));
    const frontMatter = all.filter((symbol) => symbol.name === 'front matter');
    assert.equal(frontMatter.length, 1, `one front matter symbol: ${described}`);
    assert.ok('children' in frontMatter[0] && frontMatter[0].children.some((child) => child.name === 'title'), `the front matter lists its fields: ${described}`);
    assert.equal(names.filter((name) => name === 'Tackling the Climate Crisis').length, 1, `one symbol per heading: ${described}`);
    assert.equal(names.filter((name) => name === 'Investing in America').length, 2, `the two headings of that name, once each: ${described}`);
  });
});
