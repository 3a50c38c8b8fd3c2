// A small LSP client for protocol tests: it spawns the built server and talks real JSON-RPC to it,
// as VS Code, Neovim or Helix would.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, ErrorCodes, IPCMessageReader, ResponseError, IPCMessageWriter, StreamMessageReader, StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  CodeActionRequest, CompletionRequest, ConfigurationRequest, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification, DidChangeWorkspaceFoldersNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification,
  DocumentSymbolRequest, ExitNotification, FileChangeType, HoverRequest, InitializedNotification, InitializeRequest, LogMessageNotification,
  MessageType, PublishDiagnosticsNotification, RegistrationRequest, ShowMessageNotification, ShowMessageRequest, ShutdownRequest,
  UnregistrationRequest, WorkDoneProgress, WorkDoneProgressCreateRequest, WorkspaceSymbolRequest,
  Command, type ClientCapabilities, type CodeAction, type CodeActionContext, type CompletionItem, type CompletionList, type DocumentSymbol,
  type Hover, type InitializeResult, type LogMessageParams, type Position, type ProgressToken, type PublishDiagnosticsParams, type Range,
  type Registration, type SymbolInformation, type Unregistration, type WorkDoneProgressBegin, type WorkDoneProgressEnd,
  type WorkDoneProgressReport, type WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { serverNodeOptions, WorkspaceTrustedNotification, type InitializationOptions } from '../../server/src/protocol';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_PATH = path.join(REPO_ROOT, 'server', 'out', 'server.js');

/** Long enough for a slow CI machine; a wait that runs out fails the test instead of hanging it. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The capabilities a typical editor declares: pulled configuration, dynamic registration, work-done progress. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  window: { workDoneProgress: true },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
  },
};

let cacheFolder: string | undefined;

/**
 * The user cache folder the servers of this test process see (XDG_CACHE_HOME): a server given no
 * indexStorage saves its index there, not in the home folder of whoever runs the tests.
 */
