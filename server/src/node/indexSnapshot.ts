// The workspace index kept on disk between sessions, so that the next start is warm: for each
// listed file its stamp (regularFile.ts, fileStamp), and for a readout its index entry. The server
// restores it at once, then stats every file and reads only those whose stamp is not the one kept:
// a kept entry is never trusted over its file. Before the files come what the title table made of
// their titles (TitleMakings), which the restore reuses instead of making again: a function of
// each title alone, never a fact about a file. The file is chunks of a thousand or so files or
// titles, each written and read in a step of its own (the server answers requests between them)
// and each with a checksum: a chunk that does not check out ends the reading, and the scan reads
// what it held.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { crc32 } from 'node:zlib';
import type { IndexedValue, ReadoutEntry } from '../core/readoutEntry';
import { titleMakingsFit, type TitleMakings } from '../core/titleTable';
import { RACY_MS, stampTime } from './regularFile';

/** One listed file as the index last saw it on disk. */
export interface SnapshotRecord {
  readonly uri: string;
  readonly identity: string;
  readonly stamp: string;
  /** Its index entry; undefined for a file that is not a readout (the scan need not read it again either). */
  readonly entry: ReadoutEntry | undefined;
}

const MAGIC = 'readout index snapshot\n';
/** Changed whenever what is written changes: a snapshot of another format is not read. */
const FORMAT = 2;
/** A header line or a chunk longer than these is not one this module wrote. */
const MAX_HEADER = 64 * 1024;
const MAX_CHUNK = 64 * 1024 * 1024;

/** Bits of a record's kind: a readout, and which of its values it has. */
const READOUT = 1;
const TITLE = 2;
const SOURCE_URL = 4;
const DATE = 8;
const PUBLISHED = 16;

/**
 * A chunk of records as written: columns, so that the numbers are typed arrays and each string is
 * written once. A readout's own values (title, source_url, published_time) are in `values`, in
 * its order; the texts many readouts share (a date, tags) are in `common`, once per chunk, and
 * `commonOf` places each shared value of the readouts in it, in their order.
 */
interface RecordColumns {
  readonly folders: string[];
  readonly folderOf: Uint32Array;
  readonly names: string[];
  readonly identities: string[];
  readonly stamps: string[];
  readonly kinds: Uint8Array;
  readonly tagCounts: Uint32Array;
  /** The values in UTF-8, one after another; where each ends. */
  readonly values: Buffer;
  readonly valueEnds: Uint32Array;
  /** Four numbers per value: start line and character, end line and character. */
  readonly valueRanges: Uint32Array;
  readonly common: string[];
  readonly commonOf: Uint32Array;
  readonly commonRanges: Uint32Array;
}

/** A chunk as written: records, or what the title table made of titles (read before the records, to be reused as they come). */
type ChunkColumns = { readonly records: RecordColumns } | { readonly titles: TitleMakings };

/** The files of a chunk as read: at each place, a file's uri, identity and stamp, and its entry when it is a readout. */
export interface RestoredFiles {
  readonly uris: readonly string[];
  readonly identities: readonly string[];
  readonly stamps: readonly string[];
  readonly entries: readonly (ReadoutEntry | undefined)[];
}

/** What a chunk gives the reader. */
export type SnapshotChunk = { readonly files: RestoredFiles } | { readonly titles: TitleMakings };

