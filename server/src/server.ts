// The language server's entry: a thin adapter from LSP to the readout core.
// Run as `node server/out/server.js --stdio` (or `--node-ipc`); createConnection reads the flag.
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { createConnection } from 'vscode-languageserver/node';
import {
  DidChangeConfigurationNotification, MessageType, ShowMessageNotification, DidChangeWatchedFilesNotification,
  TextDocuments, TextDocumentSyncKind, CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type Diagnostic, type InitializeParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compileBuiltinSchema } from './core/builtinSchema';
import { createReadoutService, type ReadoutInput, type ReadoutService } from './core/languageService';
import { FIX_ALL_KIND, toCodeAction, toDiagnostic, toFixAllAction, toHover, toSpan } from './convert';
import { loadSchema, type LoadedSchema } from './schemaSource';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';

const RULES_DOC = pathToFileURL(path.resolve(__dirname, '..', '..', 'docs', 'rules.md')).href;
const ruleUrl = (code: string) => `${RULES_DOC}#${code.toLowerCase()}`;

/** `readout.files` less `readout.exclude`, over paths relative to a workspace folder. */
function readoutFilesMatcher(settings: Settings): (relativePath: string) => boolean {
  if (settings.files.length === 0) return () => false;
  const included = picomatch([...settings.files], { dot: true });
  const excluded = settings.exclude.length > 0 ? picomatch([...settings.exclude], { dot: true }) : () => false;
  return (relativePath) => included(relativePath) && !excluded(relativePath);
}

function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const builtin = compileBuiltinSchema();
  let settings: Settings = DEFAULT_SETTINGS;
  let loaded: LoadedSchema = { schema: builtin, file: undefined, error: undefined };
  let service: ReadoutService = createReadoutService({ schema: builtin });
  let folders: string[] = [];
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let snippetEdits = false;
  let reportedSchemaError: string | undefined;

  let matchesReadoutFiles = readoutFilesMatcher(settings);

  const input = (document: TextDocument): ReadoutInput => ({ text: document.getText(), inReadoutFiles: inReadoutFiles(document.uri) });

  /** Whether `readout.files` names the document, by its path relative to a workspace folder. */
  function inReadoutFiles(uri: string): boolean {
    if (settings.files.length === 0 || !uri.startsWith('file:')) return false;
    const file = fileURLToPath(uri);
    return folders.some((folder) => {
      const relative = path.relative(folder, file);
      return !relative.startsWith('..') && !path.isAbsolute(relative) && matchesReadoutFiles(relative.split(path.sep).join('/'));
    });
  }

  function validate(document: TextDocument): void {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = service.getDiagnostics(input(document)).map((diagnostic) => toDiagnostic(document, diagnostic, ruleUrl));
    } catch (error) {
      // A failure must clear stale diagnostics, never leave half an answer.
      connection.console.error(`Checking ${document.uri} failed: ${(error as Error).stack ?? error}`);
      diagnostics = [];
    }
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  async function reconfigure(): Promise<void> {
    if (canPullConfiguration) settings = normalizeSettings(await connection.workspace.getConfiguration('readout'));
    loaded = await loadSchema(settings.schema, folders[0], builtin);
    if (loaded.error && loaded.error !== reportedSchemaError) {
      connection.console.warn(loaded.error);
      // A notification, not a request: nothing for the person to answer.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `${loaded.error} Readouts are checked against the built-in schema.` });
    }
    reportedSchemaError = loaded.error;
    matchesReadoutFiles = readoutFilesMatcher(settings);
    service = createReadoutService({ schema: loaded.schema, rules: settings.rules });
    documents.all().forEach(validate);
  }

  connection.onInitialize((params: InitializeParams) => {
    folders = (params.workspaceFolders ?? []).map((folder) => fileURLToPath(folder.uri));
    if (folders.length === 0 && params.rootUri) folders = [fileURLToPath(params.rootUri)];
    const capabilities = params.capabilities;
    canPullConfiguration = capabilities.workspace?.configuration === true;
    canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    snippetEdits = capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
    settings = normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      },
      serverInfo: { name: 'readout-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.json' }] });
    await reconfigure();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!canPullConfiguration) settings = normalizeSettings((change.settings as { readout?: unknown } | undefined)?.readout);
    await reconfigure();
  });

  connection.onDidChangeWatchedFiles(async (change) => {
    const schemaFile = loaded.file;
    if (schemaFile && change.changes.some((event) => event.uri.startsWith('file:') && path.resolve(fileURLToPath(event.uri)) === schemaFile)) await reconfigure();
  });

  // Fires on open as well as on every change: each version is checked at once, with no debounce.
  documents.onDidChangeContent((event) => validate(event.document));
  documents.onDidClose((event) => void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));

  /** Runs a request handler; a failure is logged and answered with the empty result, never half an answer. */
  function guarded<P, R>(name: string, empty: R, handler: (params: P) => R): (params: P) => R {
    return (params) => {
      try {
        return handler(params);
      } catch (error) {
        connection.console.error(`${name} failed: ${(error as Error).stack ?? error}`);
        return empty;
      }
    };
  }

  connection.onHover(guarded('Hover', null, (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const hover = service.getHover(input(document), document.offsetAt(params.position));
    return hover ? toHover(document, hover) : null;
  }));

  connection.onCodeAction(guarded<CodeActionParams, CodeAction[]>('Code actions', [], (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    // Quick fixes unless asked otherwise; "fix all" only when a source action is asked for (Source Action menu, on save).
    const wants = (kind: string) => (only ? only.some((requested) => kind === requested || kind.startsWith(`${requested}.`)) : kind === CodeActionKind.QuickFix);
    const actions: CodeAction[] = [];
    const text = input(document);
    if (wants(CodeActionKind.QuickFix)) {
      for (const action of service.getCodeActions(text, toSpan(document, params.range))) {
        actions.push(toCodeAction(document, action, toDiagnostic(document, action.diagnostic, ruleUrl), snippetEdits));
      }
    }
    if (wants(FIX_ALL_KIND)) {
      const edit = service.getFixAllEdit(text);
      if (edit) actions.push(toFixAllAction(document, edit));
    }
    return actions;
  }));

  documents.listen(connection);
  connection.listen();
}

startServer(createConnection());
