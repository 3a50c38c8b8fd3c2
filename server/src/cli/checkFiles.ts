// Checking files, the same way on a worker thread and on the main one: read, fix when asked
// (atomically), then the core's diagnostics of what is on disk.
import { statSync, type Stats } from 'node:fs';
import { URI } from 'vscode-uri';
import type { RuleLevels } from '../core/catalog';
import { applyEdits } from '../core/fixAll';
import { createReadoutService, type ReadoutInput } from '../core/languageService';
import { createLineIndex } from '../core/lineIndex';
import { compileSchema, type SchemaObject } from '../core/schema';
import type { Diagnostic } from '../core/types';
import { ARCHIVE_LAYOUT } from '../core/layout';
import { entryFollowsLayout, type LayoutMode } from '../core/layoutRule';
import type { UrlTemplate } from '../core/urlTemplates';
import { createWorkspaceIndex } from '../core/workspaceIndex';
import { readRegularFile, RefusedFileError } from '../node/regularFile';
import { decodeText, encodeText, type DecodedText } from '../node/textEncoding';
import { writeFailure, writeFileAtomic } from './atomicWrite';
import { hashBytes, stampOf, statStandsFor, usableEntry, type CacheForBatch, type CachedFile } from './checkCache';
import type { FileReport, ReportedDiagnostic } from './report';
import type { FileTask } from './targets';

/** What every batch of a run shares: it is sent once to each worker. */
export interface CheckSetup {
  /** The schema as JSON (each thread compiles its own). */
  readonly schema: SchemaObject;
  readonly rules: RuleLevels;
  /** Plain data, so sent to workers as it is. */
  readonly urls: readonly UrlTemplate[];
  /** `--quiet`: only errors are reported, and only their fixes applied. */
  readonly errorsOnly: boolean;
  /**
   * Where readouts' files belong. `auto` is decided from the whole run: each file is checked as if
   * the archive's layout applied and says whether it follows it; the main thread then keeps or drops
   * the `path-mismatch` problems.
   */
  readonly layout: LayoutMode;
}

export interface CheckBatch {
  readonly tasks: readonly FileTask[];
  /** Apply the safe fixes first. */
  readonly fix: boolean;
  /**
   * The files share source URLs, and every file sharing one is in the batch: they are indexed
   * together, so that duplicate-source-url compares them as the language server's index does.
   */
  readonly compare: boolean;
  /** With --cache: each task's cached entry, if any; each report then gets its file's stamp. */
  readonly cache?: CacheForBatch;
}

// A readout is a few kilobytes; a larger file is read into a buffer of its own.
const SCRATCH_BYTES = 64 * 1024;

interface ReadFile {
  /** The bytes read, valid until the next file is read. */
  readonly bytes: Uint8Array;
  /** How the file is written: a fix writes it back the same way. */
  readonly encoded: Pick<DecodedText, 'encoding' | 'bom'>;
  readonly document: ReadoutInput & { readonly uri: string };
  /** Why the bytes cannot be decoded: the document is then only good for telling whether it is a readout. */
  readonly undecodable?: string;
}

function toReported(diagnostics: readonly Diagnostic[], text: string): ReportedDiagnostic[] {
  if (diagnostics.length === 0) return [];
  const position = createLineIndex(text);
  return diagnostics.map((diagnostic) => ({
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    range: { start: position(diagnostic.span.start), end: position(diagnostic.span.end) },
    fixable: diagnostic.fixes.some((candidate) => candidate.safe),
    ...(diagnostic.related ? { related: diagnostic.related } : {}),
  }));
}

