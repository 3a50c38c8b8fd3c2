// UI tests through the workbench itself (what a person sees), on the same code-server set-up as
// runCodeServer.ts: the extension under development is the repository root, the workspace a
// temporary copy of samples/. Screenshots go to test-results/ui-*.png. Prints `N passed, N failed`.
//   node --import tsx test/vscode/ui.ts
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, RESULTS_DIR, startSession, type Session } from './codeServer';

const TIMEOUT_MS = Number(process.env.READOUT_VSCODE_TIMEOUT_MS ?? 300_000);
/** Per wait: the first also covers the extension host's and the language server's start. */
const WAIT_MS = Number(process.env.READOUT_VSCODE_WAIT_MS ?? 60_000);
const SAMPLE = 'mistakes.md';
const WRONG_VALUE = 'speech-remarks';
const MESSAGE = "Unknown tag 'speech-remarks'. Did you mean 'speeches-remarks'?";
const COMMAND = 'Readout: Open Preview to the Side';
const OPEN_PREVIEW = 'Readout: Open Preview';
// The sample's title; its doubled space collapses in HTML.
const TITLE = 'Remarks by President Biden and Prime Minister Jakobsdóttir of Iceland Before Bilateral Meeting';
const TEXT_SAMPLE = 'reference.txt';
const TEXT_TITLE = 'Readout of President Joe Biden’s Meeting with Prime Minister Trudeau of Canada';
// A status bar item's element id is the extension's id and the item's.
const STATUS_ITEM = '[id="readout-tools.readout.readout.status"]';

interface Step {
  readonly name: string;
  run(page: Page): Promise<void>;
}

async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(RESULTS_DIR, `ui-${name}.png`);
  await page.mouse.move(1, 1); // no hover tooltip over what is shown
  await page.screenshot({ path: file });
  return path.relative(process.cwd(), file);
}

/**
 * In the page: whether a `.squiggly-error` decoration overlaps `needle` in the editor line that
 * contains it (Monaco draws decorations in a layer apart from the text, so boxes are compared).
 * A string, not a function: tsx's transform would put helpers (`__name`) into the function's source.
 */
const SQUIGGLE_UNDER = `(needle) => {
  const overlap = (a, b) => a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right;
  const squiggles = [...document.querySelectorAll('.monaco-editor .squiggly-error')].map((e) => e.getBoundingClientRect());
  for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
    const at = (line.textContent || '').replace(/\\u00a0/g, ' ').indexOf(needle);
    if (at < 0) continue;
    // Map the offset onto the line's text nodes (Monaco renders one span per token).
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0;
    let started = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = (node.textContent || '').length;
      if (!started && at < seen + length) { range.setStart(node, at - seen); started = true; }
      if (started && at + needle.length <= seen + length) { range.setEnd(node, at + needle.length - seen); break; }
      seen += length;
    }
    const box = range.getBoundingClientRect();
    if (squiggles.some((squiggle) => overlap(squiggle, box))) return true;
  }
  return false;
}`;

/** Ctrl+P, the file's name, Enter: waits for the editor to show `line`, then puts the cursor in it. */
async function openFile(page: Page, name: string, line: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  const view = page.locator('.monaco-editor .view-line', { hasText: line });
  await view.waitFor({ timeout: WAIT_MS });
  await view.click();
}

/** F1 and `query`: each row of the Command Palette with its title and its keybinding's label (empty when none). */
async function paletteRows(page: Page, query: string): Promise<{ title: string; keys: string }[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
  await input.fill(`>${query}`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: query }).first().waitFor({ state: 'visible', timeout: WAIT_MS });
  const found = await rows.evaluateAll((elements) => elements.map((row) => ({
    title: (row.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
    keys: (row.querySelector('.monaco-keybinding')?.textContent ?? '').trim(),
  })));
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'hidden', timeout: WAIT_MS });
  return found;
}

/** The one palette row titled `title`. */
function row(rows: { title: string; keys: string }[], title: string): { title: string; keys: string } {
  const found = rows.filter((candidate) => candidate.title === title);
  if (found.length !== 1) throw new Error(`${found.length} palette rows ${JSON.stringify(title)}, not one (rows: ${JSON.stringify(rows)})`);
  return found[0];
}

