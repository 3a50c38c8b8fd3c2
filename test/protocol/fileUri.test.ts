// The scan makes each file's URI from its folder's: it must be the URI vscode-uri makes for the
// file itself, whatever the characters of its name and folders.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import { fileUris } from '../../server/src/lsp/workspaceScan';

/** The URI as the scan makes it, or the error: the folder is the file's path up to its last separator. */
function scanUri(fileUri: ReturnType<typeof fileUris>, file: string): string {
  try {
    return fileUri(file, file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf(path.sep))));
  } catch (error) {
    return (error as Error).message;
  }
}

function expected(file: string): string {
  try {
    return URI.file(file).toString();
  } catch (error) {
    return (error as Error).message;
  }
}

const FILES = [
  '/work/archive/a.md', '/a.md', '//a.md', '//server/a.md', '//server/share/a.md', '/work/caf\u00e9/a b.md', '/work/x/100%.md',
  '/work/x/a#b.md', '/work/x/a?b.md', '/work/x/~a_b-c.d.txt', '/work/x/A.MD', '/work/x/a\\b.md', '/work/x/\u00e9.md', '/work/x/.md',
  '/C:/x/a.md', '/work/x:y/a.md', '/work/x/[a].md', '/work/x/a+b.md', '/work/x/a\ud83d\ude00.md', '////a/a', '///a/b.md', '/a//b.md',
];

describe('fileUris', () => {
  test('gives URI.file for the file, tricky names and folders included', () => {
    const fileUri = fileUris();
    for (const file of [...FILES, ...[...FILES].reverse()]) assert.equal(scanUri(fileUri, file), expected(file), file);
  });

  test('gives URI.file for any absolute path', () => {
    const segment = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '.', '_', '~', ' ', '%', '#', '?', ':', '@', '\\', '/', '\u00e9', '\u2019'), minLength: 1, maxLength: 6 });
    const fileUri = fileUris();
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
      const file = `/${segments.join('/')}`;
      assert.equal(scanUri(fileUri, file), expected(file), file);
    }), { seed: 14, numRuns: 5000 });
  });
});
