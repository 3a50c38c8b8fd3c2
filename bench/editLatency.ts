// Edit latency: from didChange to the matching publishDiagnostics over stdio, on the reference
// readout, alternating a defect and its fix. Run with `npm run bench`; not part of `npm test`.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LspClient, REPO_ROOT } from '../test/protocol/lspClient';

const EDITS = 400;
const WARMUP = 40;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const reference = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'reference.txt'), 'utf8');
  const defect = reference.replace('tags: statements-releases', 'tags: statement-releases');
  const client = await LspClient.start();
  const uri = 'file:///bench/reference.txt';
  client.open(uri, reference, 'plaintext');
  await client.nextDiagnostics(uri, 1);
  const samples: number[] = [];
  for (let i = 0; i < EDITS + WARMUP; i++) {
    const text = i % 2 === 0 ? defect : reference;
    const start = process.hrtime.bigint();
    const version = client.change(uri, text);
    const published = await client.nextDiagnostics(uri, version);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (published.diagnostics.length !== (i % 2 === 0 ? 1 : 0)) throw new Error(`unexpected diagnostics at edit ${i}`);
    if (i >= WARMUP) samples.push(elapsed);
  }
  await client.shutdown();
  samples.sort((a, b) => a - b);
  const row = { edits: samples.length, p50_ms: percentile(samples, 50), p99_ms: percentile(samples, 99), max_ms: samples.at(-1)! };
  console.log('edit latency, didChange -> publishDiagnostics, reference readout, empty workspace');
  console.table([Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value.toFixed(3))]))]);
}

void main();
