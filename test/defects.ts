// One mistake put into a generated readout, with the code that must report it and the line it must
// be on: the mistakes a person makes in a real archive. Shared by the core, protocol and CLI tests
// of the realistic archive. Written from the archive's conventions, not from the checker's code.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateCorpus, type GeneratedReadout } from './corpus';

export const DEFECT_KINDS = [
  'tag typo', 'date one day off', 'wrong month in the briefing-room URL', 'wrong month in the whitehouse.gov URL',
  'wrong category in the briefing-room URL', 'wrong category in the whitehouse.gov URL', 'slug typo', 'missing title',
  'key typo', 'unclosed quote', 'malformed modified_time', 'duplicate key', 'file in the wrong month folder',
  'wrong category folder', 'wrong slug in the name',
] as const;

export type DefectKind = (typeof DEFECT_KINDS)[number];

export interface Defect {
  readonly kind: DefectKind;
  readonly relativePath: string;
  readonly text: string;
  /** The code that must report it... */
  readonly code: string;
  /** ...on this line (0-based). */
  readonly line: number;
}

function lineOf(text: string, start: string): number {
  const line = text.split('\n').findIndex((candidate) => candidate.startsWith(start));
  if (line < 0) throw new Error(`no line starts with ${JSON.stringify(start)}`);
  return line;
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`${JSON.stringify(from)} is not in the text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Another month of the same year: the month's folder, URL part and the like no longer agree. */
function otherMonth(month: string): string {
  return String((Number(month) % 12) + 1).padStart(2, '0');
}

function otherCategory(category: string): string {
  return category === 'statements-releases' ? 'speeches-remarks' : 'statements-releases';
}

/** Two letters of the slug swapped, from its middle on. */
function misspell(slug: string): string {
  for (let index = Math.floor(slug.length / 2); index < slug.length - 1; index++) {
    if (/[a-z]/.test(slug[index]) && /[a-z]/.test(slug[index + 1]) && slug[index] !== slug[index + 1]) {
      return slug.slice(0, index) + slug[index + 1] + slug[index] + slug.slice(index + 2);
    }
  }
  throw new Error(`no letters to swap in ${slug}`);
}

/** Whether the mistake can be made in this readout (a whitehouse.gov URL for its month, a modified_time to break...). */
export function defectApplies(kind: DefectKind, readout: GeneratedReadout): boolean {
  // Plain readouts: one tag, LF, no BOM, not a copy, the title as minted and tidy.
  const plain = readout.tags.length === 1 && !readout.text.includes('\r') && !readout.text.startsWith('\uFEFF') && readout.copyOf === undefined
    && readout.title === readout.firstTitle && !/\s\s|^\s|\s$/.test(readout.title);
  if (!plain) return false;
  switch (kind) {
    case 'wrong month in the briefing-room URL':
    case 'wrong category in the briefing-room URL':
      return readout.era === 'archive';
    case 'wrong month in the whitehouse.gov URL':
    case 'wrong category in the whitehouse.gov URL':
      return readout.era === 'current';
    case 'malformed modified_time':
      return readout.modifiedTime !== undefined;
    default:
      return true;
  }
}

/** The readout with the mistake made, and where it must be reported. */
export function makeDefect(kind: DefectKind, readout: GeneratedReadout): Defect {
  const { text, relativePath } = readout;
  const [category, month, name] = relativePath.split('/');
  const at = (code: string, line: number, changed: string, path = relativePath): Defect => ({ kind, relativePath: path, text: changed, code, line });
  switch (kind) {
    case 'tag typo':
      return at('unknown-value', lineOf(text, 'tags:'), replaceOnce(text, `tags: ${readout.category}\n`, `tags: ${readout.category.slice(0, -1)}\n`));
    case 'date one day off':
      return at('date-mismatch', lineOf(text, 'date:'), replaceOnce(text, `date: '${readout.date}'`, `date: '${nextDay(readout.date)}'`));
    case 'wrong month in the briefing-room URL':
    case 'wrong month in the whitehouse.gov URL': {
      const [year, mm] = readout.date.split('-');
      return at('url-date-mismatch', lineOf(text, 'source_url:'), replaceOnce(text, `/${year}/${mm}/`, `/${year}/${otherMonth(mm)}/`));
    }
    case 'wrong category in the briefing-room URL':
    case 'wrong category in the whitehouse.gov URL': {
      const host = readout.era === 'archive' ? 'https://bidenwhitehouse.archives.gov/briefing-room/' : 'https://www.whitehouse.gov/';
      return at('url-category-mismatch', lineOf(text, 'source_url:'), replaceOnce(text, `${host}${readout.category}/`, `${host}${otherCategory(readout.category)}/`));
    }
    case 'slug typo':
      return at('url-slug-mismatch', lineOf(text, 'source_url:'), replaceOnce(text, `/${readout.slug}/`, `/${misspell(readout.slug)}/`));
    case 'missing title': {
      // The title is the last field: it runs to the closing `---`.
      const start = text.indexOf('\ntitle:') + 1;
      return at('missing-field', 0, text.slice(0, start) + text.slice(text.indexOf('\n---\n', start) + 1));
    }
    case 'key typo':
      return at('unknown-field', lineOf(text, 'title:'), replaceOnce(text, '\ntitle:', '\ntitel:'));
    case 'unclosed quote':
      return at('yaml-syntax', lineOf(text, 'tags:'), replaceOnce(text, `tags: ${readout.category}\n`, `tags: "${readout.category}\n`));
    case 'malformed modified_time':
      return at('bad-format', lineOf(text, 'modified_time:'), replaceOnce(text, `modified_time: ${readout.modifiedTime}`, `modified_time: ${readout.modifiedTime!.slice(0, 19)}`));
    case 'duplicate key': {
      const line = lineOf(text, 'date:');
      return at('duplicate-key', line + 1, replaceOnce(text, `date: '${readout.date}'\n`, `date: '${readout.date}'\ndate: '${readout.date}'\n`));
    }
    case 'file in the wrong month folder': {
      const [year, mm] = month.split('-');
      return at('path-mismatch', lineOf(text, 'date:'), text, [category, `${year}-${otherMonth(mm)}`, name].join('/'));
    }
    case 'wrong category folder':
      return at('path-mismatch', lineOf(text, 'tags:'), text, [otherCategory(category), month, name].join('/'));
    case 'wrong slug in the name':
      return at('path-mismatch', lineOf(text, 'source_url:'), text, [category, month, name.replace(readout.slug, misspell(readout.slug))].join('/'));
  }
}