/** The content frame of the last webview (a webview is an iframe.webview holding the content's own iframe). */
function lastWebview(page: Page) {
  return page.locator('iframe.webview').last().contentFrame().locator('iframe').contentFrame();
}

const steps: Step[] = [
  {
    name: `Ctrl+P opens ${SAMPLE}; a red squiggle marks '${WRONG_VALUE}'`,
    async run(page) {
      await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: WAIT_MS });
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: WAIT_MS });
      await input.fill(SAMPLE);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: SAMPLE }).first().waitFor({ timeout: WAIT_MS });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-line', { hasText: `tags: ${WRONG_VALUE}` }).waitFor({ timeout: WAIT_MS });
      const squiggles = page.locator('.monaco-editor .squiggly-error');
      await squiggles.first().waitFor({ state: 'attached', timeout: WAIT_MS });
      // One of them lies under the wrong value (same line, overlapping columns).
      await page.waitForFunction(`(${SQUIGGLE_UNDER})(${JSON.stringify(WRONG_VALUE)})`, undefined, { timeout: WAIT_MS }).catch(async (error: Error) => {
        const boxes = await squiggles.evaluateAll((elements) => elements.map((e) => JSON.stringify(e.getBoundingClientRect())));
        throw new Error(`no .squiggly-error under '${WRONG_VALUE}' (squiggles at ${boxes.join(', ')}): ${error.message}`);
      });
      console.log(`    screenshot ${await screenshot(page, '1-squiggle')}`);
    },
  },
  {
    name: 'Ctrl+Shift+M: the Problems panel lists the message; our status bar item counts 2 errors and 1 info',
    async run(page) {
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: MESSAGE });
      await row.first().waitFor({ state: 'visible', timeout: WAIT_MS });
      const status = await page.locator('[id="status.problems"]').getAttribute('aria-label').catch(() => null);
      console.log(`    problems status bar item: ${JSON.stringify(status)}`);
      // Ours counts the readout's own problems, each severity apart.
      const ours = page.locator(STATUS_ITEM);
      await ours.waitFor({ state: 'visible', timeout: WAIT_MS });
      await page.waitForFunction(([selector, label]) => document.querySelector(selector)?.getAttribute('aria-label') === label,
        [STATUS_ITEM, 'Readout: 2 errors and 1 info'] as const, { timeout: WAIT_MS }).catch(async (error: Error) => {
        throw new Error(`our status bar item reads ${JSON.stringify(await ours.getAttribute('aria-label'))} (${JSON.stringify(await ours.innerText())}): ${error.message}`);
      });
      console.log(`    our status bar item: ${JSON.stringify(await ours.innerText())}, ${JSON.stringify(await ours.getAttribute('aria-label'))}`);
      console.log(`    screenshot ${await screenshot(page, '2-problems')}`);
    },
  },
  {
    name: `F1 '${COMMAND}': the preview webview shows the title`,
    async run(page) {
      // Back to the editor, so that the command previews its document.
      await page.locator('.monaco-editor .view-line', { hasText: `tags: ${WRONG_VALUE}` }).click();
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: WAIT_MS });
      await input.fill(`>${COMMAND}`);
      const item = page.locator('.quick-input-list .monaco-list-row', { hasText: COMMAND }).first();
      await item.waitFor({ state: 'visible', timeout: WAIT_MS });
      await item.click();
      const content = lastWebview(page);
      // Playwright's hasText compares with whitespace collapsed, as the page shows it.
      await content.locator('h1', { hasText: TITLE }).first().waitFor({ state: 'visible', timeout: WAIT_MS }).catch(async (error: Error) => {
        const seen = await content.locator('h1').allInnerTexts().catch(() => []);
        throw new Error(`no <h1> ${JSON.stringify(TITLE)} in the preview (seen: ${JSON.stringify(seen)}): ${error.message}`);
      });
      const tab = page.locator('.tabs-container .tab', { hasText: `Preview ${SAMPLE}` });
      await tab.first().waitFor({ state: 'visible', timeout: WAIT_MS });
      console.log(`    screenshot ${await screenshot(page, '3-preview')}`);
    },
  },
  {
    name: `on a .md readout the palette's '${OPEN_PREVIEW}' shows no Ctrl+Shift+V (there it opens VS Code's Markdown preview)`,
    async run(page) {
      await page.locator('.monaco-editor .view-line', { hasText: `tags: ${WRONG_VALUE}` }).click();
      const rows = await paletteRows(page, OPEN_PREVIEW);
      // The row beside it shows its key: keys are drawn in these rows.
      const side = row(rows, COMMAND);
      if (side.keys !== 'Ctrl+K R') throw new Error(`'${COMMAND}' shows ${JSON.stringify(side.keys)}, not Ctrl+K R`);
      const open = row(rows, OPEN_PREVIEW);
      if (/Ctrl\+Shift\+V/i.test(open.keys)) throw new Error(`'${OPEN_PREVIEW}' shows ${JSON.stringify(open.keys)} on a .md readout`);
      console.log(`    palette rows: ${JSON.stringify(rows)}`);
    },
  },
  {
    name: `on a .txt readout the palette's '${OPEN_PREVIEW}' shows Ctrl+Shift+V, and Ctrl+Shift+V opens our preview`,
    async run(page) {
      // No preview left open: the one to see is the one the key opens.
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>View: Close All Editors');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'View: Close All Editors' }).first().waitFor({ state: 'visible', timeout: WAIT_MS });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: WAIT_MS });
      await openFile(page, TEXT_SAMPLE, 'tags: statements-releases');
      const open = row(await paletteRows(page, OPEN_PREVIEW), OPEN_PREVIEW);
      if (open.keys !== 'Ctrl+Shift+V') throw new Error(`'${OPEN_PREVIEW}' shows ${JSON.stringify(open.keys)} on a .txt readout, not Ctrl+Shift+V`);
      await page.locator('.monaco-editor .view-line', { hasText: 'tags: statements-releases' }).click();
      await page.keyboard.press('Control+Shift+V');
      await page.locator('.tabs-container .tab', { hasText: `Preview ${TEXT_SAMPLE}` }).first().waitFor({ state: 'visible', timeout: WAIT_MS });
      await lastWebview(page).locator('h1', { hasText: TEXT_TITLE }).first().waitFor({ state: 'visible', timeout: WAIT_MS });
      console.log(`    screenshot ${await screenshot(page, '4-text-preview')}`);
    },
  },
];

