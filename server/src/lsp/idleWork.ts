// Work the server does while it would otherwise be idle after a scan (warming the checks up,
// making the symbol search's signatures, and, once the client has been quiet a while, the titles'
// slugs): from a moment after the scan, so that the requests its end lets through go first, then a
// step per turn of the event loop, so that a request that comes meanwhile waits for a step at most
// at each turn it takes: steps are kept short.

/** How the steps are timed; tests drive them by hand. */
export interface Scheduler {
  later(run: () => void, ms: number): void;
  nextTurn(run: () => void): void;
}

export const EVENT_LOOP: Scheduler = {
  later: (run, ms) => void setTimeout(run, ms),
  nextTurn: (run) => void setImmediate(run),
};

/** How long after a scan the work begins. */
export const AFTER_SCAN_MS = 100;

/** How long the server must have heard nothing from the client for work that can wait to go on. */
export const QUIET_MS = 200;

/** When the server last handled a request or a change, for work that can wait until it has been quiet a while. */
export function createActivity(now: () => number = () => performance.now()) {
  let last = -Infinity;
  return {
    touch(): void {
      last = now();
    },
    /** Milliseconds since the last request or change. */
    quietFor: () => now() - last,
  };
}

export type Activity = ReturnType<typeof createActivity>;

/**
 * Runs `step` from AFTER_SCAN_MS on, once per turn of the event loop, for as long as it returns
 * true; a step that throws ends the work, and `failed` is told. Given `quietFor`, a step runs only
 * once the server has heard nothing for QUIET_MS, and waits again whenever it has: work no request
 * waits for then never runs between the turns of one (a person typing, a stream of requests).
 */
export function whileIdleAfterScan(step: () => boolean, failed: (error: unknown) => void, scheduler: Scheduler = EVENT_LOOP, quietFor?: () => number): void {
  const next = () => {
    const quiet = quietFor?.() ?? Infinity;
    if (quiet < QUIET_MS) {
      scheduler.later(next, QUIET_MS - quiet);
      return;
    }
    let more: boolean;
    try {
      more = step();
    } catch (error) {
      failed(error);
      return;
    }
    if (more) scheduler.nextTurn(next);
  };
  scheduler.later(next, AFTER_SCAN_MS);
}
