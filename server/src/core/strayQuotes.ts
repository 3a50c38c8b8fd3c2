// Quotes opened at the start of a value and never closed. YAML reads such a value on to the next
// quote of the same kind, however far below, and the parser reports the damage there; here the
// opening quote is found, in one linear pass over the front matter, so it can be marked instead.
import type { LinePosition } from './lineIndex';

/** The line that ends a quoted value whose quote is still open: a line indented no more than its key or dash. */
export type ValueEnd =
  | { readonly kind: 'field'; readonly name: string }
  /** A sibling `- item` of the same list. */
  | { readonly kind: 'item' }
  /** Any other line: text that perhaps belonged to the value but is not indented. */
  | { readonly kind: 'line' }
  | { readonly kind: 'end' };

export interface StrayQuote {
  /** Offsets in the front matter's source. */
  readonly quote: number;
  /** The top-level field whose value it opens. */
  readonly field: string;
  /** The end of the value's last non-blank line, before the line that ends the value. */
  readonly valueEnd: number;
  /** Where that line starts (the source's length at the end of the front matter). */
  readonly endedAt: number;
  readonly endedBy: ValueEnd;
  /** The next quote of the same kind, where YAML's reading stops; undefined when there is none. */
  readonly runsTo: number | undefined;
  /** The first few top-level fields between the value and `runsTo`, which the quoted text takes in. */
  readonly takenIn: readonly string[];
  /** How many there are in all. */
  readonly takenInCount: number;
}

interface KeyLine {
  readonly start: number;
  readonly name: string;
  /** Where the value starts after `key:` and its blanks; the line's end when there is none. */
  readonly value: number;
}

function lineEndAt(source: string, at: number): number {
  const newline = source.indexOf('\n', at);
  return newline === -1 ? source.length : newline;
}

