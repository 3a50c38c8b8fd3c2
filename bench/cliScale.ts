// The command line on a large archive (issue 15): `readout check --format json` without the
// cache, with `--cache` writing it, unchanged, and after 10 files changed since it was written;
// then 4 shards (`--shard k/4 --facts-output`) and their `readout merge`. Each runs as its own
// process, `runs` times; the median wall time and peak memory of each. The report of the cached
// run after the change must be the uncached run's: the measurement throws otherwise.
//
// On its own: `node --import tsx bench/cliScale.ts SIZE [FOLDER]` writes a corpus of SIZE readouts
// into FOLDER (a temporary folder by default; kept, and reused when it already holds one) and
// prints the figures as JSON. BENCH_RUNS (3) runs of each; READOUT_CLI another built CLI.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCorpus, writeCorpus } from '../test/corpus';
import { RACY_MS } from '../server/src/node/regularFile';
import { CLI_PATH } from '../test/cli/cli';
import { median, round, runProcess, type ProcessRun } from './stats';

/** Median wall time and peak resident memory of one command's runs. */
export interface ScaleFigure {
  readonly wall_s: number;
  readonly peak_rss_mib: number;
}

export interface CliScaleRun {
  readonly readouts: number;
  readonly no_cache: ScaleFigure;
  /** `--cache` with no cache yet: every file checked, the cache written. */
  readonly cache_cold: ScaleFigure;
  /** `--cache` when no file changed since the cache was written. */
  readonly cache_unchanged: ScaleFigure;
  /** `--cache` when 10 files changed since the cache was written. */
  readonly cache_10_changed: ScaleFigure;
  /** `--shard k/4 --facts-output`, k = 1 to 4. */
  readonly shards: readonly ScaleFigure[];
  readonly merge: ScaleFigure;
}

/** How many files change between the cache's writing and the run measured. */
const CHANGED_FILES = 10;
const SHARDS = 4;

function figure(runs: readonly ProcessRun[], what: string): ScaleFigure {
  // Exit 1 means problems found; anything else is a run that did not do the work.
  const failed = runs.find((run) => run.status !== 0 && run.status !== 1);
  if (failed) throw new Error(`${what} exited with ${failed.status}`);
  return { wall_s: round(median(runs.map((run) => run.wallMs)) / 1000), peak_rss_mib: Math.round(median(runs.map((run) => run.peakRssMiB))) };
}

/** The JSON report of a run, its files sorted by path (the order is not what is compared). */
function jsonReport(cli: string, args: readonly string[], cwd: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, ...args], { cwd, maxBuffer: 1 << 30 }, (error, stdout) => {
      if (error && error.code !== 1) reject(error);
      else {
        const report = JSON.parse(stdout) as { files: { path: string }[] };
        report.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        resolve(report);
      }
    });
  });
}

interface ChangingFile {
  readonly file: string;
  /** As written, put back at the end. */
  readonly text: string;
  readonly mtime: Date;
  /** The text a run writes: a line more in the body, and for the first file another readout's source_url. */
  changed(run: number): string;
}

/**
 * The files that change: spread over the archive (every n-th in the order of the corpus). The
 * first takes the source_url of a file that does not change, so that duplicate-source-url is
 * decided on a changed file and a cached one.
 */
function changingFiles(corpus: string, readouts: number): ChangingFile[] {
  const step = Math.floor(readouts / CHANGED_FILES);
  const generated = generateCorpus({ count: readouts, seed: 1 });
  const sharedUrl = generated[step - 2].sourceUrl;
  return generated.filter((_, at) => at % step === step - 1).slice(0, CHANGED_FILES).map((readout, at) => {
    const file = path.join(corpus, ...readout.relativePath.split('/'));
    const text = readFileSync(file, 'utf8');
    const base = at === 0 ? text.replace(/^source_url: .*$/m, `source_url: ${sharedUrl}`) : text;
    return { file, text, mtime: statSync(file).mtime, changed: (run) => `${base}\nEdited in run ${run + 1}.\n` };
  });
}

/**
 * Measures the CLI (`cli`, the built one by default) on `corpus`, which holds `readouts` readouts
 * from writeCorpus (`{ count: readouts, seed: 1 }`), written more than two seconds ago. Leaves the
 * corpus as it found it (the cache written in it is removed); the shards' facts go in a temporary folder.
 */