/**
 * A sample of an archive with mistakes made in it: `perKind` readouts for each kind, each with one
 * mistake; each kind's readouts are taken from its own stretch of the archive (so from both eras),
 * among those it applies to. The rest of the archive is left as it is.
 */
export function injectDefects(corpus: readonly GeneratedReadout[], perKind: number): Map<number, Defect> {
  const defects = new Map<number, Defect>();
  for (const [kindIndex, kind] of DEFECT_KINDS.entries()) {
    let made = 0;
    const first = Math.floor((kindIndex * corpus.length) / DEFECT_KINDS.length);
    for (let step = 0; step < corpus.length && made < perKind; step++) {
      const index = (first + step) % corpus.length;
      if (defects.has(index) || !defectApplies(kind, corpus[index])) continue;
      defects.set(index, makeDefect(kind, corpus[index]));
      made++;
    }
    if (made < perKind) throw new Error(`only ${made} readouts take a ${kind}`);
  }
  return defects;
}

export interface ArchiveWithDefects {
  /** Every file, as written: the readouts left as they are and the ones with a mistake. */
  readonly files: readonly { readonly relativePath: string; readonly text: string }[];
  /** The mistakes, by relative path. */
  readonly defects: ReadonlyMap<string, Defect>;
}

/** A realistic archive of `count` readouts with `perKind` mistakes of each kind, written into `folder` when given. */
export function archiveWithDefects(count: number, seed: number, perKind: number, folder?: string): ArchiveWithDefects {
  const corpus = generateCorpus({ count, seed });
  const byIndex = injectDefects(corpus, perKind);
  const files = corpus.map((readout, at) => byIndex.get(at) ?? readout).map(({ relativePath, text }) => ({ relativePath, text }));
  if (folder !== undefined) {
    for (const folderName of new Set(files.map((file) => path.dirname(file.relativePath)))) mkdirSync(path.join(folder, folderName), { recursive: true });
    for (const file of files) writeFileSync(path.join(folder, file.relativePath), file.text);
  }
  return { files, defects: new Map([...byIndex.values()].map((defect) => [defect.relativePath, defect])) };
}
