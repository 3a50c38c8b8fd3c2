import { createLineIndex, type LineRange } from './lineIndex';
import type { IndexedValue, ReadoutEntry } from './readoutEntry';
import { unescapeDoubleQuoted } from './yamlEscapes';

/**
 * The index entry of a front matter in the layout PyYAML writes (`key: value` lines, values plain,
 * single- or double-quoted and folded onto indented lines, lists as `- item` lines), read without
 * a YAML parser: a workspace scan reads tens of thousands of these, and a full parse is most of
 * its cost. Anything outside that layout (comments, flow or block collections, anchors, tags,
 * blank lines, trailing spaces, values that are not text) gives undefined, and the caller parses
 * the file properly. For what it accepts, it gives exactly the entry a full parse gives.
 */
export function quickEntry(uri: string, text: string): ReadoutEntry | undefined {
  const block = pyyamlBlock(text);
  if (!block) return undefined;
  const { start: contentStart, end: contentEnd } = block.content;
  // No tab anywhere, and no carriage return but before a line feed: checked once for all the lines.
  const tab = text.indexOf('\t', contentStart);
  if (tab !== -1 && tab < contentEnd) return undefined;
  for (let cr = text.indexOf('\r', contentStart); cr !== -1 && cr < contentEnd; cr = text.indexOf('\r', cr + 1)) {
    if (text[cr + 1] !== '\n') return undefined;
  }
  const scalars = new Map<string, Scalar[]>();
  let key: string | undefined;
  let open: Scalar | undefined;
  let listed = false;
  // Lines are read in place, by offsets: a string for each would be garbage for each.
  for (let at = contentStart; at < contentEnd;) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 || newline > contentEnd ? contentEnd : newline;
    const lineEnd = text[end - 1] === '\r' ? end - 1 : end;
    if (lineEnd === at || text[lineEnd - 1] === ' ') return undefined;
    if (text[at] === ' ') {
      // A folded continuation of the value above.
      if (!open) return undefined;
      open.end = lineEnd;
    } else if (text.startsWith('- ', at)) {
      if (key === undefined || !listed || text[at + 2] === ' ') return undefined;
      open = { start: at + 2, end: lineEnd };
      scalars.get(key)!.push(open);
    } else {
      let colon = at;
      if (isKeyStart(text.charCodeAt(colon))) while (isKeyStart(text.charCodeAt(++colon)) || isDigit(text.charCodeAt(colon)));
      // The key's colon ends the line or is followed by one space: PyYAML writes one, and another
      // would start the value's range later.
      if (colon === at || text[colon] !== ':' || (colon + 1 < lineEnd && (text[colon + 1] !== ' ' || text[colon + 2] === ' '))) return undefined;
      key = text.slice(at, colon);
      const list: Scalar[] = [];
      scalars.set(key, list);
      listed = colon + 1 === lineEnd;
      open = listed ? undefined : { start: colon + 2, end: lineEnd };
      if (open) list.push(open);
    }
    at = end + 1;
  }
  const decoded = new Map<string, IndexedValue[]>();
  const position = createLineIndex(text.slice(0, contentEnd));
  for (const [name, list] of scalars) {
    const values: IndexedValue[] = [];
    for (const scalar of list) {
      const value = decodeScalar(text, scalar.start, scalar.end);
      if (value === undefined) return undefined;
      values.push({ value, range: rangeOf(position, scalar) });
    }
    decoded.set(name, values);
  }
  // A list where one value belongs, or an empty value, is not text: the full parse says what it is.
  const single = (name: string): IndexedValue | undefined | null => {
    const values = decoded.get(name);
    if (!values) return undefined;
    return values.length === 1 && scalars.get(name)!.length === 1 && !isList(text, scalars.get(name)![0]) ? values[0] : null;
  };
  const fields = ['title', 'source_url', 'date', 'published_time'].map(single);
  if (fields.includes(null)) return undefined;
  const [title, sourceUrl, date, publishedTime] = fields as (IndexedValue | undefined)[];
  return { uri, title, tags: decoded.get('tags') ?? [], sourceUrl, date, publishedTime };
}

/**
 * The block as PyYAML writes it: `---` alone on the first line and on the closing line, and no
 * other line before the closing one that starts with `---` or is `...`. There, gray-matter and
 * findFrontMatter find the same block; anything else is left to them.
 */
