// The language server's entry: a thin adapter from LSP to the readout core.
// Run as `node server/out/server.js --stdio` (or `--node-ipc`); createConnection reads the flag.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection } from 'vscode-languageserver/node';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ErrorCodes, FileChangeType, MessageType,
  ResponseError, ShowMessageNotification, TextDocuments, TextDocumentSyncKind,
  type CodeAction, type CodeActionParams, type Connection, type Diagnostic, type Disposable, type FileSystemWatcher, type InitializeParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { compileBuiltinSchema } from '../core/builtinSchema';
import { createReadoutService, type ReadoutInput, type ReadoutService } from '../core/languageService';
import { layoutMode } from '../core/layoutRule';
import { BUILTIN_URL_TEMPLATES, parseUrlTemplates } from '../core/urlTemplates';
import { createWorkspaceIndex } from '../core/workspaceIndex';
import {
  FIX_ALL_KIND, toCodeAction, toCompletionList, toDiagnostic, toDocumentSymbol, toFixAllAction, toHover, toSpan, toWorkspaceSymbol,
} from './convert';
import { loadSchema, type LoadedSchema } from '../node/schemaSource';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../node/settings';
import { createIndexer, type FileChange } from './workspaceIndexer';
import { createPlacer, listedGlobs, NOWHERE, type FilePlace } from '../node/readoutFiles';
import { DocumentInfoRequest, PreviewRequest, WorkspaceTrustedNotification, type InitializationOptions } from '../protocol';
import { CONFIG_FILE_NAME, findConfig, layerSettings, loadConfig } from '../node/config';
import { version } from '../../../package.json';

const RULES_DOC = pathToFileURL(path.resolve(__dirname, '..', '..', 'docs', 'rules.md')).href;
const ruleUrl = (code: string) => `${RULES_DOC}#${code.toLowerCase()}`;

