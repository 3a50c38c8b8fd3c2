import { replaceValue } from './edits';
import { field, type Field, type ParsedReadout } from './frontMatter';
import { scalarSourceSpans } from './scalarSource';
import { slugify, slugMatchesTitle } from './slug';
import { span, type Fix, type Span } from './types';
import { dateAgrees, matchUrl, urlDate, withDate, type UrlTemplate } from './urlTemplates';

/** A finding of a rule that compares fields; severity is applied by the caller. */
export interface FieldProblem {
  readonly code: 'date-mismatch' | 'url-date-mismatch' | 'url-category-mismatch' | 'url-slug-mismatch' | 'title-whitespace';
  readonly message: string;
  readonly span: Span;
  readonly fixes: readonly Fix[];
}

/** The fields a rule may read: present once, a string, and free of problems of their own. */
interface Sound {
  readonly readout: ParsedReadout;
  string(name: string): { field: Field; value: string } | undefined;
  tags(): string[] | undefined;
}

function soundFields(readout: ParsedReadout, flawed: ReadonlySet<string>): Sound {
  const data = (readout.data ?? {}) as Record<string, unknown>;
  return {
    readout,
    string(name) {
      const found = field(readout, name);
      const value = data[name];
      return found && !flawed.has(name) && typeof value === 'string' ? { field: found, value } : undefined;
    },
    tags() {
      if (flawed.has('tags')) return undefined;
      const value = data.tags;
      if (typeof value === 'string') return [value];
      return Array.isArray(value) && value.every((tag) => typeof tag === 'string') ? value : undefined;
    },
  };
}

/**
 * The source span of characters [from, to) of a field's value, or the whole value when they cannot
 * be told apart. The value's source is decoded once, on the first call: a title may have thousands
 * of parts to mark.
 */
function valueParts(readout: ParsedReadout, target: Field): (from: number, to: number) => Span {
  let spans: Span[] | undefined | null = null;
  return (from, to) => {
    if (spans === null) spans = scalarSourceSpans(readout.text, target.valueNode, readout.yamlOffset);
    if (!spans || from >= to) return target.value!;
    return span(spans[from].start, spans[to - 1].end);
  };
}

function valuePart(readout: ParsedReadout, target: Field, from: number, to: number): Span {
  return valueParts(readout, target)(from, to);
}

/** A `date` the URL's parts can be compared with: a custom schema may allow other forms. */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A fix that sets a field's value, if its text can be written. */
function setField(readout: ParsedReadout, target: Field, value: string, title: string, safe: boolean, isPreferred = true): Fix[] {
  const edit = replaceValue(readout, target, value);
  return edit ? [{ title, edits: [edit], changes: [{ path: [target.name], value }], safe, isPreferred }] : [];
}

/** `value` with the characters of `part` replaced by `text`. */
function spliced(value: string, part: Span, text: string): string {
  return value.slice(0, part.start) + text + value.slice(part.end);
}

function* dateMismatch(fields: Sound): Generator<FieldProblem> {
  const date = fields.string('date');
  const published = fields.string('published_time');
  if (!date || !published) return;
  // The calendar day as written in the time's own offset: never converted to UTC.
  const day = published.value.slice(0, 10);
  if (date.value === day) return;
  yield {
    code: 'date-mismatch',
    message: `'date' is ${date.value}, but 'published_time' (${published.value}) falls on ${day} in its own time zone. Set 'date' to ${day}.`,
    span: date.field.value!,
    fixes: setField(fields.readout, date.field, day, `Set date to ${day}, the day of published_time`, true),
  };
}

