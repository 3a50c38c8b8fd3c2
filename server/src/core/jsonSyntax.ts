// Where a text stops being JSON, without quoting it: a file named as a schema or a configuration may
// be anything (a password file, a process's environment), and JSON.parse's message repeats its
// first characters.

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

/** The offset of the first character at which `text` is not JSON (RFC 8259), or -1 when it all is. */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const skipSpace = () => { while (WHITESPACE.has(text[at])) at++; };
  /** Reads a string starting at `at`; false where it goes wrong (`at` is then there). */
  const string = (): boolean => {
    if (text[at] !== '"') return false;
    for (at++; at < text.length; at++) {
      const char = text[at];
      if (char === '"') {
        at++;
        return true;
      }
      if (char < ' ') return false;
      if (char === '\\') {
        const next = text[at + 1];
        if (next === 'u' ? !HEX4.test(text.slice(at + 2, at + 6)) : !ESCAPES.has(next)) return false;
        at += next === 'u' ? 5 : 1;
      }
    }
    return false;
  };
  // The open arrays and objects, innermost last: no recursion, so no depth is too deep.
  const open: ('[' | '{')[] = [];
  skipSpace();
  for (;;) {
    // A value is expected at `at`.
    const char = text[at];
    if (char === '[' || char === '{') {
      open.push(char);
      at++;
      skipSpace();
      const close = char === '[' ? ']' : '}';
      if (text[at] === close) {
        open.pop();
        at++;
      } else if (char === '{') {
        if (!string()) return at;
        skipSpace();
        if (text[at] !== ':') return at;
        at++;
        skipSpace();
        continue;
      } else {
        continue;
      }
    } else if (char === '"') {
      if (!string()) return at;
    } else {
      NUMBER.lastIndex = at;
      const literal = LITERALS.find((word) => text.startsWith(word, at));
      if (literal) at += literal.length;
      else if (NUMBER.test(text)) at = NUMBER.lastIndex;
      else return at;
    }
    // After a value: a separator, the end of its container, or the end of the text.
    for (;;) {
      skipSpace();
      const container = open.at(-1);
      if (container === undefined) return at === text.length ? -1 : at;
      if (text[at] === (container === '[' ? ']' : '}')) {
        open.pop();
        at++;
        continue;
      }
      if (text[at] !== ',') return at;
      at++;
      skipSpace();
      if (container === '{') {
        if (!string()) return at;
        skipSpace();
        if (text[at] !== ':') return at;
        at++;
        skipSpace();
      }
      break;
    }
  }
}

/** "line 3, column 12" (1-based; columns in UTF-16 code units, as editors count) for an offset. */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** Why `text` is not JSON, in words that quote none of it: where the error is. */
export function jsonSyntaxError(text: string): string {
  const offset = jsonErrorOffset(text);
  return `the error is at ${lineAndColumn(text, offset === -1 ? text.length : offset)}`;
}
