// Scalars as typed and as completion writes them: the quote a value was opened with, its text
// half typed, and values written as PyYAML would.
import type { Span } from './types';
import { unescapeDoubleQuoted } from './yamlEscapes';
import { writeValueInStyle, type WriteOptions } from './yamlWriter';
import type { Region } from './completionSite';

export type QuoteStyle = 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | undefined;

const NON_ASCII = /[^\u0000-\u007f]/;

/** The quote the person opened the value with, kept when writing it. */
export function quoteStyleOf(typed: string): QuoteStyle {
  return typed.startsWith("'") ? 'QUOTE_SINGLE' : typed.startsWith('"') ? 'QUOTE_DOUBLE' : undefined;
}

/** The text of a scalar's source, closed or not (a quote still open, an escape half typed). */
export function decodeScalar(source: string): string {
  if (source.startsWith('"')) {
    // Up to the closing quote, or to the end; an escape half typed at the end is left out.
    const body = /^"((?:[^"\\]|\\.)*)/.exec(source)![1];
    return unescapeDoubleQuoted(body, 'keep')!;
  }
  if (source.startsWith("'")) return /^'((?:[^']|'')*)/.exec(source)![1].replaceAll("''", "'");
  return source.replace(/(?:^|[ \t])#.*$/, '').trim();
}

/** Raw non-ASCII only where the front matter already has some, not counting the text being replaced. */
export function writeOptionsAround(region: Region, replaced: Span): WriteOptions {
  const outside = region.text.slice(region.lines[0].start, replaced.start) + region.text.slice(replaced.end, region.lines.at(-1)!.end);
  return { allowUnicode: NON_ASCII.test(outside) };
}

export interface ValueWriter {
  /** Names the field, style, character set and line break: what else makes the written text differ. */
  readonly variant: string;
  write(value: string): string;
}

export function valueWriter(region: Region, field: string, style: QuoteStyle, options: WriteOptions): ValueWriter {
  return {
    variant: [field, style, options.allowUnicode, region.eol].join('\n'),
    write: (value) => writeValueInStyle(field, value, style, options).replace(/\n/g, region.eol),
  };
}

/** Written values by writer variant: writing a plain value costs two YAML parses, so titles keep theirs. */
export type WrittenCache = Map<string, string>;

export function writeCached(writer: ValueWriter, value: string, cache: WrittenCache | undefined): string {
  let written = cache?.get(writer.variant);
  if (written === undefined) {
    written = writer.write(value);
    cache?.set(writer.variant, written);
  }
  return written;
}
