// textDocument/documentSymbol (the outline) and workspace/symbol (go to a readout by title) over real JSON-RPC.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-protocol';
import { REFERENCE } from './fixtures';
import { LspClient } from './lspClient';
import { rangeOf } from './textEdits';
import { readoutText, TempWorkspace, type ReadoutFields } from './workspaces';

const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range => ({
  start: { line: startLine, character: startCharacter },
  end: { line: endLine, character: endCharacter },
});

/** A field of the front matter as the outline shows it: its key selected, its whole line(s) as its range. */
function fieldSymbol(name: string, detail: string, whole: Range): DocumentSymbol {
  return {
    name,
    detail,
    kind: SymbolKind.Property,
    range: whole,
    selectionRange: range(whole.start.line, 0, whole.start.line, name.length),
    children: [],
  };
}

/** The titles, in the order of their dates (the newest last). */
const TITLES: readonly ReadoutFields[] = [
  { title: 'Remarks by President Biden on Union Jobs', date: '2023-03-01' },
  { title: 'Statement on Unity in Our Nation', date: '2023-03-02' },
  { title: 'Readout of the Union Address Rehearsal', date: '2023-03-03' },
  { title: 'A Proclamation on National Union Day, 2023', date: '2023-03-04' },
  { title: 'Readout of President Biden’s Meeting with President Erdoğan of Türkiye', date: '2023-03-05', tags: ['statements-releases', 'presidential-actions'] },
  { title: 'Readout of President Joe\u00a0Biden’s Call with Prime Minister Kishida of\u00a0Japan', date: '2023-03-06' },
];

