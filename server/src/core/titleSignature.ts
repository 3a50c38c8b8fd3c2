// What a title's words hold, in a few bits, so that the symbol search can tell without scoring a
// title that it cannot make the list. A score is made of runs (query letters matched one after
// the other in the title): each run costs more when it does not start a word. The letters, the
// letters starting a word, the first two letters of each word, and every pair and triple of
// letters the words hold are enough to find the cheapest runs a title could match a query with:
// a bound on its score that is never too low, in a few operations per query letter.

/** Letters and digits only: a query holding anything else is not planned (see planBound). */
const SYMBOL = new Int8Array(128).fill(-1);
for (let code = 97; code <= 122; code++) SYMBOL[code] = code - 97;
for (let code = 48; code <= 57; code++) SYMBOL[code] = 26 + code - 48;
const SYMBOLS = 36;

const SET_BITS = 1024;
/** Ints per title in `Signatures.keys`: a set of SET_BITS hashed keys. */
export const KEY_INTS = SET_BITS / 32;
/** Ints per title in `Signatures.summary`. */
export const SUMMARY_INTS = 3;

/**
 * The signatures of many titles, each at its slot. The letters are kept apart from the keys: a
 * search reads every title's letters, and the keys of the few holding them all.
 */
export interface Signatures {
  /** Per slot, SUMMARY_INTS: the letters, the letters starting a word, the title's length. */
  summary: Int32Array;
  /** Per slot: KEY_INTS ints of keys (pairs and triples). */
  keys: Int32Array;
}

export function createSignatures(slots: number): Signatures {
  return { summary: new Int32Array(SUMMARY_INTS * slots), keys: new Int32Array(KEY_INTS * slots) };
}

/** Room for `slots` signatures, keeping those written. */
export function fitSignatures(signatures: Signatures, slots: number): void {
  const held = signatures.summary.length / SUMMARY_INTS;
  if (held >= slots) return;
  const size = Math.max(2 * held, slots);
  const summary = new Int32Array(SUMMARY_INTS * size);
  summary.set(signatures.summary);
  const keys = new Int32Array(KEY_INTS * size);
  keys.set(signatures.keys);
  signatures.summary = summary;
  signatures.keys = keys;
}

/** Copies the signature at slot `from` of `source` to slot `to` of `target`. */
export function copySignature(source: Signatures, from: number, target: Signatures, to: number): void {
  // A loop: two subarrays for each of 65,000 titles took longer than the copying.
  for (let i = 0; i < SUMMARY_INTS; i++) target.summary[SUMMARY_INTS * to + i] = source.summary[SUMMARY_INTS * from + i];
  for (let i = 0; i < KEY_INTS; i++) target.keys[KEY_INTS * to + i] = source.keys[KEY_INTS * from + i];
}

/** Moves the signature at slot `from` to slot `to` (the one there is lost). */
export function moveSignature(signatures: Signatures, from: number, to: number): void {
  signatures.summary.copyWithin(SUMMARY_INTS * to, SUMMARY_INTS * from, SUMMARY_INTS * from + SUMMARY_INTS);
  signatures.keys.copyWithin(KEY_INTS * to, KEY_INTS * from, KEY_INTS * from + KEY_INTS);
}

const WORD_PAIR = 0;
const PAIR = SYMBOLS * SYMBOLS;
const TRIPLE = 2 * PAIR;

/** 36 symbols in 32 bits: the digits share six. */
function letterBit(symbol: number): number {
  return 1 << (symbol < 26 ? symbol : 26 + ((symbol - 26) % 6));
}

/** Where a key falls in the set: a multiplicative hash, so that neighbouring keys spread. */
function keyBit(key: number): number {
  return Math.imul(key + 1, 0x9e3779b1) >>> (32 - 10);
}

function addKey(keys: Int32Array, at: number, key: number): void {
  const bit = keyBit(key);
  keys[at + (bit >> 5)] |= 1 << (bit & 31);
}

function symbolAt(words: string, at: number): number {
  const code = words.charCodeAt(at);
  return code < 128 ? SYMBOL[code] : -1;
}

/**
 * Writes at `slot` the signature of a title of `titleLength` characters whose words are `words`
 * from `from` on (its joined words in its search text). A word starts where the character before
 * is not a letter or digit, as the symbol search scores it.
 */
