import matter from 'gray-matter';
import { isCollection, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { createLineIndex } from './lineIndex';
import { findStrayQuotes, strayQuoteMessage, type StrayQuote } from './strayQuotes';
import { span, type Span } from './types';

/** Where the front matter sits in a document. */
export interface FrontMatterBlock {
  /** The opening `---` line, without its line break. */
  readonly open: Span;
  /** The closing `---` or `...` line, or undefined when the block is never closed. */
  readonly close: Span | undefined;
  /** The YAML source between the delimiter lines (its last line break included). */
  readonly content: Span;
}

/** A top-level `key: value` pair of the front matter, in document offsets. */
export interface Field {
  readonly name: string;
  readonly keyNode: Node;
  readonly key: Span;
  /** The value node, or undefined when nothing follows the colon. */
  readonly value: Span | undefined;
  readonly valueNode: Node | undefined;
  /** From the key to the end of the value's last line, line break included: what to move or delete. */
  readonly lines: Span;
}

export interface YamlProblem {
  readonly code: 'yaml-syntax' | 'duplicate-key' | 'front-matter-too-large';
  readonly message: string;
  readonly span: Span;
  /** The top-level field the problem is about, if it is about one. */
  readonly field?: string;
}

/** A document parsed once; every feature reads from this. */
export interface ParsedReadout {
  readonly text: string;
  readonly block: FrontMatterBlock | undefined;
  /** The parsed YAML, when the block is closed. Node ranges are relative to `yamlOffset`. */
  readonly yaml: Document.Parsed | undefined;
  readonly yamlOffset: number;
  /** Top-level fields in source order; a repeated key appears each time. */
  readonly fields: readonly Field[];
  /** Each top-level field by name; for a repeated key, the last (its value wins). */
  readonly fieldsByName: ReadonlyMap<string, Field>;
  readonly problems: readonly YamlProblem[];
  /** The front matter as plain data, when it parsed without syntax errors (duplicate keys and readable stray quotes allowed). */
  readonly data: unknown;
  readonly parsed: boolean;
  /** Fields whose value opens a quote that is never closed: they are not in `data`, and no rule judges them. */
  readonly unreadable: ReadonlySet<string>;
  /** Whether the front matter holds a character outside ASCII: fixes write such characters raw only then. */
  readonly nonAscii: boolean;
}

export interface ParseOptions {
  /**
   * The fields a readout may have (the schema's keys). After a quote that is never closed, the rest
   * is still read when the line that ends the value starts one of these: a line a person meant as
   * part of the value would not start with a known field. Without them, nothing past it is read.
   */
  readonly knownFields?: readonly string[];
}

const BOM = '\uFEFF';
const DELIMITER_LINE = /^---[ \t]*\r?$/;
const DOCUMENT_END_LINE = /^\.\.\.[ \t]*\r?$/m;
const MAX_ALIAS_COUNT = 100;
const NON_ASCII = /[^\u0000-\u007f]/;
// Values typed as written (YAML 1.2 core schema). The parser never prints: a host shows a language
// server's console as errors. `silent` would also drop its error for a second document.
const YAML_OPTIONS = { version: '1.2', schema: 'core', prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error' } as const;
// Real front matter is a few hundred characters (the longest title has 341). Every check is linear
// in this length, the yaml parser's constant the largest: 32,000 characters of its slowest shape (a
// flow list of 16,000 one-letter tags, each an unknown value) take the whole check about 300 ms on
// a shared 2-core machine, near the 250 ms a check may take (`npm run bench`, "Hostile documents").
export const MAX_FRONT_MATTER_LENGTH = 32_000;
// yaml parses nesting by recursion: from about 700 levels it runs out of stack, and past a few
// thousand V8 can abort the whole process while it does (a fatal error no try/catch sees). No
// readout nests more than two levels; refusing past this bound keeps far from that.
const MAX_NESTING_DEPTH = 200;

// gray-matter without options caches every input for the life of the process, and picks an engine
// from the text after the opening `---` (`---js` would eval the block). Passing options disables
// the cache; the stub engines make gray-matter only locate the block, never parse or run it.
const noParse = { parse: () => ({}), stringify: () => '' };
const GRAY_MATTER_OPTIONS = {
  language: 'yaml',
  engines: { yaml: noParse, json: noParse, toml: noParse, javascript: noParse, js: noParse, coffee: noParse },
};
// gray-matter's own pass over a block takes time that grows with the square of its blank lines
// (32,000 took it 1.9 s, 4,000 took 30 ms): a longer head, ten times any real readout's, is read
// here by the same rule, the `\n---` that starts the first line beginning with `---`.
const GRAY_MATTER_MAX_HEAD = 4_096;

/**
 * The yaml package's parseDocument, without a stack trace for each error it makes: a front matter
 * of 20,000 stray brackets is 20,000 errors, and their stack traces were four fifths of its time
 * (170 ms of 210). The limit is V8's, for the whole process: it is set back before anything else runs.
 */
export function parseYaml(source: string, options: Parameters<typeof parseDocument>[1]): Document.Parsed {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocument(source, options);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline;
}

function trimCarriageReturn(text: string, start: number, end: number): Span {
  return span(start, end > start && text[end - 1] === '\r' ? end - 1 : end);
}

/** The start of the first line from `from` on that starts with `---` (gray-matter's notion of a closing line) or is `...`. */
function closingCandidate(text: string, from: number): number {
  for (let at = from; at < text.length; at = lineEnd(text, at) + 1) {
    if (text.startsWith('---', at) || DOCUMENT_END_LINE.test(text.slice(at, lineEnd(text, at)))) return at;
  }
  return -1;
}

/** The start of the first line from `from` on that is `---` or `...` (trailing blanks allowed), or -1. */
function delimiterLine(text: string, from: number): number {
  for (let at = from; at < text.length; at = lineEnd(text, at) + 1) {
    const line = text.slice(at, lineEnd(text, at));
    if (DELIMITER_LINE.test(line) || DOCUMENT_END_LINE.test(line)) return at;
  }
  return -1;
}

/** Finds the front-matter block: a first line `---` (after an optional BOM), closed by `---` or `...`. */
export function findFrontMatter(text: string): FrontMatterBlock | undefined {
  const start = text.startsWith(BOM) ? 1 : 0;
  const firstLineEnd = lineEnd(text, start);
  if (!DELIMITER_LINE.test(text.slice(start, firstLineEnd))) return undefined;
  const open = trimCarriageReturn(text, start, firstLineEnd);
  const contentStart = Math.min(firstLineEnd + 1, text.length);

  // The block as gray-matter (and the static-site tools built on it) reads it, from just after the
  // opening `---` to the `\n` before the first line that starts with `---`. It is given the text
  // only as far as that line: its answer is the same, and it costs nothing per character of body
  // (gray-matter hashes and copies its input).
  const candidate = closingCandidate(text, firstLineEnd + 1);
  const head = text.slice(0, candidate === -1 ? firstLineEnd + 1 : lineEnd(text, candidate) + 1);
  let contentEnd: number;
  if (head.length <= GRAY_MATTER_MAX_HEAD) {
    contentEnd = start + '---'.length + (matter(head, GRAY_MATTER_OPTIONS) as { matter: string }).matter.length + 1;
  } else {
    const closing = head.indexOf('\n---', start + '---'.length);
    contentEnd = (closing === -1 ? head.length : closing) + 1;
  }
  // YAML's own document-end marker `...` also closes the block; gray-matter does not know it.
  const documentEnd = DOCUMENT_END_LINE.exec(text.slice(contentStart, Math.min(contentEnd, text.length)));
  if (documentEnd) contentEnd = contentStart + documentEnd.index;

  if (contentEnd >= head.length) return { open, close: undefined, content: span(contentStart, text.length) };
  const closeLineEnd = lineEnd(text, contentEnd);
  const closeLine = text.slice(contentEnd, closeLineEnd);
  if (!DELIMITER_LINE.test(closeLine) && !DOCUMENT_END_LINE.test(closeLine)) {
    // gray-matter stops at a line that merely starts with `---` (`----`, `---foo`); YAML reads it
    // as content, so the block runs on to the next line that is a delimiter.
    const next = delimiterLine(text, closeLineEnd + 1);
    if (next === -1) return { open, close: undefined, content: span(contentStart, text.length) };
    return { open, close: trimCarriageReturn(text, next, lineEnd(text, next)), content: span(contentStart, next) };
  }
  return { open, close: trimCarriageReturn(text, contentEnd, closeLineEnd), content: span(contentStart, contentEnd) };
}

const isBlank = (char: string | undefined) => char === ' ' || char === '\t';

/**
 * The key a line of front matter starts with (`key: value`, `key:`, `"key": value`), read
 * without a YAML parse, in one pass: a regular expression would backtrack over long runs of spaces.
 */
export function lineKey(line: string): string | undefined {
  const first = line[0];
  // A list item (`- a: b`) has no key of the block's own.
  if (first === undefined || first === '#' || first === ':' || /\s/.test(first) || (first === '-' && isBlank(line[1]))) return undefined;
  let name: string;
  let colon: number;
  if (first === '"' || first === "'") {
    const close = line.indexOf(first, 1);
    if (close === -1) return undefined;
    name = line.slice(1, close);
    colon = close + 1;
    while (isBlank(line[colon])) colon++;
    if (line[colon] !== ':') return undefined;
  } else {
    colon = line.indexOf(':');
    if (colon === -1) return undefined;
    let nameEnd = colon;
    while (isBlank(line[nameEnd - 1])) nameEnd--;
    name = line.slice(0, nameEnd);
  }
  const next = line[colon + 1];
  return next === undefined || isBlank(next) || (next === '\r' && colon + 2 === line.length) ? name : undefined;
}

/** The first key of the block, read from the raw text so that non-readouts cost no YAML parse. */
export function firstKey(text: string, block: FrontMatterBlock): string | undefined {
  let offset = block.content.start;
  while (offset < block.content.end) {
    const end = lineEnd(text, offset);
    const line = text.slice(offset, end);
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return lineKey(line);
    offset = end + 1;
  }
  return undefined;
}

/** A key's name. A list or mapping used as a key is never turned into text: its string form can double in length per level of nesting. */
function keyName(key: unknown): string {
  if (isCollection(key)) return '';
  return isScalar(key) ? String(key.value) : String(key ?? '');
}

const MAX_KEY_EXCERPT = 40;

/** What a field is called in the outline: its key's name, or for a list or mapping used as a key the start of its source. */
function fieldName(text: string, keyNode: Node, key: Span): string {
  if (!isCollection(keyNode)) return keyName(keyNode);
  const source = text.slice(key.start, Math.min(key.end, key.start + MAX_KEY_EXCERPT + 1)).replace(/\s+/g, ' ').trim();
  return source.length > MAX_KEY_EXCERPT ? `${source.slice(0, MAX_KEY_EXCERPT)}…` : source;
}

function toSpan(range: readonly number[] | null | undefined, offset: number): Span | undefined {
  return range ? span(range[0] + offset, range[1] + offset) : undefined;
}

function collectFields(text: string, yaml: Document.Parsed, offset: number, contentEnd: number): Field[] {
  if (!isMap(yaml.contents)) return [];
  const pairs = yaml.contents.items as Pair<unknown, unknown>[];
  return pairs.flatMap((pair, index) => {
    const keyNode = pair.key as Node | null;
    const key = toSpan(keyNode?.range, offset);
    if (!key) return [];
    const valueNode = (pair.value ?? undefined) as Node | undefined;
    // A value that is present in the source has a non-empty range.
    const value = valueNode?.range && valueNode.range[1] > valueNode.range[0] ? toSpan(valueNode.range, offset) : undefined;
    const nextKey = (pairs[index + 1]?.key as Node | null)?.range;
    const linesStart = lineStart(text, key.start);
    // Mid-typing, the next key can be on this key's line: then the field has no lines of its own.
    const linesEnd = Math.max(linesStart, nextKey ? lineStart(text, nextKey[0] + offset) : contentEnd);
    return [{ name: fieldName(text, keyNode!, key), keyNode: keyNode!, key, value, valueNode, lines: span(linesStart, linesEnd) }];
  });
}

const MAX_PATH_LENGTH = 80;

const COLLECTION_KEY_MESSAGE = 'A key must be text, not a list or a set of fields (`? `, `[...]` or `{...}` before the colon). Write each field as `key: value`.';

/**
 * Every repeated key, each reported on the repeat: a top-level field by its name, a key inside a
 * value (a custom schema may allow mappings) with where it is, as `author.links[1]`; and every
 * list or mapping used as a key, a syntax error here: the data cannot hold it without turning it
 * into text, whose length can double per level. Walked with a stack, not recursion, and the path
 * is cut short past MAX_PATH_LENGTH: the nesting of a front matter is bounded only by its length.
 * Linear: yaml's own check (uniqueKeys) is quadratic.
 */
function keyProblems(root: unknown, offset: number): YamlProblem[] {
  const within = (path: string, segment: string) => (path.length + segment.length <= MAX_PATH_LENGTH ? path + segment : path.endsWith('…') ? path : `${path}…`);
  const problems: YamlProblem[] = [];
  // `field` is the top-level field a node belongs to; the root has none.
  const pending: { node: unknown; path: string; field: string | undefined }[] = [{ node: root, path: '', field: undefined }];
  while (pending.length > 0) {
    const { node, path, field } = pending.pop()!;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = toSpan((pair.key as Node | null)?.range, offset);
        if (isCollection(pair.key)) {
          if (key) problems.push({ code: 'yaml-syntax', message: COLLECTION_KEY_MESSAGE, span: key });
          continue;
        }
        const name = keyName(pair.key);
        if (seen.has(name) && key) {
          const message = field === undefined ? `The field '${name}' appears more than once. Keep one of them.` : `The key '${name}' appears more than once in '${path}'. Keep one of them.`;
          problems.push({ code: 'duplicate-key', message, span: key, field: field ?? name });
        }
        seen.add(name);
        pending.push({ node: pair.value, path: field === undefined ? name : within(path, `.${name}`), field: field ?? name });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => pending.push({ node: item, path: within(path, `[${index}]`), field }));
    }
  }
  // The stack visits the last items first: report in source order.
  return problems.sort((a, b) => a.span.start - b.span.start);
}

