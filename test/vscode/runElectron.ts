// Runs the same real-VS-Code suite (test/vscode/out/suite) in a desktop VS Code through
// @vscode/test-electron: a local build when VSCODE_EXECUTABLE_PATH is set, else the download
// (cached in .vscode-test/). Where neither is possible (no network: getaddrinfo ENOTFOUND) it prints
//   SKIPPED real-VS-Code suite under @vscode/test-electron: <why>
// and exits 0: skipped, never passed.
//   node --import tsx test/vscode/runElectron.ts
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const SUITE_INDEX = path.join(REPO_ROOT, 'test', 'vscode', 'out', 'suite', 'index.js');
const NO_NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|timed? ?out/i;

function skip(why: string): never {
  console.log(`SKIPPED real-VS-Code suite under @vscode/test-electron: ${why}`);
  process.exit(0);
}

async function vscodeExecutable(): Promise<string> {
  const local = process.env.VSCODE_EXECUTABLE_PATH;
  if (local) {
    if (!existsSync(local)) throw new Error(`VSCODE_EXECUTABLE_PATH=${local} does not exist`);
    return local;
  }
  try {
    return await downloadAndUnzipVSCode({ version: process.env.VSCODE_TEST_VERSION ?? 'stable', timeout: 30_000, cachePath: path.join(REPO_ROOT, '.vscode-test') });
  } catch (error) {
    const message = error instanceof Error ? `${error.message}${(error as NodeJS.ErrnoException).code ? ` (${(error as NodeJS.ErrnoException).code})` : ''}` : String(error);
    if (NO_NETWORK.test(message)) skip(`no local VS Code (VSCODE_EXECUTABLE_PATH is not set) and the download failed: ${message.split('\n')[0]}`);
    throw error;
  }
}

async function main(): Promise<number> {
  if (!existsSync(SUITE_INDEX)) throw new Error(`${path.relative(REPO_ROOT, SUITE_INDEX)} is missing: run node test/vscode/build.mjs`);
  if (!existsSync(path.join(REPO_ROOT, 'client', 'out', 'extension.js'))) throw new Error('client/out/extension.js is missing: run npm run build');
  const started = Date.now();
  const vscodeExecutablePath = await vscodeExecutable();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'readout-electron-'));
  const workspace = path.join(tmp, 'workspace');
  cpSync(path.join(REPO_ROOT, 'samples'), workspace, { recursive: true });
  try {
    const code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE_INDEX,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', path.join(tmp, 'extensions')],
      extensionTestsEnv: { READOUT_VSCODE_GREP: process.env.READOUT_VSCODE_GREP ?? '' },
    });
    console.log(`@vscode/test-electron suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit code ${code})`);
    return code;
  } catch (error) {
    // runTests rejects when the suite fails (the suite printed its `N passed, N failed` line).
    console.error(`@vscode/test-electron: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`runElectron: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
