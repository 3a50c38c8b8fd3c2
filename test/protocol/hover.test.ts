// textDocument/hover as a client renders it: markdown about the field under the cursor.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MarkupKind, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { BUILTIN_SCHEMA, REFERENCE } from './fixtures';
import { LspClient } from './lspClient';
import { positionAt, rangeOf } from './textEdits';

const DOCUMENT = 'file:///readouts/hover.md';

/** The markdown of a hover, failing on any other shape. */
function markdownOf(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown);
  return contents.value;
}

describe('hover', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
    client.open(DOCUMENT, REFERENCE, 'markdown');
    assert.deepEqual((await client.nextDiagnostics(DOCUMENT, 1)).diagnostics, []);
  });
  after(async () => { await client.shutdown(); });

  /** Hovers the middle of the first occurrence of `needle`. */
  const hoverOn = (needle: string) => client.hover(DOCUMENT, positionAt(REFERENCE, REFERENCE.indexOf(needle) + Math.floor(needle.length / 2)));

  test('over the published_time key: the schema description and the instant in UTC', async () => {
    const hover = await hoverOn('published_time');
    const markdown = markdownOf(hover);
    assert.ok(markdown.startsWith('**published_time**'), markdown);
    assert.ok(markdown.includes(BUILTIN_SCHEMA.properties.published_time.markdownDescription!), markdown);
    assert.ok(markdown.includes('`2023-01-10 17:54:40 UTC`'), markdown);
    assert.deepEqual(hover!.range, rangeOf(REFERENCE, 'published_time'));
    assert.deepEqual(hover!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 14 } });
  });

  test('over the published_time value: the same, with the value as range', async () => {
    const value = '2023-01-10 12:54:40-05:00';
    const hover = await hoverOn(value);
    assert.equal(markdownOf(hover), markdownOf(await hoverOn('published_time')));
    assert.deepEqual(hover!.range, rangeOf(REFERENCE, value));
  });

  test('over source_url: the form it follows, each part of the URL and what it agrees with, then the description', async () => {
    const markdown = markdownOf(await hoverOn('source_url'));
    const description = markdown.indexOf(BUILTIN_SCHEMA.properties.source_url.markdownDescription!);
    const table = [
      'Follows the form `https://bidenwhitehouse.archives.gov/briefing-room/{category}/{yyyy}/{mm}/{dd}/{slug}/` (before 2025-01-20).',
      '',
      '| part | value | agrees with |',
      '|---|---|---|',
      '| category | `statements-releases` | tags ✓ |',
      '| date | `2023-01-10` | date ✓ |',
      '| slug | `readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada` | title ✓ |',
    ].join('\n');
    assert.ok(markdown.startsWith(`**source_url**\n\n${table}\n\n`), markdown);
    assert.ok(description > table.length, markdown);
  });

  test('over a tag: what the tag means, then what the field is', async () => {
    const markdown = markdownOf(await client.hover(DOCUMENT, rangeOf(REFERENCE, 'statements-releases\n').start));
    assert.ok(markdown.startsWith('**tags**\n\n`statements-releases`: Statements and releases: readouts of calls and meetings, statements by the President, announcements.\n\n'), markdown);
  });

  test('in the body: null', async () => {
    assert.equal(await hoverOn('Prime Minister Justin'), null);
  });

  test('on the closing delimiter: null', async () => {
    assert.equal(await client.hover(DOCUMENT, { line: 7, character: 1 }), null);
  });
});
