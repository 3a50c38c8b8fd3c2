// `npm start` as the README gives it, checked as a first user meets it: it prints a URL, the URL
// opens the packaged extension in a real VS Code (code-server in headless Chromium) with a readout
// of a fresh copy of samples/ open and checked, the workbench shows no Chat panel, AI actions,
// welcome page or git prompt, and what is typed and saved lands in the copy, never in the
// repository. Prints `N passed, N failed`.
//   node --import tsx test/vscode/start.ts
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort, launchChromium, REPO_ROOT, RESULTS_DIR } from './codeServer';

/** npm start may first set up code-server (minutes on a new machine), then packages the extension. */
const START_TIMEOUT_MS = Number(process.env.READOUT_START_TIMEOUT_MS ?? 900_000);
const WAIT_MS = Number(process.env.READOUT_VSCODE_WAIT_MS ?? 60_000);
const READOUT = path.join('2021', '01', 'mistakes.md');
const WRONG_VALUE = 'speech-remarks';

interface Started {
  readonly url: string;
  readonly workspace: string;
  readonly output: () => string;
  stop(): Promise<number | null>;
}

/** Runs `npm start` in its own process group and waits for the two lines it prints when ready. */
async function npmStart(port: number): Promise<Started> {
  const child = spawn('npm', ['start'], { cwd: REPO_ROOT, env: { ...process.env, PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  // Ctrl+C reaches the whole process group; done when every process of it is gone (npm exits first).
  const stop = async () => {
    try { process.kill(-child.pid!, 'SIGINT'); } catch { /* already gone */ }
    const deadline = Date.now() + 15_000;
    while (groupAlive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (groupAlive()) process.kill(-child.pid!, 'SIGKILL');
    return exited;
  };
  const ready = new Promise<Started>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^Readout Tools in VS Code: (\S+)$/m.exec(output)?.[1];
      const workspace = /^Workspace, a fresh copy of samples\/ \(what you type is saved here\): (.+)$/m.exec(output)?.[1];
      if (url && workspace) resolve({ url, workspace, output: () => output, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before printing its URL:\n${output}`)));
    setTimeout(() => reject(new Error(`npm start printed no URL within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS).unref();
  });
  try {
    return await ready;
  } catch (error) {
    await stop();
    throw error;
  }
}

interface Step {
  readonly name: string;
  run(context: { page: Page; started: Started }): Promise<void>;
}

const repositoryCopy = readFileSync(path.join(REPO_ROOT, 'samples', READOUT), 'utf8');

const steps: Step[] = [
  {
    name: 'the workspace is a fresh copy of samples/ outside the repository',
    async run({ started }) {
      const relative = path.relative(REPO_ROOT, started.workspace);
      if (!relative.startsWith('..') && !path.isAbsolute(relative)) throw new Error(`the workspace ${started.workspace} is inside the repository`);
      if (readFileSync(path.join(started.workspace, READOUT), 'utf8') !== repositoryCopy) throw new Error(`${READOUT} in the workspace differs from samples/`);
    },
  },
  {
    name: `the URL opens ${path.basename(READOUT)} with the packaged extension's squiggle under '${WRONG_VALUE}'`,
    async run({ page, started }) {
      await page.goto(started.url);
      await page.locator('.tabs-container .tab.active', { hasText: path.basename(READOUT) }).waitFor({ timeout: WAIT_MS });
      await page.locator('.monaco-editor .view-line', { hasText: `tags: ${WRONG_VALUE}` }).waitFor({ timeout: WAIT_MS });
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: WAIT_MS });
    },
  },
  {
    name: 'no Chat panel, welcome page or git prompt; the quick fixes are ours, without AI actions',
    async run({ page }) {
      if (await page.locator('.part.auxiliarybar').isVisible()) throw new Error('the secondary side bar (Chat) is showing');
      const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
      if (tabs.length !== 1) throw new Error(`expected only the readout's tab, saw ${JSON.stringify(tabs)}`);
      const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
      if (toasts.some((text) => /git|repositor/i.test(text))) throw new Error(`a git prompt is showing: ${JSON.stringify(toasts)}`);
      // The quick-fix menu on the misspelt tag. A keypress made while the workbench is still busy
      // starting can be lost (the light bulb shows, no menu opens): asked again until it opens.
      const menu = page.locator('.action-widget', { hasText: 'Quick Fix' }).first();
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        await page.locator('.monaco-editor .view-line', { hasText: `tags: ${WRONG_VALUE}` }).click();
        await page.keyboard.press('Control+Period');
        const opened = await menu.waitFor({ state: 'visible', timeout: Math.min(5_000, Math.max(1, deadline - Date.now())) }).then(() => true, () => false);
        if (opened) break;
        if (Date.now() >= deadline) throw new Error(`no quick-fix menu opened within ${WAIT_MS / 1000} s`);
        await page.keyboard.press('Escape');
      }
      const titles = (await menu.innerText()).split('\n').map((title) => title.trim()).filter((title) => title !== '' && title !== 'Quick Fix');
      if (!titles.includes("Replace with 'speeches-remarks'")) throw new Error(`our fix is not offered: ${JSON.stringify(titles)}`);
      const others = titles.filter((title) => !title.startsWith('Replace with '));
      if (others.length > 0) throw new Error(`other actions in the quick-fix menu: ${JSON.stringify(others)}`);
      await page.keyboard.press('Escape');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'start-1-opened.png') });
    },
  },
  {
    name: 'what is typed and saved lands in the copy; the repository is untouched',
    async run({ page, started }) {
      const line = page.locator('.monaco-editor .view-line', { hasText: `tags: ${WRONG_VALUE}` });
      await line.click();
      await page.keyboard.press('End');
      await page.keyboard.type('x');
      await page.keyboard.press('Control+S');
      const copy = path.join(started.workspace, READOUT);
      const deadline = Date.now() + WAIT_MS;
      while (!readFileSync(copy, 'utf8').includes(`tags: ${WRONG_VALUE}x`)) {
        if (Date.now() > deadline) throw new Error(`the edit was not saved to ${copy}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (readFileSync(path.join(REPO_ROOT, 'samples', READOUT), 'utf8') !== repositoryCopy) throw new Error(`samples/${READOUT} in the repository changed`);
    },
  },
];

async function main(): Promise<number> {
  const started0 = Date.now();
  let started: Started | undefined;
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  mkdirSync(RESULTS_DIR, { recursive: true });
  try {
    started = await npmStart(await freePort());
    console.log(`npm start printed its URL after ${((Date.now() - started0) / 1000).toFixed(1)} s`);
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    for (const step of steps) {
      if (failed > 0) {
        console.log(`  - ${step.name} (skipped: an earlier step failed)`);
        continue;
      }
      const t0 = Date.now();
      try {
        await step.run({ page, started });
        passed++;
        console.log(`  ✔ ${step.name} (${Date.now() - t0} ms)`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${step.name}: ${error instanceof Error ? error.message : String(error)}`);
        await page.screenshot({ path: path.join(RESULTS_DIR, 'start-failure.png') }).catch(() => undefined);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    if (started) {
      const code = await started.stop();
      // Its state goes with it; the workspace copy stays for what was written in it.
      if (existsSync(path.join(path.dirname(started.workspace), 'state'))) {
        console.log(`  ✗ npm start left its code-server state behind (exit ${code})`);
        failed++;
      }
    }
  }
  console.log(`npm start test finished in ${((Date.now() - started0) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
