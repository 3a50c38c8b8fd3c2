// Readouts with one known problem each, and the core's own diagnostics of a text, to compare the
// command line's output with: the CLI must report exactly what the core finds.
import { compileBuiltinSchema } from '../../server/src/core/builtinSchema';
import { createReadoutService } from '../../server/src/core/languageService';
import { createLineIndex } from '../../server/src/core/lineIndex';
import { MISSPELT_TAG, REFERENCE, replaceOnce } from '../protocol/fixtures';
import { readoutText } from '../protocol/workspaces';

export { REFERENCE };

/** An error with a safe fix (`enum`: the nearest tag). */
export const ERROR_READOUT = MISSPELT_TAG;
/** A warning with a safe fix (`unknown-field`: a misspelt key, renamed). */
export const WARNING_READOUT = replaceOnce(readoutText({ title: 'Readout of a Call', date: '2023-02-01' }), 'published_time:', 'publishd_time:');
/** Information without a safe fix (`url-slug-mismatch`). */
export const INFO_READOUT = readoutText({
  title: 'Readout of a Call',
  date: '2023-02-02',
  sourceUrl: 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/02/02/readout-of-another-call/',
});
/** A warning with a safe fix, information without one, an error with one, in that order. */
export const MIXED_READOUT = replaceOnce(replaceOnce(INFO_READOUT, 'published_time:', 'publishd_time:'), 'tags: statements-releases', 'tags: statement-releases');
/** MIXED_READOUT with only its error fixed (the tag). */
export const MIXED_ERROR_FIXED = replaceOnce(MIXED_READOUT, 'tags: statement-releases', 'tags: statements-releases');
/** Valid, and with a source_url of its own. */
export const CLEAN_READOUT = readoutText({ title: 'Statement from President Joe Biden on the Voyager Golden Record', date: '2023-03-01' });
export const NOT_A_READOUT = '# Notes\n\nNot a readout: no front matter.\n';
/** A static site's page: front matter without a readout field, which a readout would be faulted for (`layout`, no `source_url`). */
export const SITE_PAGE = "---\ntitle: A Static Page\nlayout: page\ndate: '2023-01-10'\n---\nHello.\n";

export interface ExpectedDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fixable: boolean;
}

const service = createReadoutService({ schema: compileBuiltinSchema() });

/** What the core reports for a text read from a file in `readout.files` (1-based positions). */
export function coreDiagnostics(text: string): ExpectedDiagnostic[] {
  const position = createLineIndex(text);
  return service.getDiagnostics({ text, inReadoutFiles: true }).map((diagnostic) => {
    const start = position(diagnostic.span.start);
    const end = position(diagnostic.span.end);
    return {
      code: diagnostic.code,
      severity: diagnostic.severity,
      message: diagnostic.message,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      fixable: diagnostic.fixes.some((fix) => fix.safe),
    };
  });
}

/** The text after the core's "fix all". */
export function coreFixed(text: string): string {
  const edit = service.getFixAllEdit({ text, inReadoutFiles: true });
  return edit ? text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end) : text;
}
