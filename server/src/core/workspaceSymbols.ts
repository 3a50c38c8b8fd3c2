// The workspace's readouts found by title, as "Go to Symbol in Workspace" asks.
import type { LineRange } from './lineIndex';
import type { ReadoutEntry } from './readoutEntry';
import { keepBest } from './keepBest';
import { joinedWords, searchText } from './textFolding';
import type { TitleRecord, TitleTable } from './titleTable';
import type { WorkspaceIndex } from './workspaceIndex';

export interface WorkspaceSymbol {
  /**
   * The date, the first tag and the title (no-break spaces shown as spaces): `2023-01-10 ·
   * statements-releases · Readout of ...`. Lists cut a long name at its end, and show the
   * container after it; the date and category go first so that a title of 300 characters hides neither.
   */
  readonly name: string;
  readonly uri: string;
  /** Where the title's value is written. */
  readonly range: LineRange;
  /** Higher is better; 0 for every result of an empty query. */
  readonly score: number;
}

export interface SymbolSearch {
  search(query: string, limit?: number): WorkspaceSymbol[];
}

/** As rust-analyzer's default: a list longer than a screen or two is not read, and each result costs the search. */
const DEFAULT_LIMIT = 128;

// Scores: every matched character counts 1; one at the start of a word, or right after the
// previous match, counts more, so whole words and initials rank above scattered letters. A run
// is worth a little more than initials, so "union" ranks "Union Jobs" over "Unity in Our Nation".
const MATCH_SCORE = 1;
const WORD_START_BONUS = 8;
const CONTIGUOUS_BONUS = 9;

/** One readout found, with what ranks it among readouts of equal score. */
interface Found {
  readonly score: number;
  readonly record: TitleRecord;
  readonly entry: ReadoutEntry;
}

/**
 * Where a search got to, at one point of the table's journal: the records whose words hold the
 * query's letters in order among those of titles shorter than `resumeAt` (the longer ones were not
 * looked at), each with its score, or a bound on it when it could not make the list.
 */
interface Matches {
  readonly query: string;
  readonly mark: number;
  readonly records: readonly TitleRecord[];
  readonly bounds: readonly number[];
  readonly resumeAt: number;
}

/** The positions of `bounds` from the highest bound to the lowest: a counting sort, as bounds are small whole numbers. */
function highestFirst(bounds: readonly number[]): Int32Array {
  let highest = 0;
  for (const bound of bounds) if (bound > highest) highest = bound;
  const starts = new Int32Array(highest + 2);
  for (const bound of bounds) starts[highest - bound + 1]++;
  for (let at = 1; at < starts.length; at++) starts[at] += starts[at - 1];
  const order = new Int32Array(bounds.length);
  bounds.forEach((bound, at) => { order[starts[highest - bound]++] = at; });
  return order;
}

/** A query as the titles' joined words are: folded, apostrophes dropped; spaces do not count. */
function foldQuery(query: string): string {
  return joinedWords(searchText(query)).replaceAll(' ', '');
}

