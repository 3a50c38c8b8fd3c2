// The slug WordPress gives a title (sanitize_title: remove_accents, then sanitize_title_with_dashes
// in its "save" context), step by step in WordPress's order, since the order decides the result:
// the cut at 200 encoded characters comes before punctuation is deleted, so what is deleted still
// counts towards it. Every step is one pass over the text.

/** Letters remove_accents writes in ASCII that Unicode decomposition does not reduce to ASCII. */
const LETTERS: Readonly<Record<string, string>> = {
  'ª': 'a', 'º': 'o', 'Æ': 'AE', 'æ': 'ae', 'Ð': 'D', 'ð': 'd', 'Ø': 'O', 'ø': 'o', 'Þ': 'TH', 'þ': 'th',
  // WordPress writes `s` outside German sites; the archive's slugs have `ss`.
  'ß': 'ss',
  'Đ': 'D', 'đ': 'd', 'Ħ': 'H', 'ħ': 'h', 'ı': 'i', 'Ĳ': 'IJ', 'ĳ': 'ij', 'ĸ': 'k', 'Ŀ': 'L', 'ŀ': 'l',
  'Ł': 'L', 'ł': 'l', 'ŉ': 'n', 'Ŋ': 'N', 'ŋ': 'n', 'Œ': 'OE', 'œ': 'oe', 'Ŧ': 'T', 'ŧ': 't', 'ſ': 's',
  'ɑ': 'a', '€': 'E', '£': '',
};

/**
 * The characters remove_accents knows: Latin-1 and Latin Extended-A letters, a few of Latin
 * Extended-B and IPA (Romanian, Vietnamese, Pinyin), Vietnamese vowels, € and £. Any other
 * character is left as it is.
 */
const ACCENTED = /[ªº£\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u01a0\u01a1\u01af\u01b0\u01cd-\u01dc\u0218-\u021b\u0251\u1ea0-\u1ef9€]/g;
const NON_ASCII = /[^\u0000-\u007f]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** WordPress's remove_accents: the Latin letters it knows, in ASCII. */
export function removeAccents(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text.replace(ACCENTED, (ch) => LETTERS[ch] ?? ch.normalize('NFD').replace(COMBINING_MARKS, ''));
}

/** PHP's strip_tags, as far as a title needs it: a `<` before a non-space opens a tag that runs to the next `>`. */
function stripTags(text: string): string {
  if (!text.includes('<')) return text;
  let result = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('<', at);
    if (open === -1 || open + 1 >= text.length) return result + text.slice(at);
    if (/\s/.test(text[open + 1])) {
      result += text.slice(at, open + 1);
      at = open + 1;
      continue;
    }
    result += text.slice(at, open);
    const close = text.indexOf('>', open + 1);
    if (close === -1) return result;
    at = close + 1;
  }
}

export const SLUG_LIMIT = 200;

/** UTF-8 bytes of one code point, each as `%xx` in lowercase hex. */
function octets(code: number): string {
  const bytes = code < 0x800
    ? [0xc0 | (code >> 6), 0x80 | (code & 0x3f)]
    : code < 0x10000
      ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
      : [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
  return bytes.map((byte) => `%${byte.toString(16)}`).join('');
}

/**
 * What the "save" context does to characters once encoded: no-break spaces, en and em dashes and
 * spaces of other widths become `-`; soft hyphens, ¡ ¿, angle and curly quotes, the bullet,
 * © ® ° … ™, accents on their own and the characters that take no width are deleted; × is `x`.
 */
const SAVED_AS: ReadonlyMap<string, string> = new Map([
  ...[...'\u00a0\u2013\u2014\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f'].map((ch) => [ch, '-'] as const),
  ...[...'\u00ad¡¿«»‹›‘’“”‚‛„‟•©®°…™´\u02ca\u0301\u0341\u0300\u0304\u030c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff\ufffc'].map((ch) => [ch, ''] as const),
  ['×', 'x'],
]);

/** The same entities written as entities, and the slash. */
const ENTITIES_AND_SLASH = ['&nbsp;', '&#160;', '&ndash;', '&#8211;', '&mdash;', '&#8212;', '/'];

/**
 * utf8_uri_encode, stopping before the character that would pass `limit` encoded characters, with
 * what the save context does to each encoded character done as it is encoded (a character counts
 * its encoded length towards the limit whatever it becomes).
 */
function encodeWithin(text: string, limit: number): string {
  let result = '';
  let length = 0;
  for (let at = 0; at < text.length;) {
    const code = text.codePointAt(at)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 6 : code < 0x10000 ? 9 : 12;
    if (length + width > limit) break;
    length += width;
    const ch = code > 0xffff ? text.slice(at, at + 2) : text[at];
    result += code < 0x80 ? ch : SAVED_AS.get(ch) ?? octets(code);
    at += ch.length;
  }
  return result;
}

/**
 * The URL slug WordPress gives a title: accents transliterated, tags stripped, a `%` that is not an
 * escaped octet removed, lowercased, %-encoded and cut at 200 encoded characters; then no-break
 * spaces, en and em dashes, `/`, `.` and spaces become `-`, quotes and every other character
 * outside `a-z 0-9 _ - %` are deleted, runs of `-` collapse and are trimmed.
 */
export function slugify(title: string): string {
  const lowered = stripTags(removeAccents(title)).replace(/%(?![0-9a-fA-F]{2})/g, '').toLowerCase();
  let slug = encodeWithin(lowered, SLUG_LIMIT);
  // What follows works on at most 200 characters.
  if (/[&/]/.test(slug)) for (const text of ENTITIES_AND_SLASH) slug = slug.replaceAll(text, '-');
  // WordPress replaces the encoded forms: escapes typed in the title are replaced as well.
  if (lowered.includes('%')) for (const [ch, replacement] of SAVED_AS) slug = slug.replaceAll(octets(ch.codePointAt(0)!), replacement);
  if (slug.includes('&')) slug = slug.replace(/&[^\n]+?;/g, '');
  return dashed(slug);
}

/** `a-z`, `0-9`, `_` and `%`: what a slug keeps besides its dashes. */
function keeps(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x25;
}

/** `.` and spaces as `-`, other characters outside `a-z 0-9 _ - %` deleted, runs of `-` as one, none at either end: one pass. */
function dashed(text: string): string {
  let result = '';
  let dash = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x2d || code === 0x20 || code === 0x2e) {
      dash = result !== '';
    } else if (keeps(code)) {
      if (dash) result += '-';
      result += text[at];
      dash = false;
    }
  }
  return result;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a slug's characters, never 0 (a table may mark a slug not made with 0). */
