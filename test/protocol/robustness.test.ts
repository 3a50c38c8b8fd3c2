// Hostile or odd documents over the wire: the server answers each, stays up, and never points outside the text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CodeActionKind, MessageType, type Diagnostic } from 'vscode-languageserver-protocol';
import { atTheLimit, deeplyNested, hostileDocuments, NESTING_INDICATORS } from '../hostile';
import { MISSPELT_TAG, REFERENCE } from './fixtures';
import { LspClient } from './lspClient';
import { isInside, positionAt, rangeOf } from './textEdits';

/** Bytes 0-255 in a scrambled order, read as Latin-1: NULs, lone CRs, control characters. */
function binaryJunk(length: number): string {
  return Array.from({ length }, (_, index) => String.fromCharCode((index * 7919 + 13) % 256)).join('');
}

/** The opening of a readout's front matter: `published_time` makes it one, whatever follows. */
const OPENING = "---\ndate: '2023-01-10'\npublished_time: 2023-01-10 12:54:40-05:00\n";

/** Each level is nine aliases of the one before: 9^depth values once expanded. */
function aliasBomb(depth: number): string {
  const names = Array.from({ length: depth }, (_, index) => `l${index}`);
  const levels = names.map((name, index) =>
    `${name}: &${name} [${Array(9).fill(index === 0 ? 'x' : `*${names[index - 1]}`).join(',')}]\n`);
  return `${OPENING}${levels.join('')}---\nBody.\n`;
}

const FIVE_MB = 5 * 1024 * 1024;
/** The reference with a misspelt tag and a body padded to 5 MB with 72-column lines. */
const HUGE = MISSPELT_TAG + `${'x'.repeat(71)}\n`.repeat(Math.ceil(FIVE_MB / 72));

