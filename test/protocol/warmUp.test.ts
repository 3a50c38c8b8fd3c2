// The warm-up after a workspace's first scan: a sample per turn of the event loop from a moment
// after the scan, for a bounded time, and none once a document has been edited. The turns are
// driven by hand (idleWork.ts's Scheduler), so that no test waits on the clock.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReadoutService } from '../../server/src/core/languageService';
import { AFTER_SCAN_MS, type Scheduler } from '../../server/src/lsp/idleWork';
import { warmUpAfterScan } from '../../server/src/lsp/warmUp';

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

/** A scheduler that runs nothing until told: the delay asked for, and the next turn waiting, if any. */
function handScheduler() {
  const state: { delay?: number; waiting?: () => void } = {};
  const scheduler: Scheduler = {
    later: (run, ms) => {
      state.delay = ms;
      state.waiting = run;
    },
    nextTurn: (run) => {
      state.waiting = run;
    },
  };
  /** Runs the step waiting; false when none was. */
  const turn = () => {
    const run = state.waiting;
    state.waiting = undefined;
    run?.();
    return run !== undefined;
  };
  return { scheduler, state, turn };
}

describe('warmUpAfterScan', () => {
  test('checks samples from a moment after the scan, one per turn, and stops after a while', () => {
    const { service, counted } = countingService(2);
    const { scheduler, state, turn } = handScheduler();
    warmUpAfterScan(service, () => 0, new Date(), scheduler);
    assert.equal(state.delay, AFTER_SCAN_MS);
    assert.equal(counted.checks, 0);
    // Each turn checks one sample, then leaves the event loop to whatever is due.
    assert.ok(turn());
    assert.equal(counted.checks, 1);
    assert.ok(turn());
    assert.equal(counted.checks, 2);
    let turns = 2;
    while (turn()) turns++;
    // 60 ms of checks of 2 ms each, then one turn that finds the time spent.
    const done = counted.checks;
    assert.ok(done >= 10 && done <= 30, `${done} checks`);
    assert.equal(turns, done + 1);
    assert.equal(turn(), false);
  });

  test('stops once a document is edited, and does not begin when one was edited before', () => {
    let edits = 0;
    const { service, counted } = countingService(2);
    const hand = handScheduler();
    warmUpAfterScan(service, () => edits, new Date(), hand.scheduler);
    hand.turn();
    assert.ok(counted.checks > 0);
    edits++;
    const stopped = counted.checks;
    while (hand.turn());
    assert.equal(counted.checks, stopped);

    const idle = countingService(2);
    const idleHand = handScheduler();
    warmUpAfterScan(idle.service, () => edits, new Date(), idleHand.scheduler);
    edits++;
    while (idleHand.turn());
    assert.equal(idle.counted.checks, 0);
  });
});
