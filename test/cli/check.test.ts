// `readout check` run as a subprocess: the stylish, JSON and SARIF reports, exit statuses, which
// files are read, duplicate-source-url across files, and worker threads against the main thread.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { COPY_VARIANTS, generateCorpus } from '../corpus';
import { buildCli, CLI_PATH, Fixture, REPO_ROOT } from './cli';
import { CLEAN_READOUT, coreDiagnostics, ERROR_READOUT, INFO_READOUT, MIXED_READOUT, NOT_A_READOUT, REFERENCE, SITE_PAGE, WARNING_READOUT } from './readouts';

const SEVERITY_WORDS: Record<string, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

interface JsonReport {
  readouts: number;
  problems: { error: number; warning: number; information: number; hint: number; fixable: number };
  fixed: number;
  files: { path: string; fixed: boolean; failure?: string; diagnostics: (ReturnType<typeof coreDiagnostics>[number] & { docs: string; related?: { path: string; line: number; column: number; message: string }[] })[] }[];
}

before(buildCli);

describe('the stylish report (the default)', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'archive/b-error.md': ERROR_READOUT, 'archive/a-warning.md': WARNING_READOUT, 'archive/c-info.txt': INFO_READOUT, 'archive/clean.md': CLEAN_READOUT, 'README.md': NOT_A_READOUT });
  });
  after(() => fixture.remove());

  test('lists each file with problems, sorted, then its problems as line:col, severity, message, code and whether --fix fixes it, then a summary', async () => {
    const result = await fixture.run(['check']);
    const block = (name: string, text: string) => {
      const rows = coreDiagnostics(text);
      assert.ok(rows.length > 0, `the fixture ${name} has a problem`);
      const lineWidth = Math.max(...rows.map((row) => String(row.line).length));
      const columnWidth = Math.max(...rows.map((row) => String(row.column).length));
      const severityWidth = Math.max(...rows.map((row) => SEVERITY_WORDS[row.severity].length));
      const messageWidth = Math.max(...rows.map((row) => row.message.length));
      const codeWidth = Math.max(...rows.map((row) => row.code.length));
      const code = (row: (typeof rows)[number]) => (row.fixable ? `${row.code.padEnd(codeWidth)}  (fixable)` : row.code);
      const lines = rows.map((row) => `  ${String(row.line).padStart(lineWidth)}:${String(row.column).padEnd(columnWidth)}  ${SEVERITY_WORDS[row.severity].padEnd(severityWidth)}  ${row.message.padEnd(messageWidth)}  ${code(row)}`);
      return `${name}\n${lines.join('\n')}\n`;
    };
    const expected = [
      block('archive/a-warning.md', WARNING_READOUT),
      block('archive/b-error.md', ERROR_READOUT),
      block('archive/c-info.txt', INFO_READOUT),
      '✖ 3 problems (1 error, 1 warning, 1 info)\n  2 of them can be fixed with `readout check --fix`.\n',
    ].join('\n');
    assert.equal(result.stdout, expected);
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
  });

  test("marks each problem that --fix would fix with '(fixable)' after its code, the marks of a file aligned", async () => {
    const mixed = new Fixture({ 'mixed.md': MIXED_READOUT });
    try {
      const result = await mixed.run(['check']);
      assert.equal(result.stdout, [
        'mixed.md',
        "  3:1   warning  Unknown field 'publishd_time'. Did you mean 'published_time'?                                                                    unknown-field      (fixable)",
        "  4:95  info     The slug in 'source_url' is not the title's ('readout-of-a-call'): the title was edited after publication, or the URL is wrong.  url-slug-mismatch",
        "  5:7   error    Unknown tag 'statement-releases'. Did you mean 'statements-releases'?                                                            unknown-value      (fixable)",
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '  2 of them can be fixed with `readout check --fix`.',
        '',
      ].join('\n'));
      assert.equal(result.status, 1);
    } finally {
      mixed.remove();
    }
  });

  test('no colour when stdout is not a terminal', async () => {
    const result = await fixture.run(['check']);
    assert.doesNotMatch(result.stdout, /\u001b\[/);
  });

  test('a clean archive: one line saying so, exit 0', async () => {
    const clean = new Fixture({ 'a.md': REFERENCE, 'notes.md': NOT_A_READOUT });
    try {
      const result = await clean.run(['check']);
      assert.equal(result.stdout, '✔ 1 readout checked: no problems.\n');
      assert.equal(result.status, 0);
    } finally {
      clean.remove();
    }
  });
});

