// A deterministic archive of readouts with the real archive's statistics
// (../shared/examples/README.md), for the index tests, protocol and CLI tests and the benchmarks:
// the 14 categories at their shares, both URL forms by date, PyYAML's front matter with
// `modified_time` on most files, WordPress slugs with their `-2`, `-3`, titles edited after their
// URL was minted, pandoc bodies, and the archive's folders. It never calls the code it tests: its
// YAML, slugs and Eastern time are its own (pyyaml.ts, wordpress.ts, eastern.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { renderBody } from './bodies';
import { instantOf, newYorkOffsetOn, wallTimeIn, type EasternOffset } from './eastern';
import { dumpYaml, type FrontMatterValue } from './pyyaml';
import { between, createRandom, pick, weighted, type Random } from './random';
import { TITLE_KINDS, type BodyKind, type Draft, type Era } from './titles';
import { sanitizeTitle, SlugRegistry } from './wordpress';

export { sanitizeTitle, SlugRegistry } from './wordpress';
export { dumpYaml } from './pyyaml';
export type { Era } from './titles';

export interface CorpusOptions {
  readonly count: number;
  readonly seed?: number;
  /** Every n-th readout (the n-th, the 2n-th, ...) captures an earlier readout's page again, under the same source_url. */
  readonly duplicateUrlEvery?: number;
  /** The URL forms, by era: 'archive' (the briefing room, to 2025-01-19) and 'current' (from 2025-01-20). Both by default, at the archive's shares. */
  readonly eras?: readonly Era[];
  /** Only these categories, at their shares among themselves. All 14 by default. */
  readonly categories?: readonly string[];
  /** The share of readouts with `modified_time`; 0.69 by default. */
  readonly modifiedTimeShare?: number;
  /** The share of titles edited after their URL was minted (the slug is the first title's); 0.02 by default. */
  readonly editedTitleShare?: number;
  /** The share of titles published with a doubled or trailing space; 79 in 14,396 by default. */
  readonly spacedTitleShare?: number;
  /** The share of readouts whose tags are a list (of one or two); 0.03 by default. */
  readonly listTagsShare?: number;
  /** Shares of the copies kept elsewhere: `.txt` files, CRLF line ends, a BOM. None in the archive. */
  readonly txtShare?: number;
  readonly crlfShare?: number;
  readonly bomShare?: number;
}

export interface GeneratedReadout {
  /** `<category>/<yyyy>-<mm>/<date>-<slug>.md` (or `.txt`), with `/` separators. */
  readonly relativePath: string;
  /** The file's whole text: BOM and CRLF line ends included when it has them. */
  readonly text: string;
  readonly title: string;
  /** The title when the URL was minted: `title` unless it was edited since. */
  readonly firstTitle: string;
  readonly sourceUrl: string;
  /** The URL's slug, a `-N` suffix included. */
  readonly slug: string;
  readonly era: Era;
  /** The URL's category: the first tag. */
  readonly category: string;
  readonly tags: readonly string[];
  readonly date: string;
  readonly publishedTime: string;
  readonly modifiedTime?: string;
  /** For a second capture of a page, the index of the first. */
  readonly copyOf?: number;
}

/** The archive's 14 categories and their counts in each era (12,255 briefing-room pages, 2,141 current ones). */
export const CATEGORY_COUNTS: Readonly<Record<Era, ReadonlyMap<string, number>>> = {
  archive: new Map([
    ['statements-releases', 6458], ['speeches-remarks', 2602], ['presidential-actions', 1747], ['press-briefings', 1154],
    ['legislation', 193], ['disclosures', 51], ['blog', 46], ['uncategorized', 4],
  ]),
  current: new Map([
    ['presidential-actions', 641], ['articles', 529], ['briefings-statements', 461], ['fact-sheets', 353],
    ['releases', 107], ['remarks', 37], ['research', 13],
  ]),
};

/** The variants copies kept elsewhere have: half `.txt`, some with CRLF line ends or a BOM. */
export const COPY_VARIANTS = { txtShare: 0.5, crlfShare: 0.1, bomShare: 0.05 } as const satisfies Partial<CorpusOptions>;

const DEFAULTS = {
  seed: 1,
  eras: ['archive', 'current'] as readonly Era[],
  modifiedTimeShare: 0.69,
  editedTitleShare: 0.02,
  spacedTitleShare: 79 / 14_396,
  listTagsShare: 0.03,
  txtShare: 0,
  crlfShare: 0,
  bomShare: 0,
};

