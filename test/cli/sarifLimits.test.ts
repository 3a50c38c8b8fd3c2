// What GitHub code scanning takes in one SARIF run (25,000 results, 1,000 locations in a result;
// past either it rejects the upload whole): the log is cut to fit, most severe first, and says so.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { Severity } from '../../server/src/core/types';
import { formatSarif, MAX_RELATED_LOCATIONS, MAX_RESULTS } from '../../server/src/cli/formatSarif';
import { countProblems, type CheckResult, type ReportedDiagnostic, type ReportedFile } from '../../server/src/cli/report';
import { loadRuleDocs } from '../../server/src/cli/ruleDocs';

const CWD = path.resolve('/archive');
const RANGE = { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } };

interface SarifRun {
  results: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; relatedLocations?: unknown[] }[];
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
}

function diagnostic(severity: Severity, related = 0): ReportedDiagnostic {
  const relatedInformation = Array.from({ length: related }, (_, at) => ({ uri: pathToFileURL(path.join(CWD, `copy-${at}.md`)).href, range: RANGE, message: 'The same source_url' }));
  return { code: severity === 'error' ? 'duplicate-source-url' : 'unknown-key', severity, message: `a ${severity}`, range: RANGE, fixable: false, ...(related > 0 ? { related: relatedInformation } : {}) };
}

function run(files: ReportedFile[]): SarifRun {
  const result: CheckResult = { files, readouts: files.length, counts: countProblems(files), fixed: 0, errorsOnly: false, cwd: CWD };
  return (JSON.parse(formatSarif(result, loadRuleDocs())) as { runs: SarifRun[] }).runs[0];
}

const file = (name: string, diagnostics: ReportedDiagnostic[]): ReportedFile => ({ path: path.join(CWD, name), isReadout: true, diagnostics, fixed: false });

test(`over ${MAX_RESULTS.toLocaleString('en-US')} results: the errors kept first, in the files' order, and a notification says how many were left out and where to see them`, () => {
  // Warnings in the first files, errors in the last: the errors must all be kept.
  const warnings = Array.from({ length: 250 }, (_, at) => file(`w${String(at).padStart(3, '0')}.md`, Array.from({ length: 100 }, () => diagnostic('warning'))));
  const errors = Array.from({ length: 10 }, (_, at) => file(`e${at}.md`, Array.from({ length: 2 }, () => diagnostic('error'))));
  const sarif = run([...warnings, ...errors]);
  assert.equal(sarif.results.length, MAX_RESULTS);
  assert.equal(sarif.results.filter((one) => one.level === 'error').length, 20);
  // Kept in order: the warnings of the first files, then the errors.
  assert.equal(sarif.results[0].locations[0].physicalLocation.artifactLocation.uri, 'w000.md');
  assert.equal(sarif.results.at(-1)!.locations[0].physicalLocation.artifactLocation.uri, 'e9.md');
  assert.deepEqual(sarif.invocations[0].toolExecutionNotifications, [{
    level: 'warning',
    message: { text: '20 of 25,020 results are left out of this log: code scanning takes at most 25,000 in a run. The errors are kept first, then the warnings, then the notes. `readout check --format json` lists them all.' },
  }]);
  assert.equal(sarif.invocations[0].executionSuccessful, true);
});

test(`exactly ${MAX_RESULTS.toLocaleString('en-US')} results: all of them, and no notification`, () => {
  const sarif = run(Array.from({ length: 250 }, (_, at) => file(`w${at}.md`, Array.from({ length: 100 }, () => diagnostic('information')))));
  assert.equal(sarif.results.length, MAX_RESULTS);
  assert.deepEqual(sarif.invocations[0].toolExecutionNotifications, []);
});

test(`a result with more than ${MAX_RELATED_LOCATIONS.toLocaleString('en-US')} related places links the first ${MAX_RELATED_LOCATIONS.toLocaleString('en-US')} and says how many more there are`, () => {
  const sarif = run([file('shared.md', [diagnostic('error', MAX_RELATED_LOCATIONS + 5), diagnostic('error', 3)])]);
  assert.equal(sarif.results[0].relatedLocations!.length, MAX_RELATED_LOCATIONS);
  assert.equal(sarif.results[0].message.text, 'a error (the first 1,000 related places are linked, 5 more are not)');
  assert.deepEqual([sarif.results[1].relatedLocations!.length, sarif.results[1].message.text], [3, 'a error']);
});
