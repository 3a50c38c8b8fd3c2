// The index's lookups as entries come, change and go: tag counts (a readout counts once for each
// tag it has, however often it lists it; few tags are looked through in place, many through a set),
// and the readouts of a source_url (one kept as itself, several as a set; taken in when next asked for).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { IndexedValue, ReadoutEntry } from '../../server/src/core/readoutEntry';
import { uriKey } from '../../server/src/core/uriKey';
import { createWorkspaceIndex } from '../../server/src/core/workspaceIndex';

const value = (text: string): IndexedValue => ({ value: text, range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } } });
const entry = (uri: string, tags: readonly string[], url?: string): ReadoutEntry => ({ uri, title: undefined, tags: tags.map(value), sourceUrl: url === undefined ? undefined : value(url), date: undefined, publishedTime: undefined });
const counts = (index: ReturnType<typeof createWorkspaceIndex>) => Object.fromEntries([...index.tagCounts()].sort());

describe('tag counts', () => {
  test('a tag listed twice in one readout counts once, and leaves with it', () => {
    const index = createWorkspaceIndex();
    index.set(entry('file:///a.md', ['Economy', 'Trade', 'Economy']));
    index.set(entry('file:///b.md', ['Economy']));
    assert.deepEqual(counts(index), { Economy: 2, Trade: 1 });
    index.set(entry('file:///a.md', ['Trade', 'Trade']));
    assert.deepEqual(counts(index), { Economy: 1, Trade: 1 });
    index.delete('file:///a.md');
    index.delete('file:///b.md');
    assert.deepEqual(counts(index), {});
  });

  test('a readout with many tags, some repeated, counts each once', () => {
    const index = createWorkspaceIndex();
    const many = Array.from({ length: 40 }, (_, at) => `Tag ${at % 25}`);
    index.set(entry('file:///many.md', many));
    index.set(entry('file:///few.md', ['Tag 3', 'Tag 3']));
    assert.deepEqual(counts(index), Object.fromEntries(Array.from({ length: 25 }, (_, at) => [`Tag ${at}`, at === 3 ? 2 : 1]).sort()));
    index.delete('file:///many.md');
    assert.deepEqual(counts(index), { 'Tag 3': 1 });
  });
});

test('the readouts of a source_url, in the order they came, as one comes after another and they go', () => {
  const index = createWorkspaceIndex();
  const url = 'https://www.whitehouse.gov/briefing-room/statements-releases/2023/03/01/readout/';
  const uris = (of: string) => index.withSourceUrl(of).map((one) => one.uri);
  assert.deepEqual(uris(url), []);
  index.set(entry('file:///a.md', [], url));
  index.set(entry('file:///a.md', ['Tag'], url));
  assert.deepEqual(uris(url), ['file:///a.md']);
  index.set(entry('file:///b.md', [], url));
  index.set(entry('file:///c.md', [], url));
  assert.deepEqual(uris(url), ['file:///a.md', 'file:///b.md', 'file:///c.md']);
  index.delete('file:///a.md');
  assert.deepEqual(uris(url), ['file:///b.md', 'file:///c.md']);
  index.set(entry('file:///b.md', [], `${url}other/`));
  assert.deepEqual(uris(url), ['file:///c.md']);
  assert.deepEqual(uris(`${url}other/`), ['file:///b.md']);
  index.delete('file:///c.md');
  assert.deepEqual(uris(url), []);
  index.set(entry('file:///a.md', [], url));
  assert.deepEqual(uris(url), ['file:///a.md']);
});

test('readouts that came, changed and went before the URLs were first asked for are found as they are', () => {
  const index = createWorkspaceIndex();
  const url = 'https://www.whitehouse.gov/briefing-room/statements-releases/2023/03/01/readout/';
  const uris = (of: string) => index.withSourceUrl(of).map((one) => one.uri);
  for (const name of ['a', 'b', 'c', 'd']) index.set(entry(`file:///${name}.md`, [], url));
  // Changed, deleted, and changed back, none asked for in between.
  index.set(entry('file:///b.md', [], `${url}other/`));
  index.delete('file:///c.md');
  index.set(entry('file:///d.md', ['Tag'], `${url}other/`));
  index.set(entry('file:///d.md', [], url));
  assert.deepEqual(uris(url), ['file:///a.md', 'file:///d.md']);
  assert.deepEqual(uris(`${url}other/`), ['file:///b.md']);
});

