// The workspace's readouts found by title, as "Go to Symbol in Workspace" asks.
import type { LineRange } from './lineIndex';
import type { ReadoutEntry } from './readoutEntry';
import { keepBest } from './keepBest';
import { joinedWords, searchText } from './textFolding';
import { leastRunCost, planBound, titleLengthAt } from './titleSignature';
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

/**
 * How far below the best result a result may score: once a title matches well, titles that hold
 * the query only in scattered letters are noise at the end of the list, and finding them would
 * mean scoring most of the archive. One piece of the query found inside a word (rather than at its
 * start) costs this much; so does a query of one word found in up to ten pieces starting words.
 */
const BELOW_BEST = CONTIGUOUS_BONUS;

/** The most a letter adds to a score: a letter can follow the previous match or start a word, not both. */
const MOST_PER_LETTER = MATCH_SCORE + Math.max(CONTIGUOUS_BONUS, WORD_START_BONUS);

/** One readout found, with what ranks it among readouts of equal score. */
interface Found {
  readonly score: number;
  readonly record: TitleRecord;
  readonly entry: ReadoutEntry;
}

/** The first `count` of `given` into `sorted`, ordered by their `keys`, smallest first, equals in the order given: a counting sort, as keys are small whole numbers. */
function countingSort(given: Int32Array, sorted: Int32Array, keys: Int32Array, count: number): void {
  let largest = 0;
  for (let at = 0; at < count; at++) if (keys[at] > largest) largest = keys[at];
  const starts = new Int32Array(largest + 2);
  for (let at = 0; at < count; at++) starts[keys[at] + 1]++;
  for (let key = 1; key < starts.length; key++) starts[key] += starts[key - 1];
  for (let at = 0; at < count; at++) sorted[starts[keys[given[at]]]++] = given[at];
}

/** The first `count` candidates from the highest bound to the lowest, and shortest first among equal bounds, in `scratch.order`. */
function orderBestFirst(scratch: Scratch, count: number, top: number): void {
  const { bounds, lengths, order, byLength } = scratch;
  for (let at = 0; at < count; at++) order[at] = at;
  countingSort(order, byLength, lengths, count);
  // Bounds from the top down, as keys from 0 up.
  for (let at = 0; at < count; at++) bounds[at] = top - bounds[at];
  countingSort(byLength, order, bounds, count);
  for (let at = 0; at < count; at++) bounds[at] = top - bounds[at];
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
  /** The titles a search may score, and the bound on each one's score. */
  candidates: TitleRecord[];
  bounds: Int32Array;
  lengths: Int32Array;
  /** The candidates' positions, ordered (see orderBestFirst). */
  order: Int32Array;
  byLength: Int32Array;
  first: Int32Array;
  last: Int32Array;
  previous: Row;
  current: Row;
}

function grown(values: Int32Array): Int32Array {
  const larger = new Int32Array(values.length * 2);
  larger.set(values);
  return larger;
}

function createRow(size: number): Row {
  return { positions: new Int32Array(size), scores: new Float64Array(size), length: 0 };
}

