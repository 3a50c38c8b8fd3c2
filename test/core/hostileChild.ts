// Asks the service everything about each document of the JSON array read from stdin, and prints
// what it answered, in brief, as JSON. hostile.test.ts runs it in a child process with a time
// limit, so that a check that hangs (or a parser that recurses until V8 aborts) fails one test
// instead of stalling or killing the whole run.
import { readFileSync } from 'node:fs';
import { compileBuiltinSchema } from '../../server/src/core/builtinSchema';
import { createReadoutService } from '../../server/src/core/languageService';
import type { DocumentSymbol } from '../../server/src/core/outline';

export interface BriefSymbol {
  readonly name: string;
  readonly span: readonly [number, number];
  readonly selectionSpan: readonly [number, number];
  readonly children: readonly BriefSymbol[];
}

export interface Answers {
  readonly diagnostics: readonly { code: string; message: string; start: number; end: number; fixes: number }[];
  readonly codeActions: number;
  readonly fixAll: { readonly start: number; readonly end: number } | null;
  readonly hovers: readonly (string | null)[];
  readonly symbols: readonly BriefSymbol[];
  readonly completions: readonly number[];
  readonly preview: { readonly html: number; readonly problems: number };
  /** Milliseconds the diagnostics took (what the server does on each keystroke), and all of the above. */
  readonly diagnoseMs: number;
  readonly allMs: number;
}

function brief(symbol: DocumentSymbol): BriefSymbol {
  return {
    name: symbol.name,
    span: [symbol.span.start, symbol.span.end],
    selectionSpan: [symbol.selectionSpan.start, symbol.selectionSpan.end],
    children: symbol.children.map(brief),
  };
}

const service = createReadoutService({ schema: compileBuiltinSchema() });
const texts = JSON.parse(readFileSync(0, 'utf8')) as string[];
const answers: Answers[] = texts.map((text) => {
  const document = { text, uri: 'file:///archive/hostile.md' };
  const offsets = [0, 10, Math.floor(text.length / 2), text.indexOf('\n---\n') - 1, text.length];
  const started = performance.now();
  const diagnostics = service.getDiagnostics(document);
  const diagnosed = performance.now();
  const answer = {
    diagnostics: diagnostics.map((d) => ({ code: d.code, message: d.message, start: d.span.start, end: d.span.end, fixes: d.fixes.length })),
    codeActions: service.getCodeActions(document, { start: 0, end: text.length }).length,
    fixAll: ((edit) => (edit ? { start: edit.span.start, end: edit.span.end } : null))(service.getFixAllEdit(document)),
    hovers: offsets.map((offset) => service.getHover(document, offset)?.contents ?? null),
    symbols: service.getDocumentSymbols(document).map(brief),
    completions: offsets.map((offset) => service.getCompletions(document, offset).items.length),
    preview: ((preview) => ({ html: preview.html.length, problems: preview.problems.length }))(service.getPreview(document)),
  };
  return { ...answer, diagnoseMs: diagnosed - started, allMs: performance.now() - started };
});
process.stdout.write(JSON.stringify(answers));
