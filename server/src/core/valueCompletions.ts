// Completion of values: the schema's choices and the workspace's tags, the values the other
// fields determine (date, published_time, source_url), and the archive's titles.
import type { ReadoutSchema, SchemaObject } from './schema';
import { titleFromSlug } from './slug';
import { escapeChoice, escapeSnippet } from './snippets';
import { span, type TextEdit } from './types';
import { matchUrl } from './urlTemplates';
import { calendarDay, dayOfPublishedTime, derivedSourceUrl } from './derivedValues';
import { easternClock, easternOffsetOn } from './easternTime';
import type { Completion, CompletionContext, CompletionList } from './completion';
import { LIST_ITEM, type Region, type ValueSite, fieldValues, parsedValue } from './completionSite';
import { type QuoteStyle, type ValueWriter, type WrittenCache, decodeScalar, quoteStyleOf, valueWriter, writeCached, writeOptionsAround } from './completionText';
import { searchText, searchWords } from './textFolding';
import { type TitleCatalog, createCompletionMemo } from './titleCatalog';
import { entryDate, type TitleRecord } from './titleTable';

export function valueCompletions(region: Region, site: ValueSite, context: CompletionContext): CompletionList {
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
    const written = writeCached(writer, choice.value, context.memo?.writtenChoice(choice.value));
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

const DEFAULT_TIME = '12:00:00';

export function derivedValue(key: string, values: ReadonlyMap<string, unknown>, context: CompletionContext, writer: ValueWriter, style: QuoteStyle): DerivedValue | undefined {
  switch (key) {
    case 'date':
      return derivedDate(values, context.now, writer);
    case 'published_time':
      return derivedPublishedTime(values, context.now, writer, style);
    case 'source_url':
      return sourceUrlCompletion(values, context, writer);
    default:
      return undefined;
  }
}

/** The day of published_time as written (its own time zone), or today in US Eastern time as a placeholder. */
function derivedDate(values: ReadonlyMap<string, unknown>, now: Date, writer: ValueWriter): DerivedValue {
  const day = dayOfPublishedTime(values.get('published_time'));
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

function sourceUrlCompletion(values: ReadonlyMap<string, unknown>, context: CompletionContext, writer: ValueWriter): DerivedValue | undefined {
  const tags = values.get('tags');
  const category = Array.isArray(tags) ? tags[0] : tags;
  // Offered only for a category the schema allows: a misspelt tag would make a URL nobody published.
  const allowed = enumOf(context.schema, 'tags', Array.isArray(tags))?.values;
  if (typeof category !== 'string' || (allowed && !allowed.includes(category))) return undefined;
  const value = derivedSourceUrl(values, context.urls);
  return value === undefined ? undefined : { value, written: writer.write(value), detail: 'from tags, date and title' };
}

// --- Titles

// The list is incomplete (the editor asks again at each letter typed), so it need only hold what
// a suggest widget shows and a little more: each title offered is written in the document's style.
const TITLE_LIMIT = 20;
const OPENING_LIMIT = 5;

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
      .map((opening) => ({ title: opening.text, detail: `common opening of ${opening.estimated ? 'about ' : ''}${opening.titles.toLocaleString('en-US')} titles`, opening: true, writtenCache: opening.written })),
    ...ranked.map((record) => {
      const used = titleUse(record);
      return { title: record.title, detail: used, description: used, opening: false, writtenCache: (record.written ??= new Map()) };
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
function titleUse(record: TitleRecord): string {
  const uses = record.readouts.length;
  const latest = record.latest === '' ? '' : uses === 1 ? record.latest : `latest ${record.latest}`;
  const when = [latest, latestCategory(record)].filter((part) => part !== '').join(' · ');
  const count = uses === 1 ? '' : `used in ${uses.toLocaleString('en-US')} readouts`;
  return [when, count].filter((part) => part !== '').join(' · ') || 'used in 1 readout';
}

/** The first tag of the most recent readout with the title, or '' when it has none. */
function latestCategory(record: TitleRecord): string {
  for (const entry of record.readouts) if (entryDate(entry) === record.latest) return entry.tags[0]?.value ?? '';
  return '';
}

/** The workspace title whose slug is the source_url's, or the slug spelled out as a title. */
function slugTitle(catalog: TitleCatalog, context: CompletionContext, url: unknown, matches: (forms: string) => boolean): TitleCandidate[] {
  const slug = typeof url === 'string' ? matchUrl(url, context.urls)?.values.get('slug')?.value : undefined;
  if (!slug) return [];
  const known = catalog.withSlug(slug);
  const candidate = known
    ? { title: known.title, detail: "the workspace's title for source_url's slug", description: titleUse(known), opening: false, writtenCache: (known.written ??= new Map()) }
    : { title: titleFromSlug(slug), detail: "source_url's slug spelled out", opening: false };
  return matches(searchText(candidate.title)) ? [candidate] : [];
}

/** The snippet for a value nobody can derive: the schema's choices, or a tab stop. */
export function placeholder(schema: ReadoutSchema, key: string): string {
  const choices = enumOf(schema, key, false)?.values;
  return choices && choices.length > 0 ? `\${1|${choices.map(escapeChoice).join(',')}|}` : '$1';
}

export function documentation(property: SchemaObject | undefined): { documentation?: string } {
  const text = property?.markdownDescription ?? property?.description;
  return typeof text === 'string' ? { documentation: text } : {};
}

export function sortKey(position: number): string {
  return String(position).padStart(4, '0');
}
