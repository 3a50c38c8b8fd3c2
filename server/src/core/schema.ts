import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

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

function createAjv(dialect: unknown): Ajv {
  const options = { allErrors: true, verbose: true, strict: false, allowUnionTypes: true };
  const ajv = typeof dialect === 'string' && dialect.includes('2020-12')
    ? new Ajv2020(options)
    : typeof dialect === 'string' && dialect.includes('2019-09')
      ? new Ajv2019(options)
      : new Ajv(options);
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

/**
 * Compiles a readout schema. `source` is the schema as JSON text or as a parsed object;
 * `origin` names it in messages (a path, or "the built-in schema").
 */
export function compileSchema(source: string | SchemaObject, origin: string): SchemaResult {
  let root: SchemaObject;
  if (typeof source === 'string') {
    try {
      root = JSON.parse(source) as SchemaObject;
    } catch (error) {
      return { error: `The schema ${origin} is not valid JSON: ${(error as Error).message}.` };
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
    return { error: `The schema ${origin} is not a valid JSON Schema: ${(error as Error).message}.` };
  }
  const resolve = (schema: SchemaObject): SchemaObject =>
    typeof schema.$ref === 'string' ? (pointer(root, schema.$ref) ?? schema) : schema;
  const properties = (root.properties ?? {}) as Record<string, SchemaObject>;
  const keys = Object.keys(properties);
  const required = Array.isArray(root.required) ? (root.required as string[]) : [];
  return {
    schema: {
      root,
      validate,
      keys,
      required,
      property: (name) => (Object.hasOwn(properties, name) ? resolve(properties[name]) : undefined),
      resolve,
    },
  };
}

export type SchemaError = ErrorObject;