/** Whether a list or mapping is used as a key anywhere in a parsed tree: turning it into data would turn the key into text. */
export function hasCollectionKey(root: unknown): boolean {
  return keyProblems(root, 0).some((problem) => problem.code === 'yaml-syntax');
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Parses a document's front matter with source ranges, values typed as written (YAML 1.2 core schema). */
export function parseReadout(text: string, block: FrontMatterBlock | undefined = findFrontMatter(text), options: ParseOptions = {}): ParsedReadout {
  // Read once here, not for each of the fixes that ask (a hundred misspelt tags have 14 each).
  const nonAscii = block !== undefined && NON_ASCII.test(text.slice(block.content.start, Math.min(block.content.end, block.content.start + MAX_FRONT_MATTER_LENGTH + 1)));
  const empty = { text, block, yaml: undefined, yamlOffset: 0, fields: [], fieldsByName: new Map(), problems: [], data: undefined, parsed: false, unreadable: new Set<string>(), nonAscii };
  if (!block || !block.close) return empty;

  const offset = block.content.start;
  const source = text.slice(offset, block.content.end);
  if (source.length > MAX_FRONT_MATTER_LENGTH) {
    const problem: YamlProblem = { code: 'front-matter-too-large', message: `The front matter is ${source.length.toLocaleString('en-US')} characters long: too large to check (the limit is ${MAX_FRONT_MATTER_LENGTH.toLocaleString('en-US')}). A readout's front matter holds a few short fields.`, span: block.open };
    return { ...empty, problems: [problem] };
  }
  if (tooDeeplyNested(source)) {
    const problem: YamlProblem = { code: 'front-matter-too-large', message: `The front matter nests lists or mappings more than ${MAX_NESTING_DEPTH} levels deep: too deep to check. A readout's front matter holds a few short fields.`, span: block.open };
    return { ...empty, problems: [problem] };
  }
  const strays = findStrayQuotes(source);
  const known = new Set(options.knownFields ?? []);
  // With each stray quote's value blanked, the rest reads as written: sound when the line after
  // the value starts a known field or the list's next item, which nobody meant as part of it.
  const readable = strays.every(({ endedBy }) => endedBy.kind === 'end' || endedBy.kind === 'item' || (endedBy.kind === 'field' && known.has(endedBy.name)));
  // Repeated keys are found by keyProblems below, in linear time (yaml's uniqueKeys is quadratic).
  const yaml = parseYaml(readable ? blankValues(source, strays) : source, YAML_OPTIONS);
  const fields = collectFields(text, yaml, offset, block.content.end);
  const fieldsByName = new Map(fields.map((found) => [found.name, found]));
  const unreadable = new Set(strays.map((stray) => stray.field));
  const strayProblems = strayQuoteProblems(text, source, offset, strays);
  if (!readable) {
    // The parser's own errors are consequences of the quote: they would be reported far from it.
    return { text, block, yaml, yamlOffset: offset, fields, fieldsByName, problems: strayProblems, data: undefined, parsed: false, unreadable, nonAscii };
  }
  const syntax: YamlProblem[] = [];
  // An unclosed `[` or `{` is reported where the parser gave up: mark the bracket itself.
  const openers = unclosedBrackets(source, yaml.errors.filter((error) => FLOW_ERROR.test(error.message)).map((error) => error.pos[0]));
  const marked = new Set<string>();
  for (const error of yaml.errors) {
    const [start, end] = error.pos;
    const opener = FLOW_ERROR.test(error.message) ? openers.get(start) : undefined;
    const at = opener === undefined ? clampSpan(text, start + offset, end + offset, block.content) : span(opener + offset, opener + offset + 1);
    // The parser can report one mistake twice over the same characters: keep the first.
    if (marked.has(`${at.start}:${at.end}`)) continue;
    marked.add(`${at.start}:${at.end}`);
    syntax.push({ code: 'yaml-syntax', message: yamlMessage(error.code, error.message, source.slice(start, end)), span: at });
  }
  for (const warning of yaml.warnings) {
    const [start, end] = warning.pos;
    syntax.push({ code: 'yaml-syntax', message: yamlMessage(warning.code, warning.message, source.slice(start, end)), span: clampSpan(text, start + offset, end + offset, block.content) });
  }
  const keys = keyProblems(yaml.contents, offset);
  syntax.push(...keys.filter((problem) => problem.code === 'yaml-syntax'));
  const problems: YamlProblem[] = [...strayProblems, ...keys.filter((problem) => problem.code === 'duplicate-key'), ...syntax];
  // Duplicate keys leave the data readable, and so do stray quotes once their values are blanked.
  const parsed = syntax.length === 0;
  let data: unknown;
  if (parsed) {
    try {
      data = withoutFields(yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), unreadable);
    } catch (error) {
      problems.push({ code: 'yaml-syntax', message: aliasMessage(error), span: clampSpan(text, offset, offset, block.content) });
      return { text, block, yaml, yamlOffset: offset, fields, fieldsByName, problems, data: undefined, parsed: false, unreadable, nonAscii };
    }
  }
  return { text, block, yaml, yamlOffset: offset, fields, fieldsByName, problems, data, parsed, unreadable, nonAscii };
}

