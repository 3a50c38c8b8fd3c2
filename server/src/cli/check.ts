// `readout check`: lists the files, checks them on worker threads, adds duplicate-source-url from
// the whole run's source URLs, and prints the report in the format asked for.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { layoutApplies } from '../core/layout';
import { parseCommandArguments } from './args';
import { colorsFor } from './ansi';
import { writeFailure, writeFileAtomic } from './atomicWrite';
import { cachedFileCount, cacheKey, DEFAULT_CACHE_FILE, loadCache, reportsFromStat, saveCache, type CachedFile, type LoadedCache } from './checkCache';
import type { CheckBatch, CheckSetup } from './checkFiles';
import { startCheckPool, type CheckPool } from './checkPool';
import { CommandError, EXIT_FATAL } from './commandError';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatStylish } from './formatStylish';
import { CHECK_HELP } from './help';
import { configFileFor, openProject, type Project } from './project';
import { countProblems, displayPath, type CheckResult, type FileReport, type ReportedFile } from './report';
import { loadRuleDocs } from './ruleDocs';
import { createProgress } from './progress';
import { parseShard, shareOf, writeFacts, type Shard } from './shardFacts';
import { STAT_FIELDS, startStatWorker } from '../node/statFiles';
import { filesSharingUrls } from './sharedUrls';
import { resolveTargets, type FileTask } from './targets';

const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** Files per message to a worker: enough to make messages cheap, few enough to share the work out evenly. */
const BATCH_SIZE = 250;
/** Below this many files, starting threads costs more than it saves (measured on 2 cores: even at about 5,000). */
const PARALLEL_FROM = 5000;

/** What decides the report printed and the exit status: shared with `readout merge`. */
export interface ReportOptions {
  readonly format: Format;
  /** Where the report goes instead of stdout. */
  readonly outputFile: string | undefined;
  readonly maxWarnings: number | undefined;
  /** Errors only: the other problems are neither reported, counted nor fixed. */
  readonly quiet: boolean;
}

interface CheckOptions extends ReportOptions {
  readonly fix: boolean;
  readonly config: string | undefined;
  /** Worker threads; undefined: decided by the run's size. */
  readonly threads: number | undefined;
  /** --cache: the cache file; undefined without. */
  readonly cacheFile: string | undefined;
  /** --shard k/n: this run checks the k-th share of the files. */
  readonly shard: Shard | undefined;
  /** --facts-output: where the facts the rules across files need are written, for `readout merge`. */
  readonly factsFile: string | undefined;
  readonly paths: readonly string[];
}

function parseOptions(args: readonly string[]): CheckOptions | 'help' {
  const { values, positionals } = parseCommandArguments('check', args, {
    format: { type: 'string', short: 'f' },
    'output-file': { type: 'string', short: 'o' },
    'max-warnings': { type: 'string' },
    fix: { type: 'boolean' },
    quiet: { type: 'boolean' },
    config: { type: 'string' },
    concurrency: { type: 'string' },
    cache: { type: 'boolean' },
    'cache-location': { type: 'string' },
    shard: { type: 'string' },
    'facts-output': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const format = (values.format ?? 'stylish') as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new CommandError(`readout check: unknown format '${format}'. The formats are ${FORMATS.join(', ')}.`);
  }
  const maxWarnings = values['max-warnings'] as string | undefined;
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) {
    throw new CommandError(`readout check: --max-warnings takes a whole number of warnings (0 or more), not '${maxWarnings}'.`);
  }
  if (values['cache-location'] !== undefined && values.cache !== true) {
    throw new CommandError('readout check: --cache-location says where --cache keeps its file: give --cache as well.');
  }
  const concurrency = (values.concurrency ?? 'auto') as string;
  if (!/^(?:auto|off|[1-9]\d*)$/.test(concurrency)) {
    throw new CommandError(`readout check: --concurrency takes auto, off or a number of threads (1 or more), not '${concurrency}'.`);
  }
  return {
    format: format as Format,
    outputFile: values['output-file'] as string | undefined,
    maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings),
    fix: values.fix === true,
    quiet: values.quiet === true,
    config: values.config as string | undefined,
    threads: concurrency === 'auto' ? undefined : concurrency === 'off' ? 0 : Number(concurrency),
    cacheFile: values.cache === true ? (values['cache-location'] as string | undefined) ?? DEFAULT_CACHE_FILE : undefined,
    shard: values.shard === undefined ? undefined : parseShard(values.shard as string),
    factsFile: values['facts-output'] as string | undefined,
    paths: positionals,
  };
}

