// The readout.* settings, pulled through workspace/configuration, and the schema file they name.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, MessageType, ShowMessageNotification, type Diagnostic } from 'vscode-languageserver-protocol';
import { BUILTIN_SCHEMA, MISSPELT_TAG, REFERENCE, replaceOnce, TAG_LINE } from './fixtures';
import { EDITOR_CAPABILITIES, fileUri, LspClient } from './lspClient';
import { rangeOf } from './textEdits';

/** The reference with a `location` field, which only the custom schema allows. */
const WITH_LOCATION = replaceOnce(REFERENCE, TAG_LINE, `location: Mexico City\n${TAG_LINE}`);

/** The built-in schema's verdict on WITH_LOCATION. */
const UNKNOWN_LOCATION = {
  code: 'unknown-field',
  severity: DiagnosticSeverity.Warning,
  message: "Unknown field 'location'. The fields are: date, modified_time, published_time, source_url, tags, title.",
  range: rangeOf(WITH_LOCATION, 'location'),
};

/** The end of the reference's source_url line. */
const REFERENCE_URL_END = 'of-canada/\n';

const summary = ({ code, severity, message, range }: Diagnostic) => ({ code, severity, message, range });

/** The built-in schema with one more allowed field. */
function schemaAllowingLocation(): string {
  const schema = structuredClone(BUILTIN_SCHEMA);
  schema.properties.location = { description: 'Where the meeting took place.' };
  return JSON.stringify(schema, null, 2);
}

