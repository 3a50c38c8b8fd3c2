import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSchema } from '../../server/src/core/schema';
import { BUILTIN_SCHEMA } from '../../server/src/core/builtinSchema';
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
