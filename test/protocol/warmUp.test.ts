// The warm-ups after a workspace's first scan. The checks': a sample per turn of the event loop
// from a moment after the scan, for a bounded time, and none once a document has been edited (the
// turns driven by hand, idleWork.ts's Scheduler, so that no test waits on the clock). Title
// completion's: a title of the archive typed at once, for a bounded time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReadoutService } from '../../server/src/core/languageService';
import { parseReadout } from '../../server/src/core/frontMatter';
import { readoutEntry } from '../../server/src/core/readoutEntry';
import { createWorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { AFTER_SCAN_MS, createActivity, QUIET_MS, whileIdleAfterScan, type Scheduler } from '../../server/src/lsp/idleWork';
import { warmUpAfterScan, warmUpSearches, warmUpTitleSearch } from '../../server/src/lsp/warmUp';
import { readoutText } from './workspaces';

/** What a warm-up's failure is told to in these tests: the test fails with it. */
const fail = (error: unknown) => {
  throw error;
};

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
    warmUpAfterScan(service, () => 0, fail, new Date(), scheduler);
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
    warmUpAfterScan(service, () => edits, fail, new Date(), hand.scheduler);
    hand.turn();
    assert.ok(counted.checks > 0);
    edits++;
    const stopped = counted.checks;
    while (hand.turn());
    assert.equal(counted.checks, stopped);

    const idle = countingService(2);
    const idleHand = handScheduler();
    warmUpAfterScan(idle.service, () => edits, fail, new Date(), idleHand.scheduler);
    edits++;
    while (idleHand.turn());
    assert.equal(idle.counted.checks, 0);
  });
});

describe('whileIdleAfterScan', () => {
  test('a step that throws ends the work, and the failure is told', () => {
    const { scheduler, turn } = handScheduler();
    const failures: unknown[] = [];
    let steps = 0;
    whileIdleAfterScan(() => {
      if (++steps === 2) throw new Error('no sample');
      return true;
    }, (error) => failures.push(error), scheduler);
    while (turn());
    assert.equal(steps, 2);
    assert.deepEqual(failures.map((error) => (error as Error).message), ['no sample']);
  });

  test('work that waits for quiet: no step while the client was heard from in the last QUIET_MS, the wait asked for the rest of it', () => {
    const { scheduler, state, turn } = handScheduler();
    let clock = 1000;
    const activity = createActivity(() => clock);
    let steps = 0;
    whileIdleAfterScan(() => ++steps < 3, fail, scheduler, activity.quietFor);
    assert.equal(state.delay, AFTER_SCAN_MS);
    // Nothing heard yet: quiet.
    turn();
    assert.equal(steps, 1);
    // A request 50 ms ago: the step waits the 150 left, then runs once nothing more was heard.
    activity.touch();
    clock += 50;
    turn();
    assert.deepEqual([steps, state.delay], [1, QUIET_MS - 50]);
    clock += QUIET_MS - 50;
    turn();
    assert.equal(steps, 2);
    // A change heard at once after: waits the whole of it again.
    activity.touch();
    turn();
    assert.deepEqual([steps, state.delay], [2, QUIET_MS]);
    clock += QUIET_MS;
    while (turn());
    assert.equal(steps, 3);
  });
});

/** A service whose completions take `ms` each and offer `label` (nothing without one), recording the title at each. */
function completingService(ms: number, label?: string) {
  const typed: string[] = [];
  const service = {
    getCompletions: (document: { text: string }, offset: number) => {
      const title = /^title: (.*)$/m.exec(document.text)![1];
      assert.equal(document.text.slice(offset - title.length, offset), title, 'asked at the end of the title');
      assert.ok(!/^source_url:/m.test(document.text), 'no source_url: its slug would make every title\'s');
      typed.push(title);
      const started = performance.now();
      while (performance.now() - started < ms);
      const items = label === undefined ? [] : [{ label, kind: 'value', edit: { span: { start: offset - title.length, end: offset }, newText: 'x' } }];
      return { isIncomplete: true, items };
    },
  } as unknown as ReadoutService;
  return { service, typed };
}

describe('warmUpSearches', () => {
  test('at once: a title typed into completion, and the symbol search run over a sample of the index', () => {
    const index = createWorkspaceIndex();
    ['Readout of a Call', 'Remarks'].forEach((title, at) => index.set(readoutEntry(`file:///${at}.md`, parseReadout(readoutText({ title, date: '2023-01-10' })))));
    const { service, typed } = completingService(0, 'Remarks');
    warmUpSearches(service, index);
    assert.equal(typed.length, 1 + 'Remarks'.length);
    // The sample is the warm-up's own: the index's titles are not signed by it.
    assert.equal(index.titles().signSome(0), 2);
  });
});

describe('warmUpTitleSearch', () => {
  test('types the first title offered for an empty title, letter by letter, asking at each', () => {
    const { service, typed } = completingService(0, 'Readout of a Call …');
    warmUpTitleSearch(service);
    assert.deepEqual(typed, ['', ...Array.from('Readout of a Call', (_, at) => 'Readout of a Call'.slice(0, at + 1))]);
  });

  test('stops after a while, however long the title', () => {
    const { service, typed } = completingService(2, 'word '.repeat(200).trim());
    warmUpTitleSearch(service);
    // 15 ms of completions of 2 ms each.
    assert.ok(typed.length >= 4 && typed.length <= 12, `${typed.length} completions`);
  });

  test('an archive that offers nothing: one completion', () => {
    const { service, typed } = completingService(0);
    warmUpTitleSearch(service);
    assert.deepEqual(typed, ['']);
  });
});
