import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { nodeAtPath, nodeSpan, type Field, type ParsedReadout } from './frontMatter';
import { escapeSnippet } from './snippets';
import { span, type DataPath, type Span, type TextEdit } from './types';
import { writeField, writeValueInStyle, type WriteOptions } from './yamlWriter';

const BLOCK_SCALARS: ReadonlySet<string> = new Set(['BLOCK_LITERAL', 'BLOCK_FOLDED']);
/** A block scalar's header: `|` or `>`, its chomping and indentation indicators, then perhaps a comment. */
const BLOCK_HEADER = /^[|>][-+1-9]*([ \t]+#[^\r\n]*)?/;

/** The line break the front matter uses, so inserted lines match their neighbours. */
export function lineBreak(readout: ParsedReadout): string {
  const open = readout.block?.open;
  return open && readout.text[open.end] === '\r' ? '\r\n' : '\n';
}

/** Writes as the file does: raw non-ASCII only where the front matter already has some. */
export function writeOptions(readout: ParsedReadout): WriteOptions {
  return { allowUnicode: readout.nonAscii };
}

/** Shrinks a replacement to the characters that differ, so the rest stays byte for byte. */
export function minimalEdit(text: string, target: Span, newText: string): TextEdit {
  const old = text.slice(target.start, target.end);
  let prefix = 0;
  while (prefix < old.length && prefix < newText.length && old[prefix] === newText[prefix]) prefix++;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < newText.length - prefix && old[old.length - 1 - suffix] === newText[newText.length - 1 - suffix]) suffix++;
  return { span: span(target.start + prefix, target.end - suffix), newText: newText.slice(prefix, newText.length - suffix) };
}

