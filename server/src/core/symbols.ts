// The outline of one readout (front-matter fields, then the body's Markdown headings) and the
// workspace's readouts found by title.
import MarkdownIt from 'markdown-it';
import { isScalar, isSeq, type Node } from 'yaml';
import { nodeSpan, type Field, type FrontMatterBlock, type ParsedReadout } from './frontMatter';
import type { LineRange } from './lineIndex';
import type { ReadoutEntry } from './readoutEntry';
import { removeAccents } from './slug';
import { span, type Span } from './types';
import type { WorkspaceIndex } from './workspaceIndex';

export interface DocumentSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: 'field' | 'heading' | 'frontMatter';
  /** The whole symbol: a field's key and value, a heading's section, without trailing whitespace. */
  readonly span: Span;
  /** What to reveal and highlight: the key, the heading's text, the opening `---`. */
  readonly selectionSpan: Span;
  readonly children: readonly DocumentSymbol[];
}

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

const FRONT_MATTER_NAME = 'front matter';
const MAX_DETAIL_LENGTH = 80;
const DEFAULT_LIMIT = 256;

// ---------------------------------------------------------------------------------------------
// Document symbols

/** The outline: the front matter and its fields, then the body's headings nested by level. */
export function documentSymbols(readout: ParsedReadout): DocumentSymbol[] {
  const { text, block } = readout;
  if (!block) return headingSymbols(text, text.startsWith('\uFEFF') ? 1 : 0);
  const frontMatter = frontMatterSymbol(readout, block);
  if (!block.close) return [frontMatter];
  return [frontMatter, ...headingSymbols(text, nextLineStart(text, block.close.end))];
}

function frontMatterSymbol(readout: ParsedReadout, block: FrontMatterBlock): DocumentSymbol {
  const end = block.close ? block.close.end : trimmedEnd(readout.text, block.open.end, block.content.end);
  return {
    name: FRONT_MATTER_NAME,
    kind: 'frontMatter',
    span: span(block.open.start, end),
    selectionSpan: block.open,
    children: readout.fields.map((field) => fieldSymbol(readout, field)),
  };
}

function fieldSymbol(readout: ParsedReadout, field: Field): DocumentSymbol {
  const detail = field.value === undefined ? undefined : valueText(readout, field.valueNode);
  return {
    name: field.name,
    ...(detail === undefined ? {} : { detail: shorten(detail) }),
    kind: 'field',
    // The field's lines run to the next key's line: the symbol stops at their last character, and
    // holds its key at least (mid-typing, the next key can be on the key's own line).
    span: span(field.key.start, Math.max(field.key.end, trimmedEnd(readout.text, field.key.end, field.lines.end))),
    selectionSpan: field.key,
    children: [],
  };
}

/** A value as text: a scalar's parsed value, a list's items joined, anything else as written. */
function valueText(readout: ParsedReadout, node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (isScalar(node)) return node.value === null ? '' : String(node.value);
  if (isSeq(node)) return node.items.map((item) => valueText(readout, item as Node | null) ?? '').join(', ');
  const written = nodeSpan(readout, node);
  return written && readout.text.slice(written.start, written.end);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_DETAIL_LENGTH ? oneLine : `${oneLine.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
}

function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** The offset after the last non-whitespace character of [from, to), or `from`. */
function trimmedEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text[end - 1])) end--;
  return end;
}

interface Heading {
  readonly level: number;
  readonly name: string;
  /** Where its first line's text starts (the `#` of an ATX heading): where its section starts. */
  readonly start: number;
  readonly selectionSpan: Span;
}

// markdown-it reads the body as the preview does (and as VS Code's Markdown outline does): headings
// inside block quotes and list items included, none inside code. Its time grows with the body, so
// the outline lists the headings of the body's first 200,000 characters (the preview shows as much).
const MAX_OUTLINED_BODY_LENGTH = 200_000;

