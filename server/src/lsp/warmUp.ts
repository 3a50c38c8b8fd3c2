// The first edits of a session would be checked by code V8 has not compiled yet: several times
// slower than the rest (12 ms for the first, 3-6 ms for the next few, where later ones take 1 ms).
// A server that has just started checks a few readouts of its own first (in a workspace with
// folders, once its first scan is over), so that a person's first edits are answered as fast as
// their hundredth; at the end of the first scan it types a title and symbol queries likewise.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { easternClock } from '../core/easternTime';
import type { ReadoutService } from '../core/languageService';
import { newReadoutTemplate } from '../core/newReadoutTemplate';
import { createWorkspaceIndex, type WorkspaceIndex } from '../core/workspaceIndex';
import { createSymbolSearch } from '../core/workspaceSymbols';
import { ruleUrl, toCompletionList, toDiagnostic, toWorkspaceSymbol } from './convert';
import { EVENT_LOOP, whileIdleAfterScan, type Scheduler } from './idleWork';

/**
 * Time enough for V8 to compile the checking path, little enough to go unnoticed at start
 * (measured over stdio in an empty workspace: the first edit 12.2-12.6 ms without, 4.6-5.8 ms with;
 * the first 300 edits' p99 7-9.5 ms without, 5.2-7.5 ms with, on a busy machine).
 */
const WARM_UP_MS = 60;
const URI = 'untitled:readout-warm-up';

/**
 * How long title completion, then the symbol search, are warmed up once the first scan is over,
 * and the readouts the symbol search is warmed up on: enough for V8 to compile its loops, few
 * enough to sign at once (measured over stdio at 50,000 readouts, 3 runs each on a busy machine:
 * the first title completion after the scan 29-33 ms cold, 7-15 ms after; the symbol queries
 * typed after the titles p99 20.9-21.7 ms without the symbol search's warm-up, 12.3-15.6 ms with
 * it; a sample of 200 or 500 readouts did not help).
 */
const TITLE_WARM_UP_MS = 15;
const SYMBOL_WARM_UP_MS = 10;
const SYMBOL_SAMPLE = 1000;

/** Readouts as people write them: the New Readout template as it comes, filled in, and filled in with a misspelt tag. */
function samples(now: Date): string[] {
  const template = newReadoutTemplate(easternClock(now)).text;
  const filled = template
    .replace(/^title: ?.*$/m, "title: Readout of President Joe Biden\u2019s Call with Prime Minister Trudeau of Canada")
    .replace(/^source_url: ?.*$/m, 'source_url: https://www.whitehouse.gov/briefings-statements/2025/01/readout/');
  return [template, filled, filled.replace(/^tags: .*$/m, 'tags: statement-releases')];
}

/** One sample checked as an edit is checked: its index entry, its diagnostics, their LSP form as sent. */
function check(service: ReadoutService, text: string, round: number): void {
  const document = TextDocument.create(URI, 'markdown', round, text);
  service.getEntry({ uri: URI, text });
  JSON.stringify(service.getDiagnostics({ uri: URI, text }).map((diagnostic) => toDiagnostic(document, diagnostic, ruleUrl)));
}

/**
 * Checks the samples over and over for WARM_UP_MS, then collects the garbage of starting up, the
 * warm-up's included, when Node exposes the collector (serverNodeOptions in protocol.ts): left to
 * itself, V8 collected it during the first edits, a pause of 3-6 ms about the 60th (measured over
 * stdio in an empty workspace, 4 runs each: the first 300 edits' p99 5.6-6.6 ms without, 3.7-5.0 ms with).
 */
