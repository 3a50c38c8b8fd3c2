// Runs the real-VS-Code suite (test/vscode/out/suite, built by test/vscode/build.mjs) in code-server's
// workbench: the extension under development is the repository root, the workspace a temporary copy
// of samples/. Prints the extension host's output, then the suite's `N passed, N failed` line, and
// exits with the suite's code.
//   node --import tsx test/vscode/runCodeServer.ts
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, startSession, SUMMARY, type Session } from './codeServer';

const TIMEOUT_MS = Number(process.env.READOUT_VSCODE_TIMEOUT_MS ?? 300_000);
const SUITE_INDEX = path.join(REPO_ROOT, 'test', 'vscode', 'out', 'suite', 'index.js');
// The suite tags its lines (test/vscode/suite/index.ts, SUITE_TAG); each may hold several lines.
const SUITE_TAG = '[readout-suite] ';

async function main(): Promise<number> {
  const started = Date.now();
  if (!existsSync(SUITE_INDEX)) throw new Error(`${path.relative(REPO_ROOT, SUITE_INDEX)} is missing: run node test/vscode/build.mjs`);
  if (!existsSync(path.join(REPO_ROOT, 'client', 'out', 'extension.js'))) throw new Error('client/out/extension.js is missing: run npm run build');

  let summary: string | undefined;
  let session: Session | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    session = await startSession({
      name: 'vscode-code-server',
      timeoutMs: TIMEOUT_MS + 30_000,
      onConsole(line) {
        // The extension host's console (mocha's output) comes prefixed; the workbench's own noise goes to the log only.
        if (!line.startsWith(SUITE_TAG)) return;
        const text = line.slice(SUITE_TAG.length);
        const last = text.trimEnd().split('\n').at(-1) ?? '';
        if (SUMMARY.test(last)) summary = last;
        console.log(text);
      },
    });
    const { page } = session;
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => { resolve(code); });
    });
    const timeout = new Promise<number>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the suite did not finish within ${TIMEOUT_MS / 1000} s (READOUT_VSCODE_TIMEOUT_MS); log: ${session?.logFile}`)), TIMEOUT_MS);
    });
    await page.goto(session.url([
      ['extensionDevelopmentPath', session.remote(REPO_ROOT)],
      ['extensionTestsPath', session.remote(SUITE_INDEX)],
    ]));
    const code = await Promise.race([exit, timeout]);
    // The console messages are formatted asynchronously: let the last ones through.
    await session.flushConsole();
    console.log(`code-server suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit code ${code}); log: ${path.relative(process.cwd(), session.logFile)}`);
    if (!summary) {
      console.log('0 passed, 1 failed');
      console.error('the suite printed no "N passed, N failed" line');
      return code === 0 ? 1 : code;
    }
    console.log(summary);
    return code;
  } finally {
    clearTimeout(timer);
    await session?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`runCodeServer: ${error instanceof Error ? error.message : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