describe('settings pulled through workspace/configuration', () => {
  let workspace: string;
  let client: LspClient;
  const inWorkspace = (...parts: string[]) => path.join(workspace, ...parts);

  // WordPress's suffixes start at -2.
  let copies = 1;

  /**
   * The texts these tests open are copies of the reference, which would all be duplicate-source-url
   * of each other in one workspace: each copy gets a source_url of its own, with the `-N` suffix
   * WordPress gives a repeated title, which every rule accepts.
   */
  const withOwnUrl = (text: string) => replaceOnce(text, REFERENCE_URL_END, `of-canada-${++copies}/\n`);

  /** Opens `text` as it is under `name` in the workspace and returns its first diagnostics. */
  async function openExactly(name: string, text: string): Promise<Diagnostic[]> {
    const document = fileUri(inWorkspace(name));
    client.open(document, text, 'markdown');
    return (await client.nextDiagnostics(document, 1)).diagnostics;
  }

  /** Opens a copy of `text` with its own source_url under `name` and returns its first diagnostics. */
  const openInWorkspace = (name: string, text: string) => openExactly(name, withOwnUrl(text));

  /** The diagnostics an open document gets once changed settings are applied. */
  async function diagnosticsAfter(change: Promise<void>, name: string): Promise<Diagnostic[]> {
    await change;
    return (await client.nextDiagnostics(fileUri(inWorkspace(name)), 1)).diagnostics;
  }

  before(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'readout-protocol-'));
    writeFileSync(inWorkspace('location.schema.json'), schemaAllowingLocation());
    writeFileSync(inWorkspace('broken.schema.json'), '{ "type": "object", ');
    writeFileSync(inWorkspace('remote.schema.json'), JSON.stringify({ type: 'object', properties: { date: { $ref: 'https://example.com/x.json' } } }));
    // Settings at initialize time must apply to the very first publish.
    client = await LspClient.start({ workspaceFolders: [workspace], settings: { rules: { 'unknown-value': 'warning' } } });
  });
  after(async () => {
    await client.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('the server registers for configuration changes, for JSON files (a schema is one) and for readout.files', async () => {
    // The watchers are registered before the scan starts.
    await client.indexed();
    assert.deepEqual(client.registrations.map((registration) => [registration.method, registration.registerOptions]), [
      ['workspace/didChangeConfiguration', {}],
      ['workspace/didChangeWatchedFiles', { watchers: [{ globPattern: '**/*.json' }, { globPattern: '**/*.{md,txt}' }] }],
    ]);
  });

  test('two copies of one readout with the same source_url, opened in one workspace, are duplicates of each other', async () => {
    const copy = withOwnUrl(REFERENCE);
    const [a, b] = [fileUri(inWorkspace('copy-a.md')), fileUri(inWorkspace('copy-b.md'))];
    const codeAndRelated = (diagnostics: Diagnostic[]) => diagnostics.map(({ code, relatedInformation }) => [code, relatedInformation?.map((related) => related.location.uri)]);
    assert.deepEqual(await openExactly('copy-a.md', copy), []);
    assert.deepEqual(codeAndRelated(await openExactly('copy-b.md', copy)), [['duplicate-source-url', [a]]]);
    // The first copy is checked again when the second arrives.
    assert.deepEqual(codeAndRelated((await client.nextDiagnostics(a, 1)).diagnostics), [['duplicate-source-url', [b]]]);
    client.close(a);
    client.close(b);
  });

  test("readout.rules: 'warning' makes unknown-value a Warning, 'off' drops it, removing the rule restores the Error", async () => {
    const name = 'rules.md';
    const expected = (severity: DiagnosticSeverity) => [{ code: 'unknown-value', severity, range: rangeOf(MISSPELT_TAG, 'statement-releases') }];
    const codeSeverityRange = (diagnostics: Diagnostic[]) => diagnostics.map(({ code, severity, range }) => ({ code, severity, range }));
    assert.deepEqual(codeSeverityRange(await openInWorkspace(name, MISSPELT_TAG)), expected(DiagnosticSeverity.Warning));
    assert.deepEqual(await diagnosticsAfter(client.changeSettings({ rules: { 'unknown-value': 'off' } }), name), []);
    assert.deepEqual(codeSeverityRange(await diagnosticsAfter(client.changeSettings({}), name)), expected(DiagnosticSeverity.Error));
  });

  test('readout.schema: a custom schema changes what is valid, and what hover says', async () => {
    await client.changeSettings({});
    const name = 'custom-schema.md';
    assert.deepEqual((await openInWorkspace(name, WITH_LOCATION)).map(summary), [UNKNOWN_LOCATION]);
    assert.deepEqual(await diagnosticsAfter(client.changeSettings({ schema: 'location.schema.json' }), name), []);
    const hover = await client.hover(fileUri(inWorkspace(name)), rangeOf(WITH_LOCATION, 'location').start);
    assert.deepEqual(hover?.contents, { kind: 'markdown', value: '**location**\n\nWhere the meeting took place.' });
    assert.deepEqual((await diagnosticsAfter(client.changeSettings({}), name)).map(summary), [UNKNOWN_LOCATION]);
    assert.deepEqual(client.shownMessages, []);
  });

  /** Sets a bad schema twice and returns the warnings shown and the diagnostics given meanwhile. */
  async function badSchema(setting: string, name: string) {
    await client.changeSettings({});
    await openInWorkspace(name, WITH_LOCATION);
    const before = client.shownMessages.length;
    const first = await diagnosticsAfter(client.changeSettings({ schema: setting }), name);
    // Asked again with the same broken file (any unrelated settings change), the user is not told twice.
    const second = await diagnosticsAfter(client.changeSettings({ schema: setting, rules: {} }), name);
    return { shown: client.shownMessages.slice(before), diagnostics: [first.map(summary), second.map(summary)] };
  }

  test('readout.schema naming invalid JSON: one warning, and the built-in schema still applies', async () => {
    const { shown, diagnostics } = await badSchema('broken.schema.json', 'broken-schema.md');
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.equal(shown[0].type, MessageType.Warning);
    assert.match(shown[0].message, /^The schema 'broken\.schema\.json' is not valid JSON: .+ Readouts are checked against the built-in schema\.$/);
    assert.deepEqual(diagnostics, [[UNKNOWN_LOCATION], [UNKNOWN_LOCATION]]);
  });

  test('readout.schema with a remote $ref: one warning naming the reference, and the built-in schema still applies', async () => {
    const { shown, diagnostics } = await badSchema('remote.schema.json', 'remote-schema.md');
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.equal(shown[0].type, MessageType.Warning);
    assert.ok(shown[0].message.startsWith("The schema 'remote.schema.json' refers to 'https://example.com/x.json'."), shown[0].message);
    assert.deepEqual(diagnostics, [[UNKNOWN_LOCATION], [UNKNOWN_LOCATION]]);
  });

  test('the schema warning is a window/showMessage notification, which needs no answer from the user', async () => {
    const { shown } = await badSchema('broken.schema.json', 'broken-schema-method.md');
    assert.deepEqual(shown.map((message) => message.method), [ShowMessageNotification.method]);
  });

  test('a changed schema file, reported through didChangeWatchedFiles, is reloaded', async () => {
    const file = inWorkspace('watched.schema.json');
    writeFileSync(file, schemaAllowingLocation());
    const name = 'watched-schema.md';
    await client.changeSettings({ schema: 'watched.schema.json' });
    assert.deepEqual(await openInWorkspace(name, WITH_LOCATION), []);
    writeFileSync(file, JSON.stringify(BUILTIN_SCHEMA));
    assert.deepEqual((await diagnosticsAfter(client.fileChanged(file), name)).map(summary), [UNKNOWN_LOCATION]);
  });

  test('a broken schema file, fixed on disk and reported, is used from then on', async () => {
    const file = inWorkspace('fixed-later.schema.json');
    writeFileSync(file, '{');
    const name = 'fixed-later.md';
    await client.changeSettings({ schema: 'fixed-later.schema.json' });
    assert.deepEqual((await openInWorkspace(name, WITH_LOCATION)).map(summary), [UNKNOWN_LOCATION]);
    writeFileSync(file, schemaAllowingLocation());
    assert.deepEqual(await diagnosticsAfter(client.fileChanged(file), name), []);
  });

  test("readout.schema with a pattern that backtracks for ever, ^(a+)+$: each keystroke on a title of 40 a's and a '!' answered at once", async () => {
    const file = inWorkspace('catastrophic.schema.json');
    const schema = structuredClone(BUILTIN_SCHEMA);
    (schema.properties.title as Record<string, unknown>).pattern = '^(a+)+$';
    writeFileSync(file, JSON.stringify(schema));
    const name = 'catastrophic.md';
    await client.changeSettings({ schema: 'catastrophic.schema.json' });
    const titled = (title: string) => withOwnUrl(replaceOnce(REFERENCE, REFERENCE.slice(REFERENCE.indexOf('title:'), REFERENCE.indexOf('\n---\n', REFERENCE.indexOf('title:'))), `title: ${title}`));
    const document = fileUri(inWorkspace(name));
    client.open(document, titled('a'), 'markdown');
    await client.nextDiagnostics(document, 1);
    for (const length of [30, 35, 40]) {
      const started = Date.now();
      const version = client.change(document, titled(`${'a'.repeat(length)}!`));
      const { diagnostics } = await client.nextDiagnostics(document, version);
      assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'bad-format'), JSON.stringify(diagnostics));
      assert.ok(Date.now() - started < 2_000, `${length} a's took ${Date.now() - started} ms`);
    }
    await client.changeSettings({});
  });

  test('readout.schema with a backreference: one warning naming the pattern, and the built-in schema still applies', async () => {
    writeFileSync(inWorkspace('backreference.schema.json'), JSON.stringify({ type: 'object', properties: { title: { type: 'string', pattern: '^(\\w+) \\1$' } } }));
    const { shown, diagnostics } = await badSchema('backreference.schema.json', 'backreference.md');
    assert.deepEqual(shown.map((message) => message.message), [
      "The schema 'backreference.schema.json' cannot be used: the pattern '^(\\w+) \\1$' uses a backreference (\\1), which cannot be checked in bounded time. Write it without that. Readouts are checked against the built-in schema.",
    ]);
    assert.deepEqual(diagnostics, [[UNKNOWN_LOCATION], [UNKNOWN_LOCATION]]);
  });

  test("readout.schema naming a FIFO or a file that is no JSON: one warning each, with none of the file's content, and the server keeps answering", async () => {
    execFileSync('mkfifo', [inWorkspace('pipe.schema.json')]);
    const fifo = await badSchema('pipe.schema.json', 'fifo-schema.md');
    assert.deepEqual(fifo.shown.map((message) => message.message), [
      "The schema 'pipe.schema.json' set in readout.schema cannot be used: it is a named pipe (FIFO), not a regular file, so it is not read. Readouts are checked against the built-in schema.",
    ]);
    writeFileSync(inWorkspace('environ.schema.json'), 'HOME=/root\u0000SECRET_TOKEN=abc123\u0000');
    const secret = await badSchema('environ.schema.json', 'secret-schema.md');
    assert.deepEqual(secret.shown.map((message) => message.message), [
      "The schema 'environ.schema.json' is not valid JSON: the error is at line 1, column 1. Readouts are checked against the built-in schema.",
    ]);
    assert.ok(!client.logMessages.some((log) => log.message.includes('SECRET_TOKEN')));
  });

  test("readout.urls: the editor's forms replace the built-in ones; a URL of the old ones is then checked as a URL only", async () => {
    const agency = 'https://www.agency.gov/news/{yyyy}{mm}{dd}-{slug}.html';
    const agencyUrl = replaceOnce(REFERENCE, REFERENCE.slice(REFERENCE.indexOf('https://'), REFERENCE.indexOf('\ntags:')), 'https://www.agency.gov/news/20230109-readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada.html');
    const archiveUrl = replaceOnce(REFERENCE, '/2023/01/10/', '/2023/01/09/');
    const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code);
    await client.changeSettings({ urls: [agency] });
    assert.deepEqual(codes(await openExactly('urls-agency.md', agencyUrl)), ['url-date-mismatch']);
    assert.deepEqual(codes(await openExactly('urls-archive.md', archiveUrl)), []);
    const hover = await client.hover(fileUri(inWorkspace('urls-agency.md')), rangeOf(agencyUrl, 'https://').start);
    assert.ok((hover?.contents as { value: string }).value.startsWith(`**source_url**\n\nFollows the form \`${agency}\`.`));
    // Back to the built-in forms: the archive's URL is compared again, the agency's is not.
    assert.deepEqual(codes(await diagnosticsAfter(client.changeSettings({}), 'urls-archive.md')), ['url-date-mismatch']);
    assert.deepEqual(codes((await client.nextDiagnostics(fileUri(inWorkspace('urls-agency.md')), 1)).diagnostics), []);
    client.close(fileUri(inWorkspace('urls-agency.md')));
    client.close(fileUri(inWorkspace('urls-archive.md')));
  });

  test('readout.urls with a template that cannot be one: one warning saying why, and the built-in forms apply', async () => {
    await client.changeSettings({});
    const name = 'bad-urls.md';
    const text = replaceOnce(REFERENCE, '/2023/01/10/', '/2023/01/09/');
    await openExactly(name, text);
    const before = client.shownMessages.length;
    const first = await diagnosticsAfter(client.changeSettings({ urls: ['https://a.gov/{day}/{slug}/'] }), name);
    const second = await diagnosticsAfter(client.changeSettings({ urls: ['https://a.gov/{day}/{slug}/'], rules: {} }), name);
    const shown = client.shownMessages.slice(before);
    assert.deepEqual(shown.map(({ type, message }) => [type, message]), [
      [MessageType.Warning, "readout.urls[0]: '{day}' is not a placeholder. The placeholders are {category}, {yyyy}, {mm}, {dd} and {slug}. The built-in URL forms are used."],
    ]);
    assert.deepEqual([first.map((d) => d.code), second.map((d) => d.code)], [['url-date-mismatch'], ['url-date-mismatch']]);
    await client.changeSettings({});
    client.close(fileUri(inWorkspace(name)));
  });

  /** A page of a static site: no readout field, so a readout only where readout.files says any front matter makes one. */
  const SITE_PAGE = "---\nlayout: x\ntitle: A Page\ndate: '2023-01-10'\n---\nHello.\n";

  test('by default (readout.files empty) a file is a readout by its fields, wherever it is, less node_modules and .git', async () => {
    await client.changeSettings({});
    const text = replaceOnce(REFERENCE, '---\ndate:', '---\nlayout: x\ndate:');
    assert.deepEqual((await openInWorkspace(path.join('any', 'x.txt'), text)).map((d) => d.code), ['unknown-field']);
    assert.deepEqual((await openInWorkspace(path.join('any', 'x.markdown'), text)).map((d) => d.code), ['unknown-field']);
    assert.deepEqual(await openInWorkspace(path.join('node_modules', 'pkg', 'x.md'), text), []);
    assert.deepEqual(await openExactly(path.join('any', 'page.md'), SITE_PAGE), []);
  });

  test("readout.files: ['archive/**'] makes a page without readout fields under archive/ a readout, and only there; the watchers follow", async () => {
    await client.changeSettings({ files: ['archive/**'] });
    // The folder is scanned again, after the watchers follow the setting.
    await client.indexed();
    const watchers = client.activeRegistrations().filter((registration) => registration.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watchers.map((registration) => registration.registerOptions), [{ watchers: [{ globPattern: '**/*.json' }, { globPattern: '**/*.{md,txt}' }, { globPattern: 'archive/**' }] }]);
    const expected = {
      code: 'unknown-field',
      severity: DiagnosticSeverity.Warning,
      message: "Unknown field 'layout'. The fields are: date, modified_time, published_time, source_url, tags, title.",
      range: rangeOf(SITE_PAGE, 'layout'),
    };
    const inArchive = await openExactly(path.join('archive', '2023', 'page.md'), SITE_PAGE);
    assert.deepEqual(inArchive.filter((d) => d.code === 'unknown-field').map(summary), [expected]);
    assert.deepEqual(inArchive.map((d) => d.code), ['missing-field', 'missing-field', 'missing-field', 'unknown-field']);
    assert.deepEqual(await openExactly(path.join('notes', 'page.md'), SITE_PAGE), []);
    assert.deepEqual(await openExactly('archive.md', SITE_PAGE), []);
  });

  test('readout.exclude silences a readout whatever its fields and its first key, and fix-all offers nothing there', async () => {
    await client.changeSettings({ exclude: ['drafts/**'] });
    await client.indexed();
    const name = path.join('drafts', 'misspelt.md');
    assert.deepEqual(await openInWorkspace(name, MISSPELT_TAG), []);
    const document = fileUri(inWorkspace(name));
    assert.deepEqual(await client.codeActions(document, { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } }, { diagnostics: [], only: ['source.fixAll.readout'] }), []);
    // Inside readout.files too: exclude wins.
    await client.changeSettings({ files: ['drafts/**'], exclude: ['drafts/**'] });
    assert.deepEqual((await client.nextDiagnostics(document, 1)).diagnostics, []);
    await client.changeSettings({});
    assert.deepEqual((await client.nextDiagnostics(document, 1)).diagnostics.map((d) => d.code), ['unknown-value']);
  });
});