/** Each stray quote as a problem on the quote itself; `offset` is where the source starts in the text. */
function strayQuoteProblems(text: string, source: string, offset: number, strays: readonly StrayQuote[]): YamlProblem[] {
  if (strays.length === 0) return [];
  const position = createLineIndex(text.slice(0, offset + source.length));
  return strays.map((stray) => ({
    code: 'yaml-syntax',
    message: strayQuoteMessage(source, stray, (at) => position(at + offset)),
    span: span(stray.quote + offset, stray.quote + offset + 1),
    field: stray.field,
  }));
}

/** The source with each stray quote's value turned to spaces, line breaks kept: the value reads as empty, every offset stays. */
function blankValues(source: string, strays: readonly StrayQuote[]): string {
  let result = '';
  let from = 0;
  for (const stray of strays) {
    result += source.slice(from, stray.quote) + source.slice(stray.quote, stray.valueEnd).replace(/[^\r\n]/g, ' ');
    from = stray.valueEnd;
  }
  return result + source.slice(from);
}

function withoutFields(data: unknown, names: ReadonlySet<string>): unknown {
  if (names.size === 0 || data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([name]) => !names.has(name)));
}

/** Whether a YAML text may nest too deeply for the yaml package to parse it safely (see MAX_NESTING_DEPTH). */
export function tooDeeplyNested(source: string): boolean {
  return nestingDepth(source) > MAX_NESTING_DEPTH;
}

