// textDocument/completion over real JSON-RPC, inside the front matter of a readout of a workspace
// whose other readouts are only on disk: keys, tags, titles and derived values, as snippets or
// plain text depending on the client.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompletionItemKind, InsertTextFormat, type ClientCapabilities, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol';
import { REFERENCE } from './fixtures';
import { EDITOR_CAPABILITIES, LspClient } from './lspClient';
import { positionAt } from './textEdits';
import { readoutText, TempWorkspace, type ReadoutFields } from './workspaces';

const withCompletion = (snippetSupport: boolean): ClientCapabilities => ({
  ...EDITOR_CAPABILITIES,
  textDocument: { ...EDITOR_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport } } },
});

const KISHIDA = 'Readout of President Joe\u00a0Biden’s Call with Prime Minister Kishida of Japan';
const MACRON = 'Readout of President Joe Biden’s Call with President Macron of France';
const SCHOLZ = 'Readout of President Joe Biden’s Call with Chancellor Scholz of Germany';
const LULA = 'Readout of President Joe Biden’s Call with President Lula of Brazil';
const ECONOMY = 'Remarks by President Biden on the Economy';
/** Their labels: a title over 60 characters is cut in the middle. */
const KISHIDA_LABEL = 'Readout of President Joe\u00a0Biden’s … Kishida of Japan';
const MACRON_LABEL = 'Readout of President Joe Biden’s … Macron of France';
const SCHOLZ_LABEL = 'Readout of President Joe Biden’s … Scholz of Germany';
const LULA_LABEL = 'Readout of President Joe Biden’s … Lula of Brazil';

/** The archive on disk: tag counts statements-releases 4, readouts 2 (not in the schema), speeches-remarks 1. */
const ARCHIVE: Record<string, ReadoutFields> = {
  'archive/kishida.md': { title: KISHIDA, date: '2023-01-13', tags: ['statements-releases', 'readouts'] },
  'archive/macron.md': { title: MACRON, date: '2023-02-01' },
  'archive/scholz.md': { title: SCHOLZ, date: '2023-02-10', tags: ['statements-releases', 'readouts'] },
  'archive/lula.md': { title: LULA, date: '2023-02-15' },
  'archive/economy.md': { title: ECONOMY, date: '2023-03-02', tags: 'speeches-remarks' },
};

const DOCUMENTATION = {
  published_time: 'When the statement was published: local time with its UTC offset, `YYYY-MM-DD HH:MM:SS±HH:MM` (a `T` separator and `Z` are accepted).',
  date: 'The calendar day of publication, `YYYY-MM-DD`: the day of `published_time` **in its own time zone** (never converted to UTC).',
};

const labels = (list: CompletionList | null) => (list?.items ?? []).map((item) => item.label);

function itemOf(list: CompletionList | null, label: string): CompletionItem {
  const found = list?.items.find((candidate) => candidate.label === label);
  assert.ok(found, `no item '${label}' among ${JSON.stringify(labels(list))}`);
  return found;
}

