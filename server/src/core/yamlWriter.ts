// Writes front-matter values byte for byte as PyYAML 6 does with
// `yaml.dump(meta, allow_unicode=False)` (block style, indent 2, width 80), so that an edit keeps
// the archive's format.
import { parseDocument } from 'yaml';

export interface WriteOptions {
  /** Write printable non-ASCII as is, as PyYAML's `allow_unicode=True` does (hand-written files). */
  readonly allowUnicode?: boolean;
  /** PyYAML's `width`: the column past which long scalars are folded. */
  readonly width?: number;
  /** The indentation of the line the value starts on (its mapping's, or its list's): continuation lines go 2 columns further in. */
  readonly indent?: number;
  /** The column of the value's first character, when it is not right after `key: ` at the mapping's indentation. */
  readonly column?: number;
  /** Inside a flow collection (`{…}`, `[…]`): flow indicators need quotes, and nothing is folded over lines. */
  readonly flow?: boolean;
}

type Style = 'plain' | 'single' | 'double';

interface ScalarAnalysis {
  readonly empty: boolean;
  readonly multiline: boolean;
  /** Plain is possible in block context (PyYAML's `allow_block_plain`). */
  readonly allowPlain: boolean;
  readonly allowSingle: boolean;
}

interface Settings {
  readonly allowUnicode: boolean;
  readonly width: number;
  readonly indent: number;
  readonly flow: boolean;
}

const DEFAULT_WIDTH = 80;
/** Continuation lines of a top-level value or of a top-level list item. */
const INDENT = 2;
/** After `- `: PyYAML does not indent a list under a mapping key. */
const LIST_ITEM_COLUMN = 2;
/** PyYAML writes longer keys, and multi-line or empty ones, as complex `? key` entries. */
const MAX_SIMPLE_KEY_LENGTH = 127;

const LINE_BREAKS = new Set(['\n', '\x85', '\u2028', '\u2029']);
// PyYAML's allow_unicode lets NEL, LS and PS stand raw inside single quotes as line breaks, but
// YAML 1.2 readers do not take them as breaks: they are always escaped here.
const UNICODE_LINE_BREAKS = new Set(['\x85', '\u2028', '\u2029']);
const WHITESPACE = new Set(['\0', ' ', '\t', '\r', ...LINE_BREAKS]);
const LEADING_INDICATORS = new Set('#,[]{}&*!|>\'"%@`');
const INDICATORS_BEFORE_SPACE = new Set('?:-');
// PyYAML's flow indicators: anywhere in a plain scalar they end it inside `{…}` or `[…]`.
const FLOW_INDICATORS = new Set(',?[]{}:');
const SPACE_OR_BREAK_RUNS = /( +|\n+)/;
const SPACE_RUNS = /( +)/;

// PyYAML's implicit resolvers (YAML 1.1 as PyYAML reads it): a plain scalar matching one of these
// is not a string, so a string with that text must be quoted.
const PYYAML_IMPLICIT_TYPES: readonly RegExp[] = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^<<$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
  /^=$/,
];

// Besides PyYAML, our own YAML 1.2 parser and YAML 1.1 loaders such as js-yaml (checked through the
// yaml package's 1.1 schema) must read a plain scalar back as the same string. PyYAML leaves
// `1e3`, `0o17` or `y` plain; they do not read those as strings, so they are quoted here.
const READER_VERSIONS = ['1.1', '1.2'] as const;

const NAMED_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\0', '0'], ['\x07', 'a'], ['\b', 'b'], ['\t', 't'], ['\n', 'n'], ['\v', 'v'], ['\f', 'f'],
  ['\r', 'r'], ['\x1b', 'e'], ['"', '"'], ['\\', '\\'], ['\x85', 'N'], ['\xa0', '_'],
  ['\u2028', 'L'], ['\u2029', 'P'],
]);
const ALWAYS_ESCAPED = new Set(['"', '\\', '\x85', '\u2028', '\u2029', '\uFEFF']);

const STYLE_BY_YAML_TYPE: ReadonlyMap<string, Style> = new Map([
  ['PLAIN', 'plain'],
  ['QUOTE_SINGLE', 'single'],
  ['QUOTE_DOUBLE', 'double'],
]);

