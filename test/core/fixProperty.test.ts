// Property test: readouts generated in every YAML style the core can meet (plain, single- and
// double-quoted values, folded over lines or not; folded and literal block scalars with every
// chomping indicator, an indentation indicator, a comment after the header; block and flow lists;
// mappings at column 0, indented, or flow on one line or several; comments between fields; quoted
// keys; CRLF; a BOM), each with mistakes that have fixes. Every fix offered, and fix all, must
// leave YAML that parses with no error (a repeated key is one), a front matter that is still
// closed, the body as it was, and every field but the fixed one as it was. The readouts are
// written and read back here with the yaml package alone, never with the core's writer or parser.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { applyEdits } from '../../server/src/core/fixAll';
import type { Diagnostic, Fix } from '../../server/src/core/types';
import { REAL_FIELDS, type RealFields } from '../fixtures/realReadouts';
import { service } from './helpers';

/** Fixed, so that a failure is reproduced by running the suite again. */
const SEED = 20_240_512;
/** Each run checks every fix offered on one readout (a misspelt tag alone offers 14), then fix all: the three properties take about 6 s here. */
const NUM_RUNS = 300;

const MISSPELT_KEYS: Readonly<Record<string, string>> = { published_time: 'publishd_time', title: 'titel', source_url: 'source_ulr', modified_time: 'modifed_time' };

type Chomp = '' | '-' | '+';
type Scalar =
  | { readonly kind: 'plain' | 'single' | 'double'; readonly fold: boolean }
  | { readonly kind: 'block'; readonly indicator: '|' | '>'; readonly chomp: Chomp; readonly explicitIndent: boolean; readonly comment: boolean; readonly split: boolean };
type Tags = { readonly kind: 'scalar'; readonly style: Scalar } | { readonly kind: 'blockSeq'; readonly indented: boolean; readonly items: readonly Scalar[] } | { readonly kind: 'flowSeq' };
type Layout = { readonly kind: 'block'; readonly indent: number; readonly comments: boolean } | { readonly kind: 'flow'; readonly multiline: boolean };

interface Mistakes {
  readonly misspeltTag: boolean;
  readonly misspeltKey: string | undefined;
  readonly missingDate: boolean;
  readonly wrongDate: boolean;
  readonly doubledSpace: boolean;
  readonly repeatedTag: boolean;
}

interface Case {
  readonly readout: RealFields;
  readonly mistakes: Mistakes;
  readonly layout: Layout;
  readonly styles: Readonly<Record<'date' | 'modified_time' | 'published_time' | 'source_url' | 'title', Scalar>>;
  readonly tags: Tags;
  readonly reversed: boolean;
  readonly quotedKeys: boolean;
  readonly crlf: boolean;
  readonly bom: boolean;
}

const flowScalar = fc.record({ kind: fc.constantFrom('plain' as const, 'single' as const, 'double' as const), fold: fc.boolean() });
/** A block scalar; only title and tags are written with a chomping that keeps line breaks (their fixes remove them). */
const blockScalar = (chomps: readonly Chomp[]) => fc.record({
  kind: fc.constant('block' as const),
  indicator: fc.constantFrom('|' as const, '>' as const),
  chomp: fc.constantFrom(...chomps),
  explicitIndent: fc.boolean(),
  comment: fc.boolean(),
  split: fc.boolean(),
});
const anyScalar = (chomps: readonly Chomp[]) => fc.oneof(flowScalar, blockScalar(chomps));
const EVERY_CHOMP: readonly Chomp[] = ['', '-', '+'];

const cases: fc.Arbitrary<Case> = fc.record({
  readout: fc.constantFrom(...REAL_FIELDS),
  mistakes: fc.record({
    misspeltTag: fc.boolean(),
    misspeltKey: fc.option(fc.constantFrom(...Object.keys(MISSPELT_KEYS)), { nil: undefined }),
    missingDate: fc.boolean(),
    wrongDate: fc.boolean(),
    doubledSpace: fc.boolean(),
    repeatedTag: fc.boolean(),
  }),
  layout: fc.oneof(
    fc.record({ kind: fc.constant('block' as const), indent: fc.constantFrom(0, 2, 4), comments: fc.boolean() }),
    fc.record({ kind: fc.constant('flow' as const), multiline: fc.boolean() }),
  ),
  styles: fc.record({
    date: anyScalar(['-']),
    modified_time: anyScalar(['-']),
    published_time: anyScalar(['-']),
    source_url: anyScalar(['-']),
    title: anyScalar(EVERY_CHOMP),
  }),
  tags: fc.oneof(
    fc.record({ kind: fc.constant('scalar' as const), style: anyScalar(EVERY_CHOMP) }),
    fc.record({ kind: fc.constant('blockSeq' as const), indented: fc.boolean(), items: fc.array(anyScalar(EVERY_CHOMP), { minLength: 2, maxLength: 2 }) }),
    fc.constant({ kind: 'flowSeq' as const }),
  ),
  reversed: fc.boolean(),
  quotedKeys: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
});

