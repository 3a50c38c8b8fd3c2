// The server's code cache (lsp/bin.ts, node/codeCache.ts), over real JSON-RPC: a session that
// starts without one writes it as it ends, in the folder the client names or else in the user's
// cache folder; the next start takes it and leaves it as it is; a cache of another bundle, or one
// V8 refuses, is passed over and written again. The server answers either way.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { LspClient, REPO_ROOT, testCacheFolder } from './lspClient';
import { TempWorkspace } from './workspaces';

const BUNDLE = path.join(REPO_ROOT, 'server', 'out', 'serverMain.js');
const cacheFolder = new TempWorkspace('readout-code-cache-');
const cacheFile = path.join(cacheFolder.folder, `server-${process.versions.v8}.cache`);
after(() => cacheFolder.remove());

/** Starts a server with the code cache in `cacheFolder`, has it answer a request, and shuts it down. */
async function session(): Promise<void> {
  const client = await LspClient.start({ serverArguments: [`--code-cache=${cacheFolder.folder}`] });
  assert.deepEqual(await client.workspaceSymbols('Readout'), []);
  assert.equal(await client.shutdown(), 0);
}

const bundleHash = () => createHash('sha1').update(readFileSync(BUNDLE, 'utf8')).digest();

test('a first session writes the code cache as it ends, and the next takes it and leaves it as it is', async () => {
  await session();
  const written = readFileSync(cacheFile);
  assert.ok(written.subarray(0, 20).equals(bundleHash()), 'the cache names another bundle');
  assert.ok(written.length > 100_000, `a cache of ${written.length} bytes`);
  const { mtimeMs } = statSync(cacheFile);
  await session();
  assert.equal(statSync(cacheFile).mtimeMs, mtimeMs, 'the cache was written again: V8 did not take it');
});

test('a cache V8 refuses, or one of another bundle, is passed over and written again', async () => {
  for (const stale of [Buffer.concat([bundleHash(), Buffer.from('not compiled code')]), Buffer.concat([Buffer.alloc(20), readFileSync(cacheFile).subarray(20)])]) {
    writeFileSync(cacheFile, stale);
    await session();
    const written = readFileSync(cacheFile);
    assert.ok(written.subarray(0, 20).equals(bundleHash()) && written.length > 100_000, 'the cache was not written again');
  }
  assert.deepEqual(readdirSync(cacheFolder.folder), [path.basename(cacheFile)], 'a temporary file was left behind');
});

test('a client that names no folder has the cache kept in the user cache folder', async () => {
  const client = await LspClient.start();
  await client.shutdown();
  assert.ok(existsSync(path.join(testCacheFolder(), 'readout', 'code-cache', `server-${process.versions.v8}.cache`)));
});