const FILE_CHANGES: Record<number, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);

  /**
   * An async listener whose failure is logged: the connection does not wait on a notification's
   * handler, so a rejection would otherwise go unhandled and end the process.
   */
  function logged<A extends unknown[]>(what: string, listener: (...args: A) => Promise<unknown>): (...args: A) => void {
    return (...args) => {
      listener(...args).catch((error: unknown) => connection.console.error(`${what} failed: ${(error as Error).stack ?? error}`));
    };
  }
  // Where the session is: requests are answered only between `initialize` and `shutdown`.
  let lifecycle: 'starting' | 'running' | 'shut down' = 'starting';
  const index = createWorkspaceIndex();
  const builtin = compileBuiltinSchema();
  // What the editor says (settings pulled or pushed), and what is in force: those over .readoutrc.json.
  let editorSettings: Settings = DEFAULT_SETTINGS;
  let settings: Settings = DEFAULT_SETTINGS;
  let loaded: LoadedSchema = { schema: builtin, file: undefined, error: undefined };
  let service: ReadoutService = createReadoutService({ schema: builtin, index });
  let folders: string[] = [];
  let placer = createPlacer(settings);
  let watchers: Disposable | undefined;
  // What the watchers registered watch, so that an unchanged set is not registered again.
  let watched: string | undefined;
  // The .readoutrc.json in force, if any: it may lie above the workspace folders.
  let configFile: string | undefined;
  let reportedSchemaError: string | undefined;
  // Until the person trusts the workspace (VS Code's restricted mode), no schema it names is loaded.
  let workspaceTrusted = true;
  let reportedUntrustedSchema: string | undefined;
  let reportedConfigError: string | undefined;
  // The message last shown for each setting that could not be used: shown again only when it changes.
  const reportedSettingErrors = new Map<string, string | undefined>();
  const client = { pullsConfiguration: false, watchesFiles: false, relativePatterns: false, snippetEdits: false, snippetCompletions: false, labelDetails: false, progress: false, workspaceFolders: false, renamesFiles: false, disabledActions: false };

  /**
   * Where readout.files and readout.exclude put a file, by its path relative to the workspace
   * folders that hold it, and whether the workspace's scan lists it. A file outside them is placed
   * nowhere: its fields decide.
   */
  function place(file: string): FilePlace & { listed: boolean } {
    let inReadoutFiles = false;
    let excluded = false;
    let listed = false;
    for (const folder of folders) {
      const relative = path.relative(folder, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const portable = relative.split(path.sep).join('/');
      const placed = placer.place(portable);
      inReadoutFiles ||= placed.inReadoutFiles;
      excluded ||= placed.excluded;
      listed ||= placer.listed(portable);
    }
    return excluded ? { inReadoutFiles: false, excluded, listed: false } : { inReadoutFiles, excluded, listed };
  }

  const placeOf = (document: TextDocument) => (document.uri.startsWith('file:') ? place(URI.parse(document.uri).fsPath) : { ...NOWHERE, listed: false });

  const input = (document: TextDocument, placed = placeOf(document)): ReadoutInput & { uri: string } => ({
    uri: document.uri,
    text: document.getText(),
    inReadoutFiles: placed.inReadoutFiles,
    excluded: placed.excluded,
  });

  const indexer = createIndexer({
    index,
    isOpen: (uri) => documents.get(uri) !== undefined,
    service: () => service,
    settings: () => settings,
    place,
    onUrlsChanged: (urls) => recheckSharing(urls, undefined),
    log: (message) => connection.console.log(message),
  });

  // The source_url of each open readout, those outside the workspace (and its index) included.
  const openUrls = new Map<string, string>();

  /** Checks the open documents whose source_url is among `urls` (a duplicate may have come or gone). */
  function recheckSharing(urls: ReadonlySet<string>, except: string | undefined): void {
    for (const document of documents.all()) {
      const url = openUrls.get(document.uri);
      if (document.uri !== except && url !== undefined && urls.has(url)) publish(document);
    }
  }

  /** Checks a document and publishes its diagnostics; `readout` when the caller has already made its input. */
  function publish(document: TextDocument, readout: ReadoutInput = input(document)): void {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = service.getDiagnostics(readout).map((diagnostic) => toDiagnostic(document, diagnostic, ruleUrl));
    } catch (error) {
      // A failure must clear stale diagnostics, never leave half an answer.
      connection.console.error(`Checking ${document.uri} failed: ${(error as Error).stack ?? error}`);
      diagnostics = [];
    }
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  /**
   * Brings an open document's index entry and URL up to date with its text and with where the
   * settings put it; returns the URLs it had and has, whose sharers may need checking again.
   */
  function reindexOpen(document: TextDocument, placed: FilePlace & { listed: boolean }, readout: ReadoutInput & { uri: string }): Set<string> {
    const before = openUrls.get(document.uri);
    try {
      // One parse serves the entry, this check and the diagnostics after (the service keeps the last).
      const entry = service.getEntry(readout);
      // While a readout does not parse (mid-edit), it keeps its last URL and entry.
      const gone = !entry && !service.isReadout(readout);
      if (entry?.sourceUrl) openUrls.set(document.uri, entry.sourceUrl.value);
      else if (entry || gone) openUrls.delete(document.uri);
      // The index holds the readouts among the files the workspace's scan lists; a file opened from
      // elsewhere is compared with them but is not one of them.
      if (!placed.listed || gone) index.delete(document.uri);
      else if (entry) index.set(entry);
    } catch (error) {
      connection.console.error(`Indexing ${document.uri} failed: ${(error as Error).stack ?? error}`);
    }
    const after = openUrls.get(document.uri);
    return new Set([before, after].filter((url): url is string => url !== undefined));
  }

  /** An edited document: its index entry comes from the editor, then it and the documents sharing its URL are checked. */
  function documentChanged(document: TextDocument): void {
    const placed = placeOf(document);
    const readout = input(document, placed);
    const urls = reindexOpen(document, placed, readout);
    publish(document, readout);
    if (urls.size > 0) recheckSharing(urls, document.uri);
  }

  /** The client's progress bar, or none: a client may refuse to make one, and the scan goes on without. */
  async function createProgress() {
    if (!client.progress) return undefined;
    try {
      return await connection.window.createWorkDoneProgress();
    } catch (error) {
      connection.console.log(`The client refused a progress report (${(error as Error).message}): indexing without one.`);
      return undefined;
    }
  }

  async function scan(scanned: readonly string[]): Promise<void> {
    const progress = await createProgress();
    progress?.begin('Indexing readouts', 0, undefined, false);
    let reported = 0;
    try {
      await indexer.scan(scanned, ({ scanned: done, total }) => {
        // A report per 1% is plenty for a progress bar and cheap for the connection.
        if (done !== total && done - reported < Math.max(250, total / 100)) return;
        reported = done;
        progress?.report(total === 0 ? 100 : Math.floor((done / total) * 100), `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
      });
    } catch (error) {
      connection.console.error(`Indexing failed: ${(error as Error).stack ?? error}`);
    } finally {
      progress?.done();
    }
  }

  /**
   * Registers the watchers again when what they must watch has changed: the schema override is
   * JSON, readouts are among the files a scan lists, and the configuration file and the schema may
   * lie outside the workspace, where a workspace-relative glob never reaches.
   */
  async function watch(): Promise<void> {
    if (!client.watchesFiles) return;
    const outside = client.relativePatterns ? [configFile, loaded.file].filter((file): file is string => file !== undefined && !inWorkspace(file)) : [];
    const fileWatchers: FileSystemWatcher[] = [
      ...['**/*.json', ...listedGlobs(settings)].map((globPattern) => ({ globPattern })),
      ...[...new Set(outside)].map((file) => ({ globPattern: { baseUri: URI.file(path.dirname(file)).toString(), pattern: path.basename(file) } })),
    ];
    const wanted = JSON.stringify(fileWatchers);
    if (wanted === watched) return;
    watched = wanted;
    const previous = watchers;
    watchers = undefined;
    previous?.dispose();
    watchers = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: fileWatchers });
  }

  const inWorkspace = (file: string) => folders.some((folder) => {
    const relative = path.relative(folder, file);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  });

  /** Reads the settings and the schema again and re-checks open documents; true when the files to index changed. */
  async function reconfigure(): Promise<boolean> {
    const previous = settings;
    if (client.pullsConfiguration) editorSettings = normalizeSettings(await connection.workspace.getConfiguration('readout'));
    // The same .readoutrc.json the CLI reads, nearest at or above the first folder; the editor's settings win.
    configFile = folders[0] ? findConfig(folders[0]) : undefined;
    const config = configFile ? loadConfig(configFile) : undefined;
    const configError = config && 'error' in config ? config.error : undefined;
    if (configError && configError !== reportedConfigError) {
      connection.console.warn(configError);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `${configError} The editor's settings are used.` });
    }
    reportedConfigError = configError;
    const layered = layerSettings(config && 'config' in config ? config.config : undefined, editorSettings, folders[0] ?? process.cwd());
    settings = layered.settings;
    const untrustedSchema = workspaceTrusted ? undefined : settings.schema || undefined;
    if (untrustedSchema && untrustedSchema !== reportedUntrustedSchema) {
      const message = `The workspace is not trusted, so the schema it names ('${untrustedSchema}') is not loaded: readouts are checked against the built-in schema until you trust it.`;
      connection.console.info(message);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
    }
    reportedUntrustedSchema = untrustedSchema;
    loaded = loadSchema(untrustedSchema ? '' : settings.schema, layered.schemaFolder, builtin);
    if (loaded.error && loaded.error !== reportedSchemaError) {
      connection.console.warn(loaded.error);
      // A notification, not a request: nothing for the person to answer.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `${loaded.error} Readouts are checked against the built-in schema.` });
    }
    reportedSchemaError = loaded.error;
    placer = createPlacer(settings);
    // A bad template in .readoutrc.json is a configuration error above: these are the editor's.
    const urls = parseUrlTemplates(settings.urls);
    warnOfSetting('urls', 'error' in urls ? `readout.${urls.error} The built-in URL forms are used.` : undefined);
    const layout = layoutMode(settings.layout);
    warnOfSetting('layout', 'error' in layout ? `readout.${layout.error} The layout is checked as with 'auto'.` : undefined);
    service = createReadoutService({
      schema: loaded.schema, rules: settings.rules, urls: 'templates' in urls ? urls.templates : BUILTIN_URL_TEMPLATES, layout: 'error' in layout ? { mode: 'auto' } : layout, index,
    });
    // Open documents are placed again too: the settings may have moved one into or out of the index.
    for (const document of documents.all()) reindexOpen(document, placeOf(document), input(document));
    documents.all().forEach((document) => publish(document));
    await watch();
    return String(previous.files) !== String(settings.files) || String(previous.exclude) !== String(settings.exclude);
  }

  function warnOfSetting(setting: string, error: string | undefined): void {
    if (error && error !== reportedSettingErrors.get(setting)) {
      connection.console.warn(error);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: error });
    }
    reportedSettingErrors.set(setting, error);
  }

  async function indexWorkspace(): Promise<void> {
    await scan(folders);
  }

  connection.onInitialize((params: InitializeParams) => {
    lifecycle = 'running';
    folders = (params.workspaceFolders ?? []).map((folder) => URI.parse(folder.uri).fsPath);
    if (folders.length === 0 && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    const capabilities = params.capabilities;
    client.pullsConfiguration = capabilities.workspace?.configuration === true;
    client.watchesFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    client.relativePatterns = capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
    client.snippetEdits = capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
    client.snippetCompletions = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    client.labelDetails = capabilities.textDocument?.completion?.completionItem?.labelDetailsSupport === true;
    client.progress = capabilities.window?.workDoneProgress === true;
    client.workspaceFolders = capabilities.workspace?.workspaceFolders === true;
    client.renamesFiles = capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('rename') === true;
    client.disabledActions = capabilities.textDocument?.codeAction?.disabledSupport === true;
    const options = params.initializationOptions as (InitializationOptions & { settings?: unknown }) | undefined;
    workspaceTrusted = options?.workspaceTrusted !== false;
    editorSettings = normalizeSettings(options?.settings);
    settings = editorSettings;
    placer = createPlacer(settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        // A space after `key:`, a dash of a list item, or the quote of a title starts a value.
        completionProvider: { triggerCharacters: [' ', '-', '"', "'"], resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'readout-language-server', version },
    };
  });

  connection.onInitialized(logged('Starting', async () => {
    if (client.pullsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (client.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(logged('Changing workspace folders', async (event) => {
      const removed = event.removed.map((folder) => URI.parse(folder.uri).fsPath);
      const added = event.added.map((folder) => URI.parse(folder.uri).fsPath);
      folders = [...folders.filter((folder) => !removed.includes(folder)), ...added];
      removed.forEach((folder) => indexer.dropFolder(folder));
      if (added.length > 0) await scan(added);
    }));
    await reconfigure();
    await indexWorkspace();
  }));

  connection.onNotification(WorkspaceTrustedNotification, logged('Applying workspace trust', async () => {
    workspaceTrusted = true;
    if (await reconfigure()) await indexWorkspace();
  }));

  connection.onDidChangeConfiguration(logged('Applying the settings', async (change) => {
    if (!client.pullsConfiguration) editorSettings = normalizeSettings((change.settings as { readout?: unknown } | undefined)?.readout);
    if (await reconfigure()) await indexWorkspace();
  }));

  connection.onDidChangeWatchedFiles(logged('Handling file events', async (change) => {
    let configurationChanged = false;
    for (const event of change.changes) {
      if (!event.uri.startsWith('file:')) continue;
      const file = URI.parse(event.uri).fsPath;
      if (file === loaded.file || path.basename(file) === CONFIG_FILE_NAME) configurationChanged = true;
      else await indexer.fileChanged(file, FILE_CHANGES[event.type]);
    }
    if (configurationChanged && (await reconfigure())) await indexWorkspace();
  }));

  // Fires on open as well as on every change: each version is checked at once, with no debounce.
  documents.onDidChangeContent((event) => documentChanged(event.document));
  documents.onDidClose((event) => {
    openUrls.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    // The disk copy is the index's again.
    if (event.document.uri.startsWith('file:')) logged('Re-reading a closed document', indexer.fileChanged)(URI.parse(event.document.uri).fsPath, 'changed');
  });

  /** The error LSP asks for a request outside the session, or undefined inside it. */
  function outOfSession(): ResponseError<void> | undefined {
    if (lifecycle === 'starting') return new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized: send initialize first.');
    if (lifecycle === 'shut down') return new ResponseError(ErrorCodes.InvalidRequest, 'The server has been shut down: only exit is expected now.');
    return undefined;
  }

  connection.onShutdown(() => {
    const refused = outOfSession();
    if (!refused) lifecycle = 'shut down';
    return refused;
  });
  // A request no handler takes: outside the session its error is the session's, not MethodNotFound.
  connection.onRequest((method) => outOfSession() ?? new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`));

  /**
   * Runs a request handler inside the session; a failure is logged and answered with an error,
   * never half an answer, and the server goes on.
   */
  function guarded<P, R>(name: string, handler: (params: P) => R): (params: P) => R | ResponseError<void> {
    return (params) => {
      const refused = outOfSession();
      if (refused) return refused;
      try {
        return handler(params);
      } catch (error) {
        connection.console.error(`${name} failed: ${(error as Error).stack ?? error}`);
        return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(error as Error).message}`);
      }
    };
  }

  connection.onHover(guarded('Hover', (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const hover = service.getHover(input(document), document.offsetAt(params.position));
    return hover ? toHover(document, hover) : null;
  }));

  connection.onCodeAction(guarded<CodeActionParams, CodeAction[]>('Code actions', (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    // Quick fixes unless asked otherwise; "fix all" only when a source action is asked for (Source Action menu, on save).
    const wants = (kind: string) => (only ? only.some((requested) => kind === requested || kind.startsWith(`${requested}.`)) : kind === CodeActionKind.QuickFix);
    const actions: CodeAction[] = [];
    const text = input(document);
    if (wants(CodeActionKind.QuickFix)) {
      for (const action of service.getCodeActions(text, toSpan(document, params.range))) {
        const move = action.fix.rename;
        // Moving a file needs a client that renames files, and is refused over one already there.
        if (move && !client.renamesFiles) continue;
        const taken = move !== undefined && existsSync(URI.parse(move.newUri).fsPath);
        if (taken && !client.disabledActions) continue;
        const codeAction = toCodeAction(document, action, toDiagnostic(document, action.diagnostic, ruleUrl), client.snippetEdits);
        actions.push(taken ? { ...codeAction, edit: undefined, disabled: { reason: `A file is already at ${URI.parse(move.newUri).fsPath}: move or rename it first.` } } : codeAction);
      }
    }
    if (wants(FIX_ALL_KIND)) {
      const edit = service.getFixAllEdit(text);
      if (edit) actions.push(toFixAllAction(document, edit));
    }
    return actions;
  }));

  connection.onCompletion(guarded('Completion', (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return toCompletionList(document, service.getCompletions(input(document), document.offsetAt(params.position)), client.snippetCompletions, client.labelDetails);
  }));

  connection.onDocumentSymbol(guarded('Document symbols', (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return service.getDocumentSymbols(input(document)).map((symbol) => toDocumentSymbol(document, symbol));
  }));

  connection.onWorkspaceSymbol(guarded('Workspace symbols', (params) => service.getWorkspaceSymbols(params.query).map(toWorkspaceSymbol)));

  connection.onRequest(PreviewRequest, guarded('Preview', (params) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    return { ...service.getPreview(input(document), { remoteImages: params.remoteImages === true }), version: document.version };
  }));

  connection.onRequest(DocumentInfoRequest, guarded('Document info', (params) => {
    const document = documents.get(params.uri);
    if (!document) return { isReadout: false, title: undefined };
    const readout = input(document);
    return { isReadout: service.isReadout(readout), title: service.getEntry(readout)?.title?.value };
  }));

  // A change must be newer than the document: an older one (messages out of order, a client's
  // bug) would leave the server checking a text the editor no longer has.
  documents.listen({
    ...connection,
    onDidChangeTextDocument: (handler) => connection.onDidChangeTextDocument((change) => {
      const { uri, version } = change.textDocument;
      const current = documents.get(uri);
      if (current && version <= current.version) {
        connection.console.warn(`Ignored a change of ${uri} to version ${version}: it has version ${current.version} already, and a change must be newer.`);
        return;
      }
      handler(change);
    }),
  });
  connection.listen();
}

const connection = createConnection();
// The last net: whatever promise no listener awaited is logged, and the server goes on.
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${(reason as Error)?.stack ?? reason}`));
startServer(connection);
