// The language server on a workspace that is a static site with an archive in it: only the readouts
// are indexed and get diagnostics; no page of the site gets a diagnostic or a fix-all.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { compileBuiltinSchema } from '../../server/src/core/builtinSchema';
import { createReadoutService } from '../../server/src/core/languageService';
import { copySiteAndArchive, FIXABLE, READOUTS, SITE_PAGES } from '../siteAndArchive';
import { fileUri, LspClient } from './lspClient';
import { positionAt } from './textEdits';

const FIX_ALL = 'source.fixAll.readout';
const core = createReadoutService({ schema: compileBuiltinSchema() });

describe('a static site with an archive in it, as the workspace folder', () => {
  let folder: string;
  let client: LspClient;
  const uri = (file: string) => fileUri(path.join(folder, file));
  const textOf = (file: string) => readFileSync(path.join(folder, file), 'utf8');

  /** Opens a file of the workspace and returns its first diagnostics, and whether fix-all offers anything. */
  async function open(file: string): Promise<{ codes: string[]; fixAll: number }> {
    const text = textOf(file);
    const languageId = file.endsWith('.md') ? 'markdown' : 'plaintext';
    client.open(uri(file), text, languageId);
    const { diagnostics } = await client.nextDiagnostics(uri(file), 1);
    const whole = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
    const actions = await client.codeActions(uri(file), whole, { diagnostics, only: [FIX_ALL] });
    client.close(uri(file));
    return { codes: diagnostics.map((diagnostic) => String(diagnostic.code)), fixAll: actions.length };
  }

  before(async () => {
    folder = copySiteAndArchive();
    client = await LspClient.start({ workspaceFolders: [folder] });
    await client.indexed();
  });
  after(async () => {
    await client.shutdown();
    rmSync(folder, { recursive: true, force: true });
  });

  test('the index holds the readouts and nothing else', async () => {
    assert.deepEqual((await client.workspaceSymbols('')).map((symbol) => symbol.location.uri).sort(), READOUTS.map(uri).sort());
    assert.ok(client.logMessages.some((log) => log.message.startsWith(`Indexed ${READOUTS.length} readouts in 1 folder`)), JSON.stringify(client.logMessages));
  });

  test("no page of the site gets a diagnostic or a fix-all, whatever its first key", async () => {
    for (const page of SITE_PAGES) assert.deepEqual(await open(page), { codes: [], fixAll: 0 }, page);
  });

  test("the readouts get the core's diagnostics, and fix-all where a safe fix is", async () => {
    for (const readout of READOUTS) {
      const expected = core.getDiagnostics({ text: textOf(readout) }).map((diagnostic) => diagnostic.code);
      assert.deepEqual(await open(readout), { codes: expected, fixAll: FIXABLE.includes(readout) ? 1 : 0 }, readout);
      assert.equal(expected.length > 0, FIXABLE.includes(readout), readout);
    }
  });
});
