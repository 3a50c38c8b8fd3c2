// Completion inside the front matter, while the person is typing: the position is read from the raw
// lines of the block (the document may not parse), the other fields' values from each field parsed
// on its own, and everything inserted is written by yamlWriter as PyYAML would write it.
import { findFrontMatter, hasCollectionKey, MAX_FRONT_MATTER_LENGTH, parseYaml, tooDeeplyNested, type FrontMatterBlock } from './frontMatter';
import type { ReadoutEntry } from './readoutEntry';
import type { ReadoutSchema, SchemaObject } from './schema';
import { slugify, titleFromSlug } from './slug';
import { escapeChoice, escapeSnippet } from './snippets';
import { span, type Span, type TextEdit } from './types';
import { deriveUrl, matchUrl, type UrlTemplate } from './urlTemplates';
import type { WorkspaceIndex } from './workspaceIndex';
import { unescapeDoubleQuoted } from './yamlEscapes';
import { writeValueInStyle, type WriteOptions } from './yamlWriter';
import { easternClock, easternOffsetOn } from './easternTime';

export interface Completion {
  readonly label: string;
  readonly kind: 'field' | 'value';
  readonly detail?: string;
  /** Shown beside the label in every row, where the editor can (LSP labelDetails): what tells apart items whose labels look alike. */
  readonly description?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Replaces what is typed so far; its span is on the cursor's line and contains the cursor. */
  readonly edit: TextEdit;
  /** Edits beside the main one that never overlap it: the continuation lines of a folded value being replaced. */
  readonly additionalEdits?: readonly TextEdit[];
  readonly sortText?: string;
  readonly filterText?: string;
}

export interface CompletionList {
  readonly items: readonly Completion[];
  /** The client must ask again as typing goes on: the list was capped or matched in a way the client cannot repeat. */
  readonly isIncomplete: boolean;
}

export interface CompletionContext {
  readonly schema: ReadoutSchema;
  readonly index: WorkspaceIndex;
  /** The current time, for published_time's offset (tests pass a fixed one). */
  readonly now: Date;
  /** The forms of source_url: the one for the readout's date is derived, a slug is read in any. */
  readonly urls: readonly UrlTemplate[];
  /** What is derived from the index, kept between requests (one per service); without it, derived afresh. */
  readonly memo?: CompletionMemo;
  /** The document's own URI: its own index entry (its half-typed title) is not offered back to it. */
  readonly uri?: string;
}

const EMPTY: CompletionList = { items: [], isIncomplete: false };

/** Completions at `offset`: keys at the start of a line, values after `key: ` or `- ` in the front matter. */
export function readoutCompletions(text: string, offset: number, context: CompletionContext): CompletionList {
  const region = frontMatterRegion(text);
  const site = region && siteAt(region, offset);
  if (!region || !site) return EMPTY;
  return site.kind === 'key' ? keyCompletions(region, site, context) : valueCompletions(region, site, context);
}

// ---------------------------------------------------------------------------------------------
// The front-matter region, its lines and its fields

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

interface Region {
  readonly text: string;
  readonly lines: readonly SourceLine[];
  readonly chunks: readonly FieldChunk[];
  readonly eol: string;
}