function shownName(entry: ReadoutEntry): string {
  const title = entry.title!.value.replace(/\u00a0/g, ' ');
  return [entry.date?.value ?? '', entry.tags[0]?.value ?? '', title].filter((part) => part !== '').join(' · ');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNewestFirst(a: ReadoutEntry, b: ReadoutEntry): number {
  return compareText(b.date?.value ?? '', a.date?.value ?? '') || compareText(b.publishedTime?.value ?? '', a.publishedTime?.value ?? '') || compareText(a.uri, b.uri);
}

/** Best first: the higher score, then the shorter title (more of it matched), then the newest, then by URI. */
function compareFound(a: Found, b: Found): number {
  return b.score - a.score || a.record.title.length - b.record.title.length || compareNewestFirst(a.entry, b.entry);
}

function isWordStart(folded: string, at: number): boolean {
  if (at === 0) return true;
  const previous = folded.charCodeAt(at - 1);
  return !((previous >= 97 && previous <= 122) || (previous >= 48 && previous <= 57));
}

function charScore(folded: string, at: number): number {
  return MATCH_SCORE + (isWordStart(folded, at) ? WORD_START_BONUS : 0);
}

/** One row of the scoring table: the positions where a query character matches, with the best score ending there. */
interface Row {
  positions: Int32Array;
  scores: Float64Array;
  length: number;
}

/** Scratch space for scoring, grown to the query and the longest title; owned by one search. */
interface Scratch {
  first: Int32Array;
  last: Int32Array;
  previous: Row;
  current: Row;
}

function createRow(size: number): Row {
  return { positions: new Int32Array(size), scores: new Float64Array(size), length: 0 };
}

function createScratch(): Scratch {
  return { first: new Int32Array(16), last: new Int32Array(16), previous: createRow(128), current: createRow(128) };
}

function fitScratch(scratch: Scratch, queryLength: number, titleLength: number): void {
  if (scratch.first.length < queryLength) {
    scratch.first = new Int32Array(queryLength);
    scratch.last = new Int32Array(queryLength);
  }
  if (scratch.previous.positions.length < titleLength) {
    scratch.previous = createRow(titleLength);
    scratch.current = createRow(titleLength);
  }
}

/**
 * Where each query character can match at the earliest (`first`) and latest (`last`) from `start`
 * on, or false when the query is not a subsequence of the words there. Only positions between them can be part of a
 * match, which keeps the scoring short.
 */
function matchWindows(folded: string, start: number, query: string, first: Int32Array, last: Int32Array): boolean {
  let at = start - 1;
  for (let j = 0; j < query.length; j++) {
    at = folded.indexOf(query[j], at + 1);
    if (at === -1) return false;
    first[j] = at;
  }
  at = folded.length;
  for (let j = query.length - 1; j >= 0; j--) {
    at = folded.lastIndexOf(query[j], at - 1);
    last[j] = at;
  }
  return true;
}

/**
 * The best score of the query's characters matched in order in `folded` from `start` on (a
 * title's joined words in its search text, after a line break, which starts a word), or -Infinity
 * when they are not all there: a dynamic programme over the query's characters and the positions
 * where each one occurs, within its window.
 */
function matchScore(folded: string, start: number, query: string, scratch: Scratch): number {
  const { first, last } = scratch;
  if (!matchWindows(folded, start, query, first, last)) return -Infinity;
  let previous = scratch.previous;
  let current = scratch.current;
  previous.length = 0;
  for (let at = first[0]; at !== -1 && at <= last[0]; at = folded.indexOf(query[0], at + 1)) {
    previous.positions[previous.length] = at;
    previous.scores[previous.length++] = charScore(folded, at);
  }
  for (let j = 1; j < query.length; j++) {
    current.length = 0;
    let bestEarlier = -Infinity;
    let next = 0;
    for (let at = first[j]; at !== -1 && at <= last[j]; at = folded.indexOf(query[j], at + 1)) {
      // The previous character's best match at least one position back (a gap).
      for (; next < previous.length && previous.positions[next] <= at - 2; next++) bestEarlier = Math.max(bestEarlier, previous.scores[next]);
      const adjacent = next < previous.length && previous.positions[next] === at - 1 ? previous.scores[next] + CONTIGUOUS_BONUS : -Infinity;
      const best = Math.max(adjacent, bestEarlier);
      if (best === -Infinity) continue;
      current.positions[current.length] = at;
      current.scores[current.length++] = best + charScore(folded, at);
    }
    const done = current;
    current = previous;
    previous = done;
  }
  let best = -Infinity;
  for (let k = 0; k < previous.length; k++) best = Math.max(best, previous.scores[k]);
  return best;
}

/** Whether a record's joined words hold `query` whole, starting a word: the only way to score `top`. */
function holdsWhole(record: TitleRecord, query: string): boolean {
  if (record.gone) return false;
  for (let at = record.search.indexOf(query, record.joinedAt); at !== -1; at = record.search.indexOf(query, at + 1)) {
    if (isWordStart(record.search, at)) return true;
  }
  return false;
}

function toSymbol(entry: ReadoutEntry, score: number): WorkspaceSymbol {
  return { name: shownName(entry), uri: entry.uri, range: entry.title!.range, score };
}

/**
 * A search over an index's titles (titleTable.ts: folded once, as each title came). It keeps its
 * last matches: as a query grows letter by letter, only the titles that held the shorter one are
 * scored again. Hold one per index.
 */
export function createSymbolSearch(index: WorkspaceIndex): SymbolSearch {
  const scratch = createScratch();
  let last: Matches | undefined;

  function newest(table: TitleTable, limit: number): WorkspaceSymbol[] {
    const best: ReadoutEntry[] = [];
    for (const record of table.records()) {
      if (record.joinedAt !== record.search.length) for (const entry of record.readouts) keepBest(best, entry, limit, compareNewestFirst);
    }
    return best.map((entry) => toSymbol(entry, 0));
  }

  return Object.freeze({
    search(query: string, limit = DEFAULT_LIMIT): WorkspaceSymbol[] {
      if (limit <= 0) return [];
      const table = index.titles();
      const folded = foldQuery(query);
      if (folded === '') return newest(table, limit);
      // No title scores more than the query matched whole at the start of a word.
      const top = MATCH_SCORE + WORD_START_BONUS + (folded.length - 1) * (MATCH_SCORE + CONTIGUOUS_BONUS);
      const best: Found[] = [];
      const worst = () => (best.length === limit ? best[limit - 1].score : -Infinity);
      const matched: TitleRecord[] = [];
      const bounds: number[] = [];
      /** Scores a record and offers its readouts; `kept` when it is among the titles looked at in order (the next query starts from those). */
      const consider = (record: TitleRecord, kept = true) => {
        if (record.gone || record.joinedAt === record.search.length) return;
        fitScratch(scratch, folded.length, record.search.length);
        const score = matchScore(record.search, record.joinedAt, folded, scratch);
        if (score === -Infinity) return;
        if (kept) {
          matched.push(record);
          bounds.push(score);
        }
        if (score < worst()) return;
        for (const entry of record.readouts) keepBest(best, { score, record, entry }, limit, compareFound);
      };
      // A longer query is held only by titles that held the shorter one: those found, those that
      // came since, and those not looked at yet. Each letter more adds 10 to a score at most, so
      // the ones found go from the highest score down, and those whose bound falls below the list
      // are not scored again: they are kept, with the bound, for the next letter.
      const added = last && folded.startsWith(last.query) ? table.addedSince(last.mark) : undefined;
      let length = 0;
      if (added) {
        length = last!.resumeAt;
        for (const record of added) if (record.title.length < length) consider(record);
        const grown = (folded.length - last!.query.length) * (MATCH_SCORE + CONTIGUOUS_BONUS);
        const order = highestFirst(last!.bounds);
        let at = 0;
        for (; at < order.length; at++) {
          const bound = Math.min(last!.bounds[order[at]] + grown, top);
          if (bound < worst()) break;
          consider(last!.records[order[at]]);
        }
        for (; at < order.length; at++) {
          const record = last!.records[order[at]];
          if (record.gone) continue;
          matched.push(record);
          bounds.push(Math.min(last!.bounds[order[at]] + grown, top));
        }
      }
      // Shortest titles first: once the list is full of scores no longer title can beat, a longer
      // title could only tie, and a tie goes to the shorter. Only a title holding the query whole
      // at a word start reaches `top`; any other scores one less at most (a letter neither follows
      // the one before nor starts a word). So once the list is full down to `top - 1`, the longer
      // titles holding the query whole are scored, and the rest need not be.
      const byLength = table.byLength();
      for (; length < byLength.length; length++) {
        if (worst() === top) break;
        if (worst() === top - 1) {
          for (let longer = length; longer < byLength.length; longer++) {
            for (const record of byLength[longer] ?? []) if (holdsWhole(record, folded)) consider(record, false);
          }
          break;
        }
        for (const record of byLength[length] ?? []) consider(record);
      }
      last = { query: folded, mark: table.additions, records: matched, bounds, resumeAt: length };
      return best.map((found) => toSymbol(found.entry, found.score));
    },
  });
}

/**
 * Readouts by title, fuzzy, best first. A one-off search: a host that answers repeatedly should
 * hold a `createSymbolSearch(index)`, which keeps its last matches.
 */
export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = DEFAULT_LIMIT): WorkspaceSymbol[] {
  return createSymbolSearch(index).search(query, limit);
}
