// The outline of one readout: the front matter and its fields, then the body's Markdown headings.
import MarkdownIt from 'markdown-it';
import { isScalar, isSeq, type Node } from 'yaml';
import { nodeSpan, type Field, type FrontMatterBlock, type ParsedReadout } from './frontMatter';
import { span, type Span } from './types';

export interface DocumentSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: 'field' | 'heading' | 'frontMatter';
  /** The whole symbol: a field's key and value, a heading's section, without trailing whitespace. */
  readonly span: Span;
  /** What to reveal and highlight: the key, the heading's text, the opening `---`. */
  readonly selectionSpan: Span;
  readonly children: readonly DocumentSymbol[];
}

const FRONT_MATTER_NAME = 'front matter';
const MAX_DETAIL_LENGTH = 80;

/** The outline: the front matter and its fields, then the body's headings nested by level. */
export function documentSymbols(readout: ParsedReadout): DocumentSymbol[] {
  const { text, block } = readout;
  if (!block) return headingSymbols(text, text.startsWith('\uFEFF') ? 1 : 0);
  const frontMatter = frontMatterSymbol(readout, block);
  if (!block.close) return [frontMatter];
  return [frontMatter, ...headingSymbols(text, nextLineStart(text, block.close.end))];
}

function frontMatterSymbol(readout: ParsedReadout, block: FrontMatterBlock): DocumentSymbol {
  const end = block.close ? block.close.end : trimmedEnd(readout.text, block.open.end, block.content.end);
  return {
    name: FRONT_MATTER_NAME,
    kind: 'frontMatter',
    span: span(block.open.start, end),
    selectionSpan: block.open,
    children: readout.fields.map((field) => fieldSymbol(readout, field)),
  };
}

function fieldSymbol(readout: ParsedReadout, field: Field): DocumentSymbol {
  const detail = field.value === undefined ? undefined : valueText(readout, field.valueNode);
  return {
    name: field.name,
    ...(detail === undefined ? {} : { detail: shorten(detail) }),
    kind: 'field',
    // The field's lines run to the next key's line: the symbol stops at their last character, and
    // holds its key at least (mid-typing, the next key can be on the key's own line).
    span: span(field.key.start, Math.max(field.key.end, trimmedEnd(readout.text, field.key.end, field.lines.end))),
    selectionSpan: field.key,
    children: [],
  };
}

/** A value as text: a scalar's parsed value, a list's items joined, anything else as written. */
function valueText(readout: ParsedReadout, node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (isScalar(node)) return node.value === null ? '' : String(node.value);
  if (isSeq(node)) return node.items.map((item) => valueText(readout, item as Node | null) ?? '').join(', ');
  const written = nodeSpan(readout, node);
  return written && readout.text.slice(written.start, written.end);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_DETAIL_LENGTH ? oneLine : `${oneLine.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
}

function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** The offset after the last non-whitespace character of [from, to), or `from`. */
function trimmedEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text[end - 1])) end--;
  return end;
}

interface Heading {
  readonly level: number;
  readonly name: string;
  /** Where its first line's text starts (the `#` of an ATX heading): where its section starts. */
  readonly start: number;
  readonly selectionSpan: Span;
}

// markdown-it reads the body as the preview does (and as VS Code's Markdown outline does): headings
// inside block quotes and list items included, none inside code. Its time grows with the body, so
// the outline lists the headings of the body's first 200,000 characters (the preview shows as much).
const MAX_OUTLINED_BODY_LENGTH = 200_000;

/** ATX (`#`) and setext (`===`, `---` under a paragraph) headings of the body from `from`. */
function findHeadings(text: string, from: number): Heading[] {
  let end = text.length;
  if (end - from > MAX_OUTLINED_BODY_LENGTH) end = Math.max(text.lastIndexOf('\n', from + MAX_OUTLINED_BODY_LENGTH) + 1, from);
  const body = text.slice(from, end);
  const lineStarts = [0];
  for (let at = body.indexOf('\n'); at !== -1; at = body.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const lineText = (line: number) => body.slice(lineStarts[line], line + 1 < lineStarts.length ? lineStarts[line + 1] : body.length).replace(/\r?\n$/, '');
  const tokens = new MarkdownIt('default', { html: false, linkify: false, typographer: false }).parse(body, {});
  const headings: Heading[] = [];
  tokens.forEach((token, index) => {
    const inline = tokens[index + 1];
    if (token.type !== 'heading_open' || !token.map || !inline) return;
    const [first, after] = token.map;
    const level = Number(token.tag.slice(1));
    const lines = inline.content.split('\n');
    if (token.markup.startsWith('#')) {
      // `## Text ##`, after any container marks (`> `, `- `): the text is after the opening marks.
      const line = lineText(first);
      const marks = line.search(/#/);
      const textStart = lines[0] === '' ? marks + token.markup.length : line.indexOf(lines[0], marks + token.markup.length);
      const lineStart = from + lineStarts[first];
      headings.push({ level, name: inline.content, start: lineStart + marks, selectionSpan: span(lineStart + textStart, lineStart + textStart + inline.content.length) });
    } else {
      // The paragraph's lines, then the underline: the selection runs from its first character to its last.
      const firstStart = from + lineStarts[first] + lineText(first).indexOf(lines[0]);
      const last = lineText(after - 2);
      const lastEnd = from + lineStarts[after - 2] + last.lastIndexOf(lines[lines.length - 1]) + lines[lines.length - 1].length;
      headings.push({ level, name: lines.join(' '), start: firstStart, selectionSpan: span(firstStart, lastEnd) });
    }
  });
  // Editors refuse a symbol without a name: an empty `#` heading stays inside the section before it.
  return headings.filter((heading) => heading.name !== '');
}

interface Section {
  readonly heading: Heading;
  readonly children: DocumentSymbol[];
}

/** Headings nested by level; each one's span runs to the last character before the next heading of its level or above. */
function headingSymbols(text: string, from: number): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const open: Section[] = [];
  const close = (end: number) => {
    const section = open.pop()!;
    const symbol: DocumentSymbol = {
      name: section.heading.name,
      kind: 'heading',
      span: span(section.heading.start, trimmedEnd(text, section.heading.start, end)),
      selectionSpan: section.heading.selectionSpan,
      children: section.children,
    };
    (open.at(-1)?.children ?? roots).push(symbol);
  };
  for (const heading of findHeadings(text, from)) {
    while (open.length > 0 && open[open.length - 1].heading.level >= heading.level) close(lineStartOf(text, heading.start));
    open.push({ heading, children: [] });
  }
  while (open.length > 0) close(text.length);
  return roots;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
