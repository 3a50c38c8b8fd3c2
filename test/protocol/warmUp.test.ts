// The warm-up after a workspace's first scan: a sample per turn of the event loop from a moment
// after the scan, for a bounded time, and none once a document has been edited.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { ReadoutService } from '../../server/src/core/languageService';
import { AFTER_SCAN_MS, warmUpAfterScan } from '../../server/src/lsp/warmUp';

/** A service whose checks take `ms` each, counting them. */
function countingService(ms: number) {
  const counted = { checks: 0 };
  const service = {
    getEntry: () => undefined,
    getDiagnostics: () => {
      counted.checks++;
      const started = performance.now();
      while (performance.now() - started < ms);
      return [];
    },
  } as unknown as ReadoutService;
  return { service: () => service, counted };
}

describe('warmUpAfterScan', () => {
  test('checks samples from a moment after the scan, one per turn, and stops after a while', async () => {
    const { service, counted } = countingService(2);
    warmUpAfterScan(service, () => 0);
    assert.equal(counted.checks, 0);
    await sleep(AFTER_SCAN_MS / 2);
    assert.equal(counted.checks, 0);
    // Between two samples, the event loop turns: a timer due meanwhile runs before the warm-up is over.
    await sleep(AFTER_SCAN_MS / 2 + 10);
    assert.ok(counted.checks > 0 && counted.checks < 10, `${counted.checks} checks`);
    await sleep(500);
    const done = counted.checks;
    assert.ok(done >= 10 && done <= 40, `${done} checks`);
    await sleep(100);
    assert.equal(counted.checks, done);
  });

  test('stops once a document is edited, and does not begin when one was edited before', async () => {
    let edits = 0;
    const { service, counted } = countingService(2);
    warmUpAfterScan(service, () => edits);
    await sleep(AFTER_SCAN_MS + 15);
    assert.ok(counted.checks > 0);
    edits++;
    await sleep(1);
    const stopped = counted.checks;
    await sleep(200);
    assert.equal(counted.checks, stopped);

    const idle = countingService(2);
    warmUpAfterScan(idle.service, () => edits);
    edits++;
    await sleep(AFTER_SCAN_MS + 200);
    assert.equal(idle.counted.checks, 0);
  });
});
