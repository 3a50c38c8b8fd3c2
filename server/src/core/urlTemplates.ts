// The forms a readout's source_url takes, as templates: literal text with {category}, {yyyy},
// {mm}, {dd} and {slug} in it. A template is parsed once into literal and placeholder parts; a URL
// is matched against the parts in one pass, so a long URL costs its length, and nothing is ever
// built from what a document holds.
import { slugify } from './slug';
import { span, type Span } from './types';

export type Placeholder = 'category' | 'yyyy' | 'mm' | 'dd' | 'slug';

const PLACEHOLDERS: readonly Placeholder[] = ['category', 'yyyy', 'mm', 'dd', 'slug'];
/** The placeholders that are digits, and how many. */
const DIGITS: Partial<Record<Placeholder, number>> = { yyyy: 4, mm: 2, dd: 2 };

/**
 * A URL form as a setting writes it: the template alone, or with the days it is the form for
 * (`from` the first, `before` the first day after), which decide the form a URL is derived in.
 */
export type UrlTemplateSetting = string | { readonly template: string; readonly from?: string; readonly before?: string };

type Part = { readonly literal: string } | { readonly placeholder: Placeholder };

export interface UrlTemplate {
  /** As written. */
  readonly template: string;
  readonly from?: string;
  readonly before?: string;
  /** Without the final `/`, which a URL may have or not. */
  readonly parts: readonly Part[];
  readonly finalSlash: boolean;
}

/** The two forms of the archive's URLs: the archived briefing room, then www.whitehouse.gov from 20 January 2025. */
export const DEFAULT_URL_TEMPLATES: readonly UrlTemplateSetting[] = [
  { template: 'https://bidenwhitehouse.archives.gov/briefing-room/{category}/{yyyy}/{mm}/{dd}/{slug}/', before: '2025-01-20' },
  { template: 'https://www.whitehouse.gov/{category}/{yyyy}/{mm}/{slug}/', from: '2025-01-20' },
];

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDay(value: string): boolean {
  const match = CALENDAR_DAY.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseParts(template: string): Part[] | string {
  const parts: Part[] = [];
  const seen = new Set<Placeholder>();
  let literal = '';
  for (let at = 0; at < template.length; at++) {
    const ch = template[at];
    if (ch === '}') return "a '}' closes nothing.";
    if (ch !== '{') {
      literal += ch;
      continue;
    }
    const close = template.indexOf('}', at);
    const open = template.indexOf('{', at + 1);
    if (close === -1 || (open !== -1 && open < close)) return "a '{' is never closed.";
    const name = template.slice(at + 1, close);
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) return `'{${name}}' is not a placeholder. The placeholders are {category}, {yyyy}, {mm}, {dd} and {slug}.`;
    const placeholder = name as Placeholder;
    if (seen.has(placeholder)) return `{${placeholder}} appears twice.`;
    const previous = parts.at(-1);
    // A placeholder of any length ends where the literal text after it starts: it cannot touch another.
    if (literal === '' && previous && 'placeholder' in previous && DIGITS[previous.placeholder] === undefined) {
      return `{${previous.placeholder}} must be followed by literal text (such as /), not by {${placeholder}}: where it ends could not be told.`;
    }
    if (literal !== '') parts.push({ literal });
    literal = '';
    parts.push({ placeholder });
    seen.add(placeholder);
    at = close;
  }
  if (literal !== '') parts.push({ literal });
  return parts;
}

function parseUrlTemplate(setting: UrlTemplateSetting): UrlTemplate | string {
  const { template, from, before } = typeof setting === 'string' ? { template: setting, from: undefined, before: undefined } : setting;
  if (template === '') return 'the template is empty.';
  for (const [key, day] of [['from', from], ['before', before]] as const) {
    if (day !== undefined && !isDay(day)) return `'${key}' must be a day, YYYY-MM-DD, not '${day}'.`;
  }
  if (from !== undefined && before !== undefined && from >= before) return `'from' (${from}) must come before 'before' (${before}).`;
  const finalSlash = template.endsWith('/');
  const parts = parseParts(finalSlash ? template.slice(0, -1) : template);
  if (typeof parts === 'string') return parts;
  return { template, ...(from === undefined ? {} : { from }), ...(before === undefined ? {} : { before }), parts, finalSlash };
}