describe('the summary names only what is there', () => {
  // Copies of a readout share its source_url: duplicate-source-url is turned off, so that each
  // copy has only its own problem; `levels` sets others.
  const summaryOf = async (files: Record<string, string>, levels: Record<string, string> = {}) => {
    const fixture = new Fixture({ ...files, '.readoutrc.json': JSON.stringify({ rules: { 'duplicate-source-url': 'off', ...levels } }) });
    try {
      const result = await fixture.run(['check']);
      return result.stdout.slice(result.stdout.indexOf('✖'));
    } finally {
      fixture.remove();
    }
  };
  const HINTS = { 'url-slug-mismatch': 'hint' };

  test('warnings alone: no errors named', async () => {
    assert.equal(await summaryOf({ 'a.md': WARNING_READOUT }), '✖ 1 problem (1 warning)\n  1 of them can be fixed with `readout check --fix`.\n');
    assert.equal(await summaryOf({ 'a.md': WARNING_READOUT, 'b.md': WARNING_READOUT }), '✖ 2 problems (2 warnings)\n  2 of them can be fixed with `readout check --fix`.\n');
  });

  test('errors and infos: no warnings named', async () => {
    assert.equal(await summaryOf({ 'a.md': ERROR_READOUT, 'b.md': INFO_READOUT, 'c.md': INFO_READOUT }), '✖ 3 problems (1 error, 2 infos)\n  1 of them can be fixed with `readout check --fix`.\n');
  });

  test('infos alone, and hints only when there are some', async () => {
    assert.equal(await summaryOf({ 'a.md': INFO_READOUT }), '✖ 1 problem (1 info)\n');
    assert.equal(await summaryOf({ 'a.md': INFO_READOUT }, HINTS), '✖ 1 problem (1 hint)\n');
    assert.equal(await summaryOf({ 'a.md': ERROR_READOUT, 'b.md': WARNING_READOUT, 'c.md': INFO_READOUT, 'd.md': INFO_READOUT }, HINTS), '✖ 4 problems (1 error, 1 warning, 2 hints)\n  2 of them can be fixed with `readout check --fix`.\n');
  });
});

// util-linux's `script` gives the command a terminal (BSD's, on macOS, takes other arguments).
const SCRIPT = '/usr/bin/script';
const hasTerminal = process.platform === 'linux' && existsSync(SCRIPT);

