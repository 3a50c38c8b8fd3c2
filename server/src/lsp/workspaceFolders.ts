// The workspace's folders, as absolute paths: what is scanned, and what files are placed relative to.
import * as path from 'node:path';

/** The path of `file` inside `folder`, '/'-separated, or undefined when the folder does not hold it. */
export function pathInside(folder: string, file: string): string | undefined {
  const relative = path.relative(folder, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

export class WorkspaceFolders {
  private folders: readonly string[];

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
  }

  /** The paths of `file` inside each folder that holds it (folders may nest). */
  pathsOf(file: string): string[] {
    return this.folders.map((folder) => pathInside(folder, file)).filter((inside): inside is string => inside !== undefined);
  }

  holds(file: string): boolean {
    return this.pathsOf(file).length > 0;
  }
}
