// The indexer's restore (server/src/lsp/workspaceIndexer.ts) on its own, without a server: a warm
// start restores its snapshot chunk by chunk while the server answers the client between chunks,
// and a folder the client removes from the workspace meanwhile must not come back with the chunks
// that follow; a file event between the restore and the scan that settles it stands.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { URI } from 'vscode-uri';
import { compileBuiltinSchema } from '../../server/src/core/builtinSchema';
import { createReadoutService } from '../../server/src/core/languageService';
import { uriKey } from '../../server/src/core/uriKey';
import { createWorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { createIndexer } from '../../server/src/lsp/workspaceIndexer';
import type { RestoredFiles, SnapshotRecord } from '../../server/src/node/indexSnapshot';
import { DEFAULT_SETTINGS } from '../../server/src/node/settings';
import { readoutText, TempWorkspace } from './workspaces';

/** Records as a snapshot's chunk gives them. */
function filesOf(records: readonly SnapshotRecord[]): RestoredFiles {
  return {
    uris: records.map((record) => record.uri), uriKeys: records.map((record) => uriKey(record.uri)), identity: (at) => records[at].identity, stamp: (at) => records[at].stamp,
    entries: records.map((record) => record.entry), sourceUrlTest: (url) => (at) => records[at].entry?.sourceUrl?.value === url,
  };
}

/** A readout's record as a snapshot keeps it. */
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
    openUris: () => [],
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
  assert.equal(indexer.restore(filesOf([record(`${removed}/a.md`, 1), record(`${kept}/a.md`, 2)])), 2);
  indexer.dropFolder(removed);
  indexer.restore(filesOf([record(`${removed}/b.md`, 3), record(`${kept}/b.md`, 4)]));
  assert.deepEqual([...index.entries()].map((entry) => URI.parse(entry.uri).path).sort(), [`${kept}/a.md`, `${kept}/b.md`]);
});

/** An indexer over its own index, reading files with the built-in schema; `logged` keeps what it logs. */
function diskIndexer() {
  const index = createWorkspaceIndex();
  const service = createReadoutService({ schema: compileBuiltinSchema(), index });
  const logged: string[] = [];
  const indexer = createIndexer({
    index,
    isOpen: () => false,
    openUris: () => [],
    service: () => service,
    settings: () => DEFAULT_SETTINGS,
    place: () => ({ inReadoutFiles: false, excluded: false, listed: true }),
    onUrlsChanged: () => {},
    log: (message) => logged.push(message),
  });
  return { index, indexer, logged };
}

test('a file changed and one deleted between the restore and the scan that settles it: their events stand, and the scan reads no file', async () => {
  const workspace = new TempWorkspace();
  try {
    const files = ['changed', 'deleted', 'kept'].map((name, at) => {
      workspace.write(`${name}.md`, readoutText({ title: `Readout of the ${name} call`, date: `2023-02-0${at + 1}` }));
      return workspace.path(`${name}.md`);
    });
    const [changed, deleted, kept] = files;
    const first = diskIndexer();
    assert.equal(await first.indexer.scan([workspace.folder]), 'done');
    const snapshot = [...first.indexer.records()];

    const { index, indexer, logged } = diskIndexer();
    assert.equal(indexer.restore(filesOf(snapshot)), 3);
    writeFileSync(changed, readoutText({ title: 'Readout of the call, changed', date: '2023-02-01' }));
    await indexer.fileChanged(changed, 'changed');
    rmSync(deleted);
    await indexer.fileChanged(deleted, 'deleted');
    assert.equal(await indexer.scan([workspace.folder], undefined, Promise.resolve()), 'done');

    const title = (file: string) => index.get(URI.file(file).toString())?.title?.value;
    assert.deepEqual([title(changed), title(deleted), title(kept)], ['Readout of the call, changed', undefined, 'Readout of the kept call']);
    assert.equal(index.get(URI.file(kept).toString()), snapshot.find((record) => record.uri === URI.file(kept).toString())!.entry, 'the kept file\'s entry is the restored one');
    assert.match(logged.find((message) => message.startsWith('Indexed'))!, /; 0 of 2 files read,/);
    // What the next snapshot keeps is what a cold start would.
    const cold = diskIndexer();
    await cold.indexer.scan([workspace.folder]);
    const stamps = (records: Iterable<SnapshotRecord>) => [...records].map(({ uri, identity, stamp }) => [uri, identity, stamp]).sort();
    assert.deepEqual(stamps(indexer.records()), stamps(cold.indexer.records()));
  } finally {
    workspace.remove();
  }
});

test('a chunk restored tells which source URLs its readouts have, so that open documents sharing one are checked again', () => {
  const index = createWorkspaceIndex();
  const told: { has(url: string): boolean }[] = [];
  const open = URI.file('/archive/open.md').toString();
  const indexer = createIndexer({
    index,
    isOpen: (uri) => uri === open,
    openUris: () => [open],
    service: () => {
      throw new Error('a restore reads no file');
    },
    settings: () => DEFAULT_SETTINGS,
    place: () => ({ inReadoutFiles: false, excluded: false, listed: true }),
    onUrlsChanged: (urls) => told.push(urls),
    log: () => {},
  });
  const withUrl = (file: string, n: number, url: string): SnapshotRecord => {
    const restored = record(file, n);
    return { ...restored, entry: { ...restored.entry!, sourceUrl: { value: url, range: restored.entry!.title!.range } } };
  };
  indexer.restore(filesOf([withUrl('/archive/a.md', 1, 'https://example.gov/a/'), withUrl('/archive/open.md', 2, 'https://example.gov/open/'), record('/archive/b.md', 3)]));
  assert.equal(told.length, 1);
  assert.deepEqual(['https://example.gov/a/', 'https://example.gov/open/', 'https://example.gov/other/'].map((url) => told[0].has(url)), [true, false, false]);
});