describe('on a terminal', { skip: !hasTerminal && "needs util-linux's script(1) for a pseudo-terminal" }, () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'a.md': ERROR_READOUT });
  });
  after(() => fixture.remove());

  const inTerminal = (env: Record<string, string>, args: readonly string[] = []) => {
    const command = [process.execPath, CLI_PATH, 'check', ...args].map((word) => JSON.stringify(word)).join(' ');
    const environment: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', ...env };
    if (env.NO_COLOR === undefined) delete environment.NO_COLOR;
    return spawnSync(SCRIPT, ['-qec', command, '/dev/null'], { cwd: fixture.folder, encoding: 'utf8', env: environment });
  };

  test('the report is coloured', () => {
    const result = inTerminal({});
    assert.match(result.stdout, /\u001b\[31merror\u001b\[39m/);
    assert.equal(result.status, 1);
  });

  test('progress on stderr while checking, cleared before the report', () => {
    const result = inTerminal({});
    assert.match(result.stdout, /\rChecking readouts 1\/1\u001b\[K\r\u001b\[K/);
  });

  test('a report written with -o has no colours; the terminal gets only the progress', async () => {
    const result = inTerminal({}, ['-o', 'report.txt']);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '\rChecking readouts 1/1\u001b[K\r\u001b[K');
    assert.equal(readFileSync(fixture.path('report.txt'), 'utf8'), (await fixture.run(['check'])).stdout);
    assert.doesNotMatch(readFileSync(fixture.path('report.txt'), 'utf8'), /\u001b\[/);
  });

  test('never with NO_COLOR', () => {
    const result = inTerminal({ NO_COLOR: '1' });
    assert.doesNotMatch(result.stdout, /\u001b\[\d/);
    assert.match(result.stdout, /  error  Unknown tag/);
  });
});

describe('--format json', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'archive/error.md': ERROR_READOUT, 'archive/warning.md': WARNING_READOUT, 'archive/clean.md': CLEAN_READOUT });
  });
  after(() => fixture.remove());

  test('the counts, and each file with problems with the core diagnostics at 1-based positions', async () => {
    const result = await fixture.run(['check', '--format', 'json']);
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.readouts, 3);
    assert.deepEqual(report.problems, { error: 1, warning: 1, information: 0, hint: 0, fixable: 2 });
    assert.equal(report.fixed, 0);
    assert.deepEqual(report.files.map((file) => file.path), ['archive/error.md', 'archive/warning.md']);
    const docs = (code: string) => `https://github.com/readout-tools/readout/blob/main/docs/rules.md#${code.toLowerCase()}`;
    assert.deepEqual(report.files[0].diagnostics, coreDiagnostics(ERROR_READOUT).map((expected) => ({ ...expected, docs: docs(expected.code) })));
    assert.deepEqual(report.files[1].diagnostics, coreDiagnostics(WARNING_READOUT).map((expected) => ({ ...expected, docs: docs(expected.code) })));
    assert.deepEqual(report.files.map((file) => file.fixed), [false, false]);
  });

  test('-f is the short form of --format', async () => {
    for (const format of ['json', 'sarif', 'stylish']) {
      const long = await fixture.run(['check', '--format', format]);
      const short = await fixture.run(['check', '-f', format]);
      assert.equal(short.stdout, long.stdout, format);
      assert.equal(short.status, 1, format);
    }
    assert.deepEqual((JSON.parse((await fixture.run(['check', '-f', 'json'])).stdout) as JsonReport).problems, { error: 1, warning: 1, information: 0, hint: 0, fixable: 2 });
  });

  test('a clean archive: no files, exit 0', async () => {
    const result = await fixture.run(['check', '--format', 'json', 'archive/clean.md']);
    assert.equal(result.status, 0);
    assert.deepEqual(JSON.parse(result.stdout), { readouts: 1, problems: { error: 0, warning: 0, information: 0, hint: 0, fixable: 0 }, fixed: 0, files: [] });
  });
});

interface SarifRegion { startLine: number; startColumn: number; endLine: number; endColumn: number }
interface SarifLocation { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: SarifRegion }; message?: { text: string }; id?: number }
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; helpUri: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: SarifLocation[]; relatedLocations?: SarifLocation[] }[];
  }[];
}

