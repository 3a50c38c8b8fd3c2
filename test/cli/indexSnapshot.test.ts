// The index snapshot's file (server/src/node/indexSnapshot.ts): what is written is read back as it
// was, chunk by chunk; files written too recently are left out; a damaged chunk is never trusted.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { ReadoutEntry } from '../../server/src/core/readoutEntry';
import { createTitleTable, type MadeTitle } from '../../server/src/core/titleTable';
import { KEY_INTS, SUMMARY_INTS } from '../../server/src/core/titleSignature';
import { uriKey } from '../../server/src/core/uriKey';
import { openSnapshot, writeSnapshot, type RestoredFiles, type SnapshotReading, type SnapshotRecord } from '../../server/src/node/indexSnapshot';
import { RACY_MS } from '../../server/src/node/regularFile';

const folder = mkdtempSync(path.join(os.tmpdir(), 'readout-snapshot-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const NOW = 1_800_000_000_000;
/** A stamp (fileStamp's form) of a file last written `ago` ms before NOW. */
const stampAgo = (ago: number) => `7:120:${(NOW - ago) * 1000}:${(NOW - ago) * 1000}`;
const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

function entry(n: number): ReadoutEntry {
  // Now and then a uri that is not all ASCII (a client's own, not encoded).
  const uri = `file:///archive/2023/${n % 3}/${n % 9 === 4 ? 'résumé' : 'readout'}-${n}.md`;
  // Now and then a value past the columns a range's key holds, and a tag at other columns than most.
  const far = n % 11 === 3 ? 5000 : 0;
  return {
    uri,
    title: { value: `Readout ${n} — “quoted”, 𝔘nicode`, range: at(5, 7, 40 + far) },
    tags: n % 2 ? [{ value: 'readouts', range: at(4, 6 + far, 14 + far) }, { value: n % 3 ? 'statements-releases' : 'readouts', range: at(4, 16, 35) }] : [],
    sourceUrl: n % 5 ? { value: `https://example.gov/${n}/`, range: at(3, 12, 40) } : undefined,
    date: n % 13 ? { value: '2023-03-01', range: at(1, 6, 18) } : undefined,
    publishedTime: n % 4 === 1 ? { value: `2023-03-01T0${n % 10}:00:00-05:00`, range: at(2, 16, 41) } : undefined,
  };
}

function recordsOf(count: number): SnapshotRecord[] {
  return Array.from({ length: count }, (_, n) => n % 7 === 6
    ? { uri: `file:///archive/notes/page-${n}.md`, identity: '', stamp: stampAgo(60_000), entry: undefined }
    : { uri: entry(n).uri, identity: `1:${n}`, stamp: stampAgo(60_000), entry: entry(n) });
}

/** The records of files as read, their entries' values read into plain objects. */
/** The records of a chunk read, each uri's key checked to be the one it kept (which the index looks it up by). */
function recordsRead(files: RestoredFiles): SnapshotRecord[] {
  assert.deepEqual(Array.from(files.uriKeys), files.uris.map(uriKey));
  return files.uris.map((uri, at) => {
    const entry = files.entries[at];
    const plain = entry && { uri: entry.uri, title: entry.title, tags: entry.tags, sourceUrl: entry.sourceUrl, date: entry.date, publishedTime: entry.publishedTime };
    return { uri, identity: files.identity(at), stamp: files.stamp(at), entry: plain };
  });
}

function readAll(reading: SnapshotReading): SnapshotRecord[] {
  const records: SnapshotRecord[] = [];
  for (let files = reading.next(); files; files = reading.next()) records.push(...recordsRead(files));
  reading.close();
  return records;
}

/** What a title table that holds none of the titles makes of them. */
const makingsOf = (titles: readonly string[]) => createTitleTable().makingsOf(titles);

function written(file: string, chunks: readonly SnapshotRecord[][], key = 'key'): void {
  const writer = writeSnapshot(file, key, makingsOf, () => NOW);
  chunks.forEach((chunk) => writer.add(chunk));
  writer.commit([]);
}

test('records are read back as they were written, chunk after chunk', () => {
  const file = path.join(folder, 'round-trip', 'index.snapshot');
  const records = recordsOf(50);
  written(file, [records.slice(0, 20), records.slice(20)]);
  const reading = openSnapshot(file, 'key');
  assert.ok(reading && typeof reading !== 'string');
  assert.equal(reading.written.getTime(), NOW);
  assert.deepEqual(readAll(reading), records);
});

test("a readout read back tells whether it followed the archive's layout, its source_url's key, and which source_url it has without making it a string", () => {
  const file = path.join(folder, 'layout-and-urls.snapshot');
  const records = recordsOf(40).map((record, n) => (record.entry ? { ...record, followsLayout: n % 3 === 0 } : record));
  written(file, [records]);
  const reading = openSnapshot(file, 'key');
  assert.ok(reading && typeof reading !== 'string');
  const files = reading.next()!;
  files.entries.forEach((read, at) => {
    assert.equal(read?.followsLayout, records[at].entry && records[at].followsLayout);
    const url = records[at].entry?.sourceUrl?.value;
    assert.equal(read?.sourceUrlKey, url === undefined ? undefined : uriKey(url));
    // Its own URL; one of the same length; one a byte shorter; another readout's.
    if (url !== undefined) assert.deepEqual([url, url.replace(/\d/, 'x'), url.slice(0, -1), 'https://example.gov/2/'].map((other) => files.sourceUrlTest(other)(at)), [true, false, false, url === 'https://example.gov/2/']);
    else assert.equal(files.sourceUrlTest('https://example.gov/5/')(at), false);
  });
  reading.close();
});

test('each title is written once, with what the title table made of it, and a readout read tells where', () => {
  const file = path.join(folder, 'titles.snapshot');
  const table = createTitleTable();
  const records = recordsOf(30);
  // Titles shared by several readouts, across chunks.
  const shared = records.map((record, n) => (record.entry && n % 3 === 0 ? { ...record, entry: { ...record.entry, title: { value: `Readout ${n % 4}`, range: at(5, 7, 16) } } } : record));
  shared.forEach((record) => record.entry && table.link(record.entry));
  table.signSome(5);
  table.slugSome(3);
  const writer = writeSnapshot(file, 'key', (titles) => table.makingsOf(titles), () => NOW);
  writer.add(shared.slice(0, 10));
  writer.add(shared.slice(10));
  writer.commit([]);
  const reading = openSnapshot(file, 'key');
  assert.ok(reading && typeof reading !== 'string');
  const entries = [reading.next()!, reading.next()!].flatMap((files) => files.entries.filter((entry) => entry !== undefined));
  assert.equal(reading.next(), undefined);
  const madeOf = new Map<string, MadeTitle>();
  for (const entry of entries) {
    const made: MadeTitle = reading.madeTitle(entry)!;
    const title = entry.title!.value;
    assert.equal(made.makings.titles[made.at], title);
    // Once per title: a readout of a later chunk is pointed to the makings written with the first.
    if (madeOf.has(title)) assert.equal(made, madeOf.get(title));
    madeOf.set(title, made);
    const expected = table.makingsOf([title]);
    assert.equal(made.makings.searches[made.at], expected.searches[0]);
    assert.equal(made.makings.slugHashes[made.at], expected.slugHashes[0]);
    assert.deepEqual(made.makings.signatures.keys.slice(made.at * KEY_INTS, (made.at + 1) * KEY_INTS), expected.signatures.keys);
    assert.deepEqual(made.makings.signatures.summary.slice(made.at * SUMMARY_INTS, (made.at + 1) * SUMMARY_INTS), expected.signatures.summary);
  }
  assert.equal(reading.madeTitle(shared[1].entry!), undefined, 'a readout not read from it');
  reading.close();
});

test('a snapshot of many megabytes, read in blocks, gives back every record and every title\'s makings as written', () => {
  const file = path.join(folder, 'blocks.snapshot');
  const records = recordsOf(24_000);
  const table = createTitleTable();
  records.forEach((record) => record.entry && table.link(record.entry));
  table.signSome(Infinity);
  table.slugSome(Infinity);
  const writer = writeSnapshot(file, 'key', (titles) => table.makingsOf(titles), () => NOW);
  for (let from = 0; from < records.length; from += 1000) writer.add(records.slice(from, from + 1000));
  writer.commit([]);
  // Past the reader's block of 4 MiB, so that its buffer is read into again and again.
  const size = readFileSync(file).length;
  assert.ok(size > 2 * 4 * 1024 * 1024, `a snapshot of ${size} bytes`);
  const reading = openSnapshot(file, 'key');
  assert.ok(reading && typeof reading !== 'string');
  const entries: ReadoutEntry[] = [];
  const read: SnapshotRecord[] = [];
  for (let files = reading.next(); files; files = reading.next()) {
    read.push(...recordsRead(files));
    entries.push(...files.entries.filter((entry) => entry !== undefined));
  }
  assert.deepEqual(read, records);
  // Read once the whole file was: what a chunk read kept is its own, not the reader's buffer.
  for (const entry of entries) {
    const made: MadeTitle = reading.madeTitle(entry)!;
    const expected = table.makingsOf([entry.title!.value]);
    assert.equal(made.makings.searches[made.at], expected.searches[0]);
    assert.equal(made.makings.slugHashes[made.at], expected.slugHashes[0]);
    assert.deepEqual(made.makings.signatures.keys.slice(made.at * KEY_INTS, (made.at + 1) * KEY_INTS), expected.signatures.keys);
  }
  reading.close();
});

test('the use order is read back once the reading ends, of the titles written only', () => {
  const file = path.join(folder, 'use-order.snapshot');
  const records = recordsOf(12);
  const titles = records.flatMap((record) => record.entry?.title?.value ?? []);
  const writer = writeSnapshot(file, 'key', makingsOf, () => NOW);
  writer.add(records.slice(0, 6));
  writer.add(records.slice(6));
  writer.commit(['A title no readout written has', ...[...titles].reverse()]);
  const reading = openSnapshot(file, 'key');
  assert.ok(reading && typeof reading !== 'string');
  assert.equal(readAll(reading).length, 12);
  assert.deepEqual(reading.useOrder()?.map((made) => made.makings.titles[made.at]), [...titles].reverse());
});

test('a chunk of titles whose columns do not fit its titles is not trusted', () => {
  const file = path.join(folder, 'misfit-titles.snapshot');
  const table = createTitleTable();
  const writer = writeSnapshot(file, 'key', (titles) => ({ ...table.makingsOf(titles), slugHashes: new Int32Array(0) }), () => NOW);
  writer.add(recordsOf(3));
  writer.commit([]);
  const reading = openSnapshot(file, 'key');
  assert.ok(reading && typeof reading !== 'string');
  assert.throws(() => reading.next(), /a chunk of titles is not one this version writes/);
  reading.close();
});

test('a file written within RACY_MS of the save is left out', () => {
  const file = path.join(folder, 'racy.snapshot');
  const [settled, recent] = recordsOf(2);
  written(file, [[settled, { ...recent, stamp: stampAgo(RACY_MS - 1) }]]);
  const reading = openSnapshot(file, 'key');
  assert.ok(reading && typeof reading !== 'string');
  assert.deepEqual(readAll(reading).map((record) => record.uri), [settled.uri]);
});

test('no snapshot is undefined; one of another key, or not one, says why', () => {
  const file = path.join(folder, 'keyed.snapshot');
  assert.equal(openSnapshot(file, 'key'), undefined);
  written(file, [recordsOf(3)]);
  assert.equal(openSnapshot(file, 'other'), 'it was made with other settings, folders or version');
  writeFileSync(file, '{"format":1}\n');
  assert.equal(openSnapshot(file, 'key'), 'it is not a readout index snapshot');
});

test('a chunk that does not match its checksum ends the reading; the chunks before it hold', () => {
  const file = path.join(folder, 'damaged.snapshot');
  const records = recordsOf(20);
  written(file, [records.slice(0, 10), records.slice(10)]);
  const bytes = readFileSync(file);
  bytes[bytes.length - 5] ^= 0xff;
  writeFileSync(file, bytes);
  const reading = openSnapshot(file, 'key');
  assert.ok(reading && typeof reading !== 'string');
  assert.deepEqual(recordsRead(reading.next()!), records.slice(0, 10));
  assert.throws(() => reading.next(), /a chunk does not match its checksum/);
  reading.close();
});

test('an abandoned save leaves the snapshot before it in place', () => {
  const file = path.join(folder, 'kept.snapshot');
  written(file, [recordsOf(4)]);
  const before = readFileSync(file);
  const writer = writeSnapshot(file, 'key', makingsOf, () => NOW);
  writer.add(recordsOf(9));
  writer.abort();
  assert.deepEqual(readFileSync(file), before);
});