/** The templates of a setting, or what is wrong with the first that cannot be one (named as `urls[i]`). */
export function parseUrlTemplates(settings: readonly UrlTemplateSetting[]): { readonly templates: UrlTemplate[] } | { readonly error: string } {
  const templates: UrlTemplate[] = [];
  for (const [index, setting] of settings.entries()) {
    const parsed = parseUrlTemplate(setting);
    if (typeof parsed === 'string') return { error: `urls[${index}]: ${parsed}` };
    templates.push(parsed);
  }
  return { templates };
}

export const BUILTIN_URL_TEMPLATES: readonly UrlTemplate[] = Object.freeze(DEFAULT_URL_TEMPLATES.map((setting) => parseUrlTemplate(setting) as UrlTemplate));

/** A URL taken apart by the template it follows: each placeholder's value and its span in the URL. */
export interface UrlParts {
  readonly template: UrlTemplate;
  readonly values: ReadonlyMap<Placeholder, { readonly value: string; readonly span: Span }>;
}

const SEGMENT_ENDS = ['/', '?', '#'];

/** Where a URL's path segment ends: at its next `/`, `?` or `#`, or at its end. */
function segmentEnd(url: string, from: number): number {
  // Three searches in native code pass over a slug sooner than one loop over its characters.
  let end = url.length;
  for (const stop of SEGMENT_ENDS) {
    const at = url.indexOf(stop, from);
    if (at !== -1 && at < end) end = at;
  }
  return end;
}

/** Where the value of a placeholder starting at `at` ends, or undefined when there is none there. */
function valueEnd(url: string, at: number, placeholder: Placeholder, next: Part | undefined): number | undefined {
  const digits = DIGITS[placeholder];
  if (digits !== undefined) {
    for (let offset = 0; offset < digits; offset++) {
      const code = url.charCodeAt(at + offset);
      if (!(code >= 0x30 && code <= 0x39)) return undefined;
    }
    return at + digits;
  }
  // The rest of the segment, less the literal text that follows the placeholder in it.
  const end = segmentEnd(url, at);
  const literal = next && 'literal' in next ? next.literal : '';
  const inSegment = literal.slice(0, segmentEnd(literal, 0));
  const valueStop = end - inSegment.length;
  return valueStop > at && url.startsWith(inSegment, valueStop) ? valueStop : undefined;
}

/** Walks a URL along a template's parts, giving `found` each placeholder's value by offsets; false when the URL does not follow it. */
function walkTemplate(url: string, template: UrlTemplate, found: (placeholder: Placeholder, start: number, end: number) => void): boolean {
  let at = 0;
  for (let index = 0; index < template.parts.length; index++) {
    const part = template.parts[index];
    if ('literal' in part) {
      if (!url.startsWith(part.literal, at)) return false;
      at += part.literal.length;
      continue;
    }
    const end = valueEnd(url, at, part.placeholder, template.parts[index + 1]);
    if (end === undefined) return false;
    found(part.placeholder, at, end);
    at = end;
  }
  // The final slash, written or not, then nothing but a query or a fragment.
  if (url[at] === '/') at++;
  return at === url.length || url[at] === '?' || url[at] === '#';
}

function matchTemplate(url: string, template: UrlTemplate): UrlParts | undefined {
  const values = new Map<Placeholder, { value: string; span: Span }>();
  const follows = walkTemplate(url, template, (placeholder, start, end) => values.set(placeholder, { value: url.slice(start, end), span: span(start, end) }));
  return follows ? { template, values } : undefined;
}

/** The first template a URL follows, with its parts; undefined when it follows none. */
export function matchUrl(url: string, templates: readonly UrlTemplate[]): UrlParts | undefined {
  for (const template of templates) {
    const parts = matchTemplate(url, template);
    if (parts) return parts;
  }
  return undefined;
}

/**
 * The slug and category of the first template a URL follows, as `matchUrl` gives them, without
 * the spans and the map: the index reads them for every readout it links.
 */