const ERA_DAYS: Readonly<Record<Era, { readonly first: string; readonly last: string }>> = {
  archive: { first: '2021-01-20', last: '2025-01-19' },
  current: { first: '2025-01-20', last: '2026-01-19' },
};

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const NBSP = '\u00a0';
// 84% of statements-releases close with `\###`, few other pages do.
const END_MARK_SHARE: ReadonlyMap<string, number> = new Map([['statements-releases', 0.84]]);
const OTHER_END_MARK_SHARE = 0.05;
// Remarks and briefings end with the time, presidential actions with the signature.
const OWN_ENDINGS: ReadonlySet<BodyKind> = new Set(['remarks', 'briefing', 'action']);
// A no-break space before the last word (WordPress keeps it from standing alone on a line) and in
// "Joe Biden": with the curly apostrophes, 88% of titles hold an escape.
const LAST_WORD_NBSP_SHARE = 0.83;
const JOE_NBSP_SHARE = 0.4;
const TWO_TAGS_SHARE = 0.3;
const EARLIER_MODIFIED_SHARE = 0.12;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysFrom(first: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The options filled in, and the category weights of each era they keep. */
interface Plan {
  readonly options: Required<Omit<CorpusOptions, 'duplicateUrlEvery' | 'categories'>> & Pick<CorpusOptions, 'duplicateUrlEvery'>;
  readonly weights: ReadonlyMap<Era, ReadonlyMap<string, number>>;
}

function checkShare(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be a share from 0 to 1, not ${value}`);
}

function plan(given: CorpusOptions): Plan {
  if (!Number.isInteger(given.count) || given.count < 0) throw new RangeError(`count must be a whole number, not ${given.count}`);
  const every = given.duplicateUrlEvery;
  if (every !== undefined && (!Number.isInteger(every) || every < 2)) throw new RangeError(`duplicateUrlEvery must be a whole number of at least 2, not ${every}`);
  const options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) } as Plan['options'];
  for (const key of ['modifiedTimeShare', 'editedTitleShare', 'spacedTitleShare', 'listTagsShare', 'txtShare', 'crlfShare', 'bomShare'] as const) checkShare(key, options[key]);
  const known = new Set([...CATEGORY_COUNTS.archive.keys(), ...CATEGORY_COUNTS.current.keys()]);
  const unknown = given.categories?.find((category) => !known.has(category));
  if (unknown !== undefined) throw new RangeError(`${unknown} is not one of the archive's categories`);
  const weights = new Map<Era, Map<string, number>>();
  for (const era of new Set(options.eras)) {
    const kept = [...CATEGORY_COUNTS[era]].filter(([category]) => given.categories?.includes(category) ?? true);
    if (kept.length > 0) weights.set(era, new Map(kept));
  }
  if (weights.size === 0) throw new RangeError('no category of these eras is left to generate');
  return { options, weights };
}

/** The era and day of each readout in turn: each era's count at its share, its days spread evenly over the era. */
function schedule(count: number, weights: Plan['weights']): { era: Era; date: string }[] {
  const total = (era: Era) => [...(weights.get(era)?.values() ?? [])].reduce((sum, weight) => sum + weight, 0);
  const archive = Math.round((count * total('archive')) / (total('archive') + total('current')));
  const slots: { era: Era; date: string }[] = [];
  for (const [era, n] of [['archive', archive], ['current', count - archive]] as const) {
    const { first, last } = ERA_DAYS[era];
    const days = daysFrom(first, last);
    for (let k = 0; k < n; k++) slots.push({ era, date: addDays(first, Math.floor((k * days) / n)) });
  }
  return slots;
}

// Draws of a new title before one whose slug is already taken is accepted (and gets its `-N`).
const FRESH_TITLE_TRIES = 20;
// The archive's longest title.
const LONGEST_TITLE = 341;

/** A title of the category: a recurring one as drawn, any other new to the site when it can be (its slug not yet taken). */
function draftTitle(random: Random, era: Era, category: string, date: string, slugs: SlugRegistry): Draft {
  const kinds = new Map(TITLE_KINDS[era][category].map(([weight, maker]) => [maker, weight]));
  for (let tries = 1; ; tries++) {
    const draft = weighted(random, kinds)(random, date);
    const fits = draft.title.length <= LONGEST_TITLE;
    if (fits && (draft.recurring || tries >= FRESH_TITLE_TRIES || !slugs.has(sanitizeTitle(draft.title)))) return draft;
  }
}

/** The no-break spaces titles carry: before the last word, and in "Joe Biden". */
function withNoBreakSpaces(random: Random, title: string): string {
  let result = title;
  if (random() < JOE_NBSP_SHARE) result = result.replace('Joe ', `Joe${NBSP}`);
  const last = result.lastIndexOf(' ');
  if (last > 0 && random() < LAST_WORD_NBSP_SHARE) result = `${result.slice(0, last)}${NBSP}${result.slice(last + 1)}`;
  return result;
}

/** A title as published with a doubled space, or a trailing one. */
function withStraySpace(random: Random, title: string): string {
  const spaces = [...title.matchAll(/ /g)].map((match) => match.index);
  if (spaces.length === 0 || random() < 0.3) return `${title} `;
  const at = pick(random, spaces);
  return `${title.slice(0, at)} ${title.slice(at)}`;
}

/** An earlier version of a title, whose slug differs: a word the editor later added, or a typo later fixed. */
function earlierTitle(random: Random, title: string): string | undefined {
  const words = title.split(' ');
  for (let tries = 0; tries < 5; tries++) {
    const at = between(random, 1, words.length - 1);
    const word = words[at];
    const earlier = [...words];
    if (random() < 0.5 && words.length > 3) earlier.splice(at, 1);
    else if (/^[a-z]{5,}$/i.test(word)) earlier[at] = `${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}`;
    const candidate = earlier.join(' ');
    if (sanitizeTitle(candidate) !== sanitizeTitle(title)) return candidate;
  }
  return undefined;
}

function sourceUrl(era: Era, category: string, date: string, slug: string): string {
  const [yyyy, mm, dd] = date.split('-');
  return era === 'archive'
    ? `https://bidenwhitehouse.archives.gov/briefing-room/${category}/${yyyy}/${mm}/${dd}/${slug}/`
    : `https://www.whitehouse.gov/${category}/${yyyy}/${mm}/${slug}/`;
}

/** A page as first published: what its captures share. */
interface Page {
  readonly index: number;
  readonly era: Era;
  readonly category: string;
  readonly date: string;
  readonly title: string;
  readonly firstTitle: string;
  readonly tags: string | readonly string[];
  readonly slug: string;
  readonly sourceUrl: string;
  readonly body: BodyKind;
  readonly extension: string;
}

function newPage(random: Random, index: number, era: Era, date: string, planned: Plan, slugs: SlugRegistry): Page {
  const { options } = planned;
  const categories = planned.weights.get(era)!;
  const category = weighted(random, categories);
  const draft = draftTitle(random, era, category, date, slugs);
  let title = withNoBreakSpaces(random, draft.title);
  if (random() < options.spacedTitleShare) title = withStraySpace(random, title);
  const firstTitle = (random() < options.editedTitleShare && earlierTitle(random, title)) || title;
  const slug = slugs.claim(sanitizeTitle(firstTitle));
  const others = [...categories.keys()].filter((other) => other !== category);
  const tags = random() < options.listTagsShare ? [category, ...(others.length > 0 && random() < TWO_TAGS_SHARE ? [pick(random, others)] : [])] : category;
  const extension = random() < options.txtShare ? 'txt' : 'md';
  return { index, era, category, date, title, firstTitle, tags, slug, sourceUrl: sourceUrl(era, category, date, slug), body: draft.body, extension };
}

/**
 * A second capture of a page: a current URL has no day, so the capture is of another day of its
 * month; a briefing-room URL has the day, so the capture is kept beside the first under the other
 * extension.
 */
function secondCapture(random: Random, page: Page): Page {
  if (page.era === 'archive') return { ...page, extension: page.extension === 'md' ? 'txt' : 'md' };
  const { first, last } = ERA_DAYS.current;
  const [year, month] = page.date.split('-').map(Number);
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const days = Array.from({ length }, (_, day) => `${page.date.slice(0, 8)}${String(day + 1).padStart(2, '0')}`)
    .filter((day) => day !== page.date && day >= first && day <= last);
  return { ...page, date: pick(random, days) };
}

/** A wall time on `date` from 05:00 (clocks change at 02:00), most often in the afternoon. */
function publishedWallTime(random: Random, date: string): string {
  const minute = Math.floor(((random() + random()) / 2) * 19 * 60) + 5 * 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:${pad(between(random, 0, 59))}`;
}

/** Minutes from `low` to `high`, as likely in each order of magnitude. */
function logUniform(random: Random, low: number, high: number): number {
  return Math.exp(Math.log(low) + random() * (Math.log(high) - Math.log(low)));
}

/** When the page was last modified, written in published_time's offset: mostly minutes to a year later, sometimes before it went live. */
function modifiedTime(random: Random, publishedMs: number, offset: EasternOffset): string {
  const earlier = random() < EARLIER_MODIFIED_SHARE;
  const minutes = earlier ? -logUniform(random, 1, 3 * 24 * 60) : logUniform(random, 1, 400 * 24 * 60);
  return wallTimeIn(Math.round((publishedMs + minutes * MINUTE_MS) / 1000) * 1000, offset);
}

/** Pure: the readouts, in date order, deterministic for the options and seed. */
export function generateCorpus(given: CorpusOptions): GeneratedReadout[] {
  const planned = plan(given);
  const { options } = planned;
  const random = createRandom(options.seed);
  // Each site (each era) gives its own slugs.
  const slugs = new Map<Era, SlugRegistry>([['archive', new SlugRegistry()], ['current', new SlugRegistry()]]);
  // Pages captured once so far: each is captured at most twice, as in the archive.
  const capturedOnce: Page[] = [];
  const readouts: GeneratedReadout[] = [];
  schedule(options.count, planned.weights).forEach(({ era, date }, index) => {
    const every = options.duplicateUrlEvery;
    const isCopy = every !== undefined && (index + 1) % every === 0;
    let page: Page;
    if (isCopy) {
      page = secondCapture(random, capturedOnce.splice(Math.floor(random() * capturedOnce.length), 1)[0]);
    } else {
      page = newPage(random, index, era, date, planned, slugs.get(era)!);
      capturedOnce.push(page);
    }
    const offset = newYorkOffsetOn(page.date);
    const published = `${publishedWallTime(random, page.date)}${offset}`;
    const modified = random() < options.modifiedTimeShare ? modifiedTime(random, instantOf(published.slice(0, 19), offset), offset) : undefined;
    const fields: Record<string, FrontMatterValue> = {
      date: page.date,
      published_time: { timestamp: published },
      source_url: page.sourceUrl,
      tags: page.tags,
      title: page.title,
      ...(modified === undefined ? {} : { modified_time: { timestamp: modified } }),
    };
    const endMark = !OWN_ENDINGS.has(page.body) && random() < (END_MARK_SHARE.get(page.category) ?? OTHER_END_MARK_SHARE);
    const lf = `---\n${dumpYaml(fields)}---\n${renderBody(random, page.body, { era: page.era, date: page.date, offset, endMark })}`;
    const text = (random() < options.bomShare ? '\uFEFF' : '') + (random() < options.crlfShare ? lf.replace(/\n/g, '\r\n') : lf);
    readouts.push({
      relativePath: `${page.category}/${page.date.slice(0, 7)}/${page.date}-${page.slug}.${page.extension}`,
      text,
      title: page.title,
      firstTitle: page.firstTitle,
      sourceUrl: page.sourceUrl,
      slug: page.slug,
      era: page.era,
      category: page.category,
      tags: typeof page.tags === 'string' ? [page.tags] : page.tags,
      date: page.date,
      publishedTime: published,
      ...(modified === undefined ? {} : { modifiedTime: modified }),
      ...(isCopy ? { copyOf: page.index } : {}),
    });
  });
  return readouts;
}

// Enough files in flight to keep the disk busy without running out of file descriptors.
const WRITES_IN_FLIGHT = 64;

/** Writes the readouts under `folder` (created if needed) and returns them. */
export async function writeCorpus(folder: string, options: CorpusOptions): Promise<GeneratedReadout[]> {
  const readouts = generateCorpus(options);
  const folders = new Set(readouts.map((readout) => path.join(folder, path.dirname(readout.relativePath))));
  await Promise.all([...folders].map((dir) => mkdir(dir, { recursive: true })));
  let next = 0;
  const writeNext = async (): Promise<void> => {
    while (next < readouts.length) {
      const readout = readouts[next++];
      await writeFile(path.join(folder, ...readout.relativePath.split('/')), readout.text, 'utf8');
    }
  };
  await Promise.all(Array.from({ length: WRITES_IN_FLIGHT }, writeNext));
  return readouts;
}
