// What the client declared it can do, read once at `initialize`.
import type { ClientCapabilities } from 'vscode-languageserver';

export interface ClientSupport {
  /** It answers `workspace/configuration`: settings are pulled, not pushed. */
  readonly pullsConfiguration: boolean;
  /** It registers file watchers on request. */
  readonly watchesFiles: boolean;
  /** Its watchers take LSP 3.17 RelativePatterns, which reach outside the workspace folders. */
  readonly relativePatterns: boolean;
  readonly snippetEdits: boolean;
  readonly snippetCompletions: boolean;
  readonly labelDetails: boolean;
  readonly progress: boolean;
  readonly workspaceFolders: boolean;
  readonly renamesFiles: boolean;
  readonly disabledActions: boolean;
}

export function readClientSupport(capabilities: ClientCapabilities): ClientSupport {
  return {
    pullsConfiguration: capabilities.workspace?.configuration === true,
    watchesFiles: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    relativePatterns: capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
    snippetEdits: capabilities.workspace?.workspaceEdit?.snippetEditSupport === true,
    snippetCompletions: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
    labelDetails: capabilities.textDocument?.completion?.completionItem?.labelDetailsSupport === true,
    progress: capabilities.window?.workDoneProgress === true,
    workspaceFolders: capabilities.workspace?.workspaceFolders === true,
    renamesFiles: capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('rename') === true,
    disabledActions: capabilities.textDocument?.codeAction?.disabledSupport === true,
  };
}
