// The index saved between sessions, over real JSON-RPC: a server started again on a workspace
// restores it, then reads only the files that changed, were added or were deleted while it was
// down; a snapshot that is not one, is cut short or was made with other settings is not trusted.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { STAT_THREAD_FROM } from '../../server/src/node/statFiles';
import { LspClient, testCacheFolder } from './lspClient';
import { readoutText, TempWorkspace } from './workspaces';

// More than a chunk of the snapshot's files (1,024), so that one cut short still gives its first.
const READOUTS = 1100;
const titleOf = (n: number) => `Readout of the President's Call with Prime Minister Number ${n}`;
const fileOf = (n: number) => `2023/03/readout-${n}.md`;
/** An hour ago: a file written this long before a save is kept in it (one written within 2 s is read again at the next start). */
const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

/** The uris of the readouts titled exactly `title`. */
async function titled(client: LspClient, title: string): Promise<string[]> {
  return (await client.workspaceSymbols(title)).filter((symbol) => symbol.name.endsWith(title)).map((symbol) => symbol.location.uri).sort();
}

/** The server's log lines that match. */
const logged = (client: LspClient, pattern: RegExp) => client.logMessages.map((log) => log.message).filter((message) => pattern.test(message));

describe('a warm start', () => {
  let workspace: TempWorkspace;
  let storage: TempWorkspace;
  const snapshot = () => path.join(storage.folder, 'index.snapshot');
  const write = (relative: string, text: string) => utimesSync(workspace.write(relative, text), AN_HOUR_AGO, AN_HOUR_AGO);

  async function started(settings?: unknown): Promise<LspClient> {
    const client = await LspClient.start({ workspaceFolders: [workspace.folder], initializationOptions: { indexStorage: storage.folder }, settings });
    await client.indexed();
    return client;
  }

  before(() => {
    workspace = new TempWorkspace();
    storage = new TempWorkspace('readout-storage-');
    for (let n = 0; n < READOUTS; n++) write(fileOf(n), readoutText({ title: titleOf(n), date: '2023-03-01' }));
    // A page of the site the archive sits in: listed and read, not a readout.
    write('notes/plain.md', '---\nlayout: post\n---\nNot a readout.\n');
  });
  after(() => {
    workspace.remove();
    storage.remove();
  });

  test('the first start reads every file, and saves the index when it shuts down', async () => {
    const client = await started();
    assert.deepEqual(logged(client, /^Restored/), []);
    assert.match(logged(client, /^Indexed/)[0], /^Indexed 1,100 readouts in 1 folder in \d+ ms \(heap \d+ MiB; 1,100 readouts in the index\)\.$/);
    await client.shutdown();
    assert.ok(existsSync(snapshot()));
  });

  test('the next start restores the index, then reads only what changed, came or went while the server was down', async () => {
    write(fileOf(1), readoutText({ title: 'Readout of the President’s Call with the Chancellor', date: '2023-03-01' }));
    // The same size and modification time, another text: the change time still gives it away.
    const same = workspace.path(fileOf(2));
    const before = statSync(same);
    const text = readFileSync(same, 'utf8').replace('Number 2', 'Number X');
    assert.equal(text.length, readFileSync(same, 'utf8').length);
    writeFileSync(same, text);
    utimesSync(same, before.atime, before.mtime);
    unlinkSync(workspace.path(fileOf(3)));
    write('2023/04/new.md', readoutText({ title: 'Statement from the President on a New Readout', date: '2023-04-01' }));

    const client = await started();
    assert.deepEqual(logged(client, /^Restored/).map((message) => message.replace(/ saved .*/, '')), ['Restored 1,100 readouts from the index']);
    // 1,100 readouts less one deleted plus one added; the plain page; of these, the three written.
    assert.match(logged(client, /^Indexed/)[0], /^Indexed 1,100 readouts in 1 folder in \d+ ms \(.*; 3 of 1,101 files read, the others unchanged since the index was saved\)/);
    assert.deepEqual(await titled(client, 'Readout of the President’s Call with the Chancellor'), [workspace.uri(fileOf(1))]);
    assert.deepEqual(await titled(client, titleOf(1)), []);
    assert.deepEqual(await titled(client, 'Readout of the President\'s Call with Prime Minister Number X'), [workspace.uri(fileOf(2))]);
    assert.deepEqual(await titled(client, titleOf(2)), []);
    assert.deepEqual(await titled(client, titleOf(3)), []);
    assert.deepEqual(await titled(client, 'Statement from the President on a New Readout'), [workspace.uri('2023/04/new.md')]);
    assert.deepEqual(await titled(client, titleOf(1099)), [workspace.uri(fileOf(1099))]);
    await client.shutdown();
  });

  test('a start with nothing changed reads no file', async () => {
    // The file of the last test written without its time set back is read again: it was written too recently to be kept.
    utimesSync(workspace.path(fileOf(2)), AN_HOUR_AGO, AN_HOUR_AGO);
    let client = await started();
    await client.shutdown();
    client = await started();
    assert.match(logged(client, /^Indexed/)[0], /^Indexed 1,100 readouts in 1 folder .*; 0 of 1,101 files read,/);
    assert.deepEqual(await titled(client, titleOf(150)), [workspace.uri(fileOf(150))]);
    await client.shutdown();
  });

  test('a readout open in the editor as the server starts, its edits not saved: the editor\'s entry is the index\'s, once, not the one restored', async () => {
    const client = await LspClient.start({ workspaceFolders: [workspace.folder], initializationOptions: { indexStorage: storage.folder } });
    try {
      const edited = 'Readout of the President’s Call with an Unsaved Title';
      client.open(workspace.uri(fileOf(40)), readoutText({ title: edited, date: '2023-03-01' }), 'markdown');
      await client.indexed();
      // Opened before its chunk was restored, it is left out of the restore (else the editor's entry replaces the restored one).
      assert.match(logged(client, /^Restored/)[0], /^Restored 1,(099|100) readouts from the index/);
      assert.deepEqual(await titled(client, edited), [workspace.uri(fileOf(40))]);
      assert.deepEqual(await titled(client, titleOf(40)), []);
      assert.deepEqual(await titled(client, titleOf(41)), [workspace.uri(fileOf(41))]);
    } finally {
      await client.shutdown();
    }
  });

  test('a snapshot made with other settings is not used', async () => {
    const client = await started({ exclude: ['**/node_modules/**', '**/.git/**', 'notes/**'] });
    assert.deepEqual(logged(client, /^Not using/).map((message) => message.replace(/ in .*: /, ': ')), ['Not using the index saved: it was made with other settings, folders or version. Reading every file.']);
    assert.match(logged(client, /^Indexed/)[0], /^Indexed 1,100 readouts in 1 folder in \d+ ms \(heap \d+ MiB; 1,100 readouts in the index\)\.$/);
    await client.shutdown();
  });

  test('a file that is not a snapshot is not used, and is replaced', async () => {
    writeFileSync(snapshot(), 'not a snapshot\n');
    const client = await started();
    assert.deepEqual(logged(client, /^Not using/).map((message) => message.replace(/ in .*: /, ': ')), ['Not using the index saved: it is not a readout index snapshot. Reading every file.']);
    assert.match(logged(client, /^Indexed/)[0], /^Indexed 1,100 readouts in 1 folder in \d+ ms \(heap \d+ MiB; 1,100 readouts in the index\)\.$/);
    await client.shutdown();
    assert.match(readFileSync(snapshot(), 'latin1'), /^readout index snapshot\n/);
  });

  test('a snapshot cut short gives what it holds, and the files it did not give are read', async () => {
    // Cut in the middle of the chunk before the last (the last is the titles' use order): the files' second chunk.
    const bytes = readFileSync(snapshot());
    const starts: number[] = [];
    for (let at = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1; at < bytes.length; at += 8 + bytes.readUInt32BE(at)) starts.push(at);
    truncateSync(snapshot(), starts[starts.length - 1] - 100);
    const client = await started();
    assert.deepEqual(logged(client, /^Stopped reading/).map((message) => message.replace(/ in .*: /, ': ')), ['Stopped reading the index saved: it ends in the middle of a chunk. The files it did not give are read.']);
    // Its first chunk held 1,024 of the 1,101 files; the rest are read.
    assert.match(logged(client, /^Restored/)[0], /^Restored 1,024 readouts /);
    assert.match(logged(client, /^Indexed/)[0], /^Indexed 1,100 readouts in 1 folder .*; 77 of 1,101 files read,/);
    assert.deepEqual(await titled(client, titleOf(150)), [workspace.uri(fileOf(150))]);
    await client.shutdown();
  });
});

