// `readout check --cache`: what a run learnt of each file (its report before the rules across
// files, with the facts those rules read: source_url, whether it follows the layout), kept in a
// file and used again for a file whose content has not changed, so that a run over an archive of
// which a few files changed checks those few. duplicate-source-url and `layout: auto` are decided
// afresh on every run from every file's facts, cached or not.
//
// A file is the cached one when its content hashes the same. Its stat (size, modification and
// change times, inode) stands for its content, as git's index does, except when it was modified
// within two seconds of the cache being written (a change then may leave the stat as it was). The
// cache is used only by the same version of the tool with the same configuration, schema and
// --quiet; a cache that cannot be read, or is not one, is ignored with one line on stderr.
import { createHash } from 'node:crypto';
import { readFileSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { version } from '../../../package.json';
import { writeFileAtomic } from './atomicWrite';
import type { CheckSetup } from './checkFiles';
import { isNumber, isObject, isReportedDiagnostic, type FileReport, type ReportedDiagnostic } from './report';
import type { FileTask, StatFacts } from './targets';

export const DEFAULT_CACHE_FILE = '.readoutcache';
const FORMAT = 'readout-check-cache';
const FORMAT_VERSION = 1;
/** A file modified this close to the cache's writing is hashed whatever its stat says. */
const RACY_MS = 2000;

/** What tells that a file is the one a cached report is of. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  /** SHA-1 of the bytes, hex. */
  readonly hash: string;
}

export interface CachedFile {
  readonly stamp: FileStamp;
  /** Where the settings put the file when it was checked: a file placed otherwise is checked again. */
  readonly inReadoutFiles: boolean;
  readonly excluded: boolean;
  readonly report: FileReport;
}

/** What a worker is given to use the cache: a file's entry, and from when a stat alone is not believed. */
export interface CacheForBatch {
  readonly entries: readonly (CachedFile | undefined)[];
  readonly racyFrom: number;
}

export const hashBytes = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

export function stampOf(stats: Stats, hash: string): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, hash };
}

/** Whether the stat is the stamp's, and old enough to stand for the content. */
export function statStandsFor(stats: StatFacts, stamp: FileStamp, racyFrom: number): boolean {
  return stats.size === stamp.size && stats.mtimeMs === stamp.mtimeMs && stats.ctimeMs === stamp.ctimeMs && stats.ino === stamp.ino && stats.mtimeMs < racyFrom;
}

/** Whether a cached entry may stand for the task's file: placed as it was, and, with --fix, nothing to fix. */
export function usableEntry(task: FileTask, cached: CachedFile | undefined, fix: boolean): cached is CachedFile {
  return cached !== undefined && cached.inReadoutFiles === task.inReadoutFiles && cached.excluded === task.excluded
    && !(fix && cached.report.diagnostics.some((diagnostic) => diagnostic.fixable));
}

/**
 * The cached report of each task whose file's stat (taken as the files were listed) stands for its
 * content, undefined for the others, which the checkers read: a run in which few files changed
 * sends only those to the checkers.
 */
export function reportsFromStat(tasks: readonly FileTask[], statOf: (file: string) => StatFacts | undefined, loaded: LoadedCache, fix: boolean): (FileReport | undefined)[] {
  return tasks.map((task) => {
    const cached = loaded.get(task.path);
    if (!usableEntry(task, cached, fix)) return undefined;
    const stats = statOf(task.path);
    return stats && statStandsFor(stats, cached.stamp, loaded.racyFrom) ? { ...cached.report, stamp: cached.stamp } : undefined;
  });
}

/** What the cache is good for: another version of the tool, configuration, schema or --quiet gets nothing from it. */
export function cacheKey(setup: CheckSetup, toolVersion: string = version): string {
  return createHash('sha256').update(JSON.stringify([toolVersion, setup])).digest('hex');
}

/**
 * A file's entry as written: [size, mtimeMs, ctimeMs, ino, hash, place, report], the place 1 when
 * `files` names it and 2 when `exclude` does, the report 0 for a file that is not a readout and
 * otherwise [sourceUrl or null, followsLayout or null, diagnostics]: an archive's clean readout
 * takes some 300 bytes, most of them its path and URL.
 */
type WrittenEntry = [number, number, number, number, string, number, 0 | [string | null, boolean | null, ReportedDiagnostic[]]];

