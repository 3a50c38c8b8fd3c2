// Which files a `readout check` run reads: every Markdown and text file under the root, and what
// `files` names, less `exclude`, by default; or the paths and globs given on the command line.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { glob, isDynamicPattern } from 'tinyglobby';
import { byDepth, createPlacer, listedAreNowhere, listFiles, NOWHERE, type FilePlace } from '../node/readoutFiles';
import type { Settings } from '../node/settings';
import { CommandError } from './commandError';
import { STAT_FIELDS, startStatFeed, statFiles, type ListedStats } from '../node/statFiles';

/** A file to read, and where the settings put it: its fields decide the rest, as in the editor. */
export interface FileTask extends FilePlace {
  readonly path: string;
}

function relativeInside(folder: string, file: string): string | undefined {
  // Most files are listed under the folder: cut, not path.relative (which resolves both paths: 0.6 s of a cached run at 200,000 files).
  const prefix = folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`;
  if (file.startsWith(prefix) && !file.includes(`${path.sep}..${path.sep}`)) {
    const relative = file.slice(prefix.length);
    return path.sep === '/' ? relative : relative.split(path.sep).join('/');
  }
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
 * Which files to keep, one per file: of several paths to one file (a link to its folder or to it,
 * a hard link), the first by depth; a path that cannot be stat'ed is kept, for its check to say why.
 */
function onePerFile(files: readonly string[], { stats, devices }: ListedStats): Uint8Array {
  const kept = new Uint8Array(files.length).fill(1);
  // Inodes sorted, to see whether any two are the same at all: a map of every file's took longer.
  const inodes = new Float64Array(files.length);
  for (let at = 0; at < files.length; at++) inodes[at] = stats[at * STAT_FIELDS + 3];
  inodes.sort();
  if (!inodes.some((inode, at) => inode === inodes[at + 1])) return kept;
  // Device, then inode, to the path kept so far.
  const byIdentity = new Map<number, Map<number, number>>();
  files.forEach((file, at) => {
    const device = devices[at];
    if (Number.isNaN(device)) return;
    const inode = stats[at * STAT_FIELDS + 3];
    let paths = byIdentity.get(device);
    if (!paths) byIdentity.set(device, (paths = new Map()));
    const other = paths.get(inode);
    if (other === undefined) {
      paths.set(inode, at);
    } else if (byDepth([files[other], file])[0] === file) {
      kept[other] = 0;
      paths.set(inode, at);
    } else {
      kept[at] = 0;
    }
  });
  return kept;
}

/** The files to check, and the stat of each taken as they were listed (links followed), which `--cache` compares with its own. */
export interface Targets {
  readonly tasks: FileTask[];
  /** STAT_FIELDS numbers per task, in the order of the tasks. */
  readonly stats: Float64Array;
}

/**
 * The files to check, sorted, each once (by path and by file); with no paths, those of the current folder. A folder
 * gives the files under it that a check lists (matched from the root, or from the folder itself
 * when it is outside the root); a file named on the command line is always read, and placed like
 * any other (an excluded one is no readout); a glob gives what it matches less `exclude`.
 */
export async function resolveTargets(args: readonly string[], root: string, settings: Settings, statWorker?: Worker, meanwhile?: () => void): Promise<Targets> {
  const placeInRoot = placeFile(root, settings);
  const taskOf = (file: string, place: FilePlace): FileTask => ({ path: file, inReadoutFiles: place.inReadoutFiles, excluded: place.excluded });
  let rootListing: Promise<string[]> | undefined;
  const listRoot = () => (rootListing ??= listFiles(root, settings));
  const listInRoot = async (folder: string) => (folder === root ? listRoot() : (await listRoot()).filter((file) => relativeInside(folder, file) !== undefined));
  const inRoot = (folder: string) => statSync(folder, { throwIfNoEntry: false })?.isDirectory() === true && relativeInside(root, folder) !== undefined;

  // With no paths (the current folder) or one folder in the root, as a run mostly is: its files
  // sorted, each placed once, without a map by path (a tenth of a second at 200,000 files).
  const only = args.length <= 1 ? path.resolve(args[0] ?? '.') : undefined;
  if (only !== undefined && inRoot(only)) {
    // With the default settings, no file the listing gives is placed anywhere: none need be matched (a tenth of a second).
    const place = listedAreNowhere(settings) ? () => NOWHERE : placeInRoot;
    // The root's files are stat'ed as the listing finds them (on the worker, when there is one); a folder's once listed.
    const feed = startStatFeed(statWorker);
    try {
      if (only === root) await listFiles(root, settings, feed.add);
      else (await listInRoot(only)).forEach((file) => feed.add(file));
    } catch (error) {
      feed.cancel();
      throw error;
    }
    // Sorted, each with its place in the listing, where its stat is.
    const found = feed.files.map((file, at) => ({ file, at })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const tasks: FileTask[] = [];
    const listedAt: number[] = [];
    found.forEach(({ file, at }, index) => {
      if (file === found[index - 1]?.file) return;
      tasks.push(taskOf(file, place(file)));
      listedAt.push(at);
    });
    return keptOnce(tasks, inOrder(await feed.finish({ meanwhile }), listedAt));
  }

  const tasks = new Map<string, FileTask>();
  const add = (file: string, place: FilePlace) => tasks.set(file, taskOf(file, place));
  for (const arg of args) {
    const absolute = path.resolve(arg);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      if (relativeInside(root, absolute) === undefined) {
        const placeInFolder = placeFile(absolute, settings);
        for (const file of await listFiles(absolute, settings)) add(file, placeInFolder(file));
      } else {
        for (const file of await listInRoot(absolute)) add(file, placeInRoot(file));
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
  return withStats([...tasks.keys()].sort().map((file) => tasks.get(file)!), statWorker, meanwhile);
}

/** The tasks, sorted by path, each file once, with the stat of each (taken in their order, so none is moved); `meanwhile` as statFiles runs it. */
async function withStats(tasks: FileTask[], statWorker: Worker | undefined, meanwhile: (() => void) | undefined): Promise<Targets> {
  return keptOnce(tasks, await statFiles(tasks.map((task) => task.path), { worker: statWorker, meanwhile }));
}

/** The stats of the files listed at `places`, in that order. */
function inOrder(listed: ListedStats, places: readonly number[]): ListedStats {
  const result = { stats: new Float64Array(places.length * STAT_FIELDS), devices: new Float64Array(places.length), regular: new Uint8Array(places.length) };
  places.forEach((from, to) => {
    result.stats.set(listed.stats.subarray(from * STAT_FIELDS, (from + 1) * STAT_FIELDS), to * STAT_FIELDS);
    result.devices[to] = listed.devices[from];
    result.regular[to] = listed.regular[from];
  });
  return result;
}

/** The tasks, each file once (onePerFile), with the stat of each: `listed` is in the order of the tasks. */
function keptOnce(tasks: FileTask[], listed: ListedStats): Targets {
  const kept = onePerFile(tasks.map((task) => task.path), listed);
  if (!kept.includes(0)) return { tasks, stats: listed.stats };
  const at = tasks.flatMap((_, index) => (kept[index] === 1 ? [index] : []));
  return { tasks: at.map((index) => tasks[index]), stats: inOrder(listed, at).stats };
}
