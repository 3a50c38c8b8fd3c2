// `path-mismatch`: a readout's folder and name must agree with its fields, as the archive's layout
// puts them. The facts come from the fields (the category from `tags`, `date`, the slug from
// `source_url`, which is the record), the place from the document's URI.
import { field, type ParsedReadout } from './frontMatter';
import { layoutDepth, layoutMismatch, parseLayout, type Layout, type LayoutFacts, type LayoutPlaceholder } from './layout';
import type { ReadoutEntry } from './readoutEntry';
import { span, type Fix, type Span } from './types';
import { matchUrl, type UrlTemplate } from './urlTemplates';

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

function placeOf(uri: string, depth: number): Place | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const query = uri.search(/[?#]/);
  const path = query === -1 ? uri : uri.slice(0, query);
  const parts = path.split('/');
  // The root must be a folder of its own, below the URI's authority.
  if (parts.length < depth + 4) return undefined;
  const encoded = parts.slice(-depth);
  let segments: string[];
  try {
    segments = encoded.map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
  const name = segments[segments.length - 1];
  const dot = name.lastIndexOf('.');
  return { root: `${parts.slice(0, -depth).join('/')}/`, segments, ext: dot > 0 ? name.slice(dot + 1) : '' };
}

/** The category: the URL's when it is one of the tags (a list may hold several), else the first tag. */
function categoryOf(tags: readonly string[], urlCategory: string | undefined): string | undefined {
  return urlCategory !== undefined && tags.includes(urlCategory) ? urlCategory : tags[0];
}

function factsOf(tags: readonly string[], date: string | undefined, url: string | undefined, ext: string, urls: readonly UrlTemplate[]): LayoutFacts | undefined {
  if (date === undefined || url === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const parts = matchUrl(url, urls);
  const slug = parts?.values.get('slug')?.value;
  const category = categoryOf(tags, parts?.values.get('category')?.value);
  return slug === undefined || category === undefined ? undefined : { category, date, slug, ext };
}

/** Whether an indexed readout sits where the layout puts it; false when its fields cannot say. */
export function entryFollowsLayout(entry: ReadoutEntry, layout: Layout, urls: readonly UrlTemplate[]): boolean {
  const place = placeOf(entry.uri, layoutDepth(layout));
  if (!place) return false;
  const facts = factsOf(entry.tags.map((tag) => tag.value), entry.date?.value, entry.sourceUrl?.value, place.ext, urls);
  return facts !== undefined && layoutMismatch(layout, place.segments, facts) === undefined;
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
