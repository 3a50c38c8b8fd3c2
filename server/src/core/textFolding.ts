// Letters folded to the ASCII form slugs give them, for the searches that should find "Søren" by
// "soren" and "Erdoğan" by "erdogan": completion's title matching and the workspace symbol search.
import { removeAccents } from './slug';

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII_ONLY = /^[\u0000-\u007f]*$/;

/**
 * One character lowercased and in the ASCII form slugs transliterate it to (é→e, ğ→g, ø→o, ß→ss,
 * a no-break space → ' '), or lowercased as it is when it has none.
 */
export function foldCharacter(ch: string): string {
  const stripped = ch.normalize('NFKD').replace(COMBINING_MARKS, '');
  if (ASCII_ONLY.test(stripped)) return stripped.toLowerCase();
  return removeAccents(ch).toLowerCase() || ch.toLowerCase();
}