test('readouts taken into the source_url lookup a few at a time, as a host does while idle, then the rest when asked', () => {
  const index = createWorkspaceIndex();
  const url = (n: number) => `https://www.whitehouse.gov/briefing-room/statements-releases/2023/03/0${n % 3}/readout/`;
  for (let n = 0; n < 9; n++) index.set(entry(`file:///${n}.md`, [], url(n)));
  assert.equal(index.linkSourceUrls(4), 5);
  // One taken in and one not yet, each replaced and deleted after.
  index.set(entry('file:///1.md', [], url(2)));
  index.delete('file:///2.md');
  index.delete('file:///7.md');
  assert.equal(index.linkSourceUrls(100), 0);
  assert.equal(index.linkSourceUrls(100), 0);
  const uris = (n: number) => index.withSourceUrl(url(n)).map((one) => one.uri).sort();
  assert.deepEqual([uris(0), uris(1), uris(2)], [['file:///0.md', 'file:///3.md', 'file:///6.md'], ['file:///4.md'], ['file:///1.md', 'file:///5.md', 'file:///8.md']]);
});

test('add takes the entry of a uri the index holds none for, and leaves one it holds as it is', () => {
  const index = createWorkspaceIndex({ titlesFromStart: true });
  const url = 'https://www.whitehouse.gov/briefing-room/statements-releases/2023/03/01/readout/';
  const held = { ...entry('file:///a.md', ['Economy'], url), title: value('Readout of a Call') };
  index.set(held);
  assert.equal(index.add({ ...entry('file:///a.md', ['Trade'], url), title: value('Readout of Another Call') }), false);
  assert.equal(index.get('file:///a.md'), held);
  assert.equal(index.add({ ...entry('file:///b.md', ['Trade'], url), title: value('Readout of a Call') }), true);
  assert.equal(index.size, 2);
  assert.deepEqual(counts(index), { Economy: 1, Trade: 1 });
  assert.deepEqual(index.withSourceUrl(url).map((one) => one.uri), ['file:///a.md', 'file:///b.md']);
  assert.deepEqual(index.titles().records().map((record) => [record.title, record.readouts.map((one) => one.uri)]), [['Readout of a Call', ['file:///a.md', 'file:///b.md']]]);
});

describe('readouts by uri, looked up by their uri\'s key (uriKey), however many uris share one', () => {
  // Two pairs of uris that share a key, found by trying uris in turn.
  const shared = ['file:///archive/65599.md', 'file:///archive/103062.md'];
  const alsoShared = ['file:///archive/33921.md', 'file:///archive/109198.md'];
  const uris = [...shared, ...alsoShared, 'file:///archive/a.md', 'file:///archive/b.md'];

  test('the uris sharing a key do share one, and a key is a small integer the same for the same text', () => {
    assert.equal(uriKey(shared[0]), uriKey(shared[1]));
    assert.equal(uriKey(alsoShared[0]), uriKey(alsoShared[1]));
    assert.notEqual(uriKey(shared[0]), uriKey(alsoShared[0]));
    for (const uri of [...uris, '', 'file:///é’ж.md', 'x']) {
      assert.equal(uriKey(uri), uriKey(` ${uri}`.slice(1)));
      assert.ok(Number.isInteger(uriKey(uri)) && uriKey(uri) >= 0 && uriKey(uri) < 2 ** 30);
    }
  });

  test('set, add, get and delete, as a map of the uris would, whatever the keys they share (fast-check)', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), uri: fc.constantFrom(...uris), tag: fc.constantFrom('A', 'B') }),
      fc.record({ kind: fc.constant('add' as const), uri: fc.constantFrom(...uris), tag: fc.constantFrom('A', 'B') }),
      fc.record({ kind: fc.constant('delete' as const), uri: fc.constantFrom(...uris) }),
    );
    fc.assert(fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
      const index = createWorkspaceIndex();
      const expected = new Map<string, ReadoutEntry>();
      for (const one of steps) {
        if (one.kind === 'delete') assert.equal(index.delete(one.uri), expected.delete(one.uri));
        else {
          const made = entry(one.uri, [one.tag]);
          if (one.kind === 'set') {
            index.set(made);
            // An entry of the same values is kept as it was.
            if (expected.get(one.uri)?.tags[0].value !== one.tag) expected.set(one.uri, made);
          } else {
            assert.equal(index.add(made, uriKey(one.uri)), !expected.has(one.uri));
            if (!expected.has(one.uri)) expected.set(one.uri, made);
          }
        }
        assert.equal(index.size, expected.size);
        for (const uri of uris) assert.equal(index.get(uri), expected.get(uri));
        assert.deepEqual(new Set(index.entries()), new Set(expected.values()));
        assert.deepEqual(counts(index), Object.fromEntries([...[...expected.values()].reduce((tags, one) => tags.set(one.tags[0].value, (tags.get(one.tags[0].value) ?? 0) + 1), new Map<string, number>())].sort()));
      }
    }), { seed: 20261205, numRuns: 300 });
  });
});