// ---- Writing a readout, independently of the core --------------------------------------------

const IMPLICIT = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|0x[0-9a-fA-F]+|0o[0-7]+)$/;

function plainFits(value: string, flow: boolean): boolean {
  if (value === '' || IMPLICIT.test(value) || /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) || /\s$/.test(value)) return false;
  if (/: |:$| #|[\n\t]/.test(value)) return false;
  return !flow || !/[,[\]{}:]/.test(value);
}

function single(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function double(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\u00a0') out += '\\_';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A space with a word on each side near the middle of a value, where a line may be folded; -1 if none. */
function foldPoint(value: string): number {
  const middle = Math.floor(value.length / 2);
  for (let d = 0; d < middle; d++) {
    for (const at of [middle + d, middle - d]) {
      if (value[at] === ' ' && /\S/.test(value[at - 1] ?? '') && /\S/.test(value[at + 1] ?? '')) return at;
    }
  }
  return -1;
}

/** The value's text after `key: ` (or `- `), its lines after the first at `indent` + 2. */
function writeScalar(value: string, style: Scalar, indent: number, flow: boolean): string {
  const more = ' '.repeat(indent + 2);
  const at = style.kind !== 'block' && style.fold && !flow ? foldPoint(value) : -1;
  // Folded over two lines: the line break reads as the space it replaces.
  const folded = (written: string, open: number) => `${written.slice(0, at + open)}\n${more}${written.slice(at + open + 1)}`;
  switch (style.kind) {
    case 'plain':
      if (!plainFits(value, flow)) return single(value);
      return at === -1 ? value : folded(value, 0);
    case 'single':
      return at === -1 || value.includes("'") ? single(value) : folded(single(value), 1);
    case 'double':
      // The archive's folding: a line ends with `\`, and the next starts with `\ ` to keep the space.
      return at === -1 ? double(value) : `${double(value.slice(0, at)).slice(0, -1)}\\\n${more}\\${double(value.slice(at)).slice(1)}`;
    case 'block': {
      if (flow || /^\s|\n/.test(value)) return double(value);
      const header = `${style.indicator}${style.explicitIndent ? '2' : ''}${style.chomp}${style.comment ? ' # as written' : ''}`;
      const at = style.split && style.indicator === '>' ? foldPoint(value) : -1;
      const lines = at === -1 ? [value] : [value.slice(0, at), value.slice(at + 1)];
      // Kept line breaks: a blank line after the value belongs to it.
      return `${header}\n${lines.map((line) => more + line).join('\n')}${style.chomp === '+' ? '\n' : ''}`;
    }
  }
}

function writeTags(tags: readonly string[], style: Tags, indent: number, flow: boolean): string {
  if (style.kind === 'scalar' && tags.length === 1) return ` ${writeScalar(tags[0], style.style, indent, flow)}`;
  if (style.kind === 'blockSeq' && !flow) {
    const at = indent + (style.indented ? 2 : 0);
    return tags.map((tag, index) => `\n${' '.repeat(at)}- ${writeScalar(tag, style.items[index % style.items.length], at, false)}`).join('');
  }
  return ` [${tags.map((tag) => (plainFits(tag, true) ? tag : single(tag))).join(', ')}]`;
}

interface Generated {
  readonly text: string;
  /** What fix all must leave, when the readout's safe fixes are applied: the record as written, the rest as it should be. */
  readonly expected: (written: Record<string, unknown>) => Record<string, unknown>;
}

function generate(c: Case): Generated {
  const { readout, mistakes, layout } = c;
  const flow = layout.kind === 'flow';
  const indent = layout.kind === 'block' ? layout.indent : 2;
  const category = readout.category;
  // A list when the tag is repeated: a repeat needs one.
  const tagStyle: Tags = mistakes.repeatedTag && c.tags.kind === 'scalar' ? { kind: 'flowSeq' } : c.tags;
  const asList = tagStyle.kind !== 'scalar';
  const tags = [mistakes.misspeltTag ? category.slice(0, -1) : category, ...(mistakes.repeatedTag ? [category] : [])];
  const nextDay = `${readout.date.slice(0, 8)}${String(Number(readout.date.slice(8)) % 28 + 1).padStart(2, '0')}`;
  const title = mistakes.doubledSpace ? readout.title.replace(' ', '  ') : readout.title;
  const values: [string, string | undefined][] = [
    ['date', mistakes.missingDate ? undefined : mistakes.wrongDate ? nextDay : readout.date],
    ['modified_time', readout.modified],
    ['published_time', readout.published],
    ['source_url', readout.url],
    ['tags', ''],
    ['title', title],
  ];
  const present = values.filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (c.reversed) present.reverse();
  const key = (name: string) => {
    const written = mistakes.misspeltKey === name ? MISSPELT_KEYS[name] : name;
    return c.quotedKeys ? `"${written}"` : written;
  };
  const pairs = present.map(([name, value]) => {
    const written = name === 'tags' ? writeTags(asList ? tags : tags.slice(0, 1), tagStyle, indent, flow) : ` ${writeScalar(value, c.styles[name as keyof Case['styles']], indent, flow)}`;
    return `${key(name)}:${written}`;
  });
  let body: string;
  if (layout.kind === 'flow') {
    body = layout.multiline ? `{\n${pairs.map((pair) => `  ${pair}`).join(',\n')}\n}\n` : `{${pairs.join(', ')}}\n`;
  } else {
    const pad = ' '.repeat(layout.indent);
    const commentable = (pair: string) => !pair.includes('\n') && !/[|>][-+2]*$/.test(pair);
    body = pairs.map((pair, index) => {
      const comment = layout.comments && index % 2 === 1 ? `${pad}# a note between fields\n` : '';
      const trailing = layout.comments && commentable(pair) ? ' # as written' : '';
      return `${comment}${pad}${pair}${trailing}\n`;
    }).join('');
  }
  let text = `---\n${body}---\n \nThe statement's body.\n`;
  if (c.crlf) text = text.replace(/\n/g, '\r\n');
  if (c.bom) text = `\uFEFF${text}`;
  const expected = (written: Record<string, unknown>) => {
    const result: Record<string, unknown> = { ...written };
    if (mistakes.misspeltKey && MISSPELT_KEYS[mistakes.misspeltKey] in result) {
      result[mistakes.misspeltKey] = result[MISSPELT_KEYS[mistakes.misspeltKey]];
      delete result[MISSPELT_KEYS[mistakes.misspeltKey]];
    }
    result.date = readout.date;
    result.tags = asList ? [category] : category;
    return result;
  };
  return { text, expected };
}

// ---- Reading a readout back, independently of the core ---------------------------------------

interface Read {
  readonly data: Record<string, unknown>;
  readonly body: string;
  /** Each top-level field's text, from its key to the end of its value. */
  readonly ranges: ReadonlyMap<string, readonly [number, number]>;
}

/** The front matter parsed by the yaml package (duplicate keys are errors); fails when it is not closed or does not parse. */
function readBack(text: string): Read {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const open = /^---\r?\n/.exec(text.slice(start));
  assert.ok(open, 'the front matter opens');
  const from = start + open[0].length;
  const close = /^---\r?$/m.exec(text.slice(from));
  assert.ok(close, 'the front matter is closed');
  const source = text.slice(from, from + close.index);
  const document = parseDocument(source, { version: '1.2', schema: 'core' });
  assert.deepEqual(document.errors.map((error) => error.message), [], `the front matter parses:\n${source}`);
  const ranges = new Map<string, readonly [number, number]>();
  const contents = document.contents as { items?: { key: { value: unknown; range: number[] }; value: { range: number[] } | null }[] } | null;
  for (const pair of contents?.items ?? []) {
    ranges.set(String(pair.key.value), [from + pair.key.range[0], from + (pair.value?.range[1] ?? pair.key.range[1])]);
  }
  return { data: (document.toJS() ?? {}) as Record<string, unknown>, body: text.slice(from + close.index), ranges };
}

/** The fields a fix may change: the one its diagnostic is on, the one a missing-field names, the name a key is renamed to. */
function fixedFields(before: Read, diagnostic: Diagnostic, fix: Fix): Set<string> {
  const fields = new Set<string>();
  for (const [name, [start, end]] of before.ranges) {
    if (diagnostic.span.start >= start && diagnostic.span.start < end) fields.add(name);
  }
  const named = /^Missing required field '([^']+)'/.exec(diagnostic.message)?.[1];
  if (named) fields.add(named);
  const renamed = /^Rename to '([^']+)'$/.exec(fix.title)?.[1];
  if (renamed) fields.add(renamed);
  return fields;
}

