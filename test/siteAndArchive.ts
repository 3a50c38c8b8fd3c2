// The fixture repository test/fixtures/site-and-archive: a static site's pages with front matter of
// their own (a Hugo post, a Jekyll post, docs, license pages, GitHub issue templates, a clipped
// note) beside an archive of readouts. Only the readouts may be reported, and only they fixed.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SITE_AND_ARCHIVE = path.join(__dirname, 'fixtures', 'site-and-archive');

/** Every readout of the fixture, by its path relative to the fixture's root. */
export const READOUTS = [
  'archive/speeches-remarks/2023-03/2023-03-02-remarks-by-president-biden-on-the-economy.txt',
  'archive/statements-releases/2023-01/2023-01-10-readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada.md',
  'archive/statements-releases/2023-04/2023-04-03-readout-of-president-joe-bidens-call-with-prime-minister-albanese-of-australia.md',
  // Written by hand: its first key is `title`.
  'drafts/voyager-golden-record.md',
];

/** The readouts with a mistake that --fix and fix-all correct: a date a day off, a misspelt tag. */
export const FIXABLE = [READOUTS[0], READOUTS[2]];

/** Every file of a folder, by its path relative to it (`/` separators), sorted. */
export function filesOf(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The site's pages: every file that is not a readout. */
export const SITE_PAGES = filesOf(SITE_AND_ARCHIVE).filter((file) => !READOUTS.includes(file));

/** A copy of the fixture in a temporary folder, to check and fix. */
export function copySiteAndArchive(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'readout-site-'));
  cpSync(SITE_AND_ARCHIVE, folder, { recursive: true });
  return folder;
}

/** The SHA-256 of every file of a folder, by relative path. */
export function hashes(folder: string): Record<string, string> {
  return Object.fromEntries(filesOf(folder).map((file) => [file, createHash('sha256').update(readFileSync(path.join(folder, file))).digest('hex')]));
}
