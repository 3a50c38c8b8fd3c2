import type { Node } from 'yaml';
import { schemaKeywordCode } from './catalog';
import { keyAtPath, nodeAtPath, nodeSpan, type ParsedReadout } from './frontMatter';
import type { ReadoutSchema, SchemaError, SchemaObject } from './schema';
import { didYouMean } from './suggest';
import type { Span } from './types';

/** A schema violation, located and worded for a person; fixes are attached by the fixes module. */
export interface SchemaProblem {
  /** The diagnostic code: the keyword's plain name (catalog.ts). */
  readonly code: string;
  /** The JSON Schema keyword that failed, as ajv names it (`enum`, `required`, ...). */
  readonly keyword: string;
  readonly message: string;
  readonly span: Span;
  /** The JSON path of the instance the problem is about (the missing or unknown key included). */
  readonly path: readonly (string | number)[];
  /** A likely intended value or key, for "did you mean" fixes. */
  readonly suggestion?: string;
  /** Values the schema allows here, for "replace with" fixes. */
  readonly allowed?: readonly string[];
  /** For a repeated list item, the index of the repeat. */
  readonly item?: number;
}

/** Decodes an ajv instancePath (RFC 6901): `~1` is `/`, `~0` is `~`, in that order. */
function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// When one value breaks several keywords, the first of these is the one reported.
const KEYWORD_PRIORITY = ['type', 'enum', 'const', 'minLength', 'maxLength', 'minItems', 'maxItems', 'pattern', 'format'];
// Keywords that only say "a sub-schema failed": the sub-schema's own error says what is wrong.
const WRAPPERS = new Set(['if', 'then', 'else', 'allOf', '$ref']);

function priority(keyword: string): number {
  const index = KEYWORD_PRIORITY.indexOf(keyword);
  return index === -1 ? KEYWORD_PRIORITY.length : index;
}

