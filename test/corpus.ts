// A deterministic archive of readouts for index tests, protocol tests and benchmarks, each written
// exactly as the archive stores them (test/fixtures/reference.txt): PyYAML's front matter, a
// pandoc body wrapped at 72 columns, `.md` or `.txt`, some with CRLF line ends or a BOM.
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { easternOffsetOn } from '../server/src/core/easternTime';
import { slugify } from '../server/src/core/slug';
import { BUILTIN_URL_TEMPLATES, fillTemplate } from '../server/src/core/urlTemplates';
import { writeField } from '../server/src/core/yamlWriter';

export interface CorpusOptions {
  readonly count: number;
  readonly seed?: number;
  /** Every n-th readout (the n-th, the 2n-th, ...) is a copy of an earlier one under the same source_url. */
  readonly duplicateUrlEvery?: number;
}

export interface GeneratedReadout {
  /** `yyyy/mm/<index>_<hex>.md|txt`, with `/` separators. */
  readonly relativePath: string;
  /** The file's whole text: BOM and CRLF line ends included when it has them. */
  readonly text: string;
  readonly title: string;
  readonly sourceUrl: string;
  readonly tags: readonly string[];
  readonly date: string;
}

const DEFAULT_SEED = 1;
// Ten a day puts about three hundred readouts in each month's folder.
const READOUTS_PER_DAY = 10;
const FIRST_DAY = Date.UTC(2021, 0, 20);
const DAY_MS = 86_400_000;
const BODY_WIDTH = 72;
const NBSP = '\u00a0';
const CRLF_SHARE = 0.1;
const BOM_SHARE = 0.05;
// The share of readouts whose tags are a list (of one or two), as PyYAML writes a Python list.
const LIST_TAGS_SHARE = 0.15;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// Jen Psaki briefed until May 13, 2022; Karine Jean-Pierre after.
const PSAKI_LAST_DAY = '2022-05-13';

type Random = () => number;

/** mulberry32: small, fast, and the same sequence on every platform. */
function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pad(value: number, digits = 2): string {
  return String(value).padStart(digits, '0');
}

interface Leader {
  readonly office: string;
  readonly name: string;
  readonly country: string;
}

// Names as the archive spells them, accented letters included (slugs transliterate them).
const LEADERS: readonly Leader[] = [
  { office: 'Prime Minister', name: 'Trudeau', country: 'Canada' },
  { office: 'President', name: 'Erdoğan', country: 'Türkiye' },
  { office: 'President', name: 'Lula da Silva', country: 'Brazil' },
  { office: 'Prime Minister', name: 'Sánchez', country: 'Spain' },
  { office: 'Prime Minister', name: 'Støre', country: 'Norway' },
  { office: 'President', name: 'Niinistö', country: 'Finland' },
  { office: 'President', name: 'Čaputová', country: 'Slovakia' },
  { office: 'Prime Minister', name: 'Orbán', country: 'Hungary' },
  { office: 'General Secretary', name: 'Nguyễn Phú Trọng', country: 'Vietnam' },
  { office: 'Prime Minister', name: 'Jakobsdóttir', country: 'Iceland' },
  { office: 'President', name: 'López Obrador', country: 'Mexico' },
  { office: 'President', name: 'Nausėda', country: 'Lithuania' },
  { office: 'Prime Minister', name: 'Kariņš', country: 'Latvia' },
  { office: 'President', name: 'Macron', country: 'France' },
  { office: 'Chancellor', name: 'Scholz', country: 'Germany' },
  { office: 'President', name: 'Zelenskyy', country: 'Ukraine' },
  { office: 'Prime Minister', name: 'Kishida', country: 'Japan' },
  { office: 'President', name: 'Yoon', country: 'the Republic of Korea' },
  { office: 'Prime Minister', name: 'Modi', country: 'India' },
  { office: 'Prime Minister', name: 'Meloni', country: 'Italy' },
  { office: 'Prime Minister', name: 'Albanese', country: 'Australia' },
  { office: 'President', name: 'Ruto', country: 'Kenya' },
  { office: 'Prime Minister', name: 'Mitsotakis', country: 'Greece' },
  { office: 'Taoiseach', name: 'Varadkar', country: 'Ireland' },
  { office: 'President', name: 'Duda', country: 'Poland' },
  { office: 'Prime Minister', name: 'Frederiksen', country: 'Denmark' },
  { office: 'President', name: 'Boric', country: 'Chile' },
  { office: 'President', name: 'Petro', country: 'Colombia' },
  { office: 'Prime Minister', name: 'Sunak', country: 'the United Kingdom' },
  { office: 'President', name: 'Ramaphosa', country: 'South Africa' },
  { office: 'Prime Minister', name: 'Kristersson', country: 'Sweden' },
  { office: 'King', name: 'Abdullah II', country: 'Jordan' },
  { office: 'President', name: 'Widodo', country: 'Indonesia' },
  { office: 'Prime Minister', name: 'Fiala', country: 'the Czech Republic' },
];