/** The one configuration for the paths given: each must find the same, or the run would check some against the wrong rules. */
export function configFileForPaths(paths: readonly string[], configOption: string | undefined): string | undefined {
  if (configOption !== undefined) return configFileFor(process.cwd(), configOption);
  const starts = paths.flatMap((arg) => {
    const stat = statSync(arg, { throwIfNoEntry: false });
    return stat ? [stat.isDirectory() ? path.resolve(arg) : path.dirname(path.resolve(arg))] : [];
  });
  const found = (starts.length > 0 ? starts : [process.cwd()]).map((start) => configFileFor(start, undefined));
  const distinct = [...new Set(found)];
  if (distinct.length > 1) {
    const names = distinct.map((file) => file ?? 'no configuration file').join(' and ');
    throw new CommandError(`readout check: the paths given come under different configurations (${names}). Check them in separate runs, or choose one with --config.`);
  }
  return distinct[0];
}

/**
 * With --cache: how many files its header says it holds for this run, and the cache itself, read
 * while the files are stat'ed (`load`); `loaded` is undefined when there was none to use.
 */
interface RunCache {
  readonly expected: number;
  load(): void;
  readonly loaded: LoadedCache | undefined;
}

function runCache(file: string, key: string): RunCache {
  let loaded: LoadedCache | undefined;
  return {
    expected: cachedFileCount(file, key),
    load: () => (loaded = loadCache(file, key, (message) => process.stderr.write(`${message}\n`))),
    get loaded() {
      return loaded;
    },
  };
}

/** What the checkers are given of the cache: the entry of each task they read, and from when a stat alone is not believed. */
interface CacheForTasks {
  entryOf(task: FileTask): CachedFile | undefined;
  readonly racyFrom: number;
}

/**
 * The tasks in batches of about BATCH_SIZE; `groups` keeps files that must be compared in one
 * batch. With a cache, each batch carries its tasks' cached entries.
 */
function batches(groups: readonly (readonly FileTask[])[], fix: boolean, compare: boolean, cache?: CacheForTasks): CheckBatch[] {
  const result: CheckBatch[] = [];
  let tasks: FileTask[] = [];
  const push = () => {
    result.push({ tasks, fix, compare, ...(cache ? { cache: { entries: tasks.map((task) => cache.entryOf(task)), racyFrom: cache.racyFrom } } : {}) });
    tasks = [];
  };
  for (const group of groups) {
    tasks.push(...group);
    if (tasks.length >= BATCH_SIZE) push();
  }
  if (tasks.length > 0) push();
  return result;
}

/**
 * Checks every file, then again the files whose source_url another file of the run also has:
 * duplicate-source-url needs every file's URL, which only the first pass gives. In the second
 * pass the files sharing a URL are indexed together and checked by the core with that index, so
 * their diagnostics are the editor's.
 */
async function checkAll(pool: CheckPool, tasks: readonly FileTask[], fix: boolean, cache?: CacheForTasks, known: readonly (FileReport | undefined)[] = []): Promise<{ reports: FileReport[]; firstPass: readonly FileReport[] }> {
  const progress = createProgress(process.stderr, tasks.length, 'Checking readouts');
  const unknown: number[] = [];
  for (let at = 0; at < tasks.length; at++) if (known[at] === undefined) unknown.push(at);
  const firstPass = tasks.map((_, at) => known[at]!);
  try {
    const checked = await pool.run(batches(unknown.map((at) => [tasks[at]]), fix, false, cache), (done) => progress.update(tasks.length - unknown.length + done));
    unknown.forEach((at, index) => (firstPass[at] = checked[index]));
  } finally {
    progress.end();
  }
  return { reports: await acrossFiles(pool, tasks, firstPass), firstPass };
}

/**
 * The reports with duplicate-source-url: the files whose source_url another file also has are
 * checked again together (shared with `readout merge`, whose first reports come from the shards).
 */
export async function acrossFiles(pool: CheckPool, tasks: readonly FileTask[], firstPass: readonly FileReport[]): Promise<FileReport[]> {
  const reports = [...firstPass];
  const groups = filesSharingUrls(reports);
  if (groups.length === 0) return reports;
  const rechecked = groups.flat();
  // Fixes were applied in the first pass; duplicate-source-url has none.
  const again = await pool.run(batches(groups.map((group) => group.map((at) => tasks[at])), false, true));
  rechecked.forEach((at, index) => {
    reports[at] = { ...again[index], fixed: reports[at].fixed, ...(reports[at].failure === undefined ? {} : { failure: reports[at].failure }) };
  });
  return reports;
}

export function render(format: Format, result: CheckResult, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(result, loadRuleDocs());
    case 'sarif':
      return formatSarif(result, loadRuleDocs());
    case 'stylish':
      return result.readouts === 0 ? '' : formatStylish(result, color);
  }
}

