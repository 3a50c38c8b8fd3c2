// The settings in force: the editor's over .readoutrc.json, the schema they name, the core service
// built from them, where they put each file, and the watchers that report changes to all these.
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification, type Connection, type Disposable, type FileSystemWatcher } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { compileBuiltinSchema } from '../core/builtinSchema';
import { createReadoutService, type ReadoutInput, type ReadoutService } from '../core/languageService';
import { layoutMode } from '../core/layoutRule';
import { BUILTIN_URL_TEMPLATES, parseUrlTemplates } from '../core/urlTemplates';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { CONFIG_FILE_NAME, findConfig, layerSettings, loadConfig } from '../node/config';
import { createPlacer, listedGlobs, NOWHERE, type FilePlace } from '../node/readoutFiles';
import { loadSchema, type LoadedSchema } from '../node/schemaSource';
import { normalizeSettings } from '../node/settings';
import type { ClientSupport } from './clientSupport';
import type { WorkspaceFolders } from './workspaceFolders';

/** Where the settings put a file, and whether the workspace's scan lists it: the index holds only those. */
export type PlacedFile = FilePlace & { readonly listed: boolean };

export interface ConfigurationOptions {
  readonly connection: Connection;
  readonly support: ClientSupport;
  readonly folders: WorkspaceFolders;
  readonly index: WorkspaceIndex;
  /** The settings sent with `initialize` (VS Code's client sends them; others may not). */
  readonly initialSettings: unknown;
  /** False in a workspace the person has not trusted (VS Code's restricted mode). */
  readonly trusted: boolean;
}

export type Configuration = ReturnType<typeof createConfiguration>;

