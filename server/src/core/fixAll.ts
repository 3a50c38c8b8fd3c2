import type { Diagnostic, Fix, TextEdit } from './types';
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
export function roundFixes(diagnostics: readonly Diagnostic[]): Fix[] {
  const fixes: Fix[] = [];
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes.find((candidate) => candidate.safe);
    if (!fix) continue;
    const overlaps = fix.edits.some((edit) => fixes.some((taken) => taken.edits.some((other) => edit.span.start <= other.span.end && other.span.start <= edit.span.end)));
    if (!overlaps) fixes.push(fix);
  }
  return fixes;
}

/** Several fixes as one: all their edits, all their changes. */
export function together(fixes: readonly Fix[]): Pick<Fix, 'edits' | 'changes'> {
  const changes = fixes.every((fix) => fix.changes) ? fixes.flatMap((fix) => fix.changes!) : undefined;
  return { edits: fixes.flatMap((fix) => fix.edits), changes };
}

/**
 * Applies every safe fix, re-checking between rounds as ESLint's `--fix` does, and returns one
 * minimal edit from the original text to the result (undefined when there is nothing to fix).
 * `checkerFor` checks fixes made on a text (see fixCheck.ts): a round's fixes are checked made
 * together, one check however many there are; when they do not hold together, the first that
 * holds alone is applied, and the next round finds the others again.
 */
export function fixAll(text: string, diagnose: (text: string) => readonly Diagnostic[], checkerFor: (text: string) => (fixes: readonly Fix[]) => boolean): TextEdit | undefined {
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const fixes = roundFixes(diagnose(current));
    if (fixes.length === 0) break;
    const holds = checkerFor(current);
    let applied: readonly Fix[] = fixes;
    if (!holds(fixes)) {
      const alone = fixes.length > 1 ? fixes.find((fix) => holds([fix])) : undefined;
      if (!alone) break;
      applied = [alone];
    }
    const next = applyEdits(current, applied.flatMap((fix) => fix.edits));
    if (next === current) break;
    current = next;
  }
  return current === text ? undefined : minimalEdit(text, span(0, text.length), current);
}