test('a client that gives no storage folder has the index saved in the user cache folder, one per set of workspace folders', async () => {
  const workspace = new TempWorkspace();
  try {
    utimesSync(workspace.write('2023/03/call.md', readoutText({ title: titleOf(1), date: '2023-03-01' })), AN_HOUR_AGO, AN_HOUR_AGO);
    const folders = path.join(testCacheFolder(), 'readout', 'index');
    const before = existsSync(folders) ? readdirSync(folders) : [];
    const start = async () => {
      const client = await LspClient.start({ workspaceFolders: [workspace.folder], initializationOptions: { indexStorage: undefined } });
      await client.indexed();
      return client;
    };
    let client = await start();
    assert.deepEqual(logged(client, /^Restored/), []);
    await client.shutdown();
    const made = readdirSync(folders).filter((name) => !before.includes(name));
    assert.equal(made.length, 1);
    assert.ok(existsSync(path.join(folders, made[0], 'index.snapshot')));
    client = await start();
    assert.match(logged(client, /^Restored/)[0], /^Restored 1 readout from the index saved/);
    assert.deepEqual(await titled(client, titleOf(1)), [workspace.uri('2023/03/call.md')]);
    await client.shutdown();
  } finally {
    workspace.remove();
  }
});

test('an archive large enough for its files to be stat\'ed on a thread of their own: only what changed, came or went is read', async () => {
  const workspace = new TempWorkspace();
  const storage = new TempWorkspace('readout-storage-');
  const count = STAT_THREAD_FROM + 50;
  let client: LspClient | undefined;
  try {
    for (let n = 0; n < count; n++) utimesSync(workspace.write(fileOf(n), readoutText({ title: titleOf(n), date: '2023-03-01' })), AN_HOUR_AGO, AN_HOUR_AGO);
    const start = async () => {
      const client = await LspClient.start({ workspaceFolders: [workspace.folder], initializationOptions: { indexStorage: storage.folder } });
      await client.indexed();
      return client;
    };
    await (await start()).shutdown();
    utimesSync(workspace.write(fileOf(7), readoutText({ title: 'Readout of the President’s Call with the Chancellor', date: '2023-03-01' })), AN_HOUR_AGO, AN_HOUR_AGO);
    unlinkSync(workspace.path(fileOf(count - 1)));
    utimesSync(workspace.write('2023/04/new.md', readoutText({ title: 'Statement from the President on a New Readout', date: '2023-04-01' })), AN_HOUR_AGO, AN_HOUR_AGO);
    client = await start();
    const total = count.toLocaleString('en-US');
    assert.match(logged(client, /^Indexed/)[0], new RegExp(`^Indexed ${total} readouts in 1 folder .*; 2 of ${total} files read, the others unchanged since the index was saved\\)`));
    assert.deepEqual(await titled(client, 'Readout of the President’s Call with the Chancellor'), [workspace.uri(fileOf(7))]);
    assert.deepEqual(await titled(client, titleOf(7)), []);
    assert.deepEqual(await titled(client, titleOf(count - 1)), []);
    assert.deepEqual(await titled(client, 'Statement from the President on a New Readout'), [workspace.uri('2023/04/new.md')]);
    assert.deepEqual(await titled(client, titleOf(count - 2)), [workspace.uri(fileOf(count - 2))]);
  } finally {
    // Shut down when an assertion failed too: a server left running keeps the test process alive.
    await client?.shutdown();
    workspace.remove();
    storage.remove();
  }
});
