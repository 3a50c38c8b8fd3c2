// What happens to the index while a scan runs: a file event, and a second scan, must not be
// undone when a scan ends.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { writeCorpus } from '../corpus';
import { LspClient, type ProgressRecord } from './lspClient';
import { readoutText, TempWorkspace, type ReadoutFields } from './workspaces';

const CORPUS_SIZE = 3000;

/** A progress report of a scan under way: some files read, not all. */
function midScan(record: ProgressRecord): boolean {
  const match = record.value.kind === 'report' ? /^([\d,]+)\/([\d,]+)$/.exec(record.value.message ?? '') : null;
  return match !== null && Number(match[1].replace(/,/g, '')) < Number(match[2].replace(/,/g, ''));
}

/** The uris of the readouts titled exactly `title`. */
async function titled(client: LspClient, title: string): Promise<string[]> {
  return (await client.workspaceSymbols(title)).filter((symbol) => symbol.name.endsWith(title)).map((symbol) => symbol.location.uri);
}

describe('events while a scan runs', () => {
  let workspace: TempWorkspace;

  before(async () => {
    workspace = new TempWorkspace();
    await writeCorpus(workspace.path('archive'), { count: CORPUS_SIZE, seed: 31 });
    // A static site's page: a readout only once readout.files names its folder.
    workspace.write('site/post.md', '---\nlayout: post\ntitle: A Static Site Post\n---\nHello.\n');
  });
  after(() => workspace.remove());

  test('a readout created during the scan at initialized, indexed by its own event, is still indexed when the scan ends', async () => {
    const client = await LspClient.start({ workspaceFolders: [workspace.folder] });
    try {
      await client.progressWhere(midScan);
      const created: ReadoutFields = { title: 'Readout of the Meeting Saved While the Archive Was Scanned', date: '2023-06-01' };
      const file = workspace.write('created-during-scan.md', readoutText(created));
      await client.filesChanged([{ file, type: 'created' }]);
      assert.ok(!client.indexingProgress().some((value) => value.kind === 'end'), 'the scan ended before the event was handled: the test proves nothing');
      assert.deepEqual(await titled(client, created.title), [workspace.uri('created-during-scan.md')], 'indexed by its event');
      await client.indexed(30_000);
      assert.deepEqual(await titled(client, created.title), [workspace.uri('created-during-scan.md')], 'dropped when the scan ended');
    } finally {
      await client.shutdown();
    }
  });

  test('readout.files changed during a scan: once the scans are over, the index holds what the newer scan found', async () => {
    const client = await LspClient.start({ workspaceFolders: [workspace.folder] });
    try {
      await client.progressWhere(midScan);
      await client.changeSettings({ files: ['site/**'] });
      assert.ok(!client.indexingProgress().some((value) => value.kind === 'end'), 'the first scan ended before the second began: the test proves nothing');
      await client.indexed(30_000);
      await client.indexed(30_000);
      assert.deepEqual(await titled(client, 'A Static Site Post'), [workspace.uri('site/post.md')]);
      // The last scan's log: as many readouts in the index as it found.
      const last = client.logMessages.filter((log) => log.message.startsWith('Indexed ')).at(-1)?.message ?? '';
      const match = /^Indexed ([\d,]+) readouts? .*\(heap \d+ MiB; ([\d,]+) readouts? in the index\)/.exec(last);
      assert.ok(match, last);
      assert.equal(match[2], match[1], last);
    } finally {
      await client.shutdown();
    }
  });
});
