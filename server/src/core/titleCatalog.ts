// What title completion reads from the index's titles (titleTable.ts): the titles holding what is
// typed, ranked, and the openings titles share. A memo per service keeps the last matches, so that
// each letter typed searches only what the one before found, and the openings, relearned only once
// enough new titles have come.
import { keepBest } from './keepBest';
import { searchText } from './textFolding';
import { mayHold, planHold } from './titleSignature';
import { compareUse, type TitleRecord, type TitleTable } from './titleTable';
import type { WorkspaceIndex } from './workspaceIndex';

/** A word prefix shared by many titles: "Readout of President Joe Biden’s Call with". */
export interface Opening {
  readonly text: string;
  /** How many distinct titles start with it: counted, or estimated from a sample when `estimated`. */
  readonly titles: number;
  readonly estimated: boolean;
  readonly search: string;
  /** Written values by writer variant (see completionText.ts). */
  readonly written: Map<string, string>;
}

export interface TitleCatalog {
  /** The titles whose search text holds `needle`, most readouts first, then most recent, at most `limit`; a title only `exceptUri` has is left out. */
  ranked(needle: string, limit: number, exceptUri?: string): readonly TitleRecord[];
  /** The most used title whose slug is `slug`. */
  withSlug(slug: string): TitleRecord | undefined;
  /** Openings, most shared first. */
  openings(): readonly Opening[];
}

export interface CompletionMemo {
  /** The catalog of the index's titles. */
  titles(index: WorkspaceIndex): TitleCatalog;
  /** The written forms of a choice (a tag, an enum value) by writer variant: writing one costs a YAML parse to check it. */
  writtenChoice(value: string): Map<string, string>;
}

/** Choices whose written forms are kept: a schema's enum and the workspace's tags are far fewer; a workspace of made-up tags only starts the memo afresh. */
const KEPT_CHOICES = 1000;

/** A memo for one service: it follows one index, and starts afresh for another index. */
export function createCompletionMemo(): CompletionMemo {
  let current: { readonly index: WorkspaceIndex; readonly catalog: TitleCatalog } | undefined;
  const choices = new Map<string, Map<string, string>>();
  return {
    titles(index) {
      if (current?.index !== index) current = { index, catalog: createTitleCatalog(index.titles()) };
      return current.catalog;
    },
    writtenChoice(value) {
      let written = choices.get(value);
      if (!written) {
        if (choices.size === KEPT_CHOICES) choices.clear();
        choices.set(value, (written = new Map()));
      }
      return written;
    },
  };
}

/** Openings are relearned once this share of the distinct titles is new since they were learned (and still there). */
const OPENINGS_DRIFT = 0.01;

/** The titles holding a needle, as found at one point of the table's journal. */
interface Matches {
  readonly needle: string;
  readonly mark: number;
  readonly records: readonly TitleRecord[];
}

/** How many searches' matches are kept: a person going back to a title typed before finds its matches still there. */
const KEPT_MATCHES = 8;

function createTitleCatalog(table: TitleTable): TitleCatalog {
  // Most recent first.
  let kept: Matches[] = [];
  let learned: { readonly openings: readonly Opening[]; readonly mark: number } | undefined;

  /** Kept matches of a needle `needle` holds (what holds it holds the shorter one), the longest such, with the titles that came since. */
  function narrowed(needle: string): readonly TitleRecord[] | undefined {
    let from: readonly TitleRecord[] | undefined;
    let longest = -1;
    for (const matches of kept) {
      if (matches.needle.length <= longest || !needle.includes(matches.needle)) continue;
      const added = table.addedSince(matches.mark);
      if (!added) continue;
      from = added.length === 0 ? matches.records : [...matches.records, ...added];
      longest = matches.needle.length;
    }
    return from;
  }

  function keep(needle: string, records: readonly TitleRecord[]): void {
    kept = [{ needle, mark: table.additions, records }, ...kept.filter((matches) => matches.needle !== needle)].slice(0, KEPT_MATCHES);
  }

  function stale(): boolean {
    if (!learned) return true;
    const { mark } = learned;
    let still = 0;
    const added = table.addedSince(mark);
    if (added) {
      for (const record of added) if (!record.gone) still++;
    } else {
      // More additions than the journal holds (a person typing adds a title at each letter): the
      // titles themselves say which came since.
      for (const record of table.records()) if (record.added >= mark) still++;
    }
    return still > table.records().length * OPENINGS_DRIFT;
  }

  return {
    ranked(needle, limit, exceptUri) {
      // Asked for at every search, even one that narrows: the table then keeps the order up to
      // date as titles change while a person types, rather than dropping it after a thousand
      // changes and sorting 33,000 titles afresh (20 ms) at the next walk.
      const byUse = table.byUse();
      const offered = (record: TitleRecord) => !record.gone && record.search.includes(needle)
        && !(exceptUri !== undefined && record.readouts.length === 1 && record.readouts[0].uri === exceptUri);
      const from = narrowed(needle);
      if (from) {
        const records = from.filter((record) => !record.gone && record.search.includes(needle));
        keep(needle, records);
        const best: TitleRecord[] = [];
        for (const record of records) if (offered(record)) keepBest(best, record, limit, compareUse);
        return best;
      }
      // Nothing kept to narrow: the titles most used first, up to the first `limit` that match. A
      // short needle stops early; one that goes through them all has its matches kept.
      const best: TitleRecord[] = [];
      const all: TitleRecord[] = [];
      // The signature rules out most titles for a fraction of what searching their text costs.
      const plan = planHold(needle);
      const signatures = table.signaturesSoFar;
      for (const record of byUse) {
        if (!mayHold(plan, signatures, record.slot) || !record.search.includes(needle)) continue;
        all.push(record);
        if (offered(record) && best.push(record) === limit) return best;
      }
      keep(needle, all);
      return best;
    },
    withSlug: (slug) => table.withSlug(slug),
    openings() {
      if (stale()) learned = { openings: learnOpenings(table.records()), mark: table.additions };
      return learned!.openings;
    },
  };
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
 * Openings are learned from at most this many titles, taken evenly from the table: an opening is
 * shared by 0.2% of the titles at least, so a sample this size holds it 8 times or more, and
 * sorting 4,000 titles takes a few milliseconds where sorting 33,000 takes 50.
 */
const OPENING_SAMPLE = 4000;

/**
 * The word prefixes where many titles part ways. Sorted, titles sharing a prefix are neighbours, so
 * one pass over the shared word counts of neighbours visits every such prefix with its number of
 * titles (the intervals of an LCP array); a prefix most of whose titles go on the same way is skipped.
 */
function learnOpenings(records: readonly TitleRecord[]): Opening[] {
  const step = Math.ceil(records.length / OPENING_SAMPLE);
  const sorted: string[] = [];
  for (let at = 0; at < records.length; at += step) sorted.push(records[at].title);
  sorted.sort();
  const scale = records.length / sorted.length;
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
  return found.slice(0, MAX_OPENINGS).map((opening) => ({
    text: opening.text,
    titles: step === 1 ? opening.titles : roughly(opening.titles * scale),
    estimated: step > 1,
    search: searchText(opening.text),
    written: new Map(),
  }));
}

/** A count estimated from a sample, to two significant digits. */
function roughly(count: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(count)) - 1);
  return Math.round(count / unit) * unit;
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
