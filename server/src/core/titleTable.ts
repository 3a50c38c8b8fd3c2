// The workspace's distinct titles, each with its readouts and its search text made once, when the
// title first enters the index: what title completion and the workspace symbol search read. The
// index keeps it up to date entry by entry, so no request ever pays for a pass over the archive
// because one readout changed; a search keeps its last matches, which stay good while titles only
// come (the journal says which) or go (each says so).
import type { ReadoutEntry } from './readoutEntry';
import { hashSlug, slugify, titleSlugHash } from './slug';
import { searchText } from './textFolding';
import { copySignature, createSignatures, fitSignatures, isSigned, KEY_INTS, markUnsigned, moveSignature, SUMMARY_INTS, writeSignature, type Signatures } from './titleSignature';

export interface TitleRecord {
  readonly title: string;
  /** See searchText: what completion matches a typed needle in. */
  readonly search: string;
  /** Where in `search` the words with apostrophes dropped start (0 when it has one form): what the symbol search scores. */
  readonly joinedAt: number;
  /** The readouts with this title (an array: most titles have one, and an array of one costs a fifth of a Map). */
  readonly readouts: ReadoutEntry[];
  /** The most recent date of its readouts (see entryDate), '' when none has one. */
  latest: string;
  /** Which addition to the table it was (see `additions`). */
  readonly added: number;
  /** Set when its last readout leaves: a search's kept matches skip it. */
  gone: boolean;
  /** Where it sits in the table's list (and its signature in `signatures`), and in its length's. */
  slot: number;
  lengthSlot: number;
  /** Written values by writer variant (completion's, see completionText.ts), once one is written. */
  written?: Map<string, string>;
}

/**
 * What the table made of some titles besides the titles themselves: each one's search text, its
 * signature (unsigned when not made yet) and its slug's hash (0: not made yet). A host keeps them
 * between sessions (the language server's saved index), so that a warm start takes them instead
 * of making them again: at 200,000 readouts, their 65,000 titles' took 0.9 s.
 */
export interface TitleMakings {
  readonly titles: readonly string[];
  readonly searches: readonly string[];
  /** One signature per title, at its place in `titles`. */
  readonly signatures: Signatures;
  readonly slugHashes: Int32Array;
}

/** Where a title's makings are: the title at `at` of `makings`. */
export interface MadeTitle {
  readonly makings: TitleMakings;
  readonly at: number;
  /**
   * The title's place among all those the host gives makings for, when it numbers them (a reading
   * of a saved index): one place, one title. The table then finds the title's record by its place,
   * where looking 111,000 titles up by their text took 60 ms of a warm start's restore (hashing each).
   */
  readonly place?: number;
}

/** Whether the columns are as many as the titles: what a host checks of makings read from a file. */
export function titleMakingsFit(makings: TitleMakings): boolean {
  const count = makings.titles.length;
  return makings.searches.length === count && makings.slugHashes.length === count
    && makings.signatures.summary.length === SUMMARY_INTS * count && makings.signatures.keys.length === KEY_INTS * count;
}

