// The workspace index at scale: time from initialize to the end of the scan, peak memory, and,
// with the archive indexed, completion and edit latency.
import * as path from 'node:path';
import { EDITOR_CAPABILITIES, fileUri, LspClient } from '../test/protocol/lspClient';
import { measureEditLatency, type EditLatency } from './editLatency';
import { peakRssMiB, percentiles, round, sample, type Percentiles } from './stats';

export interface CompletionLatency {
  readonly tags: Percentiles;
  readonly title: Percentiles;
}

export interface IndexRun {
  readonly readouts: number;
  /** From spawning the server to the end of the scan. */
  readonly index_ms: number;
  /** The scan alone, as the server logs it. */
  readonly scan_ms: number;
  readonly peak_rss_mib: number;
  readonly completion?: CompletionLatency;
  readonly edit?: EditLatency;
}

/** Completion of a `tags` value and of a title, in a new readout in `folder`; yaml-language-server is asked the same (bench/yamlLanguageServer.ts). */
async function measureCompletion(client: LspClient, folder: string): Promise<CompletionLatency> {
  const uri = fileUri(path.join(folder, 'bench-completion.md'));
  const text = "---\ndate: '2023-01-10'\npublished_time: 2023-01-10 12:54:40-05:00\ntags: \ntitle: Readout of President\n---\n";
  client.open(uri, text, 'markdown');
  await client.nextDiagnostics(uri, 1);
  const offered = (await client.completion(uri, { line: 3, character: 6 }))?.items.map((item) => item.label) ?? [];
  if (!offered.includes('statements-releases')) throw new Error(`no tag offered after 'tags: ': ${offered.join(', ')}`);
  const titles = (await client.completion(uri, { line: 4, character: 27 }))?.items ?? [];
  if (titles.length === 0) throw new Error('no title offered for "Readout of President"');
  const tags = await sample(200, 20, async () => { await client.completion(uri, { line: 3, character: 6 }); });
  const title = await sample(200, 20, async () => { await client.completion(uri, { line: 4, character: 27 }); });
  client.close(uri);
  return { tags: percentiles(tags), title: percentiles(title) };
}

/** Starts the server on a folder of `readouts` readouts and measures; latency too when `withLatency`. */
export async function measureWorkspace(folder: string, readouts: number, withLatency: boolean): Promise<IndexRun> {
  const started = process.hrtime.bigint();
  const client = await LspClient.start({ workspaceFolders: [folder], capabilities: EDITOR_CAPABILITIES });
  await client.indexed(120_000);
  const indexMs = round(Number(process.hrtime.bigint() - started) / 1e6, 0);
  const peak = peakRssMiB(client.pid);
  // "Indexed 50,000 readouts in 1 folder in 2414 ms (...)": the count, and the scan's own time.
  const logged = client.logMessages.map((log) => /^Indexed ([\d,]+) readouts? in [\d,]+ folders? in (\d+) ms/.exec(log.message)).find((match) => match !== null);
  if (Number(logged?.[1].replace(/,/g, '')) !== readouts) throw new Error(`the server indexed ${logged?.[1] ?? 'no'} readouts of ${readouts}`);
  const latency = withLatency ? { completion: await measureCompletion(client, folder), edit: await measureEditLatency(client) } : {};
  await client.shutdown();
  return { readouts, index_ms: indexMs, scan_ms: Number(logged![2]), peak_rss_mib: peak, ...latency };
}
