import type { IndexedValue, ReadoutEntry } from './readoutEntry';
import { createTitleTable, type TitleTable } from './titleTable';
import { uriKey } from './uriKey';

/**
 * Every readout of the workspace, by URI, with the lookups features need kept up to date as
 * entries come and go. The host fills it (a scan, file events, open documents); the core reads it.
 */
export interface WorkspaceIndex {
  readonly size: number;
  set(entry: ReadoutEntry): void;
  /**
   * Sets the entry of a uri the index holds none for (a warm start's restore); false, and nothing
   * done, when it holds one. The layout verdicts entries added bring (ReadoutEntry.followsLayout)
   * are taken as those of the classifier in force, until another is set. Here and below, `key` is
   * the uri's uriKey when the caller holds it (a saved index keeps each file's), else it is made.
   */
  add(entry: ReadoutEntry, key?: number): boolean;
  delete(uri: string, key?: number): boolean;
  get(uri: string, key?: number): ReadoutEntry | undefined;
  entries(): IterableIterator<ReadoutEntry>;
  /** The readouts whose `source_url` is this one. */
  withSourceUrl(url: string): readonly ReadoutEntry[];
  /**
   * Takes up to `count` of the readouts linked since into what `withSourceUrl` reads (which takes
   * them all in when asked), for a host to do while idle; how many are left.
   */
  linkSourceUrls(count: number): number;
  /**
   * How many readouts use each tag: counted when first asked for (tag completion; a warm start's
   * restore or a scan does not wait for 200,000 readouts' tags), then kept up to date.
   */
  tagCounts(): ReadonlyMap<string, number>;
  /**
   * Sorts the readouts by `follows` (whether each sits where the archive's layout puts it): counted
   * when first asked for (a warm start's restore or a scan does not wait for 200,000 of them), then
   * kept up to date as entries come and go; the service sets it, as it knows the URL forms.
   */
  classifyLayout(follows: (entry: ReadoutEntry) => boolean): void;
  /** How many readouts follow the layout, of how many, by the last `classifyLayout`. */
  layoutCounts(): { readonly following: number; readonly readouts: number };
  /** Whether the readout follows the layout, by the last `classifyLayout` (what a host keeps as ReadoutEntry.followsLayout). */
  followsLayout(entry: ReadoutEntry): boolean;
  /** The distinct titles, searchable: made from the entries when first asked for, then kept up to date with them. */
  titles(): TitleTable;
}

export interface WorkspaceIndexOptions {
  /**
   * Keeps the titles searchable from the first entry on, so that the first search after a scan
   * finds them ready (the language server); otherwise they are made when first asked for (the
   * command line never asks).
   */
  readonly titlesFromStart?: boolean;
}

