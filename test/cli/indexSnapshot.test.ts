// The index snapshot's file (server/src/node/indexSnapshot.ts): what is written is read back as it
// was, chunk by chunk; files written too recently are left out; a damaged chunk is never trusted.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { ReadoutEntry } from '../../server/src/core/readoutEntry';
import { createTitleTable } from '../../server/src/core/titleTable';
import { openSnapshot, writeSnapshot, type RestoredFiles, type SnapshotReading, type SnapshotRecord } from '../../server/src/node/indexSnapshot';
import { RACY_MS } from '../../server/src/node/regularFile';

const folder = mkdtempSync(path.join(os.tmpdir(), 'readout-snapshot-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const NOW = 1_800_000_000_000;
/** A stamp (fileStamp's form) of a file last written `ago` ms before NOW. */
const stampAgo = (ago: number) => `7:120:${(NOW - ago) * 1000}:${(NOW - ago) * 1000}`;
const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

function entry(n: number): ReadoutEntry {
  const uri = `file:///archive/2023/${n % 3}/readout-${n}.md`;
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
function recordsRead(files: RestoredFiles): SnapshotRecord[] {
  return files.uris.map((uri, at) => {
    const entry = files.entries[at];
    const plain = entry && { uri: entry.uri, title: entry.title, tags: entry.tags, sourceUrl: entry.sourceUrl, date: entry.date, publishedTime: entry.publishedTime };
    return { uri, identity: files.identities[at], stamp: files.stamps[at], entry: plain };
  });
}

function readAll(reading: SnapshotReading): SnapshotRecord[] {
  const records: SnapshotRecord[] = [];
  for (let chunk = reading.next(); chunk; chunk = reading.next()) {
    assert.ok('files' in chunk);
    records.push(...recordsRead(chunk.files));
  }
  reading.close();
  return records;
}

function written(file: string, chunks: readonly SnapshotRecord[][], key = 'key'): void {
  const writer = writeSnapshot(file, key, () => NOW);
  chunks.forEach((chunk) => writer.add(chunk));
  writer.commit();
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

test('title makings are read back as written, before the records written after them', () => {
  const file = path.join(folder, 'titles.snapshot');
  const table = createTitleTable();
  const entries = [entry(1), entry(2), { ...entry(3), title: { value: 'Readout of the President’s Call', range: at(5, 7, 40) } }];
  entries.forEach((readout) => table.link(readout));
  table.signSome(2);
  table.slugSome(1);
  const makings = table.makings(0, 10);
  const writer = writeSnapshot(file, 'key', () => NOW);
  writer.addTitles(makings);
  writer.add(recordsOf(3));
  writer.commit();
  const reading = openSnapshot(file, 'key');
  assert.ok(reading && typeof reading !== 'string');
  assert.deepEqual(reading.next(), { titles: makings });
  assert.deepEqual(readAll(reading), recordsOf(3));
});

test('a chunk of titles whose columns do not fit its titles is not trusted', () => {
  const file = path.join(folder, 'misfit-titles.snapshot');
  const table = createTitleTable();
  [entry(1), entry(2)].forEach((readout) => table.link(readout));
  const makings = table.makings(0, 2);
  const writer = writeSnapshot(file, 'key', () => NOW);
  writer.addTitles({ ...makings, slugHashes: makings.slugHashes.subarray(0, 1) });
  writer.commit();
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
  const first = reading.next();
  assert.ok(first && 'files' in first);
  assert.deepEqual(recordsRead(first.files), records.slice(0, 10));
  assert.throws(() => reading.next(), /a chunk does not match its checksum/);
  reading.close();
});

test('an abandoned save leaves the snapshot before it in place', () => {
  const file = path.join(folder, 'kept.snapshot');
  written(file, [recordsOf(4)]);
  const before = readFileSync(file);
  const writer = writeSnapshot(file, 'key', () => NOW);
  writer.add(recordsOf(9));
  writer.abort();
  assert.deepEqual(readFileSync(file), before);
});
