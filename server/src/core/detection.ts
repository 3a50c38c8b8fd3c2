import { distance } from 'fastest-levenshtein';
import { lineKey } from './frontMatter';
import { didYouMean } from './suggest';

/**
 * The fields only readouts have. `title`, `date` and `tags` are every static site's fields too:
 * a page with only those is a blog post or a docs page, not a readout.
 */
export const READOUT_FIELDS: readonly string[] = ['published_time', 'source_url'];

// A slip of a letter or two. A mere start of the name is another word of its own: Jekyll's
// `published: false`, a clipped note's `source:`.
const MAX_TYPO_DISTANCE = 2;
const LONGEST = Math.max(...READOUT_FIELDS.map((field) => field.length));
const SHORTEST = Math.min(...READOUT_FIELDS.map((field) => field.length));

const BOM = '\uFEFF';
const DELIMITER_LINE = /^---[ \t]*\r?$/;
const DOCUMENT_END_LINE = /^\.\.\.[ \t]*\r?$/;
// A line that can belong to front matter besides a key: a continuation, a list item, a comment, a blank.
const OTHER_FRONT_MATTER_LINE = /^(?:[ \t]|-[ \t]|-\r?$|#|\r?$)/;

/** A readout field, or a near miss of one that "did you mean" corrects to it. */
export function isReadoutField(key: string): boolean {
  if (READOUT_FIELDS.includes(key)) return true;
  if (key.length < SHORTEST - MAX_TYPO_DISTANCE || key.length > LONGEST + MAX_TYPO_DISTANCE) return false;
  const meant = didYouMean(key, READOUT_FIELDS);
  return meant !== undefined && distance(key.toLowerCase(), meant) <= MAX_TYPO_DISTANCE;
}

/**
 * Whether the document opens with front matter that has a readout field among its top-level
 * keys, read from the raw lines: no YAML parse, one pass that stops at the first such key or at
 * the block's end. In a block never closed, only the keys before its first line that cannot be
 * front matter count: the rest is the body.
 */
export function hasReadoutField(text: string): boolean {
  let at = text.startsWith(BOM) ? BOM.length : 0;
  let end = lineEnd(text, at);
  if (!DELIMITER_LINE.test(text.slice(at, end))) return false;
  let inBody = false;
  // A readout field after a line that is not front matter counts only if the block closes.
  let foundInBody = false;
  while (end < text.length) {
    at = end + 1;
    end = lineEnd(text, at);
    const line = text.slice(at, end);
    // The first line that starts with `---` ends the block, as findFrontMatter reads it; `----` leaves it unclosed.
    if (line.startsWith('---') || DOCUMENT_END_LINE.test(line)) return foundInBody && (DELIMITER_LINE.test(line) || DOCUMENT_END_LINE.test(line));
    const key = lineKey(line);
    if (key !== undefined && isReadoutField(key)) {
      if (!inBody) return true;
      foundInBody = true;
    } else if (key === undefined && !OTHER_FRONT_MATTER_LINE.test(line)) {
      inBody = true;
    }
  }
  return false;
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline;
}
