// The best few of many, kept in order as they come: both title searches rank thousands of matches
// to answer with tens, and sorting every match would cost more than the search.

/** Puts `item` into `best` (sorted by `compare`, best first; equals keep their order) when it is among the `limit` best. */
export function keepBest<T>(best: T[], item: T, limit: number, compare: (a: T, b: T) => number): void {
  if (best.length === limit && compare(item, best[limit - 1]) >= 0) return;
  let low = 0;
  let high = best.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compare(best[middle], item) <= 0) low = middle + 1;
    else high = middle;
  }
  best.splice(low, 0, item);
  if (best.length > limit) best.pop();
}
