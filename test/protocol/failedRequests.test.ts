// A request whose handler fails is answered with an error, not with an empty result that looks
// like an answer, and the server goes on.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc/node';
import { MessageType } from 'vscode-languageserver-protocol';
import { REFERENCE } from './fixtures';
import { LspClient } from './lspClient';

describe('a request that fails', () => {
  let client: LspClient;
  const uri = 'untitled:failing-requests.md';

  before(async () => {
    client = await LspClient.start();
    client.open(uri, REFERENCE, 'markdown');
    await client.nextDiagnostics(uri, 1);
  });
  after(async () => {
    await client.shutdown();
  });

  test('a hover without a position: InternalError naming the request, logged as an error; the next hover is answered', async () => {
    const failure = await client.sendRequest('textDocument/hover', { textDocument: { uri } }).then(
      (result) => assert.fail(`answered with ${JSON.stringify(result)} instead of an error`),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof ResponseError, String(failure));
    assert.equal(failure.code, ErrorCodes.InternalError);
    assert.match(failure.message, /^Hover failed: /);
    assert.ok(client.logMessages.some((log) => log.type === MessageType.Error && log.message.startsWith('Hover failed: ')), JSON.stringify(client.logMessages));
    assert.notEqual(await client.hover(uri, { line: 1, character: 1 }), null);
  });
});