const KEY_LINE = /^([^\s#'"][^:#]*?)[ \t]*:(?=[ \t]|$)([ \t]*)/;
const LIST_ITEM = /^[ \t]*-(?:([ \t]+)|$)/;
const STARTS_FIELD = /^(?!-(?:[ \t]|$))\S/;
const PARTIAL_KEY_LINE = /^(?:[A-Za-z_][\w-]*)?[ \t]*$/;
const PARTIAL_KEY = /^(?:[A-Za-z_][\w-]*)?$/;
/** A value starting with one of these is a flow collection, a block scalar, an anchor, alias or tag. */
const NOT_A_SCALAR_START = /^[[{|>&*!%@`]/;

function frontMatterRegion(text: string): Region | undefined {
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
function fieldValues(region: Region, except: FieldChunk | undefined): ReadonlyMap<string, unknown> {
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

function parsedValue(text: string, chunk: FieldChunk): unknown {
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

// ---------------------------------------------------------------------------------------------
// Where the cursor is

interface KeySite {
  readonly kind: 'key';
  /** The partial key and any blanks after it: the whole line but its line break. */
  readonly replace: Span;
  /** The partial key's own chunk; undefined on a blank line, which belongs to the field above. */
  readonly chunk: FieldChunk | undefined;
}

interface ValueSite {
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

function siteAt(region: Region, offset: number): KeySite | ValueSite | undefined {
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

// ---------------------------------------------------------------------------------------------
// Scalars as typed, and the forms titles are matched by

type QuoteStyle = 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | undefined;

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['’‘ʼ`´]/g;
const HAS_APOSTROPHE = /['’‘ʼ`´]/;
const NON_ASCII = /[^\u0000-\u007f]/;
// Two steps, since a Unicode property class over every character is several times slower than an ASCII one.
const NON_ASCII_SEPARATORS = /[^\u0000-\u007f\p{L}\p{N}]/gu;
const SEPARATORS = /[^a-z0-9\u0080-\uffff]+/g;

/** The quote the person opened the value with, kept when writing it. */
function quoteStyleOf(typed: string): QuoteStyle {
  return typed.startsWith("'") ? 'QUOTE_SINGLE' : typed.startsWith('"') ? 'QUOTE_DOUBLE' : undefined;
}

/** The text of a scalar's source, closed or not (a quote still open, an escape half typed). */
function decodeScalar(source: string): string {
  if (source.startsWith('"')) {
    // Up to the closing quote, or to the end; an escape half typed at the end is left out.
    const body = /^"((?:[^"\\]|\\.)*)/.exec(source)![1];
    return unescapeDoubleQuoted(body, 'keep')!;
  }
  if (source.startsWith("'")) return /^'((?:[^']|'')*)/.exec(source)![1].replaceAll("''", "'");
  return source.replace(/(?:^|[ \t])#.*$/, '').trim();
}

/** Lowercase words without accents; any other character (’, a no-break space, `:`) separates words. */
function searchWords(text: string): string {
  const lower = text.toLowerCase();
  const folded = NON_ASCII.test(lower) ? lower.normalize('NFKD').replace(COMBINING_MARKS, '').replace(NON_ASCII_SEPARATORS, ' ') : lower;
  return folded.replace(SEPARATORS, ' ').trim();
}

/**
 * What a title is matched against: its words, and, when it has an apostrophe, its words with the
 * apostrophe dropped too, so that both "biden s call" and "bidens call" find "Biden’s Call".
 */
function searchForms(title: string): string {
  const spaced = searchWords(title);
  if (!HAS_APOSTROPHE.test(title)) return spaced;
  const joined = searchWords(title.replace(APOSTROPHES, ''));
  // A typed needle never holds a line break, so it cannot match across the two forms.
  return spaced === joined ? spaced : `${spaced}\n${joined}`;
}

// ---------------------------------------------------------------------------------------------
// Writing what is inserted

/** Raw non-ASCII only where the front matter already has some, not counting the text being replaced. */
function writeOptionsAround(region: Region, replaced: Span): WriteOptions {
  const outside = region.text.slice(region.lines[0].start, replaced.start) + region.text.slice(replaced.end, region.lines.at(-1)!.end);
  return { allowUnicode: NON_ASCII.test(outside) };
}

interface ValueWriter {
  /** Names the field, style, character set and line break: what else makes the written text differ. */
  readonly variant: string;
  write(value: string): string;
}

function valueWriter(region: Region, field: string, style: QuoteStyle, options: WriteOptions): ValueWriter {
  return {
    variant: [field, style, options.allowUnicode, region.eol].join('\n'),
    write: (value) => writeValueInStyle(field, value, style, options).replace(/\n/g, region.eol),
  };
}

/** Written values by writer variant: writing a plain value costs two YAML parses, so titles keep theirs. */
type WrittenCache = Map<string, string>;

function writeCached(writer: ValueWriter, value: string, cache: WrittenCache | undefined): string {
  let written = cache?.get(writer.variant);
  if (written === undefined) {
    written = writer.write(value);
    cache?.set(writer.variant, written);
  }
  return written;
}

// ---------------------------------------------------------------------------------------------
// Keys

