import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; the tests need it and fail, rather than skip, without it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless Chromium that talks to nothing on its own (no sync, no updates, no QUIC). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
