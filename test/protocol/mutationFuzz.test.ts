// Differential fuzz over JSON-RPC (fast-check, fixed seed): readouts mutated as files get damaged
// or half-typed (bytes replaced, lines deleted or repeated, lone surrogates, CR-only line ends,
// truncation at any offset of the front matter), each sent to the built server as a run of
// changes to one document. The server must never exit or answer an internal error, publish for
// the last version last, keep every range inside its document, offer no fix that adds a YAML
// syntax error, and give a fix-all edit that, applied, leaves nothing for a second fix-all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { CodeActionKind, type Diagnostic, type Range } from 'vscode-languageserver-protocol';
import { MISSPELT_TAG, REFERENCE } from './fixtures';
import { LspClient } from './lspClient';
import { applyTextEdits, isInside, positionAt, textEditsFor } from './textEdits';

/** Fixed, so that a failure is reproduced by running the suite again. */
const SEED = 20_261_203;
const NUM_RUNS = 300;
const FRONT_MATTER_END = REFERENCE.indexOf('\n---\n') + '\n---\n'.length;

type Mutation = (text: string) => string;

const lineBounds = (text: string, index: number) => {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const line = Math.min(index % starts.length, starts.length - 1);
  return { start: starts[line], end: line + 1 < starts.length ? starts[line + 1] : text.length };
};

/** One way a file gets damaged or half-typed; positions are taken modulo the text's length. */
const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom('\u0000', '\uFFFD', '"', "'", ':', '-', '[', '{', '#', '\t', '\n', '\r', ' ', '\\', '|', '>', '&', '*', '!', '%', '@', '`', '😀'))
    .map(([at, char]): Mutation => (text) => { const i = at % (text.length + 1); return text.slice(0, i) + char + text.slice(i + 1); }),
  fc.nat().map((at): Mutation => (text) => { const { start, end } = lineBounds(text, at); return text.slice(0, start) + text.slice(end); }),
  fc.nat().map((at): Mutation => (text) => { const { start, end } = lineBounds(text, at); return text.slice(0, end) + text.slice(start, end) + text.slice(end); }),
  fc.tuple(fc.nat(), fc.constantFrom('\uD800', '\uDFFF', '\uDBFF\uDBFF')).map(([at, lone]): Mutation => (text) => { const i = at % (text.length + 1); return text.slice(0, i) + lone + text.slice(i); }),
  fc.constant<Mutation>((text) => text.replace(/\r?\n/g, '\r')),
  fc.nat({ max: FRONT_MATTER_END }).map((at): Mutation => (text) => text.slice(0, Math.min(at, text.length))),
);

/** The texts a document goes through: a readout, then each mutation made on the one before. */
const HISTORY = fc.tuple(fc.constantFrom(REFERENCE, MISSPELT_TAG), fc.array(MUTATION, { minLength: 1, maxLength: 6 }))
  .map(([start, mutations]) => mutations.reduce<string[]>((texts, mutate) => [...texts, mutate(texts.at(-1)!)], [start]));

const yamlSyntaxErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code === 'yaml-syntax' || d.code === 'front-matter-unclosed').length;

function assertInside(text: string, diagnostics: readonly Diagnostic[]): void {
  for (const { range } of diagnostics) {
    assert.ok(isInside(text, range.start) && isInside(text, range.end), `range ${JSON.stringify(range)} outside ${JSON.stringify(text.slice(0, 200))}`);
  }
}

describe(`mutated readouts over JSON-RPC (fast-check, seed ${SEED}, ${NUM_RUNS} runs)`, () => {
  let client: LspClient;
  let documents = 0;
  before(async () => { client = await LspClient.start(); });
  after(async () => { await client.shutdown(); });

  /** Opens `text` as a new document, and returns its diagnostics. */
  async function opened(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = `file:///readouts/fuzz-${documents++}.md`;
    client.open(uri, text, 'markdown');
    return { uri, diagnostics: (await client.nextDiagnostics(uri, 1)).diagnostics };
  }

  test('the server stays up; the last publish is for the last version; ranges inside; no fix adds a syntax error; fix all is done in one go', async () => {
    await fc.assert(fc.asyncProperty(HISTORY, async (texts) => {
      const { uri } = await opened(texts[0]);
      let version = 1;
      for (const text of texts.slice(1)) version = client.change(uri, text);
      const text = texts.at(-1)!;
      const published = await client.nextDiagnostics(uri, version);
      assert.equal(published.version, version);
      assertInside(text, published.diagnostics);

      const whole: Range = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
      const actions = await client.codeActions(uri, whole, { diagnostics: published.diagnostics, only: [CodeActionKind.QuickFix] });
      const before = yamlSyntaxErrors(published.diagnostics);
      // A fix that moves the file (path-mismatch) edits no text.
      for (const action of actions.filter((candidate) => candidate.edit?.changes)) {
        const edits = textEditsFor(action.edit, uri);
        const fixed = await opened(applyTextEdits(text, edits));
        if (published.diagnostics.some((d) => d.code === 'front-matter-unclosed')) {
          // Closing a front matter shows the errors its content already had: it must close it.
          assert.ok(!fixed.diagnostics.some((d) => d.code === 'front-matter-unclosed'), `'${action.title}' left ${JSON.stringify(text.slice(0, 300))} unclosed`);
        } else {
          assert.ok(yamlSyntaxErrors(fixed.diagnostics) <= before, `'${action.title}' added a syntax error to ${JSON.stringify(text.slice(0, 300))}`);
        }
        client.close(fixed.uri);
      }

      const [fixAll] = await client.codeActions(uri, whole, { diagnostics: published.diagnostics, only: ['source.fixAll.readout'] });
      const fixAllEdits = fixAll ? textEditsFor(fixAll.edit, uri) : [];
      if (fixAllEdits.length > 0) {
        const onceText = applyTextEdits(text, fixAllEdits);
        const once = await opened(onceText);
        const endOfOnce: Range = { start: { line: 0, character: 0 }, end: positionAt(onceText, onceText.length) };
        const [again] = await client.codeActions(once.uri, endOfOnce, { diagnostics: once.diagnostics, only: ['source.fixAll.readout'] });
        assert.equal(again, undefined, `fix all left more to fix in ${JSON.stringify(text.slice(0, 300))}`);
        client.close(once.uri);
      }
      client.close(uri);
    }), { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true });
    // Still answering: the reference checks clean.
    assert.deepEqual((await opened(REFERENCE)).diagnostics, []);
  });
});
