// The two transports an editor may use: stdio (Neovim, Helix) and Node IPC (VS Code).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { DiagnosticSeverity, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver-protocol';
import { serverNodeOptions } from '../../server/src/protocol';
import { MISSPELT_TAG } from './fixtures';
import { LspClient } from './lspClient';
import { rangeOf } from './textEdits';
import { version as PACKAGE_VERSION } from '../../package.json';

const EXPECTED_INITIALIZE_RESULT: InitializeResult = {
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.readout'], resolveProvider: false },
    // A space after `key:`, the dash of a list item and a title's opening quote start a value.
    completionProvider: { triggerCharacters: [' ', '-', '"', "'"], resolveProvider: false },
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    // Folders added and removed are announced by the client without a registration.
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  },
  serverInfo: { name: 'readout-language-server', version: PACKAGE_VERSION },
};

/** Initialize, one diagnostics round trip, then shutdown and exit: the whole life of a session. */
async function session(transport: 'stdio' | 'node-ipc'): Promise<void> {
  const client = await LspClient.start({ transport });
  let exitCode: number | null | undefined;
  try {
    assert.deepEqual(client.initializeResult, EXPECTED_INITIALIZE_RESULT);
    const document = `file:///readouts/${transport}.md`;
    client.open(document, MISSPELT_TAG, 'markdown');
    const { diagnostics } = await client.nextDiagnostics(document, 1);
    assert.deepEqual(diagnostics.map(({ code, severity, range }) => ({ code, severity, range })), [
      { code: 'unknown-value', severity: DiagnosticSeverity.Error, range: rangeOf(MISSPELT_TAG, 'statement-releases') },
    ]);
  } finally {
    exitCode = await client.shutdown();
  }
  // After `shutdown`, `exit` must end the process with code 0.
  assert.equal(exitCode, 0);
}

describe('transport', () => {
  test('--stdio: initialize, diagnostics, shutdown and exit with code 0', () => session('stdio'));
  test('--node-ipc: initialize, diagnostics, shutdown and exit with code 0', () => session('node-ipc'));
});

describe("the server's Node options", () => {
  test("V8's background threads: one fewer than the cores, at least one, at most Node's four; the collector exposed", () => {
    assert.deepEqual([1, 2, 3, 4, 8, 64].map((cores) => serverNodeOptions(cores)[0]), [
      '--v8-pool-size=1', '--v8-pool-size=1', '--v8-pool-size=2', '--v8-pool-size=3', '--v8-pool-size=4', '--v8-pool-size=4',
    ]);
    assert.deepEqual(serverNodeOptions(2).slice(1), ['--expose-gc']);
  });

  test('a server started as the VS Code client starts it runs with them, and answers', async () => {
    const client = await LspClient.start({ transport: 'node-ipc' });
    try {
      const commandLine = readFileSync(`/proc/${client.pid}/cmdline`, 'utf8').split('\0');
      for (const option of serverNodeOptions(cpus().length)) assert.ok(commandLine.includes(option), commandLine.join(' '));
      client.open('file:///readouts/options.md', MISSPELT_TAG, 'markdown');
      assert.equal((await client.nextDiagnostics('file:///readouts/options.md', 1)).diagnostics.length, 1);
    } finally {
      await client.shutdown();
    }
  });
});
