// The workspace index kept on disk between sessions, so that the next start is warm: for each
// listed file its stamp (regularFile.ts, fileStamp), and for a readout its index entry. The server
// restores it at once, then stats every file and reads only those whose stamp is not the one kept:
// a kept entry is never trusted over its file. The file is chunks of a thousand or so files, each
// written and read in a step of its own (the server answers requests between them) and each with a
// checksum: a chunk that does not check out ends the reading, and the scan reads what it held.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { crc32 } from 'node:zlib';
import type { LineRange } from '../core/lineIndex';
import type { IndexedValue, ReadoutEntry } from '../core/readoutEntry';
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
const FORMAT = 1;
/** A header line or a chunk longer than these is not one this module wrote. */
const MAX_HEADER = 64 * 1024;
const MAX_CHUNK = 64 * 1024 * 1024;

/** Bits of a record's kind: a readout, and which of its values it has. */
const READOUT = 1;
const TITLE = 2;
const SOURCE_URL = 4;
const DATE = 8;
const PUBLISHED = 16;

/** A chunk as written: columns, so that the numbers are typed arrays and each string is written once. */
interface Chunk {
  readonly folders: string[];
  readonly folderOf: Uint32Array;
  readonly names: string[];
  readonly identities: string[];
  readonly stamps: string[];
  readonly kinds: Uint8Array;
  readonly tagCounts: Uint32Array;
  readonly values: string[];
  /** Four numbers per value: start line and character, end line and character. */
  readonly ranges: Uint32Array;
}

function encode(records: readonly SnapshotRecord[]): Buffer {
  const folders: string[] = [];
  const folderIndex = new Map<string, number>();
  const folderOf = new Uint32Array(records.length);
  const names: string[] = [];
  const kinds = new Uint8Array(records.length);
  const tagCounts = new Uint32Array(records.length);
  const values: string[] = [];
  const ranges: number[] = [];
  const put = (value: IndexedValue | undefined, bit: number) => {
    if (!value) return 0;
    values.push(value.value);
    ranges.push(value.range.start.line, value.range.start.character, value.range.end.line, value.range.end.character);
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
    kinds[at] = READOUT | put(entry.title, TITLE) | put(entry.sourceUrl, SOURCE_URL) | put(entry.date, DATE) | put(entry.publishedTime, PUBLISHED);
    tagCounts[at] = entry.tags.length;
    for (const tag of entry.tags) put(tag, 0);
  });
  const chunk: Chunk = {
    folders, folderOf, names, kinds, tagCounts, values,
    identities: records.map((record) => record.identity),
    stamps: records.map((record) => record.stamp),
    ranges: Uint32Array.from(ranges),
  };
  return v8.serialize(chunk);
}

class SnapshotError extends Error {}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The chunk's columns, each checked to be what `encode` writes: a checksum that matches does not make a file ours. */
function columns(value: unknown): Chunk {
  const chunk = value as Partial<Chunk> | null;
  const count = chunk?.names?.length ?? -1;
  const sized = (array: unknown, type: typeof Uint8Array | typeof Uint32Array) => array instanceof type && array.length === count;
  if (!chunk || !isStrings(chunk.names) || !isStrings(chunk.folders) || !isStrings(chunk.identities) || !isStrings(chunk.stamps) || !isStrings(chunk.values)
    || chunk.identities.length !== count || chunk.stamps.length !== count || !sized(chunk.folderOf, Uint32Array) || !sized(chunk.kinds, Uint8Array)
    || !sized(chunk.tagCounts, Uint32Array) || !(chunk.ranges instanceof Uint32Array) || chunk.ranges.length !== chunk.values.length * 4) {
    throw new SnapshotError('a chunk is not one this version writes');
  }
  return chunk as Chunk;
}

/**
 * The records of a chunk. Ranges and the values many readouts share (tags, dates) are made once
 * for the whole reading by `share`, as the scan shares them.
 */
function decode(bytes: Buffer, share: Sharing): SnapshotRecord[] {
  const chunk = columns(v8.deserialize(bytes));
  let next = 0;
  const take = (shared: boolean): IndexedValue => {
    if (next >= chunk.values.length) throw new SnapshotError('a chunk has fewer values than its readouts');
    const at = next++ * 4;
    const { ranges } = chunk;
    const range = share.range(ranges[at], ranges[at + 1], ranges[at + 2], ranges[at + 3]);
    return { value: shared ? share.text(chunk.values[at / 4]) : chunk.values[at / 4], range };
  };
  const records = chunk.names.map((name, at): SnapshotRecord => {
    const folder = chunk.folders[chunk.folderOf[at]];
    if (folder === undefined) throw new SnapshotError('a file of a chunk has no folder');
    const uri = folder + name;
    const kind = chunk.kinds[at];
    const identity = chunk.identities[at];
    const stamp = chunk.stamps[at];
    if (!(kind & READOUT)) return { uri, identity, stamp, entry: undefined };
    const title = kind & TITLE ? take(false) : undefined;
    const sourceUrl = kind & SOURCE_URL ? take(false) : undefined;
    const date = kind & DATE ? take(true) : undefined;
    const publishedTime = kind & PUBLISHED ? take(false) : undefined;
    const tags: IndexedValue[] = [];
    for (let tag = 0; tag < chunk.tagCounts[at]; tag++) tags.push(take(true));
    return { uri, identity, stamp, entry: { uri, title, tags, sourceUrl, date, publishedTime } };
  });
  if (next !== chunk.values.length) throw new SnapshotError('a chunk has more values than its readouts');
  return records;
}

/** What a snapshot shares across its chunks. */
interface Sharing {
  range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): LineRange;
  text(value: string): string;
}

function createSharing(): Sharing {
  const ranges = new Map<string, LineRange>();
  const texts = new Map<string, string>();
  return {
    range(startLine, startCharacter, endLine, endCharacter) {
      const key = `${startLine}:${startCharacter}:${endLine}:${endCharacter}`;
      let range = ranges.get(key);
      if (!range) ranges.set(key, (range = { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } }));
      return range;
    },
    text(value) {
      let known = texts.get(value);
      if (known === undefined) texts.set((known = value), known);
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
   * The records of the next chunk; undefined at the end. Throws when a chunk is cut short, does
   * not match its checksum or is not in this format (`isSnapshotError`): the records read before it hold.
   */
  next(): SnapshotRecord[] | undefined;
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
  return {
    add(records) {
      const settled = now() - RACY_MS;
      const kept = records.filter((record) => stampTime(record.stamp) < settled);
      if (kept.length === 0) return;
      const bytes = encode(kept);
      const prefix = Buffer.alloc(8);
      prefix.writeUInt32BE(bytes.length, 0);
      prefix.writeUInt32BE(crc32(bytes), 4);
      writeSync(fd, prefix);
      writeSync(fd, bytes);
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
