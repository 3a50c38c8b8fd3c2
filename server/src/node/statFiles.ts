// The stat of every file listed, links followed: at 200,000 files the stat calls alone took half a
// second on one thread, so a large listing shares them with a worker thread (the command line's
// `--cache`, which gives it each chunk of files as the listing finds them), or leaves them all to
// it (the server's warm start, which restores its index meanwhile).
import { statSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';

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
/** Files in a chunk: sent to the worker at a time, and taken at a time by either thread. */
const CHUNK = 1024;
/** A chunk's results in one shared buffer: its stats, then its devices (float64), then a byte each for `regular`. */
const CHUNK_BYTES = CHUNK * (STAT_FIELDS * 8 + 8 + 1);
/**
 * The words of the count both threads share: the next chunk to take, and the chunks sent, times
 * two, plus one once no more will come (one word, so that a thread waiting on it sees either).
 */
const NEXT = 0;
const SENT = 1;

/** A chunk's results, over its shared buffer. */
function chunkResults(buffer: SharedArrayBuffer): ListedStats {
  return { stats: new Float64Array(buffer, 0, CHUNK * STAT_FIELDS), devices: new Float64Array(buffer, CHUNK * STAT_FIELDS * 8, CHUNK), regular: new Uint8Array(buffer, CHUNK * (STAT_FIELDS + 1) * 8, CHUNK) };
}

/**
 * The worker's code, as a string: a worker running the command line's own script would load all of
 * it (a tenth of a second) before its first stat. It takes chunks from the shared count, waits for
 * one not sent yet, and does for each what statInto does.
 */
const WORKER_SOURCE = `
const { parentPort, receiveMessageOnPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
parentPort.once('message', ({ port, count }) => {
  try {
    for (;;) {
      const index = Atomics.add(count, ${NEXT}, 1);
      let sent = Atomics.load(count, ${SENT});
      while (index >= sent >> 1) {
        if ((sent & 1) === 1) {
          parentPort.postMessage({});
          return;
        }
        Atomics.wait(count, ${SENT}, sent);
        sent = Atomics.load(count, ${SENT});
      }
      // Chunks come in order; those before this one were taken by this thread or the other.
      let chunk;
      do {
        chunk = receiveMessageOnPort(port)?.message;
        if (chunk === undefined) throw new Error('chunk ' + index + ' was counted but not sent');
      } while (chunk.index !== index);
      // The paths come as one text, each ended by a NUL (which no path holds): 200,000 strings
      // sent one by one cost both threads a tenth of a second of copying and collecting.
      const paths = chunk.paths;
      const stats = new Float64Array(chunk.results, 0, ${CHUNK * STAT_FIELDS});
      const devices = new Float64Array(chunk.results, ${CHUNK * STAT_FIELDS * 8}, ${CHUNK});
      const regular = new Uint8Array(chunk.results, ${CHUNK * (STAT_FIELDS + 1) * 8}, ${CHUNK});
      for (let at = 0, from = 0; from < paths.length; at++) {
        const end = paths.indexOf('\\0', from);
        const stat = statSync(paths.slice(from, end), { throwIfNoEntry: false });
        from = end + 1;
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
  } catch (error) {
    parentPort.postMessage({ error: error.message });
  }
});
`;

/** Stats files[from, to) into the arrays, the first at `place`. */
function statInto(files: readonly string[], from: number, to: number, { stats, devices, regular }: ListedStats, place = from): void {
  for (let at = from; at < to; at++, place++) {
    const stat = statSync(files[at], { throwIfNoEntry: false });
    if (!stat) continue;
    stats[place * STAT_FIELDS] = stat.size;
    stats[place * STAT_FIELDS + 1] = stat.mtimeMs;
    stats[place * STAT_FIELDS + 2] = stat.ctimeMs;
    stats[place * STAT_FIELDS + 3] = stat.ino;
    devices[place] = stat.dev;
    regular[place] = stat.isFile() ? 1 : 0;
  }
}

const emptyStats = (count: number): ListedStats => ({ stats: new Float64Array(count * STAT_FIELDS).fill(NaN), devices: new Float64Array(count).fill(NaN), regular: new Uint8Array(count) });

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
  /**
   * Run on this thread once the files are all given, before this thread takes its share: other
   * work (reading the cache) is done while the worker stats.
   */
  readonly meanwhile?: () => void;
  /** False: with the worker, this thread stats none, and is free for other work until they are done. */
  readonly shareThisThread?: boolean;
}

