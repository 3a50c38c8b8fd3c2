import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { compileBuiltinSchema } from '../../server/src/core/builtinSchema';
import { applyEdits } from '../../server/src/core/fixAll';
import { createReadoutService, type ReadoutService, type ServiceOptions } from '../../server/src/core/languageService';
import type { Diagnostic, Fix, Span } from '../../server/src/core/types';

/** The reference readout, exactly as the archive stores it (a copy of shared/examples/000_97af98de986fb831.txt). */
export const REFERENCE = readFileSync(path.join(__dirname, '..', 'fixtures', 'reference.txt'), 'utf8');

/** The archive's 14 categories, most used first (statements-releases 6,458 ... uncategorized 4). */
export const ARCHIVE_CATEGORIES = [
  'statements-releases', 'speeches-remarks', 'presidential-actions', 'press-briefings', 'articles', 'briefings-statements', 'fact-sheets',
  'legislation', 'releases', 'disclosures', 'blog', 'remarks', 'research', 'uncategorized',
] as const;

/**
 * A readout of the form used from 2025, written as the archive writes it: a `modified_time` (here
 * earlier than `published_time`), a title with `: ` and an escaped apostrophe, no day in its URL.
 */
export const READOUT_2025 = [
  '---',
  "date: '2025-03-04'",
  'modified_time: 2025-03-04 17:41:02-05:00',
  'published_time: 2025-03-04 17:45:30-05:00',
  'source_url: https://www.whitehouse.gov/fact-sheets/2025/03/fact-sheet-president-donald-j-trump-protects-americas-workers/',
  'tags: fact-sheets',
  'title: "Fact Sheet: President Donald J. Trump Protects America\\u2019s Workers"',
  '---',
  ' ',
  'PROTECTING AMERICAN WORKERS: Today, President Donald J. Trump signed an Executive Order.',
  '',
].join('\n');

export function service(options: Partial<ServiceOptions> = {}): ReadoutService {
  return createReadoutService({ schema: compileBuiltinSchema(), ...options });
}

/** The reference with one exact substring replaced; fails loudly if the substring is not there. */
export function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `fixture text has no ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export function bom(text: string): string {
  return `\uFEFF${text}`;
}

/** `line:column-line:column`, 0-based as in LSP, so a test states a range the way an editor shows it. */
export function lineColumns(text: string, span: Span): string {
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return `${line}:${offset - (before.lastIndexOf('\n') + 1)}`;
  };
  return `${at(span.start)}-${at(span.end)}`;
}

export interface Seen {
  readonly code: string;
  readonly severity: string;
  /** The marked characters. */
  readonly text: string;
  readonly at: string;
}

/** What a person sees of each diagnostic: code, severity, the marked text, and where. */
export function seen(text: string, diagnostics: readonly Diagnostic[]): Seen[] {
  return diagnostics.map((d) => ({ code: d.code, severity: d.severity, text: text.slice(d.span.start, d.span.end), at: lineColumns(text, d.span) }));
}

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits.map((e) => ({ span: e.span, newText: e.newText })));
}

/** The one diagnostic with this code; fails when there is none or more than one. */
export function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  return found[0];
}
