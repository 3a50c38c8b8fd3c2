// The title searches keep state between requests (the index's title table, its use order, the
// matches of earlier needles and queries, the journal of titles that came since) and stop early
// where they can. Each answer is compared with a search over every readout from scratch, while
// readouts come, change and go between the letters typed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ReadoutEntry } from '../../server/src/core/readoutEntry';
import { joinedWords, searchText, searchWords } from '../../server/src/core/textFolding';
import { createSignatures, leastRunCost, mayHold, planBound, planHold, writeSignature } from '../../server/src/core/titleSignature';
import { createCompletionMemo } from '../../server/src/core/titleCatalog';
import { slugify } from '../../server/src/core/slug';
import { entryDate, type TitleMakings } from '../../server/src/core/titleTable';
import { createWorkspaceIndex, type WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { createSymbolSearch } from '../../server/src/core/workspaceSymbols';
import { service } from './helpers';

const RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const SEED = 20261203;
const RUNS = 150;

// Few words and letters, so that titles share openings, letters and lengths, and scores tie.
const WORDS = ['Readout', 'of', 'President', 'Biden’s', 'Call', 'with', 'Prime', 'Minister', 'Erdoğan', 'Støre', 'on', 'the', 'Fact', 'Sheet:', 'Q&A', 'calls', 'a', 'State'];
const DATES = ['2023-01-10', '2023-01-11', '2024-06-30', ''];

const title = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));

function entry(uri: string, titleText: string, date: string): ReadoutEntry {
  return { uri, title: { value: titleText, range: RANGE }, tags: [{ value: 'statements-releases', range: RANGE }], sourceUrl: undefined, date: date === '' ? undefined : { value: date, range: RANGE }, publishedTime: undefined };
}

type Step =
  | { readonly kind: 'set'; readonly uri: number; readonly title: string; readonly date: string }
  | { readonly kind: 'delete'; readonly uri: number }
  | { readonly kind: 'type'; readonly text: string; readonly upTo: number }
  | { readonly kind: 'sign'; readonly count: number }
  | { readonly kind: 'slug'; readonly count: number };

const step = (uris: number): fc.Arbitrary<Step> => fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), uri: fc.nat(uris), title, date: fc.constantFrom(...DATES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), uri: fc.nat(uris) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('type' as const), text: fc.oneof(title, fc.constantFrom(...WORDS)), upTo: fc.nat(30) }) },
  // Some of the signatures still to make, as the server makes them when idle.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sign' as const), count: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('slug' as const), count: fc.nat(3) }) },
);

/** Plays the steps on the index; `typed` is called with each text typed, letter by letter. */
function play(index: WorkspaceIndex, steps: readonly Step[], typed: (text: string) => void): void {
  for (const one of steps) {
    if (one.kind === 'set') index.set(entry(`file:///${one.uri}.md`, one.title, one.date));
    else if (one.kind === 'delete') index.delete(`file:///${one.uri}.md`);
    else if (one.kind === 'sign') index.titles().signSome(one.count);
    else if (one.kind === 'slug') index.titles().slugSome(one.count);
    else for (let length = 1; length <= Math.min(one.upTo, one.text.length); length++) typed(one.text.slice(0, length));
  }
}

/** Words of few letters, so that pairs, triples and word starts repeat; digits, accents, apostrophes and other scripts too. */
const wordsText = fc.array(fc.constantFrom('a', 'b', 'c', 'ab', 'ba', 'cab', '1', 'é', '’', "'", 'ж', ' ', ' ', ':'), { minLength: 1, maxLength: 30 }).map((parts) => parts.join(''));

/** Completion's answer from scratch: the titles holding the needle, most readouts, then most recent, then by text. */
function rankedFromScratch(index: WorkspaceIndex, needle: string, limit: number, exceptUri: string): string[] {
  const byTitle = new Map<string, ReadoutEntry[]>();
  for (const item of index.entries()) if (item.title) byTitle.set(item.title.value, [...(byTitle.get(item.title.value) ?? []), item]);
  const latest = (entries: readonly ReadoutEntry[]) => entries.map(entryDate).reduce((a, b) => (b > a ? b : a), '');
  return [...byTitle]
    .filter(([text, entries]) => searchText(text).includes(needle) && !(entries.length === 1 && entries[0].uri === exceptUri))
    .sort(([a, ea], [b, eb]) => eb.length - ea.length || (latest(ea) === latest(eb) ? 0 : latest(ea) > latest(eb) ? -1 : 1) || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([text]) => text);
}

