// Letters folded to the ASCII form slugs give them, for the searches that should find "Søren" by
// "soren" and "Erdoğan" by "erdogan": completion's title matching and the workspace symbol search.
// Both read a title's search forms, made once per title as it enters the index.
import { removeAccents } from './slug';

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII_ONLY = /^[\u0000-\u007f]*$/;
const LETTERS_AND_DIGITS = /^[\p{L}\p{N}]+$/u;

/**
 * One character lowercased and in the ASCII form slugs transliterate it to (é→e, ğ→g, ø→o, ß→ss,
 * a no-break space → ' '), or lowercased as it is when it has none.
 */
export function foldCharacter(ch: string): string {
  const stripped = ch.normalize('NFKD').replace(COMBINING_MARKS, '');
  if (ASCII_ONLY.test(stripped)) return stripped.toLowerCase();
  return removeAccents(ch).toLowerCase() || ch.toLowerCase();
}

/** Apostrophes as titles write them; a search reads each as `'`. */
const APOSTROPHE_CHARACTERS = new Set(['’', '‘', 'ʼ', '´', '`']);

/** A non-ASCII character as the search forms read it: its folded letters, `'` for an apostrophe, else a space (a separator). */
function searchCharacter(ch: string): string {
  if (APOSTROPHE_CHARACTERS.has(ch)) return "'";
  const letters = foldCharacter(ch);
  return LETTERS_AND_DIGITS.test(letters) ? letters : ' ';
}

// The blocks titles draw their non-ASCII characters from (Latin-1 and Extended-A/B, IPA, Greek,
// Vietnamese, punctuation), folded once when the module loads: folding a character costs a
// Unicode normalisation, and 88% of the archive's titles hold a no-break space or a ’.
const FOLDED_BLOCKS: readonly (readonly [number, number])[] = [[0x80, 0x3ff], [0x1e00, 0x1eff], [0x2000, 0x206f]];
const FOLDED: ReadonlyMap<string, string> = new Map(FOLDED_BLOCKS.flatMap(([first, last]) =>
  Array.from({ length: last - first + 1 }, (_, at) => String.fromCharCode(first + at)).map((ch) => [ch, searchCharacter(ch)] as const)));

/** Whether a code is an ASCII lowercase letter or digit: what the search forms keep as it is. */
function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/**
 * The words of `lower` folded, one space between them, by looking each non-ASCII character up. With
 * `dropApostrophes`, an apostrophe joins the letters on either side instead of separating them.
 */
function foldedWords(lower: string, dropApostrophes: boolean): string {
  let words = '';
  let separated = false;
  for (const ch of lower) {
    const code = ch.charCodeAt(0);
    const folded = isWordCode(code) ? ch : code < 0x80 ? (code === 0x27 || code === 0x60 ? "'" : ' ') : FOLDED.get(ch) ?? searchCharacter(ch);
    if (folded === "'" && dropApostrophes) continue;
    if (folded === ' ' || folded === "'") {
      separated = true;
      continue;
    }
    if (separated && words !== '') words += ' ';
    words += folded;
    separated = false;
  }
  return words;
}

// Most titles hold no letter to fold, only ASCII and the punctuation of titles (a no-break space,
// ’, “ ”, – —), all of which separate or join words: those are made with two native replaces, the
// others a character at a time. This runs for every title that enters the index.
const NEEDS_FOLDING = /[^\u0000-\u00a0\u2000-\u206f]/;
const APOSTROPHES = /['`’‘]/g;
const HAS_APOSTROPHE = /['`’‘ʼ´]/;
const ASCII_SEPARATORS = /[^a-z0-9]+/g;

function words(lower: string, dropApostrophes: boolean): string {
  if (NEEDS_FOLDING.test(lower)) return foldedWords(lower, dropApostrophes);
  return (dropApostrophes ? lower.replace(APOSTROPHES, '') : lower).replace(ASCII_SEPARATORS, ' ').trim();
}

/** Lowercase words without accents; any other character (’, a no-break space, `:`) separates words. */
export function searchWords(text: string): string {
  return words(text.toLowerCase(), false);
}

/**
 * What a title is matched against: its words, and, when it has an apostrophe, after a line break
 * (which no typed needle holds, so nothing matches across the two) its words with the apostrophes
 * dropped, so that both "biden s call" and "bidens call" find "Biden’s Call".
 */
export function searchText(title: string): string {
  const lower = title.toLowerCase();
  const spaced = words(lower, false);
  if (!HAS_APOSTROPHE.test(lower)) return spaced;
  const joined = words(lower, true);
  return spaced === joined ? spaced : `${spaced}\n${joined}`;
}

/** The last form of a searchText: the words with the apostrophes dropped (the text itself when it has one form). */
export function joinedWords(search: string): string {
  return search.slice(search.indexOf('\n') + 1);
}