const STATEMENT_TOPICS = [
  'the Anniversary of Russia’s Brutal Invasion of Ukraine',
  'the Passage of the Inflation Reduction Act',
  'the Earthquakes in Türkiye and Syria',
  'the Senate Passage of the Bipartisan Infrastructure Law',
  'World AIDS Day',
  'the Election in Colombia',
  'the Shooting in Monterey Park, California',
  'the Anniversary of the Americans with Disabilities Act',
  'the Release of the December Jobs Report',
  'the Death of Pelé',
  'the Nation’s Veterans on Veterans Day',
  'International Women’s Day',
  'Lowering Prescription Drug Costs for Seniors',
  'the Wildfires in Maui',
];

const FACT_SHEETS = [
  'President Biden Announces New Actions to Lower Costs for American Families',
  'Biden-Harris Administration Launches Initiative to Strengthen America’s Supply Chains',
  'The CHIPS and Science Act Will Lower Costs, Create Jobs, Strengthen Supply Chains, and Counter China',
  'United States and Canada Deepen Partnership on Critical Minerals and Clean Energy',
  'President Biden Signs Executive Order to Advance Racial Equity and Support for Underserved Communities Through the Federal Government',
  'Vice President Harris Announces Commitments to Expand Access to Clean Water in São Paulo and Bogotá',
  'Biden-Harris Administration Announces Investments in High-Speed Internet for Every American',
];

const EVENTS = [
  'on the Economy',
  'at a Reception in Honor of Women’s History Month',
  'on the Bipartisan Infrastructure Law',
  'at the Summit for Democracy',
  'at a Campaign Reception in Montréal, Québec',
  'on Protecting Social Security and Medicare',
  'at the National Prayer Breakfast',
  'Before Marine One Departure',
];

const ACTIONS = [
  'Ensuring Responsible Development of Digital Assets',
  'Advancing Racial Equity and Support for Underserved Communities',
  'Tackling the Climate Crisis at Home and Abroad',
  'Strengthening the Security of the Nation’s Critical Infrastructure',
  'Promoting Competition in the American Economy',
];

const OBSERVANCES = ['National Hispanic Heritage Month', 'Women’s History Month', 'Black History Month', 'National Small Business Week', 'World Press Freedom Day', 'National Day of Remembrance for Pearl Harbor'];

const ISSUES = [
  'the continued defense of Ukraine against Russia’s brutal war of aggression',
  'efforts to strengthen supply chains for critical minerals and semiconductors',
  'the climate crisis and the transition to clean energy',
  'regional security and stability',
  'irregular migration and forced displacement throughout the region',
  'the importance of upholding the rules-based international order',
  'economic cooperation and inclusive growth',
  'global health security and pandemic preparedness',
  'food security and humanitarian assistance',
  'the security and humanitarian situation in Haiti',
];

const PROMISES = [
  'lower costs for working families',
  'rebuild our roads, bridges, and ports',
  'create good-paying union jobs',
  'protect the right to vote',
  'keep our communities safe',
  'strengthen our alliances around the world',
];

/** A title and a way to write its body (a duplicate writes a fresh body for the same title). */
interface Draft {
  readonly title: string;
  body(random: Random): string[];
}

interface Kind {
  /** The URL's category, always the first tag. */
  readonly category: string;
  /** A second tag that lists of tags of this kind carry. */
  readonly extraTag?: string;
  draft(random: Random, date: string): Draft;
}

function longDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

function pressSecretary(date: string): { name: string; speaker: string } {
  return date <= PSAKI_LAST_DAY ? { name: 'Jen Psaki', speaker: 'MS. PSAKI' } : { name: 'Karine Jean-Pierre', speaker: 'MS. JEAN-PIERRE' };
}

type Sentence = (random: Random, leader: Leader) => string;