/** Checks the tasks on as many threads as fit the run; threads for a folder's files start while it is listed. */
async function checkTargets(options: CheckOptions, setup: CheckSetup, project: Project, workerScript: string, cache?: RunCache): Promise<{ tasks: FileTask[]; listed: number; reports: FileReport[]; firstPass: readonly FileReport[]; entries?: Int32Array }> {
  const listsFolders = options.paths.length === 0 || options.paths.some((arg) => !statSync(arg, { throwIfNoEntry: false })?.isFile());
  // With a cache to use, most files are likely taken from it: threads wait until the listing says how many are not.
  let threads = options.threads ?? (listsFolders && !cache?.expected ? availableParallelism() : 0);
  let pool = startCheckPool(setup, threads, workerScript);
  try {
    // A large cache says that the run is large: the thread that shares the stat calls starts while
    // the files are listed, and the cache is read while it stats.
    const { tasks: listed, stats } = await resolveTargets(options.paths, project.root, project.settings, startStatWorker(cache?.expected ?? 0), cache?.load);
    const tasks = options.shard ? shareOf(listed, options.shard, project.root) : listed;
    // With the cache, the files whose stat stands for their content are not sent to be checked.
    const { loaded } = cache ?? {};
    const fromStat = loaded && reportsFromStat(tasks, options.shard ? statsOf(tasks, listed, stats) : stats, loaded, options.fix);
    const known = fromStat?.reports ?? [];
    const unknown: number[] = [];
    if (fromStat) for (let at = 0; at < tasks.length; at++) if (known[at] === undefined) unknown.push(at);
    const toCheck = fromStat ? unknown.length : tasks.length;
    const fitting = options.threads ?? (toCheck >= PARALLEL_FROM ? availableParallelism() : 0);
    if (fitting !== threads) {
      await pool.close();
      threads = fitting;
      pool = startCheckPool(setup, threads, workerScript);
    }
    // The files checked are given their entries, to be taken when their content is the cached one.
    const entries = new Map(fromStat ? unknown.map((at) => [tasks[at], loaded!.entry(fromStat.entries[at], tasks[at], options.fix)]) : []);
    const forTasks = cache && { entryOf: (task: FileTask) => entries.get(task), racyFrom: loaded?.racyFrom ?? 0 };
    return { tasks, listed: listed.length, ...(await checkAll(pool, tasks, options.fix, forTasks, known)), ...(fromStat ? { entries: fromStat.entries } : {}) };
  } catch (error) {
    throw error instanceof CommandError ? error : new CommandError(`readout check: ${(error as Error).message}`);
  } finally {
    await pool.close();
  }
}

/** The stats of some of the listed tasks (a shard's), in their order. */
function statsOf(some: readonly FileTask[], listed: readonly FileTask[], stats: Float64Array): Float64Array {
  const position = new Map(listed.map((task, at) => [task, at]));
  const result = new Float64Array(some.length * STAT_FIELDS);
  some.forEach((task, at) => {
    const from = position.get(task)! * STAT_FIELDS;
    result.set(stats.subarray(from, from + STAT_FIELDS), at * STAT_FIELDS);
  });
  return result;
}

/**
 * `layout: auto`, decided on the run's readouts: their `path-mismatch` problems stay when at least
 * 90% of them (and 20 or more) sit where the archive's layout puts them, and go otherwise.
 */
function withArchiveLayout(reports: readonly FileReport[]): FileReport[] {
  const readouts = reports.filter((report) => report.isReadout).length;
  const following = reports.filter((report) => report.followsLayout === true).length;
  if (layoutApplies(following, readouts)) return [...reports];
  return reports.map((report) => (report.diagnostics.some((diagnostic) => diagnostic.code === 'path-mismatch')
    ? { ...report, diagnostics: report.diagnostics.filter((diagnostic) => diagnostic.code !== 'path-mismatch') }
    : report));
}

/** The run as the formats print it: only the files with something to say are kept. */
function summarize(tasks: readonly FileTask[], reports: readonly FileReport[], cwd: string, errorsOnly: boolean): CheckResult {
  const files: ReportedFile[] = [];
  let readouts = 0;
  reports.forEach((report, at) => {
    if (report.isReadout) readouts++;
    if (report.diagnostics.length > 0 || report.fixed || report.failure !== undefined) files.push({ ...report, path: tasks[at].path });
  });
  return { files, readouts, counts: countProblems(files), fixed: files.filter((file) => file.fixed).length, errorsOnly, cwd };
}

/**
 * The cache after a run: each file's first report with its stamp (a file fixed or that failed has
 * none, and is checked next time). Not written again when every file's entry is the one loaded,
 * taken by its stat (each file has its own entry: a stamp that is an index names one).
 */
function writeCache(file: string, key: string, tasks: readonly FileTask[], firstPass: readonly FileReport[], loaded: LoadedCache | undefined, entries: Int32Array | undefined): void {
  if (loaded !== undefined && tasks.length === loaded.size && firstPass.every((report) => typeof report.stamp === 'number')) return;
  try {
    saveCache(file, key, tasks, firstPass, loaded, entries);
  } catch (error) {
    process.stderr.write(`readout check: the cache could not be written to ${file}: ${writeFailure(error)}. The next run checks every file.\n`);
  }
}

