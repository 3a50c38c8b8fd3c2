/** A line and a UTF-16 column, both 0-based: what LSP positions and (plus one) CLI output use. */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

export interface LineRange {
  readonly start: LinePosition;
  readonly end: LinePosition;
}

/** Lines and characters below this make a range's key: the fields of a front matter are all within it. */
const RANGE_KEY_LIMIT = 4096;

/**
 * A number for the range of these lines and characters, the same for the same range (what a host
 * keeps one range object per key by, across many readouts written alike); undefined past the limit.
 */
export function rangeKey(startLine: number, startCharacter: number, endLine: number, endCharacter: number): number | undefined {
  if (Math.max(startLine, startCharacter, endLine, endCharacter) >= RANGE_KEY_LIMIT) return undefined;
  return ((startLine * RANGE_KEY_LIMIT + startCharacter) * RANGE_KEY_LIMIT + endLine) * RANGE_KEY_LIMIT + endCharacter;
}

/** Converts offsets of one text to lines and columns; built once per text, each lookup a binary search. */
export function createLineIndex(text: string): (offset: number) => LinePosition {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: offset - starts[low] };
  };
}
