// Edit latency: from didChange to the matching publishDiagnostics over stdio, on the reference
// readout, alternating a defect and its fix; and the server's memory over a long run of such edits.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LspClient, REPO_ROOT } from '../test/protocol/lspClient';
import { InspectedHeap, INSPECTOR_URL } from './inspectedHeap';
import { percentiles, rssMiB, sample, type Percentiles } from './stats';

export const REFERENCE = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'reference.txt'), 'utf8');
/** One defect every tool given the schema reports: a tag that is not one of the four. */
export const DEFECT = REFERENCE.replace('tags: statements-releases', 'tags: statement-releases');

/** Edits made before timing starts in the memory run, whose first 100 edits are its baseline. */
const WARMUP_EDITS = 40;

export interface EditLatency extends Percentiles {
  readonly edits: number;
}

/** Opens the reference readout, then replaces it `edits` times (after `warmup` untimed ones), each time waiting for its diagnostics. */
async function editReference(client: LspClient, edits: number, warmup: number, afterEdit: (i: number) => Promise<void> | void = () => {}): Promise<number[]> {
  const uri = 'untitled:bench-edit-latency';
  client.open(uri, REFERENCE, 'plaintext');
  await client.nextDiagnostics(uri, 1);
  const samples = await sample(edits, warmup, async (i) => {
    const version = client.change(uri, i % 2 === 0 ? DEFECT : REFERENCE);
    const published = await client.nextDiagnostics(uri, version);
    if (published.diagnostics.length !== (i % 2 === 0 ? 1 : 0)) throw new Error(`unexpected diagnostics at edit ${i}`);
    await afterEdit(i);
  });
  client.close(uri);
  return samples;
}

/** Measures on a running client (empty workspace or a large one already indexed), from the first edit after opening: nothing left out as warm-up. */
export async function measureEditLatency(client: LspClient, edits = 300): Promise<EditLatency> {
  return { edits, ...percentiles(await editReference(client, edits, 0)) };
}

export interface EditMemory {
  readonly edits: number;
  /** Heap in use after a full collection: what a leak would grow. */
  readonly heap_after_100_mib: number;
  readonly heap_after_all_mib: number;
  /** Resident memory, which also holds what V8 has not yet collected. */
  readonly rss_after_100_mib: number;
  readonly rss_after_all_mib: number;
}

/** The memory of a fresh server after the first 100 edits of one document and after `edits`. */
export async function measureEditMemory(edits = 10_000): Promise<EditMemory> {
  const client = await LspClient.start({ nodeArguments: ['--inspect=127.0.0.1:0'] });
  const heap = await InspectedHeap.connect((await client.stderrMatch(INSPECTOR_URL))[1]);
  const after100 = { heap: NaN, rss: NaN };
  // `i` counts every edit from 0, the warm-up ones included.
  await editReference(client, edits - WARMUP_EDITS, WARMUP_EDITS, async (i) => {
    if (i !== 99) return;
    after100.rss = rssMiB(client.pid);
    after100.heap = await heap.usedAfterCollectionMiB();
  });
  const rssAfterAll = rssMiB(client.pid);
  const heapAfterAll = await heap.usedAfterCollectionMiB();
  heap.close();
  await client.shutdown();
  return { edits, heap_after_100_mib: after100.heap, heap_after_all_mib: heapAfterAll, rss_after_100_mib: after100.rss, rss_after_all_mib: rssAfterAll };
}