describe('--format sarif', () => {
  let fixture: Fixture;
  let log: SarifLog;
  let status: number | null;
  before(async () => {
    fixture = new Fixture({ 'archive/error.md': ERROR_READOUT, 'archive/info.txt': INFO_READOUT, 'archive/copy one.md': CLEAN_READOUT, 'archive/copy-two.md': CLEAN_READOUT });
    const result = await fixture.run(['check', '--format', 'sarif']);
    status = result.status;
    log = JSON.parse(result.stdout) as SarifLog;
  });
  after(() => fixture.remove());

  test('is SARIF 2.1.0 with its schema, one run, and the tool named with its version', () => {
    assert.equal(status, 1);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0].tool;
    assert.equal(driver.name, 'readout');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    assert.deepEqual(log.runs[0].invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  test('lists every rule of the catalog with its default level and an https help link to its section', async () => {
    const { RULES } = await import('../../server/src/core/catalog');
    const { rules } = log.runs[0].tool.driver;
    const rulesDoc = readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
    assert.deepEqual(rules.map((rule) => rule.id), Object.keys(RULES));
    const levels: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
    for (const rule of rules) {
      assert.equal(rule.defaultConfiguration.level, levels[RULES[rule.id as keyof typeof RULES]], rule.id);
      assert.match(rule.helpUri, /^https:\/\/github\.com\/readout-tools\/readout\/blob\/main\/docs\/rules\.md#[a-z-]+$/, rule.id);
      assert.ok(rule.shortDescription.text.length > 0, rule.id);
      assert.ok(rule.help.text.includes(rule.helpUri), rule.id);
      // Every code has its own section in docs/rules.md, which its link points at.
      assert.ok(rulesDoc.includes(`\n### \`${rule.id}\`\n`) && rule.helpUri.endsWith(`#${rule.id}`), `docs/rules.md has no section for ${rule.id}`);
    }
    assert.equal(rules.find((rule) => rule.id === 'unknown-value')!.helpUri.split('#')[1], 'unknown-value');
    assert.match(rules.find((rule) => rule.id === 'unknown-value')!.help.markdown, /Unknown tag 'statement-releases'/);
  });

  test('gives each diagnostic as a result: its rule, level, message and 1-based region in a path relative to the checkout', () => {
    const { results, originalUriBaseIds, tool } = log.runs[0];
    assert.match(originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
    const byFile = (uri: string) => results.filter((result) => result.locations[0].physicalLocation.artifactLocation.uri === uri);
    const expect = (uri: string, text: string) => {
      const found = byFile(uri);
      const expected = coreDiagnostics(text).filter((diagnostic) => diagnostic.code !== 'duplicate-source-url');
      assert.deepEqual(found.map((result) => ({
        ruleId: result.ruleId,
        level: result.level,
        message: result.message.text,
        location: result.locations[0].physicalLocation,
      })), expected.map((diagnostic) => ({
        ruleId: diagnostic.code,
        level: { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[diagnostic.severity],
        message: diagnostic.message,
        location: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          region: { startLine: diagnostic.line, startColumn: diagnostic.column, endLine: diagnostic.endLine, endColumn: diagnostic.endColumn },
        },
      })));
      for (const result of found) assert.equal(tool.driver.rules[result.ruleIndex].id, result.ruleId);
    };
    expect('archive/error.md', ERROR_READOUT);
    expect('archive/info.txt', INFO_READOUT);
  });

  test('duplicate-source-url points at the other file as a related location (paths percent-encoded)', () => {
    const duplicates = log.runs[0].results.filter((result) => result.ruleId === 'duplicate-source-url');
    assert.deepEqual(duplicates.map((result) => result.locations[0].physicalLocation.artifactLocation.uri), ['archive/copy%20one.md', 'archive/copy-two.md']);
    assert.equal(duplicates[0].level, 'warning');
    const related = duplicates[0].relatedLocations!;
    assert.equal(related.length, 1);
    assert.equal(related[0].physicalLocation.artifactLocation.uri, 'archive/copy-two.md');
    assert.deepEqual(related[0].physicalLocation.region, duplicates[1].locations[0].physicalLocation.region);
    assert.equal(related[0].message!.text, 'The same source_url');
  });
});

describe('exit status', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'error.md': ERROR_READOUT, 'warning.md': WARNING_READOUT, 'info.md': INFO_READOUT, 'clean.md': CLEAN_READOUT });
  });
  after(() => fixture.remove());

  test('0 without errors, whatever the warnings and infos', async () => {
    assert.equal((await fixture.run(['check', 'clean.md'])).status, 0);
    assert.equal((await fixture.run(['check', 'warning.md', 'info.md'])).status, 0);
  });

  test('1 with an error', async () => {
    assert.equal((await fixture.run(['check', 'error.md'])).status, 1);
    assert.equal((await fixture.run(['check'])).status, 1);
  });

  test('1 with more warnings than --max-warnings, saying so on stderr', async () => {
    const over = await fixture.run(['check', '--max-warnings', '0', 'warning.md']);
    assert.equal(over.status, 1);
    assert.equal(over.stderr, 'readout: too many warnings: 1, more than --max-warnings 0.\n');
    const atLimit = await fixture.run(['check', '--max-warnings', '1', 'warning.md', 'info.md']);
    assert.equal(atLimit.status, 0);
    assert.equal(atLimit.stderr, '');
  });
});

