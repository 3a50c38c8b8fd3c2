// What `npm run package` puts in the .vsix (vsce reads .vscodeignore, which lets in only what it
// names): every bundle the extension runs, so that a new one is not left out of the package.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.join(__dirname, '..', '..');
/** Built, and not the extension's: the `readout` command line (its bin and bundle) is the npm package's. */
const NOT_THE_EXTENSION = new Set(['server/out/cli.js', 'server/out/cliMain.js']);

test('the package holds every bundle and stylesheet that is built for the extension, and the schemas', () => {
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  const packaged = new Set(execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean));
  const built = ['client/out', 'server/out'].flatMap((folder) => readdirSync(path.join(ROOT, folder)).map((name) => `${folder}/${name}`))
    .filter((file) => /\.(js|css)$/.test(file) && !NOT_THE_EXTENSION.has(file));
  assert.ok(built.includes('server/out/headWorker.js'), 'the build has run');
  for (const file of [...built, 'package.json', 'schemas/readout.schema.json', 'schemas/readoutrc.schema.json']) assert.ok(packaged.has(file), `${file} is not in the package`);
  assert.deepEqual([...packaged].filter((file) => file.endsWith('.map') || file.startsWith('node_modules/') || file.endsWith('.ts')), []);
});
