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

/** A place in the front matter's data: a top-level field's name, then keys and list indexes. */
export type DataPath = readonly (string | number)[];

/** What a fix does to the front matter's data: a value set (or added), or a field or list item removed. */
export type DataChange = { readonly path: DataPath; readonly value: unknown } | { readonly path: DataPath; readonly removed: true };

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /**
   * What the edits mean to do to the data, all that they may change: the text they make is read
   * back and compared before the fix is offered or applied (see fixCheck.ts). Left out only by a
   * fix that closes a front matter never closed, which has no data to compare yet.
   */
  readonly changes?: readonly DataChange[];
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