/** The symbol score from scratch: every way of matching the query's letters in order, the best. */
function scoreFromScratch(words: string, query: string): number {
  const wordStart = (at: number) => at === 0 || !/[a-z0-9]/.test(words[at - 1]);
  let best = -Infinity;
  const walk = (j: number, from: number, previous: number, score: number) => {
    if (j === query.length) {
      best = Math.max(best, score);
      return;
    }
    for (let at = words.indexOf(query[j], from); at !== -1; at = words.indexOf(query[j], at + 1)) {
      walk(j + 1, at + 1, at, score + 1 + (wordStart(at) ? 8 : 0) + (j > 0 && previous === at - 1 ? 9 : 0));
    }
  };
  walk(0, 0, -2, 0);
  return best;
}

function symbolsFromScratch(index: WorkspaceIndex, query: string, limit: number): string[] {
  const folded = searchWords(query.replace(/['’‘`]/g, '')).replaceAll(' ', '');
  const found = [...index.entries()].flatMap((item) => {
    const words = searchWords(item.title!.value.replace(/['’‘`]/g, ''));
    const score = words === '' ? -Infinity : scoreFromScratch(words, folded);
    return score === -Infinity ? [] : [{ item, score }];
  });
  found.sort((a, b) => b.score - a.score || a.item.title!.value.length - b.item.title!.value.length
    || ((b.item.date?.value ?? '') < (a.item.date?.value ?? '') ? -1 : (b.item.date?.value ?? '') > (a.item.date?.value ?? '') ? 1 : 0)
    || (a.item.uri < b.item.uri ? -1 : 1));
  // Nothing more than 9 below the best (a piece of the query found inside a word).
  return found.filter(({ score }) => score >= found[0].score - 9).slice(0, limit).map(({ item, score }) => `${score} ${item.uri}`);
}

describe(`title searches against a search from scratch (fast-check, seed ${SEED}, ${RUNS} runs)`, () => {
  test('completion: the ranked titles holding each needle typed, letter by letter, as readouts change between letters', () => {
    fc.assert(fc.property(fc.array(step(40), { minLength: 1, maxLength: 60 }), fc.constantFrom(1, 3, 20), fc.boolean(), (steps, limit, fromStart) => {
      const index = createWorkspaceIndex({ titlesFromStart: fromStart });
      const catalog = createCompletionMemo().titles(index);
      play(index, steps, (typed) => {
        const needle = searchWords(typed);
        assert.deepEqual(catalog.ranked(needle, limit, 'file:///0.md').map((record) => record.title), rankedFromScratch(index, needle, limit, 'file:///0.md'), needle);
      });
    }), { seed: SEED, numRuns: RUNS });
  });

  test('the bound a title\'s signature gives is never below its score, whatever its words and the query', () => {
    fc.assert(fc.property(wordsText, wordsText, (title, typed) => {
      const words = joinedWords(searchText(title));
      const query = joinedWords(searchText(typed)).replaceAll(' ', '');
      const plan = query === '' ? undefined : planBound(query, 1, 9);
      if (!plan || words === '') return;
      const signatures = createSignatures(1);
      writeSignature(title.length, words, 0, signatures, 0);
      const cost = leastRunCost(plan, signatures, 0, Infinity);
      const score = scoreFromScratch(words, query);
      if (score === -Infinity) return;
      assert.ok(cost !== -1 && query.length * 10 - cost >= score, `${JSON.stringify(words)} ${query}: bound ${query.length * 10 - cost}, score ${score}`);
    }), { seed: SEED, numRuns: 2000 });
  });

  test('a title whose text holds a needle is never ruled out by its signature', () => {
    fc.assert(fc.property(wordsText, fc.nat(30), fc.nat(30), (title, from, to) => {
      const search = searchText(title);
      // A needle the title holds: part of its words (of either form), as completion folds what is typed.
      const needle = searchWords(search.slice(Math.min(from, to), Math.max(from, to)).replace('\n', ''));
      if (needle === '' || !search.includes(needle)) return;
      const signatures = createSignatures(1);
      writeSignature(title.length, search, search.indexOf('\n') + 1, signatures, 0);
      assert.ok(mayHold(planHold(needle), signatures, 0), `${JSON.stringify(search)} holds ${JSON.stringify(needle)}`);
    }), { seed: SEED, numRuns: 3000 });
  });

  test('workspace symbols: the best readouts for each query typed, letter by letter, as readouts change between letters', () => {
    // Many readouts and a short list: the search stops early and prunes, which a long list hides.
    fc.assert(fc.property(fc.array(step(120), { minLength: 1, maxLength: 200 }), fc.constantFrom(1, 2, 4, 8, 128), (steps, limit) => {
      const index = createWorkspaceIndex();
      const search = createSymbolSearch(index);
      play(index, steps, (query) => {
        assert.deepEqual(search.search(query, limit).map((symbol) => `${symbol.score} ${symbol.uri}`), symbolsFromScratch(index, query, limit), query);
      });
    }), { seed: SEED, numRuns: RUNS });
  });
});

describe('signatures, made when first needed', () => {
  const index = () => createWorkspaceIndex({ titlesFromStart: true });
  const titles = ['Call with Prime Minister Kishida', 'Statement on Union Jobs', 'Readout of a Meeting with President Erdoğan'];

  test('none is made as titles come; signSome makes them in slices and says how many are left', () => {
    const archive = index();
    titles.forEach((text, at) => archive.set(entry(`file:///${at}.md`, text, '2023-01-10')));
    const table = archive.titles();
    assert.equal(table.signSome(0), 3);
    assert.equal(table.signSome(2), 1);
    assert.equal(table.signSome(5), 0);
    // A title that leaves before its signature is made is not waited for.
    archive.set(entry('file:///3.md', 'Remarks on the Economy', '2023-01-10'));
    archive.delete('file:///3.md');
    assert.equal(table.signSome(0), 0);
  });

  test('a title moved into the place of one that left, before its signature is made, is found', () => {
    const archive = index();
    titles.forEach((text, at) => archive.set(entry(`file:///${at}.md`, text, '2023-01-10')));
    const table = archive.titles();
    table.signSome(1);
    // The first title's place goes to the last, not signed yet, behind where signing got to.
    archive.delete('file:///0.md');
    assert.deepEqual(createSymbolSearch(archive).search('erdogan').map((symbol) => symbol.uri), ['file:///2.md']);
    assert.equal(table.signSome(0), 0);
  });
});

describe("makings of a session before, reused (the language server's saved index)", () => {
  const titles = ['Call with Prime Minister Kishida', 'Statement on Union Jobs', 'Readout of a Meeting with President Erdoğan', 'Remarks on the Economy'];
  /** Where a readout's title is in `makings`, as a host tells the table. */
  const madeIn = (makings: TitleMakings) => (entry: ReadoutEntry) => {
    const at = makings.titles.indexOf(entry.title!.value);
    return at === -1 ? undefined : { makings, at };
  };
  const filled = (texts: readonly string[], makings?: TitleMakings) => {
    const archive = createWorkspaceIndex({ titlesFromStart: true });
    archive.titles().reuse(makings && madeIn(makings));
    texts.forEach((text, at) => archive.set(entry(`file:///${at}.md`, text, '2023-01-10')));
    return archive.titles();
  };

  test('titles take what the makings hold and make only the rest: the same search texts, signatures and slugs as made afresh', () => {
    const before = filled(titles.slice(0, 3));
    before.signSome(2);
    before.slugSome(1);
    const table = filled([...titles].reverse(), before.makingsOf(titles));
    // Of four titles, two came signed and one slugged.
    assert.equal(table.signSome(0), 2);
    assert.equal(table.slugSome(0), 3);
    const afresh = filled([...titles].reverse());
    assert.deepEqual(table.records().map((record) => [record.title, record.search, record.joinedAt]), afresh.records().map((record) => [record.title, record.search, record.joinedAt]));
    assert.deepEqual(table.signatures(), afresh.signatures());
    table.slugSome(Infinity);
    afresh.slugSome(Infinity);
    assert.deepEqual(table.makingsOf(titles).slugHashes, afresh.makingsOf(titles).slugHashes);
    assert.equal(table.withSlug('readout-of-a-meeting-with-president-erdogan')?.title, titles[2]);
  });

  test('a use order saved is taken when it is one, else the table sorts', () => {
    const archive = () => {
      const index = createWorkspaceIndex({ titlesFromStart: true });
      titles.forEach((text, at) => index.set(entry(`file:///${at}.md`, text, `2023-01-1${at}`)));
      index.set(entry('file:///again.md', titles[2], '2023-01-01'));
      return index.titles();
    };
    // Most readouts first, then the most recent.
    const sorted = [titles[2], titles[3], titles[1], titles[0]];
    const table = archive();
    /** The titles as a host gives them: where each one's makings are. */
    const order = (texts: readonly string[]) => {
      const makings = table.makingsOf(texts);
      return texts.map((_, at) => ({ makings, at }));
    };
    assert.equal(table.adoptUseOrder(order(sorted.slice(1))), false, 'a title left out');
    assert.equal(table.adoptUseOrder(order([...sorted.slice(0, 3), sorted[2]])), false, 'a title twice');
    assert.equal(table.adoptUseOrder(order([sorted[1], sorted[0], ...sorted.slice(2)])), false, 'two out of order');
    assert.equal(table.adoptUseOrder(order([...sorted.slice(0, 3), 'A title none has'])), false, 'a title the table does not hold');
    assert.deepEqual(table.byUse().map((record) => record.title), sorted, 'sorted');
    const adopting = archive();
    assert.equal(adopting.adoptUseOrder(order(sorted)), true);
    assert.deepEqual(adopting.byUse().map((record) => record.title), sorted);
  });

  test('titles found by their places (a warm start\'s restore) while other readouts come and go: the same titles, readouts and answers as linked by their text', () => {
    // A host's titles, numbered: those of readouts it restores are linked by their places.
    const pool = ['Readout of a Call', 'Readout of a Call with Prime Minister Støre', 'Statement on Union Jobs', 'Remarks on the Economy', 'Call with Prime Minister Kishida'];
    const makings = filled(pool).makingsOf(pool);
    const restoredStep = fc.record({ uri: fc.nat(12), title: fc.oneof(fc.constantFrom(...pool), title), date: fc.constantFrom(...DATES), restored: fc.boolean() });
    const steps = fc.array(fc.oneof(
      { weight: 5, arbitrary: restoredStep },
      { weight: 1, arbitrary: fc.record({ delete: fc.nat(12) }) },
      { weight: 1, arbitrary: fc.constant('stop reusing' as const) },
      { weight: 1, arbitrary: fc.constant('adopt' as const) },
    ), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(steps, (played) => {
      const restored = new WeakSet<ReadoutEntry>();
      const placed = createWorkspaceIndex({ titlesFromStart: true });
      const byText = createWorkspaceIndex({ titlesFromStart: true });
      placed.titles().reuse((item) => {
        const at = restored.has(item) ? pool.indexOf(item.title!.value) : -1;
        return at === -1 ? undefined : { makings, at, place: at };
      });
      for (const one of played) {
        if (one === 'stop reusing') placed.titles().reuse(undefined);
        else if (one === 'adopt') {
          // The order the host saved: its titles by use, each by its place.
          const saved = byText.titles().byUse().map((record) => ({ makings, at: pool.indexOf(record.title), place: pool.indexOf(record.title) }));
          if (saved.every((made) => made.at !== -1)) assert.equal(placed.titles().adoptUseOrder(saved), true);
        } else if ('delete' in one) {
          placed.delete(`file:///${one.delete}.md`);
          byText.delete(`file:///${one.delete}.md`);
        } else {
          const item = entry(`file:///${one.uri}.md`, one.title, one.date);
          if (one.restored) restored.add(item);
          // A restore adds, an editor or a file event sets.
          if (!one.restored || !placed.add(item)) placed.set(item);
          byText.set(entry(`file:///${one.uri}.md`, one.title, one.date));
        }
        const records = (index: WorkspaceIndex) => index.titles().byUse().map((record) => `${record.title} ${record.readouts.map((readout) => readout.uri).sort().join(' ')} ${record.latest}`);
        assert.deepEqual(records(placed), records(byText));
        // Some of the titles left to take in by their text, as the server does while idle.
        placed.titles().mapSome(1);
        assert.deepEqual(placed.titles().records().map((record) => record.title).sort(), byText.titles().records().map((record) => record.title).sort());
      }
      const texts = [...pool, 'A title none has'];
      assert.deepEqual(placed.titles().makingsOf(texts).searches, byText.titles().makingsOf(texts).searches);
      assert.deepEqual(createSymbolSearch(placed).search('readout call'), createSymbolSearch(byText).search('readout call'));
    }), { seed: SEED, numRuns: RUNS });
  });

  test("makings pointed to for another title are not taken", () => {
    const before = filled(titles);
    before.signSome(Infinity);
    const makings = before.makingsOf(titles);
    const archive = createWorkspaceIndex({ titlesFromStart: true });
    archive.titles().reuse(() => ({ makings, at: 1 }));
    archive.set(entry('file:///0.md', titles[0], '2023-01-10'));
    archive.set(entry('file:///1.md', titles[1], '2023-01-10'));
    assert.equal(archive.titles().signSome(0), 1);
    assert.deepEqual(archive.titles().signatures(), filled(titles.slice(0, 2)).signatures());
  });

  test('once dropped, the makings are not reused', () => {
    const before = filled(titles);
    before.signSome(Infinity);
    const archive = createWorkspaceIndex({ titlesFromStart: true });
    archive.titles().reuse(madeIn(before.makingsOf(titles)));
    archive.set(entry('file:///0.md', titles[0], '2023-01-10'));
    archive.titles().reuse(undefined);
    archive.set(entry('file:///1.md', titles[1], '2023-01-10'));
    assert.equal(archive.titles().signSome(0), 1);
  });
});

describe('slugs, made while idle or when first looked up', () => {
  const index = () => createWorkspaceIndex({ titlesFromStart: true });
  const titles = ['Call with Prime Minister Kishida', 'Statement on Union Jobs', 'Readout of a Meeting with President Erdoğan'];

  test('none is made as titles come; slugSome makes them in slices and says how many are left', () => {
    const archive = index();
    titles.forEach((text, at) => archive.set(entry(`file:///${at}.md`, text, '2023-01-10')));
    const table = archive.titles();
    assert.equal(table.slugSome(0), 3);
    assert.equal(table.slugSome(2), 1);
    assert.equal(table.slugSome(5), 0);
    archive.set(entry('file:///3.md', 'Remarks on the Economy', '2023-01-10'));
    archive.delete('file:///3.md');
    assert.equal(table.slugSome(0), 0);
  });

  test('a title moved into the place of one that left, before its slug is made, is found', () => {
    const archive = index();
    titles.forEach((text, at) => archive.set(entry(`file:///${at}.md`, text, '2023-01-10')));
    const table = archive.titles();
    table.slugSome(1);
    archive.delete('file:///0.md');
    // The first title's place goes to the last, whose slug is not made: slugSome finds it behind where it got to.
    assert.equal(table.slugSome(0), 2);
    assert.equal(table.slugSome(2), 0);
    assert.equal(table.withSlug('readout-of-a-meeting-with-president-erdogan')?.title, titles[2]);
    assert.equal(table.withSlug('call-with-prime-minister-kishida'), undefined);
  });

  test('two slugs with the same hash: each finds its own title, and a slug no title has finds none', () => {
    // FNV-1a gives "call-5tzx" and "call-k3ad" the same 32 bits.
    const archive = index();
    archive.set(entry('file:///a.md', 'Call 5tzx', '2023-01-10'));
    assert.equal(archive.titles().withSlug('call-k3ad'), undefined);
    archive.set(entry('file:///b.md', 'Call k3ad', '2023-01-10'));
    archive.set(entry('file:///c.md', 'Call k3ad', '2023-01-11'));
    assert.equal(archive.titles().withSlug('call-5tzx')?.title, 'Call 5tzx');
    assert.equal(archive.titles().withSlug('call-k3ad')?.title, 'Call k3ad');
  });

  test('withSlug gives the title with the most readouts, then the most recent, while titles come and go', () => {
    // Titles that share a slug: punctuation and case only.
    const spellings = fc.constantFrom('Call with Kishida', 'Call With Kishida', 'Call — with Kishida!', 'call with kishida.', 'Statement on Jobs', 'Statement: on Jobs');
    const change = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), uri: fc.nat(12), title: spellings, date: fc.constantFrom(...DATES) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), uri: fc.nat(12) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('slug' as const), count: fc.nat(3) }) },
    );
    fc.assert(fc.property(fc.array(change, { minLength: 1, maxLength: 60 }), (steps) => {
      const archive = index();
      play(archive, steps, () => {});
      const bySlug = new Map<string, ReadoutEntry[][]>();
      const byTitle = new Map<string, ReadoutEntry[]>();
      for (const item of archive.entries()) byTitle.set(item.title!.value, [...(byTitle.get(item.title!.value) ?? []), item]);
      for (const readouts of byTitle.values()) bySlug.set(slugify(readouts[0].title!.value), [...(bySlug.get(slugify(readouts[0].title!.value)) ?? []), readouts]);
      const latest = (readouts: readonly ReadoutEntry[]) => readouts.map(entryDate).reduce((a, b) => (b > a ? b : a), '');
      for (const slug of ['call-with-kishida', 'statement-on-jobs']) {
        const best = (bySlug.get(slug) ?? []).sort((a, b) => b.length - a.length || (latest(a) === latest(b) ? 0 : latest(a) > latest(b) ? -1 : 1) || (a[0].title!.value < b[0].title!.value ? -1 : 1))[0];
        assert.equal(archive.titles().withSlug(slug)?.title, best?.[0].title!.value, slug);
      }
    }), { seed: SEED, numRuns: RUNS * 4 });
  });
});

