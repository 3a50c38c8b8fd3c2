// Bundles the language server, the VS Code client and the preview page's script with esbuild, and
// writes the preview's stylesheet for VS Code's own Markdown preview.
// The server is fully bundled (it runs as a plain Node process); the client leaves `vscode` to the host.
import { mkdir, writeFile } from 'node:fs/promises';
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
  { ...node, entryPoints: ['server/src/lsp/server.ts'], outfile: 'server/out/server.js', plugins: precompiled },
  // The thread the server's scan reads files on (node/headReader.ts looks for it next to server.js).
  { ...node, entryPoints: ['server/src/node/headWorker.ts'], outfile: 'server/out/headWorker.js' },
  // The `readout` command line; the same script runs its worker threads.
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js', plugins: precompiled },
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
}