export interface TitleTable {
  /** Every record, in no particular order. */
  records(): readonly TitleRecord[];
  /**
   * The records by the length of their title (the index): the symbol search ranks shorter titles
   * first among equal scores, so it goes through them shortest first and stops where longer ones
   * can no longer make the list.
   */
  byLength(): readonly (readonly TitleRecord[] | undefined)[];
  /**
   * The records most used first (compareUse): sorted when first asked for, then kept in order as
   * titles come, go and change; sorted afresh when more than RANK_UPKEEP changes came between two
   * asks (a scan: one sort is cheaper than that many insertions).
   */
  byUse(): readonly TitleRecord[];
  /**
   * Takes these titles, each given by where its makings are (see `reuse`), as the use order when
   * they are one: each record's title once, each ranked before the next by compareUse. A pass over
   * them, where a sort of 65,000 titles took 0.1 s of a warm start (the session before saved its
   * order). Otherwise false, and the next byUse sorts.
   */
  adoptUseOrder(order: readonly MadeTitle[]): boolean;
  /**
   * Each record's signature (titleSignature.ts) at its slot; those still to make are made first.
   * A title's signature is made when first needed, not as it comes: a scan does not wait for them.
   */
  signatures(): Signatures;
  /** The signatures as they are: a slot not signed yet says so (titleSignature.ts, isSigned). */
  readonly signaturesSoFar: Signatures;
  /** Makes up to `count` of the signatures still to make, so that a host can make them when idle; how many are left. */
  signSome(count: number): number;
  /**
   * Makes up to `count` of the titles' slugs still to make (what `withSlug` looks up), so that a
   * host can make them when idle; how many are left. Like the signatures, a title's slug is not
   * made as it comes: slugs of the whole archive take a scan a tenth of a second longer.
   */
  slugSome(count: number): number;
  /**
   * Takes up to `count` of the titles linked by their places (MadeTitle.place) into the lookup by
   * text that readouts coming and going read, so that a host can do it when idle; how many are left.
   * A warm start's restore does not hash its 111,000 titles (60 ms): the first readout linked
   * otherwise (an edit, a file changed) takes those left in at once.
   */
  mapSome(count: number): number;
  /** How many records have ever been added: a mark for `addedSince`. */
  readonly additions: number;
  /** How many records have ever been removed: while neither count moves, each slot holds the record it held. */
  readonly removals: number;
  /** The records added since `mark` was read from `additions`, or undefined when the journal no longer goes back that far. */
  addedSince(mark: number): readonly TitleRecord[] | undefined;
  /**
   * The record whose title slugifies to `slug` with the most readouts, then the most recent; the
   * slugs still to make are made first. A pass over the slugs' hashes, and a slug made again for
   * each title whose hash is the slug's: a median of 70 µs at 33,000 titles (in-process).
   */
  withSlug(slug: string): TitleRecord | undefined;
  /** What the table made of these titles; for one it does not hold, its search text, unsigned and not slugged. */
  makingsOf(titles: readonly string[]): TitleMakings;
  /**
   * From now on, a title that comes with a readout for which `made` gives its makings (a place in
   * makings holding that title) takes them instead of making them (see TitleMakings); undefined
   * stops. Each title's makings are a function of the title alone, so makings read from a session
   * before are as good. A function of the readout, not a map of the titles: the host knows where
   * each readout's title is, and a map of 65,000 titles was a tenth of a warm start's restore.
   */
  reuse(made: ((entry: ReadoutEntry) => MadeTitle | undefined) | undefined): void;
  /** Called by the index as entries come and go. */
  link(entry: ReadoutEntry): void;
  unlink(entry: ReadoutEntry): void;
}

/** The date a readout is ranked by: `date`, else published_time's day, else ''. */
export function entryDate(entry: ReadoutEntry): string {
  return entry.date?.value ?? entry.publishedTime?.value.slice(0, 10) ?? '';
}

/** Most readouts first, then the most recent, then by text so that the order is the same every time. */
export function compareUse(a: TitleRecord, b: TitleRecord): number {
  return b.readouts.length - a.readouts.length || (a.latest === b.latest ? 0 : a.latest > b.latest ? -1 : 1) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
}

/** How many additions the journal keeps: more since a search's matches, and it starts afresh. */
const JOURNAL = 1024;
/** See `byUse`. */
const RANK_UPKEEP = 1024;
/** See heldTitle. */
const FEW_TITLES = 16;

/** Where `record` goes in `sorted` (by compareUse), or where it is. */
function rankOf(sorted: readonly TitleRecord[], record: TitleRecord): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareUse(sorted[middle], record) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The records by compareUse. Most share their number of readouts and many their date: grouped by
 * the two, only the groups are ordered and then the few titles within each, several times faster
 * than comparing every pair of 33,000 titles.
 */