function encodeRecords(records: readonly SnapshotRecord[]): Buffer {
  const folders: string[] = [];
  const folderIndex = new Map<string, number>();
  const folderOf = new Uint32Array(records.length);
  const names: string[] = [];
  const kinds = new Uint8Array(records.length);
  const tagCounts = new Uint32Array(records.length);
  const values: string[] = [];
  const valueEnds: number[] = [];
  let valueBytes = 0;
  const valueRanges: number[] = [];
  const common: string[] = [];
  const commonIndex = new Map<string, number>();
  const commonOf: number[] = [];
  const commonRanges: number[] = [];
  const put = (value: IndexedValue | undefined, bit: number, shared = false) => {
    if (!value) return 0;
    const { start, end } = value.range;
    if (shared) {
      let index = commonIndex.get(value.value);
      if (index === undefined) commonIndex.set(value.value, (index = common.push(value.value) - 1));
      commonOf.push(index);
      commonRanges.push(start.line, start.character, end.line, end.character);
    } else {
      values.push(value.value);
      valueEnds.push((valueBytes += Buffer.byteLength(value.value)));
      valueRanges.push(start.line, start.character, end.line, end.character);
    }
    return bit;
  };
  records.forEach((record, at) => {
    // A uri is its folder's, kept once per chunk, and its name.
    const cut = record.uri.lastIndexOf('/') + 1;
    const folder = record.uri.slice(0, cut);
    let index = folderIndex.get(folder);
    if (index === undefined) folderIndex.set(folder, (index = folders.push(folder) - 1));
    folderOf[at] = index;
    names.push(record.uri.slice(cut));
    const { entry } = record;
    if (!entry) return;
    kinds[at] = READOUT | put(entry.title, TITLE) | put(entry.sourceUrl, SOURCE_URL) | put(entry.publishedTime, PUBLISHED) | put(entry.date, DATE, true);
    const { tags } = entry;
    tagCounts[at] = tags.length;
    for (const tag of tags) put(tag, 0, true);
  });
  const chunk: ChunkColumns = {
    records: {
      folders, folderOf, names, kinds, tagCounts, common,
      values: Buffer.from(values.join('')),
      valueEnds: Uint32Array.from(valueEnds),
      identities: records.map((record) => record.identity),
      stamps: records.map((record) => record.stamp),
      valueRanges: Uint32Array.from(valueRanges),
      commonOf: Uint32Array.from(commonOf),
      commonRanges: Uint32Array.from(commonRanges),
    },
  };
  return v8.serialize(chunk);
}

class SnapshotError extends Error {}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The chunk's records, each column checked to be what `encodeRecords` writes: a checksum that matches does not make a file ours. */
function recordColumns(value: unknown): RecordColumns {
  const chunk = value as Partial<RecordColumns> | null;
  const count = chunk?.names?.length ?? -1;
  const sized = (array: unknown, type: typeof Uint8Array | typeof Uint32Array, length = count) => array instanceof type && array.length === length;
  const ends = chunk?.valueEnds;
  if (!chunk || !isStrings(chunk.names) || !isStrings(chunk.folders) || !isStrings(chunk.identities) || !isStrings(chunk.stamps) || !Buffer.isBuffer(chunk.values)
    || !(ends instanceof Uint32Array) || ends.some((end, at) => end < (at === 0 ? 0 : ends[at - 1])) || (ends.length === 0 ? 0 : ends[ends.length - 1]) !== chunk.values.length
    || !isStrings(chunk.common) || chunk.identities.length !== count || chunk.stamps.length !== count || !sized(chunk.folderOf, Uint32Array) || !sized(chunk.kinds, Uint8Array)
    || !sized(chunk.tagCounts, Uint32Array) || !sized(chunk.valueRanges, Uint32Array, ends.length * 4) || !(chunk.commonOf instanceof Uint32Array)
    || !sized(chunk.commonRanges, Uint32Array, chunk.commonOf.length * 4) || chunk.commonOf.some((index) => index >= chunk.common!.length)
    || chunk.folderOf!.some((index) => index >= chunk.folders!.length)) {
    throw new SnapshotError('a chunk is not one this version writes');
  }
  return chunk as RecordColumns;
}

/** The chunk's title makings, checked as the records are. */
function titleColumns(value: unknown): TitleMakings {
  const makings = value as Partial<TitleMakings> | null;
  if (!makings || !isStrings(makings.titles) || !isStrings(makings.searches) || !(makings.slugHashes instanceof Int32Array)
    || !(makings.signatures?.summary instanceof Int32Array) || !(makings.signatures.keys instanceof Int32Array) || !titleMakingsFit(makings as TitleMakings)) {
    throw new SnapshotError('a chunk of titles is not one this version writes');
  }
  return makings as TitleMakings;
}

function decode(bytes: Buffer, share: Sharing): SnapshotChunk {
  const chunk = v8.deserialize(bytes) as Partial<Record<'records' | 'titles', unknown>> | null;
  if (chunk && 'titles' in chunk) return { titles: titleColumns(chunk.titles) };
  return { files: decodeRecords(recordColumns(chunk?.records), share) };
}

const bit = (kind: number, which: number) => (kind & which ? 1 : 0);

/** The values of a chunk's readouts, as StoredEntry reads them. */
interface StoredValues {
  readonly values: Buffer;
  readonly valueEnds: Uint32Array;
  readonly valueRanges: Uint32Array;
  /** The chunk's shared texts, each as `share` keeps it for the whole reading. */
  readonly common: readonly SharedText[];
  readonly commonOf: Uint32Array;
  readonly commonRanges: Uint32Array;
}

/**
 * A readout's entry as a snapshot holds it: its values are made from its chunk's columns each time
 * they are read, not when the chunk is read, and its own texts are kept as UTF-8 outside the heap.
 * Made as the chunk was read, 200,000 entries' values were a third of a warm start's restore and
 * most of its collections; made when read, they die young.
 */