describe('settings pushed through didChangeConfiguration, for a client without workspace/configuration', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ capabilities: { ...EDITOR_CAPABILITIES, workspace: { ...EDITOR_CAPABILITIES.workspace, configuration: false } } });
  });
  after(async () => { await client.shutdown(); });

  test("readout.rules: { 'unknown-value': 'hint' } in the notification's settings applies", async () => {
    const document = 'file:///readouts/pushed.md';
    client.open(document, MISSPELT_TAG, 'markdown');
    assert.deepEqual((await client.nextDiagnostics(document, 1)).diagnostics.map((diagnostic) => diagnostic.severity), [DiagnosticSeverity.Error]);
    await client.pushSettings({ rules: { 'unknown-value': 'hint' } });
    assert.deepEqual((await client.nextDiagnostics(document, 1)).diagnostics.map((diagnostic) => diagnostic.severity), [DiagnosticSeverity.Hint]);
  });
});

describe('a workspace the person has not trusted (VS Code restricted mode)', () => {
  let workspace: string;
  let client: LspClient;
  before(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'readout-untrusted-'));
    writeFileSync(path.join(workspace, 'location.schema.json'), schemaAllowingLocation());
    client = await LspClient.start({ workspaceFolders: [workspace], settings: { schema: 'location.schema.json' }, initializationOptions: { workspaceTrusted: false } });
  });
  after(async () => {
    await client.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('the schema the workspace names is not loaded, with one message saying so; trusting the workspace loads it', async () => {
    const document = fileUri(path.join(workspace, 'located.md'));
    client.open(document, WITH_LOCATION, 'markdown');
    assert.deepEqual((await client.nextDiagnostics(document, 1)).diagnostics.map(summary), [UNKNOWN_LOCATION]);
    assert.deepEqual(client.shownMessages.map(({ type, message }) => ({ type, message })), [{
      type: MessageType.Info,
      message: "The workspace is not trusted, so the schema it names ('location.schema.json') is not loaded: readouts are checked against the built-in schema until you trust it.",
    }]);
    await client.trustWorkspace();
    assert.deepEqual((await client.nextDiagnostics(document, 1)).diagnostics, []);
  });
});
