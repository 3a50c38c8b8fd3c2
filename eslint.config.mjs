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
    // The core is editor-agnostic: no editor API, no LSP connection, no file system.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The core must not depend on an editor or on LSP.' },
          { group: ['fs', 'fs/*', 'node:*', 'path', 'child_process', 'os', 'net', 'http', 'https'], message: 'The core does no I/O: the host passes in what it needs.' },
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
