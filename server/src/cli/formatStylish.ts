// The default output, like ESLint's: problems under each file name, then a summary.
import type { Severity } from '../core/types';
import { painter, type Style } from './ansi';
import { displayPath, type CheckResult, type ProblemCounts } from './report';

/** Most severe first, as the summary names them. */
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const SEVERITY_WORDS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
const SEVERITY_COLORS: Record<Severity, Style> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'dim' };
/** After the code of a problem that `--fix` would fix: words, so that it reads without colours. */
const FIXABLE_MARK = '(fixable)';

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

/** `3 problems (1 error, 2 warnings)`: each severity named only when there are problems of it. */
export function problemSummary(counts: ProblemCounts): string {
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => plural(counts[severity], SEVERITY_WORDS[severity]));
  return `${plural(total, 'problem')} (${parts.join(', ')})`;
}

export function formatStylish(result: CheckResult, color: boolean): string {
  const paint = painter(color);
  const blocks: string[] = [];
  for (const file of result.files) {
    if (file.diagnostics.length === 0) continue;
    const rows = file.diagnostics.map((diagnostic) => ({
      line: String(diagnostic.range.start.line + 1),
      column: String(diagnostic.range.start.character + 1),
      severity: diagnostic.severity,
      message: diagnostic.message,
      code: diagnostic.code,
      fixable: diagnostic.fixable,
    }));
    const width = (pick: (row: (typeof rows)[number]) => string) => Math.max(...rows.map((row) => pick(row).length));
    const lineWidth = width((row) => row.line);
    const columnWidth = width((row) => row.column);
    const severityWidth = width((row) => SEVERITY_WORDS[row.severity]);
    const messageWidth = width((row) => row.message);
    const codeWidth = width((row) => row.code);
    const lines = rows.map((row) => {
      const position = paint('dim', `${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`);
      const severity = paint(SEVERITY_COLORS[row.severity], SEVERITY_WORDS[row.severity].padEnd(severityWidth));
      // The marks of a file line up; a line without one has no trailing spaces.
      const code = row.fixable ? `${paint('dim', row.code.padEnd(codeWidth))}  ${FIXABLE_MARK}` : paint('dim', row.code);
      return `  ${position}  ${severity}  ${row.message.padEnd(messageWidth)}  ${code}`;
    });
    blocks.push(`${paint('underline', displayPath(file.path, result.cwd))}\n${lines.join('\n')}\n`);
  }
  const { counts } = result;
  const summary: string[] = [];
  if (result.fixed > 0) summary.push(`Fixed ${plural(result.fixed, 'file')}.`);
  if (counts.error + counts.warning + counts.information + counts.hint > 0) {
    const style = counts.error > 0 ? 'red' : counts.warning > 0 ? 'yellow' : 'blue';
    summary.push(paint('bold', paint(style, `✖ ${problemSummary(counts)}`)));
    if (counts.fixable > 0) summary.push(`  ${counts.fixable.toLocaleString('en-US')} of them can be fixed with \`readout check --fix\`.`);
  } else {
    // With --quiet, other problems may be there: only errors can be said to be absent.
    summary.push(paint('green', `✔ ${plural(result.readouts, 'readout')} checked: ${result.errorsOnly ? 'no errors' : 'no problems'}.`));
  }
  return `${[...blocks, summary.join('\n')].join('\n')}\n`;
}
