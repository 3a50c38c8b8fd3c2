// Where `files` and `exclude` put a path: the placer tests a plain glob's literal runs before its
// expression, and must answer what picomatch answers for every glob and path.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { createPlacer } from '../../server/src/node/readoutFiles';
import { DEFAULT_SETTINGS } from '../../server/src/node/settings';

function expected(globs: readonly string[], path: string): boolean {
  return globs.length > 0 && picomatch([...globs], { dot: true })(path);
}

const GLOBS = [
  '**/node_modules/**', '**/.git/**', 'archive/**/*.md', './archive/**', '../archive/**', '*.md', '**', 'a/b', 'drafts/', '**/*.{md,txt}',
  '**/x?.md', '**/[ab].md', '!(a)/**', 'a\\*b', '.*/**', '**/.*', '~/a', 'a b/**', 'archive/**/draft-*',
];

const PATHS = [
  'node_modules/a.md', 'x/node_modules/y/a.md', 'x/node_modules', 'node_modulesx/a.md', '.git/config', 'x/.git/a.md', 'archive/a.md',
  'archive/2023/a.md', 'archive/a.txt', 'a.md', '.a.md', 'a/b', 'a/b/c', 'drafts/a.md', 'drafts', 'x/xa.md', 'x/a.md', 'b/a.md', 'a*b',
  '~/a', 'a b/c.md', 'archive/2023/draft-1.md', 'archive/draft-1.md', 'Archive/a.md', 'NODE_MODULES/a.md',
];

describe('createPlacer', () => {
  const placer = (files: readonly string[], exclude: readonly string[]) => createPlacer({ ...DEFAULT_SETTINGS, files: [...files], exclude: [...exclude] });

  test('places every path as picomatch matches its globs', () => {
    for (const glob of GLOBS) {
      const { place, listed } = placer([glob], [glob]);
      for (const path of PATHS) {
        const matched = expected([glob], path);
        assert.deepEqual(place(path), { inReadoutFiles: false, excluded: matched }, `${glob} ${path}`);
        assert.equal(listed(path), !matched && expected(['**/*.{md,txt}', glob], path), `${glob} ${path}`);
      }
      assert.deepEqual(placer([glob], []).place('archive/a.md'), { inReadoutFiles: expected([glob], 'archive/a.md'), excluded: false });
    }
  });

  test('three stars or more, as picomatch reads them: in `***a.*` the `.` matches any character', () => {
    assert.equal(expected(['***a.*'], 'aa'), true);
    assert.deepEqual(placer([], ['***a.*']).place('aa'), { inReadoutFiles: false, excluded: true });
  });

  test('agrees with picomatch on any plain glob and path', () => {
    const unit = fc.constantFrom('a', 'b', '.', '-', '_', '~', ' ', '/', '*');
    const glob = fc.string({ unit, minLength: 1, maxLength: 10 });
    const path = fc.string({ unit: fc.constantFrom('a', 'b', '.', '-', '_', '~', ' ', '/'), minLength: 1, maxLength: 12 });
    fc.assert(fc.property(fc.array(glob, { minLength: 1, maxLength: 3 }), fc.array(path, { minLength: 1, maxLength: 8 }), (globs, paths) => {
      const { place } = placer([], globs);
      for (const file of paths) assert.equal(place(file).excluded, expected(globs, file), `${JSON.stringify(globs)} ${file}`);
    }), { seed: 14, numRuns: 3000 });
  });
});
