// The language server reads the same .readoutrc.json as the `readout` command line; the editor's
// settings win over it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { MISSPELT_TAG } from './fixtures';
import { EDITOR_CAPABILITIES, fileUri, LspClient } from './lspClient';

describe('.readoutrc.json', () => {
  let workspace: string;
  let client: LspClient;
  let opened = 0;

  before(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'readout-config-'));
    writeFileSync(path.join(workspace, '.readoutrc.json'), JSON.stringify({ rules: { 'unknown-value': 'information' } }));
    client = await LspClient.start({ workspaceFolders: [workspace], capabilities: EDITOR_CAPABILITIES });
    await client.indexed();
  });

  after(async () => {
    await client.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  async function severityOfMisspeltTag(): Promise<DiagnosticSeverity | undefined> {
    const uri = fileUri(path.join(workspace, `tag-${++opened}.md`));
    client.open(uri, MISSPELT_TAG, 'markdown');
    const published = await client.nextDiagnostics(uri, 1);
    client.close(uri);
    return published.diagnostics.find((diagnostic) => diagnostic.code === 'unknown-value')?.severity;
  }

  test("its rules apply when the editor leaves readout.rules at its default", async () => {
    assert.equal(await severityOfMisspeltTag(), DiagnosticSeverity.Information);
  });

  test('a readout.rules set in the editor overrides it', async () => {
    await client.changeSettings({ rules: { 'unknown-value': 'hint' } });
    assert.equal(await severityOfMisspeltTag(), DiagnosticSeverity.Hint);
    await client.changeSettings({});
  });

  test('a change to the file, reported by the watcher, is read again', async () => {
    const file = path.join(workspace, '.readoutrc.json');
    writeFileSync(file, JSON.stringify({ rules: { 'unknown-value': 'off' } }));
    await client.fileChanged(file);
    assert.equal(await severityOfMisspeltTag(), undefined);
  });
});

describe('.readoutrc.json: urls', () => {
  let workspace: string;
  let client: LspClient;
  const AGENCY_READOUT = MISSPELT_TAG
    .replace('tags: statement-releases', 'tags: statements-releases')
    .replace(/https:\/\/bidenwhitehouse[^\n]+/, 'https://www.agency.gov/news/20230109-readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada.html');

  before(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'readout-config-urls-'));
    writeFileSync(path.join(workspace, '.readoutrc.json'), JSON.stringify({ urls: ['https://www.agency.gov/news/{yyyy}{mm}{dd}-{slug}.html'] }));
    client = await LspClient.start({ workspaceFolders: [workspace], capabilities: EDITOR_CAPABILITIES });
    await client.indexed();
  });

  after(async () => {
    await client.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  test("its forms are the server's: a URL of the agency's form is compared with the fields", async () => {
    const uri = fileUri(path.join(workspace, 'agency.md'));
    client.open(uri, AGENCY_READOUT, 'markdown');
    const { diagnostics } = await client.nextDiagnostics(uri, 1);
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message]), [
      ['url-date-mismatch', "The date in 'source_url' is 20230109, but 'date' is 2023-01-10. One of them is wrong."],
    ]);
    client.close(uri);
  });
});