describe('--quiet: errors only', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'mixed.md': MIXED_READOUT, 'warning.md': WARNING_READOUT, 'info.md': INFO_READOUT });
  });
  after(() => fixture.remove());

  test('the stylish report shows and counts only the errors', async () => {
    const result = await fixture.run(['check', '--quiet']);
    assert.equal(result.stdout, [
      'mixed.md',
      "  5:7  error  Unknown tag 'statement-releases'. Did you mean 'statements-releases'?  unknown-value  (fixable)",
      '',
      '✖ 1 problem (1 error)',
      '  1 of them can be fixed with `readout check --fix`.',
      '',
    ].join('\n'));
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
  });

  test('without errors: says so, exit 0, and warnings count for nothing, --max-warnings included', async () => {
    const result = await fixture.run(['check', '--quiet', '--max-warnings', '0', 'warning.md', 'info.md']);
    assert.equal(result.stdout, '✔ 2 readouts checked: no errors.\n');
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
  });

  test('JSON leaves the other problems out, from the files and from the counts', async () => {
    const result = await fixture.run(['check', '--quiet', '-f', 'json']);
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.readouts, 3);
    assert.deepEqual(report.problems, { error: 1, warning: 0, information: 0, hint: 0, fixable: 1 });
    assert.deepEqual(report.files.map((file) => [file.path, file.diagnostics.map((diagnostic) => diagnostic.code)]), [['mixed.md', ['unknown-value']]]);
  });

  test('SARIF has results for the errors only (its rules are still every rule)', async () => {
    const result = await fixture.run(['check', '--quiet', '-f', 'sarif']);
    assert.equal(result.status, 1);
    const [run] = (JSON.parse(result.stdout) as SarifLog).runs;
    assert.deepEqual(run.results.map((item) => [item.ruleId, item.level, item.locations[0].physicalLocation.artifactLocation.uri]), [['unknown-value', 'error', 'mixed.md']]);
    assert.ok(run.tool.driver.rules.some((rule) => rule.id === 'title-whitespace'));
  });
});

