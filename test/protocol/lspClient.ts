// A small LSP client for protocol tests: it spawns the built server and talks real JSON-RPC to it,
// as VS Code, Neovim or Helix would.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  CodeActionRequest, ConfigurationRequest, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification,
  FileChangeType, HoverRequest, InitializedNotification, InitializeRequest, LogMessageNotification, MessageType,
  PublishDiagnosticsNotification, RegistrationRequest, ShowMessageNotification, ShowMessageRequest, ShutdownRequest,
  Command, type ClientCapabilities, type CodeAction, type CodeActionContext, type Hover, type InitializeResult,
  type LogMessageParams, type Position, type PublishDiagnosticsParams, type Range, type Registration,
} from 'vscode-languageserver-protocol';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_PATH = path.join(REPO_ROOT, 'server', 'out', 'server.js');

/** Long enough for a slow CI machine; a wait that runs out fails the test instead of hanging it. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The capabilities a typical editor declares: pulled configuration and dynamic registration. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
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

export interface ClientOptions {
  readonly capabilities?: ClientCapabilities;
  /** Absolute paths of the workspace folders. */
  readonly workspaceFolders?: readonly string[];
  /** The `readout` section answered to `workspace/configuration` (a client without it uses pushSettings). */
  readonly settings?: unknown;
  readonly transport?: 'stdio' | 'node-ipc';
}

/** A message the server showed, by notification or by request: a user sees both the same way. */
export interface ShownMessage {
  readonly method: string;
  readonly type: MessageType;
  readonly message: string;
}

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

function within<T>(promise: Promise<T>, timeoutMs: number, what: () => string): Promise<T> {
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
  initializeResult: InitializeResult | undefined;

  private settings: unknown;
  private readonly versions = new Map<string, number>();
  /** Publishes not yet taken by nextDiagnostics, per uri, in arrival order. */
  private readonly unread = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: DiagnosticsWaiter[] = [];
  private stderr = '';
  private readonly exited: Promise<number | null>;
  private bumpBeforeAnswer: (() => void) | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
    settings: unknown,
    private readonly pullsConfiguration: boolean,
  ) {
    this.settings = settings;
    child.stderr?.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));

    connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.receiveDiagnostics(params));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.bumpBeforeAnswer?.();
      this.bumpBeforeAnswer = undefined;
      return params.items.map((item) => (item.section === 'readout' ? this.settings : null));
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.shownMessages.push({ method: ShowMessageNotification.method, type: params.type, message: params.message });
    });
    connection.onRequest(ShowMessageRequest.type, (params) => {
      this.shownMessages.push({ method: ShowMessageRequest.method, type: params.type, message: params.message });
      return null;
    });
    connection.onNotification(LogMessageNotification.type, (params) => { this.logMessages.push(params); });
    connection.listen();
  }

  /** Spawns the built server, initializes it, and waits until it has applied the client's settings. */
  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const child = options.transport === 'node-ipc'
      ? fork(SERVER_PATH, ['--node-ipc'], { silent: true })
      : spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = options.transport === 'node-ipc'
      ? createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const capabilities = options.capabilities ?? EDITOR_CAPABILITIES;
    const client = new LspClient(child, connection, options.settings ?? {}, capabilities.workspace?.configuration === true);
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await within(connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders.length > 0 ? fileUri(folders[0]) : null,
      workspaceFolders: folders.map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) })),
      capabilities,
    }), DEFAULT_TIMEOUT_MS, () => `the initialize response${client.serverOutput()}`);
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

  /** Sends a didChangeConfiguration that carries the settings, as clients without `workspace/configuration` do. */
  async pushSettings(settings: unknown): Promise<void> {
    await this.settleAfter(() => this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { readout: settings } }));
  }

  /** Reports a changed file, as a client watching the registered globs does, and waits for the server to reload. */
  async fileChanged(file: string): Promise<void> {
    await this.settleAfter(() => this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: fileUri(file), type: FileChangeType.Changed }],
    }));
  }

  /**
   * Every reconfiguration ends by re-checking all open documents, the probe first (it was opened
   * first). Bumping the probe right before the trigger gives two publishes of its new version:
   * one for the change, then one when the reconfiguration is done.
   */
  private async settleAfter(trigger: () => Promise<void>): Promise<void> {
    const version = this.bumpProbe();
    await trigger();
    await this.probePublishedTwice(version);
  }

  private bumpProbe(): number {
    return this.change(SETTLE_PROBE_URI, '');
  }

  private async probePublishedTwice(version: number): Promise<void> {
    await this.nextDiagnostics(SETTLE_PROBE_URI, version);
    await this.nextDiagnostics(SETTLE_PROBE_URI, version);
    // Publishes of other documents received until now predate the reconfiguration's own.
    for (const uri of this.unread.keys()) if (uri !== SETTLE_PROBE_URI) this.unread.delete(uri);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return within(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), DEFAULT_TIMEOUT_MS, () => 'a hover response');
  }

  async codeActions(uri: string, range: Range, context: CodeActionContext): Promise<CodeAction[]> {
    const result = await within(this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context }), DEFAULT_TIMEOUT_MS, () => 'a codeAction response');
    // The client declares codeActionLiteralSupport: a bare Command here is itself a finding.
    return (result ?? []).map((item) => {
      if (Command.is(item)) throw new Error(`Expected CodeAction literals, got the command ${JSON.stringify(item)}`);
      return item;
    });
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
