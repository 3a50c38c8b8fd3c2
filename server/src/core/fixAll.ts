import type { Diagnostic, TextEdit } from './types';
import { minimalEdit } from './edits';
import { span } from './types';

/** At most this many rounds of fixing: each round may reveal what the next one fixes. */
const MAX_ROUNDS = 10;

/** Applies non-overlapping edits to a text (edits are in the text's own offsets). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.span.start < at) continue;
    result += text.slice(at, edit.span.start) + edit.newText;
    at = edit.span.end;
  }
  return result + text.slice(at);
}

/** The safe fixes of a round that do not overlap one another, first fix of each diagnostic. */
function roundEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes.find((candidate) => candidate.safe);
    if (!fix) continue;
    const overlaps = fix.edits.some((edit) => edits.some((taken) => edit.span.start <= taken.span.end && taken.span.start <= edit.span.end));
    if (!overlaps) edits.push(...fix.edits);
  }
  return edits;
}

/**
 * Applies every safe fix, re-checking between rounds as ESLint's `--fix` does, and returns one
 * minimal edit from the original text to the result (undefined when there is nothing to fix).
 */
export function fixAll(text: string, diagnose: (text: string) => readonly Diagnostic[]): TextEdit | undefined {
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const edits = roundEdits(diagnose(current));
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
  }
  return current === text ? undefined : minimalEdit(text, span(0, text.length), current);
}
