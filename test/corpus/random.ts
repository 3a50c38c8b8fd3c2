// A seeded random sequence, the same on every platform, and the draws the corpus makes from it.

export type Random = () => number;

/** mulberry32: small, fast, and the same sequence on every platform. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** A whole number from min to max, both included. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One of the keys, each as likely as its weight. */
export function weighted<T>(random: Random, weights: ReadonlyMap<T, number>): T {
  let total = 0;
  for (const weight of weights.values()) total += weight;
  let at = random() * total;
  for (const [item, weight] of weights) {
    at -= weight;
    if (at < 0) return item;
  }
  return [...weights.keys()].at(-1)!;
}

/** `count` different items in random order (all of them when there are fewer). */
export function some<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const drawn: T[] = [];
  while (drawn.length < count && pool.length > 0) drawn.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return drawn;
}
