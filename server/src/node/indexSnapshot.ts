// The workspace index kept on disk between sessions, so that the next start is warm: for each
// listed file its stamp (regularFile.ts, fileStamp) and its uri's key (uriKey.ts, what the index
// looks it up by), and for a readout its index entry. The server restores it at once, then stats
// every file and reads only those whose stamp is not the one kept: a kept entry is never trusted
// over its file. Each title is written once, before the first chunk
// of files holding it, with what the title table made of it (TitleMakings), which the restore
// reuses instead of making again: a function of the title alone, never a fact about a file. The
// file is chunks of about a thousand files or titles, each written and read in a step of its own (the
// server answers requests between them) and each with a checksum: a chunk that does not check out
// ends the reading, and the scan reads what it held.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { crc32 } from 'node:zlib';
import { rangeKey, type LineRange } from '../core/lineIndex';
import type { IndexedValue, ReadoutEntry } from '../core/readoutEntry';
import { titleMakingsFit, type MadeTitle, type TitleMakings } from '../core/titleTable';
import { uriKey } from '../core/uriKey';
import { RACY_MS, stampTime } from './regularFile';

/** One listed file as the index last saw it on disk. */
export interface SnapshotRecord {
  readonly uri: string;
  readonly identity: string;
  readonly stamp: string;
  /** Its index entry; undefined for a file that is not a readout (the scan need not read it again either). */
  readonly entry: ReadoutEntry | undefined;
  /** For a readout, whether it follows the archive's layout (WorkspaceIndex.followsLayout), which its restored entry tells. */
  readonly followsLayout?: boolean;
}

const MAGIC = 'readout index snapshot\n';
/** Changed whenever what is written changes: a snapshot of another format is not read. */
const FORMAT = 5;
/** A header line or a chunk longer than these is not one this module wrote. */
const MAX_HEADER = 64 * 1024;
const MAX_CHUNK = 64 * 1024 * 1024;

/** Bits of a record's kind: a readout, and which of its values it has. */
const READOUT = 1;
const TITLE = 2;
const SOURCE_URL = 4;
const DATE = 8;
const PUBLISHED = 16;
const FOLLOWS_LAYOUT = 32;

/**
 * A chunk of records as written: columns, so that the numbers are typed arrays and each string is
 * written once. A readout's title is one of the snapshot's titles (`titleOf`, a place among the
 * titles of the chunks of titles before), its range in `titleRanges`; its own values (source_url,
 * published_time) are in `values`, in its order; the texts many readouts share (a date, tags) are
 * in `common`, once per chunk, and `commonOf` places each shared value of the readouts in it.
 */
interface RecordColumns {
  readonly uris: PackedTexts;
  /** Each uri's uriKey, which the index looks it up by; each readout's source_url's (0 without one), which it links readouts sharing a URL by. */
  readonly uriKeys: Uint32Array;
  readonly urlKeys: Uint32Array;
  readonly identities: PackedTexts;
  readonly stamps: PackedTexts;
  readonly kinds: Uint8Array;
  readonly tagCounts: Uint32Array;
  /** Per file: the place of its title among the snapshot's titles (0 when it has none), and four numbers of its range. */
  readonly titleOf: Uint32Array;
  readonly titleRanges: Uint32Array;
  readonly values: PackedTexts;
  /** Four numbers per value: start line and character, end line and character. */
  readonly valueRanges: Uint32Array;
  readonly common: string[];
  readonly commonOf: Uint32Array;
  readonly commonRanges: Uint32Array;
}

/**
 * A chunk as written: records; the titles first held by the records of the chunk after it, with
 * what the title table made of them; or, last, the titles' use order, by their places.
 */
type ChunkColumns = { readonly records: RecordColumns } | { readonly titles: TitleMakings } | { readonly useOrder: Uint32Array };

/**
 * The files of a chunk as read: at each place, a file's uri, identity and stamp, and its entry
 * when it is a readout. The identities and stamps are made when asked for (the scan settles them
 * after the restore).
 */
export interface RestoredFiles {
  readonly uris: readonly string[];
  /** Each uri's uriKey (WorkspaceIndex.add), as kept. */
  readonly uriKeys: ArrayLike<number>;
  identity(at: number): string;
  stamp(at: number): string;
  readonly entries: readonly (ReadoutEntry | undefined)[];
  /** A test of whether the readout at a place has this source_url: its kept bytes compared, not each URL made a string. */
  sourceUrlTest(url: string): (at: number) => boolean;
}

