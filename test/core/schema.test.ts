import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSchema } from '../../server/src/core/schema';
import { BUILTIN_SCHEMA } from '../../server/src/core/builtinSchema';
import type { ServiceOptions } from '../../server/src/core/languageService';
import { createWorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { REFERENCE, edit, service } from './helpers';

const errorOf = (source: Parameters<typeof compileSchema>[0]) => {
  const result = compileSchema(source, "'custom.json'");
  assert.ok('error' in result, 'expected the schema to be refused');
  return result.error;
};

describe('compileSchema', () => {
  test('the built-in schema compiles, with its five fields required and modified_time optional, in alphabetical order', () => {
    const result = compileSchema(BUILTIN_SCHEMA, 'built in');
    assert.ok('schema' in result);
    assert.deepEqual(result.schema.required, ['date', 'published_time', 'source_url', 'tags', 'title']);
    assert.deepEqual(result.schema.keys, ['date', 'modified_time', 'published_time', 'source_url', 'tags', 'title']);
  });

  test('every field has a description, a markdownDescription and examples', () => {
    for (const [name, property] of Object.entries(BUILTIN_SCHEMA.properties as Record<string, Record<string, unknown>>)) {
      for (const annotation of ['description', 'markdownDescription', 'examples']) assert.ok(property[annotation], `${name} has no ${annotation}`);
    }
  });

  test('bad JSON, a non-schema and a remote $ref are refused with one clear message', () => {
    assert.match(errorOf('{ "type": '), /^The schema 'custom.json' is not valid JSON: /);
    assert.match(errorOf('[1, 2]'), /must be a JSON object/);
    assert.match(errorOf({ type: 'object', properties: { a: { type: 'no-such-type' } } }), /is not a valid JSON Schema/);
    assert.match(errorOf({ properties: { a: { $ref: 'https://example.com/schema.json' } } }), /refers to 'https:\/\/example.com\/schema.json'.*never fetches/);
  });

  test('a 2020-12 schema is compiled with that dialect', () => {
    const result = compileSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { title: { type: 'string' } }, $defs: {} }, 'x');
    assert.ok('schema' in result);
  });
});

describe('a custom schema replaces the built-in one', () => {
  const custom = structuredClone(BUILTIN_SCHEMA) as Record<string, Record<string, unknown>>;
  custom.properties.location = { type: 'string', description: 'Where it happened.' };

  test('what it allows is valid; the field rules still apply', () => {
    const result = compileSchema(custom, 'custom');
    assert.ok('schema' in result);
    const readouts = service({ schema: result.schema });
    assert.deepEqual(readouts.getDiagnostics({ text: edit(REFERENCE, 'tags:', 'location: Mexico City\ntags:') }), []);
    assert.deepEqual(readouts.getDiagnostics({ text: edit(REFERENCE, '/2023/01/10/', '/2023/01/09/') }).map((d) => d.code), ['url-date-mismatch']);
  });

  test('an anyOf reports one message per mistake, not one per branch', () => {
    const anyOf = structuredClone(BUILTIN_SCHEMA) as Record<string, Record<string, Record<string, unknown>>>;
    anyOf.properties.date = { anyOf: [{ type: 'string', format: 'date' }, { type: 'string', const: 'unknown' }] };
    const result = compileSchema(anyOf, 'anyOf');
    assert.ok('schema' in result);
    const diagnostics = service({ schema: result.schema }).getDiagnostics({ text: edit(REFERENCE, "date: '2023-01-10'", "date: 'soon'") });
    assert.deepEqual(diagnostics.map((d) => d.code), ['no-matching-form']);
  });
});

/** A custom schema compiled, and the service that checks with it. */
function withSchema(schema: Record<string, unknown>, options: Partial<ServiceOptions> = {}) {
  const result = compileSchema(schema, 'custom');
  assert.ok('schema' in result, JSON.stringify(result));
  return service({ schema: result.schema, ...options });
}