function reportNotWritten(file: string, reason: string): string {
  return `readout check: cannot write the report to ${file}: ${reason}.`;
}

/** A report file that cannot be written is refused before the run: a mistyped path must not cost a run, nor come after fixes. */
export function checkReportFile(file: string): void {
  const target = path.resolve(file);
  const isFolder = (at: string) => statSync(at, { throwIfNoEntry: false })?.isDirectory() === true;
  if (isFolder(target)) throw new CommandError(reportNotWritten(file, 'it is a folder'));
  if (!isFolder(path.dirname(target))) throw new CommandError(reportNotWritten(file, 'its folder does not exist'));
}

/** Prints the report, or writes it to `outputFile` atomically; false, having said why on stderr, when it could not be written. */
function deliverReport(report: string, outputFile: string | undefined): boolean {
  if (outputFile === undefined) {
    process.stdout.write(report);
    return true;
  }
  try {
    writeFileAtomic(outputFile, report);
    return true;
  } catch (error) {
    process.stderr.write(`${reportNotWritten(outputFile, writeFailure(error))}\n`);
    return false;
  }
}

/** Runs `readout check`; resolves to the exit status. `workerScript` is this program, which serves checks on a worker thread. */
export async function runCheck(args: readonly string[], workerScript: string): Promise<number> {
  const options = parseOptions(args);
  if (options === 'help') {
    process.stdout.write(`${CHECK_HELP}\n`);
    return 0;
  }
  if (options.outputFile !== undefined) checkReportFile(options.outputFile);
  const project = await openProject(configFileForPaths(options.paths, options.config));
  const setup: CheckSetup = { schema: project.schema.root, rules: project.settings.rules, urls: project.urls, errorsOnly: options.quiet, layout: project.layout };
  const key = options.cacheFile === undefined ? undefined : cacheKey(setup);
  const cache = options.cacheFile === undefined ? undefined : runCache(options.cacheFile, key!);
  try {
    const checked = await checkTargets(options, setup, project, workerScript, cache);
    if (options.cacheFile !== undefined) writeCache(options.cacheFile, key!, checked.tasks, checked.firstPass, cache!.loaded, checked.entries);
    if (options.factsFile !== undefined) {
      try {
        writeFacts(options.factsFile, project.root, { key: cacheKey(setup), errorsOnly: options.quiet, shard: options.shard ?? { index: 1, count: 1 }, total: checked.listed }, checked.tasks, checked.firstPass);
      } catch (error) {
        throw new CommandError(`readout check: the facts could not be written to ${options.factsFile}: ${writeFailure(error)}.`);
      }
    }
    return reportRun(options, project, checked.tasks, checked.reports, options.paths);
  } finally {
    // The reports taken from the cache read their URLs from its file until now.
    cache?.loaded?.close();
  }
}

/** Prints the run's report (or writes it), says what failed, and gives the exit status: shared with `readout merge`. */
export function reportRun(options: ReportOptions, project: Project, tasks: readonly FileTask[], checkedReports: readonly FileReport[], paths: readonly string[]): number {
  const reports = project.layout.mode === 'auto' ? withArchiveLayout(checkedReports) : checkedReports;
  const cwd = process.cwd();
  const result = summarize(tasks, reports, cwd, options.quiet);
  // A file gets no colours, whatever stdout is.
  const delivered = deliverReport(render(options.format, result, options.outputFile === undefined && colorsFor(process.stdout)), options.outputFile);

  const failures = result.files.filter((file) => file.failure !== undefined);
  for (const file of failures) process.stderr.write(`readout: ${displayPath(file.path, cwd)}: ${file.failure}\n`);
  if (result.readouts === 0 && failures.length === 0) {
    const where = paths.length > 0 ? paths.join(', ') : '.';
    const looked = `${tasks.length.toLocaleString('en-US')} ${tasks.length === 1 ? 'file' : 'files'} looked at`;
    const files = project.settings.files.length === 0 ? "name it in 'files' in .readoutrc.json" : `name it in 'files' (now ${JSON.stringify(project.settings.files)})`;
    process.stderr.write(`No readouts found in ${where} (${looked}). A readout's front matter has source_url or published_time; to check any front matter in a folder, ${files}.\n`);
  }
  if (failures.length > 0 || !delivered) return EXIT_FATAL;
  if (result.counts.error > 0) return 1;
  if (options.maxWarnings !== undefined && result.counts.warning > options.maxWarnings) {
    process.stderr.write(`readout: too many warnings: ${result.counts.warning.toLocaleString('en-US')}, more than --max-warnings ${options.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
