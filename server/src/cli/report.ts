// What checking a file gives, as it crosses from a worker thread to the main one (plain data, kept
// small: a large run sends tens of thousands of these), and the finished run the formats print.
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { LineRange } from '../core/lineIndex';
import type { RelatedInformation, Severity } from '../core/types';
import type { FileStamp } from './checkCache';

/** A core diagnostic with its range in lines and columns (0-based, as the core gives them; printed +1). */
export interface ReportedDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: LineRange;
  /** It has a safe fix: `--fix` would apply it. */
  readonly fixable: boolean;
  readonly related?: readonly RelatedInformation[];
}

/** One file's outcome, in the order of the files sent. */
export interface FileReport {
  readonly isReadout: boolean;
  /** The readout's source_url, for duplicate-source-url across the run's files. */
  readonly sourceUrl?: string;
  readonly diagnostics: readonly ReportedDiagnostic[];
  /** `--fix` rewrote the file. */
  readonly fixed: boolean;
  /** With `layout: auto`: whether the readout sits where the archive's layout puts it. */
  readonly followsLayout?: boolean;
  /** Why the file could not be read, checked or written: the run cannot be trusted to be complete. */
  readonly failure?: string;
  /** With --cache: what tells the file read from another (checkCache.ts); none for a file fixed or that failed. */
  readonly stamp?: FileStamp;
}

/** A file the report shows: it has problems, was fixed, or failed. */
export interface ReportedFile extends FileReport {
  /** The absolute path. */
  readonly path: string;
}

export interface ProblemCounts {
  readonly error: number;
  readonly warning: number;
  readonly information: number;
  readonly hint: number;
  readonly fixable: number;
}

/** A finished run, as the formats print it. */
export interface CheckResult {
  /** The files with something to report, sorted by path. */
  readonly files: readonly ReportedFile[];
  readonly readouts: number;
  readonly counts: ProblemCounts;
  readonly fixed: number;
  /** `--quiet`: the problems are the errors only. */
  readonly errorsOnly: boolean;
  /** Paths are shown relative to it. */
  readonly cwd: string;
}

export function countProblems(files: readonly ReportedFile[]): ProblemCounts {
  const counts = { error: 0, warning: 0, information: 0, hint: 0, fixable: 0 };
  for (const file of files) {
    for (const diagnostic of file.diagnostics) {
      counts[diagnostic.severity]++;
      if (diagnostic.fixable) counts.fixable++;
    }
  }
  return counts;
}

/** A path as the person running the command typed it: relative to the current folder when inside it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

export function uriPath(uri: string): string {
  return URI.parse(uri).fsPath;
}