function sortedByUse(records: readonly TitleRecord[]): TitleRecord[] {
  const groups = new Map<string, TitleRecord[]>();
  for (const record of records) {
    const key = `${record.readouts.length} ${record.latest}`;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  // Groups differ in their count or their date.
  const ordered = [...groups.values()].sort((a, b) => b[0].readouts.length - a[0].readouts.length || (a[0].latest > b[0].latest ? -1 : 1));
  return ordered.flatMap((group) => (group.length === 1 ? group : group.sort(compareUse)));
}

export function createTitleTable(): TitleTable {
  const byTitle = new Map<string, TitleRecord>();
  const list: TitleRecord[] = [];
  const byLength: TitleRecord[][] = [];
  const signatures = createSignatures(1024);
  // How many slots hold no signature yet, and the lowest that may be one of them.
  let unsigned = 0;
  let signFrom = 0;
  let journal: TitleRecord[] = [];
  let additions = 0;
  let removals = 0;
  let byUse: TitleRecord[] | undefined;
  let changesUnranked = 0;
  // A hash of each record's slug at its slot (0: not made yet; slug.ts, hashSlug), not the slug:
  // 33,000 slugs as strings in a Map were 4 MB that the young generation's collections copied and
  // promoted while the server answered. How many are not made, and the lowest slot that may be one of them.
  let slugHashes = new Int32Array(1024);
  let unslugged = 0;
  let slugFrom = 0;
  let reused: ((entry: ReadoutEntry) => MadeTitle | undefined) | undefined;
  // While makings are reused, the record of each title by its place (MadeTitle.place).
  let placed: (TitleRecord | undefined)[] = [];
  // Records made for placed titles that byTitle does not hold yet, and how many of them it took in
  // so far: taken in while the host is idle (`mapSome`) or when it is next read (`mapped`), not
  // during a warm start's restore, which completion and symbols wait for. None is gone: a record
  // leaves by unlink, which reads byTitle first.
  let unmapped: TitleRecord[] = [];
  let mappedUpTo = 0;

  function mapSome(count: number): number {
    const end = Math.min(unmapped.length, mappedUpTo + count);
    for (; mappedUpTo < end; mappedUpTo++) byTitle.set(unmapped[mappedUpTo].title, unmapped[mappedUpTo]);
    const left = unmapped.length - mappedUpTo;
    if (left === 0) {
      unmapped = [];
      mappedUpTo = 0;
    }
    return left;
  }

  /** byTitle, holding every record. */
  function mapped(): Map<string, TitleRecord> {
    if (unmapped.length > 0) mapSome(Infinity);
    return byTitle;
  }

  /**
   * The record of a placed title not linked by its place yet, if one came otherwise (what byTitle
   * holds: the unmapped records are of other places, so of other titles). At a warm start these
   * are the open documents' few: compared one by one, without hashing each title restored.
   */
  function heldTitle(title: string): TitleRecord | undefined {
    if (byTitle.size > FEW_TITLES) return byTitle.get(title);
    for (const [held, record] of byTitle) if (held === title) return record;
    return undefined;
  }

  function add(title: string, first: ReadoutEntry, found: MadeTitle | undefined): TitleRecord {
    const made = found?.makings;
    const madeAt = found?.at ?? 0;
    const search = made ? made.searches[madeAt] : searchText(title);
    // A literal of one: an array grown from empty by a push takes room for 17.
    const record: TitleRecord = { title, search, joinedAt: search.indexOf('\n') + 1, readouts: [first], latest: entryDate(first), added: additions, gone: false, slot: list.length, lengthSlot: 0 };
    if (found?.place === undefined) byTitle.set(title, record);
    else {
      unmapped.push(record);
      placed[found.place] = record;
    }
    list.push(record);
    fitSignatures(signatures, list.length);
    if (made) copySignature(made.signatures, madeAt, signatures, record.slot);
    else markUnsigned(signatures, record.slot);
    if (!isSigned(signatures, record.slot)) {
      unsigned++;
      signFrom = Math.min(signFrom, record.slot);
    }
    if (slugHashes.length < list.length) {
      const grown = new Int32Array(2 * slugHashes.length);
      grown.set(slugHashes);
      slugHashes = grown;
    }
    slugHashes[record.slot] = made ? made.slugHashes[madeAt] : 0;
    if (slugHashes[record.slot] === 0) {
      unslugged++;
      slugFrom = Math.min(slugFrom, record.slot);
    }
    const sameLength = (byLength[title.length] ??= []);
    record.lengthSlot = sameLength.length;
    sameLength.push(record);
    if (journal.length === 2 * JOURNAL) journal = journal.slice(JOURNAL);
    journal.push(record);
    additions++;
    return record;
  }

  /** Counts a change to the use order: past RANK_UPKEEP since the last ask, it is sorted afresh when next asked for. */
  function countChange(): void {
    if (byUse && ++changesUnranked > RANK_UPKEEP) byUse = undefined;
  }

  /** Takes a record out of the use order before its readouts change. */
  function unrank(record: TitleRecord): void {
    countChange();
    if (byUse) byUse.splice(rankOf(byUse, record), 1);
  }

  /** Puts it back in its place after they changed. */
  function rank(record: TitleRecord): void {
    if (byUse && !record.gone) byUse.splice(rankOf(byUse, record), 0, record);
  }

  function signSome(count: number): number {
    for (; signFrom < list.length && unsigned > 0 && count > 0; signFrom++) {
      if (isSigned(signatures, signFrom)) continue;
      const record = list[signFrom];
      writeSignature(record.title.length, record.search, record.joinedAt, signatures, signFrom);
      unsigned--;
      count--;
    }
    return unsigned;
  }

  function slugSome(count: number): number {
    for (; slugFrom < list.length && unslugged > 0 && count > 0; slugFrom++) {
      if (slugHashes[slugFrom] !== 0) continue;
      slugHashes[slugFrom] = titleSlugHash(list[slugFrom].title);
      unslugged--;
      count--;
    }
    return unslugged;
  }

  function remove(record: TitleRecord): void {
    record.gone = true;
    removals++;
    if (!isSigned(signatures, record.slot)) unsigned--;
    if (slugHashes[record.slot] === 0) unslugged--;
    mapped().delete(record.title);
    const last = list.pop()!;
    if (last !== record) {
      list[record.slot] = last;
      moveSignature(signatures, last.slot, record.slot);
      if (!isSigned(signatures, record.slot)) signFrom = Math.min(signFrom, record.slot);
      slugHashes[record.slot] = slugHashes[last.slot];
      if (slugHashes[record.slot] === 0) slugFrom = Math.min(slugFrom, record.slot);
      last.slot = record.slot;
    }
    const sameLength = byLength[record.title.length];
    const lastOfLength = sameLength.pop()!;
    if (lastOfLength !== record) {
      sameLength[record.lengthSlot] = lastOfLength;
      lastOfLength.lengthSlot = record.lengthSlot;
    }
  }

  return {
    records: () => list,
    byLength: () => byLength,
    signatures() {
      signSome(Infinity);
      return signatures;
    },
    signSome,
    slugSome,
    mapSome,
    signaturesSoFar: signatures,
    byUse() {
      changesUnranked = 0;
      byUse ??= sortedByUse(list);
      return byUse;
    },
    adoptUseOrder(made) {
      if (made.length !== list.length) return false;
      const order: TitleRecord[] = [];
      for (const { makings, at, place } of made) {
        const byPlace = place === undefined ? undefined : placed[place];
        // A title none of whose restored readouts was linked (an open document's, linked by its
        // text) is looked for among the few records byTitle holds, not all of them taken in.
        const record = byPlace && !byPlace.gone && byPlace.title === makings.titles[at] ? byPlace : place === undefined ? mapped().get(makings.titles[at]) : heldTitle(makings.titles[at]);
        // Ranked strictly after the one before: no record twice, so all of them.
        if (!record || (order.length > 0 && compareUse(order[order.length - 1], record) >= 0)) return false;
        order.push(record);
      }
      byUse = order;
      changesUnranked = 0;
      return true;
    },
    get additions() {
      return additions;
    },
    get removals() {
      return removals;
    },
    addedSince(mark) {
      const count = additions - mark;
      return count <= journal.length ? journal.slice(journal.length - count) : undefined;
    },
    withSlug(slug) {
      slugSome(Infinity);
      const hash = hashSlug(slug);
      let best: TitleRecord | undefined;
      for (let slot = 0; slot < list.length; slot++) {
        if (slugHashes[slot] !== hash) continue;
        const record = list[slot];
        if ((!best || compareUse(record, best) < 0) && slugify(record.title) === slug) best = record;
      }
      return best;
    },
    makingsOf(titles) {
      const made = createSignatures(titles.length);
      const searches: string[] = [];
      const slugs = new Int32Array(titles.length);
      titles.forEach((title, at) => {
        const record = mapped().get(title);
        searches.push(record ? record.search : searchText(title));
        if (record) copySignature(signatures, record.slot, made, at);
        else markUnsigned(made, at);
        slugs[at] = record ? slugHashes[record.slot] : 0;
      });
      return { titles: [...titles], searches, signatures: made, slugHashes: slugs };
    },
    reuse(made) {
      // Places are of one host's makings.
      if (made) mapped();
      placed = [];
      reused = made;
    },
    link(entry) {
      const title = entry.title?.value;
      if (title === undefined) return;
      const found = reused?.(entry);
      // Makings of another title are not taken.
      const made = found?.makings.titles[found.at] === title ? found : undefined;
      let known: TitleRecord | undefined;
      if (made?.place === undefined) known = mapped().get(title);
      else {
        known = placed[made.place];
        if (!known || known.gone) known = placed[made.place] = heldTitle(title);
      }
      if (!known) {
        countChange();
        rank(add(title, entry, made));
        return;
      }
      unrank(known);
      known.readouts.push(entry);
      const date = entryDate(entry);
      if (date > known.latest) known.latest = date;
      rank(known);
    },
    unlink(entry) {
      const record = entry.title && mapped().get(entry.title.value);
      // The index passes the entry it linked: the same object.
      const at = record ? record.readouts.indexOf(entry) : -1;
      if (!record || at === -1) return;
      unrank(record);
      record.readouts.splice(at, 1);
      if (record.readouts.length === 0) remove(record);
      else if (entryDate(entry) === record.latest) record.latest = record.readouts.reduce((latest, other) => { const date = entryDate(other); return date > latest ? date : latest; }, '');
      rank(record);
    },
  };
}
