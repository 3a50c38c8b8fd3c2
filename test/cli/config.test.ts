// The configuration loader the command line uses and the language server will: finding the file,
// reading it, and laying the editor's settings over it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findConfig, layerSettings, loadConfig, type ReadoutConfig } from '../../server/src/node/config';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/node/settings';
import { Fixture } from './cli';

describe('findConfig and loadConfig', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ '.readoutrc.json': '\uFEFF{ "$schema": "./readoutrc.schema.json", "files": ["archive/**/*.md"] }', 'archive/2023/a.md': '' });
  });
  after(() => fixture.remove());

  test('finds the nearest file in the folder or above it, or none', () => {
    assert.equal(findConfig(fixture.path('archive/2023')), fixture.path('.readoutrc.json'));
    assert.equal(findConfig(fixture.folder), fixture.path('.readoutrc.json'));
    assert.equal(findConfig(path.parse(fixture.folder).root), undefined);
  });

  test('keeps only the keys the file sets ($schema is for editors), and its folder', () => {
    assert.deepEqual(loadConfig(fixture.path('.readoutrc.json')), {
      config: { file: fixture.path('.readoutrc.json'), folder: fixture.folder, values: { files: ['archive/**/*.md'] } },
    });
  });

  test('words what is wrong', () => {
    const broken = new Fixture({ '.readoutrc.json': '{ "rules": { "enum": 3 }, "exclude": [1] }' });
    try {
      assert.deepEqual(loadConfig(broken.path('.readoutrc.json')), {
        error: `The configuration file ${broken.path('.readoutrc.json')} is not valid:\n  - 'rules["enum"]' must be one of error, warning, information, hint, off, not 3.\n  - 'exclude[0]' must be a string, not 1.`,
      });
      assert.deepEqual(loadConfig(broken.folder), { error: `The configuration file ${broken.folder} cannot be used: it is a folder, not a regular file, so it is not read.` });
    } finally {
      broken.remove();
    }
  });
});

/** Loads a `.readoutrc.json` holding `values`: its settings, or its error with the file's path as `<file>`. */
function loadValues(values: Record<string, unknown>): string | Partial<Settings> {
  const fixture = new Fixture({ '.readoutrc.json': JSON.stringify(values) });
  try {
    const result = loadConfig(fixture.path('.readoutrc.json'));
    return 'error' in result ? result.error.replace(fixture.path('.readoutrc.json'), '<file>') : result.config.values;
  } finally {
    fixture.remove();
  }
}

describe('urls in .readoutrc.json', () => {
  const load = (urls: unknown) => loadValues({ urls });

  test('templates alone or with their days are kept as written', () => {
    const urls = ['https://www.agency.gov/news/{yyyy}{mm}{dd}-{slug}.html', { template: 'https://a.gov/{category}/{slug}/', from: '2020-01-01', before: '2021-01-01' }];
    assert.deepEqual(load(urls), { urls });
  });

  test('a template that cannot be one is refused with what is wrong and where', () => {
    assert.equal(load(['https://a.gov/{slug}/', 'https://a.gov/{day}/{slug}/']),
      "The configuration file <file> is not valid:\n  - urls[1]: '{day}' is not a placeholder. The placeholders are {category}, {yyyy}, {mm}, {dd} and {slug}.");
    assert.equal(load([{ template: 'https://a.gov/{slug}/', from: '2025-01-20', before: '2024-01-01' }]),
      "The configuration file <file> is not valid:\n  - urls[0]: 'from' (2025-01-20) must come before 'before' (2024-01-01).");
  });

  test('a value of the wrong shape is worded for the person who wrote it', () => {
    assert.equal(load('https://a.gov/{slug}/'), "The configuration file <file> is not valid:\n  - 'urls' must be a list of URL templates, not \"https://a.gov/{slug}/\".");
    assert.equal(load([3]), "The configuration file <file> is not valid:\n  - 'urls[0]' must be a template or an object with one, not 3.");
    assert.equal(load([{ template: 'https://a.gov/{slug}/', since: '2020-01-01' }]),
      "The configuration file <file> is not valid:\n  - 'urls[0]' has an unknown key 'since'. Its keys are template, from, before.");
    assert.equal(load([{ from: '2020-01-01' }]), "The configuration file <file> is not valid:\n  - 'urls[0]' must have the key 'template'.");
    assert.equal(load([{ template: 'https://a.gov/{slug}/', from: 'January 2020' }]),
      "The configuration file <file> is not valid:\n  - 'urls[0][\"from\"]' must be a day, YYYY-MM-DD, not \"January 2020\".");
  });
});

describe('layout in .readoutrc.json', () => {
  const load = (layout: unknown) => loadValues({ layout });

  test('auto, off or a template is kept as written', () => {
    for (const layout of ['auto', 'off', '{category}/{yyyy}/{date}-{slug}.{ext}']) assert.deepEqual(load(layout), { layout });
  });

  test('a template that cannot be one is refused with what is wrong', () => {
    assert.equal(load('{category}/{month}/{slug}.md'),
      "The configuration file <file> is not valid:\n  - layout: The layout '{category}/{month}/{slug}.md' has an unknown placeholder {month}: use {category}, {yyyy}, {mm}, {dd}, {date}, {slug}, {ext}.");
    assert.match(String(load(3)), /'layout' must be a string, not 3\./);
  });
});

describe('layerSettings', () => {
  const config: ReadoutConfig = { file: '/archive/.readoutrc.json', folder: '/archive', values: { schema: 'schemas/mine.json', rules: { enum: 'off' }, urls: ['https://a.gov/{slug}/'], layout: 'off' } };
  const editor = (changes: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...changes });

  test("the file's values where the editor's are at their defaults, the schema relative to the file", () => {
    assert.deepEqual(layerSettings(config, editor({}), '/workspace'), {
      settings: { schema: 'schemas/mine.json', rules: { enum: 'off' }, files: DEFAULT_SETTINGS.files, exclude: DEFAULT_SETTINGS.exclude, urls: ['https://a.gov/{slug}/'], layout: 'off' },
      schemaFolder: '/archive',
    });
  });

  test('a value set in the editor wins, its schema relative to the workspace', () => {
    assert.deepEqual(layerSettings(config, editor({ schema: 'other.json', files: ['docs/**/*.md'], urls: ['https://b.gov/{slug}/'], layout: '{date}-{slug}.{ext}' }), '/workspace'), {
      settings: { schema: 'other.json', rules: { enum: 'off' }, files: ['docs/**/*.md'], exclude: DEFAULT_SETTINGS.exclude, urls: ['https://b.gov/{slug}/'], layout: '{date}-{slug}.{ext}' },
      schemaFolder: '/workspace',
    });
  });

  test('without a file, the editor settings as they are', () => {
    assert.deepEqual(layerSettings(undefined, editor({ rules: { type: 'warning' } }), '/workspace'), { settings: editor({ rules: { type: 'warning' } }), schemaFolder: '/workspace' });
  });
});
