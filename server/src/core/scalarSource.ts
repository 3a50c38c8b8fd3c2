import { isScalar, type Node } from 'yaml';
import { span, type Span } from './types';
import { HEX_ESCAPE_DIGITS, NAMED_ESCAPES } from './yamlEscapes';

/**
 * Where each UTF-16 unit of a scalar's value is written in the source, so that a problem inside a
 * value (a URL's date, a doubled space in a folded title) is marked on its own characters.
 * Handles plain and quoted scalars, escapes and line folding; undefined for block scalars or when
 * the source does not decode to the value (then callers mark the whole value).
 */
export function scalarSourceSpans(text: string, node: Node | undefined, offset: number): Span[] | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const start = node.range[0] + offset;
  const end = node.range[1] + offset;
  const spans = node.type === 'QUOTE_DOUBLE' ? doubleQuoted(text, start + 1, end - 1)
    : node.type === 'QUOTE_SINGLE' ? singleQuoted(text, start + 1, end - 1)
      : node.type === 'PLAIN' ? folded(text, start, end, () => 1)
        : undefined;
  if (!spans) return undefined;
  const decoded = spans.map((s) => s.text).join('');
  return decoded === node.value ? spans.map((s) => s.span) : undefined;
}

interface Piece {
  readonly text: string;
  readonly span: Span;
}


function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

function isBreak(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r';
}

/**
 * Decodes flow-scalar text between `start` and `end`: line breaks fold into a space (or into
 * newlines when lines are empty), whitespace around breaks is dropped. `token` returns how many
 * source characters the piece at a position takes, or writes escapes into `pieces` itself.
 */
function folded(text: string, start: number, end: number, token: (at: number, pieces: Piece[]) => number): Piece[] {
  const pieces: Piece[] = [];
  let at = start;
  let pendingBlanks: Piece[] = [];
  while (at < end) {
    const ch = text[at];
    if (isBlank(ch)) {
      pendingBlanks.push({ text: ch, span: span(at, at + 1) });
      at++;
    } else if (isBreak(ch)) {
      // Trailing blanks are not content; a break folds to one space, each further empty line to `\n`.
      pendingBlanks = [];
      const breakStart = at;
      let emptyLines = 0;
      at += text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1;
      for (;;) {
        while (at < end && isBlank(text[at])) at++;
        if (at < end && isBreak(text[at])) {
          emptyLines++;
          at += text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1;
        } else break;
      }
      const breakSpan = span(breakStart, at);
      if (emptyLines === 0) pieces.push({ text: ' ', span: breakSpan });
      for (let i = 0; i < emptyLines; i++) pieces.push({ text: '\n', span: breakSpan });
    } else {
      appendAll(pieces, pendingBlanks);
      pendingBlanks = [];
      const before = pieces.length;
      const length = token(at, pieces);
      if (pieces.length === before) pieces.push({ text: text.slice(at, at + length), span: span(at, at + length) });
      at += length;
    }
  }
  appendAll(pieces, pendingBlanks);
  return splitUnits(pieces);
}

/** Appends one by one: a spread of a long run of blanks would pass more arguments than a call may take. */
function appendAll(pieces: Piece[], more: readonly Piece[]): void {
  for (const piece of more) pieces.push(piece);
}

/** One piece per UTF-16 unit, so spans index like the value string. */
function splitUnits(pieces: Piece[]): Piece[] {
  return pieces.flatMap((piece) => piece.text.length <= 1 ? [piece] : [...piece.text.split('').map((unit) => ({ text: unit, span: piece.span }))]);
}

function singleQuoted(text: string, start: number, end: number): Piece[] {
  return folded(text, start, end, (at, pieces) => {
    if (text[at] === "'" && text[at + 1] === "'") {
      pieces.push({ text: "'", span: span(at, at + 2) });
      return 2;
    }
    return 1;
  });
}

function doubleQuoted(text: string, start: number, end: number): Piece[] | undefined {
  let valid = true;
  const pieces = folded(text, start, end, (at, out) => {
    if (text[at] !== '\\') return 1;
    const next = text[at + 1];
    if (isBreak(next)) {
      // An escaped line break joins the lines with nothing between them.
      let skip = at + 1 + (next === '\r' && text[at + 2] === '\n' ? 2 : 1);
      while (skip < end && isBlank(text[skip])) skip++;
      out.push({ text: '', span: span(at, skip) });
      return skip - at;
    }
    if (Object.hasOwn(NAMED_ESCAPES, next)) {
      out.push({ text: NAMED_ESCAPES[next], span: span(at, at + 2) });
      return 2;
    }
    const digits = HEX_ESCAPE_DIGITS[next];
    const hex = digits ? text.slice(at + 2, at + 2 + digits) : '';
    if (!digits || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) {
      valid = false;
      return 1;
    }
    out.push({ text: String.fromCodePoint(parseInt(hex, 16)), span: span(at, at + 2 + digits) });
    return 2 + digits;
  });
  return valid ? pieces.filter((piece) => piece.text !== '') : undefined;
}
