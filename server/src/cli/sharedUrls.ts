// Which files of a run share a source_url (duplicate-source-url), found by a hash of each URL, in
// numbers sorted, not a map of strings: at 200,000 files a Map by URL took a tenth of a second of a
// cached run, most of it hashing strings the cache had already hashed when it was written.
import type { FileReport } from './report';

/** FNV-1a (32 bits) of the URL's UTF-16 code units: what the cache keeps of each URL. */
export function hashUrl(url: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < url.length; at++) hash = Math.imul(hash ^ url.charCodeAt(at), 0x01000193);
  return hash >>> 0;
}

/**
 * The files that share a source_url with another, a group per URL, each in the files' order, the
 * groups in the order of their first files. A report's `urlHash` is taken as its URL's hash, and
 * says that it has one.
 */
export function filesSharingUrls(reports: readonly FileReport[]): number[][] {
  // A sort key per URL: its hash, then the file's place, in the 53 bits of a double; past 2^21
  // files the hash gives up low bits to the place (more files then share a key's hash).
  const placeBits = Math.max(1, Math.ceil(Math.log2(reports.length + 1)));
  const places = 2 ** placeBits;
  const dropped = 2 ** Math.max(0, placeBits - 21);
  // Hash, then place: equal hashes sort together, in the files' order. A cached report's URL is
  // read from the cache only when its hash is another's.
  const keys = new Float64Array(reports.length);
  let count = 0;
  reports.forEach((report, at) => {
    const hash = report.urlHash ?? (report.sourceUrl === undefined ? undefined : hashUrl(report.sourceUrl));
    if (hash !== undefined) keys[count++] = Math.floor(hash / dropped) * places + at;
  });
  keys.subarray(0, count).sort();
  const groups: number[][] = [];
  for (let from = 0; from < count;) {
    const hash = Math.floor(keys[from] / places);
    let to = from + 1;
    while (to < count && Math.floor(keys[to] / places) === hash) to++;
    if (to - from > 1) {
      // The same hash: the same URL as a rule, but told apart by the URLs themselves.
      const byUrl = new Map<string, number[]>();
      for (let key = from; key < to; key++) {
        const at = keys[key] % places;
        const url = reports[at].sourceUrl!;
        const group = byUrl.get(url);
        if (group) group.push(at);
        else byUrl.set(url, [at]);
      }
      for (const group of byUrl.values()) if (group.length > 1) groups.push(group);
    }
    from = to;
  }
  return groups.sort((a, b) => a[0] - b[0]);
}
