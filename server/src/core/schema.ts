import Ajv, { _, type AnySchemaObject, type ErrorObject, type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import addFormats from 'ajv-formats';
import { jsonSyntaxError } from './jsonSyntax';
import { linearRegExp, UnboundedPatternError } from './linearRegExp';

export type SchemaObject = AnySchemaObject;

/** A schema compiled once, with what the features need to know of it. */
export interface ReadoutSchema {
  readonly root: SchemaObject;
  readonly validate: ValidateFunction;
  /** Top-level field names, in the schema's order. */
  readonly keys: readonly string[];
  readonly required: readonly string[];
  /** The schema of a top-level field, with a local `$ref` followed. */
  property(name: string): SchemaObject | undefined;
  /** Follows a local `$ref` (`#/...`), if the schema has one. */
  resolve(schema: SchemaObject): SchemaObject;
}

export type SchemaResult = { readonly schema: ReadoutSchema } | { readonly error: string };

/** Annotations of editors and of this project that ajv's strict mode would otherwise reject. */
const ANNOTATIONS = [
  'markdownDescription',
  'markdownEnumDescriptions',
  'enumDescriptions',
  'patternErrorMessage',
  'formatErrorMessage',
  'errorMessage',
  'deprecationMessage',
  'defaultSnippets',
  'doNotSuggest',
];

/** A readout schema is a few kilobytes; ajv's compilation takes up to about 10 µs per byte of schema (1.2 s at this limit). */
export const MAX_SCHEMA_BYTES = 128 * 1024;

/**
 * A key per JSON value, equal for values JSON Schema calls equal (objects whatever the order of
 * their keys; 1 and '1' apart), so that equal items are found with a Map instead of comparing each
 * pair.
 */
function jsonKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonKey).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${jsonKey(record[key])}`).join(',')}}`;
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * `uniqueItems` in linear time. ajv's compares every pair of items unless their type is known to
 * be simple: quadratic in a document's list, and in a schema's `enum`, which the meta-schema
 * declares unique (an enum of 200,000 values took 74 s to compile). Reports what ajv reports: the
 * last item that repeats an earlier one (`i`), and the nearest such earlier one (`j`).
 */
export const uniqueItems: SchemaValidateFunction = (schema: boolean, data: unknown[], parentSchema?: AnySchemaObject) => {
  if (!schema) return true;
  const seen = new Map<string, number>();
  let repeat: { i: number; j: number } | undefined;
  data.forEach((item, index) => {
    const key = jsonKey(item);
    const earlier = seen.get(key);
    if (earlier !== undefined) repeat = { i: index, j: earlier };
    seen.set(key, index);
  });
  uniqueItems.errors = repeat && [{
    keyword: 'uniqueItems', params: repeat, parentSchema, message: `must NOT have duplicate items (items ## ${repeat.j} and ${repeat.i} are identical)`,
  }];
  return repeat === undefined;
};

// The pattern engine as standalone code finds it: from this folder, where that code is bundled.
const requiredLinearRegExp = Object.assign((pattern: string) => linearRegExp(pattern), { code: 'require("./linearRegExp").linearRegExp' });

function createAjv(dialect: unknown, standalone = false): Ajv {
  const options = {
    allErrors: true, verbose: true, strict: false, allowUnionTypes: true,
    // Patterns on a linear-time engine: a schema's pattern cannot make a check take exponential time.
    code: standalone ? { regExp: requiredLinearRegExp, source: true } : { regExp: linearRegExp },
    // A keyword's function is called with ajv as `this`, which standalone code does not have (uniqueItems reads no `this`).
    passContext: standalone,
    // An enum is a loop over its values past this many, not one comparison each in generated code (which overflows ajv's compiler).
    loopEnum: 64,
    // ajv prints the generated code of a schema it cannot compile: the schema's content, in the log.
    logger: false as const,
  };
  const ajv = typeof dialect === 'string' && dialect.includes('2020-12')
    ? new Ajv2020(options)
    : typeof dialect === 'string' && dialect.includes('2019-09')
      ? new Ajv2019(options)
      : new Ajv(options);
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword({ keyword: 'uniqueItems', type: 'array', schemaType: 'boolean', errors: true, validate: uniqueItems });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  return ajv;
}

