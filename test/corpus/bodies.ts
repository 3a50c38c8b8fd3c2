// Bodies as pandoc (`markdown_strict`) writes the pages: a line holding a single space, paragraphs
// wrapped at 72 columns, fact sheets with headings and bullets; remarks and briefings end with the
// time, presidential actions with the signature, and most statements with the escaped `\###`.
import { zoneName, type EasternOffset } from './eastern';
import { between, pick, type Random } from './random';
import { LEADERS, longDate, pressSecretary, type BodyKind, type Era, type Leader } from './titles';

/** Who speaks and signs in an era. */
interface Voices {
  readonly president: string;
  readonly signature: string;
  pressSecretary(date: string): string;
}

const VOICES: Readonly<Record<Era, Voices>> = {
  archive: { president: 'President Joseph R. Biden, Jr.', signature: 'JOSEPH R. BIDEN JR.', pressSecretary },
  current: { president: 'President Donald J. Trump', signature: 'DONALD J. TRUMP', pressSecretary: () => 'Karoline Leavitt' },
};

export interface BodyContext {
  readonly era: Era;
  readonly date: string;
  readonly offset: EasternOffset;
  /** Whether the body closes with `\###`. */
  readonly endMark: boolean;
}

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

type Sentence = (random: Random, leader: Leader) => string;

const READOUT_SENTENCES: readonly Sentence[] = [
  (random) => `The two leaders discussed ${pick(random, ISSUES)}.`,
  (random) => `The President reaffirmed the commitment of the United States to ${pick(random, ISSUES)}.`,
  (random) => `They also discussed ${pick(random, ISSUES)} and ${pick(random, ISSUES)}.`,
  (random) => `The leaders committed to continue close coordination on ${pick(random, ISSUES)}.`,
  (random, leader) => `The President thanked ${leader.office} ${leader.name} for the partnership of ${leader.country} on ${pick(random, ISSUES)}.`,
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

const pad = (value: number) => String(value).padStart(2, '0');

/** A time of day as transcripts give it: `9:32 A.M. EDT`. */
function clock(minutes: number, offset: EasternOffset): string {
  const hour = Math.floor(minutes / 60) % 24;
  return `${((hour + 11) % 12) + 1}:${pad(minutes % 60)} ${hour < 12 ? 'A.M.' : 'P.M.'} ${zoneName(offset)}`;
}

/** A transcript: the place, the start time, what was said, and `END` with the time. */
function transcript(random: Random, offset: EasternOffset, said: readonly string[]): string[] {
  const start = between(random, 8 * 60, 20 * 60);
  return [
    pick(random, ['East Room', 'Rose Garden', 'James S. Brady Press Briefing Room', 'South Court Auditorium', 'Aboard Air Force One', 'Mexico City, Mexico']),
    clock(start, offset),
    ...said,
    `END ${clock(start + between(random, 5, 75), offset)}`,
  ];
}

function readoutBody(random: Random, voices: Voices): string[] {
  const leader = pick(random, LEADERS);
  const opening = `${voices.president} ${pick(random, ['met', 'spoke'])} today with ${leader.office} ${leader.name} of ${leader.country} to discuss ${pick(random, ISSUES)}.`;
  return [`${opening} ${paragraph(random, 1, READOUT_SENTENCES, leader)}`, ...paragraphs(random, 1, 4, READOUT_SENTENCES, leader)];
}

function statementBody(random: Random): string[] {
  return paragraphs(random, 2, 5, STATEMENT_SENTENCES);
}

function remarksBody(random: Random, offset: EasternOffset): string[] {
  const [first, ...rest] = statementBody(random);
  return transcript(random, offset, [`THE PRESIDENT: ${first}`, ...rest]);
}

function briefingBody(random: Random, voices: Voices, context: BodyContext): string[] {
  const name = voices.pressSecretary(context.date);
  const speaker = `MS. ${name.split(' ').at(-1)!.toUpperCase()}`;
  const exchanges = Array.from({ length: between(random, 2, 6) }, () => [
    `Q Thank you, ${name.split(' ')[0]}. Will the President ${pick(random, PROMISES.map((promise) => promise.replace('our', 'the')))} this year?`,
    `${speaker}: ${paragraph(random, between(random, 1, 3), STATEMENT_SENTENCES)}`,
  ]);
  return transcript(random, context.offset, [`${speaker}: Good afternoon, everyone. ${paragraph(random, 1, STATEMENT_SENTENCES)}`, ...exchanges.flat()]);
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

/** An order or proclamation: its text, then the President's name in capitals. */
function actionBody(random: Random, voices: Voices): string[] {
  const preamble = `By the authority vested in me as President by the Constitution and the laws of the United States of America, it is hereby ordered as follows: ${paragraph(random, 1, STATEMENT_SENTENCES)}`;
  return [preamble, ...paragraphs(random, 1, 3, STATEMENT_SENTENCES), voices.signature];
}

function legislationBody(random: Random, voices: Voices, date: string): string[] {
  return [`On ${longDate(date)}, ${voices.president.replace(/,.*/, '')} signed into law a bill to ${pick(random, PROMISES)}.`];
}

function blocksOf(random: Random, kind: BodyKind, context: BodyContext): string[] {
  const voices = VOICES[context.era];
  switch (kind) {
    case 'readout': return readoutBody(random, voices);
    case 'statement': return statementBody(random);
    case 'factSheet': return factSheetBody(random);
    case 'remarks': return remarksBody(random, context.offset);
    case 'briefing': return briefingBody(random, voices, context);
    case 'action': return actionBody(random, voices);
    case 'legislation': return legislationBody(random, voices, context.date);
  }
}

const BODY_WIDTH = 72;
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

/** The body of a page: the line holding a single space, the blocks, and the end mark when it has one. */
export function renderBody(random: Random, kind: BodyKind, context: BodyContext): string {
  const blocks = blocksOf(random, kind, context).map(renderBlock);
  return ` \n${[...blocks, ...(context.endMark ? ['\\###'] : [])].join('\n\n')}\n`;
}
