// `WorkspaceFolders.pathsOf` works a file's folder out once for the files after it in that folder:
// it must give what `pathInside` gives for each folder, whatever the order, the nesting or the name.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathInside, WorkspaceFolders } from '../../server/src/lsp/workspaceFolders';

const reference = (folders: readonly string[], file: string) => folders.map((folder) => pathInside(folder, file)).filter((inside) => inside !== undefined);

const FOLDERS = ['/work/archive', '/work/archive/statements', '/work/archive/', '/work/other', '/', '/work/arch'];

const FILES = [
  '/work/archive/a.md', '/work/archive/b.md', '/work/archive/statements/2023-01/x.md', '/work/archive/statements/2023-01/y.md',
  '/work/archive/statements/z.md', '/work/archive/a.md', '/work/archive-2/a.md', '/work/archived/a.md', '/work/arch/a.md',
  '/work/archive/..hidden.md', '/work/archive/..', '/work/archive/.', '/work/archive/', '/work/archive//a.md', '/work/archive/x/../a.md',
  '/work/archive/./a.md', '/work/other/a.md', '/a.md', '//a.md', 'a.md', 'relative/a.md', '/work/archive/dir.md/a.md', '/work/archive',
  '/work/archive/statements', '/work/archive/statements/', '/work/archive/caf\u00e9/a b.md', '/work/archive/caf\u00e9/c.md',
];

describe('WorkspaceFolders.pathsOf', () => {
  test('gives pathInside for every folder holding the file, file after file and in any order', () => {
    for (const order of [FILES, [...FILES].reverse(), [...FILES].sort()]) {
      const folders = new WorkspaceFolders(FOLDERS);
      for (const file of [...order, ...order]) assert.deepEqual(folders.pathsOf(file), reference(FOLDERS, file), file);
    }
  });

  test('follows the folders as they change', () => {
    const folders = new WorkspaceFolders(['/work/archive']);
    assert.deepEqual(folders.pathsOf('/work/archive/statements/x.md'), ['statements/x.md']);
    folders.change(['/work/archive/statements'], []);
    assert.deepEqual(folders.pathsOf('/work/archive/statements/y.md'), ['statements/y.md', 'y.md']);
    folders.change([], ['/work/archive']);
    assert.deepEqual(folders.pathsOf('/work/archive/statements/z.md'), ['z.md']);
    assert.equal(folders.holds('/work/archive/a.md'), false);
  });

  test('on this platform\'s own paths', () => {
    const root = path.resolve('archive');
    const files = ['a.md', path.join('s', 'b.md'), path.join('s', 'c.md'), path.join('..', 'd.md')].map((name) => path.join(root, name));
    const folders = new WorkspaceFolders([root, path.join(root, 's')]);
    for (const file of files) assert.deepEqual(folders.pathsOf(file), reference([root, path.join(root, 's')], file), file);
  });
});
