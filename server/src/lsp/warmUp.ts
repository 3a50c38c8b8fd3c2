// The first edits of a session would be checked by code V8 has not compiled yet: several times
// slower than the rest (12 ms for the first, 3-6 ms for the next few, where later ones take 1 ms).
// A server that has just started checks a few readouts of its own first (in a workspace with
// folders, once its first scan is over), so that a person's first edits are answered as fast as
// their hundredth.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { easternClock } from '../core/easternTime';
import type { ReadoutService } from '../core/languageService';
import { newReadoutTemplate } from '../core/newReadoutTemplate';
import { ruleUrl, toDiagnostic } from './convert';
import { EVENT_LOOP, whileIdleAfterScan, type Scheduler } from './idleWork';

/**
 * Time enough for V8 to compile the checking path, little enough to go unnoticed at start
 * (measured over stdio in an empty workspace: the first edit 12.2-12.6 ms without, 4.6-5.8 ms with;
 * the first 300 edits' p99 7-9.5 ms without, 5.2-7.5 ms with, on a busy machine).
 */
const WARM_UP_MS = 60;
const URI = 'untitled:readout-warm-up';

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

/** Checks the samples over and over for WARM_UP_MS. */
export function warmUpChecks(service: ReadoutService, now = new Date()): void {
  const texts = samples(now);
  const started = performance.now();
  for (let round = 0; performance.now() - started < WARM_UP_MS; round++) check(service, texts[round % texts.length], round);
}

/**
 * Warms the checks up once a workspace's first scan is over, where at start they would delay the
 * index by WARM_UP_MS: a sample per step of idle work (idleWork.ts), for WARM_UP_MS in all. Edits
 * warm the checks up themselves: once a document has been opened or edited since the scan
 * (`edits` counts them), no more samples.
 */
export function warmUpAfterScan(service: () => ReadoutService, edits: () => number, now = new Date(), scheduler: Scheduler = EVENT_LOOP): void {
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
  }, scheduler);
}