function assertOthersKept(before: Record<string, unknown>, after: Record<string, unknown>, allowed: ReadonlySet<string>, context: string): void {
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!allowed.has(name)) assert.deepEqual(after[name], before[name], `${context}: '${name}' changed`);
  }
}

/** What the fixes that say what they set must have set. */
function assertIntended(before: Record<string, unknown>, after: Record<string, unknown>, fix: Fix, context: string): void {
  const replaced = /^Replace with '([^']+)'$/.exec(fix.title)?.[1];
  if (replaced !== undefined) {
    const was = before.tags;
    const now = after.tags;
    if (Array.isArray(was) && Array.isArray(now)) {
      assert.equal(now.length, was.length, context);
      assert.deepEqual(now.filter((tag, index) => tag !== was[index]), [replaced], context);
    } else {
      assert.equal(now, replaced, context);
    }
  }
  const renamed = /^Rename to '([^']+)'$/.exec(fix.title)?.[1];
  if (renamed !== undefined) {
    const from = Object.keys(before).find((name) => !(name in after));
    assert.ok(from !== undefined, `${context}: a key is renamed`);
    assert.deepEqual(after[renamed], before[from], context);
  }
  const day = /^Set date to (\S+),/.exec(fix.title)?.[1] ?? /^Add date: '(\S+)'$/.exec(fix.title)?.[1];
  if (day !== undefined) assert.equal(after.date, day, context);
  if (fix.title === 'Tidy the spaces in the title') {
    assert.equal(after.title, String(before.title).trim().replace(/\s{2,}/g, (run) => run[0]), context);
  }
  if (fix.title === 'Remove the repeated item') {
    const was = before.tags as unknown[];
    assert.deepEqual(after.tags, was.filter((tag, index) => was.indexOf(tag) === index), context);
  }
}