function keyCompletions(region: Region, site: KeySite, context: CompletionContext): CompletionList {
  const { schema } = context;
  const present = new Set(region.chunks.map((chunk) => chunk.key));
  const values = fieldValues(region, site.chunk);
  const missing = schema.keys.filter((key) => !present.has(key) && PARTIAL_KEY.test(key));
  const ordered = [...missing.filter((key) => schema.required.includes(key)), ...missing.filter((key) => !schema.required.includes(key))];
  const options = writeOptionsAround(region, site.replace);
  const items = ordered.map((key, position): Completion => {
    const property = schema.property(key);
    const derived = derivedValue(key, values, context, valueWriter(region, key, undefined, options), undefined);
    const value = derived ? { text: derived.written, snippet: derived.snippet ?? escapeSnippet(derived.written) } : { text: '', snippet: placeholder(schema, key) };
    const required = schema.required.includes(key) ? 'required' : 'optional';
    return {
      label: key,
      kind: 'field',
      detail: derived ? `${required}, ${derived.detail}` : required,
      ...documentation(property),
      edit: { span: site.replace, newText: `${key}: ${value.text}`, snippet: `${key}: ${value.snippet}` },
      sortText: sortKey(position),
    };
  });
  return { items, isIncomplete: false };
}

/** The snippet for a value nobody can derive: the schema's choices, or a tab stop. */
function placeholder(schema: ReadoutSchema, key: string): string {
  const choices = enumOf(schema, key, false)?.values;
  return choices && choices.length > 0 ? `\${1|${choices.map(escapeChoice).join(',')}|}` : '$1';
}

function documentation(property: SchemaObject | undefined): { documentation?: string } {
  const text = property?.markdownDescription ?? property?.description;
  return typeof text === 'string' ? { documentation: text } : {};
}

function sortKey(position: number): string {
  return String(position).padStart(4, '0');
}

// ---------------------------------------------------------------------------------------------
// Values

function valueCompletions(region: Region, site: ValueSite, context: CompletionContext): CompletionList {
  const style = quoteStyleOf(site.typed);
  const writer = valueWriter(region, site.field, style, writeOptionsAround(region, span(site.replace.start, site.valueEnd)));
  const values = fieldValues(region, site.chunk);
  if (site.field === 'title' && !site.list) return titleCompletions(region, site, context, values, writer);
  const derived = site.list ? undefined : derivedValue(site.field, values, context, writer, style);
  if (derived) {
    const item = valueItem(site, derived.value, derived.written, { detail: derived.detail, filterText: derived.written, ...(derived.snippet ? { snippet: derived.snippet } : {}) });
    return { items: [{ ...item, ...documentation(context.schema.property(site.field)) }], isIncomplete: false };
  }
  return { items: choiceCompletions(region, site, context, writer), isIncomplete: false };
}

interface ItemDetails {
  readonly detail?: string;
  readonly description?: string;
  readonly documentation?: string;
  readonly snippet?: string;
  readonly sortText?: string;
  readonly filterText?: string;
}

/** A value item: replaces the value on the cursor's line and removes its continuation lines. */
function valueItem(site: ValueSite, label: string, written: string, details: ItemDetails): Completion {
  const { snippet, ...rest } = details;
  const edit: TextEdit = { span: site.replace, newText: site.lead + written, ...(snippet === undefined ? {} : { snippet: site.lead + snippet }) };
  const continuation = site.valueEnd > site.line.end ? { additionalEdits: [{ span: span(site.line.end, site.valueEnd), newText: '' }] } : {};
  return { label, kind: 'value', edit, ...continuation, ...rest };
}

// --- Choices: the schema's enum, and for tags the tags the workspace uses

interface EnumChoices {
  readonly values: readonly string[];
  readonly descriptions: readonly unknown[] | undefined;
}

/** The enum that applies to the field's scalar value, or to one of its list items. */
function enumOf(schema: ReadoutSchema, key: string, item: boolean): EnumChoices | undefined {
  const property = schema.property(key);
  if (!property) return undefined;
  const sub = (name: string) => (property[name] && typeof property[name] === 'object' ? schema.resolve(property[name] as SchemaObject) : undefined);
  const candidates = item ? [sub('items')] : [property, sub('then'), sub('items')];
  const holder = candidates.find((candidate) => Array.isArray(candidate?.enum));
  if (!holder) return undefined;
  const descriptions = holder.markdownEnumDescriptions ?? holder.enumDescriptions;
  return { values: (holder.enum as unknown[]).map(String), descriptions: Array.isArray(descriptions) ? descriptions : undefined };
}

