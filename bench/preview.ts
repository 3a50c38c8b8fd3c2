// Preview render time: what the server does for a `readout/preview` request (parse, diagnose,
// render the statement), in-process through the core service, for the reference readout and for
// one with a 1 MB body (of which the preview shows its bound). The two texts of each pair alternate, so no parse is reused from the last.
import { compileBuiltinSchema } from '../server/src/core/builtinSchema';
import { createReadoutService } from '../server/src/core/languageService';
import { MAX_PREVIEW_BODY_LENGTH, MAX_PREVIEW_BODY_LINES } from '../server/src/core/preview';
import { DEFECT, REFERENCE } from './editLatency';
import { percentiles, sample, type Percentiles } from './stats';

export interface PreviewRun extends Percentiles {
  readonly document: string;
  readonly chars: number;
  readonly renders: number;
}

/** The reference readout with its body repeated to at least `chars` characters. */
export function withLongBody(readout: string, chars: number): string {
  const close = readout.indexOf('\n---\n') + '\n---\n'.length;
  const body = readout.slice(close);
  return readout.slice(0, close) + body.repeat(Math.ceil(chars / body.length));
}

async function measure(document: string, pair: readonly [string, string], renders: number): Promise<PreviewRun> {
  const service = createReadoutService({ schema: compileBuiltinSchema() });
  const samples = await sample(renders, 5, async (i) => {
    const { html } = service.getPreview({ text: pair[i % 2], inReadoutFiles: true });
    // A long body is shown up to the preview's bound (its first 200,000 characters or 5,000 lines).
    const lines = pair[i % 2].split('\n');
    const shown = Math.min(pair[i % 2].length, MAX_PREVIEW_BODY_LENGTH, lines.slice(0, MAX_PREVIEW_BODY_LINES).join('\n').length);
    if (html.length < shown / 2) throw new Error(`the preview of ${document} is missing its body`);
  });
  return { document, chars: pair[0].length, renders, ...percentiles(samples) };
}

export async function measurePreview(): Promise<PreviewRun[]> {
  const megabyte = 1024 * 1024;
  return [
    await measure('reference readout', [REFERENCE, DEFECT], 200),
    await measure('1 MB body', [withLongBody(REFERENCE, megabyte), withLongBody(DEFECT, megabyte)], 30),
  ];
}
