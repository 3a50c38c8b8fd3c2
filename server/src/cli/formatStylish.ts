// The default output, like ESLint's: problems under each file name, then a summary.
import type { Severity } from '../core/types';
import { painter, type Style } from './ansi';
import { displayPath, type CheckResult, type ProblemCounts } from './report';

const SEVERITY_WORDS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
const SEVERITY_COLORS: Record<Severity, Style> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'dim' };

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

/** `3 problems (1 error, 2 warnings, 0 infos)`, with hints only when there are some. */
export function problemSummary(counts: ProblemCounts): string {
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.information, 'info')];
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
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
    }));
    const width = (pick: (row: (typeof rows)[number]) => string) => Math.max(...rows.map((row) => pick(row).length));
    const lineWidth = width((row) => row.line);
    const columnWidth = width((row) => row.column);
    const severityWidth = width((row) => SEVERITY_WORDS[row.severity]);
    const messageWidth = width((row) => row.message);
    const lines = rows.map((row) => {
      const position = paint('dim', `${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`);
      const severity = paint(SEVERITY_COLORS[row.severity], SEVERITY_WORDS[row.severity].padEnd(severityWidth));
      return `  ${position}  ${severity}  ${row.message.padEnd(messageWidth)}  ${paint('dim', row.code)}`;
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
    summary.push(paint('green', `✔ ${plural(result.readouts, 'readout')} checked: no problems.`));
  }
  return `${[...blocks, summary.join('\n')].join('\n')}\n`;
}