describe('--output-file (-o)', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'error.md': ERROR_READOUT, 'warning.md': WARNING_READOUT, 'reports/.keep': '' });
  });
  after(() => fixture.remove());

  test('writes the report to the file instead of stdout, with the same exit status', async () => {
    for (const [format, file] of [['json', 'report.json'], ['sarif', 'reports/readout.sarif'], ['stylish', 'report.txt']]) {
      const printed = await fixture.run(['check', '-f', format]);
      const written = await fixture.run(['check', '-f', format, '--output-file', file]);
      assert.equal(written.stdout, '', format);
      assert.equal(written.stderr, '', format);
      assert.equal(written.status, 1, format);
      assert.equal(readFileSync(fixture.path(file), 'utf8'), printed.stdout, format);
    }
    const short = await fixture.run(['check', '-o', 'short.txt']);
    assert.equal(short.stdout, '');
    assert.match(readFileSync(fixture.path('short.txt'), 'utf8'), /^error\.md\n/);
  });

  test('messages stay on stderr', async () => {
    const result = await fixture.run(['check', '--max-warnings', '0', 'warning.md', '-o', 'warnings.txt']);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'readout: too many warnings: 1, more than --max-warnings 0.\n');
    assert.match(readFileSync(fixture.path('warnings.txt'), 'utf8'), /^warning\.md\n/);
  });

  test('replaces an earlier report atomically: a write that fails leaves it as it was, says why, exit 2', async () => {
    const report = fixture.write('reports/old.txt', 'the last report\n');
    const result = await fixture.run(['check', '-o', 'reports/old.txt'], { env: { READOUT_FAIL_WRITE: report } });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'readout check: cannot write the report to reports/old.txt: it could not be written (ENOSPC: no space left on device, write).\n');
    assert.equal(readFileSync(report, 'utf8'), 'the last report\n');
    assert.deepEqual(readdirSync(fixture.path('reports')).filter((name) => name.endsWith('.tmp')), []);
  });

  test('a folder that does not exist: exit 2 before anything is checked or fixed', async () => {
    const result = await fixture.run(['check', '--fix', '-o', 'missing/report.txt']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'readout check: cannot write the report to missing/report.txt: its folder does not exist.\n');
    assert.equal(readFileSync(fixture.path('error.md'), 'utf8'), ERROR_READOUT);
  });

  test('a folder in place of the file: exit 2', async () => {
    const result = await fixture.run(['check', '-o', 'reports']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'readout check: cannot write the report to reports: it is a folder.\n');
  });
});

describe('which files are read', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({
      'archive/2023/error.md': ERROR_READOUT,
      'archive/2023/notes.txt': NOT_A_READOUT,
      'archive/2024/warning.md': WARNING_READOUT,
      'drafts/info.md': INFO_READOUT,
      'site/page.md': SITE_PAGE,
      'node_modules/pkg/readme.md': ERROR_READOUT,
      'archive/2023/ignored.html': ERROR_READOUT,
    });
  });
  after(() => fixture.remove());

  const checkedPaths = async (args: string[], cwd = fixture.folder) => {
    const result = await fixture.run(['check', '--format', 'json', ...args], { cwd });
    return (JSON.parse(result.stdout) as JsonReport).files.map((file) => file.path);
  };

  test('by default, every .md and .txt file under the current folder less exclude; of those, the readouts by their fields', async () => {
    const result = await fixture.run(['check', '--format', 'json']);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(report.files.map((file) => file.path), ['archive/2023/error.md', 'archive/2024/warning.md', 'drafts/info.md']);
    assert.equal(report.readouts, 3);
    assert.deepEqual(await checkedPaths([], fixture.path('archive')), ['2023/error.md', '2024/warning.md']);
  });

  test('a folder: the files under it; a file: that file, whatever its extension; a glob: what it matches', async () => {
    assert.deepEqual(await checkedPaths(['archive/2024']), ['archive/2024/warning.md']);
    assert.deepEqual(await checkedPaths(['archive/2023/ignored.html']), ['archive/2023/ignored.html']);
    assert.deepEqual(await checkedPaths(['**/error.md', 'drafts']), ['archive/2023/error.md', 'drafts/info.md']);
  });

  test("a static site's page named on the command line is still no readout", async () => {
    const result = await fixture.run(['check', 'site/page.md']);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /^No readouts found in site\/page\.md \(1 file looked at/);
  });

  test('a path that does not exist, or a glob that matches nothing, is bad usage', async () => {
    const missing = await fixture.run(['check', 'archive/1999']);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, "readout check: 'archive/1999' does not exist (no such file or folder).\n");
    const unmatched = await fixture.run(['check', 'archive/**/*.rst']);
    assert.equal(unmatched.status, 2);
    assert.equal(unmatched.stderr, "readout check: no files match 'archive/**/*.rst'.\n");
  });
});

