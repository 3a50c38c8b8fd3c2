// The workspace index at scale: time from initialize to the end of the scan, peak memory, and,
// with the archive indexed, what a person typing waits for (bench/typing.ts) and edit latency.
import { EDITOR_CAPABILITIES, LspClient } from '../test/protocol/lspClient';
import { measureEditLatency, type EditLatency } from './editLatency';
import { peakRssMiB, round } from './stats';
import { measureTyping, type TypingLatency } from './typing';

export interface IndexRun {
  readonly readouts: number;
  /** From spawning the server to the end of the scan. */
  readonly index_ms: number;
  /** The scan alone, as the server logs it. */
  readonly scan_ms: number;
  readonly peak_rss_mib: number;
  readonly typing?: TypingLatency;
  readonly edit?: EditLatency;
}

/** Starts the server on a folder of `readouts` readouts and measures; latency too when `typedTitles` are given (the first request after the scan is a title completion). */
export async function measureWorkspace(folder: string, readouts: number, typedTitles?: readonly string[]): Promise<IndexRun> {
  const started = process.hrtime.bigint();
  const client = await LspClient.start({ workspaceFolders: [folder], capabilities: EDITOR_CAPABILITIES });
  await client.indexed(120_000);
  const indexMs = round(Number(process.hrtime.bigint() - started) / 1e6, 0);
  const peak = peakRssMiB(client.pid);
  // "Indexed 50,000 readouts in 1 folder in 2414 ms (...)": the count, and the scan's own time.
  const logged = client.logMessages.map((log) => /^Indexed ([\d,]+) readouts? in [\d,]+ folders? in (\d+) ms/.exec(log.message)).find((match) => match !== null);
  if (Number(logged?.[1].replace(/,/g, '')) !== readouts) throw new Error(`the server indexed ${logged?.[1] ?? 'no'} readouts of ${readouts}`);
  const latency = typedTitles ? { typing: await measureTyping(client, folder, typedTitles), edit: await measureEditLatency(client) } : {};
  await client.shutdown();
  return { readouts, index_ms: indexMs, scan_ms: Number(logged![2]), peak_rss_mib: peak, ...latency };
}