interface Choice {
  readonly value: string;
  readonly inSchema: boolean;
  /** How many readouts of the workspace use it (tags only). */
  readonly uses: number;
  readonly description: string | undefined;
}

/** Tag use across the workspace, without the document's own (half-typed) tags. */
function workspaceTagCounts(context: CompletionContext): ReadonlyMap<string, number> {
  const own = context.uri === undefined ? undefined : context.index.get(context.uri);
  if (!own || own.tags.length === 0) return context.index.tagCounts();
  const counts = new Map(context.index.tagCounts());
  for (const tag of new Set(own.tags.map((t) => t.value))) {
    const count = (counts.get(tag) ?? 0) - 1;
    if (count > 0) counts.set(tag, count);
    else counts.delete(tag);
  }
  return counts;
}

function choiceCompletions(region: Region, site: ValueSite, context: CompletionContext, writer: ValueWriter): Completion[] {
  const choices = enumOf(context.schema, site.field, site.list);
  const used = site.field === 'tags' ? workspaceTagCounts(context) : new Map<string, number>();
  const listed = new Set(site.list ? otherListItems(region, site) : []);
  const typed = decodeScalar(site.typed).toLowerCase();
  const all: Choice[] = [
    ...(choices?.values ?? []).map((value, at) => ({ value, inSchema: true, uses: used.get(value) ?? 0, description: stringAt(choices?.descriptions, at) })),
    ...[...used].filter(([value]) => !choices?.values.includes(value)).map(([value, uses]) => ({ value, inSchema: false, uses, description: undefined })),
  ];
  const offered = all.filter((choice) => !listed.has(choice.value) && choice.value.toLowerCase().includes(typed));
  const rank = (choice: Choice) => [choice.inSchema ? 0 : 1, choice.value.toLowerCase().startsWith(typed) ? 0 : 1, -choice.uses];
  offered.sort((a, b) => compareTuples(rank(a), rank(b)));
  return offered.map((choice, position) => {
    const written = writer.write(choice.value);
    return valueItem(site, choice.value, written, {
      detail: choiceDetail(choice, choices !== undefined),
      ...(choice.description === undefined ? {} : { documentation: choice.description }),
      sortText: sortKey(position),
      filterText: written,
    });
  });
}

function stringAt(list: readonly unknown[] | undefined, at: number): string | undefined {
  const value = list?.[at];
  return typeof value === 'string' ? value : undefined;
}

/** Compares number tuples in order; equal ones keep their order (the sort is stable). */
function compareTuples(a: readonly number[], b: readonly number[]): number {
  for (let at = 0; at < a.length; at++) if (a[at] !== b[at]) return a[at] - b[at];
  return 0;
}

function choiceDetail(choice: Choice, restricted: boolean): string {
  const uses = choice.uses === 0 ? 'not used in the workspace yet' : `used in ${choice.uses.toLocaleString('en-US')} readout${choice.uses === 1 ? '' : 's'}`;
  return restricted && !choice.inSchema ? `${uses}; not in the schema's list` : uses;
}

/** The list's items on its other lines, as text. */
function otherListItems(region: Region, site: ValueSite): string[] {
  return site.chunk.lines.flatMap((line) => {
    const match = line === site.line ? null : LIST_ITEM.exec(line.text);
    return match ? [decodeScalar(region.text.slice(line.start + match[0].length, line.end))] : [];
  });
}

// --- Values the other fields determine: date, published_time, source_url

