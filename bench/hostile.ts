// Documents built to stall a check (issue 12): each one's time from didChange to the matching
// publishDiagnostics over stdio, against the built server, alternating with the reference
// readout so that every change is checked afresh; and the preview of the two hostile bodies,
// in-process as bench/preview.ts measures it.
import { compileBuiltinSchema } from '../server/src/core/builtinSchema';
import { createReadoutService } from '../server/src/core/languageService';
import { LspClient } from '../test/protocol/lspClient';
import { atTheLimit, deeplyNested, hostileBodies, hostileDocuments, type HostileDocument } from '../test/hostile';
import { REFERENCE } from './editLatency';
import { percentiles, round, sample, type Percentiles } from './stats';

/** Each document's changes timed (after one untimed change to it). */
const CHANGES = 5;
/** The budget of one check, whatever the document (issue 12). */
export const HOSTILE_TARGET_MS = 250;

export interface HostileRun {
  readonly document: string;
  readonly chars: number;
  readonly changes: number;
  readonly diagnostics: number;
  readonly p50_ms: number;
  readonly max_ms: number;
}

/** The documents of issue 12's sections 2 and 3, and the same mistakes as often as the size limit allows. */
function documents(): HostileDocument[] {
  return [
    ...hostileDocuments(),
    ...atTheLimit(),
    { name: '`-\\t` nested 20,000 levels', text: deeplyNested('-', '\t', 20_000) },
    { name: '`?\\t` nested 5,000 levels', text: deeplyNested('?', '\t', 5_000) },
    { name: '`:\\t` nested 1,000 levels', text: deeplyNested(':', '\t', 1_000) },
  ];
}

export async function measureHostile(): Promise<HostileRun[]> {
  const client = await LspClient.start();
  const uri = 'untitled:bench-hostile';
  client.open(uri, REFERENCE, 'plaintext');
  await client.nextDiagnostics(uri, 1);
  const runs: HostileRun[] = [];
  try {
    for (const { name, text } of documents()) {
      let diagnostics = 0;
      const timed: number[] = [];
      // The first change to the document is not timed (the JIT warms up); each is checked afresh after the reference.
      for (let i = 0; i <= CHANGES; i++) {
        await client.nextDiagnostics(uri, client.change(uri, REFERENCE), 60_000);
        const start = process.hrtime.bigint();
        diagnostics = (await client.nextDiagnostics(uri, client.change(uri, text), 60_000)).diagnostics.length;
        if (i > 0) timed.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      timed.sort((a, b) => a - b);
      runs.push({ document: name, chars: text.length, changes: CHANGES, diagnostics, p50_ms: percentiles(timed).p50_ms, max_ms: round(timed.at(-1)!, 3) });
    }
  } finally {
    await client.shutdown();
  }
  return runs;
}

export interface BodyRun extends Percentiles {
  readonly document: string;
  readonly chars: number;
  readonly renders: number;
  /** The preview's HTML, in characters: bounded whatever the body's length. */
  readonly html: number;
}

/** The preview of the two hostile bodies: what the server does for a `readout/preview` request. */
export async function measureHostileBodies(renders = 10): Promise<BodyRun[]> {
  const service = createReadoutService({ schema: compileBuiltinSchema() });
  const runs: BodyRun[] = [];
  for (const { name, text } of hostileBodies()) {
    let html = 0;
    // A space added every other time: the parse of the last render is never reused.
    const samples = await sample(renders, 2, async (i) => {
      html = service.getPreview({ text: i % 2 === 0 ? text : `${text} `, inReadoutFiles: true }).html.length;
    });
    runs.push({ document: name, chars: text.length, renders, html, ...percentiles(samples) });
  }
  return runs;
}
