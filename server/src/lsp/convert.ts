// The one edge where core offsets become LSP positions and core values LSP types.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind, CompletionItemKind, DiagnosticSeverity, InsertTextFormat, MarkupKind, SymbolKind,
  type CodeAction, type CompletionItem, type CompletionList, type Diagnostic, type DocumentSymbol, type Hover, type Range,
  type SymbolInformation, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList as CoreCompletionList } from '../core/completion';
import type { CodeAction as CoreCodeAction } from '../core/languageService';
import type { DocumentSymbol as CoreDocumentSymbol } from '../core/outline';
import type { WorkspaceSymbol as CoreWorkspaceSymbol } from '../core/workspaceSymbols';
import type { Hover as CoreHover } from '../core/hover';
import type { Diagnostic as CoreDiagnostic, Severity, Span, TextEdit as CoreTextEdit } from '../core/types';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

// The bundle runs from server/out: the rules' documentation is two folders up.
const RULES_DOC = pathToFileURL(path.resolve(__dirname, '..', '..', 'docs', 'rules.md')).href;

/** The section of docs/rules.md that explains a diagnostic code. */
export const ruleUrl = (code: string) => `${RULES_DOC}#${code.toLowerCase()}`;

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.readout`;

export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function toSpan(document: TextDocument, range: Range): Span {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

export function toDiagnostic(document: TextDocument, diagnostic: CoreDiagnostic, ruleUrl: (code: string) => string): Diagnostic {
  return {
    range: toRange(document, diagnostic.span),
    severity: SEVERITIES[diagnostic.severity],
    source: 'readout',
    code: diagnostic.code,
    codeDescription: { href: ruleUrl(diagnostic.code) },
    message: diagnostic.message,
    ...(diagnostic.related ? { relatedInformation: diagnostic.related.map((related) => ({ location: { uri: related.uri, range: related.range }, message: related.message })) } : {}),
  };
}

export function toTextEdit(document: TextDocument, edit: CoreTextEdit): TextEdit {
  return { range: toRange(document, edit.span), newText: edit.newText };
}

function toWorkspaceEdit(document: TextDocument, edits: readonly CoreTextEdit[], snippets: boolean): WorkspaceEdit {
  if (snippets && edits.some((edit) => edit.snippet !== undefined)) {
    return {
      documentChanges: [{
        textDocument: { uri: document.uri, version: document.version },
        edits: edits.map((edit) => edit.snippet === undefined
          ? toTextEdit(document, edit)
          : { range: toRange(document, edit.span), snippet: { kind: 'snippet', value: edit.snippet } }),
      }],
    };
  }
  return { changes: { [document.uri]: edits.map((edit) => toTextEdit(document, edit)) } };
}

/** A fix that moves the file: its edits (if any), then the rename, never over an existing file. */
function toMoveEdit(document: TextDocument, edits: readonly CoreTextEdit[], newUri: string): WorkspaceEdit {
  const changes: NonNullable<WorkspaceEdit['documentChanges']> = edits.length > 0
    ? [{ textDocument: { uri: document.uri, version: document.version }, edits: edits.map((edit) => toTextEdit(document, edit)) }]
    : [];
  return { documentChanges: [...changes, { kind: 'rename', oldUri: document.uri, newUri, options: { overwrite: false, ignoreIfExists: false } }] };
}

export function toCodeAction(document: TextDocument, action: CoreCodeAction, diagnostic: Diagnostic, snippets: boolean): CodeAction {
  const { fix } = action;
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.isPreferred ?? false,
    edit: fix.rename ? toMoveEdit(document, fix.edits, fix.rename.newUri) : toWorkspaceEdit(document, fix.edits, snippets),
  };
}

export function toFixAllAction(document: TextDocument, edit: CoreTextEdit): CodeAction {
  return { title: 'Fix all safe readout problems', kind: FIX_ALL_KIND, edit: toWorkspaceEdit(document, [edit], false) };
}

export function toHover(document: TextDocument, hover: CoreHover): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: toRange(document, hover.span) };
}

/** `snippets` and `labelDetails`: what the client declared it supports (completionItem.snippetSupport, labelDetailsSupport). */
export function toCompletionList(document: TextDocument, list: CoreCompletionList, snippets: boolean, labelDetails: boolean): CompletionList {
  return {
    isIncomplete: list.isIncomplete,
    items: list.items.map((item): CompletionItem => {
      const snippet = snippets && item.edit.snippet !== undefined;
      return {
        label: item.label,
        kind: item.kind === 'field' ? CompletionItemKind.Property : CompletionItemKind.Value,
        ...(item.detail === undefined ? {} : { detail: item.detail }),
        ...(item.description === undefined || !labelDetails ? {} : { labelDetails: { description: item.description } }),
        ...(item.documentation === undefined ? {} : { documentation: { kind: MarkupKind.Markdown, value: item.documentation } }),
        ...(item.sortText === undefined ? {} : { sortText: item.sortText }),
        ...(item.filterText === undefined ? {} : { filterText: item.filterText }),
        insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: toRange(document, item.edit.span), newText: snippet ? item.edit.snippet! : item.edit.newText },
        ...(item.additionalEdits ? { additionalTextEdits: item.additionalEdits.map((edit) => toTextEdit(document, edit)) } : {}),
      };
    }),
  };
}

const SYMBOL_KINDS: Record<CoreDocumentSymbol['kind'], SymbolKind> = {
  frontMatter: SymbolKind.Namespace,
  field: SymbolKind.Property,
  heading: SymbolKind.String,
};

export function toDocumentSymbol(document: TextDocument, symbol: CoreDocumentSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    ...(symbol.detail === undefined ? {} : { detail: symbol.detail }),
    kind: SYMBOL_KINDS[symbol.kind],
    range: toRange(document, symbol.span),
    selectionRange: toRange(document, symbol.selectionSpan),
    children: symbol.children.map((child) => toDocumentSymbol(document, child)),
  };
}

export function toWorkspaceSymbol(symbol: CoreWorkspaceSymbol): SymbolInformation {
  return {
    name: symbol.name,
    kind: SymbolKind.File,
    location: { uri: symbol.uri, range: symbol.range },
  };
}
