import { distance } from 'fastest-levenshtein';

/** The candidate closest to what was typed, when it is close enough to be a likely typo. */
export function didYouMean(typed: string, candidates: Iterable<string>): string | undefined {
  const word = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    if (lower === word) return candidate;
    // A truncated or extended name ("published" for "published_time") is a likely slip too.
    const affix = word.length >= 4 && (lower.startsWith(word) || word.startsWith(lower));
    const d = affix ? Math.min(1.5, distance(word, lower)) : distance(word, lower);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
