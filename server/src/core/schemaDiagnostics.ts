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

// Keywords whose sub-schema's own errors are consequences: a branch of anyOf that failed, an item
// that is not the one `contains` asks for, a field name that fails `propertyNames`.
const COMPOUND = new Set(['anyOf', 'oneOf', 'contains', 'propertyNames']);
// Keywords about one field or item among others: each error is a mistake of its own.
const EACH_ITS_OWN = new Set(['required', 'dependentRequired', 'dependencies', 'additionalProperties', 'unevaluatedProperties', 'propertyNames', 'uniqueItems']);

/** One error per mistake: drops wrapper errors, the branches of a failed compound keyword, and lesser keywords on the same value. */
function selectErrors(errors: readonly SchemaError[]): SchemaError[] {
  const compound = errors.filter((error) => COMPOUND.has(error.keyword));
  const kept = errors.filter((error) =>
    !WRAPPERS.has(error.keyword) &&
    !compound.some((outer) => outer !== error && error.schemaPath.startsWith(`${outer.schemaPath}/`) && error.instancePath.startsWith(outer.instancePath)));
  const bestByValue = new Map<string, SchemaError>();
  const result: SchemaError[] = [];
  for (const error of kept) {
    if (EACH_ITS_OWN.has(error.keyword)) {
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

/** A path as a person names it: `'tags[1]'`, `'author.links[0]'`; `the front matter` for the whole. */
function label(path: readonly (string | number)[], data: unknown): string {
  if (path.length === 0) return 'the front matter';
  let name = String(path[0]);
  for (let at = 1; at < path.length; at++) name += Array.isArray(valueAt(data, path.slice(0, at))) ? `[${path[at]}]` : `.${path[at]}`;
  return `'${name}'`;
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

/** What a value is called: its schema's title, or its field's name; undefined for a list item without a title. */
function nameOf(schema: SchemaObject | undefined, path: readonly (string | number)[], data: unknown): string | undefined {
  if (typeof schema?.title === 'string') return schema.title;
  if (path.length === 0 || Array.isArray(valueAt(data, path.slice(0, -1)))) return undefined;
  return String(path[path.length - 1]);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

/** What a sub-schema asks of a value, when it says it simply: one value, or one of a few. */
function asked(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const { const: only, enum: values } = schema as SchemaObject;
  if (only !== undefined) return `'${show(only)}'`;
  return Array.isArray(values) ? `one of ${list(values)}` : undefined;
}

/** `contains` with its `minContains` and `maxContains`: how many of what a list must include. */
function containsMessage(subject: string, schema: unknown, params: Record<string, unknown>): string {
  const what = asked(schema) ?? 'an item of the kind the schema asks for';
  const min = Number(params.minContains ?? 1);
  const max = params.maxContains === undefined ? undefined : Number(params.maxContains);
  if (max === undefined) return `${subject} must include ${what}${min > 1 ? ` at least ${times(min)}` : ''}.`;
  if (min === 0) return `${subject} must include ${what} at most ${times(max)}.`;
  return `${subject} must include ${what}${min > 1 ? ` at least ${times(min)} and` : ','} at most ${times(max)}.`;
}

function list(values: readonly unknown[]): string {
  return values.map((value) => `'${show(value)}'`).join(', ');
}

interface Worded {
  readonly message: string;
  readonly suggestion?: string;
  readonly allowed?: readonly string[];
}

const LIMITS: Record<string, string> = {
  maximum: 'or less', minimum: 'or more', exclusiveMaximum: 'less than', exclusiveMinimum: 'more than',
};

/**
 * An enum's choices as a person reads them, with the nearest to a value, worked out once per enum
 * and value in one validation: 16,000 misspelt tags share one list of 14 choices.
 */
interface EnumWording {
  choices(values: readonly unknown[]): { readonly allowed: string[]; readonly listed: string; readonly nearest: (value: string) => string | undefined };
}

function createEnumWording(): EnumWording {
  const made = new Map<readonly unknown[], ReturnType<EnumWording['choices']>>();
  return {
    choices(values) {
      let choices = made.get(values);
      if (!choices) {
        const allowed = values.map(String);
        const nearest = new Map<string, string | undefined>();
        const find = (value: string) => {
          if (!nearest.has(value)) nearest.set(value, didYouMean(value, allowed));
          return nearest.get(value);
        };
        choices = { allowed, listed: list(allowed), nearest: find };
        made.set(values, choices);
      }
      return choices;
    },
  };
}

function word(error: SchemaError, path: readonly (string | number)[], data: unknown, enums: EnumWording): Worded {
  const subschema = error.parentSchema as SchemaObject | undefined;
  const value = valueAt(data, path);
  const params = error.params as Record<string, unknown>;
  const subject = label(path, data);
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { message: `Missing required field '${missing}'.` };
    }
    case 'dependentRequired':
    case 'dependencies':
      return { message: `Missing field '${String(params.missingProperty)}': the schema requires it when '${String(params.property)}' is present.` };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const unknown = String(params.additionalProperty ?? params.unevaluatedProperty);
      const known = Object.keys((subschema?.properties ?? {}) as object);
      const present = valueAt(data, path.slice(0, -1));
      const free = known.filter((key) => !(present !== null && typeof present === 'object' && Object.hasOwn(present, key)));
      const suggestion = didYouMean(unknown, free);
      if (suggestion) return { message: `Unknown field '${unknown}'. Did you mean '${suggestion}'?`, suggestion, allowed: free };
      return { message: `Unknown field '${unknown}'. The fields are: ${known.join(', ')}.`, allowed: free };
    }
    case 'propertyNames': {
      const names = error.schema as SchemaObject;
      const rule = typeof names?.pattern === 'string' ? `: names must match /${names.pattern}/` : Array.isArray(names?.enum) ? `: the names are ${list(names.enum)}` : '';
      return { message: `The field name '${String(params.propertyName)}' is not allowed${rule}.` };
    }
    case 'false schema':
      return { message: path.length === 1 ? `The field '${path[0]}' is not allowed.` : `${subject} is not allowed.` };
    case 'type': {
      if (path.length === 0) return { message: 'The front matter must be a set of `key: value` fields, one per line.' };
      const expected = expectedTypes(params.type);
      if (value === null) return { message: `${subject} is empty: write ${expected} after the colon.` };
      const quoteHint = params.type === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? ' Put it in quotes to keep it as text.' : '';
      return { message: `${subject} must be ${expected}, not ${kindOf(value)}.${quoteHint}` };
    }
    case 'enum': {
      const { allowed, listed, nearest } = enums.choices(params.allowedValues as unknown[]);
      const name = nameOf(subschema, path, data);
      const suggestion = typeof value === 'string' ? nearest(value) : undefined;
      const head = name === undefined ? `Unknown value '${show(value)}' in ${subject}.` : `Unknown ${name} '${show(value)}'.`;
      if (suggestion) return { message: `${head} Did you mean '${suggestion}'?`, suggestion, allowed };
      return { message: `${head} Use one of ${listed}.`, allowed };
    }
    case 'const':
      return { message: `${subject} must be '${show(params.allowedValue)}'.`, allowed: [String(params.allowedValue)] };
    case 'not': {
      const ruledOut = asked(error.schema);
      return { message: ruledOut ? `${subject} must not be ${ruledOut}.` : `${subject} has a value the schema rules out: ${show(value)}.` };
    }
    case 'format':
    case 'pattern': {
      const hint = subschema?.[error.keyword === 'format' ? 'formatErrorMessage' : 'patternErrorMessage'];
      const expected = typeof hint === 'string' ? hint : error.keyword === 'format' ? `a valid ${String(params.format)}` : `text matching /${String(params.pattern)}/`;
      const name = nameOf(subschema, path, data);
      return { message: `'${show(value)}' is not a valid ${name ?? `value of ${subject}`}: expected ${expected}.` };
    }
    case 'minLength':
      return { message: Number(params.limit) === 1 ? `${subject} is empty.` : `${subject} must be at least ${Number(params.limit)} characters long.` };
    case 'maxLength':
      return { message: `${subject} must be at most ${Number(params.limit)} characters long.` };
    case 'minimum':
    case 'maximum':
      return { message: `${subject} must be ${String(params.limit)} ${LIMITS[error.keyword]}, not ${show(value)}.` };
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { message: `${subject} must be ${LIMITS[error.keyword]} ${String(params.limit)}, not ${show(value)}.` };
    case 'multipleOf':
      return { message: `${subject} must be a multiple of ${String(params.multipleOf)}, not ${show(value)}.` };
    case 'minItems':
      return { message: `${subject} must list at least ${plural(Number(params.limit), 'item')}.` };
    case 'maxItems':
    case 'items':
    case 'additionalItems':
    case 'unevaluatedItems':
      return { message: `${subject} must list at most ${plural(Number(params.limit), 'item')}, not ${Array.isArray(value) ? value.length : 'more'}.` };
    case 'contains':
      return { message: containsMessage(subject, error.schema, params) };
    case 'minProperties':
      return { message: `${subject} must have at least ${plural(Number(params.limit), 'field')}.` };
    case 'maxProperties':
      return { message: `${subject} must have at most ${plural(Number(params.limit), 'field')}.` };
    case 'uniqueItems': {
      const items = Array.isArray(value) ? value : [];
      return { message: `'${show(items[Number(params.i)])}' is listed twice in ${subject}. Remove the repeat.` };
    }
    case 'anyOf':
      return { message: `${subject} matches none of the forms the schema allows.` };
    case 'oneOf':
      return { message: Array.isArray(params.passingSchemas)
        ? `${subject} matches more than one of the forms the schema allows, and must match exactly one.`
        : `${subject} matches none of the forms the schema allows.` };
    default: {
      const custom = subschema?.errorMessage;
      return { message: typeof custom === 'string' ? custom : `${subject} does not meet the schema's '${error.keyword}'.` };
    }
  }
}

/** A message starts with a capital, whatever its subject. */
function sentence(worded: Worded): Worded {
  return { ...worded, message: worded.message.charAt(0).toUpperCase() + worded.message.slice(1) };
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
    case 'unevaluatedProperties':
    case 'propertyNames':
      return nonEmpty(readout, keyAtPath(readout, path)) ?? open;
    case 'dependentRequired':
    case 'dependencies': {
      // The field that calls for the missing one.
      const present = [...path.slice(0, -1), String((error.params as { property: string }).property)];
      return nonEmpty(readout, keyAtPath(readout, present)) ?? open;
    }
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
  const meant = new Set(problems.filter((p) => (p.keyword === 'additionalProperties' || p.keyword === 'unevaluatedProperties') && p.suggestion).map((p) => [...p.path.slice(0, -1), p.suggestion].join('/')));
  return problems.filter((p) => p.keyword !== 'required' || !meant.has(p.path.join('/')));
}

/** Validates the front matter and words each error for a person. */
export function schemaProblems(readout: ParsedReadout, schema: ReadoutSchema): SchemaProblem[] {
  if (!readout.parsed || !readout.block) return [];
  // An empty block is an empty set of fields, so that each missing field is named.
  const data = readout.data ?? {};
  if (schema.validate(data)) return [];
  const enums = createEnumWording();
  return withoutMisspeltRequired(selectErrors(schema.validate.errors ?? []).map((error) => {
    const base = decodePointer(error.instancePath);
    const params = error.params as Record<string, unknown>;
    // A field missing, unknown or misnamed is named in the path, as a present value is.
    const named = params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty ?? params.propertyName;
    const path = named !== undefined && EACH_ITS_OWN.has(error.keyword) ? [...base, String(named)] : base;
    const worded = sentence(word(error, path, data, enums));
    const item = error.keyword === 'uniqueItems' ? { item: Number(params.i) } : {};
    return { code: schemaKeywordCode(error.keyword), keyword: error.keyword, span: locate(readout, error, path), path, ...item, ...worded };
  })).sort((a, b) => a.span.start - b.span.start);
}
