// The index saved between sessions at scale: a cold start (no saved index) that saves it, warm
// starts on the same files (spawn to the initialize answer, to the index restored, to the first
// workspace symbols answered, to the end of the scan that checks it against the disk; medians of
// BENCH_WARM_RUNS, 5 by default), and a warm start after a branch switch that rewrote `switched`
// files (the log must say exactly those were read).
// Run on its own: node --import tsx bench/warmStart.ts FOLDER READOUTS
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { glob } from 'tinyglobby';
import { EDITOR_CAPABILITIES, LspClient } from '../test/protocol/lspClient';
import { median, peakRssMiB, round } from './stats';

export interface StartRun {
  /** Spawn to the initialize answer. */
  readonly initialized_ms: number;
  /** Spawn to the "Restored ..." log line (warm) or to the end of the scan (cold). */
  readonly restored_ms: number;
  /** Spawn to the answer of a workspace symbol query sent once the index is restored (cold: once the scan ends). */
  readonly first_symbols_ms: number;
  /** The initialize answer to that of the symbol query. */
  readonly first_symbols_after_initialize_ms: number;
  /** Spawn to the end of the scan. */
  readonly indexed_ms: number;
  readonly files_read: number;
  readonly peak_rss_mib: number;
}

export interface WarmStartRun {
  readonly readouts: number;
  readonly cold: StartRun;
  /** The medians of `warm_runs`, each figure on its own. */
  readonly warm: StartRun;
  readonly warm_runs: readonly StartRun[];
  readonly switched: number;
  readonly after_switch: StartRun;
}

async function start(folder: string, storage: string, readouts: number): Promise<StartRun> {
  const started = performance.now();
  const client = await LspClient.start({ workspaceFolders: [folder], capabilities: EDITOR_CAPABILITIES, initializationOptions: { indexStorage: storage } });
  const since = () => round(performance.now() - started, 0);
  const initialized = round(client.initializedAt! - started, 0);
  // Requests are answered while the index is restored and scanned: a query is sent once it is whole.
  const indexing = client.indexed(600_000).then(since);
  const restored = await Promise.race([indexing, new Promise<number>((resolve) => {
    const watch = setInterval(() => {
      if (!client.logMessages.some((log) => /^Restored |^Indexed /.test(log.message))) return;
      clearInterval(watch);
      resolve(since());
    }, 1);
  })]);
  await client.workspaceSymbols('Readout of the President');
  const firstSymbols = since();
  const indexed = await indexing;
  const peak = peakRssMiB(client.pid);
  const line = client.logMessages.map((log) => log.message).find((message) => message.startsWith('Indexed '))!;
  const match = /^Indexed ([\d,]+) readouts? in .*?(?:; ([\d,]+) of [\d,]+ files? read,|\)\.$)/.exec(line);
  const number = (text: string) => Number(text.replace(/,/g, ''));
  if (!match || number(match[1]) !== readouts) throw new Error(`the server said "${line}" of ${readouts} readouts`);
  await client.shutdown();
  return { initialized_ms: initialized, restored_ms: restored, first_symbols_ms: firstSymbols, first_symbols_after_initialize_ms: firstSymbols - initialized, indexed_ms: indexed, files_read: match[2] === undefined ? Number.NaN : number(match[2]), peak_rss_mib: peak };
}

/** Rewrites `count` readouts of the folder (a line added to each body), as a checkout of another branch would; returns how many. */
async function switchBranch(folder: string, count: number): Promise<number> {
  const files = (await glob('**/*.md', { cwd: folder, absolute: true })).sort().slice(0, count);
  for (const file of files) writeFileSync(file, `${readFileSync(file, 'utf8')}\nAs revised on another branch.\n`);
  return files.length;
}

/** Each figure's median over the runs. */
function medianRun(runs: readonly StartRun[]): StartRun {
  const of = (field: keyof StartRun) => median(runs.map((run) => run[field]));
  return { initialized_ms: of('initialized_ms'), restored_ms: of('restored_ms'), first_symbols_ms: of('first_symbols_ms'), first_symbols_after_initialize_ms: of('first_symbols_after_initialize_ms'), indexed_ms: of('indexed_ms'), files_read: of('files_read'), peak_rss_mib: of('peak_rss_mib') };
}

export async function measureWarmStart(folder: string, readouts: number, switched = 1000, warmRuns = Number(process.env.BENCH_WARM_RUNS ?? 5)): Promise<WarmStartRun> {
  const storage = mkdtempSync(path.join(os.tmpdir(), 'readout-bench-storage-'));
  try {
    const cold = await start(folder, storage, readouts);
    const runs: StartRun[] = [];
    for (let run = 0; run < warmRuns; run++) runs.push(await start(folder, storage, readouts));
    const rewritten = await switchBranch(folder, Math.min(switched, Math.floor(readouts / 10)));
    const afterSwitch = await start(folder, storage, readouts);
    if (afterSwitch.files_read !== rewritten) throw new Error(`after ${rewritten} files changed, the server read ${afterSwitch.files_read}`);
    return { readouts, cold, warm: medianRun(runs), warm_runs: runs, switched: rewritten, after_switch: afterSwitch };
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
}

if (require.main === module) {
  measureWarmStart(process.argv[2], Number(process.argv[3])).then((run) => console.log(JSON.stringify(run, null, 2)), (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