interface DerivedValue {
  readonly value: string;
  readonly written: string;
  /** The written value as a snippet, when part of it is a placeholder. */
  readonly snippet?: string;
  readonly detail: string;
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DEFAULT_TIME = '12:00:00';

function derivedValue(key: string, values: ReadonlyMap<string, unknown>, context: CompletionContext, writer: ValueWriter, style: QuoteStyle): DerivedValue | undefined {
  switch (key) {
    case 'date':
      return derivedDate(values, context.now, writer);
    case 'published_time':
      return derivedPublishedTime(values, context.now, writer, style);
    case 'source_url':
      return derivedSourceUrl(values, context, writer);
    default:
      return undefined;
  }
}

function calendarDay(value: unknown): string | undefined {
  const match = typeof value === 'string' ? CALENDAR_DAY.exec(value) : null;
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value as string : undefined;
}

/** The day of published_time as written (its own time zone), or today in US Eastern time as a placeholder. */
function derivedDate(values: ReadonlyMap<string, unknown>, now: Date, writer: ValueWriter): DerivedValue {
  const published = values.get('published_time');
  const day = typeof published === 'string' ? calendarDay(published.slice(0, 10)) : undefined;
  if (day) return { value: day, written: writer.write(day), detail: 'the day of published_time' };
  const today = easternClock(now).day;
  const written = writer.write(today);
  return { value: today, written, snippet: `\${1:${escapeSnippet(written)}}`, detail: 'today, US Eastern time' };
}

/**
 * `date` at noon with the US Eastern offset of that day, or now in US Eastern time; the time is
 * a placeholder. Written unquoted, as the archive has it (PyYAML wrote a datetime): YAML 1.2 reads
 * it back as a string and the schema accepts it. A quote the person opened is kept.
 */
function derivedPublishedTime(values: ReadonlyMap<string, unknown>, now: Date, writer: ValueWriter, style: QuoteStyle): DerivedValue {
  const day = calendarDay(values.get('date'));
  const clock = day ? { day, time: DEFAULT_TIME, offset: easternOffsetOn(day) } : easternClock(now);
  const value = `${clock.day} ${clock.time}${clock.offset}`;
  const written = style === undefined ? value : writer.write(value);
  const snippet = escapeSnippet(written).replace(clock.time, `\${1:${clock.time}}`);
  return { value, written, snippet, detail: day ? "noon on date, with that day's US Eastern offset" : 'now, US Eastern time' };
}

function derivedSourceUrl(values: ReadonlyMap<string, unknown>, context: CompletionContext, writer: ValueWriter): DerivedValue | undefined {
  const tags = values.get('tags');
  const category = Array.isArray(tags) ? tags[0] : tags;
  const published = values.get('published_time');
  const day = calendarDay(values.get('date')) ?? (typeof published === 'string' ? calendarDay(published.slice(0, 10)) : undefined);
  const title = values.get('title');
  const allowed = enumOf(context.schema, 'tags', Array.isArray(tags))?.values;
  if (typeof category !== 'string' || (allowed && !allowed.includes(category)) || !day || typeof title !== 'string') return undefined;
  const value = deriveUrl(context.urls, category, day, title);
  return value === undefined ? undefined : { value, written: writer.write(value), detail: 'from tags, date and title' };
}

// --- Titles

const TITLE_LIMIT = 50;
const OPENING_LIMIT = 10;

interface TitleCandidate {
  readonly title: string;
  readonly detail: string;
  /** The date and category of the readout(s) with this title, for titles of the workspace. */
  readonly description?: string;
  /** An opening: the cursor goes after it, inside the value, to type the rest. */
  readonly opening: boolean;
  readonly writtenCache?: WrittenCache;
}

/**
 * From source_url's slug, then common openings, then workspace titles (most readouts, then most
 * recent first). The server matches accent-, case- and punctuation-insensitively, which a client
 * cannot repeat, so the list is always incomplete and each item's filterText is what is typed.
 */
function titleCompletions(region: Region, site: ValueSite, context: CompletionContext, values: ReadonlyMap<string, unknown>, writer: ValueWriter): CompletionList {
  const catalog = (context.memo ?? createCompletionMemo()).titles(context.index);
  const needle = searchWords(decodeScalar(site.typed));
  const matches = (forms: string) => forms.includes(needle);
  const ranked = catalog.ranked(needle, TITLE_LIMIT, context.uri);
  const candidates = [
    ...slugTitle(catalog, context, values.get('source_url'), matches),
    ...catalog.openings().filter((opening) => matches(opening.search) && opening.search !== needle).slice(0, OPENING_LIMIT)
      .map((opening) => ({ title: opening.text, detail: `common opening of ${opening.titles.toLocaleString('en-US')} titles`, opening: true, writtenCache: opening.written })),
    ...ranked.map((stat) => {
      const used = titleUse(stat, context.index);
      return { title: stat.title, detail: used, description: used, opening: false, writtenCache: stat.written };
    }),
  ];
  // The value as it stands (the document's own title) is not offered back.
  const offered = new Set([parsedValue(region.text, site.chunk)]);
  const items: Completion[] = [];
  for (const candidate of candidates) {
    if (offered.has(candidate.title)) continue;
    offered.add(candidate.title);
    items.push(titleItem(site, candidate, writer, items.length));
  }
  return { items, isIncomplete: true };
}

function titleItem(site: ValueSite, candidate: TitleCandidate, writer: ValueWriter, position: number): Completion {
  const written = writeCached(writer, candidate.title, candidate.writtenCache);
  const label = titleLabel(candidate.title);
  const details = {
    detail: candidate.detail,
    ...(candidate.description === undefined ? {} : { description: candidate.description }),
    // The label shows part of a long title: the whole of it is in the documentation.
    ...(label === candidate.title ? {} : { documentation: escapeMarkdown(candidate.title) }),
    sortText: sortKey(position),
    filterText: site.typed,
  };
  if (!candidate.opening) return valueItem(site, label, written, details);
  // A space and the cursor go after the opening, inside the quotes if it is quoted.
  const quote = written[0] === '"' || written[0] === "'" ? written[0] : '';
  const body = quote ? written.slice(0, -1) : written;
  return valueItem(site, `${candidate.title} …`, `${body} ${quote}`, { ...details, snippet: `${escapeSnippet(body)} $0${quote}` });
}

const LABEL_LENGTH = 60;
const LABEL_HEAD = 36;
const LABEL_TAIL = 20;

/**
 * A title short enough for a list to show the date and category beside it: a long one keeps its
 * start and its end (where the counterpart or the place usually is), cut at spaces in between.
 */
function titleLabel(title: string): string {
  if (title.length <= LABEL_LENGTH) return title;
  const head = title.slice(0, LABEL_HEAD);
  const tail = title.slice(-LABEL_TAIL);
  const headEnd = head.search(/\s\S*$/);
  const tailStart = tail.search(/\s/);
  return `${headEnd > 0 ? head.slice(0, headEnd) : head} … ${tailStart >= 0 ? tail.slice(tailStart + 1) : tail}`;
}

/** Text shown as itself in Markdown: the characters that could be read as syntax in a line are escaped. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>&|#~]/g, '\\$&');
}

/** When and where a workspace title was used: the latest readout's date and category, then how many readouts use it. */
function titleUse(stat: TitleStat, index: WorkspaceIndex): string {
  const uses = stat.dates.size;
  const latest = stat.latest === '' ? '' : uses === 1 ? stat.latest : `latest ${stat.latest}`;
  const when = [latest, latestCategory(stat, index)].filter((part) => part !== '').join(' · ');
  const count = uses === 1 ? '' : `used in ${uses.toLocaleString('en-US')} readouts`;
  return [when, count].filter((part) => part !== '').join(' · ') || 'used in 1 readout';
}

/** The first tag of the most recent readout with the title, or '' when it has none. */
function latestCategory(stat: TitleStat, index: WorkspaceIndex): string {
  for (const [uri, date] of stat.dates) if (date === stat.latest) return index.get(uri)?.tags[0]?.value ?? '';
  return '';
}

/** The workspace title whose slug is the source_url's, or the slug spelled out as a title. */
function slugTitle(catalog: TitleCatalog, context: CompletionContext, url: unknown, matches: (forms: string) => boolean): TitleCandidate[] {
  const slug = typeof url === 'string' ? matchUrl(url, context.urls)?.values.get('slug')?.value : undefined;
  if (!slug) return [];
  const known = catalog.withSlug(slug);
  const candidate = known
    ? { title: known.title, detail: "the workspace's title for source_url's slug", description: titleUse(known, context.index), opening: false, writtenCache: known.written }
    : { title: titleFromSlug(slug), detail: "source_url's slug spelled out", opening: false };
  return matches(searchForms(candidate.title)) ? [candidate] : [];
}

// ---------------------------------------------------------------------------------------------
// What is learned from the index's titles, kept per index version

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

