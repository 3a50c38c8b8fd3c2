import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { compileSchema, standaloneValidation } from '../../server/src/core/schema';
import { BUILTIN_SCHEMA } from '../../server/src/core/builtinSchema';
import type { ServiceOptions } from '../../server/src/core/languageService';
import { createWorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { ARCHIVE_CATEGORIES, REFERENCE, edit, service } from './helpers';

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

describe('a schema runs in bounded time', () => {
  /** How long `run` takes, in milliseconds. */
  function timed(run: () => void): number {
    const started = performance.now();
    run();
    return performance.now() - started;
  }

  /** The codes a front matter gets under a schema of these top-level keywords (every file a readout). */
  function codesUnder(schema: Record<string, unknown>, yaml: string): string[] {
    return withSchema({ type: 'object', ...schema }).getDiagnostics({ text: `---\n${yaml}---\n`, inReadoutFiles: true }).map((d) => d.code);
  }

  // Each of these took seconds with a backtracking engine, doubling with every character more.
  test("a catastrophic pattern, ^(a+)+$, on a title of 30 a's and a '!' and on one of 30,000 (near the front matter's size limit): linear, and still a mismatch", () => {
    const schema = { properties: { title: { type: 'string', pattern: '^(a+)+$' } } };
    for (const length of [30, 30_000]) {
      let codes: string[] = [];
      const elapsed = timed(() => { codes = codesUnder(schema, `title: ${'a'.repeat(length)}!\n`); });
      assert.deepEqual(codes, ['bad-format']);
      assert.ok(elapsed < 1_000, `${length} characters took ${Math.round(elapsed)} ms`);
    }
    assert.deepEqual(codesUnder(schema, `title: ${'a'.repeat(30)}\n`), []);
  });

  test('patternProperties ^(a|a)*$ against a 30-character key, and propertyNames likewise: linear', () => {
    const key = `${'a'.repeat(30)}!`;
    for (const schema of [{ patternProperties: { '^(a|a)*$': { type: 'number' } }, additionalProperties: false }, { propertyNames: { pattern: '^(a|a)*$' } }]) {
      let codes: string[] = [];
      const elapsed = timed(() => { codes = codesUnder(schema, `${key}: 1\n`); });
      assert.deepEqual(codes, ['unknown-field']);
      assert.ok(elapsed < 1_000, `${JSON.stringify(schema)} took ${Math.round(elapsed)} ms`);
    }
  });

  const unbounded: [string, string, RegExp][] = [
    ['a backreference', '^(a+)\\1$', /the pattern '\^\(a\+\)\\1\$' uses a backreference \(\\1\), which cannot be checked in bounded time/],
    ['a named backreference', '^(?<x>a)\\k<x>$', /uses a backreference \(\\k<x>\), which cannot be checked in bounded time/],
    ['a lookahead', '^(?=a)a', /uses a lookahead \(\(\?=\), which cannot be checked in bounded time/],
    ['a negative lookahead', '^(?!b)a', /uses a lookahead \(\(\?!\), which cannot be checked in bounded time/],
    ['a lookbehind', '(?<=a)b', /uses a lookbehind \(\(\?<=\), which cannot be checked in bounded time/],
    ['a negative lookbehind', '(?<!a)b', /uses a lookbehind \(\(\?<!\), which cannot be checked in bounded time/],
    ['a count over 1,000', '^a{1001}$', /the pattern '\^a\{1001\}\$' uses a repeat count over 1,000 \(\{1001\}\), which cannot be checked in bounded time/],
  ];
  for (const [what, pattern, message] of unbounded) {
    test(`a pattern with ${what} is refused with one clear message, in pattern, patternProperties and propertyNames alike`, () => {
      // A pattern whose schema is empty is never run, so never compiled: these have one.
      for (const schema of [{ properties: { title: { pattern } } }, { patternProperties: { [pattern]: { type: 'string' } } }, { propertyNames: { pattern } }]) {
        const error = errorOf(schema);
        assert.match(error, /^The schema 'custom.json' cannot be used: /);
        assert.match(error, message);
      }
    });
  }

  test("a pattern too large for bounded time (RE2's program over 1,000 instructions) is refused, named by its start", () => {
    // Words with no common start, which RE2 would factor out: 200 of them make about 2,000 instructions.
    let seed = 7;
    const letter = () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26));
    const words = Array.from({ length: 200 }, () => Array.from({ length: 8 }, letter).join(''));
    const error = errorOf({ properties: { title: { pattern: `^(${words.join('|')})+$` } } });
    assert.match(error, new RegExp(`^The schema 'custom.json' cannot be used: the pattern '\\^\\(${words[0]}\\|[^']{60,}…' uses [\\d,]+ instructions of RE2's program, over the limit of 1,000 \\(a length is better checked with minLength and maxLength\\), which cannot be checked in bounded time`));
    assert.ok(!error.includes(words[199]), error);
    // The archive's own patterns are far below it, and so is a list of its 14 categories.
    assert.ok('schema' in compileSchema({ properties: { tags: { pattern: `^(${ARCHIVE_CATEGORIES.join('|')})$` } } }, 'categories'));
  });

  test('a pattern that is not a regular expression at all is refused as before', () => {
    assert.match(errorOf({ properties: { title: { pattern: '(' } } }), /^The schema 'custom.json' is not a valid JSON Schema: .*Invalid regular expression/);
  });

  test('an enum of 200,000 values compiles and checks in bounded time', () => {
    const values = Array.from({ length: 200_000 }, (_, index) => `category-${index}`);
    const started = performance.now();
    const result = compileSchema({ type: 'object', properties: { tags: { enum: values } } }, 'custom');
    const compiling = performance.now() - started;
    assert.ok('schema' in result, JSON.stringify(result));
    assert.ok(compiling < 5_000, `compiling took ${Math.round(compiling)} ms`);
    assert.equal(result.schema.validate({ tags: 'category-199999' }), true);
    assert.equal(result.schema.validate({ tags: 'category-200000' }), false);
    let codes: string[] = [];
    const checking = timed(() => { codes = service({ schema: result.schema }).getDiagnostics({ text: '---\ntags: category-199999\n---\n', inReadoutFiles: true }).map((d) => d.code); });
    assert.deepEqual(codes, []);
    assert.ok(checking < 250, `checking took ${Math.round(checking)} ms`);
  });

  test('an enum that repeats a value is refused, as JSON Schema says', () => {
    assert.match(errorOf({ properties: { tags: { enum: ['a', 'b', 'a'] } } }), /is not a valid JSON Schema: .*duplicate items/);
    assert.match(errorOf({ properties: { tags: { enum: [{ a: 1, b: 2 }, { b: 2, a: 1 }] } } }), /duplicate items/);
  });

  test("uniqueItems over 3,500 items (nearly as many as the front matter's size limit allows) is linear, and names the later of two equal items", () => {
    const tags = [...Array.from({ length: 3_500 }, (_, index) => `tag-${index.toString(36)}`), 'tag-7'];
    const readouts = withSchema({ type: 'object', properties: { tags: { type: 'array', uniqueItems: true, items: {} } } });
    const text = `---\ntags: [${tags.join(',')}]\n---\n`;
    // Timed the second time: the first one's cost is mostly the YAML parser warming up.
    readouts.getDiagnostics({ text, inReadoutFiles: true });
    let diagnostics: ReturnType<typeof readouts.getDiagnostics> = [];
    const elapsed = timed(() => { diagnostics = readouts.getDiagnostics({ text, inReadoutFiles: true }); });
    assert.deepEqual(diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [['repeated-item', 'tag-7']]);
    assert.equal(diagnostics[0].span.start, text.lastIndexOf('tag-7'));
    assert.ok(elapsed < 1_000, `took ${Math.round(elapsed)} ms`);
    // Equal as JSON values, whatever the order of their keys; 1 and '1' are not equal.
    const objects = withSchema({ type: 'object', properties: { list: { uniqueItems: true } } });
    assert.deepEqual(objects.getDiagnostics({ text: '---\nlist: [{a: 1, b: 2}, 1, "1", {b: 2, a: 1}]\n---\n', inReadoutFiles: true }).map((d) => d.code), ['repeated-item']);
    assert.deepEqual(objects.getDiagnostics({ text: '---\nlist: [{a: 1}, {a: "1"}, 1, "1", [1], ["1"]]\n---\n', inReadoutFiles: true }), []);
  });

  test('a schema file larger than the limit is refused by its size, before it is parsed', () => {
    const huge = JSON.stringify({ type: 'object', properties: Object.fromEntries(Array.from({ length: 40_000 }, (_, index) => [`field${index}`, { type: 'string' }])) });
    let error = '';
    const elapsed = timed(() => { error = errorOf(huge); });
    assert.match(error, /^The schema 'custom.json' is too large: [\d,.]+ KiB, over the limit of [\d,.]+ KiB\. A readout schema is a few kilobytes\.$/);
    assert.ok(elapsed < 1_000, `took ${Math.round(elapsed)} ms`);
  });

  test("bad JSON is located by line and column, and none of the file's content is echoed", () => {
    const secrets = ['root:$6$saltsalt$hashhash:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n', 'HOME=/root\u0000SECRET_TOKEN=abc123\u0000', '{\n  "type": "object",\n  "title": secretvalue\n}'];
    for (const text of secrets) {
      const error = errorOf(text);
      assert.match(error, /^The schema 'custom.json' is not valid JSON: the error is at line \d+, column \d+\.$/);
      for (const word of ['root', '$6$', 'HOME', 'SECRET', 'abc123', 'secretvalue', 'bin']) assert.ok(!error.includes(word), `${JSON.stringify(error)} echoes ${word}`);
    }
    assert.equal(errorOf('{\n  "type": "object",\n  "title": secretvalue\n}'), "The schema 'custom.json' is not valid JSON: the error is at line 3, column 12.");
  });
});

describe("schema patterns mean what JavaScript's regular expressions (with the u flag) mean", () => {
  const BUILTIN_PATTERNS = ['^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})$', '^https://', '\\S'];
  const PATTERNS = [
    ...BUILTIN_PATTERNS, '\\s', '^\\s*$', '^.$', '^..$', '^[\\s\\d]+$', '^[^\\s]+$', '^[\\S]+$', '^[^\\S]+$', '[\\b]', '\\bword\\b', '^\\w+$', '^\\W$', '^\\D$',
    '^[]$', '^[^]$', '^a[^]b$', '^[[]$', '^[[:a]+$', '\\u00e9', '^\\u{1F600}$', '^\\uD83D\\uDE00$', '^\\x41$', '^\\cJ$', '^\\0$', '\\/', '^[\\-a]$',
    '^(?<year>\\d{4})$', '^(?:ab)+$', 'a{2,3}', '^\\p{Lu}', '^\\P{L}$', '^\\p{Script=Greek}+$', '^\\p{sc=Latin}$', '^\\p{General_Category=Nd}$', '^[\\u0041-\\u005A]+$',
    '^[\\t\\n\\v\\f\\r]$', '^\\$\\^\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\\\$', '^a|b$', '.', '^.*$', 'é', '^😀+$',
  ];
  const INPUTS = [
    '', 'a', 'b', 'ab', 'aab', 'A', 'Z', 'é', 'e\u0301', '😀', '😀😀', '\uD83D', '\uDE00', 'α', 'αβγ', 'Ж', '1', '٣', '2023-01-10 12:54:40-05:00', '2023-01-10T12:54:40Z',
    'https://x', 'http://x', 'word', 'a word here', 'wordy', '[', ']', '-', ':', '/', '\\', '$^.*+?()[]{}|\\', '\u0000', '\n', '\r', '\t', '\v', '\f', ' ', '\u00a0',
    '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u180e', 'a\nb', '\b', 'abab', 'aa', 'aaa', '2023',
  ];

  test('every pattern gives the same answer as new RegExp(pattern, "u") on every input', () => {
    for (const pattern of PATTERNS) {
      const result = compileSchema({ type: 'object', properties: { field: { type: 'string', pattern } } }, 'differential');
      assert.ok('schema' in result, `${pattern}: ${JSON.stringify(result)}`);
      const native = new RegExp(pattern, 'u');
      for (const input of INPUTS) {
        assert.equal(result.schema.validate({ field: input }), native.test(input), `/${pattern}/u on ${JSON.stringify(input)}`);
      }
    }
  });

  test('\\s, \\S and . agree with JavaScript on every code point', () => {
    const result = compileSchema({ type: 'object', properties: { s: { pattern: '^\\s$' }, S: { pattern: '^\\S$' }, dot: { pattern: '^.$' }, inClass: { pattern: '^[\\s]$' }, notInClass: { pattern: '^[^\\s\\S]$' } } }, 'classes');
    assert.ok('schema' in result);
    const expected = { s: /^\s$/u, S: /^\S$/u, dot: /^.$/u, inClass: /^[\s]$/u, notInClass: /^[^\s\S]$/u };
    for (let code = 0; code <= 0x10ffff; code += code < 0x10000 ? 1 : 97) {
      const char = String.fromCodePoint(code);
      for (const [field, native] of Object.entries(expected)) {
        if (result.schema.validate({ [field]: char }) !== native.test(char)) assert.fail(`${field} on U+${code.toString(16)}`);
      }
    }
  });
});

describe('standaloneValidation', () => {
  /** The module's code run as Node runs a CommonJS module of the core's folder, where the build bundles it. */
  function load(code: string): ValidateFunction {
    const module = { exports: {} };
    new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(path.resolve(__dirname, '../../server/src/core/schema.ts')));
    return module.exports as ValidateFunction;
  }

  test('the code written for the built-in schema reports what the schema compiled at run time reports, errors and all', () => {
    const written = load(standaloneValidation(BUILTIN_SCHEMA));
    const compiled = compileSchema(BUILTIN_SCHEMA, 'built in');
    assert.ok('schema' in compiled);
    const { validate } = compiled.schema;
    const text = fc.oneof(
      fc.constantFrom('statements-releases', 'blog', 'statement-releases', '2023-01-10', '2023-02-30', '2023-1-10', '2023-01-10 12:54:40-05:00',
        '2023-01-10T12:54:40Z', '2023-01-10 25:54:40-05:00', '2023-01-10 12:54:40-24:00', 'https://www.whitehouse.gov/briefing-room/', 'http://example.com/',
        'https://', 'not a url', '', ' ', '\u00a0', 'Readout of President Joe Biden\u2019s Call'),
      fc.string());
    const value = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 4 }), fc.dictionary(fc.string(), text, { maxKeys: 2 }));
    const key = fc.oneof(fc.constantFrom(...Object.keys(BUILTIN_SCHEMA.properties as object), 'titel', 'source-url', 'extra'), fc.string());
    fc.assert(fc.property(fc.oneof(fc.dictionary(key, value, { maxKeys: 8 }), value), (data) => {
      assert.equal(written(data), validate(data));
      assert.deepEqual(written.errors ?? null, validate.errors ?? null);
    }), { numRuns: 3000 });
  });
});
