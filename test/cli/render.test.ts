// `readout render FILE [-o OUT.html]`: the preview's page, from the core's renderer, with no script.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { compileBuiltinSchema } from '../../server/src/core/builtinSchema';
import { createReadoutService } from '../../server/src/core/languageService';
import { createPreviewRenderer } from '../../server/src/core/preview';
import { buildCli, Fixture } from './cli';
import { ERROR_READOUT, NOT_A_READOUT, REFERENCE } from './readouts';

/** The page the core renders for a readout, with its diagnostics in the banner. */
function corePage(text: string): string {
  const service = createReadoutService({ schema: compileBuiltinSchema() });
  return createPreviewRenderer().renderPage(text, service.getDiagnostics({ text, inReadoutFiles: true }));
}

before(buildCli);

describe('readout render', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'reference.txt': REFERENCE, 'misspelt.md': ERROR_READOUT, 'notes.md': NOT_A_READOUT });
  });
  after(() => fixture.remove());

  test("writes the core's standalone page to stdout: the title, the statement, a strict policy and no script", async () => {
    const result = await fixture.run(['render', 'reference.txt']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, corePage(REFERENCE));
    assert.match(result.stdout, /^<!DOCTYPE html>/);
    assert.match(result.stdout, /<title>Readout of President Joe\u00a0Biden’s Meeting with Prime Minister Trudeau of\u00a0Canada<\/title>/);
    assert.match(result.stdout, /Content-Security-Policy" content="default-src 'none'/);
    assert.doesNotMatch(result.stdout, /<script/i);
  });

  test('the problems of the front matter show in the banner', async () => {
    const result = await fixture.run(['render', 'misspelt.md']);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, corePage(ERROR_READOUT));
    assert.match(result.stdout, /Unknown tag &#39;statement-releases&#39;/);
  });

  test('-o writes the page to a file instead', async () => {
    const result = await fixture.run(['render', 'reference.txt', '-o', 'page.html']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(readFileSync(fixture.path('page.html'), 'utf8'), corePage(REFERENCE));
  });

  test('a file that is not a readout, or that does not exist: exit 2, and why', async () => {
    const notReadout = await fixture.run(['render', 'notes.md', '-o', 'notes.html']);
    assert.equal(notReadout.status, 2);
    assert.equal(notReadout.stderr, "readout render: notes.md is not a readout: it has no front matter with source_url or published_time, and 'files' does not name it.\n");
    assert.equal(existsSync(fixture.path('notes.html')), false);
    const missing = await fixture.run(['render', 'gone.md']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^readout render: gone\.md cannot be read \(ENOENT: no such file or directory/);
  });

  test('-o into a folder that does not exist, or onto a folder: exit 2, and why, in words that name no temporary file', async () => {
    const noFolder = await fixture.run(['render', 'reference.txt', '-o', 'nope/page.html']);
    assert.equal(noFolder.status, 2);
    assert.equal(noFolder.stderr, 'readout render: nope/page.html was not written: its folder does not exist.\n');
    fixture.write('taken/keep.txt', 'x');
    const onFolder = await fixture.run(['render', 'reference.txt', '-o', 'taken']);
    assert.equal(onFolder.status, 2);
    assert.equal(onFolder.stderr, 'readout render: taken was not written: it is a folder, not a file.\n');
    assert.equal(readFileSync(fixture.path('taken/keep.txt'), 'utf8'), 'x');
  });
});
