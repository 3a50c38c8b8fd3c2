// The server reads a .readoutrc.json above the workspace folder, and a schema it names may lie
// outside the folder too: workspace-relative globs never match them, so each is watched with an
// LSP 3.17 RelativePattern based at its own folder.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { MISSPELT_TAG } from './fixtures';
import { EDITOR_CAPABILITIES, fileUri, LspClient, REPO_ROOT } from './lspClient';
import { TempWorkspace } from './workspaces';

describe('a .readoutrc.json and a schema outside the workspace folder', () => {
  let parent: TempWorkspace;
  let client: LspClient;
  let opened = 0;
  const workspaceFolder = () => parent.path('workspace');

  before(async () => {
    parent = new TempWorkspace();
    parent.write('schemas/custom.json', readFileSync(path.join(REPO_ROOT, 'schemas', 'readout.schema.json'), 'utf8'));
    parent.write('.readoutrc.json', JSON.stringify({ schema: 'schemas/custom.json', rules: { 'unknown-value': 'information' } }));
    parent.write('workspace/notes.md', '# Notes\n');
    client = await LspClient.start({
      workspaceFolders: [workspaceFolder()],
      capabilities: { ...EDITOR_CAPABILITIES, workspace: { ...EDITOR_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } },
    });
    await client.indexed();
  });
  after(async () => {
    await client.shutdown();
    parent.remove();
  });

  async function severityOfMisspeltTag(): Promise<DiagnosticSeverity | undefined> {
    const uri = fileUri(path.join(workspaceFolder(), `tag-${++opened}.md`));
    client.open(uri, MISSPELT_TAG, 'markdown');
    const published = await client.nextDiagnostics(uri, 1);
    client.close(uri);
    return published.diagnostics.find((diagnostic) => diagnostic.code === 'unknown-value')?.severity;
  }

  test('each is watched by a RelativePattern at its own folder, beside the workspace globs', () => {
    const watchers = client.activeRegistrations().filter((registration) => registration.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watchers.map((registration) => registration.registerOptions), [{
      watchers: [
        { globPattern: '**/*.json' },
        { globPattern: '**/*.{md,txt}' },
        { globPattern: { baseUri: fileUri(parent.folder), pattern: '.readoutrc.json' } },
        { globPattern: { baseUri: fileUri(parent.path('schemas')), pattern: 'custom.json' } },
      ],
    }]);
  });

  test('a change to it, reported by that watcher, is read again', async () => {
    assert.equal(await severityOfMisspeltTag(), DiagnosticSeverity.Information);
    writeFileSync(parent.path('.readoutrc.json'), JSON.stringify({ schema: 'schemas/custom.json', rules: { 'unknown-value': 'hint' } }));
    await client.fileChanged(parent.path('.readoutrc.json'));
    assert.equal(await severityOfMisspeltTag(), DiagnosticSeverity.Hint);
  });
});