const READOUT_SENTENCES: readonly Sentence[] = [
  (random) => `The two leaders discussed ${pick(random, ISSUES)}.`,
  (random) => `President Biden reaffirmed the commitment of the United States to ${pick(random, ISSUES)}.`,
  (random) => `They also discussed ${pick(random, ISSUES)} and ${pick(random, ISSUES)}.`,
  (random) => `The leaders committed to continue close coordination on ${pick(random, ISSUES)}.`,
  (random, leader) => `President Biden thanked ${leader.office} ${leader.name} for the partnership of ${leader.country} on ${pick(random, ISSUES)}.`,
  (random, leader) => `The President and ${leader.office} ${leader.name} agreed to stay in close touch on ${pick(random, ISSUES)}.`,
];

const STATEMENT_SENTENCES: readonly Sentence[] = [
  (random) => `My Administration will continue to work to ${pick(random, PROMISES)}.`,
  (random) => `Today, we are reminded of the work that remains to ${pick(random, PROMISES)}.`,
  (random) => `Together, we have made historic progress to ${pick(random, PROMISES)} and ${pick(random, PROMISES)}.`,
  (random) => `I call on the Congress to act — to ${pick(random, PROMISES)} and to ${pick(random, PROMISES)}.`,
  (random, leader) => `I spoke with ${leader.office} ${leader.name} of ${leader.country} about ${pick(random, ISSUES)}.`,
  () => 'We will not rest until the job is done.',
  () => 'That is who we are as a Nation.',
];

/** One paragraph of `count` different sentences drawn from `sentences`. */
function paragraph(random: Random, count: number, sentences: readonly Sentence[], leader: Leader = pick(random, LEADERS)): string {
  const drawn = new Set<string>();
  // A few extra draws make up for repeats; a paragraph may come out a sentence short.
  for (let tries = 0; drawn.size < count && tries < 2 * count; tries++) drawn.add(pick(random, sentences)(random, leader));
  return [...drawn].join(' ');
}

function paragraphs(random: Random, min: number, max: number, sentences: readonly Sentence[], leader?: Leader): string[] {
  return Array.from({ length: between(random, min, max) }, () => paragraph(random, between(random, 2, 4), sentences, leader));
}

function readoutBody(random: Random, leader: Leader, met: boolean): string[] {
  const opening = `President Joseph R. Biden, Jr. ${met ? 'met' : 'spoke'} today with ${leader.office} ${leader.name} of ${leader.country} to discuss ${pick(random, ISSUES)}.`;
  return [`${opening} ${paragraph(random, 1, READOUT_SENTENCES, leader)}`, ...paragraphs(random, 1, 4, READOUT_SENTENCES, leader)];
}

function statementBody(random: Random): string[] {
  return paragraphs(random, 2, 5, STATEMENT_SENTENCES);
}

/** Remarks as the archive gives them: the place, the start time, the speech, and `END` with the time. */
function remarksBody(random: Random, date: string): string[] {
  const zone = easternOffsetOn(date) === '-04:00' ? 'EDT' : 'EST';
  const hour = between(random, 1, 11);
  const minute = between(random, 0, 44);
  const [first, ...rest] = statementBody(random);
  return [
    pick(random, ['East Room', 'Rose Garden', 'South Court Auditorium', 'Mexico City, Mexico']),
    `${hour}:${pad(minute)} P.M. ${zone}`,
    `THE PRESIDENT: ${first}`,
    ...rest,
    `END ${hour}:${pad(minute + between(random, 5, 15))} P.M. ${zone}`,
  ];
}

function briefingBody(random: Random, date: string): string[] {
  const { name, speaker } = pressSecretary(date);
  const exchanges = Array.from({ length: between(random, 1, 3) }, () => [
    `Q Thank you, ${name.split(' ')[0]}. Will the President ${pick(random, PROMISES.map((promise) => promise.replace('our', 'the')))} this year?`,
    `${speaker}: ${paragraph(random, between(random, 1, 3), STATEMENT_SENTENCES)}`,
  ]);
  return [`${speaker}: Good afternoon, everyone. ${paragraph(random, 1, STATEMENT_SENTENCES)}`, ...exchanges.flat()];
}

/** A fact sheet: an introduction, then sections with an ATX heading and a bulleted list. */
function factSheetBody(random: Random): string[] {
  const bullet = () => bulletItem(`${pick(random, ['Announcing', 'Launching', 'Expanding'])} new efforts to ${pick(random, PROMISES)}, which will ${pick(random, PROMISES)} and ${pick(random, PROMISES)}.`);
  const sections = Array.from({ length: between(random, 1, 3) }, () => [
    `## ${pick(random, ['Lowering Costs', 'Investing in America', 'Strengthening Supply Chains', 'Tackling the Climate Crisis'])}`,
    Array.from({ length: between(random, 2, 4) }, bullet).join('\n'),
  ]);
  return [paragraph(random, between(random, 2, 3), STATEMENT_SENTENCES), ...sections.flat()];
}

