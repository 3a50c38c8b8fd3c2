// Shared by the suite's tests: the sample workspace, the extension's test API, and waits on events
// (never fixed sleeps), each bounded by a time-out that fails with what was awaited and what was seen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'readout-tools.readout';
/** Generous: the first wait also covers the language server's start and the workspace index. */
export const WAIT_MS = Number(process.env.READOUT_VSCODE_WAIT_MS ?? 60_000);

export interface PreviewApi {
  readonly onDidRender: vscode.Event<{ uri: string; html: string }>;
  html(uri: string): string | undefined;
  shown(): readonly { readonly uri: string; readonly locked: boolean }[];
}

export interface ActiveReadoutApi {
  readonly onDidCheck: vscode.Event<vscode.TextEditor | undefined>;
  readonly editor: vscode.TextEditor | undefined;
}

export interface StatusApi {
  readonly text: string;
  readonly tooltip: string | vscode.MarkdownString | undefined;
  readonly command: string | vscode.Command | undefined;
  readonly accessibilityInformation: vscode.AccessibilityInformation | undefined;
}

export interface ReadoutTestApi {
  readonly previews: PreviewApi;
  readonly activeReadout: ActiveReadoutApi;
  readonly status: StatusApi;
  /** Where the server keeps the workspace's index between sessions. */
  readonly indexStorage: string | undefined;
}

export async function extensionApi(): Promise<ReadoutTestApi> {
  const extension = vscode.extensions.getExtension<ReadoutTestApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded: is extensionDevelopmentPath the repository root?`);
  const api = await extension.activate();
  for (const key of ['previews', 'activeReadout', 'status'] as const) {
    assert.ok(api?.[key], `extension ${EXTENSION_ID}: activate() returned no ${key} (the test API is { previews, activeReadout, status })`);
  }
  return api;
}

/**
 * Waits until the extension has found the active editor to show `uri` as a readout: the language
 * server is running, has the document and has answered for it.
 */
export async function waitForActiveReadout(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const { activeReadout } = await extensionApi();
  return waitFor(`the extension to find ${vscode.workspace.asRelativePath(uri)} the active readout`, [activeReadout.onDidCheck],
    () => (activeReadout.editor?.document.uri.toString() === uri.toString() ? activeReadout.editor : undefined),
    () => `the active readout is ${activeReadout.editor?.document.uri.toString()}`);
}

/** A file of the sample workspace (the runners open a temporary copy of samples/). */
export function sampleUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the runner must open a copy of samples/');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** The text of each sample as first opened, to put back after a test (the web workbench may auto-save edits). */
const originals = new Map<string, string>();

export async function openSample(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(sampleUri(relativePath));
  if (!originals.has(document.uri.toString()) && !document.isDirty) originals.set(document.uri.toString(), document.getText());
  return vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
}

/**
 * Puts every sample a test changed back as it was first opened, saved (the workspace is a temporary
 * copy), discards untitled documents (closing a dirty one would ask whether to save it), then closes
 * every editor.
 */
export async function revertAndCloseAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  for (const document of vscode.workspace.textDocuments) {
    const original = originals.get(document.uri.toString());
    if (original === undefined || (document.getText() === original && !document.isDirty)) continue;
    if (document.getText() !== original) {
      const restored = waitForText(document, 'the original text', (text) => text === original);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original);
      assert.ok(await vscode.workspace.applyEdit(edit), `could not restore ${vscode.workspace.asRelativePath(document.uri)}`);
      await restored;
    }
    assert.ok(await document.save(), `could not save ${vscode.workspace.asRelativePath(document.uri)}`);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Resolves with `check()`'s value as soon as it is not undefined: checked now and again on each of
 * `events`; rejects after `timeout` ms with `what` and `describe()` (what was seen last).
 */
export function waitFor<T>(what: string, events: vscode.Event<unknown>[], check: () => T | undefined, describe: () => string, timeout = WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
      action();
    };
    const attempt = () => {
      try {
        const value = check();
        if (value !== undefined) finish(() => resolve(value));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${describe()}`))), timeout);
    for (const event of events) subscriptions.push(event(attempt));
    attempt();
  });
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return 'no diagnostics';
  return diagnostics.map((d) => `${d.source}/${codeOf(d)} ${rangeText(d.range)} ${JSON.stringify(d.message)}`).join('; ');
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

export function rangeText(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function readoutDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'readout');
}

/** Waits until the readout diagnostics of `uri` satisfy `accept`, and returns them. */
export function waitForDiagnostics(uri: vscode.Uri, what: string, accept: (diagnostics: vscode.Diagnostic[]) => boolean, timeout = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} on ${vscode.workspace.asRelativePath(uri)}`,
    [vscode.languages.onDidChangeDiagnostics],
    () => {
      const diagnostics = readoutDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    () => describeDiagnostics(readoutDiagnostics(uri)),
    timeout,
  );
}

/** Waits until the document's text satisfies `accept`. */
export function waitForText(document: vscode.TextDocument, what: string, accept: (text: string) => boolean): Promise<string> {
  return waitFor(
    `${what} in ${vscode.workspace.asRelativePath(document.uri)}`,
    [vscode.workspace.onDidChangeTextDocument],
    () => (accept(document.getText()) ? document.getText() : undefined),
    () => JSON.stringify(document.getText().slice(0, 400)),
  );
}

/** Replaces the first occurrence of `search` in the document with `replacement`, and waits for the change. */
export async function replaceText(document: vscode.TextDocument, search: string, replacement: string): Promise<vscode.Range> {
  const text = document.getText();
  const offset = text.indexOf(search);
  assert.ok(offset >= 0, `${JSON.stringify(search)} is not in ${vscode.workspace.asRelativePath(document.uri)}`);
  const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset + search.length));
  const expected = text.slice(0, offset) + replacement + text.slice(offset + search.length);
  const changed = waitForText(document, `the edit ${JSON.stringify(search)} -> ${JSON.stringify(replacement)}`, (now) => now === expected);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), 'workspace.applyEdit refused the edit');
  await changed;
  return new vscode.Range(range.start, document.positionAt(offset + replacement.length));
}

/** The text of the first `<h1>` of an HTML fragment, entities decoded and no-break spaces as spaces. */
export function h1Text(html: string): string | undefined {
  const match = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  if (!match) return undefined;
  return decodeEntities(match[1].replace(/<[^>]*>/g, '')).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', rsquo: '\u2019', lsquo: '\u2018', ldquo: '\u201c', rdquo: '\u201d' };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return named[name.toLowerCase()] ?? whole;
  });
}

export function sameUri(a: string, b: vscode.Uri): boolean {
  try {
    return vscode.Uri.parse(a).toString() === b.toString();
  } catch {
    return false;
  }
}
