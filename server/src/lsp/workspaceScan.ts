import * as path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { URI } from 'vscode-uri';
import { hasReadoutField } from '../core/detection';
import { quickEntry } from '../core/quickEntry';
import type { LineRange } from '../core/lineIndex';
import type { IndexedValue, ReadoutEntry } from '../core/readoutEntry';
import { HEAD_BATCH, startHeadReader } from '../node/headReader';
import { byDepth, listFiles } from '../node/readoutFiles';
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
  /** A readout's entry, its file's identity (two paths to one file have the same), and its path. */
  readonly onEntry: (entry: ReadoutEntry, identity: string, file: string) => void;
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

const RANGE_KEY_LIMIT = 4096;

function sharedRange(shared: Shared, range: LineRange): LineRange {
  const { start, end } = range;
  if (Math.max(start.line, start.character, end.line, end.character) >= RANGE_KEY_LIMIT) return range;
  const key = ((start.line * RANGE_KEY_LIMIT + start.character) * RANGE_KEY_LIMIT + end.line) * RANGE_KEY_LIMIT + end.character;
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
  const files = byDepth(lists.flat());
  const total = files.length;
  options.onProgress?.({ scanned: 0, total });
  const copyBuffer = Buffer.alloc(2048);
  const shared: Shared = { texts: new Map(), ranges: new Map() };
  const fileUri = fileUris();
  const reader = startHeadReader(files, { log: options.log });
  let readOnThread = reader.threaded;
  try {
    let sliceStart = performance.now();
    let heads = await reader.batch(0);
    for (let scanned = 0; scanned < total; scanned++) {
      if (scanned > 0 && scanned % HEAD_BATCH === 0) heads = await reader.batch(scanned / HEAD_BATCH);
      const file = files[scanned];
      const head = heads[scanned % HEAD_BATCH];
      if ('failure' in head) options.onFailure(file, head.failure);
      else try {
        const inReadoutFiles = options.inReadoutFiles(file);
        // A static site's page is passed over on its raw keys, before any reading of its values.
        if (inReadoutFiles || hasReadoutField(head.text)) {
          const uri = fileUri(file, file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf(path.sep))));
          const entry = quickEntry(uri, head.text) ?? options.parse(uri, head.text, inReadoutFiles);
          if (entry) options.onEntry(ownEntry(entry, copyBuffer, shared), head.identity, file);
        }
      } catch (error) {
        options.onFailure(file, (error as Error).message);
      }
      if (performance.now() - sliceStart >= SLICE_MS) {
        options.onProgress?.({ scanned: scanned + 1, total });
        await yieldToEvents();
        if (options.isCancelled?.()) return { outcome: 'cancelled', readOnThread };
        sliceStart = performance.now();
      }
    }
    readOnThread &&= reader.threaded;
  } finally {
    reader.close();
  }
  options.onProgress?.({ scanned: total, total });
  return { outcome: 'done', readOnThread };
}
