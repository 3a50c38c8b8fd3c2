// Files as editors read them: UTF-8 with or without its byte order mark, or UTF-16 (either byte
// order) with its mark. The language server's scan and the command line read them alike.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** A file's text without its byte order mark, and how to write it back byte for byte. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: Encoding;
  readonly bom: boolean;
  /**
   * Why the bytes are not text in their encoding; `text` is then the most that can be read of
   * them (invalid UTF-8 as U+FFFD), enough to tell whether the file is a readout, not to check it.
   */
  readonly invalid?: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** UTF-16 code units in the given byte order, an odd last byte left out. */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  const units = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length - (bytes.length % 2));
  return encoding === 'utf-16le' ? units.toString('utf16le') : Buffer.from(units).swap16().toString('utf16le');
}

/** The text of the bytes in the encoding their byte order mark tells, and the bytes after the mark. */
function decode(bytes: Uint8Array): { text: string; encoding: Encoding; bom: boolean; body: Uint8Array } {
  const utf16 = startsWith(bytes, [0xff, 0xfe]) ? 'utf-16le' : startsWith(bytes, [0xfe, 0xff]) ? 'utf-16be' : undefined;
  if (utf16) {
    const body = bytes.subarray(2);
    return { text: decodeUtf16(body, utf16), encoding: utf16, bom: true, body };
  }
  const bom = startsWith(bytes, UTF8_BOM);
  const body = bytes.subarray(bom ? UTF8_BOM.length : 0);
  return { text: Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8'), encoding: 'utf-8', bom, body };
}

/** Decodes a whole file, saying where it is not valid in its encoding. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const { text, encoding, bom, body } = decode(bytes);
  const invalid = encoding !== 'utf-8'
    ? (body.length % 2 === 1 ? 'it is not valid UTF-16 (an odd number of bytes: the file is cut short)' : undefined)
    : invalidUtf8(body, text);
  return { text, encoding, bom, ...(invalid === undefined ? {} : { invalid }) };
}

/** Decodes the first bytes of a file, its mark left out; a character cut at their end becomes U+FFFD. */
export function decodeHead(bytes: Uint8Array): string {
  return decode(bytes).text;
}

/** The text in a file's encoding, with its byte order mark if it had one. */
export function encodeText(text: string, { encoding, bom }: Pick<DecodedText, 'encoding' | 'bom'>): Buffer {
  const marked = bom ? `\uFEFF${text}` : text;
  if (encoding === 'utf-8') return Buffer.from(marked, 'utf8');
  const units = Buffer.from(marked, 'utf16le');
  return encoding === 'utf-16le' ? units : units.swap16();
}

/**
 * Where `bytes` stop being UTF-8, in words, or undefined when they are UTF-8 throughout. `text` is
 * their decoding, with U+FFFD for what is not UTF-8: the first U+FFFD that the bytes do not spell
 * out themselves (EF BF BD) is where they go wrong. Linear: each U+FFFD is looked at once.
 */
function invalidUtf8(bytes: Uint8Array, text: string): string | undefined {
  let byte = 0;
  let char = 0;
  for (let at = text.indexOf('\uFFFD'); at !== -1; at = text.indexOf('\uFFFD', at + 1)) {
    byte += Buffer.byteLength(text.slice(char, at), 'utf8');
    char = at;
    if (!startsWith(bytes.subarray(byte), [0xef, 0xbf, 0xbd])) {
      let line = 1;
      for (let index = 0; index < byte; index++) if (bytes[index] === 0x0a) line++;
      return `it is not valid UTF-8 (byte 0x${bytes[byte].toString(16).toUpperCase().padStart(2, '0')} on line ${line})`;
    }
  }
  return undefined;
}
