import { defaultSeverity, type RuleLevels } from './catalog';
import { lineBreak, removeField } from './edits';
import { fieldProblems } from './fieldRules';
import { hasReadoutField } from './detection';
import type { Layout } from './layout';
import { layoutProblems } from './layoutRule';
import { findFrontMatter, parseReadout, type Field, type ParsedReadout } from './frontMatter';
import type { ReadoutSchema } from './schema';
import { schemaProblems } from './schemaDiagnostics';
import { schemaFixes } from './schemaFixes';
import { span, type Diagnostic, type Fix, type RelatedInformation, type Span } from './types';
import type { UrlTemplate } from './urlTemplates';
import type { WorkspaceIndex } from './workspaceIndex';
import { workspaceProblems } from './workspaceRules';

/** Diagnostics of one code a document gets one by one; one more says how many others there are. */
export const MAX_DIAGNOSTICS_PER_CODE = 100;

/** The rules across fields that leave a readout's date or category in doubt. */
const CONTRADICTIONS = new Set(['date-mismatch', 'url-date-mismatch', 'url-category-mismatch']);

/** What the checks found before severities are applied. */
interface Finding {
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  /** Worked out only for the findings that are reported. */
  readonly fixes: () => readonly Fix[];
  readonly related?: readonly RelatedInformation[];
}

const NO_FIXES = (): readonly Fix[] => [];

/** The document's place in the workspace, for the rules that compare readouts across files. */
export interface WorkspaceContext {
  readonly uri: string;
  readonly index: WorkspaceIndex;
  /** The layout its file must follow, when one applies (`path-mismatch`). */
  readonly layout?: Layout;
}

/**
 * Parses a document if it is a readout: it opens with front matter that has a readout field
 * (`source_url`, `published_time`, or a near miss), or with any front matter when its path is in
 * `readout.files`. A document without front matter is never a readout, so notes and READMEs
 * beside an archive stay quiet, and neither is a static site's page (`title`, `date`, `tags`).
 */
export function readReadout(text: string, schema: ReadoutSchema, inReadoutFiles: boolean): ParsedReadout | undefined {
  // Decided from the raw keys first: a page that is not a readout costs no parse at all.
  if (!inReadoutFiles && !hasReadoutField(text)) return undefined;
  const block = findFrontMatter(text);
  if (!block) return undefined;
  return parseReadout(text, block, { knownFields: schema.keys });
}

