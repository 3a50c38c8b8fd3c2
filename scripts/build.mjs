// Bundles the language server, the VS Code client, the command line and the preview page's script
// with esbuild, writes the preview's stylesheet for VS Code's own Markdown preview, and the command
// line's code cache (server/src/cli/bin.ts).
// The server is fully bundled (it runs as a plain Node process); the client leaves `vscode` to the host.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { tsImport } from 'tsx/esm/api';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // ES modules bundled into CommonJS (fdir, under tinyglobby) read import.meta.url: give it this file's URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

// ajv's validation code for the built-in schema, bundled in place of core/builtinValidation.ts: the
// server and the CLI do not compile the schema at start. Not in watch mode, where the schema may change.
const { BUILTIN_SCHEMA } = await tsImport('../server/src/core/builtinSchema.ts', import.meta.url);
const { standaloneValidation } = await tsImport('../server/src/core/schema.ts', import.meta.url);
const validationCode = standaloneValidation(BUILTIN_SCHEMA);
const builtinValidation = {
  name: 'builtin-validation',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]core[\\/]builtinValidation\.ts$/ }, () => ({
      contents: validationCode,
      loader: 'js',
      resolveDir: path.resolve('server', 'src', 'core'),
    }));
  },
};
const precompiled = watch ? [] : [builtinValidation];

const builds = [
  // The language server's bundle, and its entry, which runs it with a code cache (lsp/bin.ts).
  { ...node, entryPoints: ['server/src/lsp/server.ts'], outfile: 'server/out/serverMain.js', plugins: precompiled },
  { ...node, entryPoints: ['server/src/lsp/bin.ts'], outfile: 'server/out/server.js' },
  // The thread the server's scan reads files on (node/headReader.ts looks for it next to server.js).
  { ...node, entryPoints: ['server/src/node/headWorker.ts'], outfile: 'server/out/headWorker.js' },
  // The `readout` command line; the same script runs its worker threads. The bin runs it with a code cache.
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cliMain.js', plugins: precompiled },
  { ...node, entryPoints: ['server/src/cli/bin.ts'], outfile: 'server/out/cli.js' },
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  // Runs inside the preview's webview: a browser, no Node.
  { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: production, sourcemap: !production, logLevel: 'warning', entryPoints: ['client/src/preview/page.ts'], outfile: 'client/out/preview.js' },
];

// One stylesheet, the core's, for the webview preview, `readout render` and VS Code's Markdown preview.
const { PREVIEW_STYLESHEET } = await tsImport('../server/src/core/preview.ts', import.meta.url);
await mkdir('client/out', { recursive: true });
await writeFile('client/out/preview.css', PREVIEW_STYLESHEET);

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  writeCliCodeCache();
}

/**
 * The command line's code cache (bin.ts): written by runs of the bin on a small archive, with the
 * cache of `--cache`, a file changed between them, so that what a run compiles is in it.
 */
function writeCliCodeCache() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'readout-code-cache-'));
  const readout = (title, day) => `---\ndate: '2023-02-${day}'\npublished_time: 2023-02-${day} 12:00:00-05:00\nsource_url: https://www.whitehouse.gov/briefing-room/statements-releases/2023/02/${day}/${title.toLowerCase().replaceAll(' ', '-')}/\ntags: statements-releases\ntitle: ${title}\n---\n\nThe President spoke today.\n`;
  try {
    writeFileSync(path.join(folder, 'first.md'), readout('Readout of a First Call', '01'));
    writeFileSync(path.join(folder, 'second.md'), readout('Readout of a Second Call', '02'));
    for (const change of ['', 'Edited.\n']) {
      appendFileSync(path.join(folder, 'second.md'), change);
      const run = spawnSync(process.execPath, [path.resolve('server/out/cli.js'), 'check', '--cache', '--format', 'json'], { cwd: folder, env: { ...process.env, READOUT_WRITE_CODE_CACHE: '1' }, encoding: 'utf8' });
      if (run.status !== 0 && run.status !== 1) throw new Error(`the command line failed while its code cache was made: ${run.stderr}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
