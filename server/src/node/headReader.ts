// The heads of a scan's files, batch by batch, read ahead on a thread of its own (headWorker.ts,
// built next to the server) while the server parses and indexes what came before: on two cores,
// the system calls of a scan of 50,000 files no longer wait in line with its parsing. A scan too
// small to repay starting a thread, or one where no thread starts or one fails, reads on the
// server's thread, from the first batch not received.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createHeadReading, type Head } from './readHeads';

export interface HeadRequest {
  readonly id: number;
  readonly files: readonly string[];
}

/** A head the thread leaves for the server's thread to read: a long one, not copied from thread to thread. */
export interface LongHead {
  readonly long: true;
}

export interface HeadBatch {
  readonly id: number;
  readonly heads: (Head | LongHead)[];
}

/**
 * Heads longer than this (a readout's is under 2 KiB) are read again on the server's thread as it
 * comes to them, so that the batches read ahead hold a few megabytes at most whatever the files.
 */
export const LONG_HEAD = 16 * 1024;

/** Files per batch: a message per batch costs little beside reading them, and a batch is read in a few milliseconds. */
export const HEAD_BATCH = 256;
/** Batches asked for before the first is taken: the thread reads on while the server parses. */
const AHEAD = 4;
/**
 * Fewer files than this are read on the server's thread. A thread costs 10-17 MiB, and it pays only
 * for large archives: over stdio, spawn to indexed, medians of 5-7 runs alternated with the files
 * read on the server's thread, 50,000 readouts -9%, 20,000 -2%, 10,000 no change.
 */
const THREAD_FROM = 20_000;
/** The thread's script, built next to the bundle that holds this module (server/out); not there when run from source. */
const HEAD_WORKER = path.join(__dirname, 'headWorker.js');

export interface HeadReaderOptions {
  /** The thread's script: HEAD_WORKER unless a test says. */
  readonly script?: string;
  /** Fewer files are read on this thread: THREAD_FROM unless a test says. */
  readonly threadFrom?: number;
  readonly log: (message: string) => void;
}

export interface HeadReader {
  /** The heads of files [`HEAD_BATCH` × n, ...), in order; asked for in order, each once. */
  batch(n: number): Promise<Head[]>;
  readonly batches: number;
  /** Whether a thread reads the files ahead: false when none was started, and once it is given up. */
  readonly threaded: boolean;
  /** Stops the thread; the heads not taken are dropped. */
  close(): void;
}

/** Reads `files` ahead on a thread (when its script is there and the files are many enough), else on this thread as each batch is asked for. */
export function startHeadReader(files: readonly string[], options: HeadReaderOptions): HeadReader {
  const { script = HEAD_WORKER, threadFrom = THREAD_FROM, log } = options;
  const batches = Math.ceil(files.length / HEAD_BATCH);
  const filesOf = (n: number) => files.slice(n * HEAD_BATCH, (n + 1) * HEAD_BATCH);
  const readHere = createHeadReading();
  const here: HeadReader = { batch: async (n) => readHere(filesOf(n)), batches, threaded: false, close() {} };
  if (files.length < threadFrom || !existsSync(script)) return here;

  let worker: Worker | undefined;
  try {
    // The thread holds a batch at a time: a small heap bounds it, and should it run out, the thread
    // stops and the server's thread reads on (no gain or loss of speed or memory measured at 50,000).
    worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 } });
  } catch (error) {
    log(`Reading the files on the server's thread: no thread could be started (${(error as Error).message}).`);
    return here;
  }
  const received = new Map<number, Head[]>();
  const waiting = new Map<number, (heads: Head[]) => void>();
  // Batches asked of the thread, the next one to be taken, and whether the thread is given up.
  let asked = 0;
  let next = 0;
  let failed = false;
  const ask = () => {
    if (failed) return;
    for (; asked < batches && asked < next + AHEAD; asked++) worker!.postMessage({ id: asked, files: filesOf(asked) } satisfies HeadRequest);
  };
  const fail = (reason: string) => {
    if (failed) return;
    failed = true;
    log(`Reading the files on the server's thread from here: the reading thread ${reason}.`);
    void worker!.terminate();
    // What was asked and not received is read here.
    for (const [n, resolve] of waiting) resolve(readHere(filesOf(n)));
    waiting.clear();
  };
  worker.on('message', ({ id, heads: sent }: HeadBatch) => {
    const heads = sent.map((head, at) => ('long' in head ? readHere([files[id * HEAD_BATCH + at]])[0] : head));
    const resolve = waiting.get(id);
    if (resolve) {
      waiting.delete(id);
      resolve(heads);
    } else received.set(id, heads);
  });
  worker.on('error', (error) => fail(`failed (${error.message})`));
  worker.on('exit', (code) => fail(`stopped (exit code ${code})`));
  ask();
  return {
    batches,
    get threaded() {
      return !failed;
    },
    batch(n) {
      next = n + 1;
      const heads = received.get(n);
      if (heads) {
        received.delete(n);
        ask();
        return Promise.resolve(heads);
      }
      if (failed) return Promise.resolve(readHere(filesOf(n)));
      ask();
      return new Promise((resolve) => waiting.set(n, resolve));
    },
    close() {
      if (failed) return;
      failed = true;
      worker!.removeAllListeners();
      void worker!.terminate();
    },
  };
}