test("the service's idle preparations: the slugs for the slug lookup, the signatures for the symbol search, the titles restored by their places for the lookup by title, each counting what is left", () => {
  const archive = createWorkspaceIndex({ titlesFromStart: true });
  const readouts = service({ index: archive });
  const titles = ['Call with Prime Minister Kishida', 'Statement on Union Jobs'];
  const makings = createWorkspaceIndex().titles().makingsOf(titles);
  archive.titles().reuse((item) => ({ makings, at: titles.indexOf(item.title!.value), place: titles.indexOf(item.title!.value) }));
  titles.forEach((text, at) => archive.add(entry(`file:///${at}.md`, text, '2023-01-10')));
  archive.titles().reuse(undefined);
  assert.equal(readouts.prepareSlugLookup(1), 1);
  assert.equal(archive.titles().signSome(0), 2);
  assert.equal(readouts.prepareSymbolSearch(2), 0);
  assert.equal(readouts.prepareSlugLookup(1), 0);
  assert.equal(readouts.prepareTitleLookup(1), 1);
  assert.equal(readouts.prepareTitleLookup(1), 0);
  // Taken in by their text: a readout of one of them set by an editor joins its record.
  archive.set(entry('file:///2.md', titles[1], '2023-01-11'));
  assert.deepEqual(archive.titles().records().map((record) => record.readouts.length), [1, 2]);
});

