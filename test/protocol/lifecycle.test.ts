// The life of a session as LSP lays it down: requests before `initialize` are refused with
// ServerNotInitialized, requests after `shutdown` with InvalidRequest, and a change that is not newer
// than the document it changes is ignored.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ErrorCodes, ExitNotification, HoverRequest, InitializedNotification, InitializeRequest, MessageType, ShutdownRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol';
import { MISSPELT_TAG, REFERENCE } from './fixtures';
import { DEFAULT_TIMEOUT_MS, LspClient, SERVER_PATH, within } from './lspClient';

/** The error a request was answered with; fails when it was answered with a result. */
async function refusal(answer: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    const result = await within(answer, DEFAULT_TIMEOUT_MS, () => 'the answer');
    assert.fail(`answered with ${JSON.stringify(result)} instead of an error`);
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return error;
  }
}

describe('requests outside the session', () => {
  let child: ChildProcess;
  let connection: MessageConnection;
  let exited: Promise<number | null>;

  // A bare connection: LspClient would initialize at once.
  before(() => {
    child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
  });
  after(() => {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  });

  const hover = () => connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///readouts/a.md' }, position: { line: 0, character: 0 } });

  test('before initialize: ServerNotInitialized (-32002), for our requests and any other', async () => {
    assert.equal((await refusal(hover())).code, ErrorCodes.ServerNotInitialized);
    assert.equal((await refusal(connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' }))).code, -32002);
    assert.equal((await refusal(connection.sendRequest('textDocument/definition', {}))).code, -32002);
  });

  test('once initialized: answered', async () => {
    await within(connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: [], capabilities: {} }), DEFAULT_TIMEOUT_MS, () => 'initialize');
    await connection.sendNotification(InitializedNotification.type, {});
    assert.equal(await within(hover(), DEFAULT_TIMEOUT_MS, () => 'hover'), null);
    // A method the server does not have is still MethodNotFound.
    assert.equal((await refusal(connection.sendRequest('textDocument/definition', {}))).code, ErrorCodes.MethodNotFound);
  });

  test('after shutdown: InvalidRequest (-32600), a second shutdown included; exit then ends the process with 0', async () => {
    await within(connection.sendRequest(ShutdownRequest.type), DEFAULT_TIMEOUT_MS, () => 'shutdown');
    assert.equal((await refusal(hover())).code, ErrorCodes.InvalidRequest);
    assert.equal((await refusal(connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' }))).code, -32600);
    assert.equal((await refusal(connection.sendRequest(ShutdownRequest.type))).code, ErrorCodes.InvalidRequest);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await within(exited, DEFAULT_TIMEOUT_MS, () => 'the exit'), 0);
  });
});

describe('a change that is not newer than its document', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start(); });
  after(async () => { await client.shutdown(); });

  test('is ignored and logged: no publish for it, and the document stays as the newer version left it', async () => {
    const uri = 'file:///readouts/versions.md';
    client.open(uri, MISSPELT_TAG, 'markdown');
    await client.nextDiagnostics(uri, 1);
    const fixed = client.change(uri, REFERENCE);
    assert.deepEqual((await client.nextDiagnostics(uri, fixed)).diagnostics, []);
    // An older version and the same version again, each bringing the misspelt tag back.
    client.changeAtVersion(uri, 1, MISSPELT_TAG);
    client.changeAtVersion(uri, fixed, MISSPELT_TAG);
    await client.processed();
    assert.deepEqual(client.takeDiagnostics(uri), []);
    const warnings = client.logMessages.filter((log) => log.type === MessageType.Warning && log.message.startsWith(`Ignored a change of ${uri}`));
    assert.deepEqual(warnings.map((log) => log.message), [
      `Ignored a change of ${uri} to version 1: it has version ${fixed} already, and a change must be newer.`,
      `Ignored a change of ${uri} to version ${fixed}: it has version ${fixed} already, and a change must be newer.`,
    ]);
    // The text is still the newer version's: fix-all has nothing to do, and a newer change applies.
    assert.deepEqual(await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source.fixAll'] }), []);
    const next = client.change(uri, MISSPELT_TAG);
    assert.deepEqual((await client.nextDiagnostics(uri, next)).diagnostics.map((d) => d.code), ['unknown-value']);
  });
});
