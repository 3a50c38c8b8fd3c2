// Where a readout's file belongs in its archive: a layout template such as
// `{category}/{yyyy}-{mm}/{date}-{slug}.{ext}`, relative to the archive's root (the folder that
// holds the category folders). The template has a fixed number of folders, so a file's root is
// its ancestor that many levels up; whether the archive follows the layout at all is decided from
// how many of its readouts do (see `layoutApplies`).

/** The archive's own layout: every real file follows it. */
export const BUILTIN_LAYOUT = '{category}/{yyyy}-{mm}/{date}-{slug}.{ext}';

const PLACEHOLDERS = ['category', 'yyyy', 'mm', 'dd', 'date', 'slug', 'ext'] as const;
export type LayoutPlaceholder = (typeof PLACEHOLDERS)[number];

/** What a readout's fields say of its place: the category (its tag), `date`, the URL's slug, the file's extension. */
export interface LayoutFacts {
  readonly category: string;
  /** `yyyy-mm-dd`. */
  readonly date: string;
  readonly slug: string;
  /** Without the dot: `md`, `txt`. */
  readonly ext: string;
}

type Part = { readonly literal: string } | { readonly placeholder: LayoutPlaceholder };

export interface Layout {
  readonly template: string;
  /** One list of parts per path segment. */
  readonly segments: readonly (readonly Part[])[];
}

export type LayoutResult = { readonly layout: Layout } | { readonly error: string };

/** Reads a template; an unknown placeholder, an empty folder name or a template without {date} or {slug} is refused with why. */
export function parseLayout(template: string): LayoutResult {
  const segments: Part[][] = [];
  for (const text of template.split('/')) {
    const parts: Part[] = [];
    let at = 0;
    while (at < text.length) {
      const open = text.indexOf('{', at);
      if (open === -1) {
        parts.push({ literal: text.slice(at) });
        break;
      }
      if (open > at) parts.push({ literal: text.slice(at, open) });
      const close = text.indexOf('}', open);
      const name = close === -1 ? '' : text.slice(open + 1, close);
      if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
        return { error: `The layout '${template}' has ${close === -1 ? 'an unclosed {' : `an unknown placeholder {${name}}`}: use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.` };
      }
      parts.push({ placeholder: name as LayoutPlaceholder });
      at = close + 1;
    }
    if (parts.length === 0) return { error: `The layout '${template}' has an empty folder name: write it as folder/folder/name, with no leading, trailing or doubled '/'.` };
    segments.push(parts);
  }
  const names = segments.flat().flatMap((part) => ('placeholder' in part ? [part.placeholder] : []));
  if (!names.includes('slug') && !names.includes('date')) {
    return { error: `The layout '${template}' names no {date} or {slug}: it cannot tell two readouts apart.` };
  }
  return { layout: { template, segments } };
}

/** The archive's layout, parsed. */
export const ARCHIVE_LAYOUT: Layout = (parseLayout(BUILTIN_LAYOUT) as { readonly layout: Layout }).layout;

function valueOf(placeholder: LayoutPlaceholder, facts: LayoutFacts): string {
  switch (placeholder) {
    case 'category': return facts.category;
    case 'yyyy': return facts.date.slice(0, 4);
    case 'mm': return facts.date.slice(5, 7);
    case 'dd': return facts.date.slice(8, 10);
    case 'date': return facts.date;
    case 'slug': return facts.slug;
    case 'ext': return facts.ext;
  }
}

// Both run for every readout a scan indexes (whether it follows the layout): loops, not arrays joined.
function render(parts: readonly Part[], facts: LayoutFacts): string {
  let text = '';
  for (const part of parts) text += 'literal' in part ? part.literal : valueOf(part.placeholder, facts);
  return text;
}

/** The path, relative to the archive's root with `/` separators, that the facts call for. */
export function expectedPath(layout: Layout, facts: LayoutFacts): string {
  let path = render(layout.segments[0], facts);
  for (let index = 1; index < layout.segments.length; index++) path += `/${render(layout.segments[index], facts)}`;
  return path;
}

/** How many path segments, below the archive's root, the layout's files sit at. */
export function layoutDepth(layout: Layout): number {
  return layout.segments.length;
}

/** What disagrees between a file's place and its fields. */
export interface LayoutMismatch {
  /** Where the file belongs, relative to the archive's root. */
  readonly expected: string;
  /** Where it is, relative to the same root. */
  readonly actual: string;
  /** The placeholders whose values the file's place contradicts, in the template's order. */
  readonly placeholders: readonly LayoutPlaceholder[];
}

/**
 * Whether a file's path below the archive's root (decoded, `/`-separated) is the one its facts call
 * for. A `%`-encoded slug (non-ASCII kept by WordPress) may be written encoded or decoded in a file name.
 */
export function followsLayout(layout: Layout, actual: string, facts: LayoutFacts): boolean {
  if (expectedPath(layout, facts) === actual) return true;
  const decoded = decodeSlug(facts.slug);
  return decoded !== facts.slug && expectedPath(layout, { ...facts, slug: decoded }) === actual;
}

/**
 * Compares a file's last `layoutDepth` path segments with what its facts call for (see
 * `followsLayout`). Linear in the path's length; no pattern is built from the template.
 */
export function layoutMismatch(layout: Layout, actualSegments: readonly string[], facts: LayoutFacts): LayoutMismatch | undefined {
  const actual = actualSegments.join('/');
  if (followsLayout(layout, actual, facts)) return undefined;
  const decoded = decodeSlug(facts.slug);
  const alternatives = decoded === facts.slug ? [facts] : [facts, { ...facts, slug: decoded }];
  const placeholders = new Set<LayoutPlaceholder>();
  layout.segments.forEach((parts, index) => {
    const segment = actualSegments[index] ?? '';
    if (alternatives.some((candidate) => render(parts, candidate) === segment)) return;
    for (const blamed of blame(parts, segment, alternatives)) placeholders.add(blamed);
  });
  return { expected: expectedPath(layout, facts), actual, placeholders: PLACEHOLDERS.filter((placeholder) => placeholders.has(placeholder)) };
}

/**
 * The placeholders of a segment that alone explain the difference: the text rendered before and
 * after it matches the actual segment's start and end. When none does alone, all of them.
 */
function blame(parts: readonly Part[], segment: string, alternatives: readonly LayoutFacts[]): LayoutPlaceholder[] {
  const blamed: LayoutPlaceholder[] = [];
  parts.forEach((part, index) => {
    if (!('placeholder' in part)) return;
    const alone = alternatives.some((facts) => {
      const before = render(parts.slice(0, index), facts);
      const after = render(parts.slice(index + 1), facts);
      return segment.length >= before.length + after.length && segment.startsWith(before) && segment.endsWith(after);
    });
    if (alone) blamed.push(part.placeholder);
  });
  return blamed.length > 0 ? blamed : parts.flatMap((part) => ('placeholder' in part ? [part.placeholder] : []));
}

function decodeSlug(slug: string): string {
  // Without a `%`, there is nothing to decode (and nothing to throw on).
  if (!slug.includes('%')) return slug;
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/** `layout: auto` applies the layout when at least this share of the archive's readouts follows it... */
export const AUTO_LAYOUT_SHARE = 0.9;
/** ...and at least this many: a handful of files is no archive. */
export const AUTO_LAYOUT_MINIMUM = 20;

/** Whether `auto` turns the layout on for an archive where `following` of `readouts` follow it. */
export function layoutApplies(following: number, readouts: number): boolean {
  return following >= AUTO_LAYOUT_MINIMUM && following >= AUTO_LAYOUT_SHARE * readouts;
}
