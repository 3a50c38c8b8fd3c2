/** Latin letters that Unicode decomposition does not reduce to ASCII. */
const TRANSLITERATIONS: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  þ: 'th', Þ: 'th', ł: 'l', Ł: 'l', ı: 'i', ħ: 'h', Ħ: 'h', ŋ: 'n', Ŋ: 'n', ſ: 's',
};

const APOSTROPHES = /['’‘ʼ`´]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SLUG_LIMIT = 200;

/**
 * The URL slug of a title, as the archive's WordPress wrote it: lowercased, Latin letters
 * transliterated to ASCII, apostrophes dropped, every other run of non-alphanumerics one `-`.
 */
export function slugify(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(/[^\u0000-\u007f]/g, (ch) => TRANSLITERATIONS[ch] ?? ch)
    .toLowerCase()
    .replace(APOSTROPHES, '');
  return ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, SLUG_LIMIT).replace(/-+$/, '');
}

/**
 * Whether a URL's slug is the title's: equal, or with WordPress' `-2`, `-3` suffix for a title
 * repeated on the same day.
 */
export function slugMatchesTitle(slug: string, title: string): boolean {
  const expected = slugify(title);
  if (slug === expected) return true;
  const suffixed = /^(.*)-\d+$/.exec(slug);
  if (!suffixed) return false;
  // WordPress shortens a slug already at the limit to make room for its suffix.
  const stem = suffixed[1];
  return stem === expected || (expected.length + 1 >= SLUG_LIMIT - 8 && stem.length >= SLUG_LIMIT - 12 && expected.startsWith(stem));
}

const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or', 'over', 'per', 'the', 'to', 'via', 'with']);

/**
 * A slug spelled out as a title, `readout-of-a-call-with-x` as "Readout of a Call with X": words
 * capitalized, minor ones not (but the first). Its slug is the slug again; the apostrophes, accents
 * and punctuation the slug dropped are for a person to put back.
 */
export function titleFromSlug(slug: string): string {
  return slug.split('-').filter(Boolean)
    .map((word, at) => (at > 0 && MINOR_WORDS.has(word) ? word : word[0].toUpperCase() + word.slice(1)))
    .join(' ');
}
