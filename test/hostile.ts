// Documents built to make a check slow (issue 12, sections 2 and 3): each one took seconds, or
// never finished, before the checks were made linear. Shared by the core and protocol tests and by
// `npm run bench`, which times each one from didChange to publishDiagnostics.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MAX_FRONT_MATTER_LENGTH } from '../server/src/core/frontMatter';

const REFERENCE = readFileSync(path.join(__dirname, 'fixtures', 'reference.txt'), 'utf8');

/** The reference readout with one line of its front matter replaced; fails loudly if it is not there. */
function replaceLine(from: string, to: string): string {
  const at = REFERENCE.indexOf(from);
  if (at < 0) throw new Error(`the reference has no ${JSON.stringify(from)}`);
  return REFERENCE.slice(0, at) + to + REFERENCE.slice(at + from.length);
}

const TITLE = /^title: "[^]*?"\n/m;

/** The reference readout with its title replaced by `title`, a line (or lines) of YAML. */
function withTitle(title: string): string {
  return REFERENCE.replace(TITLE, `${title}\n`);
}

/** The reference readout with `lines` added at the end of its front matter. */
function withLines(lines: string): string {
  const close = REFERENCE.indexOf('\n---\n') + 1;
  return REFERENCE.slice(0, close) + lines + REFERENCE.slice(close);
}

export interface HostileDocument {
  readonly name: string;
  readonly text: string;
}

/** Section 2's table: small documents whose checks took seconds. */
export function hostileDocuments(): HostileDocument[] {
  return [
    // Collection-valued keys nested 27 deep: the parser's string form of the key doubles per level.
    { name: '`? ` ×27 (complex keys)', text: withLines(`${'? '.repeat(27)}\n`) },
    { name: '`{`×26 `a` `}`×26 `: 1`', text: withLines(`${'{'.repeat(26)}a${'}'.repeat(26)}: 1\n`) },
    { name: 'a title with 2,000 doubled spaces', text: withTitle(`title: ${'a  '.repeat(2_000)}z`) },
    { name: 'a 20 KB title with 2,000 `\\_` escapes', text: withTitle(`title: "${'Word\\_ of '.repeat(2_000)}"`) },
    { name: 'a 990 KB title with 99,000 `\\_` escapes', text: withTitle(`title: "${'Word\\_ of '.repeat(99_000)}"`) },
    { name: '100,000 duplicate keys', text: withLines('title: x\n'.repeat(100_000)) },
    { name: '100,000 unknown keys', text: withLines(Array.from({ length: 100_000 }, (_, i) => `k${i.toString(36)}: 1\n`).join('')) },
    { name: '16,000 misspelt tags', text: replaceLine('tags: statements-releases\n', `tags:\n${'- statement-releases\n'.repeat(16_000)}`) },
  ];
}

/** How many times `line` fits into the front matter of `make(lines)` within the size limit. */
function fill(line: string, make: (lines: string) => string): string {
  const room = MAX_FRONT_MATTER_LENGTH - frontMatterLength(make(''));
  return make(line.repeat(Math.floor(room / line.length)));
}

function frontMatterLength(text: string): number {
  return text.indexOf('\n---\n', 4) + 1 - '---\n'.length;
}

/** The same mistakes as many times as the size limit allows: every one is checked, and each kind reported at most 100 times. */
export function atTheLimit(): HostileDocument[] {
  const keys = Array.from({ length: 10_000 }, (_, i) => `k${i.toString(36)}: 1\n`).join('');
  return [
    { name: 'a title of doubled spaces up to the limit', text: fill('a  ', (spaces) => withTitle(`title: ${spaces}z`)) },
    { name: 'duplicate keys up to the limit', text: fill('title: x\n', withLines) },
    { name: 'unknown keys up to the limit', text: withLines(keys.slice(0, keys.lastIndexOf('\n', MAX_FRONT_MATTER_LENGTH - frontMatterLength(REFERENCE)) + 1)) },
    { name: 'misspelt tags up to the limit', text: fill('- statement-releases\n', (items) => replaceLine('tags: statements-releases\n', `tags:\n${items}`)) },
    // The yaml parser's slowest shapes per character: a token every two characters, a line every one.
    { name: 'a flow list of one-letter tags up to the limit', text: fill('a,', (items) => replaceLine('tags: statements-releases\n', `tags: [${items}a]\n`)) },
    { name: 'blank lines up to the limit', text: fill('\n', withLines) },
  ];
}

/** An indicator (`-`, `?`, `:`) and the whitespace after it, nested by repetition. */
export const NESTING_INDICATORS = ['-', '?', ':'] as const;
export const NESTING_SEPARATORS = [' ', '\t', '\n'] as const;

/**
 * A readout whose `tags` value nests `depth` levels (section 3): `indicator` and `separator`
 * repeated, or with a line break, each level on a line of its own indented one more column.
 */
export function deeplyNested(indicator: string, separator: string, depth: number): string {
  const levels = separator === '\n'
    ? `${Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}${indicator}\n`).join('')}${' '.repeat(depth)}`
    : `${indicator}${separator}`.repeat(depth);
  return replaceLine('tags: statements-releases\n', `tags:\n${levels}x\n`);
}

/** The reference readout with a body of `chars` characters or more, of `line` repeated. */
export function withBody(line: string, chars: number): string {
  const close = REFERENCE.indexOf('\n---\n') + '\n---\n'.length;
  return REFERENCE.slice(0, close) + line.repeat(Math.ceil(chars / line.length));
}

/** The preview's two hostile bodies: 50 MB of prose, and 4 MB of `---` lines (each a thematic break). */
export function hostileBodies(): HostileDocument[] {
  const prose = REFERENCE.slice(REFERENCE.indexOf('\n---\n') + '\n---\n'.length);
  return [
    { name: 'a 50 MB body', text: withBody(prose, 50 * 1024 * 1024) },
    { name: '4 MB of `---` lines', text: withBody('---\n', 4 * 1024 * 1024) },
  ];
}