class StoredEntry implements ReadoutEntry {
  constructor(
    readonly uri: string,
    private readonly columns: StoredValues,
    private readonly kind: number,
    /** Where its own values start in `values`, and its shared ones in `commonOf`. */
    private readonly valueAt: number,
    private readonly commonAt: number,
    private readonly tagCount: number,
  ) {}

  private own(at: number): IndexedValue {
    const { values, valueEnds, valueRanges: ranges } = this.columns;
    return { value: values.toString('utf8', at === 0 ? 0 : valueEnds[at - 1], valueEnds[at]), range: { start: { line: ranges[4 * at], character: ranges[4 * at + 1] }, end: { line: ranges[4 * at + 2], character: ranges[4 * at + 3] } } };
  }

  private shared(at: number): IndexedValue {
    const { common, commonOf, commonRanges } = this.columns;
    return common[commonOf[at]].value(commonRanges, 4 * at);
  }

  get title(): IndexedValue | undefined {
    return this.kind & TITLE ? this.own(this.valueAt) : undefined;
  }

  get sourceUrl(): IndexedValue | undefined {
    return this.kind & SOURCE_URL ? this.own(this.valueAt + bit(this.kind, TITLE)) : undefined;
  }

  get publishedTime(): IndexedValue | undefined {
    return this.kind & PUBLISHED ? this.own(this.valueAt + bit(this.kind, TITLE) + bit(this.kind, SOURCE_URL)) : undefined;
  }

  get date(): IndexedValue | undefined {
    return this.kind & DATE ? this.shared(this.commonAt) : undefined;
  }

  get tags(): readonly IndexedValue[] {
    const from = this.commonAt + bit(this.kind, DATE);
    const tags: IndexedValue[] = [];
    for (let at = 0; at < this.tagCount; at++) tags.push(this.shared(from + at));
    return tags;
  }
}

/** The files of a chunk; a readout's entry reads its values from the chunk when asked for them (StoredEntry). */
function decodeRecords(chunk: RecordColumns, share: Sharing): RestoredFiles {
  const columns: StoredValues = { ...chunk, common: chunk.common.map((text) => share.text(text)) };
  const count = chunk.names.length;
  const uris: string[] = new Array(count);
  const entries: (ReadoutEntry | undefined)[] = new Array(count);
  let valueAt = 0;
  let commonAt = 0;
  for (let at = 0; at < count; at++) {
    const uri = chunk.folders[chunk.folderOf[at]] + chunk.names[at];
    const kind = chunk.kinds[at];
    uris[at] = uri;
    if (!(kind & READOUT)) {
      entries[at] = undefined;
      continue;
    }
    const tagCount = chunk.tagCounts[at];
    entries[at] = new StoredEntry(uri, columns, kind, valueAt, commonAt, tagCount);
    valueAt += bit(kind, TITLE) + bit(kind, SOURCE_URL) + bit(kind, PUBLISHED);
    commonAt += bit(kind, DATE) + tagCount;
  }
  if (valueAt !== chunk.valueEnds.length || commonAt !== chunk.commonOf.length) throw new SnapshotError('a chunk has other values than its readouts');
  return { uris, identities: chunk.identities, stamps: chunk.stamps, entries };
}

/** Lines and characters up to this many make a range's key: the fields of an archive's front matter are all within it. */
const RANGE_KEY_LIMIT = 2048;

/** A text many readouts share, kept once for a whole reading, and its values: the same object for the same range. */
interface SharedText {
  value(ranges: Uint32Array, at: number): IndexedValue;
}

/** What a snapshot shares across its chunks. */
interface Sharing {
  text(text: string): SharedText;
}

function createSharing(): Sharing {
  const texts = new Map<string, SharedText>();
  return {
    text(text) {
      let known = texts.get(text);
      if (known) return known;
      const byRange = new Map<number, IndexedValue>();
      known = {
        value(ranges, at) {
          const startLine = ranges[at];
          const startCharacter = ranges[at + 1];
          const endLine = ranges[at + 2];
          const endCharacter = ranges[at + 3];
          const key = Math.max(startLine, startCharacter, endLine, endCharacter) < RANGE_KEY_LIMIT
            ? ((startLine * RANGE_KEY_LIMIT + startCharacter) * RANGE_KEY_LIMIT + endLine) * RANGE_KEY_LIMIT + endCharacter
            : -1;
          let value = byRange.get(key);
          if (!value) {
            value = { value: text, range: { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } } };
            if (key !== -1) byRange.set(key, value);
          }
          return value;
        },
      };
      texts.set(text, known);
      return known;
    },
  };
}

