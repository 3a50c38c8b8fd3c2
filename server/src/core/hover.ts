import { isScalar, isSeq } from 'yaml';
import type { Field, ParsedReadout } from './frontMatter';
import type { ReadoutSchema, SchemaObject } from './schema';
import { slugify, slugMatchesTitle } from './slug';
import type { Span } from './types';
import { dateAgrees, matchUrl, templateDays, urlDate, type UrlTemplate } from './urlTemplates';

export interface Hover {
  /** Markdown. */
  readonly contents: string;
  readonly span: Span;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(Z|([+-])(\d{2}):(\d{2}))$/;

/** The instant of a `published_time`, written in UTC, or undefined if it is not one. */
export function utcInstant(value: string): string | undefined {
  const match = LOCAL_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, zone, sign, offsetHours, offsetMinutes] = match;
  const offset = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (Number.isNaN(local)) return undefined;
  return `${new Date(local - offset * 60_000).toISOString().replace('T', ' ').replace('.000Z', '')} UTC`;
}

/**
 * Text shown as itself in Markdown, whatever it holds (a key is the document's): each ASCII
 * punctuation character escaped, so that nothing in it makes a link, an image, code, emphasis,
 * HTML or an entity, but `_` inside a word (`source_url`), which marks nothing; line breaks as spaces.
 */
function escapeMarkdown(text: string): string {
  const inWord = (char: string | undefined) => char !== undefined && /[A-Za-z0-9]/.test(char);
  return text.replace(/\s+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (char, at: number, whole: string) =>
    char === '_' && inWord(whole[at - 1]) && inWord(whole[at + 1]) ? char : `\\${char}`);
}

function inline(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function describe(schema: SchemaObject | undefined): string[] {
  if (!schema) return [];
  const text = typeof schema.markdownDescription === 'string' ? schema.markdownDescription : typeof schema.description === 'string' ? schema.description : undefined;
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  const lines = text ? [text] : [];
  if (examples.length > 0) {
    lines.push(`Example${examples.length > 1 ? 's' : ''}: ${examples.map((example) => inline(typeof example === 'string' ? example : JSON.stringify(example))).join(', ')}`);
  }
  return lines;
}

function tagDescription(schema: ReadoutSchema, tag: string): string | undefined {
  const property = schema.property('tags');
  const items = property?.items && typeof property.items === 'object' ? schema.resolve(property.items as SchemaObject) : undefined;
  const values = items?.enum as unknown[] | undefined;
  const descriptions = (items?.markdownEnumDescriptions ?? items?.enumDescriptions) as unknown[] | undefined;
  const index = values?.indexOf(tag) ?? -1;
  return index >= 0 && typeof descriptions?.[index] === 'string' ? `${inline(tag)}: ${descriptions[index]}` : undefined;
}

/** The form the URL follows, then each of its parts and whether it agrees with its field. */
function sourceUrlParts(readout: ParsedReadout, url: string, urls: readonly UrlTemplate[]): string[] {
  const parts = matchUrl(url, urls);
  if (!parts) return ['Follows none of the URL forms (the `urls` setting): it is checked as a URL only.'];
  const data = (readout.data ?? {}) as Record<string, unknown>;
  const tags = typeof data.tags === 'string' ? [data.tags] : Array.isArray(data.tags) ? data.tags.map(String) : [];
  const title = typeof data.title === 'string' ? data.title : undefined;
  const mark = (ok: boolean | undefined) => ok === undefined ? '' : ok ? ' ✓' : ' ✗';
  const days = templateDays(parts.template);
  const category = parts.values.get('category')?.value;
  const date = urlDate(parts);
  const slug = parts.values.get('slug')?.value;
  const slugAgrees = slug === undefined || title === undefined ? undefined : slugMatchesTitle(slug, title);
  return [
    `Follows the form ${inline(parts.template.template)}${days ? ` (${days})` : ''}.`,
    '',
    '| part | value | agrees with |',
    '|---|---|---|',
    ...(category === undefined ? [] : [`| category | ${inline(category)} | tags${mark(tags.length ? tags.includes(category) : undefined)} |`]),
    ...(date === undefined ? [] : [`| ${date.noun} | ${inline(date.value)} | date${mark(typeof data.date === 'string' ? dateAgrees(parts, data.date) : undefined)} |`]),
    ...(slug === undefined ? [] : [`| slug | ${inline(slug)} | title${mark(slugAgrees)} |`]),
    ...(slugAgrees === false ? ['', `The title's slug is ${inline(slugify(title!))}: the title was edited after publication, or the URL is wrong.`] : []),
  ];
}

function hoveredField(readout: ParsedReadout, offset: number): { field: Field; span: Span } | undefined {
  for (const candidate of readout.fields) {
    if (offset >= candidate.key.start && offset <= candidate.key.end) return { field: candidate, span: candidate.key };
    if (candidate.value && offset >= candidate.value.start && offset <= candidate.value.end) return { field: candidate, span: candidate.value };
  }
  return undefined;
}

/** What the value under the cursor means for this readout, first, then what the schema says of its field. */
export function readoutHover(readout: ParsedReadout, schema: ReadoutSchema, urls: readonly UrlTemplate[], offset: number): Hover | undefined {
  const hovered = hoveredField(readout, offset);
  if (!hovered) return undefined;
  const { field } = hovered;
  const value = (readout.data as Record<string, unknown> | undefined)?.[field.name];
  const specific: string[] = [];
  if ((field.name === 'published_time' || field.name === 'modified_time') && typeof value === 'string') {
    const utc = utcInstant(value);
    if (utc) specific.push(`In UTC: ${inline(utc)}`);
  }
  if (field.name === 'source_url' && typeof value === 'string') specific.push(sourceUrlParts(readout, value, urls).join('\n'));
  if (field.name === 'tags') {
    const node = field.valueNode;
    const items = isSeq(node) ? node.items : [node];
    const item = items.find((candidate) => isScalar(candidate) && candidate.range && offset >= candidate.range[0] + readout.yamlOffset && offset <= candidate.range[1] + readout.yamlOffset);
    const described = isScalar(item) ? tagDescription(schema, String(item.value)) : undefined;
    if (described) specific.push(described);
  }
  const sections = [`**${escapeMarkdown(field.name)}**`, ...specific, ...describe(schema.property(field.name))];
  return { contents: sections.filter((section) => section !== '').join('\n\n'), span: hovered.span };
}
