// `--format json`: the files with something to say, each diagnostic with 1-based lines and columns.
import type { LineRange } from '../core/lineIndex';
import type { RuleDocs } from './ruleDocs';
import { displayPath, uriPath, type CheckResult } from './report';

/** 1-based, the end column just after the last character (as editors and SARIF count). */
function position(range: LineRange) {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function formatJson(result: CheckResult, docs: RuleDocs): string {
  const show = (file: string) => displayPath(file, result.cwd).split('\\').join('/');
  const files = result.files.map((file) => ({
    path: show(file.path),
    fixed: file.fixed,
    ...(file.failure === undefined ? {} : { failure: file.failure }),
    diagnostics: file.diagnostics.map((diagnostic) => ({
      code: diagnostic.code,
      severity: diagnostic.severity,
      message: diagnostic.message,
      ...position(diagnostic.range),
      fixable: diagnostic.fixable,
      docs: docs(diagnostic.code).url,
      ...(diagnostic.related
        ? { related: diagnostic.related.map((related) => ({ path: show(uriPath(related.uri)), ...position(related.range), message: related.message })) }
        : {}),
    })),
  }));
  const { error, warning, information, hint, fixable } = result.counts;
  return `${JSON.stringify({ readouts: result.readouts, problems: { error, warning, information, hint, fixable }, fixed: result.fixed, files }, null, 2)}\n`;
}
