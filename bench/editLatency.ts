// Edit latency: from didChange to the matching publishDiagnostics over stdio, on the reference
// readout, alternating a defect and its fix.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LspClient, REPO_ROOT } from '../test/protocol/lspClient';
import { percentile, round, sample } from './stats';

export interface EditLatency {
  readonly edits: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
}

/** Measures on a running client (empty workspace or a large one already indexed). */
export async function measureEditLatency(client: LspClient, edits = 400): Promise<EditLatency> {
  const reference = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'reference.txt'), 'utf8');
  const defect = reference.replace('tags: statements-releases', 'tags: statement-releases');
  const uri = 'untitled:bench-edit-latency';
  client.open(uri, reference, 'plaintext');
  await client.nextDiagnostics(uri, 1);
  const samples = await sample(edits, 40, async (i) => {
    const version = client.change(uri, i % 2 === 0 ? defect : reference);
    const published = await client.nextDiagnostics(uri, version);
    if (published.diagnostics.length !== (i % 2 === 0 ? 1 : 0)) throw new Error(`unexpected diagnostics at edit ${i}`);
  });
  client.close(uri);
  return { edits, p50_ms: round(percentile(samples, 50), 3), p99_ms: round(percentile(samples, 99), 3) };
}