export function warmUpChecks(service: ReadoutService, now = new Date()): void {
  const texts = samples(now);
  const started = performance.now();
  for (let round = 0; performance.now() - started < WARM_UP_MS; round++) check(service, texts[round % texts.length], round);
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Warms the checks up once a workspace's first scan is over, where at start they would delay the
 * index by WARM_UP_MS: a sample per step of idle work (idleWork.ts), for WARM_UP_MS in all. Edits
 * warm the checks up themselves: once a document has been opened or edited since the scan
 * (`edits` counts them), no more samples.
 */
export function warmUpAfterScan(service: () => ReadoutService, edits: () => number, failed: (error: unknown) => void, now = new Date(), scheduler: Scheduler = EVENT_LOOP): void {
  const texts = samples(now);
  const editsBefore = edits();
  let spent = 0;
  let round = 0;
  whileIdleAfterScan(() => {
    if (edits() !== editsBefore || spent >= WARM_UP_MS) return false;
    const started = performance.now();
    check(service(), texts[round % texts.length], round++);
    spent += performance.now() - started;
    return true;
  }, failed, scheduler);
}

/**
 * A sample readout whose title is `title`, with the offset of the title's end. It has no source_url:
 * the title its slug names is looked up among the slugs of every title, which are made while the
 * server is idle after the scan, not before its end goes out.
 */
function withTitle(filled: string, title: string): { text: string; end: number } {
  const text = filled.replace(/^source_url: .*\n/m, '').replace(/^title: .*$/m, `title: ${title}`);
  return { text, end: text.indexOf(`title: ${title}`) + 'title: '.length + title.length };
}

/**
 * Types a title of the index letter by letter, asking for completion at each as an editor does,
 * for TITLE_WARM_UP_MS. The title typed is the first one offered for an empty title (an opening
 * most titles share, or the most used title), so that the searches find what the archive holds.
 */
export function warmUpTitleSearch(service: ReadoutService, now = new Date()): void {
  const started = performance.now();
  const [, filled] = samples(now);
  const complete = (title: string) => {
    const { text, end } = withTitle(filled, title);
    const list = service.getCompletions({ uri: URI, text }, end);
    JSON.stringify(toCompletionList(TextDocument.create(URI, 'markdown', 0, text), list, true, true));
    return list;
  };
  // A label shows a long title's start and end with " … " between, and an opening with " …" after.
  const typed = complete('').items[0]?.label.split(' …')[0] ?? '';
  for (let letters = 1; letters <= typed.length && performance.now() - started < TITLE_WARM_UP_MS; letters++) complete(typed.slice(0, letters));
}


/**
 * Types the start of titles of the index into a symbol search over a sample of its readouts, for
 * SYMBOL_WARM_UP_MS once the sample is signed: the code is the same as the index's own search,
 * which would first make every title's signature (indexing.ts makes them while idle).
 */
function warmUpSymbolSearch(index: WorkspaceIndex): void {
  const sample = createWorkspaceIndex();
  for (const entry of index.entries()) {
    if (sample.size === SYMBOL_SAMPLE) break;
    sample.set(entry);
  }
  sample.titles().signatures();
  const search = createSymbolSearch(sample);
  const started = performance.now();
  for (const query of typedStarts(sample)) {
    if (performance.now() - started >= SYMBOL_WARM_UP_MS) return;
    JSON.stringify(search.search(query).map(toWorkspaceSymbol));
  }
}

/**
 * Warms up title completion and the symbol search once the workspace's first scan is over, so
 * that the first title and the first query a person types are answered by code V8 has compiled.
 * At once, before the end of the scan goes out (the connection writes it a turn later): the
 * scan's end comes some 50 ms later, and no request after it waits for a warm-up (run a moment
 * after the end instead, it held up a title completion by 30-45 ms).
 */
export function warmUpSearches(service: ReadoutService, index: WorkspaceIndex): void {
  warmUpTitleSearch(service);
  warmUpSymbolSearch(index);
}

/** The first 16 characters of each readout's title, typed letter by letter from the second. */
function* typedStarts(index: WorkspaceIndex): Generator<string> {
  for (const entry of index.entries()) {
    const start = entry.title?.value.slice(0, 16) ?? '';
    for (let letters = 2; letters <= start.length; letters++) yield start.slice(0, letters);
  }
}