export function writeSignature(titleLength: number, words: string, from: number, signatures: Signatures, slot: number): void {
  const keys = signatures.keys;
  const at = KEY_INTS * slot;
  keys.fill(0, at, at + KEY_INTS);
  let letters = 0;
  let starts = 0;
  let before = -1;
  let beforeThat = -1;
  for (let i = from; i < words.length; i++) {
    const symbol = symbolAt(words, i);
    if (symbol !== -1) {
      const bit = letterBit(symbol);
      letters |= bit;
      if (i === from || before === -1) {
        starts |= bit;
        if (i + 1 < words.length) {
          const next = symbolAt(words, i + 1);
          if (next !== -1) addKey(keys, at, WORD_PAIR + symbol * SYMBOLS + next);
        }
      } else {
        addKey(keys, at, PAIR + before * SYMBOLS + symbol);
        if (beforeThat !== -1) addKey(keys, at, TRIPLE + (beforeThat * SYMBOLS + before) * SYMBOLS + symbol);
      }
    }
    beforeThat = before;
    before = symbol;
  }
  signatures.summary[SUMMARY_INTS * slot] = letters;
  signatures.summary[SUMMARY_INTS * slot + 1] = starts;
  signatures.summary[SUMMARY_INTS * slot + 2] = titleLength;
}

/** Marks `slot` as holding no signature yet. */
export function markUnsigned(signatures: Signatures, slot: number): void {
  signatures.summary[SUMMARY_INTS * slot + 2] = -1;
}

export function isSigned(signatures: Signatures, slot: number): boolean {
  return signatures.summary[SUMMARY_INTS * slot + 2] !== -1;
}

/** The length of the title at `slot`, read without touching its record. */
export function titleLengthAt(signatures: Signatures, slot: number): number {
  return signatures.summary[SUMMARY_INTS * slot + 2];
}

/** What a query's bound reads from a signature, worked out once per query. */
export interface BoundPlan {
  readonly length: number;
  readonly letters: number;
  readonly starts: Int32Array;
  /** For each query letter: the int and the bit of its key in the set (word pair, pair, triple); -1 for the first letter(s). */
  readonly wordPairInt: Int32Array;
  readonly wordPairBit: Int32Array;
  readonly pairInt: Int32Array;
  readonly pairBit: Int32Array;
  readonly tripleInt: Int32Array;
  readonly tripleBit: Int32Array;
  /** What a run costs when it starts a word, and when it does not. */
  readonly wordRun: number;
  readonly otherRun: number;
}

/**
 * The plan for a folded query (letters and digits, no spaces), with the cost of a run starting a
 * word and of one that does not; undefined when the query holds any other character, whose
 * matches a signature cannot bound.
 */
export function planBound(query: string, wordRun: number, otherRun: number): BoundPlan | undefined {
  const symbols: number[] = [];
  for (let j = 0; j < query.length; j++) {
    const symbol = symbolAt(query, j);
    if (symbol === -1) return undefined;
    symbols.push(symbol);
  }
  const length = symbols.length;
  const slots = () => new Int32Array(length).fill(-1);
  const plan = { length, letters: 0, starts: new Int32Array(length), wordPairInt: slots(), wordPairBit: slots(), pairInt: slots(), pairBit: slots(), tripleInt: slots(), tripleBit: slots(), wordRun, otherRun };
  const place = (ints: Int32Array, bits: Int32Array, j: number, key: number) => {
    const bit = keyBit(key);
    ints[j] = bit >> 5;
    bits[j] = 1 << (bit & 31);
  };
  symbols.forEach((symbol, j) => {
    plan.letters |= letterBit(symbol);
    plan.starts[j] = letterBit(symbol);
    if (j >= 1) {
      place(plan.wordPairInt, plan.wordPairBit, j, WORD_PAIR + symbols[j - 1] * SYMBOLS + symbol);
      place(plan.pairInt, plan.pairBit, j, PAIR + symbols[j - 1] * SYMBOLS + symbol);
    }
    if (j >= 2) place(plan.tripleInt, plan.tripleBit, j, TRIPLE + (symbols[j - 2] * SYMBOLS + symbols[j - 1]) * SYMBOLS + symbol);
  });
  return plan;
}

