// Where the cursor is in the front matter, for completion: the block's raw lines and top-level
// fields (the document may not parse), each field's value parsed on its own, and the key or
// value the cursor is in.
import { findFrontMatter, hasCollectionKey, MAX_FRONT_MATTER_LENGTH, parseYaml, tooDeeplyNested, type FrontMatterBlock } from './frontMatter';
import { span, type Span } from './types';

interface SourceLine {
  readonly start: number;
  /** Before the line break (and its `\r`). */
  readonly end: number;
  readonly text: string;
}

/** A top-level field's lines: its key line, then its list items and continuation lines. */
interface FieldChunk {
  /** Undefined for a key still being typed (no colon yet) or a comment. */
  readonly key: string | undefined;
  readonly lines: SourceLine[];
}

export interface Region {
  readonly text: string;
  readonly lines: readonly SourceLine[];
  readonly chunks: readonly FieldChunk[];
  readonly eol: string;
}

const KEY_LINE = /^([^\s#'"][^:#]*?)[ \t]*:(?=[ \t]|$)([ \t]*)/;
export const LIST_ITEM = /^[ \t]*-(?:([ \t]+)|$)/;
const STARTS_FIELD = /^(?!-(?:[ \t]|$))\S/;
const PARTIAL_KEY_LINE = /^(?:[A-Za-z_][\w-]*)?[ \t]*$/;
export const PARTIAL_KEY = /^(?:[A-Za-z_][\w-]*)?$/;
/** A value starting with one of these is a flow collection, a block scalar, an anchor, alias or tag. */
const NOT_A_SCALAR_START = /^[[{|>&*!%@`]/;

export function frontMatterRegion(text: string): Region | undefined {
  const block = findFrontMatter(text);
  const lines = block ? regionLines(text, block) : [];
  if (!block || lines.length === 0) return undefined;
  return { text, lines, chunks: fieldChunks(lines), eol: text[block.open.end] === '\r' ? '\r\n' : '\n' };
}

/**
 * The block's lines. A closed block's content ends with its last line break; an unclosed one runs
 * to the end of the text, so its last line may be empty (the person is typing a new key there).
 */
function regionLines(text: string, block: FrontMatterBlock): SourceLine[] {
  const { start, end } = block.content;
  const lines: SourceLine[] = [];
  for (let at = start; at < end || (!block.close && at === end);) {
    const newline = text.indexOf('\n', at);
    const stop = newline === -1 || newline >= end ? end : newline;
    // A front matter too large to check gets no completion either.
    if (stop - start > MAX_FRONT_MATTER_LENGTH) return [];
    const lineEnd = stop > at && text[stop - 1] === '\r' ? stop - 1 : stop;
    const line = { start: at, end: lineEnd, text: text.slice(at, lineEnd) };
    // An unclosed block's body starts at its first blank line that is not the last line.
    if (!block.close && stop < end && line.text.trim() === '') break;
    lines.push(line);
    if (stop === end) break;
    at = stop + 1;
  }
  return lines;
}

function fieldChunks(lines: readonly SourceLine[]): FieldChunk[] {
  const chunks: FieldChunk[] = [];
  for (const line of lines) {
    const last = chunks.at(-1);
    if (last && !STARTS_FIELD.test(line.text)) last.lines.push(line);
    else chunks.push({ key: KEY_LINE.exec(line.text)?.[1], lines: [line] });
  }
  return chunks;
}

/** The fields whose values completion derives others from. */
const INPUT_FIELDS: ReadonlySet<string> = new Set(['date', 'published_time', 'source_url', 'tags', 'title']);

/**
 * The other fields' values that completion reads, each field parsed on its own so that the one
 * being typed spoils none; of a repeated key, the last, the one YAML keeps. A few parses, however
 * many lines the front matter has.
 */
export function fieldValues(region: Region, except: FieldChunk | undefined): ReadonlyMap<string, unknown> {
  const chunks = new Map<string, FieldChunk>();
  for (const chunk of region.chunks) {
    if (chunk !== except && chunk.key !== undefined && INPUT_FIELDS.has(chunk.key)) chunks.set(chunk.key, chunk);
  }
  const values = new Map<string, unknown>();
  for (const [key, chunk] of chunks) {
    const value = parsedValue(region.text, chunk);
    if (value !== undefined) values.set(key, value);
  }
  return values;
}

export function parsedValue(text: string, chunk: FieldChunk): unknown {
  const source = text.slice(chunk.lines[0].start, chunk.lines.at(-1)!.end);
  if (tooDeeplyNested(source)) return undefined;
  const document = parseYaml(source, { version: '1.2', schema: 'core', strict: true, logLevel: 'error' });
  if (document.errors.length > 0 || hasCollectionKey(document.contents)) return undefined;
  try {
    return (document.toJS({ maxAliasCount: 0 }) as Record<string, unknown> | null)?.[chunk.key!];
  } catch {
    return undefined;
  }
}


export interface KeySite {
  readonly kind: 'key';
  /** The partial key and any blanks after it: the whole line but its line break. */
  readonly replace: Span;
  /** The partial key's own chunk; undefined on a blank line, which belongs to the field above. */
  readonly chunk: FieldChunk | undefined;
}

export interface ValueSite {
  readonly kind: 'value';
  readonly field: string;
  /** An item of the field's block list (`- item`) rather than the field's scalar value. */
  readonly list: boolean;
  /** From the value's first character to the end of the cursor's line. */
  readonly replace: Span;
  /** The end of the value's last continuation line (a folded scalar), or the end of its first line. */
  readonly valueEnd: number;
  /** The value's source text from its start to the cursor. */
  readonly typed: string;
  /** A space to insert first when nothing separates the colon or dash from the value yet. */
  readonly lead: string;
  readonly chunk: FieldChunk;
  readonly line: SourceLine;
}

export function siteAt(region: Region, offset: number): KeySite | ValueSite | undefined {
  const chunk = region.chunks.find((candidate) => candidate.lines.some((line) => line.start <= offset && offset <= line.end));
  const line = chunk?.lines.find((candidate) => candidate.start <= offset && offset <= candidate.end);
  if (!chunk || !line) return undefined;
  const before = line.text.slice(0, offset - line.start);
  if (PARTIAL_KEY_LINE.test(line.text) && PARTIAL_KEY.test(before)) {
    return { kind: 'key', replace: span(line.start, line.end), chunk: line === chunk.lines[0] ? chunk : undefined };
  }
  if (line === chunk.lines[0]) return keyLineValueSite(region, chunk, line, offset);
  return chunk.key === undefined ? undefined : listItemSite(region, chunk, line, offset);
}

function keyLineValueSite(region: Region, chunk: FieldChunk, line: SourceLine, offset: number): ValueSite | undefined {
  const match = KEY_LINE.exec(line.text);
  // A key whose list items follow on the next lines takes no scalar.
  if (!match || chunk.lines.some((other) => LIST_ITEM.test(other.text))) return undefined;
  const continuation = chunk.lines.slice(1).filter((other) => other.text.trim() !== '');
  return valueSite(region, chunk, line, offset, {
    field: match[1], list: false, column: match[0].length, spaced: match[2] !== '', valueEnd: continuation.at(-1)?.end ?? line.end,
  });
}

function listItemSite(region: Region, chunk: FieldChunk, line: SourceLine, offset: number): ValueSite | undefined {
  const match = LIST_ITEM.exec(line.text);
  if (!match) return undefined;
  return valueSite(region, chunk, line, offset, { field: chunk.key!, list: true, column: match[0].length, spaced: match[1] !== undefined, valueEnd: line.end });
}

interface ValueStart {
  readonly field: string;
  readonly list: boolean;
  readonly column: number;
  readonly spaced: boolean;
  readonly valueEnd: number;
}

function valueSite(region: Region, chunk: FieldChunk, line: SourceLine, offset: number, at: ValueStart): ValueSite | undefined {
  const start = line.start + at.column;
  if (offset < start || NOT_A_SCALAR_START.test(line.text.slice(at.column))) return undefined;
  return {
    kind: 'value', field: at.field, list: at.list, replace: span(start, line.end), valueEnd: at.valueEnd,
    typed: region.text.slice(start, offset), lead: at.spaced ? '' : ' ', chunk, line,
  };
}
