// `readout init`, and the configuration's JSON schema kept in step with the settings it mirrors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv';
import { canonicalCode, RULES } from '../../server/src/core/catalog';
import { DEFAULT_SETTINGS } from '../../server/src/node/settings';
import { buildCli, Fixture, REPO_ROOT } from './cli';
import { CLEAN_READOUT } from './readouts';

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const CONFIG_SCHEMA = readJson(path.join(REPO_ROOT, 'schemas', 'readoutrc.schema.json')) as {
  properties: Record<string, { default?: unknown; properties?: Record<string, unknown> }>;
  definitions: { level: { enum: string[] } };
};

before(buildCli);

describe('readout init', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'a.md': CLEAN_READOUT });
  });
  after(() => fixture.remove());

  test('writes .readoutrc.json with the defaults, valid against its schema, and usable at once', async () => {
    const result = await fixture.run(['init']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'Wrote .readoutrc.json with the default configuration.\n');
    const written = readJson(fixture.path('.readoutrc.json'));
    assert.deepEqual(written, {
      schema: '',
      rules: {},
      files: [],
      exclude: ['**/node_modules/**', '**/.git/**'],
      urls: [
        { template: 'https://bidenwhitehouse.archives.gov/briefing-room/{category}/{yyyy}/{mm}/{dd}/{slug}/', before: '2025-01-20' },
        { template: 'https://www.whitehouse.gov/{category}/{yyyy}/{mm}/{slug}/', from: '2025-01-20' },
      ],
      layout: 'auto',
    });
    assert.ok(new Ajv({ strict: false }).validate(CONFIG_SCHEMA, written));
    const check = await fixture.run(['check']);
    assert.equal(check.status, 0);
    assert.equal(check.stdout, '✔ 1 readout checked: no problems.\n');
  });

  test('refuses to replace an existing file without --force', async () => {
    fixture.write('.readoutrc.json', '{ "rules": { "enum": "off" } }\n');
    const refused = await fixture.run(['init']);
    assert.equal(refused.status, 2);
    assert.equal(refused.stderr, 'readout init: .readoutrc.json already exists here. Use --force to replace it with the defaults.\n');
    assert.equal(readFileSync(fixture.path('.readoutrc.json'), 'utf8'), '{ "rules": { "enum": "off" } }\n');
    const forced = await fixture.run(['init', '--force']);
    assert.equal(forced.status, 0);
    assert.deepEqual(readJson(fixture.path('.readoutrc.json')).rules, {});
  });
});

describe('schemas/readoutrc.schema.json', () => {
  test("has the settings' keys and defaults, every code of the catalog under rules, then each old code marked as an alias", () => {
    const { properties } = CONFIG_SCHEMA;
    assert.deepEqual(Object.keys(properties), ['$schema', 'schema', 'rules', 'files', 'exclude', 'urls', 'layout']);
    for (const key of ['schema', 'rules', 'files', 'exclude', 'urls', 'layout'] as const) assert.deepEqual(properties[key].default, DEFAULT_SETTINGS[key], key);
    const rules = properties.rules.properties! as Record<string, { deprecationMessage?: string }>;
    assert.deepEqual(Object.keys(rules).slice(0, Object.keys(RULES).length), Object.keys(RULES));
    const aliases = Object.keys(rules).slice(Object.keys(RULES).length);
    assert.deepEqual(aliases, ['required', 'additionalProperties', 'type', 'enum', 'format', 'pattern', 'minLength', 'minItems', 'uniqueItems']);
    for (const alias of aliases) assert.equal(rules[alias].deprecationMessage, `Renamed to '${canonicalCode(alias)}' in 0.2.0; this name still works.`, alias);
    assert.deepEqual(CONFIG_SCHEMA.definitions.level.enum.sort(), ['error', 'hint', 'information', 'off', 'warning']);
  });

  test('has the defaults of the VS Code settings it mirrors', () => {
    const settings = (readJson(path.join(REPO_ROOT, 'package.json')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } }).contributes.configuration.properties;
    for (const key of ['schema', 'rules', 'files', 'exclude', 'urls', 'layout']) assert.deepEqual(CONFIG_SCHEMA.properties[key].default, settings[`readout.${key}`].default, key);
  });
});