/** The URL's parts compared with the fields, when the URL follows one of the forms; any other URL is the schema's alone. */
function* sourceUrlRules(fields: Sound, urls: readonly UrlTemplate[]): Generator<FieldProblem> {
  const url = fields.string('source_url');
  const parts = url && matchUrl(url.value, urls);
  if (!url || !parts) return;
  const { readout } = fields;

  const date = fields.string('date');
  const inUrl = urlDate(parts);
  if (date && inUrl && CALENDAR_DAY.test(date.value) && !dateAgrees(parts, date.value)) {
    const wanted = withDate(url.value, parts, date.value).slice(inUrl.span.start, inUrl.span.end);
    yield {
      code: 'url-date-mismatch',
      message: `The ${inUrl.noun} in 'source_url' is ${url.value.slice(inUrl.span.start, inUrl.span.end)}, but 'date' is ${date.value}. One of them is wrong.`,
      span: valuePart(readout, url.field, inUrl.span.start, inUrl.span.end),
      fixes: setField(readout, url.field, spliced(url.value, inUrl.span, wanted), `Change the URL's ${inUrl.noun} to ${wanted}`, false),
    };
  }

  const category = parts.values.get('category');
  const tags = fields.tags();
  if (category && tags && tags.length > 0 && !tags.includes(category.value)) {
    const listed = tags.map((tag) => `'${tag}'`).join(', ');
    yield {
      code: 'url-category-mismatch',
      message: `The category in 'source_url' is '${category.value}', which is not among the tags (${listed}).`,
      span: valuePart(readout, url.field, category.span.start, category.span.end),
      fixes: tags.flatMap((tag, index) =>
        setField(readout, url.field, spliced(url.value, category.span, tag), `Change the URL's category to '${tag}'`, false, index === 0)),
    };
  }

  const slug = parts.values.get('slug');
  const title = fields.string('title');
  if (slug && title && title.value.trim() !== '' && !slugMatchesTitle(slug.value, title.value)) {
    const expected = slugify(title.value);
    yield {
      code: 'url-slug-mismatch',
      // The URL is the record: a title edited after publication keeps the slug of the first one.
      message: `The slug in 'source_url' is not the title's ('${expected}'): the title was edited after publication, or the URL is wrong.`,
      span: valuePart(readout, url.field, slug.span.start, slug.span.end),
      fixes: expected === '' ? [] : setField(readout, url.field, spliced(url.value, slug.span, expected), "Change the URL's slug to the title's", false),
    };
  }
}

const UNWANTED_SPACE = /^\s+|\s+$|\s{2,}/g;

function* titleWhitespace(fields: Sound): Generator<FieldProblem> {
  const title = fields.string('title');
  if (!title || title.value.trim() === '') return;
  const matches = [...title.value.matchAll(UNWANTED_SPACE)];
  if (matches.length === 0) return;
  const tidy = title.value.trim().replace(/\s{2,}/g, (run) => run[0]);
  const fixes = setField(fields.readout, title.field, tidy, 'Tidy the spaces in the title', false);
  const part = valueParts(fields.readout, title.field);
  for (const match of matches) {
    const start = match.index!;
    const end = start + match[0].length;
    const where = start === 0 ? 'starts with a space' : end === title.value.length ? 'ends with a space' : 'has a doubled space';
    yield {
      code: 'title-whitespace',
      // Titles are published with such spaces too, and the title is the record: worth a mention, never a bulk rewrite.
      message: `The title ${where}: tidy it, unless the source wrote it so.`,
      span: part(start, end),
      fixes,
    };
  }
}

/** The rules a schema cannot express, each silent while a field it reads has a problem of its own. */
export function fieldProblems(readout: ParsedReadout, flawed: ReadonlySet<string>, urls: readonly UrlTemplate[]): FieldProblem[] {
  if (!readout.parsed) return [];
  const dates = [...dateMismatch(soundFields(readout, flawed))];
  // A date at odds with published_time is already reported: the URL is not also compared with it.
  const fields = soundFields(readout, dates.length > 0 ? new Set([...flawed, 'date']) : flawed);
  return [...dates, ...sourceUrlRules(fields, urls), ...titleWhitespace(fields)];
}

