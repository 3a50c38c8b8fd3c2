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
import { isAscii } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, writeSync, type Stats } from 'node:fs';
import { endianness } from 'node:os';
import * as path from 'node:path';
import { version } from '../../../package.json';
import { writeFileAtomic } from './atomicWrite';
import type { CheckSetup } from './checkFiles';
import { isNumber, isObject, isReportedDiagnostic, type FileReport, type ReportedDiagnostic } from './report';
import { RACY_MS } from '../node/regularFile';
import { hashUrl } from './sharedUrls';
import { STAT_FIELDS } from '../node/statFiles';
import type { FileTask } from './targets';

export const DEFAULT_CACHE_FILE = '.readoutcache';
const FORMAT = 'readout-check-cache';
const FORMAT_VERSION = 3;

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
export function statStandsFor(stats: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>, stamp: FileStamp, racyFrom: number): boolean {
  return stats.size === stamp.size && stats.mtimeMs === stamp.mtimeMs && stats.ctimeMs === stamp.ctimeMs && stats.ino === stamp.ino && stats.mtimeMs < racyFrom;
}

/** Whether a cached entry may stand for the task's file: placed as it was, and, with --fix, nothing to fix. */
export function usableEntry(task: FileTask, cached: CachedFile | undefined, fix: boolean): cached is CachedFile {
  return cached !== undefined && cached.inReadoutFiles === task.inReadoutFiles && cached.excluded === task.excluded
    && !(fix && cached.report.diagnostics.some((diagnostic) => diagnostic.fixable));
}

/** What the cache is good for: another version of the tool, configuration, schema or --quiet gets nothing from it. */
export function cacheKey(setup: CheckSetup, toolVersion: string = version): string {
  return createHash('sha256').update(JSON.stringify([toolVersion, setup])).digest('hex');
}

/**
 * The cache as written (FORMAT_VERSION 3): a line of JSON (the header, padded to HEADER_BYTES),
 * then its `files` entries in columns, so that an entry whose stat stands for its file costs a few
 * numbers compared, not an object parsed (format 1, JSON with an array per file, took 1.3 s to read
 * and 1.1 s to write at 200,000 files, profiled):
 * - their stats, STAT_FIELDS float64 each: size, mtimeMs, ctimeMs, ino;
 * - the lengths (UTF-16 code units, uint32) of their names, then of the `urls` source URLs;
 * - the URLs' hashes (hashUrl, uint32), for duplicate-source-url;
 * - their SHA-1s, 20 bytes each;
 * - a byte of FLAGS each;
 * - the names (`nameBytes` bytes of UTF-8), then the URLs (`urlBytes`): read only when a run asks
 *   for a URL (most never do: duplicate-source-url compares the hashes first), one by one from the
 *   file, or all at once when they are many or not ASCII (`asciiUrls`);
 * - `diagnosticsBytes` of JSON: the diagnostics of each entry flagged with some, in order;
 * - then blocks of patches, each appended by a run in which a few files changed (format 2 wrote
 *   the 72 MB of columns back for those few, a quarter of a second at 200,000 files, profiled):
 *   the length of its JSON (uint32, little-endian), the JSON's SHA-1, then the JSON, a PatchBlock.
 *   A block cut short or not matching its SHA-1 (a run stopped while appending it) is not read,
 *   nor anything after it, and the next run writes the cache afresh.
 * Numbers in the machine's byte order, which the header names. The cache is written afresh
 * atomically (a temporary file renamed over it); a block is appended with one write to the file
 * as it was read.
 */
interface Header {
  readonly format: string;
  readonly version: number;
  readonly key: string;
  /** When the columns were written. */
  readonly writtenAt: number;
  readonly endianness: string;
  readonly files: number;
  readonly urls: number;
  readonly nameBytes: number;
  readonly urlBytes: number;
  readonly asciiUrls: boolean;
  readonly diagnosticsBytes: number;
}

/** An entry changed since the columns were written: [index, size, mtimeMs, ctimeMs, ino, hash (hex), flags, sourceUrl or null, diagnostics]. */
type Patch = [number, number, number, number, number, string, number, string | null, ReportedDiagnostic[]];

/** The entries a run changed, appended after the columns; a later block's patch of an entry replaces an earlier one's. */
interface PatchBlock {
  readonly writtenAt: number;
  readonly patches: readonly Patch[];
}

