// Runs batches of files on worker threads, one per core, each taking the next batch as it finishes
// one; or on the main thread for a run too small to repay starting threads.
import { Worker } from 'node:worker_threads';
import { createFileChecker, type CheckBatch, type CheckSetup } from './checkFiles';
import type { BatchRequest } from './checkWorker';
import type { FileReport } from './report';

export interface CheckPool {
  /** Checks the batches; reports come back in the batches' order. `onProgress` gets the files done so far. */
  run(batches: readonly CheckBatch[], onProgress?: (done: number) => void): Promise<FileReport[]>;
  close(): Promise<void>;
}

/** The main thread as the only checker. */
function inThreadPool(setup: CheckSetup): CheckPool {
  const check = createFileChecker(setup);
  return {
    async run(batches, onProgress) {
      const reports: FileReport[] = [];
      for (const batch of batches) {
        reports.push(...check(batch));
        onProgress?.(reports.length);
      }
      return reports;
    },
    async close() {},
  };
}

/** `threads` workers running this same script (it serves checks when it is not the main thread). */
function workerPool(setup: CheckSetup, threads: number, script: string): CheckPool {
  const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: setup }));
  return {
    run(batches, onProgress) {
      const results: FileReport[][] = new Array(batches.length);
      let next = 0;
      let done = 0;
      let finished = 0;
      return new Promise((resolve, reject) => {
        const cleanups: (() => void)[] = [];
        const settle = (error?: Error) => {
          cleanups.forEach((cleanup) => cleanup());
          if (error) reject(error);
          else resolve(results.flat());
        };
        const feed = (worker: Worker) => {
          if (next >= batches.length) return;
          const request: BatchRequest = { id: next, batch: batches[next++] };
          worker.postMessage(request);
        };
        for (const worker of workers) {
          const onMessage = ({ id, reports }: { id: number; reports: FileReport[] }) => {
            results[id] = reports;
            done += reports.length;
            onProgress?.(done);
            if (++finished === batches.length) settle();
            else feed(worker);
          };
          const onError = (error: Error) => settle(new Error(`A worker thread failed: ${error.stack ?? error.message}`));
          const onExit = (code: number) => settle(new Error(`A worker thread stopped (exit code ${code}) before the check was done.`));
          worker.on('message', onMessage).on('error', onError).on('exit', onExit);
          cleanups.push(() => worker.off('message', onMessage).off('error', onError).off('exit', onExit));
        }
        if (batches.length === 0) settle();
        // Two batches each: a worker never waits for the main thread to send its next one.
        else for (const worker of [...workers, ...workers]) feed(worker);
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** A pool of `threads` workers running `script`, or the main thread alone when `threads` is 0. */
export function startCheckPool(setup: CheckSetup, threads: number, script: string): CheckPool {
  return threads === 0 ? inThreadPool(setup) : workerPool(setup, threads, script);
}
