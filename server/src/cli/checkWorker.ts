// The worker thread's side of the check pool: batches in, reports out.
import { parentPort, workerData } from 'node:worker_threads';
import { createFileChecker, type CheckBatch, type CheckSetup } from './checkFiles';

export interface BatchRequest {
  readonly id: number;
  readonly batch: CheckBatch;
}

export function serveChecks(): void {
  const port = parentPort!;
  const check = createFileChecker(workerData as CheckSetup);
  port.on('message', ({ id, batch }: BatchRequest) => port.postMessage({ id, reports: check(batch) }));
}
