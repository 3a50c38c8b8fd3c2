import type { LineRange } from './lineIndex';

/** A half-open range of UTF-16 offsets into a document's text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text replacement in document offsets. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
  /** The same edit written as an LSP snippet (`${1:placeholder}`), for hosts that accept snippets. */
  readonly snippet?: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix a person most likely wants; editors offer it first. */
  readonly isPreferred?: boolean;
  /** Safe fixes change nothing the author meant to write; "fix all" and `--fix` apply only these. */
  readonly safe: boolean;
  /** The fix moves the document's file (after its edits, if any): never safe. */
  readonly rename?: { readonly newUri: string };
}

/** A place in another file that a diagnostic refers to. */
export interface RelatedInformation {
  readonly uri: string;
  readonly range: LineRange;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** Worked out when first read: a host that only shows diagnostics never pays for them. */
  readonly fixes: readonly Fix[];
  readonly related?: readonly RelatedInformation[];
}

export function span(start: number, end: number): Span {
  return { start, end };
}
