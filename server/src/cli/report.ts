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
  /**
   * The readout's source_url, for duplicate-source-url across the run's files. A report from the
   * cache reads it from the cache file when asked for, by a getter, which a spread does not copy.
   */
  readonly sourceUrl?: string;
  /** hashUrl of sourceUrl, when the cache had it (sharedUrls.ts); a report from the cache has it when it has a URL. */
  readonly urlHash?: number;
  readonly diagnostics: readonly ReportedDiagnostic[];
  /** `--fix` rewrote the file. */
  readonly fixed: boolean;
  /** With `layout: auto`: whether the readout sits where the archive's layout puts it. */
  readonly followsLayout?: boolean;
  /** Why the file could not be read, checked or written: the run cannot be trusted to be complete. */
  readonly failure?: string;
  /**
   * With --cache: what tells the file read from another (checkCache.ts), or the index of the loaded
   * cache's entry, taken by its stat, whose stamp it is; none for a file fixed or that failed.
   */
  readonly stamp?: FileStamp | number;
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

export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPosition = (value: unknown) => isObject(value) && isNumber(value.line) && isNumber(value.character);
const isRange = (value: unknown) => isObject(value) && isPosition(value.start) && isPosition(value.end);
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

/** Whether a value read from a file (a cache, a shard's facts) is a ReportedDiagnostic. */
export function isReportedDiagnostic(value: unknown): value is ReportedDiagnostic {
  return isObject(value) && typeof value.code === 'string' && typeof value.severity === 'string' && SEVERITIES.has(value.severity)
    && typeof value.message === 'string' && isRange(value.range) && typeof value.fixable === 'boolean'
    && (value.related === undefined || (Array.isArray(value.related) && value.related.every((one) => isObject(one) && typeof one.uri === 'string' && isRange(one.range) && typeof one.message === 'string')));
}

/** A FileReport read from a file (a shard's facts), or undefined when it is not one. */
export function asFileReport(value: unknown): FileReport | undefined {
  if (!isObject(value) || typeof value.isReadout !== 'boolean' || typeof value.fixed !== 'boolean' || !Array.isArray(value.diagnostics) || !value.diagnostics.every(isReportedDiagnostic)) return undefined;
  const { isReadout, fixed, diagnostics, sourceUrl, followsLayout, failure } = value;
  if ((sourceUrl !== undefined && typeof sourceUrl !== 'string') || (followsLayout !== undefined && typeof followsLayout !== 'boolean') || (failure !== undefined && typeof failure !== 'string')) return undefined;
  return { isReadout, fixed, diagnostics, ...(sourceUrl === undefined ? {} : { sourceUrl }), ...(followsLayout === undefined ? {} : { followsLayout }), ...(failure === undefined ? {} : { failure }) };
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