describe('completion', () => {
  let workspace: TempWorkspace;
  let snippets: LspClient;
  let plain: LspClient;
  let drafts = 0;

  before(async () => {
    workspace = new TempWorkspace();
    // The drafts have no readout field yet: in the archive's folder, named in files, any front matter is a readout.
    workspace.write('.readoutrc.json', JSON.stringify({ files: ['archive/**'] }));
    for (const [relative, fields] of Object.entries(ARCHIVE)) workspace.write(relative, readoutText(fields));
    [snippets, plain] = await Promise.all([LspClient.start({ workspaceFolders: [workspace.folder], capabilities: withCompletion(true) }),
      LspClient.start({ workspaceFolders: [workspace.folder], capabilities: withCompletion(false) })]);
    await Promise.all([snippets.indexed(), plain.indexed()]);
  });
  after(async () => {
    await Promise.all([snippets.shutdown(), plain.shutdown()]);
    workspace.remove();
  });

  /**
   * Opens `source` (its cursor marked by `|`) as a new draft in the workspace, asks for completion
   * at the cursor, and closes it. While open, the draft is in the index (its own tags count); once
   * closed it is not (it is not on disk), so drafts do not leak into one another.
   */
  async function complete(source: string, client = snippets): Promise<CompletionList | null> {
    const at = source.indexOf('|');
    assert.ok(at >= 0 && source.indexOf('|', at + 1) < 0, 'one cursor marker');
    const text = source.slice(0, at) + source.slice(at + 1);
    const uri = workspace.uri(`archive/draft-${++drafts}.md`);
    client.open(uri, text, 'markdown');
    try {
      return await client.completion(uri, positionAt(text, at));
    } finally {
      client.close(uri);
    }
  }

  test('keys on an empty line: only the missing fields, as snippets with their documentation', async () => {
    const list = await complete("---\ndate: '2023-01-10'\ntags: press-briefings\n|\n---\nBody.\n");
    const at = { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } };
    assert.equal(list?.isIncomplete, false);
    assert.deepEqual(labels(list), ['published_time', 'source_url', 'title', 'modified_time']);
    assert.deepEqual(itemOf(list, 'published_time'), {
      label: 'published_time',
      kind: CompletionItemKind.Property,
      detail: "required, noon on date, with that day's US Eastern offset",
      documentation: { kind: 'markdown', value: DOCUMENTATION.published_time },
      sortText: '0000',
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: at, newText: 'published_time: 2023-01-10 ${1:12:00:00}-05:00' },
    });
    assert.deepEqual(list!.items.map((item) => [item.detail, item.textEdit]), [
      ["required, noon on date, with that day's US Eastern offset", { range: at, newText: 'published_time: 2023-01-10 ${1:12:00:00}-05:00' }],
      ['required', { range: at, newText: 'source_url: $1' }],
      ['required', { range: at, newText: 'title: $1' }],
      ['optional', { range: at, newText: 'modified_time: $1' }],
    ]);
  });

  test('keys for a client without snippet support: plain text, the derived value written out', async () => {
    const list = await complete("---\ndate: '2023-01-10'\ntags: press-briefings\n|\n---\nBody.\n", plain);
    const at = { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } };
    assert.deepEqual(list!.items.map((item) => [item.label, item.insertTextFormat, item.textEdit]), [
      ['published_time', InsertTextFormat.PlainText, { range: at, newText: 'published_time: 2023-01-10 12:00:00-05:00' }],
      ['source_url', InsertTextFormat.PlainText, { range: at, newText: 'source_url: ' }],
      ['title', InsertTextFormat.PlainText, { range: at, newText: 'title: ' }],
      ['modified_time', InsertTextFormat.PlainText, { range: at, newText: 'modified_time: ' }],
    ]);
  });

  test('a partial key is replaced; the source_url of a missing field is derived from the others', async () => {
    const source = "---\ndate: '2023-01-10'\npublished_time: 2023-01-10 12:54:40-05:00\ntags: statements-releases\ntitle: Readout of a Call\nsou|\n---\n";
    const list = await complete(source);
    assert.deepEqual(labels(list), ['source_url', 'modified_time']);
    assert.deepEqual(itemOf(list, 'source_url').textEdit, {
      range: { start: { line: 5, character: 0 }, end: { line: 5, character: 3 } },
      newText: 'source_url: https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-a-call/',
    });
    // A readout that has every required field: only the optional modified_time is left to offer.
    const full = REFERENCE.replace('\ntitle:', '\n|\ntitle:');
    assert.deepEqual(labels(await complete(full)), ['modified_time']);
  });

  test("`tags: `: the schema's vocabulary, then the workspace's own tags, with their usage in the detail", async () => {
    const list = await complete('---\ntags: |\n---\n');
    assert.equal(list?.isIncomplete, false);
    assert.deepEqual(list!.items.map((item) => [item.label, item.detail]), [
      ['statements-releases', 'used in 4 readouts'],
      ['speeches-remarks', 'used in 1 readout'],
      ['presidential-actions', 'not used in the workspace yet'],
      ['press-briefings', 'not used in the workspace yet'],
      ['articles', 'not used in the workspace yet'],
      ['briefings-statements', 'not used in the workspace yet'],
      ['fact-sheets', 'not used in the workspace yet'],
      ['legislation', 'not used in the workspace yet'],
      ['releases', 'not used in the workspace yet'],
      ['disclosures', 'not used in the workspace yet'],
      ['blog', 'not used in the workspace yet'],
      ['remarks', 'not used in the workspace yet'],
      ['research', 'not used in the workspace yet'],
      ['uncategorized', 'not used in the workspace yet'],
      ['readouts', "used in 2 readouts; not in the schema's list"],
    ]);
    assert.deepEqual(itemOf(list, 'statements-releases'), {
      label: 'statements-releases',
      kind: CompletionItemKind.Value,
      detail: 'used in 4 readouts',
      documentation: { kind: 'markdown', value: 'Statements and releases: readouts of calls and meetings, statements by the President, announcements.' },
      sortText: '0000',
      filterText: 'statements-releases',
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 6 } }, newText: 'statements-releases' },
    });
  });

  test('`tags: sta`: filtered by what is typed, which is replaced, and not offered back as a workspace tag', async () => {
    const list = await complete('---\ntags: sta|\n---\n');
    assert.deepEqual(list!.items.map((item) => [item.label, item.detail, item.textEdit]), [
      ['statements-releases', 'used in 4 readouts', { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 9 } }, newText: 'statements-releases' }],
      ['briefings-statements', 'not used in the workspace yet', { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 9 } }, newText: 'briefings-statements' }],
    ]);
  });

  test('a list item under `tags:`: never a tag the list already has', async () => {
    const list = await complete('---\ntags:\n- statements-releases\n- |\n---\n');
    assert.deepEqual(list!.items.map((item) => [item.label, item.detail]), [
      ['speeches-remarks', 'used in 1 readout'],
      ['presidential-actions', 'not used in the workspace yet'],
      ['press-briefings', 'not used in the workspace yet'],
      ['articles', 'not used in the workspace yet'],
      ['briefings-statements', 'not used in the workspace yet'],
      ['fact-sheets', 'not used in the workspace yet'],
      ['legislation', 'not used in the workspace yet'],
      ['releases', 'not used in the workspace yet'],
      ['disclosures', 'not used in the workspace yet'],
      ['blog', 'not used in the workspace yet'],
      ['remarks', 'not used in the workspace yet'],
      ['research', 'not used in the workspace yet'],
      ['uncategorized', 'not used in the workspace yet'],
      ['readouts', "used in 2 readouts; not in the schema's list"],
    ]);
    assert.deepEqual(itemOf(list, 'readouts').textEdit, { range: { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, newText: 'readouts' });
  });

  test('`title: call with`: the common opening, then the workspace titles that match, most recent first, written as the archive writes them', async () => {
    const list = await complete("---\ndate: '2023-01-10'\ntags: statements-releases\ntitle: call with|\n---\n");
    const typed = { start: { line: 3, character: 7 }, end: { line: 3, character: 16 } };
    assert.equal(list?.isIncomplete, true);
    assert.deepEqual(list!.items.map((item) => [item.label, item.detail, item.filterText, item.insertTextFormat, item.textEdit]), [
      ['Readout of President Joe Biden’s Call with …', 'common opening of 3 titles', 'call with', InsertTextFormat.Snippet,
        { range: typed, newText: '"Readout of President Joe Biden\\\\u2019s Call with $0"' }],
      [LULA_LABEL, '2023-02-15 · statements-releases', 'call with', InsertTextFormat.PlainText,
        { range: typed, newText: '"Readout of President Joe Biden\\u2019s Call with President Lula of Brazil"' }],
      [SCHOLZ_LABEL, '2023-02-10 · statements-releases', 'call with', InsertTextFormat.PlainText,
        { range: typed, newText: '"Readout of President Joe Biden\\u2019s Call with Chancellor Scholz of Germany"' }],
      [MACRON_LABEL, '2023-02-01 · statements-releases', 'call with', InsertTextFormat.PlainText,
        { range: typed, newText: '"Readout of President Joe Biden\\u2019s Call with President Macron of France"' }],
      // Folded over two lines as PyYAML folds it, the no-break space escaped.
      [KISHIDA_LABEL, '2023-01-13 · statements-releases', 'call with', InsertTextFormat.PlainText,
        { range: typed, newText: '"Readout of President Joe\\_Biden\\u2019s Call with Prime Minister Kishida of\\\n  \\ Japan"' }],
    ]);
  });

  test('`title: ` with a source_url: its slug spelled out first, then openings and titles; plain text without snippet support', async () => {
    const url = 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-a-call-with-the-voyager-team/';
    const source = `---\ndate: '2023-01-10'\nsource_url: ${url}\ntags: statements-releases\ntitle: |\n---\n`;
    const at = { start: { line: 4, character: 7 }, end: { line: 4, character: 7 } };
    const withSnippets = await complete(source);
    assert.deepEqual(withSnippets!.items.map((item) => [item.label, item.detail]), [
      ['Readout of a Call with the Voyager Team', "source_url's slug spelled out"],
      ['Readout of President …', 'common opening of 4 titles'],
      ['Readout of President Joe Biden’s Call with …', 'common opening of 3 titles'],
      [ECONOMY, '2023-03-02 · speeches-remarks'],
      [LULA_LABEL, '2023-02-15 · statements-releases'],
      [SCHOLZ_LABEL, '2023-02-10 · statements-releases'],
      [MACRON_LABEL, '2023-02-01 · statements-releases'],
      [KISHIDA_LABEL, '2023-01-13 · statements-releases'],
    ]);
    assert.deepEqual(itemOf(withSnippets, 'Readout of a Call with the Voyager Team').textEdit, { range: at, newText: 'Readout of a Call with the Voyager Team' });
    assert.deepEqual(itemOf(withSnippets, 'Readout of President …').textEdit, { range: at, newText: 'Readout of President $0' });
    const withoutSnippets = await complete(source, plain);
    assert.deepEqual(labels(withoutSnippets), labels(withSnippets));
    assert.ok(withoutSnippets!.items.every((item) => item.insertTextFormat === InsertTextFormat.PlainText));
    // The cursor cannot be placed: the opening is inserted with its trailing space, inside the quotes.
    assert.deepEqual(itemOf(withoutSnippets, 'Readout of President …').textEdit, { range: at, newText: 'Readout of President ' });
    assert.deepEqual(itemOf(withoutSnippets, 'Readout of President Joe Biden’s Call with …').textEdit,
      { range: at, newText: '"Readout of President Joe Biden\\u2019s Call with "' });
  });

  test('a title typed out in full is not offered back', async () => {
    assert.deepEqual(labels(await complete(`---\ndate: '2023-01-10'\ntags: statements-releases\ntitle: ${ECONOMY}|\n---\n`)), []);
  });

  test('`source_url: `: the URL tags, date and title give', async () => {
    const list = await complete("---\ndate: '2023-01-10'\npublished_time: 2023-01-10 12:54:40-05:00\nsource_url: |\ntags: statements-releases\ntitle: Readout of a Call\n---\n");
    const url = 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-a-call/';
    assert.deepEqual(list!.items.map((item) => [item.label, item.detail, item.insertTextFormat, item.textEdit]), [
      [url, 'from tags, date and title', InsertTextFormat.PlainText, { range: { start: { line: 3, character: 12 }, end: { line: 3, character: 12 } }, newText: url }],
    ]);
  });

  test("`date: `: the day of published_time, quoted as the archive quotes it", async () => {
    const list = await complete("---\ndate: |\npublished_time: 2023-01-10 23:54:40-05:00\n---\n");
    assert.deepEqual(list, {
      isIncomplete: false,
      items: [{
        label: '2023-01-10',
        kind: CompletionItemKind.Value,
        detail: 'the day of published_time',
        documentation: { kind: 'markdown', value: DOCUMENTATION.date },
        filterText: "'2023-01-10'",
        insertTextFormat: InsertTextFormat.PlainText,
        textEdit: { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 6 } }, newText: "'2023-01-10'" },
      }],
    });
  });

  test("`published_time: `: noon on date with that day's Eastern offset, the time a placeholder (or plain text)", async () => {
    const source = "---\ndate: '2023-07-10'\npublished_time: |\n---\n";
    const range = { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } };
    const withSnippets = await complete(source);
    assert.deepEqual(withSnippets!.items.map((item) => [item.label, item.detail, item.insertTextFormat, item.textEdit]), [
      ['2023-07-10 12:00:00-04:00', "noon on date, with that day's US Eastern offset", InsertTextFormat.Snippet, { range, newText: '2023-07-10 ${1:12:00:00}-04:00' }],
    ]);
    const withoutSnippets = await complete(source, plain);
    assert.deepEqual(withoutSnippets!.items.map((item) => [item.insertTextFormat, item.textEdit]), [
      [InsertTextFormat.PlainText, { range, newText: '2023-07-10 12:00:00-04:00' }],
    ]);
  });

  test('none in the body, none on the --- lines', async () => {
    const empty = { isIncomplete: false, items: [] };
    const closing = REFERENCE.indexOf('\n---\n') + 1;
    const places = {
      'the start of the opening ---': 0,
      'the end of the opening ---': 3,
      'the start of the closing ---': closing,
      'the end of the closing ---': closing + 3,
      'the body': REFERENCE.indexOf('Prime Minister Justin'),
      'an empty line of the body': REFERENCE.indexOf('\n\n') + 1,
    };
    for (const [place, offset] of Object.entries(places)) {
      assert.deepEqual(await complete(REFERENCE.slice(0, offset) + '|' + REFERENCE.slice(offset)), empty, place);
    }
  });
});

