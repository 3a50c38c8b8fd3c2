// `node --import tsx test/cli/bench.ts`: `readout check` on a generated archive of 50,000 readouts
// (BENCH_COUNT to change it, BENCH_CORPUS=<folder> to reuse one), against the floor of reading
// every file and parsing its front matter with the yaml package on one thread (test/cli/floor.ts).
// Wall time and peak resident memory of each process, BENCH_RUNS times each (3), alternating.
// Not part of `npm test`: shared machines are noisy, so no timing is asserted anywhere.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { writeCorpus } from '../corpus';
import { buildCli, CLI_PATH, REPO_ROOT } from './cli';

interface Measurement {
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly status: number | null;
}

/** Runs a Node script to its end; the peak memory is its VmHWM, polled (it only grows) until it exits. */
function measure(script: string, args: readonly string[], cwd: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
    let peakKiB = 0;
    const poll = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakKiB = Math.max(peakKiB, Number(match[1]));
      } catch {
        // Exited between two polls, or not Linux: the last value stands.
      }
    }, 10);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearInterval(poll);
      resolve({ wallMs: Number(process.hrtime.bigint() - started) / 1e6, peakRssMiB: peakKiB / 1024, status });
    });
  });
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  await buildCli();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'readout-bench-'));
  const floor = path.join(scratch, 'floor.js');
  const bundled = await build({ entryPoints: [path.join(REPO_ROOT, 'test', 'cli', 'floor.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, outfile: floor, logLevel: 'warning', define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" } });
  writeFileSync(floor, bundled.outputFiles[0].contents);
  const corpus = process.env.BENCH_CORPUS ?? path.join(scratch, 'corpus');
  const count = Number(process.env.BENCH_COUNT ?? 50_000);
  try {
    if (!process.env.BENCH_CORPUS) await writeCorpus(corpus, { count });
    const runs = Number(process.env.BENCH_RUNS ?? 3);
    const floors: Measurement[] = [];
    const checks: Measurement[] = [];
    for (let run = 0; run < runs; run++) {
      floors.push(await measure(floor, [corpus], corpus));
      checks.push(await measure(CLI_PATH, ['check', '--format', 'json'], corpus));
    }
    const row = (name: string, measurements: readonly Measurement[]) => ({
      measurement: name,
      wall_s_median: +(median(measurements.map((m) => m.wallMs)) / 1000).toFixed(2),
      wall_s_each: measurements.map((m) => (m.wallMs / 1000).toFixed(2)).join(' '),
      peak_rss_mib_median: Math.round(median(measurements.map((m) => m.peakRssMiB))),
      exit: [...new Set(measurements.map((m) => m.status))].join(' '),
    });
    console.log(`${process.env.BENCH_CORPUS ? 'The archive in' : `${count.toLocaleString('en-US')} readouts in`} ${corpus}; ${os.availableParallelism()} cores; load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
    console.table([row('floor: read + parse with yaml, 1 thread', floors), row('readout check', checks)]);
    console.log(`readout check / floor: ${(median(checks.map((m) => m.wallMs)) / median(floors.map((m) => m.wallMs))).toFixed(2)}x`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
