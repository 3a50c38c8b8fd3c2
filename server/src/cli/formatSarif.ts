// `--format sarif`: SARIF 2.1.0 for code-scanning uploads (GitHub's upload-sarif, Azure DevOps, ...).
// Every code of the catalog is a rule with its default level and its section of docs/rules.md;
// paths are relative to the current folder (the checkout, in CI) through %SRCROOT%.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../../package.json';
import { defaultSeverity, RULES } from '../core/catalog';
import type { LineRange } from '../core/lineIndex';
import type { Severity } from '../core/types';
import { REPOSITORY_URL, type RuleDocs } from './ruleDocs';
import { displayPath, uriPath, type CheckResult } from './report';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

const SOURCE_ROOT = '%SRCROOT%';

/**
 * What GitHub code scanning takes in one run: an upload with more results, or a result with more
 * locations, is rejected whole. Past them the log is cut, most severe first, and says so.
 */
export const MAX_RESULTS = 25_000;
export const MAX_RELATED_LOCATIONS = 1_000;

const LEVEL_RANK: Record<string, number> = { error: 0, warning: 1, note: 2 };

/** The results code scanning can take, most severe first and then in order, kept in their order; and how many are left out. */
function withinLimit<T extends { readonly level: string }>(results: readonly T[]): { kept: readonly T[]; left: number } {
  if (results.length <= MAX_RESULTS) return { kept: results, left: 0 };
  const chosen = results.map((result, at) => ({ rank: LEVEL_RANK[result.level], at }))
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .slice(0, MAX_RESULTS)
    .map(({ at }) => at)
    .sort((a, b) => a - b);
  return { kept: chosen.map((at) => results[at]), left: results.length - MAX_RESULTS };
}

export function formatSarif(result: CheckResult, docs: RuleDocs): string {
  const artifact = (file: string) => {
    const shown = displayPath(file, result.cwd);
    // Inside the current folder: a relative reference that code scanning resolves against the checkout.
    return shown === file
      ? { uri: pathToFileURL(file).href }
      : { uri: shown.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
  };
  const location = (file: string, range: LineRange) => ({
    physicalLocation: {
      artifactLocation: artifact(file),
      region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
    },
  });

  const codes = new Set<string>(Object.keys(RULES));
  for (const file of result.files) for (const diagnostic of file.diagnostics) codes.add(diagnostic.code);
  const ruleIndex = new Map([...codes].map((code, index) => [code, index]));
  const rules = [...codes].map((code) => {
    const doc = docs(code);
    const summary = doc.summary ?? `The front matter does not satisfy the schema's '${code}' keyword.`;
    return {
      id: code,
      shortDescription: { text: summary },
      helpUri: doc.url,
      help: { text: `${summary} See ${doc.url}`, markdown: doc.markdown ?? `${summary}\n\nSee [docs/rules.md](${doc.url}).` },
      defaultConfiguration: { level: LEVELS[defaultSeverity(code)] },
    };
  });

  const results = result.files.flatMap((file) => file.diagnostics.map((diagnostic) => {
    const related = diagnostic.related ?? [];
    const unlinked = related.length - MAX_RELATED_LOCATIONS;
    return {
      ruleId: diagnostic.code,
      ruleIndex: ruleIndex.get(diagnostic.code)!,
      level: LEVELS[diagnostic.severity],
      message: { text: unlinked > 0 ? `${diagnostic.message} (the first ${MAX_RELATED_LOCATIONS.toLocaleString('en-US')} related places are linked, ${unlinked.toLocaleString('en-US')} more are not)` : diagnostic.message },
      locations: [location(file.path, diagnostic.range)],
      ...(related.length > 0
        ? { relatedLocations: related.slice(0, MAX_RELATED_LOCATIONS).map((one, id) => ({ id, ...location(uriPath(one.uri), one.range), message: { text: one.message } })) }
        : {}),
    };
  }));
  const { kept, left } = withinLimit(results);
  const failures = result.files.filter((file) => file.failure !== undefined);
  const cut = left === 0 ? [] : [{
    level: 'warning',
    message: {
      text: `${left.toLocaleString('en-US')} of ${results.length.toLocaleString('en-US')} results are left out of this log: code scanning takes at most ${MAX_RESULTS.toLocaleString('en-US')} in a run. `
        + 'The errors are kept first, then the warnings, then the notes. `readout check --format json` lists them all.',
    },
  }];

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'readout', version, semanticVersion: version, informationUri: REPOSITORY_URL, rules } },
      invocations: [{
        executionSuccessful: failures.length === 0,
        toolExecutionNotifications: [...failures.map((file) => ({
          level: 'error',
          message: { text: `${displayPath(file.path, result.cwd)}: ${file.failure}` },
          locations: [{ physicalLocation: { artifactLocation: artifact(file.path) } }],
        })), ...cut],
      }],
      // A folder's URI ends with a slash, or relative references would resolve against its parent.
      originalUriBaseIds: { [SOURCE_ROOT]: { uri: new URL('./', pathToFileURL(path.join(result.cwd, 'x'))).href } },
      columnKind: 'utf16CodeUnits',
      results: kept,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