/**
 * An upper bound on how deeply a YAML text nests collections, in one linear pass: per line, its
 * indentation (a column counts as a level, a tab too), plus each `-`, `?` or `:` followed by
 * whitespace (a space, a tab, a line break or the end: whatever YAML separates an indicator with),
 * plus the `[` and `{` open at that point. Quoted text and comments are counted too: the bound is
 * loose, never short, which is all it needs to be. Only `\n` ends a line: the parser reads a lone
 * `\r` as part of the line.
 */
function nestingDepth(source: string): number {
  let deepest = 0;
  let flow = 0;
  let lineDepth = 0;
  let indenting = true;
  for (let at = 0; at < source.length; at++) {
    const ch = source[at];
    if (ch === '\n') {
      lineDepth = 0;
      indenting = true;
      continue;
    }
    if (isWhitespace(ch)) {
      if (indenting) lineDepth++;
      continue;
    }
    indenting = false;
    if ((ch === '-' || ch === '?' || ch === ':') && (at + 1 === source.length || isWhitespace(source[at + 1]) || source[at + 1] === '\n')) lineDepth++;
    else if (ch === '[' || ch === '{') flow++;
    else if ((ch === ']' || ch === '}') && flow > 0) flow--;
    deepest = Math.max(deepest, lineDepth + flow);
  }
  return deepest;
}