export function testCacheFolder(): string {
  if (cacheFolder === undefined) {
    const made = (cacheFolder = mkdtempSync(path.join(tmpdir(), 'readout-test-cache-')));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return cacheFolder;
}

export interface ClientOptions {
  readonly capabilities?: ClientCapabilities;
  /** Absolute paths of the workspace folders. */
  readonly workspaceFolders?: readonly string[];
  /** The `readout` section answered to `workspace/configuration` (a client without it uses pushSettings). */
  readonly settings?: unknown;
  readonly transport?: 'stdio' | 'node-ipc';
  /** Options for the server's Node process besides those the VS Code client gives it (benchmarks pass `--inspect` to read its heap). */
  readonly nodeArguments?: readonly string[];
  /** Arguments to the server after those of its transport (as the VS Code client gives `--code-cache=FOLDER`). */
  readonly serverArguments?: readonly string[];
  /**
   * LSP's initializationOptions (VS Code's client sends whether the workspace is trusted). Without
   * an `indexStorage` key, the server is given a storage folder of its own (so it starts cold);
   * `indexStorage: undefined` leaves it to the user's cache folder (XDG_CACHE_HOME, testCacheFolder).
   */
  readonly initializationOptions?: InitializationOptions;
  /**
   * The server's requests this client answers with an error, as a client may: `progress`
   * (`window/workDoneProgress/create`), `configuration` (`workspace/configuration`) and
   * `registration` (`client/registerCapability`).
   */
  readonly refuses?: readonly RefusedRequest[];
}

export type RefusedRequest = 'progress' | 'configuration' | 'registration';

/** A message the server showed, by notification or by request: a user sees both the same way. */
export interface ShownMessage {
  readonly method: string;
  readonly type: MessageType;
  readonly message: string;
}

/** One `$/progress` notification. */
export interface ProgressRecord {
  readonly token: ProgressToken;
  readonly value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
}

export type FileEventType = 'created' | 'changed' | 'deleted';

/** A file event as a client watching the registered globs reports it. */
export interface FileEvent {
  readonly file: string;
  readonly type: FileEventType;
}

const FILE_CHANGE_TYPES: Record<FileEventType, FileChangeType> = {
  created: FileChangeType.Created,
  changed: FileChangeType.Changed,
  deleted: FileChangeType.Deleted,
};

/** The title of the server's progress while it scans workspace folders. */
export const INDEXING_TITLE = 'Indexing readouts';
/** What the server logs at the end of every scan, with or without progress: indexed, or stopped for a newer scan. */
const INDEXED_LOG = /^(?:Indexed [\d,]+ readouts? in [\d,]+ folders? in \d+ ms|Stopped indexing after )/;

/** A version to wait for: a number, `null` for a publish without one (a closed document), undefined for any. */
type WantedVersion = number | null | undefined;

function isWanted(params: PublishDiagnosticsParams, version: WantedVersion): boolean {
  return version === undefined || (params.version ?? null) === version;
}

interface DiagnosticsWaiter {
  readonly uri: string;
  readonly version: WantedVersion;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
}

// An empty untitled document, open for the life of the client. The server re-checks every open
// document at the end of a reconfiguration, so a publish of the probe tells when settings are in
// effect; no sleep is needed (see settleAfter).
const SETTLE_PROBE_URI = 'untitled:settle-probe';

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

function folderOf(folder: string) {
  return { uri: fileUri(folder), name: path.basename(folder) };
}

/** `promise`, or a rejection naming `what` once `timeoutMs` have passed. */
export function within<T>(promise: Promise<T>, timeoutMs: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what()}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class LspClient {
  readonly shownMessages: ShownMessage[] = [];
  readonly logMessages: LogMessageParams[] = [];
  readonly registrations: Registration[] = [];
  readonly unregistrations: Unregistration[] = [];
  /** Every `$/progress` received, in order. */
  readonly progress: ProgressRecord[] = [];
  /**
   * What the client received, in arrival order: `progress:<kind>` for each `$/progress` and
   * `answer:<method>` for each answer to a request sent through this client. The server writes to
   * one stream, so this is also the order in which it sent them.
   */
  readonly timeline: string[] = [];
  initializeResult: InitializeResult | undefined;
  /** When the initialize answer came (performance.now()): what the benchmarks time a start from. */
  initializedAt: number | undefined;

  private settings: unknown;
  private readonly versions = new Map<string, number>();
  /** Publishes not yet taken by nextDiagnostics, per uri, in arrival order. */
  private readonly unread = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: DiagnosticsWaiter[] = [];
  private stderr = '';
  private readonly exited: Promise<number | null>;
  private bumpBeforeAnswer: (() => void) | undefined;
  /** The title of each progress the server created, by token (its `begin` names it). */
  private readonly progressTitles = new Map<ProgressToken, string>();
  private scansEnded = 0;
  private scansTaken = 0;
  /** Conditions waited on by `until`, checked whenever something arrives. */
  private readonly conditions = new Set<() => void>();
  private reportsProgress = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
    settings: unknown,
    private readonly pullsConfiguration: boolean,
    refuses: ReadonlySet<RefusedRequest>,
  ) {
    this.settings = settings;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
      this.arrived();
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));

    connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.receiveDiagnostics(params));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.bumpBeforeAnswer?.();
      this.bumpBeforeAnswer = undefined;
      if (refuses.has('configuration')) return new ResponseError<void>(ErrorCodes.InternalError, 'This client keeps its settings to itself.');
      return params.items.map((item) => (item.section === 'readout' ? this.settings : null));
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      if (refuses.has('registration')) return new ResponseError<void>(ErrorCodes.InternalError, 'This client registers nothing.');
      this.registrations.push(...params.registrations);
      this.arrived();
      return undefined;
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.shownMessages.push({ method: ShowMessageNotification.method, type: params.type, message: params.message });
    });
    connection.onRequest(ShowMessageRequest.type, (params) => {
      this.shownMessages.push({ method: ShowMessageRequest.method, type: params.type, message: params.message });
      return null;
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logMessages.push(params);
      // A client without work-done progress learns that a scan is over from the server's log.
      if (!this.reportsProgress && INDEXED_LOG.test(params.message)) this.scansEnded++;
      this.arrived();
    });
    connection.onRequest(UnregistrationRequest.type, (params) => {
      this.unregistrations.push(...params.unregisterations);
      this.arrived();
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      if (refuses.has('progress')) return new ResponseError<void>(ErrorCodes.InternalError, 'This client shows no progress.');
      connection.onProgress(WorkDoneProgress.type, token, (value) => this.receiveProgress(token, value));
      return undefined;
    });
    connection.listen();
  }

  /** The server's process id (benchmarks read its memory). */
  get pid(): number {
    return this.child.pid!;
  }

  /** Spawns the built server, initializes it, and waits until it has applied the client's settings. */
  static async start(options: ClientOptions = {}): Promise<LspClient> {
    // As the VS Code client starts it, then the test's own.
    const nodeArguments = [...serverNodeOptions(cpus().length), ...(options.nodeArguments ?? [])];
    const env = { ...process.env, XDG_CACHE_HOME: testCacheFolder() };
    const child = options.transport === 'node-ipc'
      ? fork(SERVER_PATH, ['--node-ipc', ...(options.serverArguments ?? [])], { silent: true, execArgv: [...process.execArgv, ...nodeArguments], env })
      : spawn(process.execPath, [...nodeArguments, SERVER_PATH, '--stdio', ...(options.serverArguments ?? [])], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const connection = options.transport === 'node-ipc'
      ? createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const capabilities = options.capabilities ?? EDITOR_CAPABILITIES;
    const refuses = new Set(options.refuses);
    const client = new LspClient(child, connection, options.settings ?? {}, capabilities.workspace?.configuration === true, refuses);
    client.reportsProgress = capabilities.window?.workDoneProgress === true && !refuses.has('progress');
    try {
      const folders = options.workspaceFolders ?? [];
      // A server of its own storage starts cold, whatever ran on its folders before, unless the test says otherwise.
      const initializationOptions = options.initializationOptions && 'indexStorage' in options.initializationOptions
        ? options.initializationOptions
        : { ...options.initializationOptions, indexStorage: mkdtempSync(path.join(testCacheFolder(), 'storage-')) };
      client.initializeResult = await within(connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folders.length > 0 ? fileUri(folders[0]) : null,
        workspaceFolders: folders.map(folderOf),
        capabilities,
        initializationOptions,
      }), DEFAULT_TIMEOUT_MS, () => `the initialize response${client.serverOutput()}`);
      client.initializedAt = performance.now();
      if (!client.pullsConfiguration) {
        // Without a pull, the server applies its defaults at `initialized`, before it reads the probe.
        void connection.sendNotification(InitializedNotification.type, {});
        client.open(SETTLE_PROBE_URI, '', 'markdown');
        return client;
      }
      // The server pulls the settings at `initialized`; the probe, opened in the same tick, is
      // bumped before the answer, as settleAfter does for later reconfigurations.
      const bumped = new Promise<number>((resolve) => { client.bumpBeforeAnswer = () => resolve(client.bumpProbe()); });
      void connection.sendNotification(InitializedNotification.type, {});
      client.open(SETTLE_PROBE_URI, '', 'markdown');
      await client.probePublishedTwice(await within(bumped, DEFAULT_TIMEOUT_MS, () => `the first workspace/configuration request${client.serverOutput()}`));
      return client;
    } catch (error) {
      // A server that never got going must not outlive the test and keep its process running.
      connection.dispose();
      child.kill();
      throw error;
    }
  }

  open(uri: string, text: string, languageId: string): number {
    this.versions.set(uri, 1);
    // Whatever was published for this uri before is not about this document.
    this.unread.delete(uri);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Replaces the whole text; returns the new version. */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Sends a whole-text change with the version given, as a client out of step would; the version the client tracks is left as it was. */
  changeAtVersion(uri: string, version: number, text: string): void {
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Takes the next publishDiagnostics of `uri` (of that `version`, when given), waiting for it if need be. */
  nextDiagnostics(uri: string, version?: number | null, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PublishDiagnosticsParams> {
    const queue = this.unread.get(uri) ?? [];
    while (queue.length > 0) {
      const params = queue.shift()!;
      if (isWanted(params, version)) return Promise.resolve(params);
    }
    let waiter: DiagnosticsWaiter | undefined;
    const received = new Promise<PublishDiagnosticsParams>((resolve) => {
      waiter = { uri, version, resolve };
      this.waiters.push(waiter);
    });
    const described = () => `publishDiagnostics of ${uri}${version === undefined ? '' : ` version ${version}`}${this.serverOutput()}`;
    // A waiter that timed out must not swallow a later publish.
    return within(received, timeoutMs, described).finally(() => {
      const index = this.waiters.indexOf(waiter!);
      if (index >= 0) this.waiters.splice(index, 1);
    });
  }

  /** Every publish of `uri` from now until the first of `version`, that one included. */
  async diagnosticsUntil(uri: string, version: number): Promise<PublishDiagnosticsParams[]> {
    const received: PublishDiagnosticsParams[] = [];
    for (;;) {
      const params = await this.nextDiagnostics(uri);
      received.push(params);
      if (params.version === version) return received;
    }
  }

  /** Replaces the settings, tells the server, and waits until it has applied them. */
  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.settleAfter(() => this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null }));
  }

  /** Tells the server the person has trusted the workspace, as VS Code's client does, and waits until it has reconfigured. */
  async trustWorkspace(): Promise<void> {
    await this.settleAfter(() => this.connection.sendNotification(WorkspaceTrustedNotification));
  }

  /** Sends a didChangeConfiguration that carries the settings, as clients without `workspace/configuration` do. */
  async pushSettings(settings: unknown): Promise<void> {
    await this.settleAfter(() => this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { readout: settings } }));
  }

  /**
   * Reports a changed schema file (readout.schema), as a client watching the registered globs
   * does, and waits for the reconfiguration it causes. For readouts, which cause none, use filesChanged.
   */
  async fileChanged(file: string): Promise<void> {
    await this.settleAfter(() => this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: fileUri(file), type: FileChangeType.Changed }],
    }));
  }

  /**
   * Reports created, changed or deleted readouts (not the schema: see fileChanged) and resolves
   * once the server has handled the report.
   *
   * A readout's event causes no reconfiguration, hence no probe publish, and it re-publishes only
   * the open documents whose source_url it touched, which may be none. What tells that it was
   * handled is the order of messages: the server handles one message at a time, in the order
   * sent, and the handler of didChangeWatchedFiles does all its work synchronously (it reads each
   * file's front matter with readSync, updates the index and publishes) before the next message
   * is read. So the answer to a request sent after the notification (see processed) comes after
   * that work and after every publish it made: those are already in `unread` when this resolves,
   * for takeDiagnostics or nextDiagnostics.
   */
  async filesChanged(events: readonly FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: events.map((event) => ({ uri: fileUri(event.file), type: FILE_CHANGE_TYPES[event.type] })),
    });
    await this.processed();
  }

  /**
   * Adds and removes workspace folders, and resolves once the server has handled the
   * notification (see filesChanged). A removed folder's readouts are dropped right then; an added
   * one is scanned afterwards: wait for that scan with indexed().
   */
  async changeWorkspaceFolders(change: { readonly added?: readonly string[]; readonly removed?: readonly string[] }): Promise<void> {
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: (change.added ?? []).map(folderOf), removed: (change.removed ?? []).map(folderOf) },
    });
    await this.processed();
  }

  /**
   * Resolves when the server has answered a request sent now, so after it has handled every
   * message sent before (see filesChanged). The request is a hover of a document that was never
   * opened, which the server answers at once with null and which changes nothing.
   */
  async processed(): Promise<void> {
    await this.hover('untitled:never-opened', { line: 0, character: 0 });
  }

  /**
   * Resolves when the next scan not yet waited for ends: scans are taken one by one, in the order
   * they end (the one at `initialized`, then one per added folder or change of readout.files; a
   * scan a newer one stops ends too). With work-done progress that is the progress `end`, the
   * last thing a scan sends (after the publishes of open documents whose duplicates it changed);
   * without, the server's "Indexed ..." (or "Stopped indexing ...") log line, which comes just
   * before those publishes.
   */
  indexed(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const wanted = ++this.scansTaken;
    return this.until(() => this.scansEnded >= wanted, timeoutMs, () => `the end of scan ${wanted} (${this.scansEnded} ended so far)`);
  }

  /** What the server has written to stderr so far. */
  get stderrOutput(): string {
    return this.stderr;
  }

  /** The first match of `pattern` in what the server wrote to stderr, waiting for it if need be. */
  async stderrMatch(pattern: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RegExpExecArray> {
    await this.until(() => pattern.test(this.stderr), timeoutMs, () => `${pattern} on the server's stderr`);
    return pattern.exec(this.stderr)!;
  }

  /** The first progress received, or to come, that `predicate` accepts, skipping the first `after` received. */
  async progressWhere(predicate: (record: ProgressRecord) => boolean, after = 0, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ProgressRecord> {
    const find = () => this.progress.slice(after).find(predicate);
    await this.until(() => find() !== undefined, timeoutMs, () => `a matching $/progress among ${JSON.stringify(this.progress.slice(after))}`);
    return find()!;
  }

  /** The `$/progress` values of the scans, in order, without the tokens. */
  indexingProgress(): ProgressRecord['value'][] {
    return this.progress.filter((record) => this.progressTitles.get(record.token) === INDEXING_TITLE).map((record) => record.value);
  }

  /** The registrations not unregistered since. */
  activeRegistrations(): Registration[] {
    const gone = new Set(this.unregistrations.map((unregistration) => unregistration.id));
    return this.registrations.filter((registration) => !gone.has(registration.id));
  }

  /** Every publish of `uri` received and not yet taken, taken now (none is waited for). */
  takeDiagnostics(uri: string): PublishDiagnosticsParams[] {
    const queue = this.unread.get(uri) ?? [];
    this.unread.delete(uri);
    return queue;
  }

  /**
   * Every reconfiguration ends by re-checking all open documents, the probe first (it was opened
   * first). The probe is bumped and its change's publish awaited before the trigger (the server
   * checks a change a moment later, after the messages already received), so the next publish of
   * its new version is the reconfiguration's.
   */
  private async settleAfter(trigger: () => Promise<void>): Promise<void> {
    const version = this.bumpProbe();
    await this.nextDiagnostics(SETTLE_PROBE_URI, version);
    await trigger();
    await this.nextDiagnostics(SETTLE_PROBE_URI, version);
    this.dropOthersUnread();
  }

  /** Publishes of other documents received until now predate the reconfiguration's own. */
  private dropOthersUnread(): void {
    for (const uri of this.unread.keys()) if (uri !== SETTLE_PROBE_URI) this.unread.delete(uri);
  }

  private bumpProbe(): number {
    return this.change(SETTLE_PROBE_URI, '');
  }

  private async probePublishedTwice(version: number): Promise<void> {
    await this.nextDiagnostics(SETTLE_PROBE_URI, version);
    await this.nextDiagnostics(SETTLE_PROBE_URI, version);
    this.dropOthersUnread();
  }

  /** Sends any request, its params as given (a malformed one included), and waits for the answer. */
  sendRequest(method: string, params: unknown): Promise<unknown> {
    return this.request(method, this.connection.sendRequest(method, params));
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request(HoverRequest.method, this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }));
  }

  async codeActions(uri: string, range: Range, context: CodeActionContext): Promise<CodeAction[]> {
    const result = await this.request(CodeActionRequest.method, this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context }));
    // The client declares codeActionLiteralSupport: a bare Command here is itself a finding.
    return (result ?? []).map((item) => {
      if (Command.is(item)) throw new Error(`Expected CodeAction literals, got the command ${JSON.stringify(item)}`);
      return item;
    });
  }

  /** The completion list at `position`; a bare array of items (allowed by LSP) is returned as a complete list. */
  async completion(uri: string, position: Position): Promise<CompletionList | null> {
    const result = await this.request(CompletionRequest.method, this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
    return Array.isArray(result) ? { isIncomplete: false, items: result as CompletionItem[] } : result;
  }

  /** The outline; the server answers with hierarchical DocumentSymbols, and flat SymbolInformation here is itself a finding. */
  async documentSymbols(uri: string): Promise<DocumentSymbol[]> {
    const result = await this.request(DocumentSymbolRequest.method, this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }));
    return (result ?? []).map((symbol) => {
      if (!('range' in symbol) || !('selectionRange' in symbol)) throw new Error(`Expected DocumentSymbols, got ${JSON.stringify(symbol)}`);
      return symbol as DocumentSymbol;
    });
  }

  async workspaceSymbols(query: string): Promise<(SymbolInformation | WorkspaceSymbol)[]> {
    return (await this.request(WorkspaceSymbolRequest.method, this.connection.sendRequest(WorkspaceSymbolRequest.type, { query }))) ?? [];
  }

  /** Waits for an answer, records it in the timeline as it arrives, and fails on a timeout. */
  private request<R>(method: string, answer: Promise<R>): Promise<R> {
    return within(answer.then((result) => {
      this.timeline.push(`answer:${method}`);
      return result;
    }), DEFAULT_TIMEOUT_MS, () => `the answer to ${method}${this.serverOutput()}`);
  }

  private receiveProgress(token: ProgressToken, value: ProgressRecord['value']): void {
    this.progress.push({ token, value });
    this.timeline.push(`progress:${value.kind}`);
    if (value.kind === 'begin') this.progressTitles.set(token, value.title);
    if (value.kind === 'end' && this.progressTitles.get(token) === INDEXING_TITLE) this.scansEnded++;
    this.arrived();
  }

  /** Waits until `condition` holds, checking it whenever something arrives; a wait that runs out fails. */
  private until(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
    if (condition()) return Promise.resolve();
    let check: (() => void) | undefined;
    const met = new Promise<void>((resolve) => {
      check = () => { if (condition()) resolve(); };
      this.conditions.add(check);
    });
    return within(met, timeoutMs, () => `${what()}${this.serverOutput()}`).finally(() => this.conditions.delete(check!));
  }

  private arrived(): void {
    for (const check of [...this.conditions]) check();
  }

  /** `shutdown`, then `exit`; resolves with the process's exit code. A server that does not stop is killed. */
  async shutdown(): Promise<number | null> {
    try {
      await within(this.connection.sendRequest(ShutdownRequest.type), DEFAULT_TIMEOUT_MS, () => 'the shutdown response');
      await this.connection.sendNotification(ExitNotification.type);
      return await within(this.exited, DEFAULT_TIMEOUT_MS, () => 'the server process to exit');
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    }
  }

  private receiveDiagnostics(params: PublishDiagnosticsParams): void {
    const index = this.waiters.findIndex((waiter) => waiter.uri === params.uri && isWanted(params, waiter.version));
    if (index >= 0) {
      this.waiters.splice(index, 1)[0].resolve(params);
      return;
    }
    const queue = this.unread.get(params.uri) ?? [];
    queue.push(params);
    this.unread.set(params.uri, queue);
  }

  private serverOutput(): string {
    const exit = this.child.exitCode === null ? '' : ` (the server exited with code ${this.child.exitCode})`;
    return `${exit}${this.stderr ? `\nserver stderr:\n${this.stderr}` : ''}`;
  }
}
