/// <reference types="mocha" />
// The index saved between sessions, in a real VS Code: the extension gives the server its workspace
// storage (context.storageUri), and the server saves the workspace's index there once its scan has
// run and the client has been quiet a moment (the next start restores it and reads only what
// changed: test/protocol/warmStart.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionApi, WAIT_MS } from './helpers';

/** How a snapshot begins (server/src/node/indexSnapshot.ts). */
const MAGIC = 'readout index snapshot\n';

/** Resolves once `file` exists, told by a watch on its folder (made if need be), within `timeout`. */
function fileAppears(file: string, timeout = WAIT_MS): Promise<void> {
  const folder = path.dirname(file);
  fs.mkdirSync(folder, { recursive: true });
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      watcher.close();
      if (error) reject(error);
      else resolve();
    };
    // Watched before it is looked for: a file made in between is seen either way.
    const watcher = fs.watch(folder, () => {
      if (fs.existsSync(file)) finish();
    });
    const timer = setTimeout(() => finish(new Error(`${file} did not appear within ${timeout} ms; the folder holds ${JSON.stringify(fs.readdirSync(folder))}`)), timeout);
    if (fs.existsSync(file)) finish();
  });
}

suite('the index saved between sessions', () => {
  test('is saved in the workspace storage VS Code gives the extension', async () => {
    const { indexStorage } = await extensionApi();
    assert.ok(indexStorage, 'the extension has no workspace storage to give the server (context.storageUri)');
    const snapshot = path.join(indexStorage, 'index.snapshot');
    await fileAppears(snapshot);
    assert.equal(fs.readFileSync(snapshot).subarray(0, MAGIC.length).toString('latin1'), MAGIC);
  });
});