const isWhitespace = (char: string) => char === ' ' || char === '\t' || char === '\r';

const FLOW_ERROR = /^Flow (sequence|mapping)/;

/** For each of `ends`, the offset of the last `[` or `{` before it that is never closed, skipping quoted text: one pass for all. */
function unclosedBrackets(source: string, ends: readonly number[]): Map<number, number> {
  const found = new Map<number, number>();
  const sorted = [...ends].sort((a, b) => a - b);
  const open: number[] = [];
  let quote: string | undefined;
  let next = 0;
  for (let at = 0; next < sorted.length; at++) {
    for (; next < sorted.length && (sorted[next] <= at || at >= source.length); next++) {
      if (open.length > 0) found.set(sorted[next], open[open.length - 1]);
    }
    if (at >= source.length) break;
    const ch = source[at];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '[' || ch === '{') {
      open.push(at);
    } else if (ch === ']' || ch === '}') {
      open.pop();
    } else if (ch === '\n') {
      quote = undefined;
    }
  }
  return found;
}

/**
 * Keeps a YAML error inside the block; an error at a point marks the visible character there or
 * before it. The parser counts UTF-16 units: its span is widened to whole characters, so that it
 * never starts or ends between the halves of a surrogate pair.
 */
function clampSpan(text: string, start: number, end: number, within: Span): Span {
  const clampedStart = Math.max(within.start, Math.min(start, within.end));
  const clampedEnd = Math.max(clampedStart, Math.min(end, within.end));
  if (clampedEnd > clampedStart && !/^[\r\n]*$/.test(text.slice(clampedStart, clampedEnd))) return wholeCharacters(text, clampedStart, clampedEnd);
  if (clampedStart < within.end && !/\s/.test(text[clampedStart])) return wholeCharacters(text, clampedStart, clampedStart + 1);
  let back = clampedStart - 1;
  while (back >= within.start && /\s/.test(text[back])) back--;
  return back >= within.start ? wholeCharacters(text, back, back + 1) : span(clampedStart, clampedEnd);
}

