import { isScalar } from 'yaml';
import type { Field, ParsedReadout } from './frontMatter';
import { span, type Span, type TextEdit } from './types';
import { writeField, writeValueInStyle, type WriteOptions } from './yamlWriter';

/** The line break the front matter uses, so inserted lines match their neighbours. */
export function lineBreak(readout: ParsedReadout): string {
  const open = readout.block?.open;
  return open && readout.text[open.end] === '\r' ? '\r\n' : '\n';
}

/** Writes as the file does: raw non-ASCII only where the front matter already has some. */
export function writeOptions(readout: ParsedReadout): WriteOptions {
  const block = readout.block;
  const source = block ? readout.text.slice(block.content.start, block.content.end) : '';
  return { allowUnicode: /[^\u0000-\u007f]/.test(source) };
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

/** Replaces a field's scalar value, keeping its quoting style where the new value allows it. */
export function replaceValue(readout: ParsedReadout, target: Field, value: string): TextEdit | undefined {
  if (!target.value) return undefined;
  const style = isScalar(target.valueNode) ? target.valueNode.type : undefined;
  const written = withLineBreaks(writeValueInStyle(target.name, value, style, writeOptions(readout)), lineBreak(readout));
  return minimalEdit(readout.text, target.value, written);
}

/** Where a new top-level field goes: before the first field that sorts after it, as PyYAML orders keys. */
function insertionPoint(readout: ParsedReadout, name: string): number {
  const next = readout.fields.find((existing) => existing.name > name);
  return next ? next.lines.start : readout.block!.content.end;
}

/** Inserts `lines` (the field's, ending with '\n') at the alphabetical place of `name`; `snippet` is the same as an LSP snippet. */
function insertLines(readout: ParsedReadout, name: string, lines: string, snippet: string | undefined): TextEdit {
  const at = insertionPoint(readout, name);
  const eol = lineBreak(readout);
  // A block without a final line break (`---` straight after the last value) needs one before the new line.
  const lead = at > 0 && readout.text[at - 1] !== '\n' ? eol : '';
  return { span: span(at, at), newText: lead + withLineBreaks(lines, eol), ...(snippet === undefined ? {} : { snippet: lead + withLineBreaks(snippet, eol) }) };
}

/** Inserts `name: value` at its alphabetical place, written as PyYAML writes it; `snippet` is the value as an LSP snippet body. */
export function insertField(readout: ParsedReadout, name: string, value: string, snippet?: string): TextEdit {
  return insertLines(readout, name, writeField(name, value, writeOptions(readout)), snippet === undefined ? undefined : `${name}: ${snippet}\n`);
}

/** Inserts `name: ` with a placeholder for a value nobody can derive: `text` as it stands, `snippet` where the cursor goes. */
export function insertPlaceholder(readout: ParsedReadout, name: string, placeholder: { readonly text: string; readonly snippet: string }): TextEdit {
  return insertLines(readout, name, `${name}: ${placeholder.text}\n`, `${name}: ${placeholder.snippet}\n`);
}

/** Replaces a key's text (a misspelt field name). */
export function renameKey(readout: ParsedReadout, key: Span, name: string): TextEdit {
  return minimalEdit(readout.text, key, name);
}

/** Deletes a field with all its lines. */
export function removeField(target: Field): TextEdit {
  return { span: target.lines, newText: '' };
}

/** Replaces the characters of `part`, a span inside a plain or simply quoted value. */
export function replaceInValue(readout: ParsedReadout, target: Field, value: string, part: Span, text: string): TextEdit | undefined {
  return replaceValue(readout, target, value.slice(0, part.start) + text + value.slice(part.end));
}
