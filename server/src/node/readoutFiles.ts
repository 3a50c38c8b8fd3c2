// Which files the settings look at and how they place each one, by its path relative to the folder
// the globs are relative to: the same for the language server and the command line.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fdir } from 'fdir';
import picomatch from 'picomatch';
import type { Settings } from './settings';

/**
 * Every Markdown and text file is looked at: its front matter's fields decide whether it is a
 * readout. (`listFiles` knows them by their names' ends; the file watchers take the glob.)
 */
export const MARKDOWN_AND_TEXT = '**/*.{md,txt}';

/** Where the settings put a file. */
export interface FilePlace {
  /** `files` names it: any front matter makes it a readout. */
  readonly inReadoutFiles: boolean;
  /** `exclude` names it: never a readout. */
  readonly excluded: boolean;
}

export const NOWHERE: FilePlace = { inReadoutFiles: false, excluded: false };

/** The globs a folder is listed with: every Markdown and text file, and whatever `files` names. */
export function listedGlobs(settings: Settings): string[] {
  return [...new Set([MARKDOWN_AND_TEXT, ...settings.files])];
}

/** A glob as tinyglobby reads one: without a trailing `/`, `./` or `a/../`. */
const normalGlob = (glob: string) => path.posix.normalize(glob.endsWith('/') ? glob.slice(0, -1) : glob);

// An exclude glob that names a folder wherever it is, and all it holds (`**/node_modules/**`).
const ANY_FOLDER_NAMED = /^\*\*\/([\w\-. ~]+)\/\*\*$/;

// The folder name in such a glob; undefined for another glob.
function folderNamed(glob: string): string | undefined {
  const name = ANY_FOLDER_NAMED.exec(glob)?.[1];
  return name === '.' || name === '..' ? undefined : name;
}

/**
 * Whether `createPlacer` puts every file `listFiles` gives nowhere (NOWHERE): with no `files`, and
 * with an `exclude` of folders named anywhere only (as by default), which the listing skips.
 */
export function listedAreNowhere(settings: Settings): boolean {
  return settings.files.length === 0 && settings.exclude.every((glob) => folderNamed(normalGlob(glob)) !== undefined);
}

/**
 * The files of a folder that a scan or a check looks at: `listedGlobs` less `exclude`, as
 * tinyglobby lists them (a test compares the two), by the crawler tinyglobby uses with tests of
 * our own: a folder `exclude` names anywhere (node_modules) is skipped by its name and its files are
 * not tested one by one, and a Markdown or text file is known by its name's end, not a pattern.
 * That halves the listing of 200,000 files (0.4 s to 0.2 s). Globs are relative to the folder:
 * one that leaves it (`../`, an absolute path) lists nothing outside it. `found` is told of each
 * file as the listing finds it, in the order of the list.
 */
export function listFiles(folder: string, settings: Settings, found: (file: string) => void = () => {}): Promise<string[]> {
  const options = { dot: true, posix: true };
  // tinyglobby's reading of the globs: a `!` glob of `files` excludes; a `!` glob of `exclude` is
  // dropped (`!(` starts an extglob, not a negation).
  const negation = (glob: string) => glob[0] === '!' && glob[1] !== '(';
  const named = settings.files.filter((glob) => glob !== '' && !negation(glob));
  const negated = settings.files.filter(negation).map((glob) => glob.slice(1));
  const excludes = [...settings.exclude.filter((glob) => glob !== '' && !negation(glob)), ...negated].map(normalGlob);
  const folderNames = new Set<string>();
  const others: string[] = [];
  for (const glob of excludes) {
    const name = folderNamed(glob);
    if (name !== undefined) folderNames.add(name);
    else others.push(glob);
  }
  const inFiles = named.length > 0 ? picomatch(named.map(normalGlob), options) : () => false;
  const excludedByOthers = others.length > 0 ? picomatch(others, options) : () => false;
  const matchesGlobs = named.length > 0 || others.length > 0;
  const root = path.resolve(folder).replace(/\\/g, '/').replace(/\/$/, '');
  const start = root.length + 1;
  // Links are followed, as a file event for one would be; a broken link lists nothing.
  const crawler = new fdir({
    pathSeparator: '/',
    resolvePaths: true,
    includeBasePath: true,
    resolveSymlinks: true,
    // A folder's path ends in `/`.
    exclude: (name, folderPath) => folderNames.has(name) || excludedByOthers(folderPath.slice(start, -1)),
    // The only filter: a file it keeps is listed next.
    filters: [(file) => {
      // Without globs to test (as by default), the path relative to the folder is not made.
      const relative = matchesGlobs ? file.slice(start) : '';
      const listed = (file.endsWith('.md') || file.endsWith('.txt') || inFiles(relative)) && !excludedByOthers(relative);
      if (listed) found(file);
      return listed;
    }],
  });
  return crawler.crawl(root).withPromise();
}

/**
 * The names of a folder's regular files, by the types its listing gives: a link is not among them
 * (what it leads to is not known without a stat), nor anything when the folder cannot be read.
 */
export function regularFileNames(folder: string): Set<string> {
  try {
    return new Set(readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name));
  } catch {
    return new Set();
  }
}

/**
 * Paths by their number of segments, then in order. Of several paths to one file, the tools keep
 * the first: a path through a link to a parent folder comes after the file's own.
 */
export function byDepth(files: readonly string[]): string[] {
  return files.map((file) => ({ file, depth: file.split(/[\\/]/).length }))
    .sort((a, b) => a.depth - b.depth || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map(({ file }) => file);
}

const never = () => false;
// A glob of plain characters, `*` and `/` matches only a path that holds each of its runs of plain
// characters: looking for those first spares most paths picomatch's expression (the default
// `exclude` is tested on every file a scan finds). Not after three stars or more, which picomatch
// reads otherwise (in `***a.*` its `.` matches any character).
const PLAIN_GLOB = /^(?!.*\*\*\*)[\w\-.~ /*]*$/;

function globMatcher(glob: string): (path: string) => boolean {
  const matches = picomatch(glob, { dot: true });
  const runs = PLAIN_GLOB.test(glob) ? glob.split(/[*/]+/).filter((run) => run !== '' && run !== '.' && run !== '..') : [];
  return runs.length === 0 ? matches : (path) => runs.every((run) => path.includes(run)) && matches(path);
}

function matcher(globs: readonly string[]): (path: string) => boolean {
  const matchers = globs.map(globMatcher);
  return matchers.length > 0 ? (path) => matchers.some((matches) => matches(path)) : never;
}

/** Places files by their paths relative to the settings' folder (`/` separators). */
export function createPlacer(settings: Settings): { place(relativePath: string): FilePlace; listed(relativePath: string): boolean } {
  const included = matcher(settings.files);
  const excludes = matcher(settings.exclude);
  const listed = matcher(listedGlobs(settings));
  // A path is often placed, then asked whether it is listed: `exclude` is matched once for both.
  let last: { path: string; out: boolean } | undefined;
  const excluded = (relativePath: string) => (last?.path === relativePath ? last.out : (last = { path: relativePath, out: excludes(relativePath) }).out);
  return {
    place: (relativePath) => {
      const out = excluded(relativePath);
      return { inReadoutFiles: !out && included(relativePath), excluded: out };
    },
    listed: (relativePath) => listed(relativePath) && !excluded(relativePath),
  };
}
