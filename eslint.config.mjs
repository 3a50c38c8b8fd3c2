import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', 'test-results/**', 'bench/results/**', '.scratch/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The test corpus is there to test the core: it must not be built with it.
    files: ['test/corpus/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/src/**'], message: 'The corpus generator must not call the code it tests.' }] }],
    },
  },
  {
    // The core is editor-agnostic: no editor API, no LSP connection, no file system, and none of the hosts around it.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The core must not depend on an editor or on LSP.' },
          { group: ['fs', 'fs/*', 'node:*', 'path', 'child_process', 'os', 'net', 'http', 'https'], message: 'The core does no I/O: the host passes in what it needs.' },
          { group: ['**/node/*', '**/lsp/*', '**/cli/*'], message: 'The core is what the hosts build on, never the other way round.' },
        ],
      }],
    },
  },
  {
    // What the server and the command line share on Node: neither host's own code.
    files: ['server/src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/lsp/*', '**/cli/*'], message: 'server/src/node is shared by the language server and the command line: it imports neither.' },
          { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*'], message: 'server/src/node is plain Node: no editor, no LSP.' },
        ],
      }],
    },
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/*'], message: 'The language server shares code with the command line through server/src/node, not by importing it.' }] }],
    },
  },
  {
    files: ['server/src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/lsp/*'], message: 'The command line shares code with the language server through server/src/node, not by importing it.' },
          { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*'], message: 'The command line speaks no LSP.' },
        ],
      }],
    },
  },
  {
    // The client takes from the server's side only the protocol and what it runs itself (clientApi.ts).
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(\\.\\./)+server/src/(?!protocol$|clientApi$)', message: 'The client imports only server/src/protocol and server/src/clientApi.' }],
      }],
    },
  },
);