export async function measureCliScale(corpus: string, readouts: number, runs: number, cli: string = CLI_PATH): Promise<CliScaleRun> {
  const scratch = path.join(os.tmpdir(), `readout-cli-scale-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  // Where the cache is by default, in the archive's folder (its files are named relative to it).
  const cacheFile = path.join(corpus, '.readoutcache');
  const firstCache = path.join(scratch, 'readoutcache.first');
  const cached = ['check', '--format', 'json', '--cache'];
  const changing = changingFiles(corpus, readouts);
  const repeat = async (args: readonly string[], before: (run: number) => void = () => {}) => {
    const measured: ProcessRun[] = [];
    for (let run = 0; run < runs; run++) {
      before(run);
      measured.push(await runProcess(cli, args, corpus));
    }
    return measured;
  };
  try {
    const noCache = figure(await repeat(['check', '--format', 'json']), 'check');
    const cold = figure(await repeat(cached, () => rmSync(cacheFile, { force: true })), 'check --cache (cold)');
    copyFileSync(cacheFile, firstCache);
    const unchanged = figure(await repeat(cached), 'check --cache (unchanged)');
    // Each run starts from the cache written before any change, and finds 10 files whose content
    // is new to it, modified a minute ago (well before the run, as a person's edits are): they are
    // read, hashed and checked, and every other file is taken by its stat.
    const change = (run: number) => {
      copyFileSync(firstCache, cacheFile);
      const modified = new Date(Date.now() - 60_000);
      for (const { file, changed } of changing) {
        writeFileSync(file, changed(run));
        utimesSync(file, modified, modified);
      }
    };
    const changed = figure(await repeat(cached, change), 'check --cache (10 changed)');
    // The same state once more, unmeasured, with the reports kept: the cached run must say what a run without the cache says.
    change(runs);
    const fromCache = await jsonReport(cli, cached, corpus);
    const without = await jsonReport(cli, ['check', '--format', 'json'], corpus);
    if (JSON.stringify(fromCache) !== JSON.stringify(without)) throw new Error(`readout check --cache after ${CHANGED_FILES} files changed does not report what a run without the cache does (${corpus})`);

    const shardFigures: ScaleFigure[] = [];
    for (let shard = 1; shard <= SHARDS; shard++) {
      const facts = path.join(scratch, `facts-${shard}.json`);
      shardFigures.push(figure(await repeat(['check', '--format', 'json', '--shard', `${shard}/${SHARDS}`, '--facts-output', facts]), `check --shard ${shard}/${SHARDS}`));
    }
    const allFacts = Array.from({ length: SHARDS }, (_, at) => path.join(scratch, `facts-${at + 1}.json`));
    const merge = figure(await repeat(['merge', '--format', 'json', ...allFacts]), 'merge');
    return { readouts, no_cache: noCache, cache_cold: cold, cache_unchanged: unchanged, cache_10_changed: changed, shards: shardFigures, merge };
  } finally {
    for (const { file, text, mtime } of changing) {
      writeFileSync(file, text);
      utimesSync(file, mtime, mtime);
    }
    rmSync(cacheFile, { force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A run of 1,000,000 readouts on a CI matrix, worked out from a measured run's shards: not measured. */
export interface MillionLine {
  readonly readouts: 1_000_000;
  readonly shards: number;
  readonly readouts_per_shard: number;
  /** The slowest measured shard's time per readout, times the readouts of a shard. */
  readonly shard_wall_s: number;
  /** The measured merge's time, times 1,000,000 over the readouts measured. */
  readonly merge_wall_s: number;
  readonly extrapolated_from: number;
}

/**
 * EXTRAPOLATED, not measured: 1,000,000 readouts as 8 shards of 125,000, each taking the slowest
 * measured shard's time per readout, and a merge whose time grows as the number of readouts.
 * Both are linear guesses: a shard also lists every file of the archive (8 times the files a
 * shard checks, against 4 in the run measured), and the start of each process is counted as if it
 * grew with the readouts, so the shard figure errs one way and the other; quote it as a rough line.
 */
export function millionLine(run: CliScaleRun, shards = 8): MillionLine {
  const readouts = 1_000_000;
  const perShard = readouts / shards;
  const measuredPerShard = run.readouts / run.shards.length;
  const slowest = Math.max(...run.shards.map((shard) => shard.wall_s));
  return {
    readouts,
    shards,
    readouts_per_shard: perShard,
    shard_wall_s: round((slowest / measuredPerShard) * perShard),
    merge_wall_s: round(run.merge.wall_s * (readouts / run.readouts)),
    extrapolated_from: run.readouts,
  };
}

async function main(): Promise<void> {
  const readouts = Number(process.argv[2]);
  if (!Number.isInteger(readouts) || readouts < CHANGED_FILES * 2) throw new Error('usage: node --import tsx bench/cliScale.ts SIZE [FOLDER] (SIZE: readouts, 20 or more)');
  const corpus = path.resolve(process.argv[3] ?? path.join(os.tmpdir(), `readout-cli-scale-${readouts}`));
  // A file outside the listed globs that says the corpus is complete.
  const marker = path.join(corpus, `.corpus-${readouts}`);
  if (!existsSync(marker)) {
    rmSync(corpus, { recursive: true, force: true });
    await writeCorpus(corpus, { count: readouts, seed: 1 });
    writeFileSync(marker, '');
    // The files just written are older than any cache written from now on by more than checkCache.ts's racy window.
    await new Promise((resolve) => setTimeout(resolve, RACY_MS + 500));
  }
  const run = await measureCliScale(corpus, readouts, Number(process.env.BENCH_RUNS ?? 3), process.env.READOUT_CLI ?? CLI_PATH);
  process.stdout.write(`${JSON.stringify({ ...run, million_extrapolated: millionLine(run) }, null, 2)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  });
}