export function createFileChecker(setup: CheckSetup): (batch: CheckBatch) => FileReport[] {
  const compiled = compileSchema(setup.schema, 'in use');
  if ('error' in compiled) throw new Error(compiled.error);
  const index = createWorkspaceIndex();
  const auto = setup.layout.mode === 'auto';
  const layout: LayoutMode = auto ? { mode: 'always', layout: ARCHIVE_LAYOUT } : setup.layout;
  const service = createReadoutService({ schema: compiled.schema, rules: setup.rules, urls: setup.urls, layout, index });
  // --quiet: warnings, infos and hints are neither reported nor fixed.
  const kept = setup.errorsOnly ? (diagnostic: Diagnostic) => diagnostic.severity === 'error' : undefined;
  const diagnose = (document: ReadoutInput): Diagnostic[] => {
    const diagnostics = service.getDiagnostics(document);
    return kept ? diagnostics.filter(kept) : diagnostics;
  };
  // One buffer for every file a thread reads: tens of thousands of small reads, no allocation each.
  // A larger file gets a buffer of its own, so that one file never changes how the next is read.
  const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

  /** The file as the core sees it: decoded as an editor does, without its BOM (columns on the first line stay right). */
  function read(task: FileTask): ReadFile {
    const { bytes } = readRegularFile(task.path, undefined, scratch);
    const { text, encoding, bom, invalid } = decodeText(bytes);
    // The index knows a file by its URI, and the layout rule reads its place from it.
    const uri = URI.file(task.path).toString();
    const document = { uri, text, inReadoutFiles: task.inReadoutFiles, excluded: task.excluded };
    const advice = encoding === 'utf-8' ? ' Save it as UTF-8, or as UTF-16 with its byte order mark.' : '';
    return { bytes, encoded: { encoding, bom }, document, ...(invalid === undefined ? {} : { undecodable: `${invalid}, so it was not checked.${advice}` }) };
  }

  /** Applies the safe fixes and writes the file; the text now on disk, and what went wrong if anything. */
  function fixFile(task: FileTask, file: ReadFile): { text: string; fixed: boolean; failure?: string } {
    const { text } = file.document;
    const edit = service.getFixAllEdit(file.document, kept);
    if (!edit) return { text, fixed: false };
    const next = applyEdits(text, [edit]);
    try {
      // In the file's own encoding: a fix changes no byte it does not touch.
      writeFileAtomic(task.path, encodeText(next, file.encoded));
      return { text: next, fixed: true };
    } catch (error) {
      return { text, fixed: false, failure: `not fixed: ${writeFailure(error)}` };
    }
  }

  function checkFile(task: FileTask, file: ReadFile, fix: boolean): FileReport {
    if (!service.isReadout(file.document)) return { isReadout: false, diagnostics: [], fixed: false };
    // A readout whose bytes are not text: what it says is unknown, so it is neither checked nor fixed.
    if (file.undecodable !== undefined) return { isReadout: false, diagnostics: [], fixed: false, failure: file.undecodable };
    const { text, fixed, failure } = fix ? fixFile(task, file) : { text: file.document.text, fixed: false, failure: undefined };
    const document = { ...file.document, text };
    const diagnostics = toReported(diagnose(document), text);
    const entry = service.getEntry(document);
    const url = entry?.sourceUrl?.value;
    const follows = auto ? { followsLayout: entry !== undefined && entryFollowsLayout(entry, ARCHIVE_LAYOUT, setup.urls) } : {};
    // A value sliced from the text keeps all of the text alive, for as long as the run keeps the report.
    const sourceUrl = url === undefined ? undefined : Buffer.from(url, 'utf8').toString('utf8');
    return { isReadout: true, diagnostics, fixed, ...follows, ...(sourceUrl === undefined ? {} : { sourceUrl }), ...(failure === undefined ? {} : { failure }) };
  }

  /**
   * Never throws: a file that cannot be read, or that the checks fail on, is reported as such. With
   * the cache: the cached report of a file whose stat or content is the cached one's (and placed as
   * it was; with --fix, one with nothing to fix), else the file's check, each with the file's stamp.
   */
  function checkTask(task: FileTask, fix: boolean, cache?: { readonly cached: CachedFile | undefined; readonly racyFrom: number }): FileReport {
    const failed = (failure: string): FileReport => ({ isReadout: false, diagnostics: [], fixed: false, failure });
    const cached = cache?.cached;
    const usable = usableEntry(task, cached, fix);
    // Taken before the file is read: a change while it is read leaves the stamp older than the content, never newer.
    let stats: Stats | undefined;
    if (cache) {
      try {
        stats = statSync(task.path);
      } catch {
        // Reading it below says why.
      }
      if (usable && stats && statStandsFor(stats, cached.stamp, cache.racyFrom)) return { ...cached.report, stamp: cached.stamp };
    }
    let file: ReadFile;
    try {
      file = read(task);
    } catch (error) {
      return failed(error instanceof RefusedFileError ? error.message : `it could not be read (${(error as Error).message})`);
    }
    const hash = stats && hashBytes(file.bytes);
    if (usable && hash === cached.stamp.hash) return { ...cached.report, stamp: stampOf(stats!, hash) };
    let report: FileReport;
    try {
      report = checkFile(task, file, fix);
    } catch (error) {
      // A bug in the checks must not pass for a clean file.
      return failed(`checking it failed: ${(error as Error).stack ?? error}`);
    }
    return hash === undefined || report.fixed || report.failure !== undefined ? report : { ...report, stamp: stampOf(stats!, hash) };
  }

  return ({ tasks, fix, compare, cache }) => {
    for (const entry of [...index.entries()]) index.delete(entry.uri);
    if (compare) {
      // Every file sharing a URL is in the batch: index them all, then check each against the others.
      for (const task of tasks) {
        try {
          const entry = service.getEntry(read(task).document);
          if (entry) index.set(entry);
        } catch {
          // Checking the file below reports why it cannot be read.
        }
      }
    }
    return tasks.map((task, at) => checkTask(task, fix, cache && { cached: cache.entries[at], racyFrom: cache.racyFrom }));
  };
}
