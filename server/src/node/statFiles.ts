// The stat of every file listed, links followed: at 200,000 files the stat calls alone took half a
// second on one thread, so a large listing shares them with a worker thread (the command line's
// `--cache`), or leaves them all to it (the server's warm start, which restores its index meanwhile).
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Per file: size, mtimeMs, ctimeMs and ino (what `--cache` compares), NaN for a file that cannot be stat'ed. */
export const STAT_FIELDS = 4;

/** What a run lists: each file's STAT_FIELDS numbers, and its device (NaN when it cannot be stat'ed); 1 for a regular file. */
export interface ListedStats {
  readonly stats: Float64Array;
  readonly devices: Float64Array;
  readonly regular: Uint8Array;
}

/** Below this many files a thread costs more to start than it saves. */
export const STAT_THREAD_FROM = 20_000;
/** Files taken at a time by either thread. */
const CHUNK = 1024;

/**
 * The worker's code, as a string: a worker running the command line's own script would load all of
 * it (a tenth of a second) before its first stat. It does what statInto does, for the chunks of
 * the files it takes (`next` counts them out to both threads).
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
parentPort.once('message', ({ paths, next, stats, devices, regular }) => {
  try {
    // The paths come as one buffer, each ended by a NUL (which no path holds): made into 200,000
    // strings and sent, they cost both threads a tenth of a second of copying and collecting.
    const bytes = Buffer.from(paths);
    const ends = [];
    for (let end = bytes.indexOf(0); end !== -1; end = bytes.indexOf(0, end + 1)) ends.push(end);
    for (let from = Atomics.add(next, 0, ${CHUNK}); from < ends.length; from = Atomics.add(next, 0, ${CHUNK})) {
      for (let at = from; at < Math.min(from + ${CHUNK}, ends.length); at++) {
        const stat = statSync(bytes.subarray(at === 0 ? 0 : ends[at - 1] + 1, ends[at]), { throwIfNoEntry: false });
        if (!stat) continue;
        const to = at * ${STAT_FIELDS};
        stats[to] = stat.size;
        stats[to + 1] = stat.mtimeMs;
        stats[to + 2] = stat.ctimeMs;
        stats[to + 3] = stat.ino;
        devices[at] = stat.dev;
        regular[at] = stat.isFile() ? 1 : 0;
      }
    }
    parentPort.postMessage({});
  } catch (error) {
    parentPort.postMessage({ error: error.message });
  }
});
`;

/** Stats files[from, to) into the arrays at their own places. */
function statInto(files: readonly string[], from: number, to: number, { stats, devices, regular }: ListedStats): void {
  for (let at = from; at < to; at++) {
    const stat = statSync(files[at], { throwIfNoEntry: false });
    if (!stat) continue;
    stats[at * STAT_FIELDS] = stat.size;
    stats[at * STAT_FIELDS + 1] = stat.mtimeMs;
    stats[at * STAT_FIELDS + 2] = stat.ctimeMs;
    stats[at * STAT_FIELDS + 3] = stat.ino;
    devices[at] = stat.dev;
    regular[at] = stat.isFile() ? 1 : 0;
  }
}

/**
 * A worker for statFiles, started before the files are listed when a run expects many (it takes
 * some 50 ms to start, which the listing then hides); undefined for a run expected to be small.
 * It keeps the process alive only once it is given files.
 */
export function startStatWorker(expected: number): Worker | undefined {
  if (expected < STAT_THREAD_FROM) return undefined;
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  worker.unref();
  return worker;
}

export interface StatOptions {
  /** A worker startStatWorker started, else one is started when the files are many. */
  readonly worker?: Worker;
  /**
   * Run on this thread once the worker has the files, before this thread takes its share: other
   * work (reading the cache) is done while the worker stats.
   */
  readonly meanwhile?: () => void;
  /** False: with many files this thread stats none, and is free for other work until they are done. */
  readonly shareThisThread?: boolean;
}

/**
 * The stat of each file, in their order; a stat that fails otherwise than for a missing file
 * throws, as statSync does. With many files, they are shared with a worker, which is then ended.
 */
export async function statFiles(files: readonly string[], options: StatOptions = {}): Promise<ListedStats> {
  const { worker: started, meanwhile = () => {}, shareThisThread = true } = options;
  if (files.length < STAT_THREAD_FROM) {
    void started?.terminate();
    meanwhile();
    const result = { stats: new Float64Array(files.length * STAT_FIELDS).fill(NaN), devices: new Float64Array(files.length).fill(NaN), regular: new Uint8Array(files.length) };
    statInto(files, 0, files.length, result);
    return result;
  }
  // Shared memory: the worker writes what it stats in place.
  const result = {
    stats: new Float64Array(new SharedArrayBuffer(files.length * STAT_FIELDS * 8)).fill(NaN),
    devices: new Float64Array(new SharedArrayBuffer(files.length * 8)).fill(NaN),
    regular: new Uint8Array(new SharedArrayBuffer(files.length)),
  };
  // Both threads take chunks from one count until it passes the end: whichever has more to do besides takes fewer.
  const next = new Int32Array(new SharedArrayBuffer(4));
  const worker = started ?? new Worker(WORKER_SOURCE, { eval: true });
  worker.ref();
  try {
    const done = new Promise<void>((resolve, reject) => {
      worker.once('message', ({ error }: { error?: string }) => (error === undefined ? resolve() : reject(new Error(error))));
      worker.once('error', reject);
      // A thread that ends without a word (its heap exhausted) must not leave the run waiting.
      worker.once('exit', (code) => reject(new Error(`the stat thread stopped (exit code ${code})`)));
    });
    // When this thread's share fails first, the worker is ended unheard: a failure of its own then has no one to tell.
    done.catch(() => undefined);
    const paths = new TextEncoder().encode(`${files.join('\0')}\0`).buffer;
    worker.postMessage({ paths, next, ...result }, [paths]);
    meanwhile();
    if (shareThisThread) {
      for (let from = Atomics.add(next, 0, CHUNK); from < files.length; from = Atomics.add(next, 0, CHUNK)) {
        statInto(files, from, Math.min(from + CHUNK, files.length), result);
      }
    }
    await done;
  } finally {
    void worker.terminate();
  }
  return result;
}
