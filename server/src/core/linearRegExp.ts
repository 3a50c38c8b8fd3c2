// Schema patterns run on RE2 (re2js, pure JavaScript): time linear in the text, whatever the
// pattern. A pattern means what JSON Schema says, an ECMA-262 regular expression with the `u`
// flag: it is translated to RE2's syntax where the two differ, and refused where RE2 has no
// linear-time equivalent (backreferences, lookaround).
import { RE2JS } from 're2js';

/**
 * RE2 is linear in the text, times the size of the pattern's program when its DFA gives up: a
 * program of 1,000 instructions checks a 1 MB value in about 0.25 s. The archive's patterns have 3
 * to 33.
 */
export const MAX_PATTERN_PROGRAM = 1000;

/** A pattern named in a message: a long one by its start. */
const shown = (pattern: string) => (pattern.length <= 80 ? pattern : `${pattern.slice(0, 79)}…`);

/** A pattern that only a backtracking engine can run, or too large to run in bounded time: the schema cannot be used. */
export class UnboundedPatternError extends Error {
  constructor(pattern: string, construct: string) {
    super(`the pattern '${shown(pattern)}' uses ${construct}, which cannot be checked in bounded time`);
  }
}

// JavaScript's \s: WhiteSpace and LineTerminator (ECMA-262), where RE2's is ASCII only.
const SPACES: readonly (readonly [number, number])[] = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f],
  [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const MAX_CODE_POINT = 0x10ffff;

const hex = (code: number) => `\\x{${code.toString(16)}}`;
const ranges = (list: readonly (readonly [number, number])[]) => list.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('');
const SPACE_RANGES = ranges(SPACES);
const NON_SPACE_RANGES = ranges(SPACES.reduce<[number, number][]>((gaps, [from, to], index) => {
  const start = index === 0 ? 0 : SPACES[index - 1][1] + 1;
  if (start < from) gaps.push([start, from - 1]);
  if (index === SPACES.length - 1 && to < MAX_CODE_POINT) gaps.push([to + 1, MAX_CODE_POINT]);
  return gaps;
}, []));
// JavaScript's `.` leaves out four line terminators, RE2's only \n.
const ANY_BUT_LINE_END = '[^\\n\\r\\x{2028}\\x{2029}]';

/** `\p{Script=Greek}` is RE2's `\p{Greek}`; `\p{General_Category=Lu}` its `\p{Lu}`. */
const PROPERTY_PREFIX = /^(?:Script|sc|Script_Extensions|scx|General_Category|gc)=/;

/** The code point of the escape `\uXXXX` or `\u{X...}` at `at` (the backslash), and its length. */
function unicodeEscape(pattern: string, at: number): { code: number; length: number } {
  if (pattern[at + 2] === '{') {
    const end = pattern.indexOf('}', at);
    return { code: parseInt(pattern.slice(at + 3, end), 16), length: end + 1 - at };
  }
  const code = parseInt(pattern.slice(at + 2, at + 6), 16);
  // A surrogate pair written as two escapes is one code point with the u flag.
  const low = /^\\u(d[c-f][0-9a-f]{2})/i.exec(pattern.slice(at + 6));
  if (code >= 0xd800 && code <= 0xdbff && low) {
    return { code: 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1], 16) - 0xdc00), length: 12 };
  }
  return { code, length: 6 };
}

/**
 * The pattern in RE2's syntax, matching what it matches with the `u` flag. `pattern` must already
 * be a valid `u` pattern (new RegExp checked it), so only its valid forms are looked at.
 */
