// Documents built to stall a check (issue 12, sections 2 and 3), each asked every question the
// service answers, in a child process with a time limit: a check that hangs or a parser that
// recurses until V8 aborts fails its test instead of the run. The limit is a hang guard, far
// above the target (250 ms a document, measured by `npm run bench`).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DIAGNOSTICS_PER_CODE } from '../../server/src/core/diagnostics';
import { atTheLimit, deeplyNested, hostileDocuments, NESTING_INDICATORS, NESTING_SEPARATORS } from '../hostile';
import type { Answers, BriefSymbol } from './hostileChild';

const CHILD = path.join(__dirname, 'hostileChild.ts');
const HANG_GUARD_MS = 60_000;

/** What the service answers about each text, asked in a child process that must finish in time and print nothing else. */
function ask(texts: readonly string[]): Answers[] {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD], {
    input: JSON.stringify(texts), encoding: 'utf8', timeout: HANG_GUARD_MS, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(child.signal, null, `the checks did not finish within ${HANG_GUARD_MS / 1000} s (killed by ${child.signal})`);
  // The parser never warns on the console: a host shows the server's stderr as errors.
  assert.equal(child.stderr, '');
  assert.equal(child.status, 0);
  return JSON.parse(child.stdout) as Answers[];
}

function askOne(text: string): Answers {
  return ask([text])[0];
}

const byName = (name: string) => [...hostileDocuments(), ...atTheLimit()].find((document) => document.name === name)!.text;

function codes(answers: Answers): string[] {
  return answers.diagnostics.map((d) => d.code);
}

/** Every symbol's range holds its selection, and every name is short: none is built from a collection. */
function assertSymbols(symbols: readonly BriefSymbol[]): void {
  for (const symbol of symbols) {
    assert.ok(symbol.span[0] <= symbol.selectionSpan[0] && symbol.selectionSpan[1] <= symbol.span[1], JSON.stringify(symbol).slice(0, 300));
    assert.ok(symbol.name.length <= 100, `a symbol named ${symbol.name.length} characters long`);
    assertSymbols(symbol.children);
  }
}

/**
 * One mistake made again and again: the first 100 are reported, each on its own characters, then
 * one diagnostic of the same code on the 101st says how many more there are; fixes come only with
 * the reported ones.
 */
function assertCapped(text: string, answers: Answers, code: string, total: number): void {
  const found = answers.diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, MAX_DIAGNOSTICS_PER_CODE + 1, `${found.length} ${code}`);
  const summary = found.at(-1)!;
  assert.equal(summary.message, `And ${(total - MAX_DIAGNOSTICS_PER_CODE).toLocaleString('en-US')} more ${code} problems from here on, not listed one by one.`);
  assert.equal(summary.fixes, 0);
  assert.ok(found.slice(0, -1).every((d) => d.start <= summary.start && d.end <= text.length));
  assert.ok(answers.codeActions <= answers.diagnostics.reduce((sum, d) => sum + d.fixes, 0));
}

function assertBounded(answers: Answers): void {
  assertSymbols(answers.symbols);
  assert.ok(answers.preview.html < 200_000, `a preview of ${answers.preview.html} characters`);
  assert.ok(answers.preview.problems <= answers.diagnostics.length);
}

