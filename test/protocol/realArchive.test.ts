// The built server on readouts as the real archive has them, in its folder layout: both URL forms,
// the 14 categories, modified_time; quiet, and hover names each URL's form.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { REAL_READOUTS } from '../fixtures/realReadouts';
import { EDITOR_CAPABILITIES, LspClient } from './lspClient';
import { positionAt } from './textEdits';
import { TempWorkspace } from './workspaces';

describe('the real archive, indexed and opened', () => {
  let workspace: TempWorkspace;
  let client: LspClient;

  before(async () => {
    workspace = new TempWorkspace('readout-real-');
    for (const readout of REAL_READOUTS) workspace.write(readout.file, readout.text);
    client = await LspClient.start({ workspaceFolders: [workspace.folder], capabilities: EDITOR_CAPABILITIES });
    await client.indexed();
  });
  after(async () => {
    await client.shutdown();
    workspace.remove();
  });

  test('every readout opens with no diagnostic, none a duplicate of another', async () => {
    for (const readout of REAL_READOUTS) {
      const uri = workspace.uri(readout.file);
      client.open(uri, readout.text, 'markdown');
      assert.deepEqual((await client.nextDiagnostics(uri, 1)).diagnostics, [], readout.file);
      client.close(uri);
    }
  });

  test('hover on a URL of the form of 2025 names that form, and its month', async () => {
    const readout = REAL_READOUTS.find((candidate) => candidate.category === 'fact-sheets')!;
    const uri = workspace.uri(readout.file);
    client.open(uri, readout.text, 'markdown');
    const hover = await client.hover(uri, positionAt(readout.text, readout.text.indexOf('https://') + 1));
    const { value } = hover!.contents as { value: string };
    assert.ok(value.startsWith([
      '**source_url**',
      '',
      'Follows the form `https://www.whitehouse.gov/{category}/{yyyy}/{mm}/{slug}/` (from 2025-01-20).',
      '',
      '| part | value | agrees with |',
      '|---|---|---|',
      '| category | `fact-sheets` | tags ✓ |',
      '| month | `2025-03` | date ✓ |',
      '| slug | `fact-sheet-president-donald-j-trump-protects-americas-workers` | title ✓ |',
    ].join('\n')), value);
    client.close(uri);
  });
});
