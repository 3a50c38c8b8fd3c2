// Which files a `readout check` run reads: `files` less `exclude` under the root by default, or the
// paths and globs given on the command line.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Settings } from '../settings';
import { listReadoutFiles } from '../workspaceScan';
import { CommandError } from './commandError';

export interface FileTask {
  readonly path: string;
  /** `files` less `exclude` names it: any front matter makes it a readout (as in the editor). */
  readonly inReadoutFiles: boolean;
}

/** `files` less `exclude`, over paths relative to the root (`/` separators). */
export function readoutFilesMatcher(settings: Settings): (relativePath: string) => boolean {
  if (settings.files.length === 0) return () => false;
  const included = picomatch([...settings.files], { dot: true });
  const excluded = settings.exclude.length > 0 ? picomatch([...settings.exclude], { dot: true }) : () => false;
  return (relativePath) => included(relativePath) && !excluded(relativePath);
}

function relativeInside(folder: string, file: string): string | undefined {
  const relative = path.relative(folder, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
}

/**
 * The files to check, sorted, each once; with no paths, those of the current folder. A folder
 * gives the files under it that `files` less `exclude` names (matched from the root, or from the
 * folder itself when it is outside the root); a file named on the command line is always read; a
 * glob gives what it matches less `exclude`.
 */
export async function resolveTargets(args: readonly string[], root: string, settings: Settings): Promise<FileTask[]> {
  const matches = readoutFilesMatcher(settings);
  const excluded = settings.exclude.length > 0 ? picomatch([...settings.exclude], { dot: true }) : () => false;
  const inReadoutFiles = (file: string) => {
    const relative = relativeInside(root, file);
    return relative !== undefined && matches(relative);
  };
  const tasks = new Map<string, FileTask>();
  const add = (file: string, readoutFile: boolean) => tasks.set(file, { path: file, inReadoutFiles: readoutFile });
  let rootListing: Promise<string[]> | undefined;
  const listRoot = () => (rootListing ??= listReadoutFiles(root, settings.files, settings.exclude));

  // With no paths, the current folder.
  for (const arg of args.length > 0 ? args : ['.']) {
    const absolute = path.resolve(arg);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      const inRoot = relativeInside(root, absolute) !== undefined;
      const listed = !inRoot
        ? await listReadoutFiles(absolute, settings.files, settings.exclude)
        : absolute === root ? await listRoot() : (await listRoot()).filter((file) => relativeInside(absolute, file) !== undefined);
      for (const file of listed) add(file, true);
    } else if (stat) {
      add(absolute, inReadoutFiles(absolute));
    } else if (isDynamicPattern(arg)) {
      const found = await glob([arg], { absolute: true, dot: true, onlyFiles: true, expandDirectories: false });
      if (found.length === 0) throw new CommandError(`readout check: no files match '${arg}'.`);
      for (const file of found.map((name) => path.resolve(name))) {
        const relative = relativeInside(root, file);
        if (relative === undefined || !excluded(relative)) add(file, inReadoutFiles(file));
      }
    } else {
      throw new CommandError(`readout check: '${arg}' does not exist (no such file or folder).`);
    }
  }
  return [...tasks.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
