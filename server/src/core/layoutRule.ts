// `path-mismatch`: a readout's folder and name must agree with its fields, as the archive's layout
// puts them. The facts come from the fields (the category from `tags`, `date`, the slug from
// `source_url`, which is the record), the place from the document's URI.
import { field, type ParsedReadout } from './frontMatter';
import { followsLayout, layoutDepth, layoutMismatch, parseLayout, type Layout, type LayoutFacts, type LayoutPlaceholder } from './layout';
import type { ReadoutEntry } from './readoutEntry';
import { span, type Fix, type Span } from './types';
import { matchUrl, urlSlugAndCategory, type UrlTemplate } from './urlTemplates';

/** Which layout the rule checks: none, the archive's when most of the archive follows it, or one always. */
export type LayoutMode = { readonly mode: 'off' } | { readonly mode: 'auto' } | { readonly mode: 'always'; readonly layout: Layout };

/** The `layout` setting: `auto`, `off`, or a template that every readout must follow. */
export function layoutMode(setting: string): LayoutMode | { readonly error: string } {
  if (setting === 'auto' || setting === 'off') return { mode: setting };
  const parsed = parseLayout(setting);
  return 'error' in parsed ? { error: `layout: ${parsed.error}` } : { mode: 'always', layout: parsed.layout };
}

export interface LayoutProblem {
  readonly code: 'path-mismatch';
  readonly message: string;
  readonly span: Span;
  readonly fixes: readonly Fix[];
}

/** A file URI cut at the archive's root: the root (ending in `/`) and the decoded segments below it. */
interface Place {
  readonly root: string;
  readonly segments: readonly string[];
  readonly ext: string;
}

/** Where the last `depth` segments of a file URI's path start and end, or undefined when the URI has no root folder above them. */
function tailOf(uri: string, depth: number): { readonly start: number; readonly end: number } | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let end = uri.indexOf('?');
  const hash = uri.indexOf('#');
  if (end === -1 || (hash !== -1 && hash < end)) end = hash;
  if (end === -1) end = uri.length;
  // The root must be a folder of its own, below the URI's authority: three slashes above the tail's.
  let at = end;
  let start = 0;
  for (let found = 1; found <= depth + 3; found++) {
    at = at === 0 ? -1 : uri.lastIndexOf('/', at - 1);
    if (at === -1) return undefined;
    if (found === depth) start = at + 1;
  }
  return { start, end };
}

