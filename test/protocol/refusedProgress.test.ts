// A client may answer `window/workDoneProgress/create` with an error: the server then indexes
// without progress, and goes on serving.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient } from './lspClient';
import { readoutText, TempWorkspace, type ReadoutFields } from './workspaces';

describe('a client that refuses work-done progress', () => {
  let first: TempWorkspace;
  let second: TempWorkspace;
  let client: LspClient;
  const IN_FIRST: ReadoutFields = { title: 'Readout of the Meeting Indexed Without Progress', date: '2023-07-01' };
  const IN_SECOND: ReadoutFields = { title: 'Readout of the Meeting in a Folder Added Later', date: '2023-07-02' };

  const found = async (title: string) => (await client.workspaceSymbols(title)).filter((symbol) => symbol.name.endsWith(title)).map((symbol) => symbol.location.uri);

  before(async () => {
    first = new TempWorkspace();
    second = new TempWorkspace();
    first.write('first.md', readoutText(IN_FIRST));
    second.write('second.md', readoutText(IN_SECOND));
    client = await LspClient.start({ workspaceFolders: [first.folder], refusesProgress: true });
  });
  after(async () => {
    await client.shutdown();
    first.remove();
    second.remove();
  });

  test('the workspace is indexed at initialized all the same, and the refusal is logged', async () => {
    await client.indexed();
    assert.deepEqual(await found(IN_FIRST.title), [first.uri('first.md')]);
    assert.ok(client.logMessages.some((log) => /progress/i.test(log.message) && /This client shows no progress/.test(log.message)), JSON.stringify(client.logMessages));
  });

  test('a folder added afterwards is scanned, and the server keeps running', async () => {
    await client.changeWorkspaceFolders({ added: [second.folder] });
    await client.indexed();
    assert.deepEqual(await found(IN_SECOND.title), [second.uri('second.md')]);
    await client.processed();
    assert.doesNotMatch(client.stderrOutput, /Unhandled|Error/, client.stderrOutput);
  });
});