const KINDS: readonly Kind[] = [
  {
    category: 'statements-releases',
    draft(random) {
      const leader = pick(random, LEADERS);
      const met = random() < 0.5;
      return {
        title: `Readout of President Joe Biden’s ${met ? 'Meeting' : 'Call'} with ${leader.office} ${leader.name} of ${leader.country}`,
        body: (bodyRandom) => readoutBody(bodyRandom, leader, met),
      };
    },
  },
  {
    category: 'statements-releases',
    draft: (random) => ({ title: `Statement from President Joe Biden on ${pick(random, STATEMENT_TOPICS)}`, body: statementBody }),
  },
  {
    category: 'statements-releases',
    extraTag: 'presidential-actions',
    draft: (random) => ({ title: `FACT SHEET: ${pick(random, FACT_SHEETS)}`, body: factSheetBody }),
  },
  {
    category: 'speeches-remarks',
    draft(random, date) {
      const leader = pick(random, LEADERS);
      const title = pick(random, [
        `Remarks by President Biden ${pick(random, EVENTS)}`,
        `Remarks by President Biden and ${leader.office} ${leader.name} of ${leader.country} Before Bilateral Meeting`,
        `Remarks by President Biden and ${leader.office} ${leader.name} of ${leader.country} in Joint Press Conference`,
      ]);
      return { title, body: (bodyRandom) => remarksBody(bodyRandom, date) };
    },
  },
  {
    category: 'press-briefings',
    draft(random, date) {
      const title = pick(random, [
        `Press Briefing by Press Secretary ${pressSecretary(date).name}, ${longDate(date)}`,
        `Press Briefing by Press Secretary ${pressSecretary(date).name} and National Security Council Coordinator for Strategic Communications John Kirby`,
      ]);
      return { title, body: (bodyRandom) => briefingBody(bodyRandom, date) };
    },
  },
  {
    category: 'presidential-actions',
    extraTag: 'statements-releases',
    draft(random, date) {
      const title = pick(random, [
        `Executive Order on ${pick(random, ACTIONS)}`,
        `A Proclamation on ${pick(random, OBSERVANCES)}, ${date.slice(0, 4)}`,
        `Memorandum on ${pick(random, ACTIONS)}`,
      ]);
      return { title, body: statementBody };
    },
  },
];

/** Some titles keep the no-break spaces the archive has, as in `Joe Biden` and `of Canada`. */
function withNoBreakSpaces(random: Random, title: string): string {
  let result = title;
  if (random() < 0.4) result = result.replace('Joe ', `Joe${NBSP}`);
  if (random() < 0.2) {
    const last = result.lastIndexOf(' ');
    if (last > 0) result = `${result.slice(0, last)}${NBSP}${result.slice(last + 1)}`;
  }
  return result;
}

function dayOf(index: number): string {
  return new Date(FIRST_DAY + Math.floor(index / READOUTS_PER_DAY) * DAY_MS).toISOString().slice(0, 10);
}

function publishedTime(random: Random, date: string): string {
  return `${date} ${pad(between(random, 7, 22))}:${pad(between(random, 0, 59))}:${pad(between(random, 0, 59))}${easternOffsetOn(date)}`;
}

// Greedy wrapping as pandoc does it: as many words as fit, then a line break instead of the space.
const BODY_LINE = new RegExp(`(.{1,${BODY_WIDTH}})(?: |$)`, 'g');
// A bullet's text starts after `-   ` and its continuation lines after four spaces.
const BULLET_LINE = new RegExp(`(.{1,${BODY_WIDTH - 4}})(?: |$)`, 'g');

/** The text cut into lines by `line` (no word here is longer than a line). */
function wrap(text: string, line: RegExp = BODY_LINE): string {
  return text.replace(line, '$1\n').slice(0, -1);
}

/** Pandoc's bullet: `-` and three spaces, continuation lines indented by four to the same column. */
function bulletItem(text: string): string {
  return `-   ${wrap(text, BULLET_LINE).replace(/\n/g, '\n    ')}`;
}

function renderBlock(block: string): string {
  return block.startsWith('## ') || block.startsWith('-   ') ? block : wrap(block);
}

/** The body: a line holding a single space, the blocks, and the escaped end mark. */
function renderBody(blocks: readonly string[]): string {
  return ` \n${blocks.map(renderBlock).join('\n\n')}\n\n\\###\n`;
}

