import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { glob } from 'tinyglobby';
import type { ScanRequest, ScanResult } from './indexWorker';

/** Files per message to a worker: large enough that messaging costs little, small enough for steady progress. */
const BATCH = 250;
/** Batches a worker holds at once, so that it never waits for the main thread between two. */
const IN_FLIGHT = 2;

export interface ScanProgress {
  readonly scanned: number;
  readonly total: number;
}

export interface ScanOptions {
  readonly files: readonly string[];
  readonly exclude: readonly string[];
  /** Called with each batch of results as it arrives. */
  readonly onResult: (result: ScanResult) => void;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Stops handing out work; batches already sent still report. */
  readonly signal?: AbortSignal;
}

/** The files of a folder that `readout.files` names and `readout.exclude` does not. */
export function listReadoutFiles(folder: string, files: readonly string[], exclude: readonly string[]): Promise<string[]> {
  return glob([...files], { cwd: folder, ignore: [...exclude], absolute: true, dot: true, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false });
}

/**
 * Reads the front matter of every readout file in the folders, on worker threads (one per core,
 * at most four) so that the server keeps answering requests while a large archive is scanned.
 */
export async function scanFolders(folders: readonly string[], options: ScanOptions): Promise<void> {
  const lists = await Promise.all(folders.map((folder) => listReadoutFiles(folder, options.files, options.exclude)));
  const files = lists.flat();
  const total = files.length;
  options.onProgress?.({ scanned: 0, total });
  if (total === 0) return;
  const workerCount = Math.max(1, Math.min(4, os.availableParallelism(), Math.ceil(total / BATCH)));
  let next = 0;
  let scanned = 0;
  const run = (worker: Worker) => new Promise<void>((resolve, reject) => {
    let pending = 0;
    const send = () => {
      while (pending < IN_FLIGHT && next < total && !options.signal?.aborted) {
        const request: ScanRequest = { files: files.slice(next, next + BATCH) };
        next += BATCH;
        pending++;
        worker.postMessage(request);
      }
      if (pending === 0) resolve();
    };
    worker.on('message', (message: string) => {
      pending--;
      const result = JSON.parse(message) as ScanResult;
      scanned += result.scanned;
      options.onResult(result);
      options.onProgress?.({ scanned, total });
      send();
    });
    worker.on('error', reject);
    send();
  });
  const workers = Array.from({ length: workerCount }, () => new Worker(path.join(__dirname, 'indexWorker.js')));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