/** `decodeURIComponent`, only when there is something to decode; undefined when it is malformed. */
function decoded(text: string): string | undefined {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function extOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

function placeOf(uri: string, depth: number): Place | undefined {
  const tail = tailOf(uri, depth);
  if (!tail) return undefined;
  const segments: string[] = [];
  for (const segment of uri.slice(tail.start, tail.end).split('/')) {
    const text = decoded(segment);
    if (text === undefined) return undefined;
    segments.push(text);
  }
  return { root: uri.slice(0, tail.start), segments, ext: extOf(segments[segments.length - 1]) };
}

/** The category: the URL's when it is one of the tags (a list may hold several), else the first tag. */
function categoryOf(tags: readonly string[], urlCategory: string | undefined): string | undefined {
  return urlCategory !== undefined && tags.includes(urlCategory) ? urlCategory : tags[0];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function factsOf(tags: readonly string[], date: string | undefined, url: string | undefined, ext: string, urls: readonly UrlTemplate[]): LayoutFacts | undefined {
  if (date === undefined || url === undefined || !DAY.test(date)) return undefined;
  const parts = matchUrl(url, urls);
  const slug = parts?.values.get('slug')?.value;
  const category = categoryOf(tags, parts?.values.get('category')?.value);
  return slug === undefined || category === undefined ? undefined : { category, date, slug, ext };
}

/**
 * Whether an indexed readout sits where the layout puts it; false when its fields cannot say. The
 * index asks it of every readout it links: the path below the root is compared whole, as decoded
 * (a `%` escape never spans a `/`, so decoding it whole decodes each segment).
 */
export function entryFollowsLayout(entry: ReadoutEntry, layout: Layout, urls: readonly UrlTemplate[]): boolean {
  const date = entry.date?.value;
  const url = entry.sourceUrl?.value;
  if (date === undefined || url === undefined || !DAY.test(date)) return false;
  const tail = tailOf(entry.uri, layoutDepth(layout));
  if (!tail) return false;
  const actual = decoded(entry.uri.slice(tail.start, tail.end));
  const name = actual === undefined ? undefined : decoded(entry.uri.slice(entry.uri.lastIndexOf('/', tail.end - 1) + 1, tail.end));
  if (actual === undefined || name === undefined) return false;
  const parts = urlSlugAndCategory(url, urls);
  if (parts?.slug === undefined) return false;
  const urlCategory = parts.category;
  const category = urlCategory !== undefined && entry.tags.some((tag) => tag.value === urlCategory) ? urlCategory : entry.tags[0]?.value;
  return category !== undefined && followsLayout(layout, actual, { category, date, slug: parts.slug, ext: extOf(name) });
}

const FIELD_OF: Record<LayoutPlaceholder, string | undefined> = {
  category: 'tags', yyyy: 'date', mm: 'date', dd: 'date', date: 'date', slug: 'source_url', ext: undefined,
};

const PART_NAMES: Record<LayoutPlaceholder, string> = {
  category: 'category folder', yyyy: 'year', mm: 'month', dd: 'day', date: 'date', slug: 'slug', ext: 'extension',
};

function list(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The readout's file is not where its fields put it. Silent while a field it reads has a problem
 * of its own (`offLimits`), or when the fields cannot say (no date, or a URL that follows no form).
 * The fix moves the file; it is offered, never applied for you.
 */
export function layoutProblems(readout: ParsedReadout, uri: string, layout: Layout, urls: readonly UrlTemplate[], offLimits: ReadonlySet<string>): LayoutProblem[] {
  if (['tags', 'date', 'source_url'].some((name) => offLimits.has(name))) return [];
  const place = placeOf(uri, layoutDepth(layout));
  if (!place) return [];
  const data = (readout.data ?? {}) as Record<string, unknown>;
  const tags = typeof data.tags === 'string' ? [data.tags] : Array.isArray(data.tags) ? data.tags.filter((tag): tag is string => typeof tag === 'string') : [];
  const asText = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const facts = factsOf(tags, asText(data.date), asText(data.source_url), place.ext, urls);
  if (!facts) return [];
  const mismatch = layoutMismatch(layout, place.segments, facts);
  if (!mismatch) return [];

  const fields = [...new Set(mismatch.placeholders.flatMap((placeholder) => FIELD_OF[placeholder] ?? []))];
  // One field to blame: the mark is on its value; otherwise on the opening `---`.
  const blamed = fields.length === 1 ? field(readout, fields[0])?.value : undefined;
  const parts = list(mismatch.placeholders.map((placeholder) => PART_NAMES[placeholder]));
  const against = fields.length > 0 ? list(fields.map((name) => `'${name}'`)) : 'its fields';
  const verb = mismatch.placeholders.length === 1 ? 'does' : 'do';
  const newUri = place.root + mismatch.expected.split('/').map((segment) => encodeURIComponent(segment)).join('/');
  return [{
    code: 'path-mismatch',
    message: `The file's ${parts} ${verb} not match ${against}: the archive's layout (${layout.template}) puts this readout at ${mismatch.expected}, not ${mismatch.actual}.`,
    span: blamed ?? span(readout.block!.open.start, readout.block!.open.end),
    fixes: [{ title: `Move the file to ${mismatch.expected}`, edits: [], rename: { newUri }, safe: false, isPreferred: true }],
  }];
}