/**
 * Texts one after another in UTF-8, and where each ends: a buffer outside the heap where a string
 * each was 600,000 strings that a warm start's collections copied, before any was needed.
 */
interface PackedTexts {
  readonly bytes: Buffer;
  readonly ends: Uint32Array;
}

function pack(texts: readonly string[]): PackedTexts {
  const ends = new Uint32Array(texts.length);
  let end = 0;
  texts.forEach((text, at) => (ends[at] = end += Buffer.byteLength(text)));
  return { bytes: Buffer.from(texts.join('')), ends };
}

const unpack = ({ bytes, ends }: PackedTexts, at: number) => bytes.toString('utf8', at === 0 ? 0 : ends[at - 1], ends[at]);

/** Whether `value` is packed texts, `count` of them if given, each ending after the one before and the last at the end of the bytes. */
function isPacked(value: unknown, count?: number): value is PackedTexts {
  const packed = value as Partial<PackedTexts> | null;
  const ends = packed?.ends;
  if (!packed || !Buffer.isBuffer(packed.bytes) || !(ends instanceof Uint32Array) || (count !== undefined && ends.length !== count)) return false;
  for (let at = 1; at < ends.length; at++) if (ends[at] < ends[at - 1]) return false;
  return (ends.length === 0 ? 0 : ends[ends.length - 1]) === packed.bytes.length;
}

/** A copy of its own: a buffer or typed array read from a chunk is a view of the chunk's bytes, which the next chunk overwrites. */
const detach = ({ bytes, ends }: PackedTexts): PackedTexts => ({ bytes: Buffer.from(bytes), ends: ends.slice() });

function encodeRecords(records: readonly SnapshotRecord[], titleIndex: ReadonlyMap<string, number>): RecordColumns {
  const kinds = new Uint8Array(records.length);
  const tagCounts = new Uint32Array(records.length);
  const titleOf = new Uint32Array(records.length);
  const titleRanges = new Uint32Array(4 * records.length);
  const values: string[] = [];
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
      valueRanges.push(start.line, start.character, end.line, end.character);
    }
    return bit;
  };
  records.forEach((record, at) => {
    const { entry } = record;
    if (!entry) return;
    const { title } = entry;
    if (title) {
      titleOf[at] = titleIndex.get(title.value)!;
      titleRanges.set([title.range.start.line, title.range.start.character, title.range.end.line, title.range.end.character], 4 * at);
    }
    kinds[at] = READOUT | (title ? TITLE : 0) | (record.followsLayout ? FOLLOWS_LAYOUT : 0) | put(entry.sourceUrl, SOURCE_URL) | put(entry.publishedTime, PUBLISHED) | put(entry.date, DATE, true);
    const { tags } = entry;
    tagCounts[at] = tags.length;
    for (const tag of tags) put(tag, 0, true);
  });
  return {
    kinds, tagCounts, titleOf, titleRanges, common,
    uris: pack(records.map((record) => record.uri)),
    uriKeys: Uint32Array.from(records, (record) => uriKey(record.uri)),
    urlKeys: Uint32Array.from(records, (record) => (record.entry?.sourceUrl ? uriKey(record.entry.sourceUrl.value) : 0)),
    identities: pack(records.map((record) => record.identity)),
    stamps: pack(records.map((record) => record.stamp)),
    values: pack(values),
    valueRanges: Uint32Array.from(valueRanges),
    commonOf: Uint32Array.from(commonOf),
    commonRanges: Uint32Array.from(commonRanges),
  };
}