export function toRe2Syntax(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let at = 0; at < pattern.length;) {
    const char = pattern[at];
    if (char === '\\') {
      const next = pattern[at + 1];
      if (/[1-9]/.test(next)) throw new UnboundedPatternError(pattern, `a backreference (\\${/^\d+/.exec(pattern.slice(at + 1))![0]})`);
      if (next === 'k') throw new UnboundedPatternError(pattern, `a backreference (${pattern.slice(at, pattern.indexOf('>', at) + 1)})`);
      if (next === 's' || next === 'S') {
        const set = next === 's' ? SPACE_RANGES : NON_SPACE_RANGES;
        out += inClass ? set : `[${set}]`;
        at += 2;
      } else if (next === 'u') {
        const { code, length } = unicodeEscape(pattern, at);
        out += hex(code);
        at += length;
      } else if (next === 'x') {
        out += hex(parseInt(pattern.slice(at + 2, at + 4), 16));
        at += 4;
      } else if (next === 'c') {
        out += hex(pattern.charCodeAt(at + 2) % 32);
        at += 3;
      } else if (next === '0') {
        out += hex(0);
        at += 2;
      } else if (inClass && next === 'b') {
        // Backspace inside a class, a word boundary outside.
        out += hex(8);
        at += 2;
      } else if (next === 'p' || next === 'P') {
        const end = pattern.indexOf('}', at);
        out += `\\${next}{${pattern.slice(at + 3, end).replace(PROPERTY_PREFIX, '')}}`;
        at = end + 1;
      } else {
        // \d \w \b and their negations are ASCII in both; the rest escape a character.
        const escaped = String.fromCodePoint(pattern.codePointAt(at + 1)!);
        out += `\\${escaped}`;
        at += 1 + escaped.length;
      }
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      // RE2 reads `[:alpha:]` inside a class as a POSIX class; JavaScript, as the characters.
      out += char === '[' ? '\\[' : char;
      at++;
      continue;
    }
    if (char === '[') {
      // JavaScript's `[]` matches nothing and `[^]` anything; RE2 reads a `]` there as a character.
      const empty = /^\[(\^?)\]/.exec(pattern.slice(at, at + 3));
      if (empty) {
        out += empty[1] ? '[\\x{0}-\\x{10ffff}]' : '[^\\x{0}-\\x{10ffff}]';
        at += empty[0].length;
      } else {
        inClass = true;
        out += pattern[at + 1] === '^' ? '[^' : '[';
        at += pattern[at + 1] === '^' ? 2 : 1;
      }
      continue;
    }
    if (char === '(' && pattern[at + 1] === '?') {
      const group = /^\(\?(?:<[=!]|[=!]|<[^>]*>)?/.exec(pattern.slice(at, at + 256))![0];
      if (group === '(?=' || group === '(?!') throw new UnboundedPatternError(pattern, `a lookahead (${group})`);
      if (group === '(?<=' || group === '(?<!') throw new UnboundedPatternError(pattern, `a lookbehind (${group})`);
      // Only whether the pattern matches is asked: a named group need not capture.
      if (group.startsWith('(?<')) {
        out += '(?:';
        at += group.length;
        continue;
      }
    }
    if (char === '{') {
      const count = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(at, at + 64));
      if (count && Math.max(Number(count[1]), Number(count[2] || 0)) > 1000) throw new UnboundedPatternError(pattern, `a repeat count over 1,000 (${count[0]})`);
    }
    const whole = String.fromCodePoint(pattern.codePointAt(at)!);
    out += char === '.' ? ANY_BUT_LINE_END : whole;
    at += whole.length;
  }
  return out;
}

/** What ajv needs of a regular expression. */
export interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}

/**
 * Compiles a schema pattern for ajv (its `code.regExp` option; ajv passes the `u` flag, which is
 * what this implements). Throws a SyntaxError for a pattern JavaScript rejects, and an
 * UnboundedPatternError for one RE2 cannot run.
 */
export function linearRegExp(pattern: string): LinearRegExp {
  // JavaScript's own parser says whether this is a pattern at all, with its usual message.
  new RegExp(pattern, 'u');
  const syntax = toRe2Syntax(pattern);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(syntax);
  } catch (error) {
    throw new UnboundedPatternError(pattern, `a form the linear-time engine (RE2) does not support (${(error as Error).message.replace(/^error parsing regexp: /, '')})`);
  }
  const size = compiled.programSize();
  if (size > MAX_PATTERN_PROGRAM) {
    throw new UnboundedPatternError(pattern, `${size.toLocaleString('en-US')} instructions of RE2's program, over the limit of ${MAX_PATTERN_PROGRAM.toLocaleString('en-US')} (a length is better checked with minLength and maxLength)`);
  }
  return { test: (text) => compiled.test(text), toString: () => `/${pattern}/u` };
}
// ajv reads `code` only to write standalone validation code, which schema.ts writes with an engine of its own.
linearRegExp.code = 'linearRegExp';
