// The requests: each gets its document, asks the core service, and converts the answer to LSP.
import { existsSync } from 'node:fs';
import { CodeActionKind, ErrorCodes, ResponseError, type CodeAction, type CodeActionParams, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DocumentInfoRequest, PreviewRequest } from '../protocol';
import type { ClientSupport } from './clientSupport';
import type { Configuration } from './configuration';
import {
  FIX_ALL_KIND, ruleUrl, toCodeAction, toCompletionList, toDiagnostic, toDocumentSymbol, toFixAllAction, toHover, toSpan, toWorkspaceSymbol,
} from './convert';
import { describeError } from './logging';
import type { Session } from './session';

export interface HandlerOptions {
  readonly connection: Connection;
  readonly session: Session;
  readonly support: ClientSupport;
  readonly documents: TextDocuments<TextDocument>;
  readonly configuration: Configuration;
  /** Runs before each request: the index takes in the open documents' changes (documents.ts), and the server notes it is busy (idleWork.ts). */
  readonly beforeRequest: () => void;
}

export function registerHandlers(options: HandlerOptions): void {
  const { connection, session, support, documents, configuration, beforeRequest } = options;
  const service = () => configuration.service();
  const input = (document: TextDocument) => configuration.input(document);

  /**
   * Runs a request handler inside the session; a failure is logged and answered with an error,
   * never half an answer, and the server goes on.
   */
  function guarded<P, R>(name: string, handler: (params: P) => R): (params: P) => R | ResponseError<void> {
    return (params) => {
      const refused = session.refusal();
      if (refused) return refused;
      try {
        beforeRequest();
        return handler(params);
      } catch (error) {
        connection.console.error(`${name} failed: ${describeError(error)}`);
        return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(error as Error).message}`);
      }
    };
  }

  connection.onHover(guarded('Hover', (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const hover = service().getHover(input(document), document.offsetAt(params.position));
    return hover ? toHover(document, hover) : null;
  }));

  connection.onCodeAction(guarded<CodeActionParams, CodeAction[]>('Code actions', (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    // Quick fixes unless asked otherwise; "fix all" only when a source action is asked for (Source Action menu, on save).
    const wants = (kind: string) => (only ? only.some((requested) => kind === requested || kind.startsWith(`${requested}.`)) : kind === CodeActionKind.QuickFix);
    const actions: CodeAction[] = [];
    const text = input(document);
    if (wants(CodeActionKind.QuickFix)) {
      for (const action of service().getCodeActions(text, toSpan(document, params.range))) {
        const move = action.fix.rename;
        // Moving a file needs a client that renames files, and is refused over one already there.
        if (move && !support.renamesFiles) continue;
        const taken = move !== undefined && existsSync(URI.parse(move.newUri).fsPath);
        if (taken && !support.disabledActions) continue;
        const codeAction = toCodeAction(document, action, toDiagnostic(document, action.diagnostic, ruleUrl), support.snippetEdits);
        actions.push(taken ? { ...codeAction, edit: undefined, disabled: { reason: `A file is already at ${URI.parse(move.newUri).fsPath}: move or rename it first.` } } : codeAction);
      }
    }
    if (wants(FIX_ALL_KIND)) {
      const edit = service().getFixAllEdit(text);
      if (edit) actions.push(toFixAllAction(document, edit));
    }
    return actions;
  }));

  connection.onCompletion(guarded('Completion', (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return toCompletionList(document, service().getCompletions(input(document), document.offsetAt(params.position)), support.snippetCompletions, support.labelDetails);
  }));

  connection.onDocumentSymbol(guarded('Document symbols', (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return service().getDocumentSymbols(input(document)).map((symbol) => toDocumentSymbol(document, symbol));
  }));

  connection.onWorkspaceSymbol(guarded('Workspace symbols', (params) => service().getWorkspaceSymbols(params.query).map(toWorkspaceSymbol)));

  connection.onRequest(PreviewRequest, guarded('Preview', (params) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    return { ...service().getPreview(input(document), { remoteImages: params.remoteImages === true }), version: document.version };
  }));

  connection.onRequest(DocumentInfoRequest, guarded('Document info', (params) => {
    const document = documents.get(params.uri);
    if (!document) return { isReadout: false, title: undefined };
    const readout = input(document);
    return { isReadout: service().isReadout(readout), title: service().getEntry(readout)?.title?.value };
  }));
}
