// The standalone page of a hostile readout, opened in real headless Chromium as a person would
// open `readout render` output: nothing from the document may run, and the statement must read well.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createPreviewRenderer } from '../../server/src/core/preview';
import { REFERENCE, edit, service } from '../core/helpers';
import { launchChromium } from './chromium';

const RESULTS = path.join(__dirname, '..', '..', 'test-results');

// Each attempt calls `caught(...)`, a function the test exposes: any call means something ran.
const HOSTILE_BODY = [
  "<script>caught('script'); alert('script')</script>",
  '',
  "An image <img src=x onerror=\"caught('onerror')\"> and a frame <iframe srcdoc=\"<script>parent.caught('iframe')</script>\"></iframe>.",
  '',
  '<meta http-equiv="refresh" content="0; url=https://evil.example/"><style>body { display: none }</style>',
  '',
  "[a javascript link](javascript:caught('link')) [a data link](data:text/html,<script>alert(1)</script>) [a vbscript link](vbscript:msgbox(1)) <javascript:caught('autolink')>",
  '',
  "![an svg](data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20onload='caught(1)'%3E%3C/svg%3E) ![a plain image](http://insecure.example/x.png) ![a web image](https://images.example/ok.png)",
  '',
  'Safe links stay: [the archive](https://bidenwhitehouse.archives.gov/) and [the press office](mailto:press@example.org).',
].join('\n');

const HOSTILE = edit(REFERENCE, 'During the meeting', `${HOSTILE_BODY}\n\nDuring the meeting`)
  .replace('Trudeau\\\n', 'Trudeau <b onmouseover=\\"caught(\'title\')\\">bold</b>\\\n');

interface Watch {
  readonly caught: string[];
  readonly dialogs: string[];
  readonly console: string[];
  readonly requests: string[];
}

/** Opens the page from a file, as a person would, recording anything the document makes happen. */
async function openWatched(browser: Browser, html: string, colorScheme: 'light' | 'dark'): Promise<{ page: Page; watch: Watch }> {
  const file = path.join(RESULTS, 'preview-hostile.html');
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 960, height: 900 }, colorScheme });
  const watch: Watch = { caught: [], dialogs: [], console: [], requests: [] };
  await page.exposeFunction('caught', (what: unknown) => watch.caught.push(String(what)));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => watch.console.push(message.text()));
  page.on('pageerror', (error) => watch.console.push(error.message));
  // Nothing leaves the machine; each request the page makes is recorded.
  await page.route(/^https?:/, (route) => {
    watch.requests.push(route.request().url());
    void route.abort();
  });
  await page.goto(pathToFileURL(file).href);
  return { page, watch };
}

describe('the rendered page in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  const page = createPreviewRenderer().renderPage(HOSTILE, service().getDiagnostics({ text: HOSTILE }));

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    browser = await launchChromium();
  });
  after(() => browser?.close());

  test('nothing from the document runs, loads or navigates', async () => {
    const { page: tab, watch } = await openWatched(browser, page, 'light');
    // Hover and click everything a hostile author could have aimed at.
    await tab.hover('h1');
    for (const removed of await tab.locator('.link-removed').all()) await removed.click();
    // Whatever a click could have queued (a navigation, a handler's task) has run after two frames.
    await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(watch.caught, []);
    assert.deepEqual(watch.dialogs, []);
    assert.deepEqual(watch.console.filter((line) => /alert|caught|script/i.test(line)), []);
    // Not even the https image: remote images are off by default.
    assert.deepEqual(watch.requests, []);
    assert.equal(await tab.locator('.remote-image').innerText(), 'a web image');
    assert.equal(tab.url(), pathToFileURL(path.join(RESULTS, 'preview-hostile.html')).href);
    const injected = await tab.evaluate(() => ({
      elements: document.querySelectorAll('body script, body iframe, body style, body meta, object, embed, svg, b').length,
      handlers: [...document.querySelectorAll('*')].flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith('on'))),
      bodyShown: getComputedStyle(document.body).display !== 'none',
    }));
    assert.deepEqual(injected, { elements: 0, handlers: [], bodyShown: true });
    await tab.close();
  });

  test('with remote images allowed, the https image is the one thing fetched', async () => {
    const allowed = createPreviewRenderer().renderPage(HOSTILE, service().getDiagnostics({ text: HOSTILE }), { remoteImages: true });
    const { page: tab, watch } = await openWatched(browser, allowed, 'light');
    await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(watch.requests, ['https://images.example/ok.png']);
    assert.deepEqual(watch.caught, []);
    await tab.close();
  });

  test('the title and date are visible text; links are http(s) or mailto only', async () => {
    const { page: tab } = await openWatched(browser, page, 'light');
    const title = tab.locator('h1');
    assert.ok(await title.isVisible());
    assert.equal(await title.innerText(), 'Readout of President Joe\u00A0Biden’s Meeting with Prime Minister Trudeau <b onmouseover="caught(\'title\')">bold</b> of\u00A0Canada');
    assert.ok(await tab.getByText('January 10, 2023').isVisible());
    assert.ok(await tab.getByText('12:54 PM ET').isVisible());
    assert.equal(await tab.locator('.category').innerText(), 'STATEMENTS AND RELEASES');
    assert.ok(await tab.locator('.end-mark').isVisible());
    const hrefs = await tab.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    assert.ok(hrefs.length >= 3);
    for (const href of hrefs) assert.match(href, /^(?:https?:\/\/|mailto:)/);
    assert.match(await tab.locator('.problems').innerText(), /url-slug-mismatch/);
    await tab.close();
  });

  test('it reads in light and dark (screenshots in test-results/)', async () => {
    const shots: Record<string, string> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page: tab } = await openWatched(browser, page, colorScheme);
      await tab.emulateMedia({ colorScheme });
      shots[colorScheme] = await tab.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await tab.screenshot({ path: path.join(RESULTS, colorScheme === 'light' ? 'preview.png' : 'preview-dark.png'), fullPage: true });
      await tab.close();
    }
    assert.deepEqual(shots, { light: 'rgb(255, 255, 255)', dark: 'rgb(22, 24, 29)' });
  });
});