describe("under a custom schema, the rules about a readout's own fields apply only to the fields it declares", () => {
  // A doubled space in the title; date a day after published_time's, and so the URL's date too; the slug is the title's.
  const text = edit(edit(REFERENCE, "date: '2023-01-10'", "date: '2023-01-11'"), 'Prime Minister Trudeau', 'Prime  Minister Trudeau');

  test('with the built-in schema, every rule speaks', () => {
    assert.deepEqual(service().getDiagnostics({ text }).map((d) => d.code), ['date-mismatch', 'title-whitespace']);
  });

  test('a schema of the title alone: only the title rule', () => {
    const readouts = withSchema({ type: 'object', properties: { title: { type: 'string' } } });
    assert.deepEqual(readouts.getDiagnostics({ text }).map((d) => d.code), ['title-whitespace']);
  });

  test('a schema of the dates alone: date-mismatch, and nothing about the URL or the title', () => {
    const readouts = withSchema({ type: 'object', properties: { date: { type: 'string' }, published_time: { type: 'string' } } });
    assert.deepEqual(readouts.getDiagnostics({ text }).map((d) => d.code), ['date-mismatch']);
    const wrongUrl = edit(REFERENCE, '/2023/01/10/', '/2023/01/09/');
    assert.deepEqual(readouts.getDiagnostics({ text: wrongUrl }), []);
  });

  test('duplicate-source-url only where the schema declares source_url', () => {
    const index = createWorkspaceIndex();
    const twin = service().getEntry({ uri: 'file:///archive/twin.md', text: REFERENCE });
    assert.ok(twin);
    index.set(twin);
    const document = { uri: 'file:///archive/copy.md', text: REFERENCE };
    assert.deepEqual(service({ index }).getDiagnostics(document).map((d) => d.code), ['duplicate-source-url']);
    assert.deepEqual(withSchema({ type: 'object', properties: { title: { type: 'string' } } }, { index }).getDiagnostics(document), []);
  });
});

