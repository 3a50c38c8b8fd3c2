import { field, type ParsedReadout } from './frontMatter';
import type { WorkspaceIndex } from './workspaceIndex';
import type { RelatedInformation, Span } from './types';

export interface WorkspaceProblem {
  readonly code: 'duplicate-source-url';
  readonly message: string;
  readonly span: Span;
  readonly related: readonly RelatedInformation[];
}

/** The name a person knows a file by: the last segment of its URI. */
function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** Another readout of the workspace has the same `source_url`: one of the two is not the page it claims. */
export function workspaceProblems(readout: ParsedReadout, uri: string, index: WorkspaceIndex, flawed: ReadonlySet<string>): WorkspaceProblem[] {
  const url = (readout.data as Record<string, unknown> | undefined)?.source_url;
  const target = field(readout, 'source_url');
  if (typeof url !== 'string' || !target?.value || flawed.has('source_url')) return [];
  const others = index.withSourceUrl(url).filter((entry) => entry.uri !== uri && entry.sourceUrl);
  if (others.length === 0) return [];
  const names = others.slice(0, 3).map((entry) => fileName(entry.uri)).join(', ');
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return [{
    code: 'duplicate-source-url',
    message: `Another readout has the same source_url: ${names}${more}. Each statement is published at one address.`,
    span: target.value,
    related: others.map((entry) => ({ uri: entry.uri, range: entry.sourceUrl!.range, message: 'The same source_url' })),
  }];
}