function findings(readout: ParsedReadout, schema: ReadoutSchema, urls: readonly UrlTemplate[], workspace: WorkspaceContext | undefined): Finding[] {
  const block = readout.block!;
  if (!block.close) {
    return [{
      code: 'front-matter-unclosed',
      message: 'The front matter is never closed. End it with a line holding only `---`.',
      span: block.open,
      fixes: () => closeBlock(readout),
    }];
  }
  const repeats = lazy(() => new Map(readout.fields.map((repeat) => [repeat.key.start, repeat])));
  const result: Finding[] = readout.problems.map(({ code, message, span }) => ({ code, message, span, fixes: code === 'duplicate-key' ? () => removeRepeat(readout, repeats().get(span.start)) : NO_FIXES }));
  // Fields that already have a problem; rules that compare fields stay silent about them.
  const flawed = new Set<string>(readout.problems.flatMap((problem) => (problem.field === undefined ? [] : [problem.field])));
  // A field whose quote is never closed has no value to judge: its quote is the one problem.
  const problems = schemaProblems(readout, schema).filter((problem) => !readout.unreadable.has(String(problem.path[0] ?? '')));
  for (const problem of problems) flawed.add(String(problem.path[0] ?? ''));
  for (const problem of problems) result.push({ ...problem, fixes: () => schemaFixes(readout, problem, schema, flawed, urls) });
  // The rules about a readout's own fields (its dates, URL, title) leave alone a field the schema
  // does not declare: under a custom schema the name may mean something else, or nothing.
  const offLimits = new Set([...flawed, ...readout.fields.map((found) => found.name).filter((name) => !schema.keys.includes(name))]);
  const acrossFields = fieldProblems(readout, offLimits, urls);
  result.push(...acrossFields.map((problem) => ({ ...problem, fixes: () => problem.fixes })));
  if (workspace) result.push(...workspaceProblems(readout, workspace.uri, workspace.index, offLimits).map((problem) => ({ ...problem, fixes: NO_FIXES })));
  // Fields that contradict each other cannot say where the file belongs: that mistake is reported once.
  const contradicted = acrossFields.some((problem) => CONTRADICTIONS.has(problem.code));
  if (workspace?.layout && !contradicted) {
    result.push(...layoutProblems(readout, workspace.uri, workspace.layout, urls, offLimits).map((problem) => ({ ...problem, fixes: () => problem.fixes })));
  }
  return result.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** A value worked out on first use, then kept. */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

// A line that can belong to front matter: a key, a list item, an indented continuation, a comment.
const FRONT_MATTER_LINE = /^(?:[^\s#:-][^:]*:(?:[ \t]|\r?$)|[ \t]+\S|-[ \t]|#)/;

/** Offers a closing `---` after the lines that look like fields, before the first that does not. */
function closeBlock(readout: ParsedReadout): Fix[] {
  const { text, block } = readout;
  let at = block!.content.start;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? text.length : end);
    if (!FRONT_MATTER_LINE.test(line)) break;
    at = end === -1 ? text.length : end + 1;
  }
  if (at === block!.content.start) return [];
  const eol = lineBreak(readout);
  const lead = text[at - 1] === '\n' ? '' : eol;
  return [{ title: 'Close the front matter after the last field', edits: [{ span: span(at, at), newText: `${lead}---${eol}` }], safe: false, isPreferred: true }];
}

/** Removing a repeated top-level field is offered, not applied for you: either copy may be the one meant. */
function removeRepeat(readout: ParsedReadout, repeat: Field | undefined): Fix[] {
  if (!repeat) return [];
  // The data holds the last copy left.
  const kept = readout.fields.filter((candidate) => candidate.name === repeat.name && candidate !== repeat).at(-1)?.valueNode;
  const value = kept && readout.yaml ? kept.toJS(readout.yaml) : null;
  return [{ title: `Remove this '${repeat.name}' field`, edits: [removeField(readout, repeat)], changes: [{ path: [repeat.name], value }], safe: false, isPreferred: true }];
}

/**
 * Every diagnostic of a parsed readout, with severities from `levels` (a code set to 'off' is
 * dropped); `urls` are the forms a source_url is taken apart by. A mistake made over and over is
 * listed MAX_DIAGNOSTICS_PER_CODE times, in source order; one more diagnostic of its code, where
 * the next would be, says how many are left: the editor, the CLI's report and fix-all each get a
 * bounded list whatever the document holds. Each listed diagnostic works out its fixes when they
 * are first read, as made: the service checks each (fixCheck.ts) before it offers or applies it.
 */
export function readoutDiagnostics(readout: ParsedReadout, schema: ReadoutSchema, levels: RuleLevels, urls: readonly UrlTemplate[], workspace?: WorkspaceContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const counts = new Map<string, number>();
  const summaries = new Map<string, number>();
  for (const finding of findings(readout, schema, urls, workspace)) {
    const level = levels[finding.code] ?? defaultSeverity(finding.code);
    if (level === 'off') continue;
    const seen = (counts.get(finding.code) ?? 0) + 1;
    counts.set(finding.code, seen);
    if (seen <= MAX_DIAGNOSTICS_PER_CODE) {
      // Publishing needs no fixes, code actions those of the diagnostics under the cursor.
      const { fixes, ...found } = finding;
      const fixesOnce = lazy(fixes);
      diagnostics.push({ ...found, severity: level, get fixes() { return fixesOnce(); } });
    } else if (seen === MAX_DIAGNOSTICS_PER_CODE + 1) {
      summaries.set(finding.code, diagnostics.length);
      diagnostics.push({ code: finding.code, message: '', span: finding.span, fixes: [], severity: level });
    }
  }
  for (const [code, at] of summaries) {
    const more = counts.get(code)! - MAX_DIAGNOSTICS_PER_CODE;
    diagnostics[at] = { ...diagnostics[at], message: `And ${more.toLocaleString('en-US')} more ${code} problems from here on, not listed one by one.` };
  }
  return diagnostics;
}
