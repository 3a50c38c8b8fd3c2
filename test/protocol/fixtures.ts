// The reference readout and ways to put one mistake into it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './lspClient';

/** The reference readout, byte for byte as stored (LF line ends, no BOM): a copy of shared/examples/000_97af98de986fb831.txt. */
export const REFERENCE = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'reference.txt'), 'utf8');

/** The built-in schema, for the descriptions hovers must show. */
export const BUILTIN_SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'readout.schema.json'), 'utf8')) as {
  properties: Record<string, { markdownDescription?: string; description?: string }>;
};

/** Replaces the one occurrence of `from`; a fixture that drifted fails here rather than in a confusing assertion. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `expected exactly one '${from}' in the text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export const TAG_LINE = 'tags: statements-releases\n';
export const DATE_LINE = "date: '2023-01-10'\n";

/** The reference with `tags: statement-releases`: a near miss of an allowed tag. */
export const MISSPELT_TAG = replaceOnce(REFERENCE, TAG_LINE, 'tags: statement-releases\n');

export const toCrlf = (text: string) => text.replace(/\n/g, '\r\n');
export const withBom = (text: string) => `\uFEFF${text}`;