function withLineBreaks(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of the line `offset` is on, before its line break. */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline === -1 ? text.length : newline;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/** How many spaces the line holding `offset` starts with. */
function indentation(text: string, offset: number): number {
  const start = lineStart(text, offset);
  let at = start;
  while (text[at] === ' ') at++;
  return at - start;
}

/** The front matter's top-level mapping, when it is one. */
function topMapping(readout: ParsedReadout) {
  const contents = readout.yaml?.contents;
  return isMap(contents) ? contents : undefined;
}

function isFlow(node: unknown): boolean {
  return (isMap(node) || isSeq(node)) && node.flow === true;
}

/** Whether the node at `path` is inside a flow collection (`{…}`, `[…]`), where it is written otherwise. */
function inFlow(readout: ParsedReadout, path: DataPath): boolean {
  for (let depth = 0; depth < path.length; depth++) {
    if (isFlow(nodeAtPath(readout, path.slice(0, depth)))) return true;
  }
  return false;
}

/**
 * The characters a node's text takes. YAML counts the line breaks after a block scalar (`|`, `>`)
 * in it: its text ends with its last line of content here, so that what replaces or removes it
 * leaves those line breaks, and never joins the next line to it.
 */
function textOf(readout: ParsedReadout, node: Node | undefined): Span | undefined {
  const whole = nodeSpan(readout, node);
  if (!whole || !isScalar(node) || !BLOCK_SCALARS.has(node.type ?? '')) return whole;
  let end = whole.end;
  while (end > whole.start && /\s/.test(readout.text[end - 1])) end--;
  return span(whole.start, Math.min(whole.end, lineEnd(readout.text, end)));
}

/** A value written where `at` is: from its column, continued under its line's indentation, in flow context or not. */
function writtenAt(readout: ParsedReadout, at: number, flow: boolean): WriteOptions {
  const { text } = readout;
  const column = Array.from(text.slice(lineStart(text, at), at)).length;
  return { ...writeOptions(readout), column, indent: indentation(text, at), flow };
}

/**
 * Replaces the scalar at `path` (a field's value or a list item), keeping its quoting style where
 * the new value allows it. A block scalar's chomping would add line breaks the value does not
 * have: it is written in the style PyYAML would pick, on its key's line, its header's comment after it.
 */
function replaceScalar(readout: ParsedReadout, node: Node | undefined, path: DataPath, value: string): TextEdit | undefined {
  const target = textOf(readout, node);
  if (!target || !isScalar(node)) return undefined;
  const block = BLOCK_SCALARS.has(node.type ?? '');
  const options = writtenAt(readout, target.start, inFlow(readout, path));
  const comment = block ? BLOCK_HEADER.exec(readout.text.slice(target.start, target.end))?.[1] ?? '' : '';
  const written = writeValueInStyle(String(path[0]), value, block ? undefined : node.type, options) + comment;
  return minimalEdit(readout.text, target, withLineBreaks(written, lineBreak(readout)));
}

/** Replaces a field's scalar value. */
export function replaceValue(readout: ParsedReadout, target: Field, value: string): TextEdit | undefined {
  return target.value ? replaceScalar(readout, target.valueNode, [target.name], value) : undefined;
}

/** Replaces the scalar at a path into the data (a list item: `['tags', 1]`). */
export function replaceAt(readout: ParsedReadout, path: DataPath, value: string): TextEdit | undefined {
  return replaceScalar(readout, nodeAtPath(readout, path), path, value);
}

/** How the top-level mapping is written: a flow mapping (`{…}`), or lines at an indentation. */
interface Layout {
  readonly flow: boolean;
  readonly indent: number;
}

function layoutOf(readout: ParsedReadout): Layout {
  const first = readout.fields[0];
  return { flow: topMapping(readout)?.flow === true, indent: first ? indentation(readout.text, first.key.start) : 0 };
}

/** A field as the layout has it: a pair of a flow mapping, or a line of its own. */
function asPair(layout: Layout, pair: string): string {
  return layout.flow ? pair : `${' '.repeat(layout.indent)}${pair}\n`;
}

/**
 * Inserts a field at the alphabetical place of `name`, as PyYAML orders keys, where the mapping
 * has its fields: a line at the mapping's indentation, or a pair of a flow mapping. `snippet` is
 * the same field as an LSP snippet.
 */
function insertPair(readout: ParsedReadout, name: string, pair: (layout: Layout) => string, snippet: ((layout: Layout) => string) | undefined): TextEdit {
  const layout = layoutOf(readout);
  const next = readout.fields.find((existing) => existing.name > name);
  const insert = (at: number, around: (written: string) => string): TextEdit => ({
    span: span(at, at),
    newText: around(pair(layout)),
    ...(snippet === undefined ? {} : { snippet: around(snippet(layout)) }),
  });
  const mapping = topMapping(readout);
  if (layout.flow && mapping?.range) {
    if (next) return insert(next.key.start, (written) => `${written}, `);
    const last = readout.fields.at(-1);
    // After the last pair's value, or before the closing brace when there is no value to follow.
    if (last?.value) return insert(last.value.end, (written) => `, ${written}`);
    return insert(readout.yamlOffset + mapping.range[1] - 1, (written) => (last ? `, ${written}` : written));
  }
  const at = next ? next.lines.start : readout.block!.content.end;
  const eol = lineBreak(readout);
  // A block without a final line break (`---` straight after the last value) needs one before the new line.
  const lead = at > 0 && readout.text[at - 1] !== '\n' ? eol : '';
  return insert(at, (written) => lead + withLineBreaks(written, eol));
}

/**
 * Inserts `name: value` at its alphabetical place, written as PyYAML writes it; `selected`: in
 * editors that take snippets, the value is inserted selected, a guess easy to correct.
 */
export function insertField(readout: ParsedReadout, name: string, value: string, selected = false): TextEdit {
  const write = (layout: Layout) => writeField(name, value, { ...writeOptions(readout), ...layout });
  const select = (layout: Layout) => {
    const written = write(layout);
    const start = written.indexOf(': ') + 2;
    const end = layout.flow ? written.length : written.length - 1;
    return `${written.slice(0, start)}\${1:${escapeSnippet(written.slice(start, end))}}${written.slice(end)}`;
  };
  return insertPair(readout, name, write, selected ? select : undefined);
}

/** Inserts `name: ` with a placeholder for a value nobody can derive: `text` as it stands, `snippet` where the cursor goes. */
export function insertPlaceholder(readout: ParsedReadout, name: string, placeholder: { readonly text: string; readonly snippet: string }): TextEdit {
  return insertPair(readout, name, (layout) => asPair(layout, `${name}: ${placeholder.text}`), (layout) => asPair(layout, `${name}: ${placeholder.snippet}`));
}

/** Replaces a key's text (a misspelt field name). */
export function renameKey(readout: ParsedReadout, key: Span, name: string): TextEdit {
  return minimalEdit(readout.text, key, name);
}

/** Deletes a field: its lines, or in a flow mapping its pair and the comma that separates it. */
export function removeField(readout: ParsedReadout, target: Field): TextEdit {
  if (!topMapping(readout)?.flow) return { span: target.lines, newText: '' };
  const index = readout.fields.indexOf(target);
  const next = readout.fields[index + 1];
  if (next) return { span: span(target.key.start, next.key.start), newText: '' };
  const previous = readout.fields[index - 1];
  return { span: span(previous ? pairEnd(readout, previous) : target.key.start, pairEnd(readout, target)), newText: '' };
}

/** Where a flow mapping's pair ends: after its value, or after its colon (if any) when it has none. */
function pairEnd(readout: ParsedReadout, pair: Field): number {
  if (pair.value) return pair.value.end;
  let at = pair.key.end;
  while (/\s/.test(readout.text[at] ?? '')) at++;
  return readout.text[at] === ':' ? at + 1 : pair.key.end;
}

/** Deletes a list item: the line of a block list's `- value`, or a flow list's item and the comma before it. */
export function removeItem(readout: ParsedReadout, path: DataPath): TextEdit | undefined {
  const list = nodeAtPath(readout, path.slice(0, -1));
  const index = Number(path.at(-1));
  if (!isSeq(list)) return undefined;
  const target = textOf(readout, list.items[index] as Node | undefined);
  if (!target) return undefined;
  const { text } = readout;
  if (list.flow) {
    const previous = nodeSpan(readout, list.items[index - 1] as Node | undefined);
    const next = nodeSpan(readout, list.items[index + 1] as Node | undefined);
    return { span: previous ? span(previous.end, target.end) : span(target.start, next ? next.start : target.end), newText: '' };
  }
  const start = lineStart(text, target.start);
  if (!/^[ \t]*-[ \t]+$/.test(text.slice(start, target.start))) return undefined;
  const newline = text.indexOf('\n', target.end);
  return { span: span(start, newline === -1 ? text.length : newline + 1), newText: '' };
}
