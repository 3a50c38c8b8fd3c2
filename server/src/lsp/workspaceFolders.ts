// The workspace's folders, as absolute paths: what is scanned, and what files are placed relative to.
import * as path from 'node:path';

/** A path relative to a folder as `path.relative` gives it, '/'-separated, or undefined when it leads out of the folder. */
function insideOf(relative: string): string | undefined {
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/** The path of `file` inside `folder`, '/'-separated, or undefined when the folder does not hold it. */
export function pathInside(folder: string, file: string): string | undefined {
  return insideOf(path.relative(folder, file));
}

export class WorkspaceFolders {
  private folders: readonly string[];
  // The last file's folder on disk and its path relative to each workspace folder: a scan places a
  // folder's files one after another, and `path.relative` costs more than the rest of placing a file.
  private lastParent: { readonly parent: string; readonly relative: readonly string[] | undefined } | undefined;

  constructor(folders: readonly string[]) {
    this.folders = folders;
  }

  get all(): readonly string[] {
    return this.folders;
  }

  /** The first folder: the nearest .readoutrc.json at or above it is the one in force. */
  get first(): string | undefined {
    return this.folders[0];
  }

  change(added: readonly string[], removed: readonly string[]): void {
    this.folders = [...this.folders.filter((folder) => !removed.includes(folder)), ...added];
    this.lastParent = undefined;
  }

  /** The paths of `file` inside each folder that holds it (folders may nest). */
  pathsOf(file: string): string[] {
    const cut = path.sep === '/' ? file.lastIndexOf('/') : Math.max(file.lastIndexOf('/'), file.lastIndexOf(path.sep));
    const name = file.slice(cut + 1);
    const parentPaths = cut > 0 && name !== '' && name !== '.' && name !== '..' ? this.parentPaths(file, cut) : undefined;
    if (parentPaths === undefined) return this.folders.map((folder) => pathInside(folder, file)).filter((inside): inside is string => inside !== undefined);
    // Relative to a folder, a plain name below an absolute parent is the parent's path, a separator and the name.
    const paths: string[] = [];
    parentPaths.forEach((relative, index) => {
      // A folder right below the parent may be the file's own path, which is inside it ('').
      const inside = relative === '..' ? pathInside(this.folders[index], file) : insideOf(relative === '' ? name : `${relative}${path.sep}${name}`);
      if (inside !== undefined) paths.push(inside);
    });
    return paths;
  }

  /** The path of the file's parent (its first `cut` characters) relative to each folder; undefined when the parent is not absolute. */
  private parentPaths(file: string, cut: number): readonly string[] | undefined {
    const last = this.lastParent;
    if (last !== undefined && last.parent.length === cut && file.startsWith(last.parent)) return last.relative;
    const parent = file.slice(0, cut);
    const relative = path.isAbsolute(parent) ? this.folders.map((folder) => path.relative(folder, parent)) : undefined;
    this.lastParent = { parent, relative };
    return relative;
  }

  holds(file: string): boolean {
    return this.pathsOf(file).length > 0;
  }
}