const NEVER = 1 << 20;

/**
 * The least the runs of a match can cost in the title whose signature is at `slot`, or -1
 * when it is more than `budget` or the title lacks one of the query's letters (it holds no match).
 * Four ways a letter can end the runs so far: a run of one starting a word, a run of one that does
 * not, a run of two, a run of three or more; a run goes on only where the title holds the pair
 * (the pair starting a word, after a run of one that started one) or the triple.
 */
export function leastRunCost(plan: BoundPlan, signatures: Signatures, slot: number, budget: number): number {
  if ((signatures.summary[SUMMARY_INTS * slot] & plan.letters) !== plan.letters) return -1;
  const starts = signatures.summary[SUMMARY_INTS * slot + 1];
  const keys = signatures.keys;
  const at = KEY_INTS * slot;
  let wordStart = (starts & plan.starts[0]) !== 0 ? plan.wordRun : NEVER;
  let other = plan.otherRun;
  let two = NEVER;
  let more = NEVER;
  for (let j = 1; j < plan.length; j++) {
    const least = Math.min(wordStart, other, two, more);
    // Costs only grow; a key is read only for a way that is still within the budget.
    if (least > budget) return -1;
    const longer = Math.min(two, more);
    more = j >= 2 && longer <= budget && (keys[at + plan.tripleInt[j]] & plan.tripleBit[j]) !== 0 ? longer : NEVER;
    two = Math.min(
      wordStart <= budget && (keys[at + plan.wordPairInt[j]] & plan.wordPairBit[j]) !== 0 ? wordStart : NEVER,
      other <= budget && (keys[at + plan.pairInt[j]] & plan.pairBit[j]) !== 0 ? other : NEVER,
    );
    wordStart = (starts & plan.starts[j]) !== 0 ? least + plan.wordRun : NEVER;
    other = least + plan.otherRun;
  }
  const least = Math.min(wordStart, other, two, more);
  return least > budget ? -1 : least;
}

/** What a title holding a completion needle has: the needle's letters, and the pairs and triples inside its words. */
export interface HoldPlan {
  readonly letters: number;
  /** For each pair or triple: the int and the bit of its key in the set. */
  readonly keyInts: Int32Array;
  readonly keyBits: Int32Array;
}

/**
 * The plan for a needle as searchWords gives it (words between spaces). A title holds it in its
 * words, or in its words with the apostrophes dropped: the letters are the same, and a pair inside
 * a word of the first is inside a word of the second, from which the signature is made.
 */
export function planHold(needle: string): HoldPlan {
  let letters = 0;
  const keys: number[] = [];
  let before = -1;
  let beforeThat = -1;
  for (let i = 0; i < needle.length; i++) {
    const symbol = symbolAt(needle, i);
    if (symbol !== -1) {
      letters |= letterBit(symbol);
      if (before !== -1) keys.push(PAIR + before * SYMBOLS + symbol);
      if (before !== -1 && beforeThat !== -1) keys.push(TRIPLE + (beforeThat * SYMBOLS + before) * SYMBOLS + symbol);
    }
    beforeThat = before;
    before = symbol;
  }
  // Triples first: they are rarer, and the first one missing settles it.
  keys.sort((a, b) => (a >= TRIPLE ? 0 : 1) - (b >= TRIPLE ? 0 : 1));
  const keyInts = new Int32Array(keys.length);
  const keyBits = new Int32Array(keys.length);
  keys.forEach((key, at) => {
    const bit = keyBit(key);
    keyInts[at] = bit >> 5;
    keyBits[at] = 1 << (bit & 31);
  });
  return { letters, keyInts, keyBits };
}

/** Whether the title at `slot` may hold the needle: false only when its signature says it cannot; true for a slot not signed yet. */
export function mayHold(plan: HoldPlan, signatures: Signatures, slot: number): boolean {
  const length = signatures.summary[SUMMARY_INTS * slot + 2];
  if (length === -1) return true;
  if ((signatures.summary[SUMMARY_INTS * slot] & plan.letters) !== plan.letters) return false;
  const at = KEY_INTS * slot;
  for (let k = 0; k < plan.keyInts.length; k++) if ((signatures.keys[at + plan.keyInts[k]] & plan.keyBits[k]) === 0) return false;
  return true;
}