describe('the use order while a person types', () => {
  test('kept up to date while titles are completed letter by letter, not dropped and sorted afresh after a thousand changes', () => {
    const index = createWorkspaceIndex({ titlesFromStart: true });
    for (let at = 0; at < 300; at++) index.set(entry(`file:///${at}.md`, `Readout of a Call number ${at}`, '2023-01-10'));
    const catalog = createCompletionMemo().titles(index);
    // Long enough that the needle narrows for more than a thousand changes in a row.
    const typed = `Readout of a Call with ${'the Prime Minister of a Country '.repeat(25)}`;
    // A walk through the titles in use order, which sorts them once.
    catalog.ranked(searchWords('zz'), 20, 'file:///typed.md');
    const order = index.titles().byUse();
    // Each letter changes the typed readout's title (one title leaves, another comes); a
    // completion at each narrows what the letters before found.
    for (let length = 1; length <= typed.length; length++) {
      index.set(entry('file:///typed.md', typed.slice(0, length), '2023-01-10'));
      catalog.ranked(searchWords(typed.slice(0, length)), 20, 'file:///typed.md');
    }
    assert.equal(index.titles().byUse(), order);
  });

  test('the common openings are not learned afresh while a person types one title, however long', () => {
    const index = createWorkspaceIndex({ titlesFromStart: true });
    for (let at = 0; at < 300; at++) index.set(entry(`file:///${at}.md`, `Readout of President Joe Biden’s Call with Prime Minister ${at}`, '2023-01-10'));
    const catalog = createCompletionMemo().titles(index);
    const openings = catalog.openings();
    assert.ok(openings.length > 0);
    // Each letter adds a title and takes the one before away: more additions than the table's journal holds.
    const typed = `Statement on ${'the Prime Minister of a Country '.repeat(100)}`;
    for (let length = 1; length <= typed.length; length++) {
      index.set(entry('file:///typed.md', typed.slice(0, length), '2023-01-10'));
      // Asked at each letter, as completion does: within what the journal holds, and beyond.
      assert.equal(catalog.openings(), openings, `after ${length} letters`);
    }
  });
});

