// The number the workspace index looks a uri up by. A saved index keeps each file's, so that a warm
// start's restore gives it back instead of hashing 200,000 uris again: as keys of their own, their
// hashing and lookups took 0.12 s of that restore, which completion and symbols wait for.

/**
 * The same number for the same text: FNV-1a over its UTF-16 code units, two at a time, kept to 30
 * bits so that V8 keeps it as a small integer (a Map looks those up without touching a string).
 * Uris of one archive do share keys now and then (some 20 pairs among 200,000): the index keeps
 * every uri of a key.
 */
export function uriKey(uri: string): number {
  let hash = 0x811c9dc5;
  const pairs = uri.length - (uri.length % 2);
  for (let at = 0; at < pairs; at += 2) hash = Math.imul(hash ^ (uri.charCodeAt(at) | (uri.charCodeAt(at + 1) << 16)), 16777619);
  if (pairs < uri.length) hash = Math.imul(hash ^ uri.charCodeAt(pairs), 16777619);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}