/**
 * `key: value` as PyYAML writes it (a string or a list of strings): lines at the mapping's
 * indentation, each ending with '\n'; with `flow`, a pair of a flow mapping, on no line of its own.
 */
export function writeField(key: string, value: string | readonly string[], options?: WriteOptions): string {
  const settings = settingsOf(options);
  const writtenKey = writeKey(key, settings);
  const column = settings.indent + columnAfterKey(writtenKey);
  if (settings.flow) {
    const written = typeof value === 'string' ? writeScalar(value, styleFor(value, settings), column, settings) : `[${value.map((item) => writeScalar(item, styleFor(item, settings), 0, settings)).join(', ')}]`;
    return `${writtenKey}: ${written}`;
  }
  const pad = ' '.repeat(settings.indent);
  if (typeof value === 'string') {
    return `${pad}${writtenKey}: ${writeScalar(value, styleFor(value, settings), column, settings)}\n`;
  }
  if (value.length === 0) return `${pad}${writtenKey}: []\n`;
  const items = value.map((item) => `${pad}- ${writeScalar(item, styleFor(item, settings), settings.indent + LIST_ITEM_COLUMN, settings)}\n`);
  return `${pad}${writtenKey}:\n${items.join('')}`;
}

/** The scalar text alone, as it would follow `key: ` (continuation lines included, no trailing newline). */
export function writeValue(key: string, value: string, options?: WriteOptions): string {
  return writeValueInStyle(key, value, undefined, options);
}

/**
 * Rewrites a value keeping an existing scalar's quoting style ('PLAIN' | 'QUOTE_SINGLE' |
 * 'QUOTE_DOUBLE', as the yaml package's Scalar.type names them) when that style can hold the new
 * value; otherwise falls back to writeValue's choice.
 */
export function writeValueInStyle(key: string, value: string, style: string | undefined, options?: WriteOptions): string {
  const settings = settingsOf(options);
  const kept = style === undefined ? undefined : STYLE_BY_YAML_TYPE.get(style);
  const chosen = kept !== undefined && canHold(kept, value, settings) ? kept : styleFor(value, settings);
  return writeScalar(value, chosen, options?.column ?? settings.indent + columnAfterKey(writeKey(key, settings)), settings);
}

function settingsOf(options: WriteOptions | undefined): Settings {
  const width = options?.width;
  const flow = options?.flow ?? false;
  return {
    allowUnicode: options?.allowUnicode ?? false,
    // PyYAML ignores a width not above twice the indent.
    width: flow ? Infinity : width !== undefined && width > 2 * INDENT ? width : DEFAULT_WIDTH,
    indent: options?.indent ?? 0,
    flow,
  };
}

/** The column of the value's first character: after `key`, the colon and a space. */
function columnAfterKey(writtenKey: string): number {
  return codePointLength(writtenKey) + 2;
}

function writeKey(key: string, settings: Settings): string {
  const analysis = analyzeScalar(key, settings);
  if (analysis.empty || analysis.multiline || codePointLength(key) > MAX_SIMPLE_KEY_LENGTH) {
    throw new RangeError(`PyYAML would write the key ${JSON.stringify(key)} as a complex key, which front matter does not use`);
  }
  // Simple keys are never folded.
  return writeScalar(key, chooseStyle(analysis, key), 0, { ...settings, width: Infinity });
}

function styleFor(value: string, settings: Settings): Style {
  return chooseStyle(analyzeScalar(value, settings), value);
}

function chooseStyle(analysis: ScalarAnalysis, value: string): Style {
  if (analysis.allowPlain && readsBackAsString(value)) return 'plain';
  return analysis.allowSingle ? 'single' : 'double';
}

function canHold(style: Style, value: string, settings: Settings): boolean {
  if (style === 'double') return true;
  const analysis = analyzeScalar(value, settings);
  return style === 'single' ? analysis.allowSingle : analysis.allowPlain && readsBackAsString(value);
}

