import { statSync } from 'node:fs';
import * as path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { URI } from 'vscode-uri';
import { hasReadoutField } from '../core/detection';
import { quickEntry } from '../core/quickEntry';
import { rangeKey, type LineRange } from '../core/lineIndex';
import type { IndexedValue, ReadoutEntry } from '../core/readoutEntry';
import { HEAD_BATCH, startHeadReader } from '../node/headReader';
import { byDepth, listFiles } from '../node/readoutFiles';
import { fileStamp } from '../node/regularFile';
import { STAT_FIELDS, STAT_THREAD_FROM, statFiles, type ListedStats } from '../node/statFiles';
import type { Settings } from '../node/settings';

/** How long the scan runs before it lets the server answer what has come in meanwhile. */
const SLICE_MS = 8;

export interface ScanProgress {
  readonly scanned: number;
  readonly total: number;
}

export interface ScanResult {
  readonly outcome: 'done' | 'cancelled';
  /** Whether a thread of its own read all the files (node/headReader.ts). */
  readonly readOnThread: boolean;
}

export interface ScanOptions {
  /** Which files are listed (`files` and `exclude`). */
  readonly settings: Settings;
  /** Whether `files` names the file: any front matter makes it a readout. */
  readonly inReadoutFiles: (file: string) => boolean;
  /** The entry of a file outside PyYAML's layout, by a full parse (undefined: not a readout). */
  readonly parse: (uri: string, text: string, inReadoutFiles: boolean) => ReadoutEntry | undefined;
  /** A readout's entry, its file's identity (two paths to one file have the same), its path, and its stamp (fileStamp). */
  readonly onEntry: (entry: ReadoutEntry, identity: string, file: string, stamp: string) => void;
  /** A file read that is not a readout, and its stamp. */
  readonly onOther?: (uri: string, stamp: string) => void;
  /**
   * The stamp the index holds for the file at a uri (a warm start's), if any: a file whose stat
   * gives that stamp is not read, and `onUnchanged` is told instead.
   */
  readonly known?: (uri: string) => string | undefined;
  /** Settles when `known` knows every stamp it will (a warm start's restore and the settling of its stamps). */
  readonly stampsReady?: Promise<void>;
  readonly onUnchanged?: (uri: string, file: string) => void;
  readonly onFailure: (file: string, reason: string) => void;
  /** What the server's log is told: here, where the files are read when no thread can read them. */
  readonly log: (message: string) => void;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Asked between slices: a scan a newer one replaces stops there. */
  readonly isCancelled?: () => boolean;
}

// A value sliced from the text read keeps all of that text alive; a copy keeps only itself. The
// copy goes through a buffer kept for the scan: a buffer made for each value costs twice the time.
function copy(text: string, buffer: Buffer): string {
  if (text.length * 3 > buffer.length) return Buffer.from(text, 'utf8').toString('utf8');
  return buffer.toString('utf8', 0, buffer.write(text));
}

/**
 * What many readouts of an archive share, kept once for the whole scan: a tag, a date, and the
 * range of a field on the same line and columns (its files are written alike). At 50,000 readouts
 * the ranges alone were 300,000 objects of three each.
 */
interface Shared {
  readonly texts: Map<string, string>;
  readonly ranges: Map<number, LineRange>;
}

function sharedRange(shared: Shared, range: LineRange): LineRange {
  const { start, end } = range;
  const key = rangeKey(start.line, start.character, end.line, end.character);
  if (key === undefined) return range;
  const known = shared.ranges.get(key);
  if (known) return known;
  shared.ranges.set(key, range);
  return range;
}

function sharedText(shared: Shared, text: string, buffer: Buffer): string {
  let known = shared.texts.get(text);
  if (known === undefined) shared.texts.set((known = copy(text, buffer)), known);
  return known;
}

function ownEntry(entry: ReadoutEntry, buffer: Buffer, shared: Shared): ReadoutEntry {
  const own = (value: IndexedValue | undefined) => value && { value: copy(value.value, buffer), range: sharedRange(shared, value.range) };
  const common = (value: IndexedValue | undefined) => value && { value: sharedText(shared, value.value, buffer), range: sharedRange(shared, value.range) };
  return { uri: entry.uri, title: own(entry.title), tags: entry.tags.map((tag) => common(tag)!), sourceUrl: own(entry.sourceUrl), date: common(entry.date), publishedTime: own(entry.publishedTime) };
}

function readEntry(uri: string, text: string, inReadoutFiles: boolean, options: ScanOptions): ReadoutEntry | undefined {
  return quickEntry(uri, text) ?? options.parse(uri, text, inReadoutFiles);
}

/** The stamp of the file at `file`; undefined when it is not a regular file, or cannot be stat'ed (its reading will say why). */
function statStamp(file: string): string | undefined {
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats?.isFile() ? fileStamp(stats) : undefined;
  } catch {
    return undefined;
  }
}

function listedStamp({ stats, regular }: ListedStats, at: number): string | undefined {
  const from = at * STAT_FIELDS;
  return regular[at] === 1 ? fileStamp({ size: stats[from], mtimeMs: stats[from + 1], ctimeMs: stats[from + 2], ino: stats[from + 3] }) : undefined;
}