function wholeCharacters(text: string, start: number, end: number): Span {
  const splits = (at: number) => isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at));
  return span(splits(start) ? start - 1 : start, splits(end) ? end + 1 : end);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function aliasMessage(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `The front matter could not be read: ${reason.replace(/\.$/, '')}. Front matter needs no anchors or aliases (&name, *name); write the values out.`;
}

function yamlMessage(code: string, message: string, source: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'YAML does not allow tabs for indentation: indent with spaces.';
    case 'TAG_RESOLVE_FAILED':
      return `${message.replace(/\.$/, '')}. Front matter needs no YAML tags: remove '${source.split(/\s/)[0]}'.`;
    case 'BLOCK_AS_IMPLICIT_KEY':
      return "A value with ': ' in it must be quoted, for example title: 'FACT SHEET: ...'.";
    case 'MULTILINE_IMPLICIT_KEY':
      return 'A key must fit on one line, and each field needs a colon after its key: `key: value`.';
    default:
      return `YAML syntax error: ${message.replace(/\.$/, '')}.`;
  }
}

function pairIn(node: unknown, name: string): Pair<unknown, unknown> | undefined {
  if (!isMap(node)) return undefined;
  // On a repeated key the last pair is the one whose value the data holds.
  for (let index = node.items.length - 1; index >= 0; index--) {
    if (keyName(node.items[index].key) === name) return node.items[index] as Pair<unknown, unknown>;
  }
  return undefined;
}

