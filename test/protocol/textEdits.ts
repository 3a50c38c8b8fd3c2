// Position arithmetic and edit application written independently of the server's libraries,
// so that the ranges the server sends are checked against a second implementation.
import type { Position, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

/** Start offsets of each line; LSP ends a line at `\r\n`, `\n` or `\r`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\r' && text[index + 1] === '\n') index++;
    if (char === '\r' || char === '\n') starts.push(index + 1);
  }
  return starts;
}

/** The LSP position (UTF-16 code units) of an offset. */
export function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

function offsetAt(text: string, position: Position): number {
  const starts = lineStarts(text);
  if (position.line >= starts.length) return text.length;
  return Math.min(starts[position.line] + position.character, text.length);
}

/** The range of the first occurrence of `needle` at or after `from`; throws if there is none. */
export function rangeOf(text: string, needle: string, from = 0): Range {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`'${needle}' is not in the text`);
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}

/** Whether a position names a place in the text: an existing line, at most at its end (before its line break). */
export function isInside(text: string, position: Position): boolean {
  const starts = lineStarts(text);
  if (position.line < 0 || position.line >= starts.length || position.character < 0) return false;
  const next = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  const breakLength = text.slice(starts[position.line], next).match(/(\r\n|\r|\n)$/)?.[0].length ?? 0;
  return starts[position.line] + position.character <= next - breakLength;
}

/** Applies non-overlapping edits, as a client does: all ranges refer to the text before any edit. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const located = edits
    .map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let at = 0;
  for (const edit of located) {
    if (edit.start < at) throw new Error(`Overlapping edits at offset ${edit.start}`);
    result += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return result + text.slice(at);
}

/** The plain text edits a WorkspaceEdit makes to one document; throws on anything else in it. */
export function textEditsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) throw new Error('The action has no edit');
  if (edit.documentChanges) throw new Error(`Expected 'changes', got 'documentChanges': ${JSON.stringify(edit.documentChanges)}`);
  const uris = Object.keys(edit.changes ?? {});
  if (uris.length !== 1 || uris[0] !== uri) throw new Error(`Expected edits of ${uri} only, got ${JSON.stringify(uris)}`);
  return edit.changes![uri];
}

/** The one TextDocumentEdit of a WorkspaceEdit written as documentChanges. */
export function documentEditOf(edit: WorkspaceEdit | undefined): TextDocumentEdit {
  const changes = edit?.documentChanges ?? [];
  if (changes.length !== 1 || !('textDocument' in changes[0])) throw new Error(`Expected one TextDocumentEdit, got ${JSON.stringify(edit)}`);
  return changes[0];
}
