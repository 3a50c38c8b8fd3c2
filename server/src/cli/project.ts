// What a command works with: the configuration in force, its settings and the schema they name.
import * as path from 'node:path';
import type { ReadoutSchema } from '../core/schema';
import { layoutMode, type LayoutMode } from '../core/layoutRule';
import { parseUrlTemplates, type UrlTemplate } from '../core/urlTemplates';
import { loadSchema } from '../node/schemaSource';
import { normalizeSettings, type Settings } from '../node/settings';
import { CommandError } from './commandError';
import { findConfig, loadConfig } from '../node/config';

export interface Project {
  /** The configuration file in use, if any. */
  readonly configFile: string | undefined;
  /** The folder `files` and `exclude` are relative to: the configuration's, or the current folder without one. */
  readonly root: string;
  readonly settings: Settings;
  readonly schema: ReadoutSchema;
  /** The forms of source_url its settings name. */
  readonly urls: readonly UrlTemplate[];
  /** Where its readouts' files belong. */
  readonly layout: LayoutMode;
}

/** The configuration file for a run: the one named with --config, or the nearest above `startFolder`. */
export function configFileFor(startFolder: string, configOption: string | undefined): string | undefined {
  return configOption !== undefined ? path.resolve(configOption) : findConfig(startFolder);
}

/** Loads the configuration and the schema; a configuration or schema that cannot be used stops the command. */
export async function openProject(configFile: string | undefined): Promise<Project> {
  let root = process.cwd();
  let settings = normalizeSettings({});
  if (configFile !== undefined) {
    const result = loadConfig(configFile);
    if ('error' in result) throw new CommandError(result.error);
    root = result.config.folder;
    settings = normalizeSettings(result.config.values);
  }
  const loaded = loadSchema(settings.schema, root);
  // Unlike the editor, which falls back to the built-in schema, a CI run must not pass on the wrong schema.
  if (loaded.error) throw new CommandError(configFile ? `${loaded.error} It is set by 'schema' in ${configFile}.` : loaded.error);
  const urls = parseUrlTemplates(settings.urls);
  // loadConfig refuses a file whose templates do not parse, and the built-in ones do.
  if ('error' in urls) throw new Error(urls.error);
  const layout = layoutMode(settings.layout);
  if ('error' in layout) throw new Error(layout.error);
  return { configFile, root, settings, schema: loaded.schema, urls: urls.templates, layout };
}
