// The command line on an archive: `readout check`, against the floor (bench/floor.ts: read every
// file and parse its front matter with the yaml package, on one thread) and against
// markdownlint-cli2, the checker archives already run in CI, with its default rules. Each runs
// as its own process, in turn, `runs` times; wall time and peak memory of each.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { CLI_PATH, REPO_ROOT } from '../test/cli/cli';
import { median, round, runProcess, type ProcessRun } from './stats';

const MARKDOWNLINT = path.join(REPO_ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

export interface CommandResult {
  readonly wall_s: number;
  readonly wall_s_each: readonly number[];
  readonly peak_rss_mib: number;
  readonly exit: readonly (number | null)[];
}

export interface CliRun {
  readonly readouts: number;
  readonly readout_check: CommandResult;
  readonly floor: CommandResult;
  readonly markdownlint_cli2: CommandResult;
}

/** Bundles the floor into `folder` like the CLI (so neither pays for a TypeScript loader); returns its path. */
export async function buildFloor(folder: string): Promise<string> {
  const outfile = path.join(folder, 'floor.js');
  const bundled = await build({
    entryPoints: [path.join(REPO_ROOT, 'bench', 'floor.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    write: false, outfile, logLevel: 'warning',
    // fdir (under tinyglobby) reads import.meta.url once bundled into CommonJS, as in scripts/build.mjs.
    define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  writeFileSync(outfile, bundled.outputFiles[0].contents);
  return outfile;
}

function summarize(runs: readonly ProcessRun[]): CommandResult {
  return {
    wall_s: round(median(runs.map((run) => run.wallMs)) / 1000),
    wall_s_each: runs.map((run) => round(run.wallMs / 1000)),
    peak_rss_mib: Math.round(median(runs.map((run) => run.peakRssMiB))),
    exit: [...new Set(runs.map((run) => run.status))],
  };
}

export async function measureCli(corpus: string, readouts: number, floor: string, runs: number): Promise<CliRun> {
  const checks: ProcessRun[] = [];
  const floors: ProcessRun[] = [];
  const markdownlints: ProcessRun[] = [];
  for (let run = 0; run < runs; run++) {
    checks.push(await runProcess(CLI_PATH, ['check', '--format', 'json'], corpus));
    floors.push(await runProcess(floor, [corpus], corpus));
    markdownlints.push(await runProcess(MARKDOWNLINT, ['**/*.{md,txt}', '#**/node_modules/**'], corpus));
  }
  // Exit 1 from a checker means problems found; anything else is a run that did not do the work.
  for (const [name, measured, allowed] of [['readout check', checks, [0, 1]], ['floor', floors, [0]], ['markdownlint-cli2', markdownlints, [0, 1]]] as const) {
    const failed = measured.find((run) => !(allowed as readonly (number | null)[]).includes(run.status));
    if (failed) throw new Error(`${name} exited with ${failed.status} on ${corpus}`);
  }
  return { readouts, readout_check: summarize(checks), floor: summarize(floors), markdownlint_cli2: summarize(markdownlints) };
}
