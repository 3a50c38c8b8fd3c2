// The one edge where core offsets become LSP positions and core values LSP types.
import {
  CodeActionKind, DiagnosticSeverity, MarkupKind,
  type CodeAction, type Diagnostic, type Hover, type Range, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction as CoreCodeAction } from './core/languageService';
import type { Hover as CoreHover } from './core/hover';
import type { Diagnostic as CoreDiagnostic, Severity, Span, TextEdit as CoreTextEdit } from './core/types';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

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

export function toCodeAction(document: TextDocument, action: CoreCodeAction, diagnostic: Diagnostic, snippets: boolean): CodeAction {
  return {
    title: action.fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: action.fix.isPreferred ?? false,
    edit: toWorkspaceEdit(document, action.fix.edits, snippets),
  };
}

export function toFixAllAction(document: TextDocument, edit: CoreTextEdit): CodeAction {
  return { title: 'Fix all safe readout problems', kind: FIX_ALL_KIND, edit: toWorkspaceEdit(document, [edit], false) };
}

export function toHover(document: TextDocument, hover: CoreHover): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: toRange(document, hover.span) };
}
