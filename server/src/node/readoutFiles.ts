// Which files the settings look at and how they place each one, by its path relative to the folder
// the globs are relative to: the same for the language server and the command line.
import { readdirSync } from 'node:fs';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import type { Settings } from './settings';

/** Every Markdown and text file is looked at: its front matter's fields decide whether it is a readout. */
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

/** The files of a folder that a scan or a check looks at: `listedGlobs` less `exclude`. */
export function listFiles(folder: string, settings: Settings): Promise<string[]> {
  // Links are followed, as a file event for one would be; a broken link lists nothing.
  return glob(listedGlobs(settings), { cwd: folder, ignore: [...settings.exclude], absolute: true, dot: true, onlyFiles: true, expandDirectories: false });
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
