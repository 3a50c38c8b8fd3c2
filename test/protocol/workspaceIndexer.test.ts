// The indexer's restore (server/src/lsp/workspaceIndexer.ts) on its own, without a server: a warm
// start restores its snapshot chunk by chunk while the server answers the client between chunks,
// and a folder the client removes from the workspace meanwhile must not come back with the chunks
// that follow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { URI } from 'vscode-uri';
import { createWorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { createIndexer } from '../../server/src/lsp/workspaceIndexer';
import type { SnapshotRecord } from '../../server/src/node/indexSnapshot';
import { DEFAULT_SETTINGS } from '../../server/src/node/settings';

/** A readout's record as a snapshot gives it. */
function record(file: string, n: number): SnapshotRecord {
  const uri = URI.file(file).toString();
  const at = { start: { line: 1, character: 7 }, end: { line: 1, character: 20 } };
  return { uri, identity: `1:${n}`, stamp: `${n}:100:1000:1000`, entry: { uri, title: { value: `Readout ${n}`, range: at }, tags: [], sourceUrl: undefined, date: undefined, publishedTime: undefined } };
}

test('a folder removed while the index is restored: what the chunks after its removal hold of it is not restored', () => {
  const index = createWorkspaceIndex();
  const indexer = createIndexer({
    index,
    isOpen: () => false,
    service: () => {
      throw new Error('a restore reads no file');
    },
    settings: () => DEFAULT_SETTINGS,
    place: () => ({ inReadoutFiles: false, excluded: false, listed: true }),
    onUrlsChanged: () => {},
    log: () => {},
  });
  const removed = '/archive/removed';
  const kept = '/archive/kept';
  assert.equal(indexer.restore([record(`${removed}/a.md`, 1), record(`${kept}/a.md`, 2)]), 2);
  indexer.dropFolder(removed);
  indexer.restore([record(`${removed}/b.md`, 3), record(`${kept}/b.md`, 4)]);
  assert.deepEqual([...index.entries()].map((entry) => URI.parse(entry.uri).path).sort(), [`${kept}/a.md`, `${kept}/b.md`]);
});