/** PyYAML's `analyze_scalar`, reduced to what block context needs. */
function analyzeScalar(value: string, settings: Settings): ScalarAnalysis {
  const chars = Array.from(value);
  if (chars.length === 0) return { empty: true, multiline: false, allowPlain: true, allowSingle: true };
  const multiline = chars.some((ch) => LINE_BREAKS.has(ch));
  const special = chars.some((ch) => isSpecial(ch, settings.allowUnicode));
  const spaceNextToBreak = chars.some((ch, i) => i > 0 && isSpaceNextToBreak(chars[i - 1], ch));
  // In flow context a line break is written escaped, in double quotes: no line of a value is folded there.
  const allowSingle = !special && !spaceNextToBreak && !(settings.flow && multiline);
  const flowIndicator = settings.flow && chars.some((ch) => FLOW_INDICATORS.has(ch));
  const allowPlain = allowSingle && !multiline && !flowIndicator && !hasEdgeWhitespace(chars) && !hasBlockIndicator(chars);
  return { empty: false, multiline, allowPlain, allowSingle };
}

/** A character no plain or single-quoted scalar may hold, so it forces double quotes. */
function isSpecial(ch: string, allowUnicode: boolean): boolean {
  if (ch === '\n' || isPrintableAscii(ch)) return false;
  return !(allowUnicode && !UNICODE_LINE_BREAKS.has(ch) && isPrintableUnicode(ch.codePointAt(0) ?? 0));
}

function isPrintableAscii(ch: string): boolean {
  return ch >= ' ' && ch <= '~';
}

function isPrintableUnicode(codePoint: number): boolean {
  if (codePoint === 0xfeff) return false;
  return (codePoint >= 0xa0 && codePoint <= 0xd7ff)
    || (codePoint >= 0xe000 && codePoint <= 0xfffd)
    // PyYAML's range stops short of U+10FFFF.
    || (codePoint >= 0x10000 && codePoint < 0x10ffff);
}

function isSpaceNextToBreak(previous: string, ch: string): boolean {
  return (previous === ' ' && LINE_BREAKS.has(ch)) || (LINE_BREAKS.has(previous) && ch === ' ');
}

function hasEdgeWhitespace(chars: readonly string[]): boolean {
  const isSpaceOrBreak = (ch: string): boolean => ch === ' ' || LINE_BREAKS.has(ch);
  return isSpaceOrBreak(chars[0]) || isSpaceOrBreak(chars[chars.length - 1]);
}

/** Characters that would make a plain scalar mean something else in block context. */
function hasBlockIndicator(chars: readonly string[]): boolean {
  const start = chars.slice(0, 3).join('');
  if (start === '---' || start === '...') return true;
  return chars.some((ch, i) => {
    const followedByWhitespace = i + 1 >= chars.length || WHITESPACE.has(chars[i + 1]);
    if (i === 0) return LEADING_INDICATORS.has(ch) || (INDICATORS_BEFORE_SPACE.has(ch) && followedByWhitespace);
    return (ch === ':' && followedByWhitespace) || (ch === '#' && WHITESPACE.has(chars[i - 1]));
  });
}

/**
 * A word of letters, `-` and `_` that starts with a letter (a tag, a category): no YAML 1.1 or 1.2
 * type but the booleans and null reads one, so it reads back as itself unless it is one of those.
 * A misspelt tag offers its 14 choices as fixes; each read back by the parser took two parses.
 */
