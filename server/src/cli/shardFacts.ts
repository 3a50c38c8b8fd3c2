// `readout check --shard k/n --facts-output FILE` and `readout merge`: an archive checked in n
// parts on a CI matrix. Every shard lists the same files and takes the k-th of n runs of them in
// the order of their paths, so the shards agree without talking; each writes what the rules across
// files need (each file's first report, source_url and place), and the merge decides those rules
// on all of it, as one run would.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { CommandError } from './commandError';
import { asFileReport, isObject, type FileReport } from './report';
import type { FileTask } from './targets';

const FORMAT = 'readout-check-facts';
const FORMAT_VERSION = 1;

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export interface ShardFacts {
  /** The cache key of the run's setup (checkCache.ts): the tool's version, configuration, schema and --quiet. */
  readonly key: string;
  readonly errorsOnly: boolean;
  readonly shard: Shard;
  /** The files of every shard. */
  readonly total: number;
  /** Each file with its path relative to the configuration's folder (with `/`), its place and its first report. */
  readonly files: readonly { readonly path: string; readonly inReadoutFiles: boolean; readonly excluded: boolean; readonly report: FileReport }[];
}

/** `k/n`, 1 ≤ k ≤ n. */
export function parseShard(text: string): Shard {
  const match = /^([1-9]\d*)\/([1-9]\d*)$/.exec(text);
  if (!match || Number(match[1]) > Number(match[2])) throw new CommandError(`readout check: --shard takes k/n, the k-th of n shares (1 ≤ k ≤ n), not '${text}'.`);
  return { index: Number(match[1]), count: Number(match[2]) };
}

const relativeTo = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

/** The shard's share of the tasks: the k-th of n runs of them, in the order of their paths relative to `root`. */
export function shareOf(tasks: readonly FileTask[], shard: Shard, root: string): FileTask[] {
  const sorted = tasks.map((task) => ({ task, name: relativeTo(root, task.path) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const from = Math.floor(((shard.index - 1) * sorted.length) / shard.count);
  const to = Math.floor((shard.index * sorted.length) / shard.count);
  return sorted.slice(from, to).map(({ task }) => task);
}

/** Writes a shard's facts atomically; paths relative to `root`. */
export function writeFacts(file: string, root: string, facts: Omit<ShardFacts, 'files'>, tasks: readonly FileTask[], firstPass: readonly FileReport[]): void {
  const files = tasks.map((task, at) => {
    const { isReadout, sourceUrl, diagnostics, fixed, followsLayout, failure } = firstPass[at];
    const report = { isReadout, sourceUrl, diagnostics, fixed, followsLayout, failure };
    return { path: relativeTo(root, task.path), inReadoutFiles: task.inReadoutFiles, excluded: task.excluded, report };
  });
  writeFileAtomic(file, JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, ...facts, files }));
}

/** A shard's facts as written; a CommandError saying what is wrong with a file that is not. */
export function readFacts(file: string): ShardFacts {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CommandError(`readout merge: ${file} cannot be read as a shard's facts (${(error as Error).message}).`);
  }
  const notFacts = () => new CommandError(`readout merge: ${file} is not a shard's facts written by this version of readout (readout check --shard k/n --facts-output FILE).`);
  if (!isObject(content) || content.format !== FORMAT || content.version !== FORMAT_VERSION || typeof content.key !== 'string' || typeof content.errorsOnly !== 'boolean'
    || !isObject(content.shard) || typeof content.shard.index !== 'number' || typeof content.shard.count !== 'number' || typeof content.total !== 'number' || !Array.isArray(content.files)) throw notFacts();
  const files = content.files.map((one: unknown) => {
    const report = isObject(one) ? asFileReport(one.report) : undefined;
    if (!isObject(one) || typeof one.path !== 'string' || typeof one.inReadoutFiles !== 'boolean' || typeof one.excluded !== 'boolean' || !report) throw notFacts();
    return { path: one.path, inReadoutFiles: one.inReadoutFiles, excluded: one.excluded, report };
  });
  return { key: content.key, errorsOnly: content.errorsOnly, shard: { index: content.shard.index, count: content.shard.count }, total: content.total, files };
}
