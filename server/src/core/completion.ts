// Completion inside the front matter, while the person is typing: where the cursor is
// (completionSite.ts), then keys (keyCompletions.ts) or values (valueCompletions.ts), everything
// inserted written as PyYAML would write it (completionText.ts).
import type { ReadoutSchema } from './schema';
import type { TextEdit } from './types';
import type { UrlTemplate } from './urlTemplates';
import type { WorkspaceIndex } from './workspaceIndex';
import { frontMatterRegion, siteAt } from './completionSite';
import { keyCompletions } from './keyCompletions';
import type { CompletionMemo } from './titleCatalog';
import { valueCompletions } from './valueCompletions';

export interface Completion {
  readonly label: string;
  readonly kind: 'field' | 'value';
  readonly detail?: string;
  /** Shown beside the label in every row, where the editor can (LSP labelDetails): what tells apart items whose labels look alike. */
  readonly description?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Replaces what is typed so far; its span is on the cursor's line and contains the cursor. */
  readonly edit: TextEdit;
  /** Edits beside the main one that never overlap it: the continuation lines of a folded value being replaced. */
  readonly additionalEdits?: readonly TextEdit[];
  readonly sortText?: string;
  readonly filterText?: string;
}

export interface CompletionList {
  readonly items: readonly Completion[];
  /** The client must ask again as typing goes on: the list was capped or matched in a way the client cannot repeat. */
  readonly isIncomplete: boolean;
}

export interface CompletionContext {
  readonly schema: ReadoutSchema;
  readonly index: WorkspaceIndex;
  /** The current time, for published_time's offset (tests pass a fixed one). */
  readonly now: Date;
  /** The forms of source_url: the one for the readout's date is derived, a slug is read in any. */
  readonly urls: readonly UrlTemplate[];
  /** What is derived from the index, kept between requests (one per service); without it, derived afresh. */
  readonly memo?: CompletionMemo;
  /** The document's own URI: its own index entry (its half-typed title) is not offered back to it. */
  readonly uri?: string;
}

const EMPTY: CompletionList = { items: [], isIncomplete: false };

/** Completions at `offset`: keys at the start of a line, values after `key: ` or `- ` in the front matter. */
export function readoutCompletions(text: string, offset: number, context: CompletionContext): CompletionList {
  const region = frontMatterRegion(text);
  const site = region && siteAt(region, offset);
  if (!region || !site) return EMPTY;
  return site.kind === 'key' ? keyCompletions(region, site, context) : valueCompletions(region, site, context);
}