/**
 * The files of a warm start to read: those whose stat does not give the stamp the index holds (a
 * stat is a tenth of the cost of reading a file); the others are `onUnchanged`. Undefined when the
 * scan is stopped meanwhile. Many files are stat'ed on a thread of their own while this one
 * restores the index (the stats of 200,000 took this thread 1.3 s); few, here, in slices.
 */
async function changedFiles(files: readonly string[], options: ScanOptions, uriOf: (file: string) => string, endOfSlice: (scanned: number) => Promise<boolean>): Promise<string[] | undefined> {
  let listed: ListedStats | undefined;
  if (files.length >= STAT_THREAD_FROM) {
    try {
      listed = await statFiles(files, { shareThisThread: false });
    } catch {
      // A stat that fails otherwise than for a missing file: each is stat'ed here, and read if it fails.
    }
  }
  await options.stampsReady;
  const changed: string[] = [];
  for (let at = 0; at < files.length; at++) {
    const file = files[at];
    const uri = uriOf(file);
    const known = options.known!(uri);
    if (known !== undefined && (listed ? listedStamp(listed, at) : statStamp(file)) === known) options.onUnchanged?.(uri, file);
    else changed.push(file);
    if (!(await endOfSlice(at + 1 - changed.length))) return undefined;
  }
  return changed;
}

// The characters vscode-uri writes as they are in a path (RFC 3986's unreserved).
const UNRESERVED = /^[A-Za-z0-9\-._~]+$/;

/**
 * Makes `URI.file(file).toString()` for files given with their folder (their path up to their last
 * separator), one folder after another: a name that needs no escaping follows the folder's URI,
 * made once, after a slash (a URI made for each file took 2-3% of a scan). Not so for a share's name
 * (`//server`), nor after an empty segment.
 */
export function fileUris(): (file: string, folder: string) => string {
  let last: { folder: string; uri: string } | undefined;
  return (file, folder) => {
    const name = file.slice(folder.length + 1);
    if (!UNRESERVED.test(name) || /^[\\/]{2}/.test(file)) return URI.file(file).toString();
    if (last?.folder !== folder) last = { folder, uri: URI.file(folder).toString() };
    return last.uri.endsWith('/') ? URI.file(file).toString() : `${last.uri}/${name}`;
  };
}

/**
 * Reads the front matter of every readout in the folders: the files `readout.files` names that have
 * front matter, and the other Markdown and text files whose front matter has a readout field. It
 * runs on the server's thread in slices of a few milliseconds, yielding between them, so that
 * requests are answered while a large archive is scanned. Files in PyYAML's layout (an archive's)
 * are read without a YAML parse, which with the reading of the files themselves is the whole cost.
 */
export async function scanFolders(folders: readonly string[], options: ScanOptions): Promise<ScanResult> {
  const lists = await Promise.all(folders.map((folder) => listFiles(folder, options.settings)));
  if (options.isCancelled?.()) return { outcome: 'cancelled', readOnThread: false };
  // Shortest paths first: of the paths to one file (a link to its folder, a hard link), the index keeps the first.
  const listed = byDepth(lists.flat());
  const total = listed.length;
  options.onProgress?.({ scanned: 0, total });
  const fileUri = fileUris();
  const uriOf = (file: string) => fileUri(file, file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf(path.sep))));
  let sliceStart = performance.now();
  /** Lets the server answer what came in once a slice has run its time; false when the scan is to stop. */
  const endOfSlice = async (scanned: number) => {
    if (performance.now() - sliceStart < SLICE_MS) return true;
    options.onProgress?.({ scanned, total });
    await yieldToEvents();
    sliceStart = performance.now();
    return !options.isCancelled?.();
  };
  // A cold scan that took over from a warm start's waits for its restore all the same: it drops what that restored and is gone.
  if (!options.known) await options.stampsReady;
  const files = options.known ? await changedFiles(listed, options, uriOf, endOfSlice) : listed;
  if (files === undefined) return { outcome: 'cancelled', readOnThread: false };
  const unchanged = total - files.length;
  const copyBuffer = Buffer.alloc(2048);
  const shared: Shared = { texts: new Map(), ranges: new Map() };
  const reader = startHeadReader(files, { log: options.log });
  let readOnThread = reader.threaded;
  try {
    let heads = await reader.batch(0);
    for (let scanned = 0; scanned < files.length; scanned++) {
      if (scanned > 0 && scanned % HEAD_BATCH === 0) heads = await reader.batch(scanned / HEAD_BATCH);
      const file = files[scanned];
      const head = heads[scanned % HEAD_BATCH];
      if ('failure' in head) options.onFailure(file, head.failure);
      else try {
        const inReadoutFiles = options.inReadoutFiles(file);
        // A static site's page is passed over on its raw keys, before any reading of its values.
        const entry = inReadoutFiles || hasReadoutField(head.text) ? readEntry(uriOf(file), head.text, inReadoutFiles, options) : undefined;
        if (entry) options.onEntry(ownEntry(entry, copyBuffer, shared), head.identity, file, head.stamp);
        else options.onOther?.(uriOf(file), head.stamp);
      } catch (error) {
        options.onFailure(file, (error as Error).message);
      }
      if (!(await endOfSlice(unchanged + scanned + 1))) return { outcome: 'cancelled', readOnThread };
    }
    readOnThread &&= reader.threaded;
  } finally {
    reader.close();
  }
  options.onProgress?.({ scanned: total, total });
  return { outcome: 'done', readOnThread };
}