test('a readout that tells whether it follows the layout (a saved index kept it) is counted without being classified again; the others are classified', () => {
  const index = createWorkspaceIndex();
  const classified: string[] = [];
  index.classifyLayout((one) => {
    classified.push(one.uri);
    return one.uri.includes('/kept/');
  });
  index.add({ ...entry('file:///told-yes.md', []), followsLayout: true });
  index.add({ ...entry('file:///told-no.md', []), followsLayout: false });
  index.set(entry('file:///kept/a.md', []));
  index.set(entry('file:///elsewhere/b.md', []));
  assert.deepEqual(index.layoutCounts(), { following: 2, readouts: 4 });
  // Kept up to date as they come and go.
  index.add({ ...entry('file:///told-later.md', []), followsLayout: true });
  index.delete('file:///told-no.md');
  assert.deepEqual(index.layoutCounts(), { following: 3, readouts: 4 });
  assert.deepEqual(classified.sort(), ['file:///elsewhere/b.md', 'file:///kept/a.md']);
  assert.equal(index.followsLayout(entry('file:///kept/c.md', [])), true);
});

test('the readouts of a source_url are those of that very URL, when another URL shares its key; a key kept with a readout is taken as is', () => {
  // Two texts that share a key (see above), as URLs.
  const [url, other] = ['file:///archive/65599.md', 'file:///archive/103062.md'];
  assert.equal(uriKey(url), uriKey(other));
  const index = createWorkspaceIndex();
  index.set(entry('file:///a.md', [], url));
  index.set(entry('file:///b.md', [], other));
  index.add({ ...entry('file:///c.md', [], url), sourceUrlKey: uriKey(url) });
  const uris = (of: string) => index.withSourceUrl(of).map((one) => one.uri);
  assert.deepEqual(uris(url), ['file:///a.md', 'file:///c.md']);
  assert.deepEqual(uris(other), ['file:///b.md']);
  index.delete('file:///a.md');
  index.delete('file:///c.md');
  assert.deepEqual(uris(url), []);
  assert.deepEqual(uris(other), ['file:///b.md']);
});

test('the layout verdicts restored readouts bring stand for the classifier in force when they came, not for one set after (the URL forms changed)', () => {
  const index = createWorkspaceIndex();
  index.classifyLayout(() => false);
  index.add({ ...entry('file:///kept/a.md', []), followsLayout: true });
  index.add({ ...entry('file:///elsewhere/b.md', []), followsLayout: false });
  assert.deepEqual(index.layoutCounts(), { following: 1, readouts: 2 });
  index.classifyLayout((one) => one.uri.includes('/elsewhere/'));
  assert.deepEqual(index.layoutCounts(), { following: 1, readouts: 2 });
  assert.equal(index.followsLayout(index.get('file:///kept/a.md')!), false);
  assert.equal(index.followsLayout(index.get('file:///elsewhere/b.md')!), true);
});
