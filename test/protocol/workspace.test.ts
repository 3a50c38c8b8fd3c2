// The workspace index over real JSON-RPC: the scan at `initialized` and its progress, files that
// are not readouts or cannot be read, file events, workspace folders, duplicate-source-url across
// files, and requests answered while a large archive is scanned.
import assert from 'node:assert/strict';
import { readFileSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DiagnosticSeverity, MessageType, SymbolKind, type Diagnostic, type PublishDiagnosticsParams, type SymbolInformation, type WorkDoneProgressReport,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { byDepth } from '../../server/src/node/readoutFiles';
import { COPY_VARIANTS, writeCorpus, type GeneratedReadout } from '../corpus';
import { REFERENCE, toCrlf, withBom } from './fixtures';
import { EDITOR_CAPABILITIES, fileUri, INDEXING_TITLE, LspClient, REPO_ROOT, type ProgressRecord } from './lspClient';
import { positionAt, rangeOf } from './textEdits';
import { readoutText, sourceUrlRange, TempWorkspace, urlFor, type ReadoutFields } from './workspaces';

const RULES_DOC = fileUri(path.join(REPO_ROOT, 'docs', 'rules.md'));

/** The uri of a workspace symbol, whichever of the two shapes the server answers with. */
const symbolUri = (symbol: SymbolInformation | WorkspaceSymbol) => symbol.location.uri;

/** The uris of the readouts titled exactly `title` (a symbol's name is the date and first tag, then the title), sorted. */
async function titled(client: LspClient, title: string): Promise<string[]> {
  return (await client.workspaceSymbols(title)).filter((symbol) => symbol.name === title || symbol.name.endsWith(` · ${title}`)).map(symbolUri).sort();
}

/** The uris the server finds for a query, best first. */
async function found(client: LspClient, query: string): Promise<string[]> {
  return (await client.workspaceSymbols(query)).map(symbolUri);
}

/** The `N/TOTAL` of a progress report, as numbers. */
function counts(value: ProgressRecord['value']): { done: number; total: number } {
  assert.equal(value.kind, 'report');
  const match = /^([\d,]+)\/([\d,]+)$/.exec(value.message ?? '');
  assert.ok(match, `'${value.message}' is not N/TOTAL`);
  const number = (text: string) => Number(text.replace(/,/g, ''));
  return { done: number(match[1]), total: number(match[2]) };
}

/** The one duplicate-source-url warning a readout must get, pointing at `others` (uri and text). */
function duplicateWarning(text: string, others: readonly { uri: string; text: string }[]): Diagnostic {
  const names = others.map((other) => decodeURIComponent(other.uri.slice(other.uri.lastIndexOf('/') + 1))).join(', ');
  return {
    range: sourceUrlRange(text),
    severity: DiagnosticSeverity.Warning,
    source: 'readout',
    code: 'duplicate-source-url',
    codeDescription: { href: `${RULES_DOC}#duplicate-source-url` },
    message: `Another readout has the same source_url: ${names}. Each statement is published at one address.`,
    relatedInformation: others.map((other) => ({ location: { uri: other.uri, range: sourceUrlRange(other.text) }, message: 'The same source_url' })),
  };
}

const VOYAGER: ReadoutFields = { title: 'Statement from President Joe Biden on the Voyager Golden Record', date: '2023-02-01' };

describe('the scan at initialized', () => {
  let workspace: TempWorkspace;
  let corpus: GeneratedReadout[];
  let client: LspClient;
  const voyager = readoutText(VOYAGER);
  /** The regular files the scan lists (`**\/*.{md,txt}`) and readout.exclude leaves: the corpus, voyager.md, reference.txt, README.md and post.md. */
  const CORPUS_SIZE = 1200;
  const LISTED = CORPUS_SIZE + 4;

  before(async () => {
    workspace = new TempWorkspace();
    corpus = await writeCorpus(workspace.path('archive'), { ...COPY_VARIANTS, count: CORPUS_SIZE, seed: 11 });
    workspace.write('archive/voyager.md', voyager);
    workspace.write('archive/reference.txt', REFERENCE);
    // Not a readout: no front matter, though a line looks like a field.
    workspace.write('notes/README.md', '# Notes\n\ntitle: Notes Without Front Matter\n');
    // A static site's page: no readout field, so a readout only inside readout.files (where any front matter is).
    workspace.write('site/post.md', '---\nlayout: post\ntitle: A Static Site Post\n---\nHello.\n');
    // readout.exclude's defaults.
    workspace.write('node_modules/pkg/readout.md', readoutText({ title: 'Readout of a Vendored Package', date: '2023-02-02' }));
    workspace.write('.git/readout.md', readoutText({ title: 'Readout of a Git Internal', date: '2023-02-03' }));
    client = await LspClient.start({ workspaceFolders: [workspace.folder] });
    await client.indexed();
  });
  after(async () => {
    await client.shutdown();
    workspace.remove();
  });

  test('progress: begin titled "Indexing readouts", reports "N/TOTAL" counting up to every listed file, then end', () => {
    const progress = client.indexingProgress();
    assert.deepEqual(progress[0], { kind: 'begin', title: INDEXING_TITLE, cancellable: false, percentage: 0 });
    assert.deepEqual(progress.at(-1), { kind: 'end' });
    const reports = progress.slice(1, -1);
    assert.ok(reports.length >= 2, JSON.stringify(progress));
    let previous = 0;
    for (const report of reports) {
      const { done, total } = counts(report);
      assert.equal(total, LISTED);
      assert.ok(done > previous, `the count goes up: ${JSON.stringify(reports)}`);
      assert.equal((report as WorkDoneProgressReport).percentage, Math.floor((done / total) * 100));
      previous = done;
    }
    assert.deepEqual(reports.at(-1), { kind: 'report', percentage: 100, message: '1,204/1,204' });
    // One scan, one token: the progress of this client is all this scan's.
    assert.equal(new Set(client.progress.map((record) => record.token)).size, 1);
  });

  test('the server logs how many readouts it indexed: the corpus, voyager.md and reference.txt, not the static page', () => {
    const logged = client.logMessages.filter((log) => log.message.startsWith('Indexed '));
    assert.equal(logged.length, 1, JSON.stringify(client.logMessages));
    assert.match(logged[0].message, /^Indexed 1,202 readouts in 1 folder in \d+ ms\b/);
    assert.equal(logged[0].type, MessageType.Log);
  });

  test('workspace/symbol finds a readout that was never opened by a fuzzy query of its title, with its uri and the range of its title', async () => {
    const symbols = await client.workspaceSymbols('voyagr goldn rec');
    assert.ok(symbols.length > 0);
    assert.deepEqual(symbols[0], {
      name: `2023-02-01 · statements-releases · ${VOYAGER.title}`,
      kind: SymbolKind.File,
      location: { uri: workspace.uri('archive/voyager.md'), range: rangeOf(voyager, VOYAGER.title) },
    });
  });

  test("the reference readout, never opened: its folded title's range runs over both lines, no-break spaces shown as spaces", async () => {
    const symbols = await client.workspaceSymbols('biden meeting trudeau canada');
    const reference = symbols.find((symbol) => symbolUri(symbol) === workspace.uri('archive/reference.txt'));
    assert.ok(reference, JSON.stringify(symbols.slice(0, 5)));
    assert.equal(reference.name, '2023-01-10 · statements-releases · Readout of President Joe Biden’s Meeting with Prime Minister Trudeau of Canada');
    assert.deepEqual(reference.location, {
      uri: workspace.uri('archive/reference.txt'),
      range: { start: { line: 5, character: 7 }, end: { line: 6, character: 15 } },
    });
  });

  test('every readout of a generated corpus is found by its own title', async () => {
    // A sample across the corpus (CRLF, BOM, lists of tags, folded titles among them).
    for (const readout of corpus.filter((_, index) => index % 97 === 0)) {
      const uris = await found(client, readout.title);
      assert.ok(uris.includes(workspace.uri(`archive/${readout.relativePath}`)), `${readout.relativePath} ('${readout.title}') is not found`);
    }
  });

  test('a file without front matter is never a readout: not found', async () => {
    assert.ok(!(await found(client, 'Notes Without Front Matter')).includes(workspace.uri('notes/README.md')));
  });

  test('readout.exclude (node_modules, .git) is not indexed, by the scan or by a file event', async () => {
    assert.ok(!(await found(client, 'Readout of a Vendored Package')).includes(workspace.uri('node_modules/pkg/readout.md')));
    assert.ok(!(await found(client, 'Readout of a Git Internal')).includes(workspace.uri('.git/readout.md')));
    const created = workspace.write('node_modules/pkg/created.md', readoutText({ title: 'Readout of a Created Vendored File', date: '2023-02-04' }));
    await client.filesChanged([{ file: created, type: 'created' }]);
    assert.ok(!(await found(client, 'Readout of a Created Vendored File')).includes(workspace.uri('node_modules/pkg/created.md')));
  });

  test('a client without work-done progress: no progress, and the scan still indexes the folder', async () => {
    const quiet = await LspClient.start({ workspaceFolders: [workspace.folder], capabilities: { ...EDITOR_CAPABILITIES, window: { workDoneProgress: false } } });
    try {
      await quiet.indexed();
      assert.deepEqual(quiet.progress, []);
      assert.equal(symbolUri((await quiet.workspaceSymbols('voyagr goldn rec'))[0]), workspace.uri('archive/voyager.md'));
    } finally {
      await quiet.shutdown();
    }
  });

  // Last: it sets readout.files.
  test("a static site's page: no readout by default; readout.files naming its folder makes it one, indexed; the watchers follow", async () => {
    const post = workspace.uri('site/post.md');
    assert.ok(!(await found(client, 'static site post')).includes(post));
    client.open(post, readFileSync(workspace.path('site/post.md'), 'utf8'), 'markdown');
    assert.deepEqual((await client.nextDiagnostics(post, 1)).diagnostics, []);
    client.close(post);

    const before = client.progress.length;
    await client.changeSettings({ files: ['site/**'] });
    await client.indexed();
    // The new scan lists the same files: every .md and .txt, and what readout.files names.
    const reports = client.progress.slice(before).filter((record) => record.value.kind === 'report');
    assert.deepEqual(reports.at(-1)?.value, { kind: 'report', percentage: 100, message: '1,204/1,204' });
    // Long generated titles hold the query's letters in order too: the post is the best match.
    assert.deepEqual((await client.workspaceSymbols('static site post')).map((symbol) => [symbol.name, symbolUri(symbol)])[0], ['A Static Site Post', post]);
    assert.equal((await found(client, 'voyagr goldn rec'))[0], workspace.uri('archive/voyager.md'));
    // Opened now, inside readout.files, the post is a readout: faulted for what a readout lacks.
    client.open(post, readFileSync(workspace.path('site/post.md'), 'utf8'), 'markdown');
    assert.ok((await client.nextDiagnostics(post, 1)).diagnostics.some((diagnostic) => diagnostic.code === 'unknown-field'));
    // The watchers follow readout.files: the old registration is replaced.
    const watchers = client.activeRegistrations().filter((registration) => registration.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watchers.map((registration) => registration.registerOptions), [{ watchers: [{ globPattern: '**/*.json' }, { globPattern: '**/*.{md,txt}' }, { globPattern: 'site/**' }] }]);
    assert.equal(client.unregistrations.filter((unregistration) => unregistration.method === 'workspace/didChangeWatchedFiles').length, 1);
  });
});

describe('files the scan cannot read', () => {
  let workspace: TempWorkspace;
  let outside: TempWorkspace;
  let corpus: GeneratedReadout[];
  let client: LspClient;
  /** A link to nothing, beside the first readout. */
  let brokenLink: string;

  before(async () => {
    workspace = new TempWorkspace();
    outside = new TempWorkspace();
    corpus = await writeCorpus(workspace.folder, { count: 30, seed: 5 });
    brokenLink = `${path.posix.dirname(corpus[0].relativePath)}/broken.md`;
    // Tests run as root, whom no file mode stops: a link to nothing is a file nobody can read.
    symlinkSync('missing.md', workspace.path(brokenLink));
    symlinkSync(outside.write('linked.md', readoutText({ title: 'Readout of the Linked Meeting', date: '2023-02-05' })), workspace.path('linked.md'));
    client = await LspClient.start({ workspaceFolders: [workspace.folder] });
    await client.indexed();
  });
  after(async () => {
    await client.shutdown();
    workspace.remove();
    outside.remove();
  });

  test('a broken link does not stop the scan: every other readout is indexed, and nothing fails', async () => {
    const indexed = new Set(await found(client, ''));
    for (const readout of corpus) assert.ok(indexed.has(workspace.uri(readout.relativePath)), `${readout.relativePath} is not indexed`);
    assert.ok(!indexed.has(workspace.uri(brokenLink)));
    assert.deepEqual(client.logMessages.filter((log) => log.type === MessageType.Error), []);
  });

  test('a file event for the broken link: the server logs that it could not read it, and keeps answering', async () => {
    const broken = workspace.path(brokenLink);
    const before = await found(client, '');
    await client.filesChanged([{ file: broken, type: 'created' }]);
    assert.ok(client.logMessages.some((log) => log.message.startsWith(`Could not read ${broken}: ENOENT`)), JSON.stringify(client.logMessages));
    assert.deepEqual(await found(client, ''), before);
  });

  test('a link to a readout: the scan and a file event for it agree on whether it is indexed', async () => {
    const link = workspace.uri('linked.md');
    const afterScan = (await found(client, 'linked meeting')).includes(link);
    await client.filesChanged([{ file: workspace.path('linked.md'), type: 'changed' }]);
    const afterEvent = (await found(client, 'linked meeting')).includes(link);
    assert.equal(afterEvent, afterScan, `indexed after the scan: ${afterScan}; after a 'changed' event for the same unchanged file: ${afterEvent}`);
  });
});

describe('readouts in UTF-16 on disk, with their byte order mark', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  const LITTLE: ReadoutFields = { title: 'Readout of the Little-Endian Meeting', date: '2023-03-01' };
  const BIG: ReadoutFields = { title: 'Readout of the Big-Endian Meeting', date: '2023-03-02' };
  const CREATED: ReadoutFields = { title: 'Readout of the Meeting Saved Later', date: '2023-03-03' };
  const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

  before(async () => {
    workspace = new TempWorkspace();
    writeFileSync(workspace.path('little.md'), utf16le(readoutText(LITTLE)));
    writeFileSync(workspace.path('big.txt'), utf16be(toCrlf(readoutText(BIG))));
    client = await LspClient.start({ workspaceFolders: [workspace.folder] });
    await client.indexed();
  });
  after(async () => {
    await client.shutdown();
    workspace.remove();
  });

  test('the scan decodes them: each found by its title, its range in the decoded text', async () => {
    assert.deepEqual((await client.workspaceSymbols('little endian meeting')).map((symbol) => symbol.location), [
      { uri: workspace.uri('little.md'), range: rangeOf(readoutText(LITTLE), LITTLE.title) },
    ]);
    assert.deepEqual((await client.workspaceSymbols('big endian meeting')).map((symbol) => symbol.location), [
      { uri: workspace.uri('big.txt'), range: rangeOf(readoutText(BIG), BIG.title) },
    ]);
  });

  test('a file event decodes one too; an open copy of it is warned about the twin on disk', async () => {
    writeFileSync(workspace.path('created.md'), utf16be(readoutText(CREATED)));
    await client.filesChanged([{ file: workspace.path('created.md'), type: 'created' }]);
    assert.deepEqual(await titled(client, CREATED.title), [workspace.uri('created.md')]);
    const copy = workspace.uri('copy.md');
    const text = readoutText({ ...CREATED, time: '13:00:00-05:00' });
    client.open(copy, text, 'markdown');
    assert.deepEqual((await client.nextDiagnostics(copy, 1)).diagnostics, [duplicateWarning(text, [{ uri: workspace.uri('created.md'), text: readoutText(CREATED) }])]);
    client.close(copy);
  });
});

