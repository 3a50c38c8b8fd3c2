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
  const scalars = new Map<string, Scalar[]>();
  let key: string | undefined;
  let open: Scalar | undefined;
  let listed = false;
  for (let at = block.content.start; at < block.content.end;) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 || newline > block.content.end ? block.content.end : newline;
    const lineEnd = text[end - 1] === '\r' ? end - 1 : end;
    const line = text.slice(at, lineEnd);
    if (line === '' || /[ \t]$/.test(line) || line.includes('\t') || line.includes('\r')) return undefined;
    if (line.startsWith(' ')) {
      // A folded continuation of the value above.
      if (!open) return undefined;
      open.end = lineEnd;
    } else if (line.startsWith('- ')) {
      if (key === undefined || !listed || line[2] === ' ') return undefined;
      open = { start: at + 2, end: lineEnd };
      scalars.get(key)!.push(open);
    } else {
      const match = /^([A-Za-z_][A-Za-z0-9_]*):(?: |$)/.exec(line);
      if (!match) return undefined;
      key = match[1];
      const list: Scalar[] = [];
      scalars.set(key, list);
      listed = line.length === match[0].length;
      // PyYAML writes one space after the colon; another would start the value's range later.
      if (line[match[0].length] === ' ') return undefined;
      open = listed ? undefined : { start: at + match[0].length, end: lineEnd };
      if (open) list.push(open);
    }
    at = end + 1;
  }
  const decoded = new Map<string, IndexedValue[]>();
  const position = createLineIndex(text.slice(0, block.content.end));
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
  const lines = source.split(/\r?\n/);
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