describe(`fixes in every YAML style (fast-check, seed ${SEED}, ${NUM_RUNS} runs)`, () => {
  const readouts = service();

  test('the generator writes valid readouts in every style', () => {
    fc.assert(fc.property(cases, (c) => {
      const { text } = generate(c);
      assert.ok(readBack(text).ranges.size >= 4, text);
    }), { seed: SEED, numRuns: NUM_RUNS, includeErrorInReport: true });
  });

  test('every fix offered leaves valid YAML, the front matter closed, the body and every other field as they were', () => {
    fc.assert(fc.property(cases, (c) => {
      const { text } = generate(c);
      const before = readBack(text);
      const document = { text, inReadoutFiles: true };
      const actions = readouts.getCodeActions(document, { start: 0, end: text.length });
      for (const { diagnostic, fix } of actions) {
        const fixed = applyEdits(text, fix.edits);
        const context = `'${fix.title}' on ${diagnostic.code}\n${text}\n=>\n${fixed}`;
        const after = readBack(fixed);
        assert.equal(after.body, before.body, context);
        assertOthersKept(before.data, after.data, fixedFields(before, diagnostic, fix), context);
        assertIntended(before.data, after.data, fix, context);
      }
    }), { seed: SEED, numRuns: NUM_RUNS, includeErrorInReport: true });
  });

  test('fix all leaves valid YAML with every safe mistake fixed, the published record and the rest as written', () => {
    fc.assert(fc.property(cases, (c) => {
      const { text, expected } = generate(c);
      const before = readBack(text);
      const document = { text, inReadoutFiles: true };
      const edit = readouts.getFixAllEdit(document);
      const fixed = edit ? applyEdits(text, [edit]) : text;
      const context = `${text}\n=>\n${fixed}`;
      const after = readBack(fixed);
      assert.equal(after.body, before.body, context);
      assert.deepEqual(after.data, expected(before.data), context);
      // Nothing is left for a second run.
      assert.equal(readouts.getFixAllEdit({ ...document, text: fixed }), undefined, context);
    }), { seed: SEED, numRuns: NUM_RUNS, includeErrorInReport: true });
  });
});
