// What completion learns from the index's titles, kept per index version: each title's readouts,
// and the openings titles share.
import type { ReadoutEntry } from './readoutEntry';
import { slugify } from './slug';
import type { WorkspaceIndex } from './workspaceIndex';
import { type WrittenCache, searchForms } from './completionText';

/** One distinct title of the workspace and the readouts that have it. */
export interface TitleStat {
  readonly title: string;
  /** See searchForms. */
  readonly search: string;
  /** The date of each readout with this title (date, else published_time's day, else ''), by URI. */
  readonly dates: Map<string, string>;
  /** The most recent of `dates`. */
  latest: string;
  slug?: string;
  readonly written: WrittenCache;
}

/** A word prefix shared by many titles: "Readout of President Joe Biden’s Call with". */
export interface Opening {
  readonly text: string;
  /** How many distinct titles start with it. */
  readonly titles: number;
  readonly search: string;
  readonly written: WrittenCache;
}

export interface TitleCatalog {
  /** The titles whose search forms contain `needle`, most readouts first, then most recent, at most `limit`. */
  ranked(needle: string, limit: number, exceptUri?: string): readonly TitleStat[];
  /** The most used title whose slug is `slug`. */
  withSlug(slug: string): TitleStat | undefined;
  /** Openings, most shared first. */
  openings(): readonly Opening[];
}

export interface CompletionMemo {
  /** The catalog of the index's titles, brought up to date with its version. */
  titles(index: WorkspaceIndex): TitleCatalog;
}

/** A memo for one service: it follows one index's versions, and starts afresh for another index. */
export function createCompletionMemo(): CompletionMemo {
  let current: { readonly index: WorkspaceIndex; readonly catalog: SyncedCatalog } | undefined;
  return {
    titles(index) {
      if (current?.index !== index) current = { index, catalog: createTitleCatalog() };
      current.catalog.sync(index);
      return current.catalog;
    },
  };
}

interface SyncedCatalog extends TitleCatalog {
  sync(index: WorkspaceIndex): void;
}

/** Openings are relearned once this share of the distinct titles has come or gone since they were learned. */
const OPENINGS_DRIFT = 0.01;

/**
 * Kept up to date by comparing the index's entries with the ones last seen (entries are replaced,
 * never changed in place), so a new version costs a pass over the entries plus the changed titles,
 * never the titles' text work again.
 */
function createTitleCatalog(): SyncedCatalog {
  let version = -1;
  const seen = new Map<string, ReadoutEntry>();
  const stats = new Map<string, TitleStat>();
  let bySlug: Map<string, TitleStat[]> | undefined;
  let learned: readonly Opening[] | undefined;
  let titlesChanged = 0;

  function addTitle(title: string): TitleStat {
    const stat: TitleStat = { title, search: searchForms(title), dates: new Map(), latest: '', written: new Map() };
    stats.set(title, stat);
    if (bySlug) indexSlug(bySlug, stat);
    titlesChanged++;
    return stat;
  }

  function removeTitle(stat: TitleStat): void {
    stats.delete(stat.title);
    const sameSlug = bySlug?.get(stat.slug!);
    if (sameSlug?.length === 1) bySlug!.delete(stat.slug!);
    else sameSlug?.splice(sameSlug.indexOf(stat), 1);
    titlesChanged++;
  }

  function add(entry: ReadoutEntry): void {
    const title = entry.title?.value;
    if (title === undefined) return;
    const stat = stats.get(title) ?? addTitle(title);
    const date = entryDate(entry);
    stat.dates.set(entry.uri, date);
    if (date > stat.latest) stat.latest = date;
  }

  function remove(entry: ReadoutEntry): void {
    const stat = entry.title && stats.get(entry.title.value);
    if (!stat) return;
    const date = stat.dates.get(entry.uri);
    stat.dates.delete(entry.uri);
    if (stat.dates.size === 0) removeTitle(stat);
    else if (date === stat.latest) stat.latest = [...stat.dates.values()].reduce((a, b) => (b > a ? b : a), '');
  }

  return {
    sync(index) {
      if (index.version === version) return;
      version = index.version;
      const before = seen.size;
      let kept = 0;
      for (const entry of index.entries()) {
        const previous = seen.get(entry.uri);
        if (previous) kept++;
        if (previous === entry) continue;
        if (previous) remove(previous);
        add(entry);
        seen.set(entry.uri, entry);
      }
      if (kept === before) return;
      for (const [uri, entry] of seen) {
        if (index.get(uri)) continue;
        remove(entry);
        seen.delete(uri);
      }
    },
    ranked(needle, limit, exceptUri) {
      // A bounded insertion into the best so far: no sort of every title per request or per version.
      const best: TitleStat[] = [];
      for (const stat of stats.values()) {
        if (!stat.search.includes(needle) || (exceptUri !== undefined && stat.dates.size === 1 && stat.dates.has(exceptUri))) continue;
        if (best.length === limit && compareRank(stat, best[limit - 1]) >= 0) continue;
        best.splice(insertionIndex(best, stat), 0, stat);
        if (best.length > limit) best.pop();
      }
      return best;
    },
    withSlug(slug) {
      if (!bySlug) {
        bySlug = new Map();
        for (const stat of stats.values()) indexSlug(bySlug, stat);
      }
      return bySlug.get(slug)?.reduce((a, b) => (compareRank(b, a) < 0 ? b : a));
    },
    openings() {
      if (!learned || titlesChanged > stats.size * OPENINGS_DRIFT) {
        learned = learnOpenings([...stats.keys()]);
        titlesChanged = 0;
      }
      return learned;
    },
  };
}