/** Stats files as a listing finds them: with a worker, each chunk is stat'ed on it as soon as it is found. */
export interface StatFeed {
  /** A file found, after those added before it. */
  readonly add: (file: string) => void;
  /** The files added, in their order. */
  readonly files: readonly string[];
  /** The stat of each file added, in their order, once all are; a stat that fails otherwise than for a missing file throws, as statSync does. */
  finish(options?: StatOptions): Promise<ListedStats>;
  /** Ends the worker, when the files will not all be given (the listing failed). */
  cancel(): void;
}

/** A feed without a worker: the files are stat'ed once all are given, as statFiles does. */
function feedAtTheEnd(): StatFeed {
  const files: string[] = [];
  return { add: (file) => void files.push(file), files, finish: (options) => statFiles(files, options), cancel: () => {} };
}

/**
 * A feed for the files a listing finds: with a worker (`startStatWorker`'s), the worker stats
 * chunks as they are found, and this thread takes its share once they are all given; without one,
 * they are stat'ed once all are given, as statFiles does.
 */
export function startStatFeed(worker: Worker | undefined): StatFeed {
  if (!worker) return feedAtTheEnd();
  const files: string[] = [];
  const chunks: ListedStats[] = [];
  const count = new Int32Array(new SharedArrayBuffer(8));
  const { port1: toWorker, port2 } = new MessageChannel();
  worker.ref();
  worker.postMessage({ port: port2, count }, [port2]);
  const done = new Promise<void>((resolve, reject) => {
    worker.once('message', ({ error }: { error?: string }) => (error === undefined ? resolve() : reject(new Error(error))));
    worker.once('error', reject);
    // A thread that ends without a word (its heap exhausted) must not leave the run waiting.
    worker.once('exit', (code) => reject(new Error(`the stat thread stopped (exit code ${code})`)));
  });
  // When this thread's share fails first, the worker is ended unheard: a failure of its own then has no one to tell.
  done.catch(() => undefined);
  const send = (closing: boolean) => {
    const from = chunks.length * CHUNK;
    if (from < files.length) {
      const results = new SharedArrayBuffer(CHUNK_BYTES);
      const chunk = chunkResults(results);
      chunk.stats.fill(NaN);
      chunk.devices.fill(NaN);
      chunks.push(chunk);
      toWorker.postMessage({ index: chunks.length - 1, paths: `${files.slice(from, from + CHUNK).join('\0')}\0`, results });
    }
    Atomics.store(count, SENT, chunks.length * 2 + (closing ? 1 : 0));
    Atomics.notify(count, SENT);
  };
  const end = () => {
    toWorker.close();
    void worker.terminate();
  };
  return {
    add: (file) => {
      if (files.push(file) % CHUNK === 0) send(false);
    },
    files,
    finish: async ({ meanwhile = () => {}, shareThisThread = true } = {}) => {
      try {
        send(true);
        meanwhile();
        if (shareThisThread) {
          for (let index = Atomics.add(count, NEXT, 1); index < chunks.length; index = Atomics.add(count, NEXT, 1)) {
            statInto(files, index * CHUNK, Math.min((index + 1) * CHUNK, files.length), chunks[index], 0);
          }
        }
        await done;
      } finally {
        end();
      }
      const result = emptyStats(files.length);
      chunks.forEach((chunk, index) => {
        const length = Math.min(CHUNK, files.length - index * CHUNK);
        result.stats.set(chunk.stats.subarray(0, length * STAT_FIELDS), index * CHUNK * STAT_FIELDS);
        result.devices.set(chunk.devices.subarray(0, length), index * CHUNK);
        result.regular.set(chunk.regular.subarray(0, length), index * CHUNK);
      });
      return result;
    },
    cancel: end,
  };
}

/**
 * The stat of each file, in their order; a stat that fails otherwise than for a missing file
 * throws, as statSync does. With many files, they are shared with a worker (`worker`, or one
 * started now), which is then ended.
 */
export async function statFiles(files: readonly string[], options: StatOptions & { readonly worker?: Worker } = {}): Promise<ListedStats> {
  if (files.length >= STAT_THREAD_FROM) {
    const feed = startStatFeed(options.worker ?? startStatWorker(files.length));
    for (const file of files) feed.add(file);
    return feed.finish(options);
  }
  void options.worker?.terminate();
  options.meanwhile?.();
  const result = emptyStats(files.length);
  statInto(files, 0, files.length, result);
  return result;
}