/** 300 characters: the archive's titles run up to 341. */
const LONG_TITLE = 'Joint Statement by the Leaders of the United States, Canada and Mexico on Cooperation in Clean Energy, Critical Minerals, Semiconductors, Supply Chains, Migration, Public Health, Security, Fentanyl Trafficking, Climate Change, Indigenous Women and Girls, Governance and Competitiveness for Our Region';

describe('a 300-character title in completion and in go to symbol', () => {
  let workspace: TempWorkspace;
  let withLabelDetails: LspClient;
  let withoutLabelDetails: LspClient;

  before(async () => {
    assert.equal(LONG_TITLE.length, 300);
    workspace = new TempWorkspace();
    // The draft has no readout field yet: in the archive's folder, named in files, any front matter is a readout.
    workspace.write('.readoutrc.json', JSON.stringify({ files: ['archive/**'] }));
    workspace.write('archive/joint-statement.md', readoutText({ title: LONG_TITLE, date: '2023-01-10' }));
    const capabilities = (labelDetailsSupport: boolean): ClientCapabilities => ({
      ...EDITOR_CAPABILITIES,
      textDocument: { ...EDITOR_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport: true, labelDetailsSupport } } },
    });
    [withLabelDetails, withoutLabelDetails] = await Promise.all([true, false].map((support) =>
      LspClient.start({ workspaceFolders: [workspace.folder], capabilities: capabilities(support) })));
    await Promise.all([withLabelDetails.indexed(), withoutLabelDetails.indexed()]);
  });
  after(async () => {
    await Promise.all([withLabelDetails.shutdown(), withoutLabelDetails.shutdown()]);
    workspace.remove();
  });

  async function titleItem(client: LspClient): Promise<CompletionItem> {
    const text = "---\ndate: '2023-01-11'\ntags: statements-releases\ntitle: competitiveness\n---\n";
    const uri = workspace.uri('archive/draft.md');
    client.open(uri, text, 'markdown');
    try {
      const list = await client.completion(uri, { line: 3, character: 22 });
      assert.equal(list?.items.length, 1, JSON.stringify(labels(list)));
      return list!.items[0];
    } finally {
      client.close(uri);
    }
  }

  test('completion: a short label, the date and category beside it (labelDetails) and first in the detail, the whole title in the documentation', async () => {
    const item = await titleItem(withLabelDetails);
    assert.equal(item.label, 'Joint Statement by the Leaders of … for Our Region');
    assert.equal(item.detail, '2023-01-10 · statements-releases');
    assert.deepEqual(item.labelDetails, { description: '2023-01-10 · statements-releases' });
    assert.deepEqual(item.documentation, { kind: 'markdown', value: LONG_TITLE });
    assert.ok((item.textEdit as { newText: string }).newText.startsWith('Joint Statement by the Leaders'));
  });

  test('completion for a client without labelDetails: the same, the date and category in the detail alone', async () => {
    const item = await titleItem(withoutLabelDetails);
    assert.equal(item.label, 'Joint Statement by the Leaders of … for Our Region');
    assert.equal(item.detail, '2023-01-10 · statements-releases');
    assert.equal(item.labelDetails, undefined);
  });

  test('workspace/symbol: the date and category first, then the whole title', async () => {
    const [symbol] = await withLabelDetails.workspaceSymbols('competitiveness region');
    assert.equal(symbol.name, `2023-01-10 · statements-releases · ${LONG_TITLE}`);
    assert.equal(symbol.containerName, undefined);
    assert.equal(symbol.location.uri, workspace.uri('archive/joint-statement.md'));
  });
});