interface Header {
  readonly format: number;
  /** What the entries depend on besides the files (the server's version, the folders, the settings that list and read them). */
  readonly key: string;
  /** When writing began (ms since the epoch). */
  readonly written: number;
}

function readExactly(fd: number, length: number, at: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const got = readSync(fd, bytes, read, length - read, at + read);
    if (got === 0) throw new SnapshotError('it ends in the middle of a chunk');
    read += got;
  }
  return bytes;
}

export interface SnapshotReading {
  /** When the snapshot was written. */
  readonly written: Date;
  /**
   * The next chunk: files, or title makings; undefined at the end. Throws when a chunk is cut
   * short, does not match its checksum or is not in this format (`isSnapshotError`): the chunks
   * read before it hold.
   */
  next(): SnapshotChunk | undefined;
  close(): void;
}

export const isSnapshotError = (error: unknown): error is Error => error instanceof SnapshotError;

/**
 * Opens the snapshot at `file` for reading when it was written for `key`; undefined when there is
 * none; a reason, in words, when there is one that cannot be used.
 */
export function openSnapshot(file: string, key: string): SnapshotReading | string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return (error as Error).message;
  }
  try {
    const size = fstatSync(fd).size;
    const start = readExactly(fd, Math.min(size, MAGIC.length + MAX_HEADER), 0);
    const newline = start.indexOf(0x0a, MAGIC.length);
    if (start.toString('latin1', 0, MAGIC.length) !== MAGIC || newline === -1) throw new SnapshotError('it is not a readout index snapshot');
    const header = JSON.parse(start.toString('utf8', MAGIC.length, newline)) as Partial<Header>;
    if (header.format !== FORMAT) throw new SnapshotError(`it is of another format (${String(header.format)})`);
    if (header.key !== key) throw new SnapshotError('it was made with other settings, folders or version');
    let at = newline + 1;
    const share = createSharing();
    const reading: SnapshotReading = {
      written: new Date(Number(header.written)),
      next() {
        if (at >= size) return undefined;
        const prefix = readExactly(fd, 8, at);
        const length = prefix.readUInt32BE(0);
        const checksum = prefix.readUInt32BE(4);
        if (length > MAX_CHUNK) throw new SnapshotError('a chunk is larger than any this version writes');
        const bytes = readExactly(fd, length, at + 8);
        if (crc32(bytes) !== checksum) throw new SnapshotError('a chunk does not match its checksum');
        at += 8 + length;
        return decode(bytes, share);
      },
      close: () => closeSync(fd),
    };
    return reading;
  } catch (error) {
    closeSync(fd);
    if (error instanceof SnapshotError || error instanceof SyntaxError) return error.message;
    throw error;
  }
}

export interface SnapshotWriting {
  /** Writes a chunk of records; those whose files were written within RACY_MS of now are left out. */
  add(records: readonly SnapshotRecord[]): void;
  /** Writes a chunk of title makings (at most 2^16 titles): written before the records, they are read before them. */
  addTitles(makings: TitleMakings): void;
  /** Puts the snapshot in place of the one before (a rename: a reader sees one or the other, whole). */
  commit(): void;
  /** Drops what was written. */
  abort(): void;
}

/** Starts writing a snapshot for `key` to a file beside `file` that `commit` renames to it. */
export function writeSnapshot(file: string, key: string, now: () => number = Date.now): SnapshotWriting {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  let open = true;
  const finish = () => {
    if (open) closeSync(fd);
    open = false;
  };
  try {
    writeSync(fd, `${MAGIC}${JSON.stringify({ format: FORMAT, key, written: now() } satisfies Header)}\n`);
  } catch (error) {
    finish();
    rmSync(temporary, { force: true });
    throw error;
  }
  const writeChunk = (bytes: Buffer) => {
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32BE(bytes.length, 0);
    prefix.writeUInt32BE(crc32(bytes), 4);
    writeSync(fd, prefix);
    writeSync(fd, bytes);
  };
  return {
    add(records) {
      const settled = now() - RACY_MS;
      const kept = records.filter((record) => stampTime(record.stamp) < settled);
      if (kept.length > 0) writeChunk(encodeRecords(kept));
    },
    addTitles(makings) {
      if (makings.titles.length > 0) writeChunk(v8.serialize({ titles: makings } satisfies ChunkColumns));
    },
    commit() {
      finish();
      renameSync(temporary, file);
    },
    abort() {
      finish();
      rmSync(temporary, { force: true });
    },
  };
}
