// The language server's entry: the connection, and the wiring of the pieces that each own a part of
// its state (session, configuration, open documents, indexing, request handlers).
// Run as `node server/out/server.js --stdio` (or `--node-ipc`); createConnection reads the flag.
import { createConnection } from 'vscode-languageserver/node';
import {
  CodeActionKind, DidChangeConfigurationNotification, ErrorCodes, ResponseError, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createWorkspaceIndex } from '../core/workspaceIndex';
import { WorkspaceTrustedNotification, type InitializationOptions } from '../protocol';
import { version } from '../../../package.json';
import { readClientSupport } from './clientSupport';
import { createConfiguration } from './configuration';
import { FIX_ALL_KIND } from './convert';
import { createOpenDocuments } from './documents';
import { registerHandlers } from './handlers';
import { createIndexing } from './indexing';
import { createActivity } from './idleWork';
import { describeError, logged } from './logging';
import { createSession, type Session } from './session';
import { warmUpAfterScan, warmUpChecks, warmUpSearches } from './warmUp';
import { WorkspaceFolders } from './workspaceFolders';

const fsPath = (uri: string) => URI.parse(uri).fsPath;

const SERVER_CAPABILITIES: InitializeResult['capabilities'] = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
  // A space after `key:`, a dash of a list item, or the quote of a title starts a value.
  completionProvider: { triggerCharacters: [' ', '-', '"', "'"], resolveProvider: false },
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

/** Builds the pieces for the workspace and client `initialize` names, and wires them to the connection. */
function startSession(connection: Connection, documents: TextDocuments<TextDocument>, session: Session, params: InitializeParams): { saveIndex(): void } {
  const support = readClientSupport(params.capabilities);
  const folderPaths = (params.workspaceFolders ?? []).map((folder) => fsPath(folder.uri));
  const folders = new WorkspaceFolders(folderPaths.length === 0 && params.rootUri ? [fsPath(params.rootUri)] : folderPaths);
  const index = createWorkspaceIndex({ titlesFromStart: true });
  const options = params.initializationOptions as (InitializationOptions & { settings?: unknown }) | undefined;
  const configuration = createConfiguration({ connection, support, folders, index, initialSettings: options?.settings, trusted: options?.workspaceTrusted !== false });
  const openDocuments = createOpenDocuments({ connection, documents, configuration, index });
  const activity = createActivity();
  const indexing = createIndexing({ connection, support, folders, index, configuration, openDocuments, activity, storageFolder: options?.indexStorage, version });
  registerHandlers({
    connection, session, support, documents, configuration,
    beforeRequest: () => {
      activity.touch();
      openDocuments.catchUp();
    },
  });
  // With no folder, the first edits may come at once: the checks are warmed up before `initialize`
  // is answered. With folders, after the first scan, which they would otherwise delay.
  const warmUpAtStart = folders.all.length === 0;
  if (warmUpAtStart) warmUpChecks(configuration.service());

  /** Applies the settings again: open documents re-placed and re-checked, watchers renewed; true when the files to index changed. */
  async function reconfigure(): Promise<boolean> {
    const filesChanged = await configuration.reload();
    openDocuments.reconfigured();
    await configuration.watch();
    return filesChanged;
  }

  connection.onInitialized(logged(connection, 'Starting', async () => {
    if (support.pullsConfiguration) {
      connection.client.register(DidChangeConfigurationNotification.type, undefined).catch((error: unknown) => {
        connection.console.warn(`The client refused to report settings changes (${(error as Error).message}): a change may go unnoticed until the next start.`);
      });
    }
    if (support.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(logged(connection, 'Changing workspace folders', async (event) => {
      const removed = event.removed.map((folder) => fsPath(folder.uri));
      const added = event.added.map((folder) => fsPath(folder.uri));
      folders.change(added, removed);
      await indexing.foldersChanged(added, removed);
    }));
    await reconfigure();
    await indexing.scanWorkspace();
    if (!warmUpAtStart) {
      warmUpSearches(configuration.service(), index);
      warmUpAfterScan(configuration.service, openDocuments.edits, (error) => connection.console.error(`Warming up the checks failed: ${describeError(error)}`));
    }
  }));

  connection.onNotification(WorkspaceTrustedNotification, logged(connection, 'Applying workspace trust', async () => {
    configuration.trust();
    if (await reconfigure()) await indexing.scanWorkspace();
  }));

  connection.onDidChangeConfiguration(logged(connection, 'Applying the settings', async (change) => {
    configuration.settingsPushed((change.settings as { readout?: unknown } | undefined)?.readout);
    if (await reconfigure()) await indexing.scanWorkspace();
  }));

  connection.onDidChangeWatchedFiles(logged(connection, 'Handling file events', async (change) => {
    const onDisk = change.changes.filter((event) => event.uri.startsWith('file:'));
    const settingsFiles = onDisk.filter((event) => configuration.isSettingsFile(fsPath(event.uri)));
    await indexing.filesChanged(onDisk.filter((event) => !settingsFiles.includes(event)));
    if (settingsFiles.length > 0 && (await reconfigure())) await indexing.scanWorkspace();
  }));

  // Fires on open as well as on every change: each version is checked at once, with no debounce.
  documents.onDidChangeContent((event) => {
    activity.touch();
    openDocuments.changed(event.document);
  });
  documents.onDidClose((event) => {
    openDocuments.closed(event.document);
    logged(connection, 'Re-reading a closed document', indexing.documentClosed)(event.document.uri);
  });
  return { saveIndex: indexing.saveIndex };
}

function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const session = createSession();

  let started: { saveIndex(): void } | undefined;
  connection.onInitialize((params) => {
    session.start();
    started = startSession(connection, documents, session, params);
    return { capabilities: SERVER_CAPABILITIES, serverInfo: { name: 'readout-language-server', version } };
  });
  connection.onShutdown(() => {
    const refused = session.shutDown();
    if (!refused) started?.saveIndex();
    return refused;
  });
  // A request no handler takes (any, before `initialize`): outside the session its error is the session's, not MethodNotFound.
  connection.onRequest((method) => session.refusal() ?? new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`));

  // A change must be newer than the document: an older one (messages out of order, a client's
  // bug) would leave the server checking a text the editor no longer has.
  documents.listen({
    ...connection,
    onDidChangeTextDocument: (handler) => connection.onDidChangeTextDocument((change) => {
      const { uri, version: changed } = change.textDocument;
      const current = documents.get(uri);
      if (current && changed <= current.version) {
        connection.console.warn(`Ignored a change of ${uri} to version ${changed}: it has version ${current.version} already, and a change must be newer.`);
        return;
      }
      handler(change);
    }),
  });
  connection.listen();
}

const connection = createConnection();
// The last net: a rejection no listener handled is logged, and the server goes on.
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${describeError(reason)}`));
startServer(connection);
