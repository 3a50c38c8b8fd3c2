// The listing of a folder (node/readoutFiles.ts, listFiles) walks with fdir and tests of its own;
// what it lists must be what tinyglobby, with the settings' globs as they are, lists: the same
// files, for the default settings and for `files` and `exclude` of every shape a person writes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { glob } from 'tinyglobby';
import { createPlacer, listedAreNowhere, listedGlobs, listFiles } from '../../server/src/node/readoutFiles';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/node/settings';

const FILES = [
  'a/b.md', 'a/b.txt', 'a/c.html', 'a/deep/er/d.md', '.hidden/x.md', '.x.md', '.md', 'notes.MD', 'top.txt',
  'node_modules/p/readme.md', 'a/node_modules/q.md', 'a/node_modules_not/r.md', '.git/x.md', 'sub/.git/HEAD.md',
  'drafts/d.md', 'drafts/deep/e.md', 'a/drafts/f.md', 'press/p.html', 'press/secret/s.html', 'press/p.md',
  'keep/k.md', 'x.draft.md', 'a/y.draft.md', 'space dir/z.md',
];

/** The listing as it was made before: tinyglobby with the globs as the settings give them. */
function byTinyglobby(folder: string, settings: Settings): Promise<string[]> {
  return glob(listedGlobs(settings), { cwd: folder, ignore: [...settings.exclude], absolute: true, dot: true, onlyFiles: true, expandDirectories: false });
}

const SETTINGS: Record<string, Partial<Settings>> = {
  'the defaults': {},
  'no exclude': { exclude: [] },
  'a folder at the root': { exclude: ['drafts/**'] },
  'a folder with a trailing slash and ./': { exclude: ['./drafts/', 'a/drafts'] },
  'a folder named anywhere, a name pattern and the defaults': { exclude: ['**/drafts/**', '**/*.draft.md', '**/node_modules/**', '**/.git/**'] },
  'a folder name that is a prefix of another': { exclude: ['**/node_modules/**'] },
  'a folder through a link': { exclude: ['**/linked/**'] },
  'everything': { exclude: ['**'] },
  'everything under any folder': { exclude: ['**/**'] },
  'a negated exclude (dropped)': { exclude: ['!**/keep/**', '**/.git/**'] },
  'files of another type': { files: ['press/*.html'] },
  'files with a negation': { files: ['press/**', '!press/secret/**'] },
  'files and exclude together': { files: ['**/*.html'], exclude: ['**/secret/**', 'a/*.html'] },
  'a brace and a class': { exclude: ['{drafts,keep}/**', 'a/[bc].*'] },
};

describe('listFiles lists what tinyglobby lists', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'readout-list-'));
    for (const file of FILES) {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      writeFileSync(path.join(folder, file), '---\ntitle: x\n---\n');
    }
    symlinkSync(path.join(folder, 'a', 'deep'), path.join(folder, 'linked'));
    symlinkSync(path.join(folder, 'nowhere.md'), path.join(folder, 'broken.md'));
    symlinkSync(path.join(folder, 'a', 'b.md'), path.join(folder, 'link-to-b.md'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  for (const [name, changes] of Object.entries(SETTINGS)) {
    test(name, async () => {
      const settings = { ...DEFAULT_SETTINGS, ...changes };
      const expected = (await byTinyglobby(folder, settings)).sort();
      assert.deepEqual((await listFiles(folder, settings)).sort(), expected);
    });
  }

  test('where the settings say no listed file need be placed, none is placed anywhere, and the defaults are such settings', async () => {
    const nowhere = Object.entries(SETTINGS).filter(([, changes]) => listedAreNowhere({ ...DEFAULT_SETTINGS, ...changes })).map(([name]) => name);
    assert.deepEqual(nowhere, ['the defaults', 'no exclude', 'a folder name that is a prefix of another', 'a folder through a link']);
    for (const name of nowhere) {
      const settings = { ...DEFAULT_SETTINGS, ...SETTINGS[name] };
      const { place } = createPlacer(settings);
      for (const file of await listFiles(folder, settings)) assert.deepEqual(place(path.relative(folder, file)), { inReadoutFiles: false, excluded: false }, `${name}: ${file}`);
    }
  });

  test('the defaults skip node_modules and .git, keep dot folders and dot files, and know files by their extension', async () => {
    const listed = (await listFiles(folder, DEFAULT_SETTINGS)).map((file) => path.relative(folder, file)).sort();
    for (const file of ['.hidden/x.md', '.x.md', '.md', 'a/node_modules_not/r.md', 'space dir/z.md', 'top.txt', 'link-to-b.md']) assert.ok(listed.includes(file), file);
    for (const file of ['node_modules/p/readme.md', 'a/node_modules/q.md', '.git/x.md', 'sub/.git/HEAD.md', 'notes.MD', 'a/c.html', 'broken.md']) assert.ok(!listed.includes(file), file);
  });
});