export function urlSlugAndCategory(url: string, templates: readonly UrlTemplate[]): { readonly slug?: string; readonly category?: string } | undefined {
  for (const template of templates) {
    let slug: string | undefined;
    let category: string | undefined;
    const follows = walkTemplate(url, template, (placeholder, start, end) => {
      if (placeholder === 'slug') slug = url.slice(start, end);
      else if (placeholder === 'category') category = url.slice(start, end);
    });
    if (follows) return { slug, category };
  }
  return undefined;
}

/** The form for a readout of `day` (YYYY-MM-DD): the first whose days include it. */
export function templateOn(templates: readonly UrlTemplate[], day: string): UrlTemplate | undefined {
  return templates.find((template) => (template.from === undefined || day >= template.from) && (template.before === undefined || day < template.before));
}

/** The URL a template gives for these values. */
export function fillTemplate(template: UrlTemplate, values: Readonly<Record<Placeholder, string>>): string {
  const path = template.parts.map((part) => ('literal' in part ? part.literal : values[part.placeholder])).join('');
  return template.finalSlash ? `${path}/` : path;
}

/** The days a template is the form for, in words: `before 2025-01-20`, `from 2025-01-20`. */
export function templateDays(template: UrlTemplate): string {
  return [template.from && `from ${template.from}`, template.before && `before ${template.before}`].filter(Boolean).join(', ');
}

/** The date a URL's form has: year, month and day, or as many of them as it has. */
export interface UrlDate {
  /** `date` when the form has a day, `month` when it stops at the month, `year` when it has only that. */
  readonly noun: 'date' | 'month' | 'year';
  /** `2023-01-10`, `2025-02`. */
  readonly value: string;
  /** From the first of its parts to the last. */
  readonly span: Span;
}

const DATE_PLACEHOLDERS = ['yyyy', 'mm', 'dd'] as const;

/** The date parts of a URL taken apart by its form, or undefined when the form has none. */
export function urlDate(parts: UrlParts): UrlDate | undefined {
  const found = DATE_PLACEHOLDERS.flatMap((name) => {
    const part = parts.values.get(name);
    return part ? [{ name, ...part }] : [];
  });
  if (found.length === 0) return undefined;
  const has = (name: Placeholder) => found.some((part) => part.name === name);
  return {
    noun: has('dd') ? 'date' : has('mm') ? 'month' : 'year',
    value: found.map((part) => part.value).join('-'),
    span: span(Math.min(...found.map((part) => part.span.start)), Math.max(...found.map((part) => part.span.end))),
  };
}

/** A day's year, month and day, as a URL writes them. */
function dayParts(day: string): Record<'yyyy' | 'mm' | 'dd', string> {
  return { yyyy: day.slice(0, 4), mm: day.slice(5, 7), dd: day.slice(8, 10) };
}

/** Whether a day (YYYY-MM-DD) has the year, month and day the URL has; a month-only URL agrees with every day of it. */
export function dateAgrees(parts: UrlParts, day: string): boolean {
  const wanted = dayParts(day);
  return DATE_PLACEHOLDERS.every((name) => parts.values.get(name) === undefined || parts.values.get(name)!.value === wanted[name]);
}

/** The URL with its date parts set from a day (YYYY-MM-DD); they have fixed widths, so every other part keeps its span. */
export function withDate(url: string, parts: UrlParts, day: string): string {
  const wanted = dayParts(day);
  let result = url;
  for (const name of DATE_PLACEHOLDERS) {
    const part = parts.values.get(name);
    if (part) result = result.slice(0, part.span.start) + wanted[name] + result.slice(part.span.end);
  }
  return result;
}

/** A category fit for a URL segment. */
const SEGMENT = /^[^\s/?#%]+$/;

/**
 * The URL a readout's category, day (YYYY-MM-DD) and title call for, in the form for that day;
 * undefined when no form is for it, or the form needs a value the readout lacks.
 */
export function deriveUrl(templates: readonly UrlTemplate[], category: string | undefined, day: string, title: string): string | undefined {
  const template = CALENDAR_DAY.test(day) ? templateOn(templates, day) : undefined;
  const slug = slugify(title);
  if (!template || slug === '') return undefined;
  const needsCategory = template.parts.some((part) => 'placeholder' in part && part.placeholder === 'category');
  if (needsCategory && (category === undefined || !SEGMENT.test(category))) return undefined;
  return fillTemplate(template, { category: category ?? '', ...dayParts(day), slug });
}
