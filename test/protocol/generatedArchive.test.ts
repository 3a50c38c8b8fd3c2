// The built server on an archive generated with the real archive's statistics: 20,000 readouts in
// the archive's layout, both URL eras, with mistakes made in a sample. The scan indexes them all;
// opened, each readout with a mistake gets its code on its line, and the others nothing at warning
// or error (with layout: auto on, since the archive follows its layout).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { archiveWithDefects, DEFECT_KINDS, type ArchiveWithDefects } from '../defects';
import { LspClient } from './lspClient';
import { TempWorkspace } from './workspaces';

// The clean readouts opened: every n-th of the archive.
const CLEAN_STRIDE = 97;

describe('a generated archive of 20,000 readouts, indexed and opened', () => {
  let workspace: TempWorkspace;
  let archive: ArchiveWithDefects;
  let client: LspClient;

  before(async () => {
    workspace = new TempWorkspace('readout-generated-');
    archive = archiveWithDefects(20_000, 17, 2, workspace.folder);
    client = await LspClient.start({ workspaceFolders: [workspace.folder] });
    await client.indexed();
  });
  after(async () => {
    await client.shutdown();
    workspace.remove();
  });

  const serious = (severity: DiagnosticSeverity | undefined) => severity === DiagnosticSeverity.Error || severity === DiagnosticSeverity.Warning;

  test('each mistake is found with its code on its line, and at warning or error nothing else is', async () => {
    assert.equal(archive.defects.size, DEFECT_KINDS.length * 2);
    for (const [relativePath, defect] of archive.defects) {
      const uri = workspace.uri(relativePath);
      client.open(uri, defect.text, 'markdown');
      const { diagnostics } = await client.nextDiagnostics(uri, 1);
      const label = `${defect.kind} in ${relativePath}: ${JSON.stringify(diagnostics.map((d) => [d.code, d.range.start.line]))}`;
      assert.ok(diagnostics.some((d) => d.code === defect.code && d.range.start.line === defect.line), label);
      assert.ok(diagnostics.every((d) => d.range.start.line === defect.line || !serious(d.severity)), label);
      client.close(uri);
    }
  });

  test('the readouts left as they are get nothing at warning or error', async () => {
    const clean = archive.files.filter((file, at) => at % CLEAN_STRIDE === 0 && !archive.defects.has(file.relativePath));
    assert.ok(clean.length > 200);
    for (const file of clean) {
      const uri = workspace.uri(file.relativePath);
      client.open(uri, file.text, 'markdown');
      const { diagnostics } = await client.nextDiagnostics(uri, 1);
      assert.deepEqual(diagnostics.filter((d) => serious(d.severity)).map((d) => d.code), [], file.relativePath);
      client.close(uri);
    }
  });
});