describe('robustness', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start(); });
  after(async () => { await client.shutdown(); });

  /**
   * Opens `text`, checks its publish and that every range lies inside it, then checks that the
   * server still answers requests about it.
   */
  async function openSafely(name: string, text: string): Promise<Diagnostic[]> {
    const document = `file:///readouts/${name}`;
    client.open(document, text, 'markdown');
    const { diagnostics } = await client.nextDiagnostics(document, 1);
    for (const { range } of diagnostics) {
      assert.ok(isInside(text, range.start) && isInside(text, range.end), `range ${JSON.stringify(range)} is outside the text`);
      assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character));
    }
    const end = positionAt(text, text.length);
    await client.hover(document, end);
    await client.codeActions(document, { start: { line: 0, character: 0 }, end }, { diagnostics });
    // A check that threw is logged and published as an empty list: that too is a failure.
    assert.deepEqual(client.logMessages.filter((log) => log.type === MessageType.Error), []);
    return diagnostics;
  }

  test('binary junk: not a readout, no diagnostics', async () => {
    assert.deepEqual(await openSafely('junk.md', binaryJunk(64 * 1024)), []);
  });

  test('binary junk and lone surrogates inside a readout front matter: YAML errors inside the block', async () => {
    const text = `${OPENING}${binaryJunk(4096)}\ntitle: "\uD800 \uDFFF"\n---\nBody.\n`;
    const diagnostics = await openSafely('junk-front-matter.md', text);
    assert.ok(diagnostics.length > 0);
    const closing = positionAt(text, text.lastIndexOf('\n---\n') + 1);
    assert.ok(diagnostics.every(({ range }) => range.end.line <= closing.line), JSON.stringify(diagnostics));
  });

  test('a 5 MB document: its one mistake, at its place', async () => {
    assert.ok(HUGE.length >= FIVE_MB);
    const diagnostics = await openSafely('huge.md', HUGE);
    assert.deepEqual(diagnostics.map(({ code, range }) => ({ code, range })), [{ code: 'unknown-value', range: rangeOf(HUGE, 'statement-releases') }]);
  });

  test('a 5 MB front matter: one error on the opening line, without parsing it', async () => {
    const text = `${OPENING}title: "${'y'.repeat(FIVE_MB)}"\n---\nBody.\n`;
    const diagnostics = await openSafely('huge-front-matter.md', text);
    assert.deepEqual(diagnostics.map(({ code, range }) => ({ code, range })), [{ code: 'front-matter-too-large', range: rangeOf(text, '---') }]);
  });

  test('front matter nested 1,000 to 100,000 levels deep: one error on the opening line each time, and the server stays up', async () => {
    // Parsed, nesting this deep could abort the whole process once the parser was warm.
    for (const depth of [1_000, 10_000, 100_000]) {
      const text = `${OPENING}title: ${'['.repeat(depth)}${']'.repeat(depth)}\n---\nBody.\n`;
      const diagnostics = await openSafely(`nested-${depth}.md`, text);
      assert.deepEqual(diagnostics.map(({ code, range }) => ({ code, range })), [{ code: 'front-matter-too-large', range: rangeOf(text, '---') }]);
      // Completion parses each field on its own: it must answer too.
      await client.completion(`file:///readouts/nested-${depth}.md`, positionAt(text, text.indexOf('title')));
    }
    // Still up and checking: a readout opened afterwards gets its one mistake.
    const after = await openSafely('after-nested.md', MISSPELT_TAG);
    assert.deepEqual(after.map(({ code, range }) => ({ code, range })), [{ code: 'unknown-value', range: rangeOf(MISSPELT_TAG, 'statement-releases') }]);
  });

  test('the documents built to stall a check: each answered, at most 101 diagnostics of a code, nothing printed', async () => {
    for (const [index, { name, text }] of [...hostileDocuments(), ...atTheLimit()].entries()) {
      // Each wait is bounded (lspClient's timeout): a check that took seconds fails here.
      const diagnostics = await openSafely(`hostile-${index}.md`, text);
      const perCode = new Map<string, number>();
      for (const { code } of diagnostics) perCode.set(String(code), (perCode.get(String(code)) ?? 0) + 1);
      assert.ok([...perCode.values()].every((count) => count <= 101), `${name}: ${JSON.stringify([...perCode])}`);
      const capped = diagnostics.filter(({ message }) => /^And [\d,]+ more [a-z-]+ problems from here on, not listed one by one\.$/.test(String(message)));
      assert.deepEqual(capped.map(({ code }) => code), [...perCode].filter(([, count]) => count === 101).map(([code]) => code), name);
      const document = `file:///readouts/hostile-${index}.md`;
      await client.documentSymbols(document);
      await client.completion(document, positionAt(text, text.indexOf('\n---\n')));
    }
    // The yaml package warns on the console about a collection used as a key: it must never get the chance.
    assert.doesNotMatch(client.stderrOutput, /Warning|stringified/);
  });

  test('nesting with tabs after each indicator, 1,000 to 20,000 levels: one error on the opening line, and the server stays up', async () => {
    for (const indicator of NESTING_INDICATORS) {
      for (const depth of [1_000, 20_000]) {
        const text = deeplyNested(indicator, '\t', depth);
        const diagnostics = await openSafely(`nested-tabs-${indicator === '?' ? 'q' : indicator === ':' ? 'colon' : 'dash'}-${depth}.md`, text);
        assert.deepEqual(diagnostics.map(({ code, range }) => ({ code, range })), [{ code: 'front-matter-too-large', range: rangeOf(text, '---') }]);
      }
    }
    assert.doesNotMatch(client.stderrOutput, /Maximum call stack|Invalid string length/);
  });

  test('a lone ---, with and without a line break: no diagnostics', async () => {
    assert.deepEqual(await openSafely('lone-dashes.md', '---'), []);
    assert.deepEqual(await openSafely('lone-dashes-newline.md', '---\n'), []);
  });

  test('an unclosed front matter: one error on the opening line', async () => {
    const text = OPENING;
    const diagnostics = await openSafely('unclosed.md', text);
    assert.deepEqual(diagnostics.map(({ code, range }) => ({ code, range })), [{ code: 'front-matter-unclosed', range: rangeOf(text, '---') }]);
  });

  test('an alias bomb (9^9 values): one YAML error, answered without expanding it', async () => {
    const text = aliasBomb(9);
    const diagnostics = await openSafely('alias-bomb.md', text);
    assert.deepEqual(diagnostics.map(({ code }) => code), ['yaml-syntax']);
    const { message } = diagnostics[0];
    assert.ok(typeof message === 'string' && /^The front matter could not be read: .*write the values out\.$/.test(message), JSON.stringify(message));
  });

  test('requests about a document that was never opened: empty answers', async () => {
    const document = 'file:///readouts/never-opened.md';
    const start = { line: 0, character: 0 };
    assert.equal(await client.hover(document, start), null);
    assert.deepEqual(await client.codeActions(document, { start, end: start }, { diagnostics: [], only: [CodeActionKind.SourceFixAll] }), []);
  });

  test('the reference readout still checks clean afterwards', async () => {
    assert.deepEqual(await openSafely('after.md', REFERENCE), []);
  });
});