function pyyamlBlock(text: string): { content: { start: number; end: number } } | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const eol = text.startsWith('---\r\n', start) ? 5 : text.startsWith('---\n', start) ? 4 : 0;
  if (eol === 0) return undefined;
  const contentStart = start + eol;
  const close = CLOSING_LINE.exec(text.slice(contentStart));
  if (!close || close.index === 0) return undefined;
  const contentEnd = contentStart + close.index + 1;
  if (!/^---\r?(\n|$)/.test(text.slice(contentEnd, contentEnd + 5))) return undefined;
  return { content: { start: contentStart, end: contentEnd } };
}

// A key is [A-Za-z_][A-Za-z0-9_]*.
const isKeyStart = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

// The first line that starts with `---` or is `...` (searched from just before the content's second line).
const CLOSING_LINE = /\n(?:---|\.\.\.[ \t]*\r?(?:\n|$))/;

interface Scalar {
  readonly start: number;
  end: number;
}

function isList(text: string, scalar: Scalar): boolean {
  return text.startsWith('- ', scalar.start - 2) && (scalar.start === 2 || text[scalar.start - 3] === '\n');
}

function rangeOf(position: (offset: number) => { line: number; character: number }, scalar: Scalar): LineRange {
  return { start: position(scalar.start), end: position(scalar.end) };
}

// Plain text that YAML 1.2's core schema reads as null, a boolean or a number.
const NOT_TEXT = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?\d+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@`\s]/;

/** The value of a scalar written from `start` to `end` (continuation lines included), or undefined outside PyYAML's layout. */
function decodeScalar(text: string, start: number, end: number): string | undefined {
  const source = text.slice(start, end);
  // Lines are joined by one space once the continuation's indentation is dropped (no blank lines here).
  const lines = source.includes('\n') ? source.split(/\r?\n/) : [source];
  switch (source[0]) {
    case "'":
      return singleQuoted(lines);
    case '"':
      return doubleQuoted(lines);
    default: {
      const value = lines.map((line) => trimYamlSpace(line, true)).join(' ');
      if (!PLAIN_START.test(value) || /: |:$| #/.test(value) || NOT_TEXT.test(value) || value.startsWith('---') || value.startsWith('...')) return undefined;
      return value;
    }
  }
}

/**
 * A line without the spaces and tabs at its start (and at its end too with `both`): YAML's white
 * space. JavaScript's trim also takes no-break spaces, U+2028 and U+FEFF, which YAML keeps.
 */
function trimYamlSpace(line: string, both: boolean): string {
  let start = 0;
  while (line[start] === ' ' || line[start] === '\t') start++;
  let end = line.length;
  while (both && end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return line.slice(start, end);
}

function singleQuoted(lines: string[]): string | undefined {
  const joined = lines.map((line, index) => (index === 0 ? line : trimYamlSpace(line, false))).join(' ');
  if (joined.length < 2 || !joined.endsWith("'")) return undefined;
  const inner = joined.slice(1, -1);
  // Inside, a quote is always doubled.
  if (inner.replace(/''/g, '').includes("'")) return undefined;
  return inner.replace(/''/g, "'");
}

function doubleQuoted(lines: string[]): string | undefined {
  let joined = '';
  for (let index = 0; index < lines.length; index++) {
    const line = index === 0 ? lines[index] : trimYamlSpace(lines[index], false);
    // A line ending in an unescaped backslash continues with nothing between; otherwise the break is a space.
    const escapedBreak = index < lines.length - 1 && /(^|[^\\])(\\\\)*\\$/.test(line);
    joined += escapedBreak ? line.slice(0, -1) : index < lines.length - 1 ? `${line} ` : line;
  }
  if (joined.length < 2 || !joined.endsWith('"')) return undefined;
  const inner = joined.slice(1, -1);
  // Every quote inside is escaped (with the escaped backslashes and quotes taken out, none is
  // left), and the closing quote is not itself escaped.
  if (inner.replace(/\\[\\"]/g, '').includes('"') || /(^|[^\\])(\\\\)*\\$/.test(inner)) return undefined;
  return unescapeDoubleQuoted(inner, 'reject');
}
