// duplicate-source-url's groups: the files sharing a source_url, found by hashes of the URLs and
// told apart by the URLs themselves when two differ under one hash.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FileReport } from '../../server/src/cli/report';
import { filesSharingUrls, hashUrl } from '../../server/src/cli/sharedUrls';

const report = (sourceUrl?: string, urlHash?: number): FileReport => ({ isReadout: true, diagnostics: [], fixed: false, ...(sourceUrl === undefined ? {} : { sourceUrl }), ...(urlHash === undefined ? {} : { urlHash }) });

describe('filesSharingUrls', () => {
  test('hashUrl is FNV-1a of 32 bits', () => {
    assert.equal(hashUrl(''), 0x811c9dc5);
    assert.equal(hashUrl('a'), 0xe40c292c);
    assert.equal(hashUrl('foobar'), 0xbf9cf968);
  });

  test('a group per shared URL, each in the files\' order, the groups by their first files; files without one or with their own are in none', () => {
    const reports = [report('https://x/b'), report(), report('https://x/a'), report('https://x/b'), report('https://x/c'), report('https://x/a'), report('https://x/b')];
    assert.deepEqual(filesSharingUrls(reports), [[0, 3, 6], [2, 5]]);
  });

  test('a hash the cache kept is taken as the URL\'s: a cached file and a file read now share a URL', () => {
    const url = 'https://www.whitehouse.gov/briefing-room/statements-releases/2023/02/01/readout/';
    assert.deepEqual(filesSharingUrls([report(url, hashUrl(url)), report(url)]), [[0, 1]]);
  });

  test('past 2^21 files (the hash then gives up bits to the place): files far apart share a URL, URLs whose hashes differ in the bits given up are told apart', () => {
    const none = report();
    const reports = Array.from({ length: 2 ** 21 + 5 }, () => none);
    reports[1] = report('https://x/shared');
    reports[2 ** 21 + 3] = report('https://x/shared');
    reports[5] = report('https://x/six', 6);
    reports[2 ** 21 + 1] = report('https://x/seven', 7);
    assert.deepEqual(filesSharingUrls(reports), [[1, 2 ** 21 + 3]]);
  });

  test('URLs that differ under one hash are told apart', () => {
    const reports = [report('https://x/a', 7), report('https://x/b', 7), report('https://x/a', 7), report('https://x/c', 7)];
    assert.deepEqual(filesSharingUrls(reports), [[0, 2]]);
  });
});
