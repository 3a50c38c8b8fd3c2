// `npm run bench`: builds, then measures and prints a table; the numbers are also written to
// bench/results/<date>.json (git-ignored). Not part of `npm test`: these machines are noisy.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LspClient, REPO_ROOT } from '../test/protocol/lspClient';
import { measureEditLatency } from './editLatency';
import { measureWorkspace } from './workspace';

async function main(): Promise<void> {
  const results: Record<string, unknown> = { machine: { cores: (await import('node:os')).availableParallelism(), node: process.version } };

  const empty = await LspClient.start();
  results.editLatencyEmptyWorkspace = await measureEditLatency(empty);
  await empty.shutdown();
  console.log('Edit latency, empty workspace (didChange -> publishDiagnostics):');
  console.table([results.editLatencyEmptyWorkspace]);

  const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
  const runs = [];
  for (const size of sizes) runs.push(await measureWorkspace(size, size === Math.max(...sizes)));
  results.workspace = runs;
  console.log('Workspace index (initialize -> end of scan, peak resident memory of the server):');
  console.table(runs.map(({ readouts, index_ms, peak_rss_mib }) => ({ readouts, index_ms, peak_rss_mib })));
  const largest = runs.at(-1)!;
  console.log(`At ${largest.readouts.toLocaleString('en-US')} readouts indexed: completion and edit latency`);
  console.table([{ ...largest.completion, edit_p50_ms: largest.edit?.p50_ms, edit_p99_ms: largest.edit?.p99_ms }]);

  const folder = path.join(REPO_ROOT, 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Written to ${path.relative(REPO_ROOT, file)}`);
}

void main();
