// `path-mismatch` over the wire: `layout: auto` turns on in a workspace that follows the archive's
// layout, the warning sits on the field the file's place contradicts, and its quick fix moves the
// file (a rename in a workspace edit), shown disabled when a file is already there.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { writeCorpus } from '../corpus';
import { EDITOR_CAPABILITIES, LspClient } from './lspClient';
import { rangeOf } from './textEdits';
import { readoutText, TempWorkspace } from './workspaces';

/** An editor that renames files in workspace edits and shows disabled code actions with their reason. */
const RENAMING_EDITOR = {
  ...EDITOR_CAPABILITIES,
  workspace: { ...EDITOR_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create' as const, 'rename' as const, 'delete' as const] } },
  textDocument: { ...EDITOR_CAPABILITIES.textDocument, codeAction: { ...EDITOR_CAPABILITIES.textDocument!.codeAction, disabledSupport: true } },
};

const FIELDS = { title: 'Readout of a Call with the Prime Minister of Iceland', date: '2023-01-10' };
const TEXT = readoutText(FIELDS);
const HOME = 'archive/statements-releases/2023-01/2023-01-10-readout-of-a-call-with-the-prime-minister-of-iceland.md';
const ASTRAY = 'archive/statements-releases/2023-02/2023-01-10-readout-of-a-call-with-the-prime-minister-of-iceland.md';

describe('path-mismatch in a workspace that follows the archive layout (layout: auto)', () => {
  const workspace = new TempWorkspace();
  let client: LspClient;
  // What the server published for the astray readout, opened once.
  let published: Diagnostic[] = [];
  before(async () => {
    await writeCorpus(workspace.path('archive'), { count: 40, seed: 3 });
    workspace.write(ASTRAY, TEXT);
    client = await LspClient.start({ workspaceFolders: [workspace.folder], capabilities: RENAMING_EDITOR });
    await client.indexed();
  });
  after(async () => {
    await client.shutdown();
    workspace.remove();
  });

  test('a readout in the wrong month folder: a warning on date, and a fix that moves the file where it belongs', async () => {
    const uri = workspace.uri(ASTRAY);
    client.open(uri, TEXT, 'markdown');
    const { diagnostics } = await client.nextDiagnostics(uri, 1);
    published = diagnostics;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range]), [['path-mismatch', rangeOf(TEXT, "'2023-01-10'")]]);
    const actions = await client.codeActions(uri, diagnostics[0].range, { diagnostics });
    assert.deepEqual(actions.map((action) => [action.title, action.disabled, action.edit?.documentChanges]), [[
      `Move the file to ${HOME.slice('archive/'.length)}`,
      undefined,
      [{ kind: 'rename', oldUri: uri, newUri: workspace.uri(HOME), options: { overwrite: false, ignoreIfExists: false } }],
    ]]);
    // Never part of fix all.
    assert.deepEqual(await client.codeActions(uri, diagnostics[0].range, { diagnostics: [], only: ['source.fixAll.readout'] }), []);
  });

  test('with a file already where it belongs, the fix is shown disabled, saying so', async () => {
    workspace.write(HOME, TEXT.replace('The President spoke today.', 'Another copy.'));
    const uri = workspace.uri(ASTRAY);
    const [action] = await client.codeActions(uri, published[0].range, { diagnostics: published });
    assert.equal(action.edit, undefined);
    assert.equal(action.disabled?.reason, `A file is already at ${workspace.path(HOME)}: move or rename it first.`);
    assert.ok(existsSync(workspace.path(HOME)));
  });
});

describe('path-mismatch stays quiet', () => {
  test('in a flat folder of readouts (layout: auto), and for an editor that cannot rename files no fix is offered', async () => {
    const workspace = new TempWorkspace();
    for (let at = 0; at < 25; at++) workspace.write(`readouts/${at}.md`, readoutText({ ...FIELDS, title: `${FIELDS.title} ${at}` }));
    const client = await LspClient.start({ workspaceFolders: [workspace.folder] });
    try {
      await client.indexed();
      const uri = workspace.uri('readouts/0.md');
      client.open(uri, readoutText({ ...FIELDS, title: `${FIELDS.title} 0` }), 'markdown');
      assert.deepEqual((await client.nextDiagnostics(uri, 1)).diagnostics, []);
      await client.changeSettings({ layout: '{category}/{yyyy}-{mm}/{date}-{slug}.{ext}' });
      const { diagnostics } = await client.nextDiagnostics(uri, 1);
      assert.deepEqual(diagnostics.map((d) => d.code), ['path-mismatch']);
      assert.deepEqual(await client.codeActions(uri, diagnostics[0].range, { diagnostics }), []);
    } finally {
      await client.shutdown();
      workspace.remove();
    }
  });
});