class SnapshotError extends Error {}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The chunk's records, each column checked to be what `encodeRecords` writes: a checksum that matches does not make a file ours. */
function recordColumns(value: unknown, titles: number): RecordColumns {
  const chunk = value as Partial<RecordColumns> | null;
  const count = chunk?.kinds?.length ?? -1;
  const sized = (array: unknown, type: typeof Uint8Array | typeof Uint32Array, length = count) => array instanceof type && array.length === length;
  if (!chunk || !(chunk.kinds instanceof Uint8Array) || !isPacked(chunk.uris, count) || !sized(chunk.uriKeys, Uint32Array) || !sized(chunk.urlKeys, Uint32Array) || !isPacked(chunk.identities, count) || !isPacked(chunk.stamps, count)
    || !isPacked(chunk.values) || !isStrings(chunk.common) || !sized(chunk.tagCounts, Uint32Array) || !sized(chunk.titleOf, Uint32Array) || !sized(chunk.titleRanges, Uint32Array, 4 * count)
    || chunk.titleOf!.some((index, at) => index >= titles && (chunk.kinds![at] & TITLE) !== 0) || !sized(chunk.valueRanges, Uint32Array, chunk.values.ends.length * 4)
    || !(chunk.commonOf instanceof Uint32Array) || !sized(chunk.commonRanges, Uint32Array, chunk.commonOf.length * 4) || chunk.commonOf.some((index) => index >= chunk.common!.length)) {
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
  // Copies: the typed arrays read are views of the chunk's bytes, which the next chunk overwrites.
  const { titles, searches, signatures, slugHashes } = makings as TitleMakings;
  return { titles, searches, signatures: { summary: signatures.summary.slice(), keys: signatures.keys.slice() }, slugHashes: slugHashes.slice() };
}

/** The files of a chunk of records; undefined for a chunk of titles or the use order, which `share` takes in. */
function decode(bytes: Buffer, share: Sharing): RestoredFiles | undefined {
  const chunk = v8.deserialize(bytes) as Partial<Record<'records' | 'titles' | 'useOrder', unknown>> | null;
  if (chunk && 'useOrder' in chunk) {
    const order = chunk.useOrder;
    if (!(order instanceof Uint32Array) || order.some((place) => place >= share.titles.length)) throw new SnapshotError('a chunk is not one this version writes');
    share.useOrder = Array.from(order, (place) => share.made[place]);
    return undefined;
  }
  if (chunk && 'titles' in chunk) {
    const makings = titleColumns(chunk.titles);
    makings.titles.forEach((title, at) => {
      share.made.push({ makings, at, place: share.titles.length });
      share.titles.push(title);
    });
    return undefined;
  }
  return decodeRecords(recordColumns(chunk?.records, share.titles.length), share);
}

const bit = (kind: number, which: number) => (kind & which ? 1 : 0);

/** The values of a chunk's readouts, as StoredEntry reads them. */
interface StoredValues {
  /** The snapshot's titles, as read so far. */
  readonly titles: readonly string[];
  readonly titleOf: Uint32Array;
  readonly titleRanges: Uint32Array;
  readonly urlKeys: Uint32Array;
  readonly values: PackedTexts;
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
    /** Its place in the chunk; where its own values start in `values`, and its shared ones in `commonOf`. */
    private readonly at: number,
    private readonly valueAt: number,
    private readonly commonAt: number,
    private readonly tagCount: number,
  ) {}

  /** Where its title's makings are, when it is a readout of the reading that `share` serves. */
  madeTitle(share: Sharing): MadeTitle | undefined {
    return this.kind & TITLE && this.columns.titles === share.titles ? share.made[this.columns.titleOf[this.at]] : undefined;
  }

  private own(at: number): IndexedValue {
    return { value: unpack(this.columns.values, at), range: rangeAt(this.columns.valueRanges, 4 * at) };
  }

  private shared(at: number): IndexedValue {
    const { common, commonOf, commonRanges } = this.columns;
    return common[commonOf[at]].value(commonRanges, 4 * at);
  }

  get title(): IndexedValue | undefined {
    if (!(this.kind & TITLE)) return undefined;
    const { titles, titleOf, titleRanges } = this.columns;
    return { value: titles[titleOf[this.at]], range: rangeAt(titleRanges, 4 * this.at) };
  }

  get sourceUrl(): IndexedValue | undefined {
    return this.kind & SOURCE_URL ? this.own(this.valueAt) : undefined;
  }

  get publishedTime(): IndexedValue | undefined {
    return this.kind & PUBLISHED ? this.own(this.valueAt + bit(this.kind, SOURCE_URL)) : undefined;
  }

  get date(): IndexedValue | undefined {
    return this.kind & DATE ? this.shared(this.commonAt) : undefined;
  }

  /** Whether its source_url is the one `encoded` holds (UTF-8), read without making it a string. */
  hasSourceUrl(encoded: Buffer): boolean {
    if (!(this.kind & SOURCE_URL)) return false;
    const { bytes, ends } = this.columns.values;
    const start = this.valueAt === 0 ? 0 : ends[this.valueAt - 1];
    return ends[this.valueAt] - start === encoded.length && bytes.compare(encoded, 0, encoded.length, start, ends[this.valueAt]) === 0;
  }

  get sourceUrlKey(): number | undefined {
    return this.kind & SOURCE_URL ? this.columns.urlKeys[this.at] : undefined;
  }

  get followsLayout(): boolean {
    return (this.kind & FOLLOWS_LAYOUT) !== 0;
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
  const columns: StoredValues = {
    titles: share.titles,
    titleOf: chunk.titleOf.slice(),
    titleRanges: chunk.titleRanges.slice(),
    urlKeys: chunk.urlKeys.slice(),
    values: detach(chunk.values),
    valueRanges: chunk.valueRanges.slice(),
    common: chunk.common.map((text) => share.text(text)),
    commonOf: chunk.commonOf.slice(),
    commonRanges: chunk.commonRanges.slice(),
  };
  const count = chunk.kinds.length;
  const uris: string[] = new Array(count);
  const entries: (ReadoutEntry | undefined)[] = new Array(count);
  let valueAt = 0;
  let commonAt = 0;
  // The uris as slices of one string, which V8 keeps as references into it, when all are ASCII (a
  // file URI is encoded): 200,000 uris as strings of their own were 34 MB that a warm start's
  // collections copied.
  const allUris = isAscii(chunk.uris.bytes) ? chunk.uris.bytes.toString('latin1') : undefined;
  for (let at = 0; at < count; at++) {
    const uri = allUris !== undefined ? allUris.slice(at === 0 ? 0 : chunk.uris.ends[at - 1], chunk.uris.ends[at]) : unpack(chunk.uris, at);
    const kind = chunk.kinds[at];
    uris[at] = uri;
    if (!(kind & READOUT)) {
      entries[at] = undefined;
      continue;
    }
    const tagCount = chunk.tagCounts[at];
    entries[at] = new StoredEntry(uri, columns, kind, at, valueAt, commonAt, tagCount);
    valueAt += bit(kind, SOURCE_URL) + bit(kind, PUBLISHED);
    commonAt += bit(kind, DATE) + tagCount;
  }
  if (valueAt !== chunk.values.ends.length || commonAt !== chunk.commonOf.length) throw new SnapshotError('a chunk has other values than its readouts');
  const identities = detach(chunk.identities);
  const stamps = detach(chunk.stamps);
  const sourceUrlTest = (url: string) => {
    const encoded = Buffer.from(url);
    return (at: number) => (entries[at] as StoredEntry | undefined)?.hasSourceUrl(encoded) === true;
  };
  return { uris, uriKeys: chunk.uriKeys.slice(), identity: (at) => unpack(identities, at), stamp: (at) => unpack(stamps, at), entries, sourceUrlTest };
}

/** The range whose four numbers (start line and character, end line and character) start at `at` of `ranges`. */
function rangeAt(ranges: Uint32Array, at: number): LineRange {
  return { start: { line: ranges[at], character: ranges[at + 1] }, end: { line: ranges[at + 2], character: ranges[at + 3] } };
}

/** A text many readouts share, kept once for a whole reading, and its values: the same object for the same range. */
interface SharedText {
  value(ranges: Uint32Array, at: number): IndexedValue;
}

/** What a snapshot shares across its chunks. */
interface Sharing {
  /** The titles of the chunks of titles read so far, in order, and where the makings of each are. */
  readonly titles: string[];
  readonly made: MadeTitle[];
  /** The titles' use order as saved, once read. */
  useOrder: MadeTitle[] | undefined;
  text(text: string): SharedText;
}

function createSharing(): Sharing {
  const texts = new Map<string, SharedText>();
  return {
    titles: [],
    made: [],
    useOrder: undefined,
    text(text) {
      let known = texts.get(text);
      if (known) return known;
      const byRange = new Map<number, IndexedValue>();
      known = {
        value(ranges, at) {
          const key = rangeKey(ranges[at], ranges[at + 1], ranges[at + 2], ranges[at + 3]);
          let value = key === undefined ? undefined : byRange.get(key);
          if (!value) {
            value = { value: text, range: rangeAt(ranges, at) };
            if (key !== undefined) byRange.set(key, value);
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

function readExactly(fd: number, length: number, at: number, into = Buffer.allocUnsafe(length)): Buffer {
  let read = 0;
  while (read < length) {
    const got = readSync(fd, into, read, length - read, at + read);
    if (got === 0) throw new SnapshotError('it ends in the middle of a chunk');
    read += got;
  }
  return into.subarray(0, length);
}

/** How much of the file is read at a time: one buffer for many chunks, where a buffer each was 1,500 allocations at 200,000 readouts. */
const BLOCK = 4 * 1024 * 1024;

/**
 * Reads `size` bytes of a file in blocks into one buffer used again and again: what `bytes` gives
 * is valid only until the next call, so what is kept of a chunk is copied out (`detach`).
 */
function createBlockReader(fd: number, size: number) {
  let block = Buffer.allocUnsafe(0);
  let from = 0;
  let held = 0;
  return {
    bytes(at: number, length: number): Buffer {
      if (at < from || at + length > from + held) {
        if (length > block.length) block = Buffer.allocUnsafe(Math.max(length, BLOCK));
        held = Math.min(block.length, size - at);
        if (held < length) throw new SnapshotError('it ends in the middle of a chunk');
        readExactly(fd, held, at, block);
        from = at;
      }
      return block.subarray(at - from, at - from + length);
    },
  };
}

export interface SnapshotReading {
  /** When the snapshot was written. */
  readonly written: Date;
  /**
   * The files of the next chunk of records, the chunks of titles before it taken in; undefined at
   * the end. Throws when a chunk is cut short, does not match its checksum or is not in this format
   * (`isSnapshotError`): the chunks read before it hold.
   */
  next(): RestoredFiles | undefined;
  /** Where the makings of a readout's title are (TitleTable.reuse), for a readout this reading gave. */
  madeTitle(entry: ReadoutEntry): MadeTitle | undefined;
  /** The titles' use order as saved (TitleTable.adoptUseOrder), each by where its makings are, once read to its end. */
  useOrder(): readonly MadeTitle[] | undefined;
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
    const blocks = createBlockReader(fd, size);
    const reading: SnapshotReading = {
      written: new Date(Number(header.written)),
      next() {
        while (at < size) {
          const prefix = blocks.bytes(at, 8);
          const length = prefix.readUInt32BE(0);
          const checksum = prefix.readUInt32BE(4);
          if (length > MAX_CHUNK) throw new SnapshotError('a chunk is larger than any this version writes');
          const bytes = blocks.bytes(at + 8, length);
          if (crc32(bytes) !== checksum) throw new SnapshotError('a chunk does not match its checksum');
          at += 8 + length;
          const files = decode(bytes, share);
          if (files) return files;
        }
        return undefined;
      },
      madeTitle: (entry) => (entry instanceof StoredEntry ? entry.madeTitle(share) : undefined),
      useOrder: () => share.useOrder,
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
  /**
   * Writes a chunk of records, those whose files were written within RACY_MS of now left out,
   * after a chunk of the titles none written before holds, with what `makingsOf` gives for them.
   */
  add(records: readonly SnapshotRecord[]): void;
  /**
   * Writes the titles' use order (TitleTable.byUse), those written, and puts the snapshot in place
   * of the one before (a rename: a reader sees one or the other, whole).
   */
  commit(useOrder: readonly string[]): void;
  /** Drops what was written. */
  abort(): void;
}

/**
 * Starts writing a snapshot for `key` to a file beside `file` that `commit` renames to it; each
 * title's search text, signature and slug are what `makingsOf` gives (the title table's).
 */
export function writeSnapshot(file: string, key: string, makingsOf: (titles: readonly string[]) => TitleMakings, now: () => number = Date.now): SnapshotWriting {
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
  // The place of each title written, in the order written.
  const titleIndex = new Map<string, number>();
  const writeChunk = (chunk: ChunkColumns) => {
    const bytes = v8.serialize(chunk);
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
      if (kept.length === 0) return;
      const fresh = [...new Set(kept.flatMap((record) => (record.entry?.title && !titleIndex.has(record.entry.title.value) ? [record.entry.title.value] : [])))];
      if (fresh.length > 0) {
        writeChunk({ titles: makingsOf(fresh) });
        fresh.forEach((title) => titleIndex.set(title, titleIndex.size));
      }
      writeChunk({ records: encodeRecords(kept, titleIndex) });
    },
    commit(useOrder) {
      const written = useOrder.flatMap((title) => titleIndex.get(title) ?? []);
      if (written.length > 0) writeChunk({ useOrder: Uint32Array.from(written) });
      finish();
      renameSync(temporary, file);
    },
    abort() {
      finish();
      rmSync(temporary, { force: true });
    },
  };
}
