// The front matter as PyYAML 6 writes it with `yaml.dump(mapping)` and its defaults (keys sorted,
// block style, indent 2, width 80, allow_unicode False). A port of the parts of PyYAML's emitter
// that a flat mapping of one-line strings, lists of them and datetimes reaches: analyze_scalar,
// choose_scalar_style, write_plain, write_single_quoted, write_double_quoted, write_indent. Written
// apart from the core's yamlWriter so that the corpus never checks the core against itself;
// test/fixtures/pyyaml-front-matter.json holds PyYAML's own output to check it against.

/** A datetime: PyYAML writes its isoformat(' ') plain, as `2023-01-10 12:54:40-05:00`. */
export interface Timestamp {
  readonly timestamp: string;
}

export type FrontMatterValue = string | readonly string[] | Timestamp;

const BEST_WIDTH = 80;
const BEST_INDENT = 2;
const BREAKS = '\n\x85\u2028\u2029';
const BLANKS = `\0 \t\r${BREAKS}`;
const LINE_BREAK = /[\n\x85\u2028\u2029]/;
const SPACE_RUNS = /( +)/;
const SURROGATE_PAIRS = /[\ud800-\udbff][\udc00-\udfff]/g;

// PyYAML's implicit resolvers: a plain scalar matching one is not read back as a string.
const IMPLICIT_TYPES: readonly RegExp[] = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
];

const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\0', '0'], ['\x07', 'a'], ['\x08', 'b'], ['\t', 't'], ['\n', 'n'], ['\x0b', 'v'], ['\x0c', 'f'],
  ['\r', 'r'], ['\x1b', 'e'], ['"', '"'], ['\\', '\\'], ['\x85', 'N'], ['\xa0', '_'], ['\u2028', 'L'], ['\u2029', 'P'],
]);

interface Analysis {
  readonly allowBlockPlain: boolean;
  readonly allowSingleQuoted: boolean;
}

const isPrintableAscii = (ch: string) => ch >= ' ' && ch <= '~';

const isBlank = (ch: string | undefined) => ch !== undefined && BLANKS.includes(ch);

/**
 * analyze_scalar for a non-empty, one-line scalar, without allow_unicode. It reads UTF-16 units
 * where Python reads code points: the same answers, since every unit of a surrogate pair is as
 * special, and as far from a blank, as the character.
 */
function analyze(value: string): Analysis {
  const start = value.slice(0, 3);
  let blockIndicators = start === '---' || start === '...' || '#,[]{}&*!|>\'"%@`'.includes(value[0])
    || ('?:-'.includes(value[0]) && (value.length === 1 || isBlank(value[1])));
  for (let index = 1; index < value.length && !blockIndicators; index++) {
    const ch = value[index];
    blockIndicators = (ch === ':' && (index + 1 === value.length || isBlank(value[index + 1]))) || (ch === '#' && isBlank(value[index - 1]));
  }
  // Every character outside printable ASCII is special without allow_unicode: it needs an escape.
  const special = /[^ -~]/.test(value);
  const edgeSpace = value.startsWith(' ') || value.endsWith(' ');
  return { allowBlockPlain: !special && !edgeSpace && !blockIndicators, allowSingleQuoted: !special };
}

/** Whether PyYAML's resolvers read the plain scalar back as a string: only those for its first character are tried. */
function readsAsString(value: string): boolean {
  return !(value === '' || '-+0123456789.yYnNtTfFoO<~='.includes(value[0])) || !IMPLICIT_TYPES.some((type) => type.test(value));
}

/** The emitter's position: PyYAML's column, whitespace and indention flags, and the current indent. */
class Emitter {
  text = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = 0;

  write(data: string): void {
    this.text += data;
    // Python counts code points: a surrogate pair is one.
    this.column += data.length - (data.match(SURROGATE_PAIRS)?.length ?? 0);
  }