/** One error per mistake: drops wrapper errors, the branches of a failed anyOf/oneOf, and lesser keywords on the same value. */
function selectErrors(errors: readonly SchemaError[]): SchemaError[] {
  const compound = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  const kept = errors.filter((error) =>
    !WRAPPERS.has(error.keyword) &&
    !compound.some((outer) => outer !== error && error.schemaPath.startsWith(`${outer.schemaPath}/`) && error.instancePath.startsWith(outer.instancePath)));
  const bestByValue = new Map<string, SchemaError>();
  const result: SchemaError[] = [];
  for (const error of kept) {
    if (error.keyword === 'required' || error.keyword === 'additionalProperties' || error.keyword === 'uniqueItems') {
      result.push(error);
      continue;
    }
    const best = bestByValue.get(error.instancePath);
    if (!best || priority(error.keyword) < priority(best.keyword)) bestByValue.set(error.instancePath, error);
  }
  return [...result, ...bestByValue.values()];
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function label(path: readonly (string | number)[]): string {
  return path.length === 0 ? 'the front matter' : `'${path.join('.')}'`;
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return 'text';
    case 'number': return 'a number';
    case 'boolean': return `${value}, a yes/no value`;
    case 'object': return 'a set of fields';
    default: return typeof value;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text', array: 'a list', object: 'a set of fields', number: 'a number', integer: 'a whole number', boolean: 'true or false', null: 'empty',
};

function expectedTypes(type: unknown): string {
  const names = (Array.isArray(type) ? type : [type]).map((name) => TYPE_NAMES[String(name)] ?? String(name));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function nameOf(schema: SchemaObject | undefined, path: readonly (string | number)[]): string {
  return typeof schema?.title === 'string' ? schema.title : path.length ? String(path[path.length - 1]) : 'value';
}

function list(values: readonly unknown[]): string {
  return values.map((value) => `'${show(value)}'`).join(', ');
}

interface Worded {
  readonly message: string;
  readonly suggestion?: string;
  readonly allowed?: readonly string[];
}

function word(error: SchemaError, path: readonly (string | number)[], data: unknown): Worded {
  const subschema = error.parentSchema as SchemaObject | undefined;
  const value = valueAt(data, path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { message: `Missing required field '${missing}'.` };
    }
    case 'additionalProperties': {
      const unknown = String(params.additionalProperty);
      const known = Object.keys((subschema?.properties ?? {}) as object);
      const present = valueAt(data, path.slice(0, -1));
      const free = known.filter((key) => !(present !== null && typeof present === 'object' && Object.hasOwn(present, key)));
      const suggestion = didYouMean(unknown, free);
      if (suggestion) return { message: `Unknown field '${unknown}'. Did you mean '${suggestion}'?`, suggestion, allowed: free };
      return { message: `Unknown field '${unknown}'. The fields are: ${known.join(', ')}.`, allowed: free };
    }
    case 'type': {
      if (path.length === 0) return { message: 'The front matter must be a set of `key: value` fields, one per line.' };
      const expected = expectedTypes(params.type);
      if (value === null) return { message: `${label(path)} is empty: write ${expected} after the colon.` };
      const quoteHint = params.type === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? ' Put it in quotes to keep it as text.' : '';
      return { message: `${label(path)} must be ${expected}, not ${kindOf(value)}.${quoteHint}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const name = nameOf(subschema, path);
      const suggestion = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      const head = `Unknown ${name} '${show(value)}'.`;
      if (suggestion) return { message: `${head} Did you mean '${suggestion}'?`, suggestion, allowed };
      return { message: `${head} Use one of ${list(allowed)}.`, allowed };
    }
    case 'const':
      return { message: `${label(path)} must be '${show(params.allowedValue)}'.`, allowed: [String(params.allowedValue)] };
    case 'format':
    case 'pattern': {
      const hint = subschema?.[error.keyword === 'format' ? 'formatErrorMessage' : 'patternErrorMessage'];
      const expected = typeof hint === 'string' ? hint : error.keyword === 'format' ? `a valid ${String(params.format)}` : `text matching /${String(params.pattern)}/`;
      return { message: `'${show(value)}' is not a valid ${nameOf(subschema, path)}: expected ${expected}.` };
    }
    case 'minLength':
      return { message: Number(params.limit) === 1 ? `${label(path)} is empty.` : `${label(path)} must be at least ${Number(params.limit)} characters long.` };
    case 'minItems':
      return { message: `${label(path)} must list at least ${Number(params.limit)} ${Number(params.limit) === 1 ? 'item' : 'items'}.` };
    case 'uniqueItems': {
      const items = Array.isArray(value) ? value : [];
      return { message: `'${show(items[Number(params.i)])}' is listed twice in ${label(path)}. Remove the repeat.` };
    }
    default: {
      const custom = subschema?.errorMessage;
      return { message: typeof custom === 'string' ? custom : `${label(path)} ${error.message ?? 'is not valid'}.` };
    }
  }
}

function nonEmpty(readout: ParsedReadout, node: Node | undefined): Span | undefined {
  const located = nodeSpan(readout, node);
  return located && located.end > located.start ? located : undefined;
}

function locate(readout: ParsedReadout, error: SchemaError, path: readonly (string | number)[]): Span {
  const open = readout.block!.open;
  switch (error.keyword) {
    case 'required':
      // A missing top-level field has no text of its own: the block's opening line stands for it.
      return path.length === 1 ? open : (nonEmpty(readout, keyAtPath(readout, path.slice(0, -1))) ?? open);
    case 'additionalProperties':
      return nonEmpty(readout, keyAtPath(readout, path)) ?? open;
    case 'uniqueItems':
      return nonEmpty(readout, nodeAtPath(readout, [...path, Number((error.params as { i: number }).i)])) ?? open;
    default: {
      if (path.length === 0) return open;
      // An empty value (`title:`) has no characters: mark its key instead.
      return nonEmpty(readout, nodeAtPath(readout, path)) ?? nonEmpty(readout, keyAtPath(readout, path)) ?? open;
    }
  }
}

/**
 * A misspelt key is one mistake: the unknown key, whose fix renames it, says it all; the field it
 * was meant to be is not also reported missing.
 */
function withoutMisspeltRequired(problems: SchemaProblem[]): SchemaProblem[] {
  const meant = new Set(problems.filter((p) => p.keyword === 'additionalProperties' && p.suggestion).map((p) => [...p.path.slice(0, -1), p.suggestion].join('/')));
  return problems.filter((p) => p.keyword !== 'required' || !meant.has(p.path.join('/')));
}

/** Validates the front matter and words each error for a person. */
export function schemaProblems(readout: ParsedReadout, schema: ReadoutSchema): SchemaProblem[] {
  if (!readout.parsed || !readout.block) return [];
  // An empty block is an empty set of fields, so that each missing field is named.
  const data = readout.data ?? {};
  if (schema.validate(data)) return [];
  return withoutMisspeltRequired(selectErrors(schema.validate.errors ?? []).map((error) => {
    const base = decodePointer(error.instancePath);
    const params = error.params as Record<string, unknown>;
    const path = error.keyword === 'required' ? [...base, String(params.missingProperty)]
      : error.keyword === 'additionalProperties' ? [...base, String(params.additionalProperty)]
        : base;
    const worded = word(error, path, data);
    const item = error.keyword === 'uniqueItems' ? { item: Number(params.i) } : {};
    return { code: schemaKeywordCode(error.keyword), keyword: error.keyword, span: locate(readout, error, path), path, ...item, ...worded };
  })).sort((a, b) => a.span.start - b.span.start);
}