describe("the configuration's files and exclude", () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({
      '.readoutrc.json': JSON.stringify({ files: ['archive/**'], exclude: ['archive/drafts/**', '**/node_modules/**'] }),
      'archive/2023/error.md': ERROR_READOUT,
      'archive/2023/page.md': SITE_PAGE,
      'archive/2023/page.html': SITE_PAGE,
      'archive/drafts/warning.md': WARNING_READOUT,
      'site/page.md': SITE_PAGE,
      'site/info.md': INFO_READOUT,
    });
  });
  after(() => fixture.remove());

  const report = async (args: string[]) => JSON.parse((await fixture.run(['check', '--format', 'json', ...args])).stdout) as JsonReport;

  test('in files, any front matter makes a readout, whatever its extension; elsewhere the fields decide', async () => {
    const { files, readouts } = await report([]);
    const codes = (name: string) => files.find((file) => file.path === name)?.diagnostics.map((diagnostic) => diagnostic.code);
    assert.deepEqual(files.map((file) => file.path), ['archive/2023/error.md', 'archive/2023/page.html', 'archive/2023/page.md', 'site/info.md']);
    assert.deepEqual(codes('archive/2023/page.md'), ['missing-field', 'missing-field', 'missing-field', 'unknown-field']);
    assert.equal(readouts, 4);
  });

  test('exclude silences a readout, listed or named on the command line', async () => {
    assert.equal((await report(['archive/drafts'])).readouts, 0);
    const named = await fixture.run(['check', 'archive/drafts/warning.md']);
    assert.equal(named.status, 0);
    assert.match(named.stderr, /^No readouts found in archive\/drafts\/warning\.md \(1 file looked at/);
  });
});

describe('a folder with no readouts', () => {
  test('exits 0 and says "No readouts found" on stderr', async () => {
    const fixture = new Fixture({ 'README.md': NOT_A_READOUT, 'docs/notes.txt': NOT_A_READOUT });
    try {
      const result = await fixture.run(['check']);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, "No readouts found in . (2 files looked at). A readout's front matter has source_url or published_time; to check any front matter in a folder, name it in 'files' in .readoutrc.json.\n");
      const sarif = await fixture.run(['check', '--format', 'sarif']);
      assert.equal(sarif.status, 0);
      assert.deepEqual((JSON.parse(sarif.stdout) as SarifLog).runs[0].results, []);
    } finally {
      fixture.remove();
    }
  });

  test('an empty folder too', async () => {
    const fixture = new Fixture();
    try {
      const result = await fixture.run(['check']);
      assert.equal(result.status, 0);
      assert.match(result.stderr, /^No readouts found in \. \(0 files looked at/);
    } finally {
      fixture.remove();
    }
  });
});

describe('duplicate-source-url across a large run', () => {
  let fixture: Fixture;
  before(() => {
    // Six batches of files, for two worker threads; a copy every 97th readout.
    // No title edited after its URL was minted, nor spaced as published: the copies' warnings are all there is.
    const corpus = generateCorpus({ ...COPY_VARIANTS, count: 1500, duplicateUrlEvery: 97, editedTitleShare: 0, spacedTitleShare: 0 });
    fixture = new Fixture(Object.fromEntries(corpus.map((readout) => [readout.relativePath, readout.text])));
  });
  after(() => fixture.remove());

  test('worker threads report exactly what the main thread alone reports', async () => {
    const alone = await fixture.run(['check', '--format', 'json', '--concurrency', 'off']);
    const threads = await fixture.run(['check', '--format', 'json', '--concurrency', '2']);
    const three = await fixture.run(['check', '--format', 'json', '--concurrency', '3']);
    assert.equal(alone.status, 0);
    const report = JSON.parse(alone.stdout) as JsonReport;
    assert.equal(report.readouts, 1500);
    // Each of the 15 copies and the readout it copies: at least 30 files.
    assert.ok(report.problems.warning >= 30, `${report.problems.warning} warnings`);
    assert.ok(report.files.every((file) => file.diagnostics.every((diagnostic) => diagnostic.code === 'duplicate-source-url' && diagnostic.related!.length >= 1)));
    assert.equal(threads.stdout, alone.stdout);
    assert.equal(three.stdout, alone.stdout);
    assert.equal(threads.status, 0);
  });
});
