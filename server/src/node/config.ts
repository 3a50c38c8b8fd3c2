// The configuration file `.readoutrc.json`, read alike by the command line and the language server:
// the same keys as the VS Code settings (schema, rules, files, exclude, urls, layout), validated against
// schemas/readoutrc.schema.json so that the file, its editor validation and this loader agree.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import configSchema from '../../../schemas/readoutrc.schema.json';
import { jsonSyntaxError } from '../core/jsonSyntax';
import { didYouMean } from '../core/suggest';
import { parseUrlTemplates, type UrlTemplateSetting } from '../core/urlTemplates';
import { layoutMode } from '../core/layoutRule';
import { readRegularFile, RefusedFileError } from './regularFile';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';

export const CONFIG_FILE_NAME = '.readoutrc.json';

/** A configuration is a few hundred bytes. */
const MAX_CONFIG_BYTES = 64 * 1024;

export interface ReadoutConfig {
  /** The configuration file's absolute path. */
  readonly file: string;
  /** Its folder: `schema`, `files` and `exclude` are relative to it. */
  readonly folder: string;
  /** Only the keys the file sets, so that a host can lay its own settings over them. */
  readonly values: Partial<Settings>;
}

export type ConfigResult = { readonly config: ReadoutConfig } | { readonly error: string };

const SETTING_KEYS = Object.keys(configSchema.properties).filter((key) => key !== '$schema');
const LEVELS = configSchema.definitions.level.enum;

/** The nearest `.readoutrc.json` in `startFolder` or a folder above it. */
export function findConfig(startFolder: string): string | undefined {
  for (let folder = path.resolve(startFolder); ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(folder) === folder) return undefined;
  }
}

/** Reads and validates a configuration file; every problem is worded for the person who wrote it. */
export function loadConfig(file: string): ConfigResult {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = readRegularFile(absolute, MAX_CONFIG_BYTES).bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : error instanceof RefusedFileError ? `cannot be used: ${error.message}` : `cannot be read (${(error as Error).message})`;
    return { error: `The configuration file ${absolute} ${reason}.` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Never JSON.parse's message: it quotes the text, and --config may name any file.
    return { error: `The configuration file ${absolute} is not valid JSON: ${jsonSyntaxError(text)}.` };
  }
  // Compiled for each file read (about 20 ms): a configuration is read once per run, or per change in the editor.
  const validateConfig = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(configSchema);
  if (!validateConfig(raw)) {
    const errors = validateConfig.errors ?? [];
    // A level that is not text fails both `type` and `enum`: one message is enough.
    const worded = errors.filter((error) => error.keyword !== 'type' || !errors.some((other) => other.keyword === 'enum' && other.instancePath === error.instancePath));
    const problems = worded.map(describeError);
    return { error: `The configuration file ${absolute} is not valid:\n${[...new Set(problems)].map((problem) => `  - ${problem}`).join('\n')}` };
  }
  const settings = raw as Record<string, unknown>;
  // The schema checks each template's shape; what is inside it, the template parser.
  const templates = settings.urls === undefined ? undefined : parseUrlTemplates(settings.urls as UrlTemplateSetting[]);
  if (templates && 'error' in templates) return { error: `The configuration file ${absolute} is not valid:\n  - ${templates.error}` };
  const layout = typeof settings.layout === 'string' ? layoutMode(settings.layout) : undefined;
  if (layout && 'error' in layout) return { error: `The configuration file ${absolute} is not valid:\n  - ${layout.error}` };
  // `$schema` is for editors; the rest are settings.
  const values = Object.fromEntries(SETTING_KEYS.filter((key) => key in settings).map((key) => [key, settings[key]])) as Partial<Settings>;
  return { config: { file: absolute, folder: path.dirname(absolute), values } };
}

/** `/rules/url-slug-mismatch` as a person would name it: `rules["url-slug-mismatch"]`. */
function keyPath(pointer: string): string {
  const segments = pointer.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `["${segment}"]`)).join('');
}

function describeError(error: ErrorObject): string {
  const where = keyPath(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      if (where !== '') return `'${where}' has an unknown key '${key}'. Its keys are ${Object.keys(error.parentSchema?.properties ?? {}).join(', ')}.`;
      const suggestion = didYouMean(key, SETTING_KEYS);
      // Only the top level is closed: `rules` takes any code (a custom schema's keywords are codes too).
      return `Unknown key '${key}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} The keys are ${SETTING_KEYS.join(', ')}.`;
    }
    case 'type':
      return `'${where}' must be ${typeWanted(error)}, not ${JSON.stringify(error.data)}.`;
    case 'required':
      return `'${where}' must have the key '${String(error.params.missingProperty)}'.`;
    case 'pattern':
      return `'${where}' must be ${String(error.parentSchema?.patternErrorMessage ?? `of the form ${String(error.params.pattern)}`)}, not ${JSON.stringify(error.data)}.`;
    case 'enum':
      return `'${where}' must be one of ${LEVELS.join(', ')}, not ${JSON.stringify(error.data)}.`;
    default:
      return `'${where || 'the file'}' ${error.message ?? 'is not valid'}.`;
  }
}

/** What a value of the wrong type should have been, in words: the schema's own where it has some. */
function typeWanted(error: ErrorObject): string {
  if (typeof error.parentSchema?.typeErrorMessage === 'string') return error.parentSchema.typeErrorMessage;
  return error.params.type === 'array' ? 'a list of globs' : error.params.type === 'object' ? 'an object' : `a ${error.params.type}`;
}

/**
 * The settings where a host has its own as well (VS Code's): a value set in the editor wins over
 * the file, one left at its default does not. `schemaFolder` is where `schema` is relative to:
 * the configuration's folder when the file names it, the workspace folder when the editor does.
 */
export function layerSettings(config: ReadoutConfig | undefined, editor: Settings, workspaceFolder: string): { settings: Settings; schemaFolder: string } {
  const fromFile = normalizeSettings(config?.values ?? {});
  const editorWins = (key: keyof Settings) => config?.values[key] === undefined || JSON.stringify(editor[key]) !== JSON.stringify(DEFAULT_SETTINGS[key]);
  const settings: Settings = {
    schema: editorWins('schema') ? editor.schema : fromFile.schema,
    rules: editorWins('rules') ? editor.rules : fromFile.rules,
    files: editorWins('files') ? editor.files : fromFile.files,
    exclude: editorWins('exclude') ? editor.exclude : fromFile.exclude,
    urls: editorWins('urls') ? editor.urls : fromFile.urls,
    layout: editorWins('layout') ? editor.layout : fromFile.layout,
  };
  return { settings, schemaFolder: config && !editorWins('schema') ? config.folder : workspaceFolder };
}
