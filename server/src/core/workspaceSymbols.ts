// The workspace's readouts found by title, as "Go to Symbol in Workspace" asks.
import type { LineRange } from './lineIndex';
import type { ReadoutEntry } from './readoutEntry';
import { foldCharacter } from './textFolding';
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

const DEFAULT_LIMIT = 256;

// Scores: every matched character counts 1; one at the start of a word, or right after the
// previous match, counts more, so whole words and initials rank above scattered letters. A run
// is worth a little more than initials, so "union" ranks "Union Jobs" over "Unity in Our Nation".
const MATCH_SCORE = 1;
const WORD_START_BONUS = 8;
const CONTIGUOUS_BONUS = 9;
const MAX_CHAR_SCORE = MATCH_SCORE + WORD_START_BONUS + CONTIGUOUS_BONUS;

/** One readout that has a title, with what searching and answering need. */
interface Candidate {
  readonly entry: ReadoutEntry;
  /** The title as shown: no-break spaces as spaces. */
  readonly title: string;
  readonly folded: string;
  readonly date: string;
  readonly publishedTime: string;
}

/** The index's titles, folded and ordered once per index version. */
interface Prepared {
  readonly version: number;
  readonly byUri: ReadonlyMap<string, Candidate>;
  /** In tie-break order: the shorter title first (more of it matched), then the newest, then by URI. */
  readonly candidates: readonly Candidate[];
  /** The candidates' folded titles in the same order, apart from them: the scan reads only these. */
  readonly foldedTitles: readonly string[];
  readonly longestTitle: number;
  /** Newest first, for the empty query; sorted when first asked for. */
  newestFirst?: readonly Candidate[];
}

const NON_ASCII = /[^\u0000-\u007f]/g;
const APOSTROPHE = /^[’‘ʼ]$/;

/**
 * Text as the search compares it: lowercase, letters with an ASCII form folded to it as slugs
 * transliterate them (é→e, ğ→g, ø→o, ß→ss), typographic apostrophes as `'`, any space (NBSP too)
 * as ' '. Each non-ASCII character is folded once per search and remembered.
 */
function fold(text: string, folds: Map<string, string>): string {
  return text.toLowerCase().replace(NON_ASCII, (ch) => {
    let folded = folds.get(ch);
    if (folded === undefined) folds.set(ch, (folded = searchCharacter(ch)));
    return folded;
  });
}

function searchCharacter(ch: string): string {
  if (/^\s$/.test(ch)) return ' ';
  if (APOSTROPHE.test(ch)) return "'";
  return foldCharacter(ch);
}