function indexSlug(bySlug: Map<string, TitleStat[]>, stat: TitleStat): void {
  stat.slug ??= slugify(stat.title);
  const sameSlug = bySlug.get(stat.slug);
  if (sameSlug) sameSlug.push(stat);
  else bySlug.set(stat.slug, [stat]);
}

function entryDate(entry: ReadoutEntry): string {
  return entry.date?.value ?? entry.publishedTime?.value.slice(0, 10) ?? '';
}

/** Most readouts first, then the most recent, then by text so that the order is the same every time. */
function compareRank(a: TitleStat, b: TitleStat): number {
  return b.dates.size - a.dates.size || (a.latest === b.latest ? 0 : a.latest > b.latest ? -1 : 1) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
}

function insertionIndex(sorted: readonly TitleStat[], stat: TitleStat): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareRank(sorted[middle], stat) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

const MIN_OPENING_WORDS = 2;
const MAX_OPENING_WORDS = 10;
const MIN_OPENING_TITLES = 3;
/** An opening is shared by at least this share of the distinct titles (and by MIN_OPENING_TITLES). */
const MIN_OPENING_SHARE = 0.002;
/** A prefix whose one continuation holds this share of its titles is not where titles part: the longer one is the opening. */
const DOMINANT_CONTINUATION = 0.9;
const MAX_OPENINGS = 100;

/**
 * The word prefixes where many titles part ways. Sorted, titles sharing a prefix are neighbours, so
 * one pass over the shared word counts of neighbours visits every such prefix with its number of
 * titles (the intervals of an LCP array); a prefix most of whose titles go on the same way is skipped.
 */
function learnOpenings(titles: string[]): Opening[] {
  const sorted = titles.sort();
  const minTitles = Math.max(MIN_OPENING_TITLES, Math.ceil(sorted.length * MIN_OPENING_SHARE));
  const found: { text: string; titles: number }[] = [];
  const open: { depth: number; start: number; largestBranch: number }[] = [{ depth: 0, start: 0, largestBranch: 0 }];
  for (let at = 1; at <= sorted.length; at++) {
    const shared = at < sorted.length ? sharedWords(sorted[at - 1], sorted[at]) : 0;
    let start = at - 1;
    let largestBranch = 0;
    while (open.at(-1)!.depth > shared) {
      const prefix = open.pop()!;
      const count = at - prefix.start;
      if (prefix.depth >= MIN_OPENING_WORDS && count >= minTitles && prefix.largestBranch < count * DOMINANT_CONTINUATION) {
        found.push({ text: firstWords(sorted[at - 1], prefix.depth), titles: count });
      }
      start = prefix.start;
      // The popped prefix is a branch of the prefix below it, or of the one about to be opened.
      const parent = open.at(-1)!;
      if (parent.depth >= shared) parent.largestBranch = Math.max(parent.largestBranch, count);
      else largestBranch = Math.max(largestBranch, count);
    }
    if (open.at(-1)!.depth < shared) open.push({ depth: shared, start, largestBranch });
  }
  found.sort((a, b) => b.titles - a.titles || (a.text < b.text ? -1 : 1));
  return found.slice(0, MAX_OPENINGS).map((opening) => ({ ...opening, search: searchForms(opening.text), written: new Map() }));
}

/** How many whole words (split at spaces) two titles start with, up to MAX_OPENING_WORDS; no arrays, since this runs per title. */
function sharedWords(a: string, b: string): number {
  let words = 0;
  let at = 0;
  for (; at < a.length && at < b.length && a[at] === b[at]; at++) {
    if (a[at] === ' ' && ++words === MAX_OPENING_WORDS) return words;
  }
  const wordEnds = (text: string) => at === text.length || text[at] === ' ';
  return at > 0 && a[at - 1] !== ' ' && wordEnds(a) && wordEnds(b) ? words + 1 : words;
}

function firstWords(text: string, count: number): string {
  let end = -1;
  for (let word = 0; word < count && end < text.length; word++) {
    end = text.indexOf(' ', end + 1);
    if (end === -1) end = text.length;
  }
  return text.slice(0, end);
}