function sameValue(a: IndexedValue | undefined, b: IndexedValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.value === b.value && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character
    && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

function sameEntry(a: ReadoutEntry, b: ReadoutEntry): boolean {
  return sameValue(a.title, b.title) && sameValue(a.sourceUrl, b.sourceUrl) && sameValue(a.date, b.date)
    && sameValue(a.publishedTime, b.publishedTime) && a.tags.length === b.tags.length && a.tags.every((tag, i) => sameValue(tag, b.tags[i]));
}

/** The key its source_url is linked by, undefined when it has none. */
function urlKeyOf(entry: ReadoutEntry): number | undefined {
  if (entry.sourceUrlKey !== undefined) return entry.sourceUrlKey;
  const url = entry.sourceUrl?.value;
  return url === undefined ? undefined : uriKey(url);
}

/** Most readouts have a few tags: their repeats are looked for in the list itself, without a set made for each (200,000 at a warm start). */
const TAGS_WITHOUT_SET = 16;

/** Calls `each` with each tag of the entry once. */
function forEachTag(entry: ReadoutEntry, each: (tag: string) => void): void {
  const { tags } = entry;
  if (tags.length > TAGS_WITHOUT_SET) {
    new Set(tags.map((tag) => tag.value)).forEach(each);
    return;
  }
  for (let at = 0; at < tags.length; at++) {
    const { value } = tags[at];
    let repeated = false;
    for (let before = 0; before < at && !repeated; before++) repeated = tags[before].value === value;
    if (!repeated) each(value);
  }
}

function count(counts: Map<string, number>, tag: string): void {
  counts.set(tag, (counts.get(tag) ?? 0) + 1);
}

function uncount(counts: Map<string, number>, tag: string): void {
  const left = (counts.get(tag) ?? 0) - 1;
  if (left > 0) counts.set(tag, left);
  else counts.delete(tag);
}

export function createWorkspaceIndex(options: WorkspaceIndexOptions = {}): WorkspaceIndex {
  // The entries by their uri's key (uriKey.ts): the entry, or the entries of the uris sharing it.
  const byKey = new Map<number, ReadoutEntry | ReadoutEntry[]>();
  let size = 0;
  let titles = options.titlesFromStart ? createTitleTable() : undefined;
  // By the key of a source_url (uriKey.ts, the entry's own when it has one), the uri of the readout
  // with it, or the uris of several (URLs sharing a key among them: withSourceUrl compares the
  // URLs): a set for each of 200,000 URLs was a fifth of the linking of a warm start's entries,
  // and much of its collection. The
  // entries linked since are taken into it when it is next asked for (`withSourceUrl`), or a few
  // at a time while the host is idle (`linkSourceUrls`): a warm start's 200,000 URLs took a fifth
  // of its restore, which completion and symbols wait for. How many of them are taken in so far.
  const bySourceUrl = new Map<number, string | Set<string>>();
  let urlsToLink: ReadoutEntry[] = [];
  let keysToLink: number[] = [];
  let urlsLinked = 0;
  // Undefined until asked for. Counted as each readout was linked, they were 0.06 to 0.1 s of a
  // warm start's restore at 200,000 readouts (its tags read from the saved index), before any
  // completion could ask.
  let tagCounts: Map<string, number> | undefined;
  let classify: (entry: ReadoutEntry) => boolean = () => false;
  // Which classifier is in force (counts classifyLayout), and under which one the verdicts kept
  // with restored entries came: a later one (the URL forms changed) classifies every entry itself.
  let classifier = 0;
  let keptFor: number | undefined;
  const follows = (entry: ReadoutEntry) => (entry.followsLayout !== undefined && keptFor === classifier ? entry.followsLayout : classify(entry));
  // Undefined until counted.
  let following: number | undefined = 0;

  function find(uri: string, key: number): ReadoutEntry | undefined {
    const held = byKey.get(key);
    if (held === undefined || !Array.isArray(held)) return held?.uri === uri ? held : undefined;
    return held.find((entry) => entry.uri === uri);
  }

  /** Puts the entry in place of the one its uri had, if any. */
  function put(entry: ReadoutEntry, key: number): void {
    const held = byKey.get(key);
    if (held === undefined || (!Array.isArray(held) && held.uri === entry.uri)) {
      if (held === undefined) size++;
      byKey.set(key, entry);
    } else if (!Array.isArray(held)) {
      size++;
      byKey.set(key, [held, entry]);
    } else {
      const at = held.findIndex((other) => other.uri === entry.uri);
      if (at === -1) size++;
      held[at === -1 ? held.length : at] = entry;
    }
  }

  function remove(uri: string, key: number): void {
    const held = byKey.get(key);
    if (!Array.isArray(held)) byKey.delete(key);
    else {
      const left = held.filter((entry) => entry.uri !== uri);
      byKey.set(key, left.length === 1 ? left[0] : left);
    }
    size--;
  }

  function* entries(): IterableIterator<ReadoutEntry> {
    for (const held of byKey.values()) {
      if (Array.isArray(held)) yield* held;
      else yield held;
    }
  }

  function linkUrl(entry: ReadoutEntry): void {
    const url = urlKeyOf(entry);
    if (url === undefined) return;
    const uris = bySourceUrl.get(url);
    if (uris === undefined) bySourceUrl.set(url, entry.uri);
    else if (typeof uris === 'object') uris.add(entry.uri);
    else if (uris !== entry.uri) bySourceUrl.set(url, new Set([uris, entry.uri]));
  }

  /** Takes up to `count` of the entries linked since into bySourceUrl; how many are left. */
  function linkPendingUrls(count = Infinity): number {
    const end = Math.min(urlsToLink.length, urlsLinked + count);
    for (; urlsLinked < end; urlsLinked++) {
      const entry = urlsToLink[urlsLinked];
      // Not one replaced or deleted since: its unlink found it not taken in, and left the lookup as it was.
      if (find(entry.uri, keysToLink[urlsLinked]) === entry) linkUrl(entry);
    }
    const left = urlsToLink.length - urlsLinked;
    if (left === 0) {
      urlsToLink = [];
      keysToLink = [];
      urlsLinked = 0;
    }
    return left;
  }

  function unlink(entry: ReadoutEntry): void {
    const url = urlKeyOf(entry);
    const uris = url === undefined ? undefined : bySourceUrl.get(url);
    if (uris === entry.uri) bySourceUrl.delete(url!);
    else if (typeof uris === 'object' && uris.delete(entry.uri) && uris.size === 1) bySourceUrl.set(url!, uris.values().next().value!);
    if (following !== undefined && follows(entry)) following--;
    titles?.unlink(entry);
    if (tagCounts) forEachTag(entry, (tag) => uncount(tagCounts!, tag));
  }

  function link(entry: ReadoutEntry, key: number): void {
    // Edits that nothing asks the URLs of (a readout without one, typed in for hours) leave entries
    // replaced since among those to take in: taken in past twice the index, they stay bounded.
    if (urlsToLink.length > 2 * size + 1024) linkPendingUrls();
    urlsToLink.push(entry);
    keysToLink.push(key);
    if (tagCounts) forEachTag(entry, (tag) => count(tagCounts!, tag));
    if (following !== undefined && follows(entry)) following++;
    titles?.link(entry);
  }

  return Object.freeze({
    get size() {
      return size;
    },
    set(entry: ReadoutEntry) {
      const key = uriKey(entry.uri);
      const previous = find(entry.uri, key);
      // An edit outside the indexed fields (most keystrokes, in the body) changes nothing here.
      if (previous && sameEntry(previous, entry)) return;
      if (previous) unlink(previous);
      put(entry, key);
      link(entry, key);
    },
    add(entry: ReadoutEntry, key = uriKey(entry.uri)) {
      if (find(entry.uri, key)) return false;
      if (entry.followsLayout !== undefined) keptFor ??= classifier;
      put(entry, key);
      link(entry, key);
      return true;
    },
    delete(uri: string, key = uriKey(uri)) {
      const previous = find(uri, key);
      if (!previous) return false;
      unlink(previous);
      remove(uri, key);
      return true;
    },
    get: (uri: string, key = uriKey(uri)) => find(uri, key),
    entries,
    withSourceUrl(url: string) {
      linkPendingUrls();
      const uris = bySourceUrl.get(uriKey(url));
      if (uris === undefined) return [];
      const held = typeof uris === 'string' ? [find(uris, uriKey(uris))!] : [...uris].map((uri) => find(uri, uriKey(uri))!);
      return held.filter((entry) => entry.sourceUrl?.value === url);
    },
    linkSourceUrls: (count: number) => linkPendingUrls(count),
    tagCounts() {
      if (!tagCounts) {
        const counted = new Map<string, number>();
        for (const entry of entries()) forEachTag(entry, (tag) => count(counted, tag));
        tagCounts = counted;
      }
      return tagCounts;
    },
    classifyLayout(classifying: (entry: ReadoutEntry) => boolean) {
      classify = classifying;
      classifier++;
      following = undefined;
    },
    layoutCounts() {
      if (following === undefined) {
        following = 0;
        for (const entry of entries()) if (follows(entry)) following++;
      }
      return { following, readouts: size };
    },
    followsLayout: follows,
    titles() {
      if (!titles) {
        titles = createTitleTable();
        for (const entry of entries()) titles.link(entry);
      }
      return titles;
    },
  });
}
