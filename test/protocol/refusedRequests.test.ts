// A client may answer the server's requests with an error (`window/workDoneProgress/create`,
// `workspace/configuration`, `client/registerCapability`): the server goes on without what it
// asked for, and keeps serving.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MISSPELT_TAG } from './fixtures';
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
    client = await LspClient.start({ workspaceFolders: [first.folder], refuses: ['progress'] });
  });
  after(async () => {
    await client?.shutdown();
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

describe('a client that refuses workspace/configuration and every registration', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  const FIELDS: ReadoutFields = { title: 'Readout of the Meeting Indexed Without Settings', date: '2023-07-03' };

  before(async () => {
    workspace = new TempWorkspace();
    workspace.write('readout.md', readoutText(FIELDS));
    // Starting resolves once the server has checked the open documents with the settings it could get.
    client = await LspClient.start({ workspaceFolders: [workspace.folder], refuses: ['configuration', 'registration'] });
  });
  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  test('the defaults apply, the workspace is indexed, and each refusal is logged', async () => {
    await client.indexed();
    assert.deepEqual((await client.workspaceSymbols(FIELDS.title)).map((symbol) => symbol.location.uri), [workspace.uri('readout.md')]);
    const uri = workspace.uri('misspelt.md');
    client.open(uri, MISSPELT_TAG, 'markdown');
    assert.ok((await client.nextDiagnostics(uri, 1)).diagnostics.some((diagnostic) => diagnostic.code === 'unknown-value'));
    const logged = client.logMessages.map((log) => log.message).join('\n');
    assert.match(logged, /This client keeps its settings to itself/);
    assert.match(logged, /This client registers nothing/);
    assert.doesNotMatch(logged, /Unhandled rejection/);
  });

  test('a settings change is applied with the settings the server has, and the server keeps running', async () => {
    await client.changeSettings({ rules: { 'unknown-value': 'off' } });
    await client.processed();
    assert.doesNotMatch(client.logMessages.map((log) => log.message).join('\n'), /Unhandled rejection|failed:/);
  });
});