/** What a readout says, apart from when it was published: a duplicate shares it with its original. */
interface Statement {
  readonly date: string;
  readonly draft: Draft;
  /** As written: one tag, or a list (of one or two). */
  readonly tags: string | readonly string[];
  readonly sourceUrl: string;
}

/** The slug WordPress gives a title already used that day: `-2`, `-3`, ... */
function uniqueUrl(usedUrls: Set<string>, category: string, date: string, title: string): string {
  const slug = slugify(title);
  // The archive's first form, whatever the date.
  const archiveUrl = (withSuffix: string) => fillTemplate(BUILTIN_URL_TEMPLATES[0], { category, yyyy: date.slice(0, 4), mm: date.slice(5, 7), dd: date.slice(8, 10), slug: withSuffix });
  let url = archiveUrl(slug);
  for (let suffix = 2; usedUrls.has(url); suffix++) url = archiveUrl(`${slug}-${suffix}`);
  usedUrls.add(url);
  return url;
}

function newStatement(random: Random, index: number, usedUrls: Set<string>): Statement {
  const kind = pick(random, KINDS);
  const date = dayOf(index);
  const drafted = kind.draft(random, date);
  const draft = { ...drafted, title: withNoBreakSpaces(random, drafted.title) };
  const tags = random() < LIST_TAGS_SHARE ? [kind.category, ...(kind.extraTag ? [kind.extraTag] : [])] : kind.category;
  return { date, draft, tags, sourceUrl: uniqueUrl(usedUrls, kind.category, date, draft.title) };
}

/**
 * The front matter in PyYAML's output: keys sorted, `date` quoted (a string), `published_time`
 * plain (PyYAML wrote a datetime). A briefing-room URL has no space to fold at, so it is one line.
 */
function frontMatter(statement: Statement, published: string, write: typeof writeField): string {
  return `---\n${write('date', statement.date)}published_time: ${published}\nsource_url: ${statement.sourceUrl}\n${write('tags', statement.tags)}${write('title', statement.draft.title)}---\n`;
}

/** writeField remembering what it wrote: dates, tags and most titles repeat, and writing one costs a YAML parse. */
function memoisedWriteField(): typeof writeField {
  const written = new Map<string, string>();
  return (key, value) => {
    const memoKey = `${key}:${JSON.stringify(value)}`;
    let text = written.get(memoKey);
    if (text === undefined) written.set(memoKey, (text = writeField(key, value)));
    return text;
  };
}

function hexId(random: Random): string {
  const word = () => Math.floor(random() * 4_294_967_296).toString(16).padStart(8, '0');
  return word() + word();
}

function checkOptions(options: CorpusOptions): void {
  if (!Number.isInteger(options.count) || options.count < 0) throw new RangeError(`count must be a whole number, not ${options.count}`);
  const every = options.duplicateUrlEvery;
  if (every !== undefined && (!Number.isInteger(every) || every < 2)) throw new RangeError(`duplicateUrlEvery must be a whole number of at least 2, not ${every}`);
}

/** Pure: the readouts, deterministic for a seed; with the same seed and duplicateUrlEvery, a smaller count gives a prefix of a larger one. */
export function generateCorpus(options: CorpusOptions): GeneratedReadout[] {
  checkOptions(options);
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const usedUrls = new Set<string>();
  const statements: Statement[] = [];
  const write = memoisedWriteField();
  const readouts: GeneratedReadout[] = [];
  for (let index = 0; index < options.count; index++) {
    const isDuplicate = options.duplicateUrlEvery !== undefined && (index + 1) % options.duplicateUrlEvery === 0;
    const statement = isDuplicate ? pick(random, statements) : newStatement(random, index, usedUrls);
    if (!isDuplicate) statements.push(statement);
    const lf = frontMatter(statement, publishedTime(random, statement.date), write) + renderBody(statement.draft.body(random));
    const text = (random() < BOM_SHARE ? '\uFEFF' : '') + (random() < CRLF_SHARE ? lf.replace(/\n/g, '\r\n') : lf);
    const extension = random() < 0.5 ? 'md' : 'txt';
    const relativePath = `${statement.date.slice(0, 4)}/${statement.date.slice(5, 7)}/${pad(index, 5)}_${hexId(random)}.${extension}`;
    const tags = typeof statement.tags === 'string' ? [statement.tags] : statement.tags;
    readouts.push({ relativePath, text, title: statement.draft.title, sourceUrl: statement.sourceUrl, tags, date: statement.date });
  }
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
