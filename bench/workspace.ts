// The workspace index at scale: time from initialize to the end of the scan, peak memory, and
// completion latency with the archive indexed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeCorpus } from '../test/corpus';
import { EDITOR_CAPABILITIES, LspClient } from '../test/protocol/lspClient';
import { measureEditLatency, type EditLatency } from './editLatency';
import { peakRssMiB, percentile, round, sample } from './stats';

export interface IndexRun {
  readouts: number;
  index_ms: number;
  peak_rss_mib: number;
  completion?: { tags_p50_ms: number; tags_p99_ms: number; title_p50_ms: number; title_p99_ms: number };
  edit?: EditLatency;
}

async function completionLatency(client: LspClient, folder: string): Promise<NonNullable<IndexRun['completion']>> {
  const uri = `file://${folder}/bench-completion.md`;
  const text = "---\ndate: '2023-01-10'\npublished_time: 2023-01-10 12:54:40-05:00\ntags: \ntitle: Readout of President\n---\n";
  client.open(uri, text, 'markdown');
  await client.nextDiagnostics(uri, 1);
  const tags = await sample(200, 20, async () => { await client.completion(uri, { line: 3, character: 6 }); });
  const title = await sample(200, 20, async () => { await client.completion(uri, { line: 4, character: 27 }); });
  client.close(uri);
  return { tags_p50_ms: round(percentile(tags, 50), 3), tags_p99_ms: round(percentile(tags, 99), 3), title_p50_ms: round(percentile(title, 50), 3), title_p99_ms: round(percentile(title, 99), 3) };
}

/** Writes `count` readouts into a temporary folder, starts the server on it and measures. */
export async function measureWorkspace(count: number, withLatency: boolean): Promise<IndexRun> {
  const folder = mkdtempSync(path.join(os.tmpdir(), `readout-bench-${count}-`));
  try {
    await writeCorpus(folder, { count, seed: 1 });
    const started = process.hrtime.bigint();
    const client = await LspClient.start({ workspaceFolders: [folder], capabilities: EDITOR_CAPABILITIES });
    await client.indexed(120_000);
    const run: IndexRun = {
      readouts: count,
      index_ms: round(Number(process.hrtime.bigint() - started) / 1e6, 0),
      peak_rss_mib: peakRssMiB(client.pid, (file) => readFileSync(file, 'utf8')),
    };
    if (withLatency) {
      run.completion = await completionLatency(client, folder);
      run.edit = await measureEditLatency(client);
    }
    await client.shutdown();
    return run;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