function withoutCarriageReturn(source: string, end: number): number {
  return source[end - 1] === '\r' ? end - 1 : end;
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** A top-level `key: value` line with a plain key, or undefined. */
function keyLine(source: string, start: number, end: number): KeyLine | undefined {
  const first = source[start];
  // Comments, list items, complex, empty and quoted keys, flow collections, anchors, tags, block scalars.
  if (first === undefined || isBlank(first) || '#-?:"\'{[]},&*!|>%@`\r\n'.includes(first)) return undefined;
  for (let at = start; at < end; at++) {
    const ch = source[at];
    if (ch === '#' && isBlank(source[at - 1])) return undefined;
    if (ch !== ':') continue;
    const next = source[at + 1];
    if (at + 1 < end && !isBlank(next) && next !== '\r') continue;
    let value = at + 1;
    while (value < end && isBlank(source[value])) value++;
    return { start, name: source.slice(start, at).trimEnd(), value };
  }
  return undefined;
}

/** The number of spaces a line starts with, and whether anything but blanks follows them. */
function indentation(source: string, start: number): { readonly spaces: number; readonly blank: boolean } {
  let at = start;
  while (source[at] === ' ') at++;
  const spaces = at - start;
  while (isBlank(source[at])) at++;
  const ch = source[at];
  return { spaces, blank: ch === undefined || ch === '\n' || (ch === '\r' && source[at + 1] === '\n') };
}

/** Whether a `-` at `dash` starts a list item: a blank or the line's end follows it. */
function isDash(source: string, dash: number): boolean {
  const next = source[dash + 1];
  return source[dash] === '-' && (next === undefined || isBlank(next) || next === '\n' || next === '\r');
}

/** Whether the line at `start` is a `- item` whose dash is at `column`. */
function isItemAt(source: string, start: number, column: number): boolean {
  return indentation(source, start).spaces === column && isDash(source, start + column);
}

type Reading =
  | { readonly closed: number }
  | { readonly closed: undefined; readonly valueEnd: number; readonly endedAt: number };

/**
 * Reads a quoted scalar from its opening quote: to its closing quote, or to the first non-blank
 * line indented no more than `owner` (the column of its key or dash), which a quoted value cannot
 * go on to. Blank lines and more-indented ones belong to it: a folded title is one value.
 */
function readQuoted(source: string, quote: number, owner: number): Reading {
  const mark = source[quote];
  let valueEnd = lineEndAt(source, quote);
  for (let at = quote + 1; at < source.length; at++) {
    const ch = source[at];
    if (ch === '\n') {
      const next = indentation(source, at + 1);
      if (!next.blank && next.spaces <= owner) return { closed: undefined, valueEnd: withoutCarriageReturn(source, valueEnd), endedAt: at + 1 };
      if (!next.blank) valueEnd = lineEndAt(source, at + 1);
    } else if (mark === '"' && ch === '\\') {
      // An escape takes the next character, unless it is the line break of an escaped one.
      if (source[at + 1] !== '\n' && source[at + 1] !== '\r') at++;
    } else if (ch === mark) {
      if (mark === "'" && source[at + 1] === "'") at++;
      else return { closed: at };
    }
  }
  return { closed: undefined, valueEnd: withoutCarriageReturn(source, valueEnd), endedAt: source.length };
}

/**
 * The next quote of kind `mark` from `from` on, as YAML would take it to close the value.
 * Searches only ever start further down: `memo` keeps the last answer per kind, which holds for any
 * later start up to the quote it found, so all the searches of one pass read the source once.
 */
function nextQuote(source: string, mark: string, from: number, memo: Map<string, { from: number; found: number }>): number {
  const known = memo.get(mark);
  if (known && from >= known.from && (known.found === -1 || from <= known.found)) return known.found;
  let found = -1;
  for (let at = from; at < source.length; at++) {
    const ch = source[at];
    if (mark === '"' && ch === '\\') at++;
    else if (ch === mark) {
      if (mark === "'" && source[at + 1] === "'") at++;
      else {
        found = at;
        break;
      }
    }
  }
  memo.set(mark, { from, found });
  return found;
}

/** What the line at `endedAt` is, for a value owned by a top-level key or by the dash of a list item at column `dash`. */
function valueEndOf(source: string, endedAt: number, dash: number | undefined): ValueEnd {
  if (endedAt >= source.length) return { kind: 'end' };
  if (dash !== undefined && isItemAt(source, endedAt, dash)) return { kind: 'item' };
  const key = keyLine(source, endedAt, withoutCarriageReturn(source, lineEndAt(source, endedAt)));
  return key ? { kind: 'field', name: key.name } : { kind: 'line' };
}

/** The index of the first key line that starts at or after `offset`. */
function firstKeyFrom(keys: readonly KeyLine[], offset: number): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (keys[middle].start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Fields named in a message; the rest are counted. */
const MAX_FIELDS_NAMED = 3;

/**
 * Every quote that opens a top-level value, or an item of a top-level list, and is not closed
 * before the line that ends the value. One pass over the lines; each quoted value is read once.
 */
export function findStrayQuotes(source: string): StrayQuote[] {
  const keys: KeyLine[] = [];
  const found: { quote: number; field: string; reading: Extract<Reading, { closed: undefined }>; dash: number | undefined }[] = [];
  // The field whose lines are being read, and whether its value is a block list (`key:` alone).
  let field: string | undefined;
  let listed = false;
  for (let start = 0; start < source.length;) {
    const end = lineEndAt(source, start);
    const next = end + 1;
    const { spaces, blank } = indentation(source, start);
    let quote: number | undefined;
    let dash: number | undefined;
    if (!blank && listed && field !== undefined && isDash(source, start + spaces)) {
      let value = start + spaces + 1;
      while (value < end && isBlank(source[value])) value++;
      quote = value;
      dash = spaces;
    } else if (!blank && spaces === 0) {
      const key = keyLine(source, start, withoutCarriageReturn(source, end));
      field = key?.name;
      listed = key !== undefined && (key.value >= withoutCarriageReturn(source, end) || source[key.value] === '#');
      if (key) {
        keys.push(key);
        quote = key.value;
      }
    }
    if (quote === undefined || field === undefined || (source[quote] !== '"' && source[quote] !== "'")) {
      start = next;
      continue;
    }
    const reading = readQuoted(source, quote, dash ?? 0);
    if (reading.closed !== undefined) {
      // Read on after the value's last line: its folded lines are not fields or items.
      start = lineEndAt(source, reading.closed) + 1;
      continue;
    }
    found.push({ quote, field, reading, dash });
    start = reading.endedAt;
  }
  const memo = new Map<string, { from: number; found: number }>();
  return found.map(({ quote, field: name, reading, dash }) => {
    const runsTo = nextQuote(source, source[quote], reading.endedAt, memo);
    const first = firstKeyFrom(keys, reading.endedAt);
    const last = runsTo === -1 ? keys.length : firstKeyFrom(keys, runsTo);
    return {
      quote,
      field: name,
      valueEnd: reading.valueEnd,
      endedAt: reading.endedAt,
      endedBy: valueEndOf(source, reading.endedAt, dash),
      runsTo: runsTo === -1 ? undefined : runsTo,
      takenIn: keys.slice(first, Math.min(last, first + MAX_FIELDS_NAMED)).map((key) => key.name),
      takenInCount: last - first,
    };
  });
}

function fieldList(stray: StrayQuote): string {
  const names = stray.takenIn.map((name) => `'${name}'`);
  const more = stray.takenInCount - names.length;
  if (more > 0) return `${names.join(', ')} and ${more} more`;
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
}

/** The message for a stray quote; `position` gives the document line and column of a source offset. */
export function strayQuoteMessage(source: string, stray: StrayQuote, position: (offset: number) => LinePosition): string {
  const quoteLine = position(stray.quote).line;
  const lastLine = position(stray.valueEnd).line;
  const closeAt = lastLine === quoteLine ? 'on this line' : `at the end of line ${lastLine + 1}`;
  if (stray.endedBy.kind === 'line') {
    return `This quoted value goes on to line ${position(stray.endedAt).line + 1}, which is not indented. Indent the lines a value goes on to, or close the quote ${closeAt}.`;
  }
  const mark = source[stray.quote];
  const runsTo = stray.runsTo === undefined ? undefined : position(stray.runsTo);
  const where = runsTo ? `the next ${mark} at line ${runsTo.line + 1}, column ${runsTo.character + 1}` : 'the end of the front matter';
  const taken = stray.takenInCount === 0 ? '' : `, taking in the field${stray.takenInCount > 1 ? 's' : ''} ${fieldList(stray)}`;
  return `This quote is never closed${lastLine === quoteLine ? ' on its line' : ''}: the quoted text runs on to ${where}${taken}. Close it ${closeAt}, or remove it.`;
}
