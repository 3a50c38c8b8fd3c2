// What the VS Code client runs itself, from the core: the preview renderer (VS Code's own Markdown
// preview shows a readout's header with it) and its stylesheet, and the New Readout snippet. The
// client takes nothing else from the server's side but protocol.ts: lint keeps it so.
import { easternClock } from './core/easternTime';
import { newReadoutTemplate } from './core/newReadoutTemplate';

export { createPreviewRenderer, PREVIEW_STYLESHEET, type PreviewRenderer } from './core/preview';

/** The snippet of a new readout made at `now`: that day and time in US Eastern time, the rest to fill in. */
export function newReadoutSnippet(now: Date): string {
  return newReadoutTemplate(easternClock(now)).snippet;
}