/** ATX (`#`) and setext (`===`, `---` under a paragraph) headings of the body from `from`. */
function findHeadings(text: string, from: number): Heading[] {
  let end = text.length;
  if (end - from > MAX_OUTLINED_BODY_LENGTH) end = Math.max(text.lastIndexOf('\n', from + MAX_OUTLINED_BODY_LENGTH) + 1, from);
  const body = text.slice(from, end);
  const lineStarts = [0];
  for (let at = body.indexOf('\n'); at !== -1; at = body.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const lineText = (line: number) => body.slice(lineStarts[line], line + 1 < lineStarts.length ? lineStarts[line + 1] : body.length).replace(/\r?\n$/, '');
  const tokens = new MarkdownIt('default', { html: false, linkify: false, typographer: false }).parse(body, {});
  const headings: Heading[] = [];
  tokens.forEach((token, index) => {
    const inline = tokens[index + 1];
    if (token.type !== 'heading_open' || !token.map || !inline) return;
    const [first, after] = token.map;
    const level = Number(token.tag.slice(1));
    const lines = inline.content.split('\n');
    if (token.markup.startsWith('#')) {
      // `## Text ##`, after any container marks (`> `, `- `): the text is after the opening marks.
      const line = lineText(first);
      const marks = line.search(/#/);
      const textStart = lines[0] === '' ? marks + token.markup.length : line.indexOf(lines[0], marks + token.markup.length);
      const lineStart = from + lineStarts[first];
      headings.push({ level, name: inline.content, start: lineStart + marks, selectionSpan: span(lineStart + textStart, lineStart + textStart + inline.content.length) });
    } else {
      // The paragraph's lines, then the underline: the selection runs from its first character to its last.
      const firstStart = from + lineStarts[first] + lineText(first).indexOf(lines[0]);
      const last = lineText(after - 2);
      const lastEnd = from + lineStarts[after - 2] + last.lastIndexOf(lines[lines.length - 1]) + lines[lines.length - 1].length;
      headings.push({ level, name: lines.join(' '), start: firstStart, selectionSpan: span(firstStart, lastEnd) });
    }
  });
  // Editors refuse a symbol without a name: an empty `#` heading stays inside the section before it.
  return headings.filter((heading) => heading.name !== '');
}

interface Section {
  readonly heading: Heading;
  readonly children: DocumentSymbol[];
}

/** Headings nested by level; each one's span runs to the last character before the next heading of its level or above. */
function headingSymbols(text: string, from: number): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const open: Section[] = [];
  const close = (end: number) => {
    const section = open.pop()!;
    const symbol: DocumentSymbol = {
      name: section.heading.name,
      kind: 'heading',
      span: span(section.heading.start, trimmedEnd(text, section.heading.start, end)),
      selectionSpan: section.heading.selectionSpan,
      children: section.children,
    };
    (open.at(-1)?.children ?? roots).push(symbol);
  };
  for (const heading of findHeadings(text, from)) {
    while (open.length > 0 && open[open.length - 1].heading.level >= heading.level) close(lineStartOf(text, heading.start));
    open.push({ heading, children: [] });
  }
  while (open.length > 0) close(text.length);
  return roots;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

// ---------------------------------------------------------------------------------------------
// Workspace symbols

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

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ASCII = /[^\u0000-\u007f]/g;
const ASCII_ONLY = /^[\u0000-\u007f]*$/;
const APOSTROPHE = /^[’‘ʼ]$/;

/**
 * Text as the search compares it: lowercase, letters with an ASCII form folded to it as slugs
 * transliterate them (é→e, ğ→g, ø→o, ß→ss), typographic apostrophes as `'`, any space (NBSP too)
 * as ' '. Each non-ASCII character is folded once per search and remembered.
 */
function fold(text: string, folds: Map<string, string>): string {
  return text.toLowerCase().replace(NON_ASCII, (ch) => {
    let folded = folds.get(ch);
    if (folded === undefined) folds.set(ch, (folded = foldCharacter(ch)));
    return folded;
  });
}

function foldCharacter(ch: string): string {
  const stripped = ch.normalize('NFKD').replace(COMBINING_MARKS, '');
  if (ASCII_ONLY.test(stripped)) return stripped.toLowerCase();
  if (/^\s$/.test(ch)) return ' ';
  if (APOSTROPHE.test(ch)) return "'";
  return removeAccents(ch).toLowerCase() || ch;
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