describe("a custom schema's keywords, each worded by us", () => {
  /** The one diagnostic of a front matter under a schema of these properties (and other keywords). */
  function problems(schema: Record<string, unknown>, yaml: string, dialect?: string): [string, string, string][] {
    const readouts = withSchema({ ...(dialect ? { $schema: dialect } : {}), type: 'object', ...schema });
    const text = `---\n${yaml}---\n`;
    return readouts.getDiagnostics({ text, inReadoutFiles: true }).map((d) => [d.code, d.message, text.slice(d.span.start, d.span.end)]);
  }
  const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';

  const CASES: [string, Record<string, unknown>, string, [string, string, string][], string?][] = [
    ['maxLength', { properties: { title: { type: 'string', maxLength: 10 } } }, 'title: A Title Too Long\n', [['too-long', "'title' must be at most 10 characters long.", 'A Title Too Long']]],
    ['maximum', { properties: { count: { maximum: 3 } } }, 'count: 4\n', [['out-of-range', "'count' must be 3 or less, not 4.", '4']]],
    ['minimum', { properties: { count: { minimum: 3 } } }, 'count: 2\n', [['out-of-range', "'count' must be 3 or more, not 2.", '2']]],
    ['exclusiveMaximum', { properties: { count: { exclusiveMaximum: 3 } } }, 'count: 3\n', [['out-of-range', "'count' must be less than 3, not 3.", '3']]],
    ['exclusiveMinimum', { properties: { count: { exclusiveMinimum: 3 } } }, 'count: 3\n', [['out-of-range', "'count' must be more than 3, not 3.", '3']]],
    ['multipleOf', { properties: { count: { multipleOf: 3 } } }, 'count: 4\n', [['out-of-range', "'count' must be a multiple of 3, not 4.", '4']]],
    ['maxItems', { properties: { tags: { maxItems: 1 } } }, 'tags: [a, b]\n', [['too-many-items', "'tags' must list at most 1 item, not 2.", '[a, b]']]],
    ['contains', { properties: { tags: { contains: { const: 'x' } } } }, 'tags: [a, b]\n', [['missing-item', "'tags' must include 'x'.", '[a, b]']]],
    ['minContains', { properties: { tags: { contains: { enum: ['x', 'y'] }, minContains: 2 } } }, 'tags: [x, b]\n', [['missing-item', "'tags' must include one of 'x', 'y' at least twice.", '[x, b]']], DRAFT_2020],
    ['maxContains', { properties: { tags: { contains: { type: 'number' }, maxContains: 1 } } }, 'tags: [1, 2]\n', [['missing-item', "'tags' must include an item of the kind the schema asks for, at most once.", '[1, 2]']], DRAFT_2020],
    ['minProperties', { minProperties: 3 }, 'title: x\n', [['invalid-value', 'The front matter must have at least 3 fields.', '---']]],
    ['maxProperties', { maxProperties: 1 }, 'a: 1\nb: 2\n', [['invalid-value', 'The front matter must have at most 1 field.', '---']]],
    ['dependentRequired', { dependentRequired: { a: ['b'] } }, 'a: 1\n', [['missing-field', "Missing field 'b': the schema requires it when 'a' is present.", 'a']], DRAFT_2020],
    ['dependencies', { dependencies: { a: ['b', 'c'] } }, 'a: 1\n', [
      ['missing-field', "Missing field 'b': the schema requires it when 'a' is present.", 'a'],
      ['missing-field', "Missing field 'c': the schema requires it when 'a' is present.", 'a'],
    ]],
    ['propertyNames', { propertyNames: { pattern: '^[a-z_]+$' } }, 'title: x\nBad-Key: y\n', [['unknown-field', "The field name 'Bad-Key' is not allowed: names must match /^[a-z_]+$/.", 'Bad-Key']]],
    ['not', { properties: { status: { not: { const: 'draft' } } } }, 'status: draft\n', [['wrong-value', "'status' must not be 'draft'.", 'draft']]],
    ['not, any other kind', { properties: { count: { not: { type: 'number' } } } }, 'count: 3\n', [['wrong-value', "'count' has a value the schema rules out: 3.", '3']]],
    ['const', { properties: { kind: { const: 'readout' } } }, 'kind: note\n', [['wrong-value', "'kind' must be 'readout'.", 'note']]],
    ['oneOf, several forms matched', { properties: { kind: { oneOf: [{ type: 'string' }, { const: 'a' }] } } }, 'kind: a\n', [['no-matching-form', "'kind' matches more than one of the forms the schema allows, and must match exactly one.", 'a']]],
    ['anyOf, none matched', { properties: { kind: { anyOf: [{ type: 'number' }, { type: 'boolean' }] } } }, 'kind: a\n', [['no-matching-form', "'kind' matches none of the forms the schema allows.", 'a']]],
    ['items: false after prefixItems', { properties: { tags: { prefixItems: [{}], items: false } } }, 'tags: [a, b]\n', [['too-many-items', "'tags' must list at most 1 item, not 2.", '[a, b]']], DRAFT_2020],
    ['additionalItems', { properties: { tags: { items: [{}], additionalItems: false } } }, 'tags: [a, b, c]\n', [['too-many-items', "'tags' must list at most 1 item, not 3.", '[a, b, c]']]],
    ['unevaluatedItems', { properties: { tags: { prefixItems: [{}], unevaluatedItems: false } } }, 'tags: [a, b]\n', [['too-many-items', "'tags' must list at most 1 item, not 2.", '[a, b]']], DRAFT_2020],
    ['a field the schema forbids (false)', { properties: { secret: false } }, 'secret: x\n', [['invalid-value', "The field 'secret' is not allowed.", 'x']]],
    ['unevaluatedProperties', { properties: { title: {} }, unevaluatedProperties: false }, 'title: x\ntitel: y\n', [['unknown-field', "Unknown field 'titel'. The fields are: title.", 'titel']], DRAFT_2020],
    ['an item named as an item: maxLength', { properties: { tags: { type: 'array', items: { type: 'string', maxLength: 3 } } } }, 'tags: [ok, toolong]\n', [['too-long', "'tags[1]' must be at most 3 characters long.", 'toolong']]],
    ['an item named as an item: enum', { properties: { tags: { type: 'array', items: { enum: ['alpha', 'beta'] } } } }, 'tags: [alpha, gamma]\n', [['unknown-value', "Unknown value 'gamma' in 'tags[1]'. Use one of 'alpha', 'beta'.", 'gamma']]],
    ['an item named as an item: pattern', { properties: { tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' } } } }, 'tags: [a, B]\n', [['bad-format', "'B' is not a valid value of 'tags[1]': expected text matching /^[a-z]+$/.", 'B']]],
    ['a nested field: minimum', { properties: { author: { type: 'object', properties: { links: { type: 'array', items: { minimum: 1 } } } } } }, 'author:\n  links: [1, 0]\n', [['out-of-range', "'author.links[1]' must be 1 or more, not 0.", '0']]],
  ];

  for (const [keyword, schema, yaml, expected, dialect] of CASES) {
    test(keyword, () => {
      assert.deepEqual(problems(schema, yaml, dialect), expected);
    });
  }

  test("no message is ajv's own English", () => {
    const ajvWords = /must NOT|must be equal to|must match (a schema|exactly one schema|pattern|format)|must have (required )?propert|must contain at least|property name must|boolean schema|must be [<>]=?|must be multiple of|must pass/;
    for (const [keyword, schema, yaml, , dialect] of CASES) {
      for (const [, message] of problems(schema, yaml, dialect)) assert.doesNotMatch(message, ajvWords, keyword);
    }
  });
});
