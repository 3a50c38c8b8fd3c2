// The custom requests between the VS Code client and the language server, in one place for both.
// Plain LSP clients need none of them: diagnostics, fixes, hover and completion are standard LSP.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { PreviewProblem } from './core/preview';

export interface DocumentParams {
  readonly uri: string;
}

// ---- To the server ----

export interface PreviewResult {
  /** The statement as published: an HTML fragment whose blocks carry `data-line`. */
  readonly html: string;
  readonly title: string | undefined;
  readonly problems: readonly PreviewProblem[];
  /** The document version the preview shows. */
  readonly version: number;
}

export interface PreviewParams extends DocumentParams {
  /** Show images from `https:` addresses (the client's `readout.preview.loadRemoteImages`); otherwise each is a placeholder. */
  readonly remoteImages?: boolean;
}

/** The preview of an open document, rendered by the core's one renderer. Null when the document is not open. */
export const PreviewRequest = new RequestType<PreviewParams, PreviewResult | null, void>('readout/preview');

export interface DocumentInfo {
  /** Whether the server treats the document as a readout (front matter of ours). */
  readonly isReadout: boolean;
  readonly title: string | undefined;
}

/** What the client shows about a document outside diagnostics: the status bar, the preview button. */
export const DocumentInfoRequest = new RequestType<DocumentParams, DocumentInfo, void>('readout/documentInfo');

/**
 * The Node options a client starts the server with, on a machine of `cores` cores.
 * - V8 compiles hot code and marks the heap on background threads, four by default; on two cores
 *   they take the core the server answers on (over stdio on 2 cores, the first 300 edits' p99:
 *   5.9-6.2 ms with four, 3.5-5.1 ms with one). One fewer than the cores, and no more than Node's four.
 * - The collector exposed, so that the server collects what starting up left before the first
 *   edit rather than during it (warmUp.ts).
 */
export function serverNodeOptions(cores: number): string[] {
  return [`--v8-pool-size=${Math.max(1, Math.min(4, cores - 1))}`, '--expose-gc'];
}

export { CODE_CACHE_ARGUMENT } from './node/codeCache';

/** What the client tells the server when it starts it (LSP's `initializationOptions`). */
export interface InitializationOptions {
  /**
   * False in a workspace the person has not trusted (VS Code's restricted mode): a schema the
   * workspace names is then not loaded. A client that says nothing is trusted, as other editors
   * have no such notion.
   */
  readonly workspaceTrusted?: boolean;
  /**
   * A folder the server may keep its files in between sessions (VS Code's workspace storage): the
   * workspace's index, so that the next start is warm. A client that gives none has the server use a
   * cache folder of the user's.
   */
  readonly indexStorage?: string;
}

/** The person has trusted the workspace: a schema it names may now be loaded. */
export const WorkspaceTrustedNotification = new NotificationType<void>('readout/workspaceTrusted');