/** Finds the node at a path of keys and indexes, as in an ajv instancePath. */
export function nodeAtPath(readout: ParsedReadout, path: readonly (string | number)[]): Node | undefined {
  if (path.length === 0) return (readout.yaml?.contents ?? undefined) as Node | undefined;
  let node: unknown = readout.fieldsByName.get(String(path[0]))?.valueNode;
  for (const segment of path.slice(1)) {
    node = isSeq(node) ? node.items[Number(segment)] : pairIn(node, String(segment))?.value;
  }
  return (node ?? undefined) as Node | undefined;
}

/** The key node of the pair at `path`, for errors about a key rather than its value. */
export function keyAtPath(readout: ParsedReadout, path: readonly (string | number)[]): Node | undefined {
  if (path.length === 1) return readout.fieldsByName.get(String(path[0]))?.keyNode;
  return (pairIn(nodeAtPath(readout, path.slice(0, -1)), String(path[path.length - 1]))?.key ?? undefined) as Node | undefined;
}

export function nodeSpan(readout: ParsedReadout, node: Node | undefined): Span | undefined {
  return toSpan(node?.range, readout.yamlOffset);
}

/** The field that holds the value (last occurrence of a repeated key). */
export function field(readout: ParsedReadout, name: string): Field | undefined {
  return readout.fieldsByName.get(name);
}
