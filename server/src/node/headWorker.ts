// The thread headReader.ts starts: reads the batches of files it is sent, in the order sent.
import { parentPort } from 'node:worker_threads';
import { createHeadReading } from './readHeads';
import { LONG_HEAD, type HeadBatch, type HeadRequest } from './headReader';

const read = createHeadReading();
parentPort!.on('message', ({ id, files }: HeadRequest) => {
  const batch: HeadBatch = { id, heads: read(files).map((head) => ('text' in head && head.text.length > LONG_HEAD ? { long: true } : head)) };
  parentPort!.postMessage(batch);
});
