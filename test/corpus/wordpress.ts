// The slug WordPress gives a post when it is first saved: `sanitize_title($title)` (remove_accents,
// then sanitize_title_with_dashes in its 'save' context) and `wp_unique_post_slug`'s `-2`, `-3`.
// Written from WordPress's steps (../shared/examples/README.md lists the archive's facts), apart
// from the core's slug.ts: the corpus is there to test that one.

const SLUG_LENGTH = 200;

/** Letters remove_accents writes as more (or other) than their base letter. */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ª: 'a', º: 'o', Æ: 'AE', æ: 'ae', Ð: 'D', ð: 'd', Ø: 'O', ø: 'o', Þ: 'TH', þ: 'th', ß: 'ss',
  Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ĳ: 'IJ', ĳ: 'ij', ĸ: 'k', Ŀ: 'L', ŀ: 'l', Ł: 'L', ł: 'l',
  ŉ: 'n', Ŋ: 'N', ŋ: 'n', Œ: 'OE', œ: 'oe', Ŧ: 'T', ŧ: 't', ſ: 's',
};

// remove_accents covers Latin letters: Latin-1, Latin Extended-A and -B, and Vietnamese (Latin
// Extended Additional). Other scripts are left for %-encoding.
const LATIN_LETTER = /[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]/u;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

const accentless = new Map<string, string>();

function removeAccents(title: string): string {
  return title.replace(/[^\0-\x7f]/gu, (ch) => {
    let replaced = accentless.get(ch);
    if (replaced === undefined) {
      const base = ch.normalize('NFD').replace(COMBINING_MARKS, '');
      replaced = SPELLED_OUT[ch] ?? (LATIN_LETTER.test(ch) && /^[A-Za-z]+$/.test(base) ? base : ch);
      accentless.set(ch, replaced);
    }
    return replaced;
  });
}

const utf8 = new TextEncoder();
const encodings = new Map<string, string>();

function encodeCharacter(ch: string): string {
  let encoded = encodings.get(ch);
  if (encoded === undefined) encodings.set(ch, (encoded = Array.from(utf8.encode(ch), (byte) => `%${byte.toString(16)}`).join('')));
  return encoded;
}

/** utf8_uri_encode: non-ASCII as lowercase `%xx` per byte, stopping before the character that would pass `length` encoded characters. */
function uriEncode(text: string, length: number): string {
  if (/^[\0-\x7f]*$/.test(text)) return text.slice(0, length);
  let encoded = '';
  for (const ch of text) {
    const piece = ch < '\x80' ? ch : encodeCharacter(ch);
    if (encoded.length + piece.length > length) break;
    encoded += piece;
  }
  return encoded;
}

// In the 'save' context: no-break space, en and em dash (as characters or HTML entities) and `/` become hyphens...
const DASHES = ['%c2%a0', '%e2%80%93', '%e2%80%94'];
const DASH_ENTITIES = ['&nbsp;', '&#160;', '&ndash;', '&#8211;', '&mdash;', '&#8212;'];
// ...soft hyphen, inverted marks, angle and curly quotes, bullet, ©, ®, °, …, ™, acute and grave
// accents, macron, caron, zero-width and direction marks, BOM and U+FFFC are deleted...
const DELETED = [
  '%c2%ad', '%c2%a1', '%c2%bf', '%c2%ab', '%c2%bb', '%e2%80%b9', '%e2%80%ba',
  '%e2%80%98', '%e2%80%99', '%e2%80%9c', '%e2%80%9d', '%e2%80%9a', '%e2%80%9b', '%e2%80%9e', '%e2%80%9f',
  '%e2%80%a2', '%c2%a9', '%c2%ae', '%c2%b0', '%e2%80%a6', '%e2%84%a2',
  '%c2%b4', '%cb%8a', '%cc%81', '%cd%81', '%cc%80', '%cc%84', '%cc%8c',
  '%e2%80%8b', '%e2%80%8c', '%e2%80%8d', '%e2%80%8e', '%e2%80%8f', '%e2%80%aa', '%e2%80%ab', '%e2%80%ac', '%e2%80%ad', '%e2%80%ae',
  '%ef%bb%bf', '%ef%bf%bc',
];
// ...the spaces of typography (en quad to hair space, line and paragraph separators, narrow no-break space) become hyphens.
const WIDE_SPACES = ['%e2%80%80', '%e2%80%81', '%e2%80%82', '%e2%80%83', '%e2%80%84', '%e2%80%85', '%e2%80%86', '%e2%80%87', '%e2%80%88', '%e2%80%89', '%e2%80%8a', '%e2%80%a8', '%e2%80%a9', '%e2%80%af'];

function replaceAll(text: string, targets: readonly string[], by: string): string {
  return targets.reduce((result, target) => (result.includes(target) ? result.replaceAll(target, by) : result), text);
}

/** WordPress's `sanitize_title($title)` as a post is saved: the slug its URL gets (before any `-2`). Titles are text, without HTML tags. */
export function sanitizeTitle(title: string): string {
  const ascii = removeAccents(title);
  // A `%` is kept only as the start of an octet such as `%20`.
  const octetsKept = ascii.includes('%') ? ascii.replace(/%(?![a-fA-F0-9]{2})/g, '') : ascii;
  let slug = uriEncode(octetsKept.toLowerCase(), SLUG_LENGTH).toLowerCase();
  // Each list is looked for only when the slug has its first character.
  if (slug.includes('&')) slug = replaceAll(slug, DASH_ENTITIES, '-');
  slug = slug.replaceAll('/', '-');
  if (slug.includes('%')) {
    slug = replaceAll(slug, DASHES, '-');
    slug = replaceAll(slug, DELETED, '');
    slug = replaceAll(slug, WIDE_SPACES, '-');
    slug = slug.replaceAll('%c3%97', 'x');
  }
  return slug
    .replace(/&.+?;/g, '')
    .replaceAll('.', '-')
    .replace(/[^%a-z0-9 _-]+/g, '')
    .replace(/[\s-]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** _truncate_post_slug: at most `length` characters, never cutting an encoded character apart, without a trailing `-`. */
function truncateSlug(slug: string, length: number): string {
  return (slug.length <= length ? slug : uriEncode(decodeURIComponent(slug), length)).replace(/-+$/, '');
}

/** The slugs a site has given, and where to resume counting for a repeated one. */
export class SlugRegistry {
  private readonly taken = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();

  /** wp_unique_post_slug: the slug, or the first of `slug-2`, `slug-3`, ... not taken (shortened to stay within 200 characters); marks it taken. */
  claim(slug: string): string {
    let unique = slug;
    let suffix = this.nextSuffix.get(slug) ?? 2;
    // Suffixes below nextSuffix are all taken: no need to try them again.
    for (; this.taken.has(unique); suffix++) unique = `${truncateSlug(slug, SLUG_LENGTH - (String(suffix).length + 1))}-${suffix}`;
    this.nextSuffix.set(slug, suffix);
    this.taken.add(unique);
    return unique;
  }

  has(slug: string): boolean {
    return this.taken.has(slug);
  }
}
