// Runs the built `readout` binary as CI would: a subprocess on folders written into temp dirs.
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI_PATH = path.join(REPO_ROOT, 'server', 'out', 'cli.js');

/** Generous for a loaded CI machine; a run that takes longer fails instead of hanging the suite. */
const RUN_TIMEOUT_MS = 60_000;

let built: Promise<void> | undefined;

/** The command line's bundle, which the bin (CLI_PATH) runs. */
const CLI_MAIN_PATH = path.join(REPO_ROOT, 'server', 'out', 'cliMain.js');

/**
 * Bundles server/src/cli/main.ts to server/out/cliMain.js and the bin to server/out/cli.js with
 * the build script's options, so that the tests need no separate step (without the build's code
 * cache, which the bin then passes over: it is of another bundle). Test files run in parallel
 * processes: each writes its bundles to temporary files and renames them into place, so no process
 * ever runs a half-written one.
 */
export function buildCli(): Promise<void> {
  built ??= (async () => {
    const bundle = async (entry: string, outfile: string) => {
      const result = await build({
        entryPoints: [path.join(REPO_ROOT, 'server', 'src', 'cli', entry)],
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        write: false,
        outfile,
        logLevel: 'warning',
        define: { 'import.meta.url': 'importMetaUrl' },
        banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
      });
      mkdirSync(path.dirname(outfile), { recursive: true });
      const temporary = `${outfile}.${process.pid}.tmp`;
      writeFileSync(temporary, result.outputFiles[0].contents);
      renameSync(temporary, outfile);
    };
    // The bundle first: a bin in place always finds one.
    await bundle('main.ts', CLI_MAIN_PATH);
    await bundle('bin.ts', CLI_PATH);
  })();
  return built;
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  /** Added to a clean environment (NO_COLOR and the test hook are never inherited). */
  readonly env?: Readonly<Record<string, string>>;
  /** Run as this user (only as root): to test files root could write anyway. */
  readonly uid?: number;
  /** How long before the run is killed (its status is then null): a guard against a run that hangs. */
  readonly timeoutMs?: number;
}

/**
 * The built CLI, copied where another user can read it: the repository may sit in a folder only its
 * owner can enter (a clone in `mktemp -d`). The bin needs only its bundle beside it.
 */
function cliReadableByAll(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'readout-cli-bin-'));
  chmodSync(folder, 0o755);
  for (const file of [CLI_PATH, CLI_MAIN_PATH]) {
    const copy = path.join(folder, path.basename(file));
    copyFileSync(file, copy);
    chmodSync(copy, 0o644);
  }
  return path.join(folder, path.basename(CLI_PATH));
}

export function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env?.NO_COLOR) delete env.NO_COLOR;
  if (!options.env?.READOUT_FAIL_WRITE) delete env.READOUT_FAIL_WRITE;
  const script = options.uid === undefined ? CLI_PATH : cliReadableByAll();
  const removeCopy = () => { if (script !== CLI_PATH) rmSync(path.dirname(script), { recursive: true, force: true }); };
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? RUN_TIMEOUT_MS,
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  }).finally(removeCopy);
}

/** A temporary folder holding `files` (relative paths with `/`, contents as written). */
export class Fixture {
  readonly folder: string;

  constructor(files: Readonly<Record<string, string>> = {}) {
    this.folder = mkdtempSync(path.join(os.tmpdir(), 'readout-cli-'));
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }

  path(name: string): string {
    return path.join(this.folder, ...name.split('/'));
  }

  write(name: string, text: string | Buffer): string {
    const file = this.path(name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  }

  /** Lets another user (the read-only test's) create files in the folder. */
  openToAll(): void {
    chmodSync(this.folder, 0o777);
  }

  /** Runs the CLI in the folder (or in `cwd`, a folder inside it). */
  run(args: readonly string[], options: Partial<RunOptions> = {}): Promise<RunResult> {
    return runCli(args, { cwd: this.folder, ...options });
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}