  writeIndicator(indicator: string, needWhitespace: boolean, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? indicator : ` ${indicator}`);
    this.whitespace = false;
    this.indention = this.indention && indention;
  }

  lineBreak(): void {
    this.text += '\n';
    this.column = 0;
    this.whitespace = true;
    this.indention = true;
  }

  writeIndent(): void {
    if (!this.indention || this.column > this.indent || (this.column === this.indent && !this.whitespace)) this.lineBreak();
    if (this.column < this.indent) {
      this.whitespace = true;
      this.write(' '.repeat(this.indent - this.column));
    }
  }

  /** A simple key: written as is, never folded (our keys are words such as `source_url`). */
  key(key: string): void {
    this.write(key);
    this.whitespace = false;
    this.indention = false;
  }

  /** A datetime, which PyYAML represents as a plain scalar. */
  timestamp(text: string): void {
    this.indent += BEST_INDENT;
    this.plain(text);
    this.indent -= BEST_INDENT;
  }

  /** A string scalar in the style PyYAML chooses, at indent + 2 for its continuation lines. */
  scalar(value: string): void {
    if (LINE_BREAK.test(value)) throw new RangeError(`one-line values only: ${JSON.stringify(value)}`);
    const analysis = value === '' ? { allowBlockPlain: true, allowSingleQuoted: true } : analyze(value);
    this.indent += BEST_INDENT;
    if (readsAsString(value) && analysis.allowBlockPlain) this.plain(value);
    else if (analysis.allowSingleQuoted) this.singleQuoted(Array.from(value));
    else this.doubleQuoted(Array.from(value));
    this.indent -= BEST_INDENT;
  }

  /** write_plain, by runs: a word is written; a single space past the width becomes a line break, any other run of spaces is written. */
  plain(text: string): void {
    if (text === '') return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    for (const run of text.split(SPACE_RUNS)) {
      if (run === ' ' && this.column > BEST_WIDTH) {
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
      } else {
        this.write(run);
      }
    }
  }

  singleQuoted(chars: readonly string[]): void {
    this.writeIndicator("'", true);
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && start !== 0 && end !== chars.length) this.writeIndent();
          else this.write(chars.slice(start, end).join(''));
          start = end;
        }
      } else if ((ch === undefined || ch === ' ' || ch === "'") && start < end) {
        this.write(chars.slice(start, end).join(''));
        start = end;
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      spaces = ch === ' ';
    }
    this.writeIndicator("'", false);
  }

  doubleQuoted(chars: readonly string[]): void {
    this.writeIndicator('"', true);
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      // NEL, LS, PS and the BOM, which PyYAML always escapes, are outside printable ASCII too.
      if (ch === undefined || ch === '"' || ch === '\\' || !isPrintableAscii(ch)) {
        if (start < end) {
          this.write(chars.slice(start, end).join(''));
          start = end;
        }
        if (ch !== undefined) {
          this.write(escape(ch));
          start = end + 1;
        }
      }
      if (end > 0 && end < chars.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > BEST_WIDTH) {
        this.write(`${chars.slice(start, end).join('')}\\`);
        if (start < end) start = end;
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (chars[start] === ' ') this.write('\\');
      }
    }
    this.writeIndicator('"', false);
  }
}

function escape(ch: string): string {
  const named = ESCAPES.get(ch);
  if (named !== undefined) return `\\${named}`;
  const codePoint = ch.codePointAt(0)!;
  const hex = codePoint.toString(16).toUpperCase();
  if (codePoint <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  return codePoint <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
}

/** `yaml.dump(mapping)`: every key on its own line, sorted; keys are plain words such as `source_url`. */
export function dumpYaml(mapping: Readonly<Record<string, FrontMatterValue>>): string {
  const emitter = new Emitter();
  const keys = Object.keys(mapping).sort();
  keys.forEach((key, index) => {
    if (index > 0) emitter.writeIndent();
    emitter.key(key);
    emitter.writeIndicator(':', false);
    const value = mapping[key];
    if (typeof value === 'string') {
      emitter.scalar(value);
    } else if ('timestamp' in value) {
      emitter.timestamp(value.timestamp);
    } else if (value.length === 0) {
      emitter.write(' []');
    } else {
      // PyYAML does not indent a list under a mapping key.
      for (const item of value) {
        emitter.writeIndent();
        emitter.writeIndicator('-', true, true);
        emitter.scalar(item);
      }
    }
  });
  emitter.writeIndent();
  return emitter.text;
}