describe('hostile documents: every check answers, in bounded time and output', () => {
  // The key marked: after the explicit key's `?`, before the implicit key's colon.
  const collectionKeys: [string, (line: string) => string][] = [
    ['`? ` ×27 (complex keys)', (line) => line.slice('? '.length)],
    ['`{`×26 `a` `}`×26 `: 1`', (line) => line.slice(0, -': 1'.length)],
  ];
  for (const [name, key] of collectionKeys) {
    test(`${name}: the collection used as a key is one yaml-syntax error on it, never turned into text`, () => {
      const text = byName(name);
      const answers = askOne(text);
      assert.deepEqual(codes(answers), ['yaml-syntax']);
      const [error] = answers.diagnostics;
      const line = text.slice(text.lastIndexOf('\n', error.start) + 1, text.indexOf('\n', error.start));
      assert.equal(text.slice(error.start, error.end), key(line));
      assert.match(error.message, /^A key must be text, not a list or a set of fields/);
      assertBounded(answers);
      assert.ok(answers.hovers.every((hover) => hover === null));
    });
  }

  test('a title with 2,000 doubled spaces: 100 reported, then one for the other 1,900', () => {
    const text = byName('a title with 2,000 doubled spaces');
    const answers = askOne(text);
    assertCapped(text, answers, 'title-whitespace', 2_000);
    const doubled = [...text.matchAll(/a {2}/g)].map((match) => match.index + 1);
    const found = answers.diagnostics.filter((d) => d.code === 'title-whitespace');
    assert.deepEqual(found.slice(0, -1).map((d) => [d.start, d.end]), doubled.slice(0, 100).map((at) => [at, at + 2]));
    assert.deepEqual([found[100].start, found[100].end], [doubled[100], doubled[100] + 2]);
    assertBounded(answers);
  });

  test('a 20 KB title with 2,000 `\\_` escapes: each doubled space marked on its escape and space', () => {
    const text = byName('a 20 KB title with 2,000 `\\_` escapes');
    const answers = askOne(text);
    // And the space it ends with.
    assertCapped(text, answers, 'title-whitespace', 2_001);
    const first = answers.diagnostics.find((d) => d.code === 'title-whitespace')!;
    assert.equal(text.slice(first.start, first.end), '\\_ ');
    assertBounded(answers);
  });

  for (const name of ['a 990 KB title with 99,000 `\\_` escapes', '100,000 duplicate keys', '100,000 unknown keys', '16,000 misspelt tags']) {
    test(`${name}: refused as too large, on the opening line`, () => {
      const answers = askOne(byName(name));
      assert.deepEqual(answers.diagnostics.map((d) => [d.code, d.start, d.end]), [['front-matter-too-large', 0, 3]]);
      assertBounded(answers);
    });
  }

  test('a title of doubled spaces up to the size limit: every one checked, 100 reported', () => {
    const text = byName('a title of doubled spaces up to the limit');
    assertCapped(text, askOne(text), 'title-whitespace', [...text.matchAll(/a {2}/g)].length);
  });

  test('duplicate keys up to the size limit: 100 reported with a fix each, then how many more', () => {
    const text = byName('duplicate keys up to the limit');
    const answers = askOne(text);
    assertCapped(text, answers, 'duplicate-key', [...text.matchAll(/^title: /gm)].length - 1);
    assert.ok(answers.diagnostics.filter((d) => d.code === 'duplicate-key').slice(0, -1).every((d) => d.fixes === 1));
    assertBounded(answers);
  });

  test('unknown keys up to the size limit: 100 reported, then how many more', () => {
    const text = byName('unknown keys up to the limit');
    const answers = askOne(text);
    assertCapped(text, answers, 'unknown-field', [...text.matchAll(/^k[0-9a-z]+: 1$/gm)].length);
    assertBounded(answers);
  });

  test('misspelt tags up to the size limit: 100 reported with their fix, then how many more', () => {
    const text = byName('misspelt tags up to the limit');
    const answers = askOne(text);
    assertCapped(text, answers, 'unknown-value', [...text.matchAll(/^- statement-releases$/gm)].length);
    assert.ok(answers.fixAll !== null);
    assertBounded(answers);
  });
});

describe('the nesting guard counts nesting as YAML does', () => {
  // `-`, `?` and `:` followed by a space, a tab or a line break (the next level indented one more):
  // parsed, each would make the yaml package recurse, and from a few thousand levels abort V8.
  for (const indicator of NESTING_INDICATORS) {
    for (const separator of NESTING_SEPARATORS) {
      test(`${JSON.stringify(`${indicator}${separator}`)} nested 210 to 20,000 levels: refused on the opening line, nothing parsed`, () => {
        // A level per line takes the depth's square in indentation: from about 250 levels it is over the size limit.
        const depths = separator === '\n' ? [210, 1_000] : [210, 1_000, 5_000, 20_000];
        const answers = ask(depths.map((depth) => deeplyNested(indicator, separator, depth)));
        answers.forEach((answer, index) => {
          assert.deepEqual(answer.diagnostics.map((d) => [d.code, d.start, d.end]), [['front-matter-too-large', 0, 3]], `at depth ${depths[index]}`);
          assertBounded(answer);
        });
        // Within the size limit it is the depth that is refused.
        assert.match(answers[0].diagnostics[0].message, /more than 200 levels deep/);
      });
    }
  }

  test('nesting within the bound, with tabs, is parsed and checked', () => {
    const answers = ask([deeplyNested('-', '\t', 150), deeplyNested('-', ' ', 150)]);
    for (const answer of answers) assert.ok(!codes(answer).includes('front-matter-too-large'), codes(answer).join(', '));
  });
});
