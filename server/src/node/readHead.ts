import { closeSync, readSync } from 'node:fs';
import { MAX_FILE_BYTES, openRegularFile } from './regularFile';
import { decodeHead } from './textEncoding';

// A readout's front matter is a few hundred bytes: the first read nearly always holds all of it.
const FIRST_READ = 2048;
const MAX_READ = 1 << 20;
const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /\n(?:---|\.\.\.)[ \t]*\r?(?:\n|$)/;

const NEWLINE = 0x0a;
const DASH = 0x2d;
const DOT = 0x2e;
const isBlank = (byte: number) => byte === 0x20 || byte === 0x09;

/** Whether `bytes` hold `marker` (three of one ASCII character) at `at`. */
function markerAt(bytes: Uint8Array, at: number, marker: number): boolean {
  return bytes[at] === marker && bytes[at + 1] === marker && bytes[at + 2] === marker;
}

/** Where the line that starts at `at` ends if it is `---` (or `...` too) alone, blanks and a CR allowed after it: after its LF, or at the end. */
function markerLineEnd(bytes: Uint8Array, at: number, dots: boolean): number | undefined {
  if (!markerAt(bytes, at, DASH) && !(dots && markerAt(bytes, at, DOT))) return undefined;
  let end = at + 3;
  while (isBlank(bytes[end])) end++;
  if (bytes[end] === 0x0d) end++;
  if (end === bytes.length) return end;
  return bytes[end] === NEWLINE ? end + 1 : undefined;
}

/**
 * How far UTF-8 bytes (a byte order mark allowed) hold front matter: 0 when the first line opens
 * none; undefined when none of their lines closes it yet (CLOSING finds none); else where to cut
 * them, after the closing line when it is `---` and no line before it starts with `---` or is
 * `...`, or at their end. Past such a line, every reader of front matter (gray-matter, YAML's `...`,
 * quickEntry) reads nothing: the rest need not be decoded. The markers are ASCII, which in UTF-8 is
 * never part of another character, so the bytes give what OPENING and CLOSING give on the text.
 */
function frontMatterEnd(bytes: Buffer): number | undefined {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const opening = markerLineEnd(bytes, start, false);
  if (opening === undefined || bytes[opening - 1] !== NEWLINE) return 0;
  let clean = true;
  for (let newline = opening - 1; newline !== -1; newline = bytes.indexOf(NEWLINE, newline + 1)) {
    const end = markerLineEnd(bytes, newline + 1, true);
    if (end !== undefined) return clean && bytes[newline + 1] === DASH ? end : bytes.length;
    clean &&= !markerAt(bytes, newline + 1, DASH);
  }
  return undefined;
}

/** decodeHead of UTF-8 bytes up to `end`, without a view of them made to decode (the scan reads 50,000 heads). */
function utf8Head(bytes: Buffer, end: number): string {
  return bytes.toString('utf8', bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0, end);
}

const isUtf16 = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

/**
 * Reads a file only as far as its front matter: the first bytes, then more while a block opened
 * on the first line is not closed (up to 1 MiB). Returns the text read, decoded as an editor does
 * (UTF-8, or UTF-16 with its byte order mark) without the mark (invalid UTF-8 becomes U+FFFD), and
 * the file's identity and stamp. A UTF-8 file's text ends with its front matter's closing line: what comes
 * after is not decoded, which is most of the bytes read (and the values kept from the text keep
 * less of it alive). Only a regular file within the size limit is read (see regularFile.ts).
 * Synchronous: one small read after another is several times faster than a round trip through the
 * thread pool for each (measured on 50,000 files). `scratch` is a buffer to reuse from one file to
 * the next; `listedRegular` as for openRegularFile.
 */
export function readFrontMatterHead(file: string, scratch: Buffer = Buffer.alloc(FIRST_READ), listedRegular = false): { text: string; identity: string; stamp: string } {
  const { fd: handle, identity, stamp } = openRegularFile(file, MAX_FILE_BYTES, listedRegular);
  try {
    let buffer = scratch;
    let length = 0;
    for (;;) {
      const bytesRead = readSync(handle, buffer, length, buffer.length - length, length);
      length += bytesRead;
      const bytes = buffer.subarray(0, length);
      const full = length === buffer.length && bytesRead > 0;
      if (isUtf16(bytes)) {
        const text = decodeHead(bytes);
        if (!full || buffer.length >= MAX_READ || !OPENING.test(text) || CLOSING.test(text)) return { text, identity, stamp };
      } else {
        const end = frontMatterEnd(bytes);
        if (end) return { text: utf8Head(bytes, end), identity, stamp };
        if (!full || buffer.length >= MAX_READ || end === 0) return { text: utf8Head(bytes, length), identity, stamp };
      }
      const bigger = Buffer.alloc(Math.min(Math.max(buffer.length, FIRST_READ) * 4, MAX_READ));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
  } finally {
    closeSync(handle);
  }
}