/** Every `$ref` that points outside the schema itself: we never fetch one. */
function remoteRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) remoteRefs(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if ((key === '$ref' || key === '$dynamicRef' || key === '$recursiveRef') && typeof child === 'string' && !child.startsWith('#')) found.push(child);
      else remoteRefs(child, found);
    }
  }
  return found;
}

function pointer(root: SchemaObject, ref: string): SchemaObject | undefined {
  let node: unknown = root;
  for (const raw of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node !== null && typeof node === 'object' ? (node as SchemaObject) : undefined;
}

const kib = (bytes: number) => (bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 });

/**
 * Compiles a readout schema. `source` is the schema as JSON text or as a parsed object;
 * `origin` names it in messages (a path, or "the built-in schema").
 */
export function compileSchema(source: string | SchemaObject, origin: string): SchemaResult {
  let root: SchemaObject;
  if (typeof source === 'string') {
    const bytes = new TextEncoder().encode(source).length;
    if (bytes > MAX_SCHEMA_BYTES) return { error: `The schema ${origin} is too large: ${kib(bytes)} KiB, over the limit of ${kib(MAX_SCHEMA_BYTES)} KiB. A readout schema is a few kilobytes.` };
    const text = source.replace(/^\uFEFF/, '');
    try {
      root = JSON.parse(text) as SchemaObject;
    } catch {
      // Never JSON.parse's message: it quotes the text, and the file may be anything.
      return { error: `The schema ${origin} is not valid JSON: ${jsonSyntaxError(text)}.` };
    }
  } else {
    root = source;
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    return { error: `The schema ${origin} must be a JSON object.` };
  }
  const remote = remoteRefs(root);
  if (remote.length > 0) {
    return { error: `The schema ${origin} refers to '${remote[0]}'. Only references inside the schema ('#/...') are allowed: the language server never fetches a schema. Copy the definition in.` };
  }
  let validate: ValidateFunction;
  try {
    validate = createAjv(root.$schema).compile(root);
  } catch (error) {
    if (error instanceof UnboundedPatternError) return { error: `The schema ${origin} cannot be used: ${error.message}. Write it without that.` };
    return { error: `The schema ${origin} is not a valid JSON Schema: ${(error as Error).message}.` };
  }
  return { schema: readoutSchema(root, validate) };
}

/** A schema with ajv's validation function for it, compiled or written beforehand (standaloneValidation). */
export function readoutSchema(root: SchemaObject, validate: ValidateFunction): ReadoutSchema {
  const resolve = (schema: SchemaObject): SchemaObject =>
    typeof schema.$ref === 'string' ? (pointer(root, schema.$ref) ?? schema) : schema;
  const properties = (root.properties ?? {}) as Record<string, SchemaObject>;
  const keys = Object.keys(properties);
  const required = Array.isArray(root.required) ? (root.required as string[]) : [];
  return {
    root,
    validate,
    keys,
    required,
    property: (name) => (Object.hasOwn(properties, name) ? resolve(properties[name]) : undefined),
    resolve,
  };
}

/**
 * ajv's validation code for a schema, written as a CommonJS module that validates as compileSchema's
 * function does, errors and all: the build bundles it for the built-in schema, so that the server
 * does not compile that at start. What it requires is found from this folder.
 */
export function standaloneValidation(root: SchemaObject): string {
  const ajv = createAjv(root.$schema, true);
  const validate = ajv.compile(root);
  // ajv writes a keyword's function into the code only when told where it comes from.
  for (const name of validate.source?.scopeValues.keyword ?? []) {
    if (name.value?.ref === uniqueItems) name.value.code = _`require("./schema").uniqueItems`;
  }
  return standaloneCode(ajv, validate);
}

export type SchemaError = ErrorObject;
