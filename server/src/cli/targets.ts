// Which files a `readout check` run reads: every Markdown and text file under the root, and what
// `files` names, less `exclude`, by default; or the paths and globs given on the command line.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { byDepth, createPlacer, listFiles, NOWHERE, type FilePlace } from '../node/readoutFiles';
import type { Settings } from '../node/settings';
import { CommandError } from './commandError';

/** A file to read, and where the settings put it: its fields decide the rest, as in the editor. */
export interface FileTask extends FilePlace {
  readonly path: string;
}

function relativeInside(folder: string, file: string): string | undefined {
  const relative = path.relative(folder, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
}

/** Where the settings, relative to `root`, put a file; a file outside the root is placed nowhere. */
export function placeFile(root: string, settings: Settings): (file: string) => FilePlace {
  const { place } = createPlacer(settings);
  return (file) => {
    const relative = relativeInside(root, file);
    return relative === undefined ? NOWHERE : place(relative);
  };
}

/**
 * One task per file: of several paths to one file (a link to its folder or to it, a hard link), the
 * first by depth. A path that cannot be stat'ed is kept, for its check to say why.
 */
/** What `--cache` compares of a file's stat (a whole Stats object per file was 45 MiB at 50,000). */
export interface StatFacts {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

function onePerFile(tasks: ReadonlyMap<string, FileTask>, stats: Map<string, StatFacts>): FileTask[] {
  const taken = new Set<string>();
  const kept: FileTask[] = [];
  for (const file of byDepth([...tasks.keys()])) {
    const stat = statSync(file, { throwIfNoEntry: false });
    const identity = stat && `${stat.dev}:${stat.ino}`;
    if (identity !== undefined && taken.has(identity)) continue;
    if (identity !== undefined) taken.add(identity);
    if (stat) stats.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino });
    kept.push(tasks.get(file)!);
  }
  return kept;
}

/** The files to check, and the stat of each taken as they were listed (links followed), which `--cache` compares with its own. */
export interface Targets {
  readonly tasks: FileTask[];
  statOf(file: string): StatFacts | undefined;
}

/**
 * The files to check, sorted, each once (by path and by file); with no paths, those of the current folder. A folder
 * gives the files under it that a check lists (matched from the root, or from the folder itself
 * when it is outside the root); a file named on the command line is always read, and placed like
 * any other (an excluded one is no readout); a glob gives what it matches less `exclude`.
 */
export async function resolveTargets(args: readonly string[], root: string, settings: Settings): Promise<Targets> {
  const placeInRoot = placeFile(root, settings);
  const tasks = new Map<string, FileTask>();
  const add = (file: string, place: FilePlace) => tasks.set(file, { path: file, ...place });
  let rootListing: Promise<string[]> | undefined;
  const listRoot = () => (rootListing ??= listFiles(root, settings));

  // With no paths, the current folder.
  for (const arg of args.length > 0 ? args : ['.']) {
    const absolute = path.resolve(arg);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      if (relativeInside(root, absolute) === undefined) {
        const placeInFolder = placeFile(absolute, settings);
        for (const file of await listFiles(absolute, settings)) add(file, placeInFolder(file));
      } else {
        const listed = absolute === root ? await listRoot() : (await listRoot()).filter((file) => relativeInside(absolute, file) !== undefined);
        for (const file of listed) add(file, placeInRoot(file));
      }
    } else if (stat) {
      add(absolute, placeInRoot(absolute));
    } else if (isDynamicPattern(arg)) {
      const found = await glob([arg], { absolute: true, dot: true, onlyFiles: true, expandDirectories: false });
      if (found.length === 0) throw new CommandError(`readout check: no files match '${arg}'.`);
      for (const file of found.map((name) => path.resolve(name))) {
        const place = placeInRoot(file);
        if (!place.excluded) add(file, place);
      }
    } else {
      throw new CommandError(`readout check: '${arg}' does not exist (no such file or folder).`);
    }
  }
  const stats = new Map<string, StatFacts>();
  const sorted = onePerFile(tasks, stats).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { tasks: sorted, statOf: (file) => stats.get(file) };
}
