import { applyEdits } from './fixAll';
import { findFrontMatter, parseReadout, type ParsedReadout, type YamlProblem } from './frontMatter';
import type { DataChange, DataPath, Fix } from './types';

/**
 * How many characters of front matter the checks made for one request may read again. Each check
 * parses the whole front matter once: a readout's is a few hundred characters (a hundred checks
 * and more), and one at the size limit (32,000) with a hundred mistakes, 14 fixes each, must not
 * stall: the parser's slowest shapes take it about 5 µs a character, some 300 ms for this many.
 */
export const MAX_CHECKED_LENGTH = 64_000;

/** Whether a fix may be offered or applied: its text read back says what the fix means, and nothing else. */
export type FixCheck = (fix: Pick<Fix, 'edits' | 'changes'>) => boolean;

/**
 * Checks fixes made for `before` by applying them and reading the text back as the checks do
 * (`knownFields` are the schema's keys): the front matter must still be closed, have no syntax
 * problem or repeated key it did not have, and hold the data the fix's `changes` describe, every
 * other field as it was. A fix that fails is never offered: an edit written for one YAML style
 * can be wrong in another, and this is where that is caught whatever the style. Past
 * MAX_CHECKED_LENGTH, fixes are refused unchecked.
 */
export function createFixCheck(before: ParsedReadout, knownFields: readonly string[]): FixCheck {
  const content = before.block?.content;
  const cost = Math.max(1, content ? content.end - content.start : before.text.length);
  let budget = MAX_CHECKED_LENGTH;
  return (fix) => {
    if (fix.edits.length === 0) return true;
    if (budget < cost) return false;
    budget -= cost;
    const text = applyEdits(before.text, fix.edits);
    return readsAsMeant(before, parseReadout(text, findFrontMatter(text), { knownFields }), fix.changes);
  };
}

function readsAsMeant(before: ParsedReadout, after: ParsedReadout, changes: readonly DataChange[] | undefined): boolean {
  if (!after.block?.close) return false;
  // Closing a front matter never closed: what it holds is checked once it is read.
  if (!before.block?.close) return true;
  if (!before.parsed || !after.parsed || changes === undefined || problemsAdded(before.problems, after.problems)) return false;
  // An empty front matter reads as null: it is an empty set of fields.
  const expected = withChanges(before.data ?? {}, changes);
  return expected !== undefined && sameData(expected, after.data ?? {});
}

function problemsAdded(before: readonly YamlProblem[], after: readonly YamlProblem[]): boolean {
  const counts = new Map<string, number>();
  for (const problem of before) counts.set(problem.code, (counts.get(problem.code) ?? 0) + 1);
  for (const problem of after) {
    const left = (counts.get(problem.code) ?? 0) - 1;
    if (left < 0) return true;
    counts.set(problem.code, left);
  }
  return false;
}

/** The data with the changes made, or undefined when a path does not lead anywhere. */
function withChanges(data: unknown, changes: readonly DataChange[]): unknown {
  const result: unknown = structuredClone(data);
  const removals: DataPath[] = [];
  for (const change of changes) {
    if ('removed' in change) removals.push(change.path);
    else if (!setAt(result, change.path, change.value)) return undefined;
  }
  // Removals last, a list's later items first, so that every path still means what it meant.
  removals.sort(laterFirst);
  return removals.every((path) => removeAt(result, path)) ? result : undefined;
}

/** A list index, whether the path gives it as a number or as digits (ajv's paths are strings). */
function asIndex(segment: string | number): number | undefined {
  const index = Number(segment);
  return Number.isInteger(index) && index >= 0 && String(index) === String(segment) ? index : undefined;
}

function laterFirst(a: DataPath, b: DataPath): number {
  for (let at = 0; at < Math.min(a.length, b.length); at++) {
    if (String(a[at]) === String(b[at])) continue;
    const [x, y] = [asIndex(a[at]), asIndex(b[at])];
    if (x !== undefined && y !== undefined) return y - x;
    return String(a[at]) < String(b[at]) ? -1 : 1;
  }
  return b.length - a.length;
}

type Container = Record<string | number, unknown>;

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The collection that holds the last step of `path`, if every step before it exists. */
function parentOf(root: unknown, path: DataPath): Container | undefined {
  let node = root;
  for (const segment of path.slice(0, -1)) {
    if (!isContainer(node)) return undefined;
    node = node[segment];
  }
  return isContainer(node) ? node : undefined;
}

function setAt(root: unknown, path: DataPath, value: unknown): boolean {
  const parent = parentOf(root, path);
  const last = path.at(-1);
  if (!parent || last === undefined) return false;
  if (!Array.isArray(parent)) {
    parent[last] = value;
    return true;
  }
  const index = asIndex(last);
  if (index === undefined || index > parent.length) return false;
  parent[index] = value;
  return true;
}

function removeAt(root: unknown, path: DataPath): boolean {
  const parent = parentOf(root, path);
  const last = path.at(-1);
  if (!parent || last === undefined || !Object.hasOwn(parent, last)) return false;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return true;
}

/** Deep equality of parsed YAML data (objects, arrays, scalars), walked with a stack: nesting is bounded only by the text. */
function sameData(a: unknown, b: unknown): boolean {
  const pending: [unknown, unknown][] = [[a, b]];
  while (pending.length > 0) {
    const [x, y] = pending.pop()!;
    if (Object.is(x, y)) continue;
    if (!isContainer(x) || !isContainer(y) || Array.isArray(x) !== Array.isArray(y)) return false;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(y, key)) return false;
      pending.push([x[key], y[key]]);
    }
  }
  return true;
}