function shownName(candidate: Candidate): string {
  return [candidate.date, candidate.entry.tags[0]?.value ?? '', candidate.title].filter((part) => part !== '').join(' · ');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNewestFirst(a: Candidate, b: Candidate): number {
  return compareText(b.date, a.date) || compareText(b.publishedTime, a.publishedTime) || compareText(a.entry.uri, b.entry.uri);
}

function compareTieBreak(a: Candidate, b: Candidate): number {
  return a.title.length - b.title.length || compareNewestFirst(a, b);
}

/** The candidate of an index entry, or undefined for a readout without a title. */
function candidateOf(entry: ReadoutEntry, folds: Map<string, string>): Candidate | undefined {
  if (entry.title === undefined || entry.title.value.trim() === '') return undefined;
  const title = entry.title.value.replace(/\u00a0/g, ' ');
  return {
    entry,
    title,
    folded: fold(title, folds),
    date: entry.date?.value ?? '',
    publishedTime: entry.publishedTime?.value ?? '',
  };
}

/**
 * The index's candidates in tie-break order. `previous` holds the last version's candidates by
 * URI: an entry is replaced, never changed, when its readout changes, so one still in the index
 * keeps its folded title.
 */
function prepare(index: WorkspaceIndex, previous: ReadonlyMap<string, Candidate>, folds: Map<string, string>): Prepared {
  const byUri = new Map<string, Candidate>();
  for (const entry of index.entries()) {
    const known = previous.get(entry.uri);
    const candidate = known?.entry === entry ? known : candidateOf(entry, folds);
    if (candidate !== undefined) byUri.set(entry.uri, candidate);
  }
  const candidates = [...byUri.values()].sort(compareTieBreak);
  const longestTitle = candidates.reduce((longest, candidate) => Math.max(longest, candidate.folded.length), 0);
  return { version: index.version, byUri, candidates, foldedTitles: candidates.map((candidate) => candidate.folded), longestTitle };
}

function isWordStart(folded: string, at: number): boolean {
  if (at === 0) return true;
  const previous = folded.charCodeAt(at - 1);
  // An apostrophe is inside a word: the s of "biden's" starts nothing.
  const inWord = (previous >= 97 && previous <= 122) || (previous >= 48 && previous <= 57) || previous === 39;
  return !inWord;
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
  /** Each candidate's score, by rank. */
  scores: Float64Array;
}

function createRow(size: number): Row {
  return { positions: new Int32Array(size), scores: new Float64Array(size), length: 0 };
}

function createScratch(): Scratch {
  return { first: new Int32Array(16), last: new Int32Array(16), previous: createRow(128), current: createRow(128), scores: new Float64Array(0) };
}

function fitScratch(scratch: Scratch, queryLength: number, titleLength: number, candidates: number): void {
  if (scratch.scores.length < candidates) scratch.scores = new Float64Array(candidates);
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
 * Where each query character can match at the earliest (`first`) and latest (`last`), or false
 * when the query is not a subsequence of the title. Only positions between them can be part of a
 * match, which keeps the scoring short.
 */
function matchWindows(folded: string, query: string, first: Int32Array, last: Int32Array): boolean {
  let at = -1;
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
 * The best score of the query's characters matched in order, or -Infinity when they are not all
 * there: a dynamic programme over the query's characters and the title positions where each
 * one occurs, within its window.
 */
function matchScore(folded: string, query: string, scratch: Scratch): number {
  const { first, last } = scratch;
  if (!matchWindows(folded, query, first, last)) return -Infinity;
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

/** Each title's score, in `scores` by rank. A function of its own so that the optimised loop is kept from one query to the next. */
function scoreAll(foldedTitles: readonly string[], query: string, scratch: Scratch, scores: Float64Array): void {
  for (let rank = 0; rank < foldedTitles.length; rank++) scores[rank] = matchScore(foldedTitles[rank], query, scratch);
}

/**
 * The ranks of the `limit` best matches, best first. Scores are small whole numbers, so counting
 * them finds the lowest score that makes the cut without sorting every match; among equal scores
 * the lower rank wins, and ranks are already in tie-break order.
 */
function bestMatches(scores: Float64Array, candidates: number, maxScore: number, limit: number): number[] {
  const perScore = new Int32Array(maxScore + 1);
  for (let rank = 0; rank < candidates; rank++) if (scores[rank] !== -Infinity) perScore[scores[rank]]++;
  let cutoff = maxScore;
  let above = 0;
  while (cutoff > 0 && above + perScore[cutoff] < limit) above += perScore[cutoff--];
  let atCutoff = limit - above;
  const best: number[] = [];
  for (let rank = 0; rank < candidates; rank++) {
    const score = scores[rank];
    if (score > cutoff || (score === cutoff && atCutoff-- > 0)) best.push(rank);
  }
  return best.sort((a, b) => scores[b] - scores[a] || a - b);
}

function toSymbol(candidate: Candidate, score: number): WorkspaceSymbol {
  return { name: shownName(candidate), uri: candidate.entry.uri, range: candidate.entry.title!.range, score };
}

/**
 * A search over an index's titles that folds each title once and orders them once per index
 * version, so that a host answering every keystroke pays only for the matching. Hold one per index.
 */
export function createSymbolSearch(index: WorkspaceIndex): SymbolSearch {
  const folds = new Map<string, string>();
  const scratch = createScratch();
  let prepared: Prepared | undefined;
  const current = (): Prepared => {
    if (prepared?.version !== index.version) prepared = prepare(index, prepared?.byUri ?? new Map(), folds);
    return prepared;
  };
  return Object.freeze({
    search(query: string, limit = DEFAULT_LIMIT): WorkspaceSymbol[] {
      if (limit <= 0) return [];
      const data = current();
      const folded = fold(query, folds).replace(/\s+/g, '');
      if (folded === '') {
        data.newestFirst ??= [...data.candidates].sort(compareNewestFirst);
        return data.newestFirst.slice(0, limit).map((candidate) => toSymbol(candidate, 0));
      }
      const { candidates } = data;
      fitScratch(scratch, folded.length, data.longestTitle, candidates.length);
      const { scores } = scratch;
      scoreAll(data.foldedTitles, folded, scratch, scores);
      return bestMatches(scores, candidates.length, folded.length * MAX_CHAR_SCORE, limit).map((rank) => toSymbol(candidates[rank], scores[rank]));
    },
  });
}

/**
 * Readouts by title, fuzzy, best first. A one-off search: a host that answers repeatedly should
 * hold a `createSymbolSearch(index)`, so that titles are folded once per index version.
 */
export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = DEFAULT_LIMIT): WorkspaceSymbol[] {
  return createSymbolSearch(index).search(query, limit);
}