function createScratch(): Scratch {
  return { candidates: [], bounds: new Int32Array(1024), lengths: new Int32Array(1024), order: new Int32Array(1024), byLength: new Int32Array(1024), first: new Int32Array(16), last: new Int32Array(16), previous: createRow(128), current: createRow(128) };
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

function toSymbol(entry: ReadoutEntry, score: number): WorkspaceSymbol {
  return { name: shownName(entry), uri: entry.uri, range: entry.title!.range, score };
}

/** What a held search keeps between queries. */
interface SearchState {
  readonly scratch: Scratch;
  /**
   * What the last query learnt of each title, at its slot: the most it can score (exact where it
   * was scored). A person types a query letter by letter, and each letter adds at most
   * MOST_PER_LETTER to a title's score: a title that scored low, or held no match, is not looked
   * at again for the longer query. Good while the table's slots hold the same titles.
   */
  lastQuery: { readonly folded: string; readonly additions: number; readonly removals: number } | undefined;
  ceilings: Float64Array;
  nextCeilings: Float64Array;
}

function newest(table: TitleTable, limit: number): WorkspaceSymbol[] {
  const best: ReadoutEntry[] = [];
  for (const record of table.records()) {
    if (record.joinedAt !== record.search.length) for (const entry of record.readouts) keepBest(best, entry, limit, compareNewestFirst);
  }
  return best.map((entry) => toSymbol(entry, 0));
}

/**
 * The best `limit` readouts of the table for `query`. A function of the module, not of each held
 * search, so that the code V8 compiles for one search (the warm-up's, on a sample) serves all.
 */
function searchTitles(table: TitleTable, query: string, limit: number, state: SearchState): WorkspaceSymbol[] {
  if (limit <= 0) return [];
  const { scratch } = state;
  const folded = foldQuery(query);
  if (folded === '') return newest(table, limit);
  // No title scores more than the query matched whole at the start of a word.
  const top = MATCH_SCORE + WORD_START_BONUS + (folded.length - 1) * (MATCH_SCORE + CONTIGUOUS_BONUS);
  // A match is runs of letters: every letter scores MATCH_SCORE + CONTIGUOUS_BONUS, less, for
  // each run, the bonus its first letter misses, plus WORD_START_BONUS when it starts a word.
  // Titles whose runs cannot cost little are not looked at until the cheap ones leave room.
  const plan = planBound(folded, CONTIGUOUS_BONUS - WORD_START_BONUS, CONTIGUOUS_BONUS);
  const most = folded.length * (MATCH_SCORE + CONTIGUOUS_BONUS);
  const records = table.records();
  const signatures = table.signatures();
  const typedOn = plan !== undefined && state.lastQuery !== undefined && state.lastQuery.additions === table.additions && state.lastQuery.removals === table.removals
    && folded.length > state.lastQuery.folded.length && folded.startsWith(state.lastQuery.folded);
  const previous = typedOn ? state.ceilings : undefined;
  const raised = typedOn ? (folded.length - state.lastQuery!.folded.length) * MOST_PER_LETTER : 0;
  if (state.nextCeilings.length < records.length) state.nextCeilings = new Float64Array(Math.max(records.length, 2 * state.nextCeilings.length));
  const learnt = state.nextCeilings;
  const best: Found[] = [];
  /** The least score that can still make the list: BELOW_BEST under the best, and, when the list is full, its last. */
  const lowestKept = () => {
    if (best.length === 0) return -Infinity;
    return Math.max(best[0].score - BELOW_BEST, best.length === limit ? best[limit - 1].score : -Infinity);
  };
  // Passes over the titles whose runs may cost more than those looked at and up to a budget:
  // the first allows what a title holding the query whole leaves room for, the next what the
  // first one's results still leave.
  let lookedAt = -1;
  let budget = plan ? CONTIGUOUS_BONUS - WORD_START_BONUS + BELOW_BEST : Infinity;
  for (;;) {
    let count = 0;
    for (let slot = 0; slot < records.length; slot++) {
      let cost: number;
      if (plan) {
        const ceiling = previous ? previous[slot] + raised : Infinity;
        // The least its runs can cost: by its signature, and by what it scored for the shorter query.
        const least = most - ceiling;
        const signed = least > budget ? -1 : leastRunCost(plan, signatures, slot, budget);
        cost = signed === -1 ? -1 : Math.max(least, signed);
        if (cost === -1) {
          learnt[slot] = Math.min(ceiling, most - budget - 1);
          continue;
        }
        if (cost <= lookedAt) continue;
        learnt[slot] = most - cost;
      } else {
        cost = records[slot].joinedAt === records[slot].search.length ? -1 : 0;
        if (cost <= lookedAt) continue;
      }
      if (count === scratch.bounds.length) {
        scratch.bounds = grown(scratch.bounds);
        scratch.lengths = grown(scratch.lengths);
        scratch.order = grown(scratch.order);
        scratch.byLength = grown(scratch.byLength);
      }
      scratch.candidates[count] = records[slot];
      scratch.lengths[count] = titleLengthAt(signatures, slot);
      scratch.bounds[count++] = plan ? most - cost : top;
    }
    // Scored from the highest bound down, so that the list fills with the best scores first;
    // none below the lowest kept can make it, nor, at the full list's last score, a longer
    // title (a tie goes to the shorter).
    orderBestFirst(scratch, count, top);
    for (let next = 0; next < count; next++) {
      const at = scratch.order[next];
      const record = scratch.candidates[at];
      const bound = scratch.bounds[at];
      const last = best.length === limit ? best[limit - 1] : undefined;
      if (bound < lowestKept() || (last && bound === last.score && record.title.length > last.record.title.length)) break;
      fitScratch(scratch, folded.length, record.search.length);
      const score = matchScore(record.search, record.joinedAt, folded, scratch);
      learnt[record.slot] = score;
      if (score === -Infinity || score < lowestKept()) continue;
      for (const entry of record.readouts) keepBest(best, { score, record, entry }, limit, compareFound);
    }
    // The titles not looked at score less than `most - budget`.
    const lowest = lowestKept();
    if (budget === Infinity || lowest >= most - budget) break;
    lookedAt = budget;
    budget = lowest === -Infinity ? Infinity : most - lowest;
  }
  scratch.candidates.length = 0;
  state.lastQuery = plan ? { folded, additions: table.additions, removals: table.removals } : undefined;
  [state.ceilings, state.nextCeilings] = [learnt, state.ceilings];
  // A better title found after weaker ones raised the floor under them.
  const floor = lowestKept();
  return best.filter((found) => found.score >= floor).map((found) => toSymbol(found.entry, found.score));
}

/**
 * A search over an index's titles (titleTable.ts: folded once, with a signature, as each title
 * came). It keeps its scratch space and what its last query learnt between queries: hold one per index.
 */
export function createSymbolSearch(index: WorkspaceIndex): SymbolSearch {
  const state: SearchState = { scratch: createScratch(), lastQuery: undefined, ceilings: new Float64Array(0), nextCeilings: new Float64Array(0) };
  return Object.freeze({
    search: (query: string, limit = DEFAULT_LIMIT) => searchTitles(index.titles(), query, limit, state),
  });
}

/**
 * Readouts by title, fuzzy, best first. A one-off search: a host that answers repeatedly should
 * hold a `createSymbolSearch(index)`, which keeps its scratch space and what its last query learnt.
 */
export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = DEFAULT_LIMIT): WorkspaceSymbol[] {
  return createSymbolSearch(index).search(query, limit);
}