const PLAIN_WORD = /^[A-Za-z][A-Za-z_-]*$/;
const WORDS_READ_AS_OTHER_TYPES = /^(?:[yYnN]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

/** Whether a plain scalar `text` reads back as the string itself for PyYAML and for YAML 1.1 and 1.2 readers. */
export function readsBackAsString(text: string): boolean {
  if (PLAIN_WORD.test(text)) return !WORDS_READ_AS_OTHER_TYPES.test(text);
  return parsesBackAsString(text);
}

/** readsBackAsString by PyYAML's implicit types and the yaml package's parse in both versions: what it does for any text. */
export function parsesBackAsString(text: string): boolean {
  if (PYYAML_IMPLICIT_TYPES.some((type) => type.test(text))) return false;
  return READER_VERSIONS.every((version) => {
    const document = parseDocument(text, { version });
    return document.errors.length === 0 && document.toJS() === text;
  });
}

/** The text being written and the column it has reached, in code points as PyYAML counts. */
class ScalarOutput {
  text = '';

  constructor(public column: number, readonly width: number, readonly continuation: number) {}

  write(data: string): void {
    this.text += data;
    this.column += codePointLength(data);
  }

  breakLine(): void {
    this.text += '\n';
    this.column = 0;
  }

  /** PyYAML's `write_indent`: a new line, unless already at the start of one, then the indent. */
  indent(): void {
    if (this.column > 0) this.breakLine();
    this.write(' '.repeat(this.continuation));
  }
}

function writeScalar(value: string, style: Style, column: number, settings: Settings): string {
  const out = new ScalarOutput(column, settings.width, settings.indent + INDENT);
  if (style === 'plain') writePlain(out, value);
  else if (style === 'single') writeSingleQuoted(out, value);
  else writeDoubleQuoted(out, Array.from(value), settings.allowUnicode);
  return out.text;
}

/** A single space met past the width becomes a line break; plain scalars hold no line breaks. */
function writePlain(out: ScalarOutput, value: string): void {
  for (const run of value.split(SPACE_RUNS)) {
    if (run === ' ' && out.column > out.width) out.indent();
    else out.write(run);
  }
}

function writeSingleQuoted(out: ScalarOutput, value: string): void {
  out.write("'");
  let offset = 0;
  for (const run of value.split(SPACE_OR_BREAK_RUNS)) {
    const inside = offset > 0 && offset + run.length < value.length;
    if (run === ' ' && inside && out.column > out.width) out.indent();
    else if (run[0] === '\n') writeLineBreaks(out, run.length);
    else out.write(run.replaceAll("'", "''"));
    offset += run.length;
  }
  out.write("'");
}

/** Inside quotes one line break reads as a space, so n breaks are written as n + 1. */
function writeLineBreaks(out: ScalarOutput, count: number): void {
  for (let i = 0; i <= count; i++) out.breakLine();
  out.indent();
}

/**
 * Escapes as PyYAML does, and folds where it does: at a space, or right after an escape, once the
 * text not yet written would carry the line past the width. A line ends with `\`; a continuation
 * that starts with a space starts with `\` so the space is kept.
 */
function writeDoubleQuoted(out: ScalarOutput, chars: readonly string[], allowUnicode: boolean): void {
  out.write('"');
  let start = 0;
  for (let end = 0; end <= chars.length; end++) {
    const ch = end < chars.length ? chars[end] : undefined;
    if (ch === undefined || mustEscape(ch, allowUnicode)) {
      out.write(chars.slice(start, end).join(''));
      if (ch !== undefined) {
        out.write(escape(ch));
        start = end + 1;
      }
    }
    const foldable = end > 0 && end < chars.length - 1 && (ch === ' ' || start >= end);
    if (foldable && out.column + (end - start) > out.width) {
      out.write(`${chars.slice(start, end).join('')}\\`);
      start = Math.max(start, end);
      out.indent();
      if (chars[start] === ' ') out.write('\\');
    }
  }
  out.write('"');
}

function mustEscape(ch: string, allowUnicode: boolean): boolean {
  if (ALWAYS_ESCAPED.has(ch)) return true;
  if (isPrintableAscii(ch)) return false;
  // Even with allow_unicode PyYAML escapes characters beyond the BMP inside double quotes.
  const codePoint = ch.codePointAt(0) ?? 0;
  return !(allowUnicode && ((codePoint >= 0xa0 && codePoint <= 0xd7ff) || (codePoint >= 0xe000 && codePoint <= 0xfffd)));
}

function escape(ch: string): string {
  const named = NAMED_ESCAPES.get(ch);
  if (named !== undefined) return `\\${named}`;
  const codePoint = ch.codePointAt(0) ?? 0;
  if (codePoint <= 0xff) return `\\x${hex(codePoint, 2)}`;
  if (codePoint <= 0xffff) return `\\u${hex(codePoint, 4)}`;
  return `\\U${hex(codePoint, 8)}`;
}

function hex(codePoint: number, digits: number): string {
  return codePoint.toString(16).toUpperCase().padStart(digits, '0');
}

function codePointLength(text: string): number {
  return Array.from(text).length;
}