describe('symbols', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  const files = TITLES.map((fields, at) => ({ fields, relative: `archive/t${at}.md`, text: readoutText(fields) }));
  const uriOf = (title: string) => workspace.uri(files.find((file) => file.fields.title === title)!.relative);

  before(async () => {
    workspace = new TempWorkspace();
    for (const file of files) workspace.write(file.relative, file.text);
    client = await LspClient.start({ workspaceFolders: [workspace.folder] });
    await client.indexed();
  });
  after(async () => {
    await client.shutdown();
    workspace.remove();
  });

  test('the outline of the reference readout: the front matter with its five fields, exact ranges', async () => {
    const uri = workspace.uri('archive/reference.txt');
    client.open(uri, REFERENCE, 'plaintext');
    const symbols = await client.documentSymbols(uri);
    client.close(uri);
    assert.deepEqual(symbols, [{
      name: 'front matter',
      kind: SymbolKind.Namespace,
      range: range(0, 0, 7, 3),
      selectionRange: range(0, 0, 0, 3),
      children: [
        fieldSymbol('date', '2023-01-10', range(1, 0, 1, 18)),
        fieldSymbol('published_time', '2023-01-10 12:54:40-05:00', range(2, 0, 2, 41)),
        // Details are cut at 80 characters.
        fieldSymbol('source_url', 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/…', range(3, 0, 3, 172)),
        fieldSymbol('tags', 'statements-releases', range(4, 0, 4, 25)),
        // The folded title: both lines, and its value as parsed on one line, no-break spaces shown as spaces.
        fieldSymbol('title', 'Readout of President Joe Biden’s Meeting with Prime Minister Trudeau of Canada', range(5, 0, 6, 15)),
      ],
    }]);
  });

  test("the body's headings after the front matter, nested by level; none inside fenced code", async () => {
    const body = 'Intro.\n\n## Lowering Costs\n\n-   one\n\n### Detail ###\n\nText\n\nSetext Heading\n--------------\n\n```\n# not a heading\n```\n\n## Investing';
    const text = readoutText({ title: 'FACT SHEET: Headings', date: '2023-03-09', body });
    const uri = workspace.uri('archive/headings.md');
    client.open(uri, text, 'markdown');
    const [frontMatter, ...headings] = await client.documentSymbols(uri);
    client.close(uri);
    assert.deepEqual(frontMatter.children?.map((child) => child.name), ['date', 'published_time', 'source_url', 'tags', 'title']);
    const heading = (name: string, whole: Range, selection: Range, children: DocumentSymbol[] = []): DocumentSymbol =>
      ({ name, kind: SymbolKind.String, range: whole, selectionRange: selection, children });
    assert.deepEqual(headings, [
      heading('Lowering Costs', range(10, 0, 16, 4), rangeOf(text, 'Lowering Costs'), [heading('Detail', range(14, 0, 16, 4), rangeOf(text, 'Detail'))]),
      heading('Setext Heading', range(18, 0, 23, 3), rangeOf(text, 'Setext Heading')),
      heading('Investing', range(25, 0, 27, 4), rangeOf(text, 'Investing')),
    ]);
  });

  test('documentSymbol of a file that is not a readout, or of a document never opened: none (other files are left alone)', async () => {
    const uri = workspace.uri('notes/README.md');
    client.open(uri, '# Notes\n\nAbout the archive.\n', 'markdown');
    const symbols = await client.documentSymbols(uri);
    client.close(uri);
    assert.deepEqual(symbols, []);
    assert.deepEqual(await client.documentSymbols(workspace.uri('archive/never-opened.md')), []);
  });

  test('workspace/symbol: whole words rank first, then shorter titles; scattered letters only when nothing holds the query better', async () => {
    // Each name is the readout's date and first tag, then its title.
    const names = async (query: string) => (await client.workspaceSymbols(query)).map((symbol) => symbol.name.replace(/^\d{4}-\d{2}-\d{2} · statements-releases · /, ''));
    // The word, in the shortest titles first; then u-n-i-t-y ... o-n; the letters strewn over the
    // Erdoğan and Kishida titles are left out.
    assert.deepEqual(await names('union'), [
      'Readout of the Union Address Rehearsal',
      'Remarks by President Biden on Union Jobs',
      'A Proclamation on National Union Day, 2023',
      'Statement on Unity in Our Nation',
    ]);
    // No title holds "eiton" in a word or two: letters strewn over a title are all there is.
    const strewn = await names('eiton');
    assert.equal(strewn[0], 'Statement on Unity in Our Nation');
    assert.ok(strewn.includes('Readout of President Joe Biden’s Call with Prime Minister Kishida of Japan'), JSON.stringify(strewn));
    assert.deepEqual(await names('unio jobs'), ['Remarks by President Biden on Union Jobs']);
    assert.deepEqual(await names('zzz'), []);
  });

  test('workspace/symbol folds accents, case and no-break spaces, and answers with date · first tag · title, the file and its title range', async () => {
    const erdogan = files[4];
    // Its title, escaped and folded, on the two lines after the list of tags.
    const title = range(7, 7, 8, 8);
    assert.equal(erdogan.text.split('\n')[7].slice(0, 8), 'title: "');
    for (const query of ['erdogan', 'ERDOĞAN', 'turkiye']) {
      assert.deepEqual(await client.workspaceSymbols(query), [{
        name: `2023-03-05 · statements-releases · ${erdogan.fields.title}`,
        kind: SymbolKind.File,
        location: { uri: uriOf(erdogan.fields.title), range: title },
      }], query);
    }
    // Shown with plain spaces, found with them.
    const [kishida] = await client.workspaceSymbols('joe biden kishida japan');
    assert.equal(kishida.name, '2023-03-06 · statements-releases · Readout of President Joe Biden’s Call with Prime Minister Kishida of Japan');
    assert.equal(kishida.location.uri, uriOf(TITLES[5].title));
  });

  test('workspace/symbol with an empty query: every readout, newest first', async () => {
    assert.deepEqual((await client.workspaceSymbols('')).map((symbol) => symbol.location.uri), [...TITLES].reverse().map((fields) => uriOf(fields.title)));
  });

  test('an open document is found by the title in the editor, and by its disk title again once closed', async () => {
    const file = files[0];
    const uri = workspace.uri(file.relative);
    const edited = file.text.replace('Union Jobs', 'Union Workers');
    client.open(uri, edited, 'markdown');
    const found = async (query: string) => (await client.workspaceSymbols(query)).filter((symbol) => symbol.location.uri === uri).map((symbol) => symbol.name);
    assert.deepEqual(await found('union workers'), ['2023-03-01 · statements-releases · Remarks by President Biden on Union Workers']);
    assert.deepEqual(await found('union jobs'), []);
    client.close(uri);
    assert.deepEqual(await found('union jobs'), ['2023-03-01 · statements-releases · Remarks by President Biden on Union Jobs']);
  });
});