/** An entry's byte of flags: its place, and its report but for the diagnostics. */
const FLAGS = {
  inReadoutFiles: 1,
  excluded: 2,
  isReadout: 4,
  sourceUrl: 8,
  /** Whether it follows the layout is known (`layout: auto`); the next bit says whether it does. */
  layoutKnown: 16,
  followsLayout: 32,
  diagnostics: 64,
} as const;
const ALL_FLAGS = 127;
const READOUT_FLAGS = FLAGS.sourceUrl | FLAGS.layoutKnown | FLAGS.followsLayout | FLAGS.diagnostics;
/** The header line, newline included: fixed, so that the columns stay where they are when it changes; a multiple of 8, for the stats. */
const HEADER_BYTES = 512;
const STAT_BYTES = STAT_FIELDS * 8;
const HASH_BYTES = 20;
const NO_DIAGNOSTICS: readonly ReportedDiagnostic[] = [];

/** A patch block's length and SHA-1, before its JSON. */
const BLOCK_HEAD_BYTES = 4 + HASH_BYTES;

/**
 * Past this many entries patched, or this many bytes of blocks (an entry changed run after run is
 * in each run's block), the cache is written afresh: a patch is some 300 bytes of JSON read on
 * every run, where an entry in the columns costs nothing until used.
 */
const patchLimit = (files: number) => Math.max(1000, files / 100);
const blockBytesLimit = (files: number) => patchLimit(files) * 1024;