describe('duplicate-source-url with a workspace-only twin', () => {
  let workspace: TempWorkspace;
  let outside: TempWorkspace;
  let client: LspClient;
  const FIELDS: ReadoutFields = { title: 'Readout of President Joe Biden’s Call with Prime Minister Albanese of Australia', date: '2023-04-03' };
  const original = readoutText(FIELDS);
  // The same statement under the same URL, saved again later, with CRLF line ends and a BOM.
  const twin = withBom(toCrlf(readoutText({ ...FIELDS, time: '18:30:00-04:00' })));
  let originalUri: string;
  let twinUri: string;

  /** The publishes of the original since the last look. */
  const originalPublishes = () => client.takeDiagnostics(originalUri);

  before(async () => {
    workspace = new TempWorkspace();
    outside = new TempWorkspace();
    workspace.write('2023/original.md', original);
    workspace.write('disk/twin.md', twin);
    originalUri = workspace.uri('2023/original.md');
    twinUri = workspace.uri('disk/twin.md');
    client = await LspClient.start({ workspaceFolders: [workspace.folder] });
    await client.indexed();
    client.open(originalUri, original, 'markdown');
  });
  after(async () => {
    await client.shutdown();
    workspace.remove();
    outside.remove();
  });

  test("opened, a readout whose twin is only on disk: the warning on its source_url, related to the twin's source_url (CRLF and BOM)", async () => {
    const { diagnostics } = await client.nextDiagnostics(originalUri, 1);
    assert.deepEqual(diagnostics, [duplicateWarning(original, [{ uri: twinUri, text: twin }])]);
    assert.deepEqual(diagnostics[0].relatedInformation![0].location.range, { start: { line: 3, character: 12 }, end: { line: 3, character: 12 + urlFor(FIELDS).length } });
  });

  test('docs/rules.md has the section the warning links to', () => {
    const headings = readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8').match(/^#+ .+$/gm) ?? [];
    const anchors = new Set(headings.map((heading) => heading.replace(/^#+ /, '').toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')));
    assert.ok(anchors.has('duplicate-source-url'), 'docs/rules.md has no section for duplicate-source-url');
  });

  test('the twin changed on disk to another URL (a `changed` event): the open readout is re-published without the warning', async () => {
    originalPublishes();
    writeFileSync(workspace.path('disk/twin.md'), readoutText({ ...FIELDS, title: `${FIELDS.title} and Others` }));
    await client.filesChanged([{ file: workspace.path('disk/twin.md'), type: 'changed' }]);
    assert.deepEqual(originalPublishes(), [{ uri: originalUri, version: 1, diagnostics: [] }]);
  });

  test("a change on disk to another readout's URL re-publishes nothing here", async () => {
    writeFileSync(workspace.path('disk/twin.md'), readoutText({ ...FIELDS, title: `${FIELDS.title} and Others`, time: '19:00:00-05:00' }));
    await client.filesChanged([{ file: workspace.path('disk/twin.md'), type: 'changed' }]);
    assert.deepEqual(originalPublishes(), []);
  });

  test('a new file with the same URL (`created`) brings the warning back; deleted (`deleted`), it goes', async () => {
    const copy = workspace.write('disk/copy.md', original);
    await client.filesChanged([{ file: copy, type: 'created' }]);
    assert.deepEqual(originalPublishes(), [{ uri: originalUri, version: 1, diagnostics: [duplicateWarning(original, [{ uri: workspace.uri('disk/copy.md'), text: original }])] }]);
    unlinkSync(copy);
    await client.filesChanged([{ file: copy, type: 'deleted' }]);
    assert.deepEqual(originalPublishes(), [{ uri: originalUri, version: 1, diagnostics: [] }]);
  });

  test('a rename (deleted + created in one notification): the warning follows the file to its new name, and the index has only that one', async () => {
    const before = workspace.write('disk/before-rename.md', original);
    await client.filesChanged([{ file: before, type: 'created' }]);
    assert.deepEqual(originalPublishes().at(-1)?.diagnostics, [duplicateWarning(original, [{ uri: workspace.uri('disk/before-rename.md'), text: original }])]);

    const renamed = workspace.path('disk/after-rename.md');
    renameSync(before, renamed);
    await client.filesChanged([{ file: before, type: 'deleted' }, { file: renamed, type: 'created' }]);
    assert.deepEqual(originalPublishes().at(-1), { uri: originalUri, version: 1, diagnostics: [duplicateWarning(original, [{ uri: workspace.uri('disk/after-rename.md'), text: original }])] });
    assert.deepEqual(await titled(client, FIELDS.title), [originalUri, workspace.uri('disk/after-rename.md')].sort());

    // Renamed back in two notifications, created first: the index ends the same way.
    renameSync(renamed, before);
    await client.filesChanged([{ file: before, type: 'created' }]);
    await client.filesChanged([{ file: renamed, type: 'deleted' }]);
    assert.deepEqual(originalPublishes().at(-1)?.diagnostics, [duplicateWarning(original, [{ uri: workspace.uri('disk/before-rename.md'), text: original }])]);
    assert.deepEqual(await titled(client, FIELDS.title), [originalUri, workspace.uri('disk/before-rename.md')].sort());

    unlinkSync(before);
    await client.filesChanged([{ file: before, type: 'deleted' }]);
    assert.deepEqual(originalPublishes().at(-1)?.diagnostics, []);
  });

  test("two open documents: editing one to the other's URL publishes the warning on both; editing it back clears both", async () => {
    const aFields: ReadoutFields = { title: 'Readout of the First Open Meeting', date: '2023-04-04' };
    const bFields: ReadoutFields = { title: 'Readout of the Second Open Meeting', date: '2023-04-05' };
    const a = { uri: workspace.uri('open/a.md'), text: readoutText(aFields) };
    const b = { uri: workspace.uri('open/b.md'), text: readoutText(bFields) };
    workspace.write('open/a.md', a.text);
    workspace.write('open/b.md', b.text);
    await client.filesChanged([{ file: workspace.path('open/a.md'), type: 'created' }, { file: workspace.path('open/b.md'), type: 'created' }]);
    client.open(a.uri, a.text, 'markdown');
    client.open(b.uri, b.text, 'markdown');
    assert.deepEqual((await client.nextDiagnostics(a.uri, 1)).diagnostics, []);
    assert.deepEqual((await client.nextDiagnostics(b.uri, 1)).diagnostics, []);

    // b becomes a copy of a, published at another time: the same URL, and clean in every other way.
    const shared = readoutText({ ...aFields, time: '13:00:00-05:00' });
    const version = client.change(b.uri, shared);
    assert.deepEqual((await client.nextDiagnostics(b.uri, version)).diagnostics, [duplicateWarning(shared, [a])]);
    assert.deepEqual((await client.nextDiagnostics(a.uri, 1)).diagnostics, [duplicateWarning(a.text, [{ uri: b.uri, text: shared }])]);

    const back = client.change(b.uri, b.text);
    assert.deepEqual((await client.nextDiagnostics(b.uri, back)).diagnostics, []);
    assert.deepEqual((await client.nextDiagnostics(a.uri, 1)).diagnostics, []);
    client.close(a.uri);
    client.close(b.uri);
  });

  test("closing a document reverts the index to its disk copy: the other readout's warning clears", async () => {
    const cFields: ReadoutFields = { title: 'Readout of the Third Open Meeting', date: '2023-04-06' };
    const c = { uri: workspace.uri('open/c.md'), text: readoutText(cFields) };
    workspace.write('open/c.md', c.text);
    await client.filesChanged([{ file: workspace.path('open/c.md'), type: 'created' }]);
    originalPublishes();
    client.open(c.uri, c.text, 'markdown');
    assert.deepEqual((await client.nextDiagnostics(c.uri, 1)).diagnostics, []);

    // In the editor only, c takes the original's URL.
    const edited = readoutText({ ...FIELDS, time: '20:00:00-04:00' });
    const version = client.change(c.uri, edited);
    assert.deepEqual((await client.nextDiagnostics(c.uri, version)).diagnostics, [duplicateWarning(edited, [{ uri: originalUri, text: original }])]);
    assert.deepEqual((await client.nextDiagnostics(originalUri, 1)).diagnostics, [duplicateWarning(original, [{ uri: c.uri, text: edited }])]);

    // Closed unsaved: its disk copy, with its own URL, is the index's again.
    client.close(c.uri);
    assert.deepEqual(await client.nextDiagnostics(c.uri, null), { uri: c.uri, diagnostics: [] });
    assert.deepEqual((await client.nextDiagnostics(originalUri, 1)).diagnostics, []);
    assert.ok((await found(client, 'third open meeting')).includes(c.uri));
  });

  test('a readout opened from outside the workspace is compared with it: its warning clears when the twin is deleted', async () => {
    const fields: ReadoutFields = { title: 'Readout of the Meeting Kept Elsewhere', date: '2023-04-07' };
    const text = readoutText(fields);
    const inWorkspace = workspace.write('disk/kept.md', text);
    await client.filesChanged([{ file: inWorkspace, type: 'created' }]);
    const elsewhere = outside.uri('kept.md');
    client.open(elsewhere, text, 'markdown');
    assert.deepEqual((await client.nextDiagnostics(elsewhere, 1)).diagnostics, [duplicateWarning(text, [{ uri: workspace.uri('disk/kept.md'), text }])]);

    unlinkSync(inWorkspace);
    await client.filesChanged([{ file: inWorkspace, type: 'deleted' }]);
    // The publish, if the server makes one, has arrived by now (see filesChanged).
    assert.deepEqual(client.takeDiagnostics(elsewhere), [{ uri: elsewhere, version: 1, diagnostics: [] }]);
    client.close(elsewhere);
  });
});

describe('workspace folders added and removed', () => {
  let first: TempWorkspace;
  let second: TempWorkspace;
  let client: LspClient;
  const FIELDS: ReadoutFields = { title: 'Readout of President Joe Biden’s Meeting with President Yoon of the Republic of Korea', date: '2023-04-26' };
  const original = readoutText(FIELDS);
  const twin = readoutText({ ...FIELDS, time: '16:00:00-04:00' });
  const ONLY_IN_SECOND: ReadoutFields = { title: 'Statement from President Joe Biden on the Second Folder', date: '2023-04-27' };
  let originalUri: string;
  /** The diagnostics of the original as last published. */
  let current: Diagnostic[] = [];

  /** Takes the original's publishes since the last look; each must be of version 1. Returns how many there were. */
  function readOriginal(): number {
    const published: PublishDiagnosticsParams[] = client.takeDiagnostics(originalUri);
    for (const params of published) {
      assert.equal(params.version, 1);
      current = params.diagnostics;
    }
    return published.length;
  }

  before(async () => {
    first = new TempWorkspace();
    second = new TempWorkspace();
    first.write('original.md', original);
    second.write('twin.md', twin);
    second.write('only.md', readoutText(ONLY_IN_SECOND));
    originalUri = first.uri('original.md');
    client = await LspClient.start({ workspaceFolders: [first.folder] });
    await client.indexed();
    client.open(originalUri, original, 'markdown');
    current = (await client.nextDiagnostics(originalUri, 1)).diagnostics;
  });
  after(async () => {
    await client.shutdown();
    first.remove();
    second.remove();
  });

  test('a second folder, added: scanned, its readouts found, and its twin of an open readout warned about', async () => {
    assert.deepEqual(current, []);
    assert.deepEqual(await found(client, ONLY_IN_SECOND.title), []);
    await client.changeWorkspaceFolders({ added: [second.folder] });
    await client.indexed();
    assert.deepEqual(await found(client, ONLY_IN_SECOND.title), [second.uri('only.md')]);
    assert.equal(readOriginal(), 1);
    assert.deepEqual(current, [duplicateWarning(original, [{ uri: second.uri('twin.md'), text: twin }])]);
  });

  test('removed: its readouts are gone and the warning clears', async () => {
    await client.changeWorkspaceFolders({ removed: [second.folder] });
    assert.deepEqual(await found(client, ONLY_IN_SECOND.title), []);
    assert.equal(readOriginal(), 1);
    assert.deepEqual(current, []);
    // A file event under the removed folder is no longer the workspace's.
    await client.filesChanged([{ file: second.path('only.md'), type: 'changed' }]);
    assert.deepEqual(await found(client, ONLY_IN_SECOND.title), []);
  });

  test("a document left open in a removed folder: once edited away from the URL, the other readout's warning clears", async () => {
    await client.changeWorkspaceFolders({ added: [second.folder] });
    await client.indexed();
    const twinUri = second.uri('twin.md');
    client.open(twinUri, twin, 'markdown');
    assert.deepEqual((await client.nextDiagnostics(twinUri, 1)).diagnostics, [duplicateWarning(twin, [{ uri: originalUri, text: original }])]);
    readOriginal();
    assert.deepEqual(current, [duplicateWarning(original, [{ uri: twinUri, text: twin }])]);

    await client.changeWorkspaceFolders({ removed: [second.folder] });
    // The twin, still open, now has another title and URL: it shares nothing with the original.
    const elsewhere = readoutText({ ...FIELDS, title: 'Readout of a Meeting That Moved Away' });
    const version = client.change(twinUri, elsewhere);
    assert.deepEqual((await client.nextDiagnostics(twinUri, version)).diagnostics, []);
    await client.processed();
    readOriginal();
    assert.deepEqual(current, [], 'the original is still warned about a twin that no longer has its URL');
    assert.ok(!(await found(client, FIELDS.title)).includes(twinUri), 'the index still has the edited document under its old title');
    client.close(twinUri);
  });
});

describe('a large scan', () => {
  let archive: TempWorkspace;
  let corpus: GeneratedReadout[];
  // Enough for the scan to read its files on a thread (node/headReader.ts).
  const COUNT = 20_000;

  before(async () => {
    archive = new TempWorkspace();
    corpus = await writeCorpus(archive.folder, { count: COUNT, seed: 21 });
  });
  after(() => archive.remove());

  test('requests are answered while 20,000 readouts are scanned: completion and hover come back before the progress end', async () => {
    const client = await LspClient.start({ workspaceFolders: [archive.folder] });
    try {
      // Right after `initialized`: a readout of the archive, opened, and asked about.
      const first = corpus[0];
      const uri = archive.uri(first.relativePath);
      client.open(uri, first.text, 'markdown');
      const body = first.text.indexOf('\n \n') + 3;
      const atTitle = positionAt(first.text, first.text.indexOf('\ntitle:') + 1);
      const [hover, inBody] = await Promise.all([client.hover(uri, atTitle), client.completion(uri, positionAt(first.text, body))]);
      assert.ok(hover !== null, 'a hover over the title key');
      assert.deepEqual(inBody, { isIncomplete: false, items: [] });
      // Again once the scan is under way: after its first report, before its last.
      await client.progressWhere((record) => record.value.kind === 'report' && counts(record.value).done < counts(record.value).total);
      const during = await client.completion(uri, positionAt(first.text, first.text.indexOf('\ntags:') + '\ntags: '.length));
      assert.ok((during?.items.length ?? 0) > 0);
      await client.indexed(30_000);
      // The client's timeline is the order in which the server sent things (one stream).
      const { timeline } = client;
      const end = timeline.indexOf('progress:end');
      const answers = timeline.flatMap((event, at) => (event.startsWith('answer:textDocument/') ? [at] : []));
      assert.equal(answers.length, 3, JSON.stringify(timeline));
      assert.ok(answers.every((at) => at < end), `an answer came after the progress end: ${JSON.stringify(timeline)}`);
      assert.ok(timeline.indexOf('progress:report') < answers[2], JSON.stringify(timeline));
      assert.deepEqual(client.indexingProgress().filter((value) => value.kind === 'report').at(-1), { kind: 'report', percentage: 100, message: '20,000/20,000' });
    } finally {
      await client.shutdown();
    }
  });

  test('the files are read ahead on a thread of their own: every readout is indexed as read on the server\'s thread, and the log says so', async () => {
    const client = await LspClient.start({ workspaceFolders: [archive.folder] });
    try {
      await client.indexed(30_000);
      const log = client.logMessages.map((message) => message.message).find((message) => message.startsWith('Indexed '));
      assert.match(log ?? '', /^Indexed 20,000 readouts in 1 folder in \d+ ms \(heap \d+ MiB; 20,000 readouts in the index; files read on a thread of their own\)\.$/);
      // Readouts from the first, a middle and the last batch of the reading thread, in the scan's order.
      const inScanOrder = byDepth(corpus.map((readout) => readout.relativePath));
      for (const at of [0, 255, 256, 10_000, COUNT - 1]) {
        const readout = corpus.find((one) => one.relativePath === inScanOrder[at])!;
        assert.ok((await found(client, readout.title)).includes(archive.uri(readout.relativePath)), readout.relativePath);
      }
    } finally {
      await client.shutdown();
    }
  });

  test('a folder removed while it is being scanned stays out of the index', async () => {
    const home = new TempWorkspace();
    home.write('home.md', readoutText({ title: 'Readout of the Home Folder Meeting', date: '2023-05-01' }));
    const client = await LspClient.start({ workspaceFolders: [home.folder] });
    try {
      await client.indexed();
      const before = client.progress.length;
      await client.changeWorkspaceFolders({ added: [archive.folder] });
      await client.progressWhere((record) => record.value.kind === 'report' && counts(record.value).done < counts(record.value).total, before);
      await client.changeWorkspaceFolders({ removed: [archive.folder] });
      await client.indexed(30_000);
      const left = (await found(client, '')).filter((uri) => !uri.startsWith(fileUri(home.folder)));
      assert.equal(left.length, 0, `${left.length} (of the first 256 symbols) readouts of the removed folder are still indexed, e.g. ${left[0]}`);
    } finally {
      await client.shutdown();
      home.remove();
    }
  });
});