export function createConfiguration(options: ConfigurationOptions) {
  const { connection, support, folders, index } = options;
  const builtin = compileBuiltinSchema();
  // What the editor says (settings pulled or pushed), and what is in force: those over .readoutrc.json.
  let editorSettings = normalizeSettings(options.initialSettings);
  let settings = editorSettings;
  let placer = createPlacer(settings);
  let loaded: LoadedSchema = { schema: builtin, file: undefined, error: undefined };
  let service: ReadoutService = createReadoutService({ schema: builtin, index });
  // The .readoutrc.json in force, if any: it may lie above the workspace folders.
  let configFile: string | undefined;
  // Until the person trusts the workspace, no schema it names is loaded.
  let trusted = options.trusted;
  let watchers: Disposable | undefined;
  // What the registered watchers watch, so that an unchanged set is not registered again.
  let watched: string | undefined;
  // The message last shown for each thing that could not be used: shown again only when it changes.
  const shownProblems = new Map<string, string | undefined>();

  /** Logs and shows `message` (a notification: nothing for the person to answer) unless it is the one last shown for `topic`. */
  function showOnce(topic: string, message: string | undefined, type: MessageType, shown: (message: string) => string): void {
    if (message && message !== shownProblems.get(topic)) {
      if (type === MessageType.Info) connection.console.info(message);
      else connection.console.warn(message);
      void connection.sendNotification(ShowMessageNotification.type, { type, message: shown(message) });
    }
    shownProblems.set(topic, message);
  }

  /**
   * Where readout.files and readout.exclude put a file, by its path relative to the workspace
   * folders that hold it, and whether the workspace's scan lists it. A file outside them is placed
   * nowhere: its fields decide.
   */
  function place(file: string): PlacedFile {
    let inReadoutFiles = false;
    let excluded = false;
    let listed = false;
    for (const inside of folders.pathsOf(file)) {
      const placed = placer.place(inside);
      inReadoutFiles ||= placed.inReadoutFiles;
      excluded ||= placed.excluded;
      listed ||= placer.listed(inside);
    }
    return excluded ? { inReadoutFiles: false, excluded, listed: false } : { inReadoutFiles, excluded, listed };
  }

  const placeOf = (document: TextDocument): PlacedFile => (document.uri.startsWith('file:') ? place(URI.parse(document.uri).fsPath) : { ...NOWHERE, listed: false });

  return {
    settings: () => settings,
    service: () => service,
    place,
    placeOf,

    /** What the core is given for an open document. */
    input: (document: TextDocument, placed = placeOf(document)): ReadoutInput & { uri: string } => ({
      uri: document.uri,
      text: document.getText(),
      inReadoutFiles: placed.inReadoutFiles,
      excluded: placed.excluded,
    }),

    /** A client that pushes its settings (no `workspace/configuration`) sent them. */
    settingsPushed(raw: unknown): void {
      if (!support.pullsConfiguration) editorSettings = normalizeSettings(raw);
    },

    trust(): void {
      trusted = true;
    },

    /** Whether a changed file is one the settings come from: the configuration file, or the schema in force. */
    isSettingsFile: (file: string) => file === loaded.file || path.basename(file) === CONFIG_FILE_NAME,

    /** Reads the settings, the configuration file and the schema again; true when the files to index changed. */
    async reload(): Promise<boolean> {
      const previous = settings;
      if (support.pullsConfiguration) {
        try {
          editorSettings = normalizeSettings(await connection.workspace.getConfiguration('readout'));
        } catch (error) {
          // A client may answer with an error: the settings it gave last stay in force.
          connection.console.warn(`The client did not give its settings (${(error as Error).message}): the last it gave are used.`);
        }
      }
      // The same .readoutrc.json the CLI reads, nearest at or above the first folder; the editor's settings win.
      configFile = folders.first ? findConfig(folders.first) : undefined;
      const config = configFile ? loadConfig(configFile) : undefined;
      showOnce('config', config && 'error' in config ? config.error : undefined, MessageType.Warning, (error) => `${error} The editor's settings are used.`);
      const layered = layerSettings(config && 'config' in config ? config.config : undefined, editorSettings, folders.first ?? process.cwd());
      settings = layered.settings;
      const untrustedSchema = trusted ? undefined : settings.schema || undefined;
      showOnce('untrusted schema', untrustedSchema && `The workspace is not trusted, so the schema it names ('${untrustedSchema}') is not loaded: readouts are checked against the built-in schema until you trust it.`, MessageType.Info, (message) => message);
      loaded = loadSchema(untrustedSchema ? '' : settings.schema, layered.schemaFolder, builtin);
      showOnce('schema', loaded.error, MessageType.Warning, (error) => `${error} Readouts are checked against the built-in schema.`);
      placer = createPlacer(settings);
      // A bad template in .readoutrc.json is a configuration error above: these are the editor's.
      const urls = parseUrlTemplates(settings.urls);
      showOnce('urls', 'error' in urls ? `readout.${urls.error} The built-in URL forms are used.` : undefined, MessageType.Warning, (message) => message);
      const layout = layoutMode(settings.layout);
      showOnce('layout', 'error' in layout ? `readout.${layout.error} The layout is checked as with 'auto'.` : undefined, MessageType.Warning, (message) => message);
      service = createReadoutService({
        schema: loaded.schema, rules: settings.rules, urls: 'templates' in urls ? urls.templates : BUILTIN_URL_TEMPLATES, layout: 'error' in layout ? { mode: 'auto' } : layout, index,
      });
      return String(previous.files) !== String(settings.files) || String(previous.exclude) !== String(settings.exclude);
    },

    /**
     * Registers the watchers again when what they must watch has changed: the schema override is
     * JSON, readouts are among the files a scan lists, and the configuration file and the schema may
     * lie outside the workspace, where a workspace-relative glob never reaches.
     */
    async watch(): Promise<void> {
      if (!support.watchesFiles) return;
      const outside = support.relativePatterns ? [configFile, loaded.file].filter((file): file is string => file !== undefined && !folders.holds(file)) : [];
      const fileWatchers: FileSystemWatcher[] = [
        ...['**/*.json', ...listedGlobs(settings)].map((globPattern) => ({ globPattern })),
        ...[...new Set(outside)].map((file) => ({ globPattern: { baseUri: URI.file(path.dirname(file)).toString(), pattern: path.basename(file) } })),
      ];
      const wanted = JSON.stringify(fileWatchers);
      if (wanted === watched) return;
      watched = wanted;
      const previous = watchers;
      watchers = undefined;
      previous?.dispose();
      try {
        watchers = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: fileWatchers });
      } catch (error) {
        connection.console.warn(`The client refused to watch files (${(error as Error).message}): changes on disk are not followed.`);
      }
    },
  };
}