/** Whether the flags are those of an entry as written. */
function validFlags(flags: unknown): flags is number {
  return Number.isInteger(flags) && ((flags as number) & ~ALL_FLAGS) === 0 && (((flags as number) & FLAGS.isReadout) !== 0 || ((flags as number) & READOUT_FLAGS) === 0)
    && (((flags as number) & FLAGS.followsLayout) === 0 || ((flags as number) & FLAGS.layoutKnown) !== 0);
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isDiagnosticList = (value: unknown): value is ReportedDiagnostic[] => Array.isArray(value) && value.every(isReportedDiagnostic);

/** Whether the patch read is one as written, for a cache of `files` entries. */
function validPatch(value: unknown, files: number): value is Patch {
  if (!Array.isArray(value) || value.length !== 9) return false;
  const [at, size, mtimeMs, ctimeMs, ino, hash, flags, url, diagnostics] = value as unknown[];
  return Number.isInteger(at) && (at as number) >= 0 && (at as number) < files && isNumber(size) && isNumber(mtimeMs) && isNumber(ctimeMs) && isNumber(ino)
    && typeof hash === 'string' && /^[0-9a-f]{40}$/.test(hash) && validFlags(flags) && ((flags & FLAGS.sourceUrl) !== 0 ? typeof url === 'string' : url === null)
    && isDiagnosticList(diagnostics) && (diagnostics.length > 0) === ((flags & FLAGS.diagnostics) !== 0);
}

/** Whether the block read is one as written, for a cache of `files` entries. */
function validBlock(value: unknown, files: number): value is PatchBlock {
  return isObject(value) && isNumber(value.writtenAt) && Array.isArray(value.patches) && value.patches.every((patch) => validPatch(patch, files));
}

/** A block as appended: its head, then its JSON. */
function blockBytes(block: PatchBlock): Buffer {
  const json = Buffer.from(JSON.stringify(block), 'utf8');
  const head = Buffer.alloc(BLOCK_HEAD_BYTES);
  head.writeUInt32LE(json.length, 0);
  createHash('sha1').update(json).digest().copy(head, 4);
  return Buffer.concat([head, json]);
}

/**
 * The blocks in `bytes` from `at` on, in order, as JSON not yet checked: those whole and matching
 * their SHA-1s, up to the first that is not (`torn`: an append cut short).
 */
function readBlocks(bytes: Buffer, at: number): { blocks: unknown[]; torn: boolean } {
  const blocks: unknown[] = [];
  while (at < bytes.length) {
    const jsonAt = at + BLOCK_HEAD_BYTES;
    const end = jsonAt + (jsonAt <= bytes.length ? bytes.readUInt32LE(at) : 0);
    if (jsonAt > bytes.length || end > bytes.length) return { blocks, torn: true };
    const json = bytes.subarray(jsonAt, end);
    if (!createHash('sha1').update(json).digest().equals(bytes.subarray(at + 4, jsonAt))) return { blocks, torn: true };
    try {
      blocks.push(JSON.parse(json.toString('utf8')));
    } catch {
      blocks.push(undefined);
    }
    at = end;
  }
  return { blocks, torn: false };
}

/** The flags of a task's report. */
function flagsOf(task: FileTask, report: FileReport): number {
  let flags = (task.inReadoutFiles ? FLAGS.inReadoutFiles : 0) | (task.excluded ? FLAGS.excluded : 0);
  if (!report.isReadout) return flags;
  flags |= FLAGS.isReadout;
  if (report.sourceUrl !== undefined) flags |= FLAGS.sourceUrl;
  if (report.followsLayout !== undefined) flags |= FLAGS.layoutKnown | (report.followsLayout ? FLAGS.followsLayout : 0);
  if (report.diagnostics.length > 0) flags |= FLAGS.diagnostics;
  return flags;
}

/** A file's name in the cache: its path relative to the cache's folder, with `/` (cut from the path when inside the folder, as most are: a path.relative per file was a tenth of a run; a relative path is taken from the current folder). */
function nameIn(prefix: string, folder: string, file: string): string {
  const relative = file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(folder, file);
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

const folderPrefix = (folder: string) => (folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`);

/** The header line, padded to HEADER_BYTES. */
function headerLine(header: Header): Buffer {
  const json = JSON.stringify(header);
  return Buffer.from(`${json.padEnd(HEADER_BYTES - 1)}\n`, 'utf8');
}

/** The file a cache was read from, as it was: a block is appended only to that file, unchanged since. */
interface CacheFileIdentity {
  readonly ino: number;
  readonly size: number;
}

/** URLs read one by one from the file, past this many asked for: all at once. */
const URLS_READ_ONE_BY_ONE = 64;

/**
 * The cache's URLs, left in the file until asked for: one by one (a run asks for few, if any), or
 * all at once past URLS_READ_ONE_BY_ONE, or when they are not ASCII (a URL's place is then in
 * characters, not bytes).
 */
class UrlText {
  #handle: number | undefined;
  readonly #at: number;
  readonly #bytes: number;
  #text: string | undefined;
  #asked = 0;

  /** `handle` is the cache file's, open, the URLs `bytes` long from `at`; or the URLs are `text`. */
  constructor(source: { handle: number; at: number; bytes: number } | { text: string }) {
    if ('text' in source) {
      this.#text = source.text;
      this.#at = this.#bytes = 0;
    } else {
      this.#handle = source.handle;
      this.#at = source.at;
      this.#bytes = source.bytes;
    }
  }

  slice(start: number, end: number): string {
    if (this.#text === undefined && ++this.#asked > URLS_READ_ONE_BY_ONE) this.#text = this.#read(0, this.#bytes);
    return this.#text !== undefined ? this.#text.slice(start, end) : this.#read(start, end - start);
  }

  #read(from: number, length: number): string {
    if (this.#handle === undefined) throw new Error('the cache was closed before its URLs were read');
    const bytes = Buffer.allocUnsafe(length);
    for (let read = 0; read < length;) {
      const got = readSync(this.#handle, bytes, read, length - read, this.#at + from + read);
      if (got === 0) throw new Error('the cache file was cut short while it was read');
      read += got;
    }
    return bytes.toString('latin1');
  }

  close(): void {
    if (this.#handle !== undefined) closeSync(this.#handle);
    this.#handle = undefined;
  }
}

/**
 * A report taken from the cache: its source_url is read from the cache only when asked for (a
 * getter, which a spread does not copy: `{ ...report }` has no sourceUrl).
 */
class CachedReport implements FileReport {
  readonly fixed = false;
  readonly #cache: LoadedCache;

  /** `stamp` is the entry's index in `cache`. */
  constructor(readonly isReadout: boolean, readonly diagnostics: readonly ReportedDiagnostic[], readonly urlHash: number | undefined, readonly followsLayout: boolean | undefined, readonly stamp: number, cache: LoadedCache) {
    this.#cache = cache;
  }

  get sourceUrl(): string | undefined {
    return this.#cache.urlOf(this.stamp);
  }
}

/** A cache as read: its columns, with its patches applied, and each entry's report made only when asked for. */
export class LoadedCache {
  readonly size: number;
  readonly racyFrom: number;
  readonly #folder: string;
  readonly #prefix: string;
  readonly #file: CacheFileIdentity;
  /** Bytes of blocks after the columns; undefined when one was torn, and the cache is to be written afresh. */
  readonly #blockBytes: number | undefined;
  readonly #stats: Float64Array;
  readonly #hashes: Uint8Array;
  readonly #flags: Uint8Array;
  /** The entries' names, one after the other. */
  readonly #names: string;
  readonly #urls: UrlText;
  /** Where each entry's name starts in the names, and where the last one ends. */
  readonly #nameStarts: Uint32Array;
  /** Where each entry's URL starts and ends in the URLs; both 0 without one. */
  readonly #urlStarts: Uint32Array;
  readonly #urlEnds: Uint32Array;
  /** Each entry's URL's hashUrl; 0 without one. */
  readonly #urlHashes: Uint32Array;
  readonly #diagnostics: Map<number, readonly ReportedDiagnostic[]>;
  /** The entries the patches changed: their URLs, the text's being the columns'. */
  readonly #patchedUrls = new Map<number, string | undefined>();
  #byName: Map<string, number> | undefined;

  constructor(folder: string, header: Header, file: CacheFileIdentity, columns: { stats: Float64Array; lengths: Uint32Array; urlHashes: Uint32Array; hashes: Uint8Array; flags: Uint8Array; names: string; urls: UrlText; diagnostics: Map<number, readonly ReportedDiagnostic[]> }, blocks: { read: readonly PatchBlock[]; bytes: number | undefined }) {
    this.#folder = folder;
    this.#prefix = folderPrefix(folder);
    this.#file = file;
    this.#blockBytes = blocks.bytes;
    this.size = header.files;
    // An entry's stat is believed by the time of the latest write, as if the whole cache was written then.
    this.racyFrom = blocks.read.reduce((latest, block) => Math.max(latest, block.writtenAt), header.writtenAt) - RACY_MS;
    this.#stats = columns.stats;
    this.#hashes = columns.hashes;
    this.#flags = columns.flags;
    this.#names = columns.names;
    this.#urls = columns.urls;
    this.#diagnostics = columns.diagnostics;
    const { lengths, flags } = columns;
    this.#nameStarts = new Uint32Array(this.size + 1);
    for (let at = 0; at < this.size; at++) this.#nameStarts[at + 1] = this.#nameStarts[at] + lengths[at];
    this.#urlStarts = new Uint32Array(this.size);
    this.#urlEnds = new Uint32Array(this.size);
    this.#urlHashes = new Uint32Array(this.size);
    let url = 0;
    let offset = 0;
    for (let at = 0; at < this.size; at++) {
      if ((flags[at] & FLAGS.sourceUrl) === 0) continue;
      this.#urlStarts[at] = offset;
      offset += lengths[this.size + url];
      this.#urlEnds[at] = offset;
      this.#urlHashes[at] = columns.urlHashes[url++];
    }
    for (const block of blocks.read) {
      for (const [at, size, mtimeMs, ctimeMs, ino, hash, flags, url, diagnostics] of block.patches) this.#patch(at, { size, mtimeMs, ctimeMs, ino, hash }, flags, url ?? undefined, diagnostics);
    }
  }

  #patch(at: number, stamp: FileStamp, flags: number, url: string | undefined, diagnostics: readonly ReportedDiagnostic[]): void {
    this.#stats.set([stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino], at * STAT_FIELDS);
    Buffer.from(this.#hashes.buffer, this.#hashes.byteOffset, this.#hashes.byteLength).write(stamp.hash, at * HASH_BYTES, HASH_BYTES, 'hex');
    this.#flags[at] = flags;
    this.#patchedUrls.set(at, url);
    this.#urlHashes[at] = url === undefined ? 0 : hashUrl(url);
    if (diagnostics.length > 0) this.#diagnostics.set(at, diagnostics);
    else this.#diagnostics.delete(at);
  }

  /** The index of the entry of the file at `file`, -1 when there is none; `near` is where it likely is (a run lists the files in the cache's order). */
  find(file: string, near: number): number {
    const name = nameIn(this.#prefix, this.#folder, file);
    if (near >= 0 && near < this.size && this.#nameStarts[near + 1] - this.#nameStarts[near] === name.length && this.#names.startsWith(name, this.#nameStarts[near])) return near;
    if (!this.#byName) {
      this.#byName = new Map();
      for (let at = 0; at < this.size; at++) this.#byName.set(this.#names.slice(this.#nameStarts[at], this.#nameStarts[at + 1]), at);
    }
    return this.#byName.get(name) ?? -1;
  }

  /** Whether the entry may stand for the task's file: placed as it was, and, with --fix, nothing to fix. */
  #usable(at: number, task: FileTask, fix: boolean): boolean {
    const flags = this.#flags[at];
    return ((flags & FLAGS.inReadoutFiles) !== 0) === task.inReadoutFiles && ((flags & FLAGS.excluded) !== 0) === task.excluded
      && !(fix && (this.#diagnostics.get(at) ?? NO_DIAGNOSTICS).some((diagnostic) => diagnostic.fixable));
  }

  /** The entry's URL, undefined without one. */
  urlOf(at: number): string | undefined {
    if ((this.#flags[at] & FLAGS.sourceUrl) === 0) return undefined;
    return this.#patchedUrls.size > 0 && this.#patchedUrls.has(at) ? this.#patchedUrls.get(at) : this.#urls.slice(this.#urlStarts[at], this.#urlEnds[at]);
  }

  /** The entry's report, its stamp the entry's index. */
  #report(at: number): CachedReport {
    const flags = this.#flags[at];
    // Most entries have no diagnostics and no patch: the flags spare them the lookups.
    const diagnostics = (flags & FLAGS.diagnostics) !== 0 ? this.#diagnostics.get(at)! : NO_DIAGNOSTICS;
    const urlHash = (flags & FLAGS.sourceUrl) !== 0 ? this.#urlHashes[at] : undefined;
    const followsLayout = (flags & FLAGS.layoutKnown) !== 0 ? (flags & FLAGS.followsLayout) !== 0 : undefined;
    return new CachedReport((flags & FLAGS.isReadout) !== 0, diagnostics, urlHash, followsLayout, at, this);
  }

  /**
   * The entry's report, its stamp the entry's index, when the entry may stand for the task's file
   * and the file's stat (STAT_FIELDS numbers at `offset` of `stats`) stands for its content.
   */
  reportFromStat(at: number, task: FileTask, stats: Float64Array, offset: number, fix: boolean): FileReport | undefined {
    const own = at * STAT_FIELDS;
    for (let field = 0; field < STAT_FIELDS; field++) if (stats[offset + field] !== this.#stats[own + field]) return undefined;
    if (!(this.#stats[own + 1] < this.racyFrom) || !this.#usable(at, task, fix)) return undefined;
    return this.#report(at);
  }

  #stamp(at: number): FileStamp {
    const own = at * STAT_FIELDS;
    const hash = Buffer.from(this.#hashes.buffer, this.#hashes.byteOffset + at * HASH_BYTES, HASH_BYTES).toString('hex');
    return { size: this.#stats[own], mtimeMs: this.#stats[own + 1], ctimeMs: this.#stats[own + 2], ino: this.#stats[own + 3], hash };
  }

  /** The entry, for a checker to compare with the file; undefined when it may not stand for it. */
  entry(at: number, task: FileTask, fix: boolean): CachedFile | undefined {
    if (at < 0 || !this.#usable(at, task, fix)) return undefined;
    // A plain report, URL and all: it is sent to a checker, which copies it.
    const { isReadout, diagnostics, urlHash, followsLayout } = this.#report(at);
    const sourceUrl = this.urlOf(at);
    const report: FileReport = { isReadout, diagnostics, fixed: false, ...(sourceUrl === undefined ? {} : { sourceUrl, urlHash }), ...(followsLayout === undefined ? {} : { followsLayout }) };
    return { stamp: this.#stamp(at), inReadoutFiles: task.inReadoutFiles, excluded: task.excluded, report };
  }

  /** Copies the entry's stat and hash into a cache being written. */
  copyStamp(at: number, stats: Float64Array, hashes: Uint8Array, to: number): void {
    stats.set(this.#stats.subarray(at * STAT_FIELDS, (at + 1) * STAT_FIELDS), to * STAT_FIELDS);
    hashes.set(this.#hashes.subarray(at * HASH_BYTES, (at + 1) * HASH_BYTES), to * HASH_BYTES);
  }

  /**
   * The block to append for the reports of a run over the same files, in the same order: the
   * entries whose files changed; undefined when the files are not the same, a file has no stamp
   * this time, a block was torn, or the patches would be too many (the cache is then written afresh).
   */
  appendix(tasks: readonly FileTask[], reports: readonly FileReport[], entries: Int32Array | undefined): Buffer | undefined {
    if (this.#blockBytes === undefined || !entries || tasks.length !== this.size || reports.some((report, at) => report.stamp === undefined || entries[at] !== at)) return undefined;
    const patches: Patch[] = [];
    for (const [at, report] of reports.entries()) {
      const stamp = report.stamp!;
      if (typeof stamp === 'number') continue;
      const flags = flagsOf(tasks[at], report);
      this.#patch(at, stamp, flags, report.sourceUrl, report.diagnostics);
      patches.push([at, stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, stamp.hash, flags, report.sourceUrl ?? null, [...report.diagnostics]]);
    }
    const block = blockBytes({ writtenAt: Date.now(), patches });
    return this.#patchedUrls.size > patchLimit(this.size) || this.#blockBytes + block.length > blockBytesLimit(this.size) ? undefined : block;
  }

  /**
   * Appends the block to `file` when it is still the file this cache was read from, as it was read
   * (another run may have written it since); false when it is not, and nothing was written.
   */
  appendTo(file: string, block: Buffer): boolean {
    let handle: number;
    try {
      handle = openSync(file, constants.O_WRONLY | constants.O_APPEND);
    } catch {
      return false;
    }
    try {
      const now = fstatSync(handle);
      if (now.ino !== this.#file.ino || now.size !== this.#file.size) return false;
      for (let written = 0; written < block.length;) written += writeSync(handle, block, written, block.length - written);
      return true;
    } finally {
      closeSync(handle);
    }
  }

  /** Closes the cache file, which its URLs are read from: a report taken from the cache then has none to give. */
  close(): void {
    this.#urls.close();
  }
}
/**
 * With the cache: the cached report of each task whose file's stat (taken as the files were
 * listed) stands for its content, undefined for the others, which the checkers read; and each
 * task's entry in the cache (-1 for none). A run in which few files changed sends only those to
 * the checkers.
 */
export function reportsFromStat(tasks: readonly FileTask[], stats: Float64Array, loaded: LoadedCache, fix: boolean): { reports: (FileReport | undefined)[]; entries: Int32Array } {
  const reports: (FileReport | undefined)[] = new Array(tasks.length);
  const entries = new Int32Array(tasks.length);
  // How far the cache's entries are from the tasks: by one for each file added or gone before.
  let shift = 0;
  tasks.forEach((task, at) => {
    const entry = loaded.find(task.path, at + shift);
    entries[at] = entry;
    if (entry < 0) return;
    shift = entry - at;
    reports[at] = loaded.reportFromStat(entry, task, stats, at * STAT_FIELDS, fix);
  });
  return { reports, entries };
}

/**
 * How many files the cache at `file` holds for `key`, by its header alone (0 when it holds none
 * for it): what a run expects before it reads the cache, which it does while the files are stat'ed.
 */
export function cachedFileCount(file: string, key: string): number {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return 0;
  }
  try {
    const bytes = Buffer.alloc(HEADER_BYTES);
    const header: unknown = JSON.parse(bytes.toString('utf8', 0, readSync(fd, bytes, 0, HEADER_BYTES, 0)));
    return isObject(header) && header.key === key && isCount(header.files) ? header.files : 0;
  } catch {
    return 0;
  } finally {
    closeSync(fd);
  }
}

/**
 * The cache in `file` for a run with `key`: undefined when there is none, when it was made for
 * another key, or when it cannot be read or is not a cache (then `warn` is told, once).
 */
export function loadCache(file: string, key: string, warn: (message: string) => void): LoadedCache | undefined {
  let handle: number;
  try {
    handle = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`readout check: the cache ${file} cannot be read (${(error as Error).message}): every file is checked, and the cache written afresh.`);
    return undefined;
  }
  let loaded: LoadedCache | undefined;
  try {
    loaded = readCache(handle, file, key, warn);
    return loaded;
  } catch (error) {
    warn(`readout check: the cache ${file} cannot be read (${(error as Error).message}): every file is checked, and the cache written afresh.`);
    return undefined;
  } finally {
    // The cache keeps the file open, to read URLs from when asked for.
    if (loaded === undefined) closeSync(handle);
  }
}

/** The cache read from `handle`, open on `file` (see loadCache). */
function readCache(handle: number, file: string, key: string, warn: (message: string) => void): LoadedCache | undefined {
  const { ino, size } = fstatSync(handle);
  const read = (from: number, to: number): Buffer => {
    // An ArrayBuffer of its own (the pool's may sit anywhere): the columns are read in place as float64 and uint32.
    const bytes = Buffer.from(new ArrayBuffer(Math.max(0, Math.min(to, size) - from)));
    let got = 0;
    for (let last = -1; last !== 0 && got < bytes.length; got += last) last = readSync(handle, bytes, got, bytes.length - got, from + got);
    return bytes.subarray(0, got);
  };
  const notCache = () => {
    warn(`readout check: ${file} is not a cache this version of readout wrote: every file is checked, and the cache written afresh.`);
    return undefined;
  };
  const parsed = (bytes: Buffer, from = 0, to?: number): unknown => {
    try {
      return JSON.parse(bytes.toString('utf8', from, to));
    } catch {
      return undefined;
    }
  };
  const headerBytes = read(0, HEADER_BYTES);
  const header = headerBytes.length === HEADER_BYTES && headerBytes[HEADER_BYTES - 1] === 0x0a ? parsed(headerBytes) : undefined;
  if (!isObject(header) || header.format !== FORMAT || header.version !== FORMAT_VERSION || typeof header.key !== 'string' || !isNumber(header.writtenAt) || header.endianness !== endianness()
    || !isCount(header.files) || !isCount(header.urls) || !isCount(header.nameBytes) || !isCount(header.urlBytes) || typeof header.asciiUrls !== 'boolean' || !isCount(header.diagnosticsBytes)) return notCache();
  if (header.key !== key) return undefined;
  const { files, urls, nameBytes, urlBytes, asciiUrls, diagnosticsBytes } = header as unknown as Header;
  const lengthsAt = HEADER_BYTES + files * STAT_BYTES;
  const urlHashesAt = lengthsAt + (files + urls) * 4;
  const hashesAt = urlHashesAt + urls * 4;
  const flagsAt = hashesAt + files * HASH_BYTES;
  const namesAt = flagsAt + files;
  const urlsAt = namesAt + nameBytes;
  const diagnosticsAt = urlsAt + urlBytes;
  const blocksAt = diagnosticsAt + diagnosticsBytes;
  if (blocksAt > size) return notCache();
  // The columns up to the URLs, then from the diagnostics on: the URLs are read when asked for.
  const columns = read(0, urlsAt);
  const tail = read(diagnosticsAt, size);
  if (columns.length !== urlsAt || tail.length !== size - diagnosticsAt) return notCache();
  const stats = new Float64Array(columns.buffer, columns.byteOffset + HEADER_BYTES, files * STAT_FIELDS);
  const lengths = new Uint32Array(columns.buffer, columns.byteOffset + lengthsAt, files + urls);
  const urlHashes = new Uint32Array(columns.buffer, columns.byteOffset + urlHashesAt, urls);
  const hashes = columns.subarray(hashesAt, flagsAt);
  const flags = columns.subarray(flagsAt, namesAt);
  let withUrl = 0;
  let withDiagnostics = 0;
  for (let at = 0; at < files; at++) {
    if (!validFlags(flags[at])) return notCache();
    if ((flags[at] & FLAGS.sourceUrl) !== 0) withUrl++;
    if ((flags[at] & FLAGS.diagnostics) !== 0) withDiagnostics++;
  }
  // Names are ASCII as a rule, which reads faster as Latin-1 (the same characters).
  const names = columns.toString(isAscii(columns.subarray(namesAt, urlsAt)) ? 'latin1' : 'utf8', namesAt, urlsAt);
  let nameLength = 0;
  let urlLength = 0;
  for (let at = 0; at < files; at++) nameLength += lengths[at];
  for (let at = files; at < files + urls; at++) urlLength += lengths[at];
  // URLs not all ASCII are read now: a URL's place in them is in characters, which bytes do not give.
  const decodedUrls = asciiUrls ? undefined : read(urlsAt, diagnosticsAt).toString('utf8');
  const diagnosticLists = parsed(tail, 0, blocksAt - diagnosticsAt);
  const { blocks, torn } = readBlocks(tail, blocksAt - diagnosticsAt);
  if (withUrl !== urls || nameLength !== names.length || urlLength !== (decodedUrls?.length ?? urlBytes) || !Array.isArray(diagnosticLists) || diagnosticLists.length !== withDiagnostics
    || !diagnosticLists.every((list) => isDiagnosticList(list) && list.length > 0) || !blocks.every((block) => validBlock(block, files))) return notCache();
  const urlText = decodedUrls === undefined ? new UrlText({ handle, at: urlsAt, bytes: urlBytes }) : new UrlText({ text: decodedUrls });
  const diagnostics = new Map<number, readonly ReportedDiagnostic[]>();
  for (let at = 0, next = 0; at < files; at++) if ((flags[at] & FLAGS.diagnostics) !== 0) diagnostics.set(at, (diagnosticLists as ReportedDiagnostic[][])[next++]);
  return new LoadedCache(path.dirname(path.resolve(file)), header as unknown as Header, { ino, size }, { stats, lengths, urlHashes, hashes, flags, names, urls: urlText, diagnostics }, { read: blocks as PatchBlock[], bytes: torn ? undefined : size - blocksAt });
}

/**
 * Writes the cache atomically: an entry for each task whose report has a stamp (a file fixed or
 * that failed has none, and is checked next time), named relative to the cache file's folder. A
 * stamp that is an index is the loaded cache's entry, whose stat and hash are copied. When the
 * files are those of the loaded cache, the changed entries are appended to it as a block of
 * patches instead (`entries`: each task's entry in it).
 */
export function saveCache(file: string, key: string, tasks: readonly FileTask[], reports: readonly FileReport[], loaded: LoadedCache | undefined, entries: Int32Array | undefined): void {
  const block = loaded?.appendix(tasks, reports, entries);
  if (block && loaded!.appendTo(file, block)) return;
  const folder = path.dirname(path.resolve(file));
  const prefix = folderPrefix(folder);
  const kept = tasks.flatMap((_, at) => (reports[at].stamp === undefined ? [] : [at]));
  const count = kept.length;
  const stats = new Float64Array(count * STAT_FIELDS);
  const hashes = Buffer.alloc(count * HASH_BYTES);
  const flags = Buffer.alloc(count);
  const names: string[] = new Array(count);
  const urls: string[] = [];
  const urlHashes: number[] = [];
  const diagnostics: (readonly ReportedDiagnostic[])[] = [];
  kept.forEach((from, to) => {
    const task = tasks[from];
    const report = reports[from];
    const stamp = report.stamp!;
    if (typeof stamp === 'number') {
      loaded!.copyStamp(stamp, stats, hashes, to);
    } else {
      stats.set([stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino], to * STAT_FIELDS);
      hashes.write(stamp.hash, to * HASH_BYTES, HASH_BYTES, 'hex');
    }
    flags[to] = flagsOf(task, report);
    if ((flags[to] & FLAGS.sourceUrl) !== 0) {
      urls.push(report.sourceUrl!);
      urlHashes.push(report.urlHash ?? hashUrl(report.sourceUrl!));
    }
    if ((flags[to] & FLAGS.diagnostics) !== 0) diagnostics.push(report.diagnostics);
    names[to] = nameIn(prefix, folder, task.path);
  });
  const lengths = new Uint32Array(count + urls.length);
  names.forEach((name, at) => (lengths[at] = name.length));
  urls.forEach((url, at) => (lengths[count + at] = url.length));
  const namesText = Buffer.from(names.join(''), 'utf8');
  const urlsJoined = urls.join('');
  const urlsText = Buffer.from(urlsJoined, 'utf8');
  const diagnosticsJson = Buffer.from(JSON.stringify(diagnostics), 'utf8');
  const header: Header = {
    format: FORMAT, version: FORMAT_VERSION, key, writtenAt: Date.now(), endianness: endianness(), files: count, urls: urls.length,
    nameBytes: namesText.length, urlBytes: urlsText.length, asciiUrls: urlsText.length === urlsJoined.length, diagnosticsBytes: diagnosticsJson.length,
  };
  const asBytes = (array: Float64Array | Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  writeFileAtomic(file, [headerLine(header), asBytes(stats), asBytes(lengths), asBytes(Uint32Array.from(urlHashes)), hashes, flags, namesText, urlsText, diagnosticsJson]);
}