interface CacheFileContent {
  readonly format: string;
  readonly version: number;
  readonly key: string;
  readonly writtenAt: number;
  /** By path relative to the cache file's folder. */
  readonly files: Record<string, WrittenEntry>;
}

function written(cached: CachedFile): WrittenEntry {
  const { stamp, report } = cached;
  const place = (cached.inReadoutFiles ? 1 : 0) | (cached.excluded ? 2 : 0);
  const facts: WrittenEntry[6] = report.isReadout ? [report.sourceUrl ?? null, report.followsLayout ?? null, [...report.diagnostics]] : 0;
  return [stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, stamp.hash, place, facts];
}

/** The entry written, read back; undefined when it is not one. */
function readEntry(value: unknown): CachedFile | undefined {
  if (!Array.isArray(value) || value.length !== 7) return undefined;
  const [size, mtimeMs, ctimeMs, ino, hash, place, facts] = value as unknown[];
  if (!isNumber(size) || !isNumber(mtimeMs) || !isNumber(ctimeMs) || !isNumber(ino) || typeof hash !== 'string' || (place !== 0 && place !== 1 && place !== 2 && place !== 3)) return undefined;
  let report: FileReport;
  if (facts === 0) report = { isReadout: false, diagnostics: [], fixed: false };
  else {
    if (!Array.isArray(facts) || facts.length !== 3) return undefined;
    const [sourceUrl, followsLayout, diagnostics] = facts as unknown[];
    if ((sourceUrl !== null && typeof sourceUrl !== 'string') || (followsLayout !== null && typeof followsLayout !== 'boolean') || !Array.isArray(diagnostics) || !diagnostics.every(isReportedDiagnostic)) return undefined;
    report = { isReadout: true, diagnostics, fixed: false, ...(sourceUrl === null ? {} : { sourceUrl }), ...(followsLayout === null ? {} : { followsLayout }) };
  }
  return { stamp: { size, mtimeMs, ctimeMs, ino, hash }, inReadoutFiles: (place & 1) !== 0, excluded: (place & 2) !== 0, report };
}

export interface LoadedCache {
  /** The entry of the file at this path. */
  get(file: string): CachedFile | undefined;
  readonly size: number;
  readonly racyFrom: number;
}

/** A file's name in the cache: its path relative to the cache's folder, with `/` (cut from the path when inside the folder, as most are: a path.relative per file was a tenth of a run; a relative path is taken from the current folder). */
function nameIn(folder: string, file: string): string {
  const prefix = folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`;
  const relative = file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(folder, file);
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/**
 * The cache in `file` for a run with `key`: undefined when there is none, when it was made for
 * another key, or when it cannot be read or is not a cache (then `warn` is told, once).
 */
export function loadCache(file: string, key: string, warn: (message: string) => void): LoadedCache | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`readout check: the cache ${file} cannot be read (${(error as Error).message}): every file is checked, and the cache written afresh.`);
    return undefined;
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch {
    content = undefined;
  }
  const notCache = () => {
    warn(`readout check: ${file} is not a cache this version of readout wrote: every file is checked, and the cache written afresh.`);
    return undefined;
  };
  const files = isObject(content) ? content.files : undefined;
  if (!isObject(content) || content.format !== FORMAT || content.version !== FORMAT_VERSION || typeof content.key !== 'string' || !isNumber(content.writtenAt) || !isObject(files)) return notCache();
  if (content.key !== key) return undefined;
  const folder = path.dirname(path.resolve(file));
  const entries = new Map<string, CachedFile>();
  for (const [name, value] of Object.entries(files)) {
    const cached = readEntry(value);
    if (!cached) return notCache();
    entries.set(name, cached);
  }
  return { get: (at) => entries.get(nameIn(folder, at)), size: entries.size, racyFrom: content.writtenAt - RACY_MS };
}

/** Writes the cache atomically: the entries by absolute path, stored relative to the cache file's folder. */
export function saveCache(file: string, key: string, entries: Iterable<readonly [string, CachedFile]>): void {
  const folder = path.dirname(path.resolve(file));
  const files: Record<string, WrittenEntry> = {};
  for (const [absolute, cached] of entries) files[nameIn(folder, absolute)] = written(cached);
  const content: CacheFileContent = { format: FORMAT, version: FORMAT_VERSION, key, writtenAt: Date.now(), files };
  writeFileAtomic(file, JSON.stringify(content));
}
