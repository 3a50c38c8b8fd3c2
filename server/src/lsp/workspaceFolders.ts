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
  // The last file's folder on disk and what comes before a name in a path inside each workspace folder:
  // a scan places a folder's files one after another, and `path.relative` costs more than the rest of placing a file.
  private lastParent: { readonly parent: string; readonly prefixes: readonly (string | undefined)[] | undefined } | undefined;

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
    const prefixes = cut > 0 && name !== '' && name !== '.' && name !== '..' ? this.parentPrefixes(file, cut) : undefined;
    if (prefixes === undefined) return this.folders.map((folder) => pathInside(folder, file)).filter((inside): inside is string => inside !== undefined);
    const paths: string[] = [];
    prefixes.forEach((prefix, index) => {
      // A folder right below the parent may be the file's own path, which is inside it ('').
      if (prefix === '..') {
        const inside = pathInside(this.folders[index], file);
        if (inside !== undefined) paths.push(inside);
      } else if (prefix !== undefined && !(prefix === '' && name.startsWith('..'))) {
        paths.push(prefix + name);
      }
    });
    return paths;
  }

  /**
   * For each folder, what comes before the name of a file in the parent (its first `cut` characters)
   * in the file's path inside the folder: the parent's own path and a slash, '' in the folder itself,
   * undefined when the folder does not hold the parent, '..' when it is right below it; undefined
   * when the parent is not absolute. A plain name adds nothing that could take the path out of the
   * folder but for a leading '..'.
   */
  private parentPrefixes(file: string, cut: number): readonly (string | undefined)[] | undefined {
    const last = this.lastParent;
    if (last !== undefined && last.parent.length === cut && file.startsWith(last.parent)) return last.prefixes;
    const parent = file.slice(0, cut);
    const prefixes = path.isAbsolute(parent)
      ? this.folders.map((folder) => {
        const relative = path.relative(folder, parent);
        if (relative === '' || relative === '..') return relative;
        const inside = insideOf(relative);
        return inside === undefined ? undefined : `${inside}/`;
      })
      : undefined;
    this.lastParent = { parent, prefixes };
    return prefixes;
  }

  holds(file: string): boolean {
    return this.pathsOf(file).length > 0;
  }
}
