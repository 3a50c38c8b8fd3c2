// Bundles the real-VS-Code suite (test/vscode/suite/) for the extension host: one CommonJS file per
// entry in test/vscode/out/suite/, `vscode` from the host and `mocha` from node_modules at run time.
//   node test/vscode/build.mjs
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const suite = path.join(here, 'suite');
const outdir = path.join(here, 'out', 'suite');
const entryPoints = readdirSync(suite)
  .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
  .map((name) => path.join(suite, name));

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
