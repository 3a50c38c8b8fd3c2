/** What each escape of a YAML double-quoted scalar stands for: `\` followed by the key. */
export const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

/** How many hex digits follow `\x`, `\u` and `\U`. */
export const HEX_ESCAPE_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

const ESCAPE = /\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([^]))/g;

/**
 * Decodes the escapes of double-quoted text (line folding already undone). An unknown escape
 * (`\q`) is kept as written when `unknown` is 'keep' (text being typed), or makes the result
 * undefined when it is 'reject'.
 */
export function unescapeDoubleQuoted(body: string, unknown: 'keep' | 'reject'): string | undefined {
  let valid = true;
  const decoded = body.replace(ESCAPE, (whole, x?: string, u?: string, bigU?: string, named?: string) => {
    const hex = x ?? u ?? bigU;
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (named !== undefined && Object.hasOwn(NAMED_ESCAPES, named)) return NAMED_ESCAPES[named];
    valid = false;
    return whole;
  });
  return valid || unknown === 'keep' ? decoded : undefined;
}