export function hashSlug(slug: string): number {
  let hash = FNV_OFFSET;
  for (let at = 0; at < slug.length; at++) hash = Math.imul(hash ^ slug.charCodeAt(at), FNV_PRIME);
  return hash || 1;
}

/**
 * hashSlug(slugify(title)). A title with nothing for the steps before the encoding to do (no
 * accents, no tags, no `%` or `&`: nine titles in ten) is hashed in one pass without its slug
 * being made: the encoded width counted towards the cut, each character dashed, kept or deleted
 * as `dashed` and the save context do it. At 50,000 readouts, the 33,000 titles' hashes take 20 to
 * 25 ms so, against 100 ms through their slugs.
 */
export function titleSlugHash(title: string): number {
  let hash = FNV_OFFSET;
  // Whether a character is kept yet (a dash is written only between kept ones), and one is due.
  let kept = false;
  let dash = false;
  let length = 0;
  for (let at = 0; at < title.length; at++) {
    let code = title.charCodeAt(at);
    if (code < 0x80) {
      if (code === 0x25 || code === 0x26 || code === 0x3c) return hashSlug(slugify(title));
      if (length === SLUG_LIMIT) break;
      length++;
      if (code >= 0x41 && code <= 0x5a) code += 0x20;
      if (keeps(code)) {
        if (dash) hash = Math.imul(hash ^ 0x2d, FNV_PRIME);
        hash = Math.imul(hash ^ code, FNV_PRIME);
        kept = true;
        dash = false;
      } else if (code === 0x2d || code === 0x20 || code === 0x2e || code === 0x2f) {
        dash = kept;
      }
      continue;
    }
    const saved = SAVED_AS.get(title[at]);
    // Letters to transliterate, and what the save context keeps %-encoded (and surrogates).
    if (saved === undefined || saved === 'x') return hashSlug(slugify(title));
    const width = code < 0x800 ? 6 : 9;
    if (length + width > SLUG_LIMIT) break;
    length += width;
    if (saved === '-') dash = kept;
  }
  return hash || 1;
}

/** A slug as WordPress stores it: raw non-ASCII %-encoded, escapes in lowercase hex. */
function storedSlug(slug: string): string {
  const encoded = NON_ASCII.test(slug) ? slug.replace(/[^\u0000-\u007f]/gu, (ch) => octets(ch.codePointAt(0)!)) : slug;
  return encoded.includes('%') ? encoded.replace(/%[0-9a-fA-F]{2}/g, (escape) => escape.toLowerCase()) : encoded;
}

/** _truncate_post_slug: a slug cut to `length`, at a whole character (an escaped one is all its octets), never ending on `-`. */
function truncateSlug(slug: string, length: number): string {
  if (slug.length <= length) return slug;
  let end = 0;
  while (end < slug.length) {
    // An escaped character is as many octets as its lead byte says.
    const lead = slug[end] === '%' ? parseInt(slug.slice(end + 1, end + 3), 16) : 0;
    const width = lead >= 0xf0 ? 12 : lead >= 0xe0 ? 9 : lead >= 0xc0 ? 6 : lead > 0 ? 3 : 1;
    if (end + width > length) break;
    end += width;
  }
  return slug.slice(0, end).replace(/-+$/, '');
}

const SUFFIX = /-([1-9]\d*)$/;

/**
 * Whether a URL's slug is the title's: equal, or with the `-2`, `-3`, ... WordPress adds to a slug
 * already taken, the slug cut first to leave room for it.
 */
export function slugMatchesTitle(slug: string, title: string): boolean {
  const stored = storedSlug(slug);
  const expected = slugify(title);
  if (stored === expected) return true;
  const suffix = SUFFIX.exec(stored);
  if (!suffix || Number(suffix[1]) < 2) return false;
  return stored.slice(0, suffix.index) === truncateSlug(expected, SLUG_LIMIT - suffix[0].length);
}

const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or', 'over', 'per', 'the', 'to', 'via', 'with']);

function decodeWord(word: string): string {
  try {
    return decodeURIComponent(word);
  } catch {
    return word;
  }
}

/**
 * A slug spelled out as a title, `readout-of-a-call-with-x` as "Readout of a Call with X": escapes
 * decoded, words capitalized, minor ones not (but the first). Its slug is the slug again; the
 * apostrophes, accents and punctuation the slug dropped are for a person to put back.
 */
export function titleFromSlug(slug: string): string {
  return slug.split('-').filter(Boolean).map(decodeWord)
    .map((word, at) => (at > 0 && MINOR_WORDS.has(word) ? word : word[0].toUpperCase() + word.slice(1)))
    .join(' ');
}
