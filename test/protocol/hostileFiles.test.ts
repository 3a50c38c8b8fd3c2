// Files in the workspace that are not what they seem, met by the scan and by file events: a FIFO
// (opening one blocks until something writes to it, which would stop the whole server), a file far
// over the size limit, and a link to a parent folder (each readout indexed once, never its own duplicate).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, linkSync, openSync, symlinkSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { MessageType, type WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import { readoutText, TempWorkspace } from './workspaces';

const A = readoutText({ title: 'Readout of the First Meeting', date: '2023-02-01' });
const B = readoutText({ title: 'Readout of the Second Meeting', date: '2023-02-02' });
const C = readoutText({ title: 'Readout of the Third Meeting', date: '2023-02-03' });

const symbolUris = async (client: LspClient) => (await client.workspaceSymbols('')).map((symbol) => (symbol as WorkspaceSymbol).location.uri).sort();

describe('files that block or vanish, in the workspace', () => {
  let workspace: TempWorkspace;
  let client: LspClient;

  before(async () => {
    workspace = new TempWorkspace();
    workspace.write('a.md', A);
    workspace.write('sub/b.md', B);
    execFileSync('mkfifo', [workspace.path('pipe.md')]);
    symlinkSync(workspace.path('pipe.md'), workspace.path('link-to-pipe.md'));
    // A link to the folder itself: every file is also again/... to the lister.
    symlinkSync('.', workspace.path('again'));
    workspace.write('sub/deeper/.keep', '');
    linkSync(workspace.path('sub/b.md'), workspace.path('sub/deeper/hard-link-to-b.md'));
    const huge = openSync(workspace.write('huge.md', ''), 'r+');
    ftruncateSync(huge, 2 * 1024 ** 3 + 1);
    closeSync(huge);
    client = await LspClient.start({ workspaceFolders: [workspace.folder] });
    await client.indexed();
  });
  after(async () => {
    await client.shutdown();
    workspace.remove();
  });

  test('the scan indexes each readout once, by its shortest path, and logs the files it refused', async () => {
    assert.deepEqual(await symbolUris(client), [workspace.uri('a.md'), workspace.uri('sub/b.md')]);
    const logs = client.logMessages.map((log) => log.message);
    assert.ok(logs.includes(`Could not read ${workspace.path('huge.md')}: it is 2,048 MiB, over the limit of 16 MiB for a file to read`), JSON.stringify(logs));
    assert.ok(logs.includes(`Could not read ${workspace.path('link-to-pipe.md')}: it is a named pipe (FIFO), not a regular file, so it is not read`), JSON.stringify(logs));
    assert.deepEqual(client.logMessages.filter((log) => log.type === MessageType.Error), []);
  });

  test('a readout open in the editor is no duplicate of itself', async () => {
    const uri = workspace.uri('a.md');
    client.open(uri, A, 'markdown');
    assert.deepEqual((await client.nextDiagnostics(uri, 1)).diagnostics, []);
    client.close(uri);
  });

  test('a file event for a FIFO: logged as refused, and the server keeps answering', async () => {
    await client.filesChanged([{ file: workspace.path('pipe.md'), type: 'created' }]);
    assert.ok(client.logMessages.some((log) => log.message === `Could not read ${workspace.path('pipe.md')}: it is a named pipe (FIFO), not a regular file, so it is not read`));
    assert.deepEqual(await symbolUris(client), [workspace.uri('a.md'), workspace.uri('sub/b.md')]);
  });

  test('file events for the paths through the link and for the hard link: still each readout once', async () => {
    await client.filesChanged([
      { file: workspace.path('again/a.md'), type: 'changed' },
      { file: workspace.path('again/sub/b.md'), type: 'created' },
      { file: workspace.path('sub/deeper/hard-link-to-b.md'), type: 'changed' },
    ]);
    assert.deepEqual(await symbolUris(client), [workspace.uri('a.md'), workspace.uri('sub/b.md')]);
  });

  test('a new readout reported through the link and by its own path: indexed once, by its own', async () => {
    workspace.write('c.md', C);
    await client.filesChanged([{ file: workspace.path('again/c.md'), type: 'created' }, { file: workspace.path('c.md'), type: 'created' }]);
    assert.deepEqual(await symbolUris(client), [workspace.uri('a.md'), workspace.uri('c.md'), workspace.uri('sub/b.md')]);
  });

  test('a file event for the 2 GB file: logged as refused by its size', async () => {
    await client.filesChanged([{ file: workspace.path('huge.md'), type: 'changed' }]);
    assert.equal(client.logMessages.filter((log) => log.message === `Could not read ${workspace.path('huge.md')}: it is 2,048 MiB, over the limit of 16 MiB for a file to read`).length, 2);
  });
});
