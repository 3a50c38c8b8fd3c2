// A settings change moves open documents in or out of the workspace's index, as it does files on
// disk: an open document that readout.exclude or readout.files no longer lists leaves it, and one
// they now list joins it.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { LspClient } from './lspClient';
import { readoutText, TempWorkspace, type ReadoutFields } from './workspaces';

const FIELDS: ReadoutFields = { title: 'Readout of the Meeting Drafted Twice', date: '2023-08-01' };
const archived = readoutText(FIELDS);
// The same statement under the same URL, saved at another time.
const draft = readoutText({ ...FIELDS, time: '15:00:00-04:00' });

describe('open documents when the settings change', () => {
  let workspace: TempWorkspace;
  let client: LspClient;

  beforeEach(() => {
    workspace = new TempWorkspace();
    workspace.write('archive/a.md', archived);
  });
  afterEach(async () => {
    await client.shutdown();
    workspace.remove();
  });

  /** The codes and messages of the archived readout's diagnostics, for a new version of it (whatever was published before). */
  async function archivedDiagnostics(): Promise<string[]> {
    const version = client.change(workspace.uri('archive/a.md'), archived);
    return (await client.nextDiagnostics(workspace.uri('archive/a.md'), version)).diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
  }

  /** The uris of the readouts titled as both are. */
  async function titled(): Promise<string[]> {
    return (await client.workspaceSymbols(FIELDS.title)).filter((symbol) => symbol.name.endsWith(FIELDS.title)).map((symbol) => symbol.location.uri).sort();
  }

  async function startWithBothOpen(settings: unknown, draftPath: string): Promise<void> {
    workspace.write(draftPath, draft);
    client = await LspClient.start({ workspaceFolders: [workspace.folder], settings });
    await client.indexed();
    client.open(workspace.uri(draftPath), draft, 'markdown');
    client.open(workspace.uri('archive/a.md'), archived, 'markdown');
  }

  test('readout.exclude widened over an open draft: the draft leaves the index, and its twin is no longer warned about it', async () => {
    await startWithBothOpen({}, 'drafts/b.md');
    assert.match((await archivedDiagnostics()).join('\n'), /^duplicate-source-url: .*b\.md/);
    assert.deepEqual(await titled(), [workspace.uri('archive/a.md'), workspace.uri('drafts/b.md')]);

    await client.changeSettings({ exclude: ['**/node_modules/**', '**/.git/**', 'drafts/**'] });
    await client.indexed();
    assert.deepEqual(await archivedDiagnostics(), []);
    assert.deepEqual(await titled(), [workspace.uri('archive/a.md')]);
  });

  test('readout.files narrowed to archive/**: an open draft it alone listed leaves the index; widened again, it joins it', async () => {
    // Only readout.files lists a .markdown file.
    await startWithBothOpen({ files: ['drafts/**', 'archive/**'] }, 'drafts/b.markdown');
    assert.match((await archivedDiagnostics()).join('\n'), /^duplicate-source-url: .*b\.markdown/);

    await client.changeSettings({ files: ['archive/**'] });
    await client.indexed();
    assert.deepEqual(await archivedDiagnostics(), []);
    assert.deepEqual(await titled(), [workspace.uri('archive/a.md')]);

    await client.changeSettings({ files: ['drafts/**', 'archive/**'] });
    await client.indexed();
    assert.match((await archivedDiagnostics()).join('\n'), /^duplicate-source-url: .*b\.markdown/);
    assert.deepEqual(await titled(), [workspace.uri('archive/a.md'), workspace.uri('drafts/b.markdown')]);
  });
});