async function main(): Promise<number> {
  if (!existsSync(path.join(REPO_ROOT, 'client', 'out', 'extension.js'))) throw new Error('client/out/extension.js is missing: run npm run build');
  const started = Date.now();
  let session: Session | undefined;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const timer = setTimeout(() => {
    console.error(`ui: did not finish within ${TIMEOUT_MS / 1000} s (READOUT_VSCODE_TIMEOUT_MS)`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    void session?.close().finally(() => process.exit(1));
  }, TIMEOUT_MS);
  try {
    session = await startSession({ name: 'vscode-ui', timeoutMs: TIMEOUT_MS + 30_000 });
    const { page } = session;
    // The extension under development, without a test runner: the workbench stays up.
    await page.goto(session.url([['extensionDevelopmentPath', session.remote(REPO_ROOT)]]));
    for (const step of steps) {
      if (failed > 0) {
        console.log(`  - ${step.name} (skipped: an earlier step failed)`);
        skipped++;
        continue;
      }
      const t0 = Date.now();
      try {
        await step.run(page);
        passed++;
        console.log(`  ✔ ${step.name} (${Date.now() - t0} ms)`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${step.name}: ${error instanceof Error ? error.message : String(error)}`);
        console.log(`    screenshot ${await screenshot(page, 'failure').catch(() => 'failed')}`);
      }
    }
  } finally {
    clearTimeout(timer);
    await session?.close();
  }
  console.log(`ui tests finished in ${((Date.now() - started) / 1000).toFixed(1)} s; log: ${path.relative(process.cwd(), path.join(RESULTS_DIR, 'vscode-ui.log'))}`);
  console.log(`${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : ''));
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ui: ${error instanceof Error ? error.message : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
