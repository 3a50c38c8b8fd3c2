// `readout check` run as a subprocess: the stylish, JSON and SARIF reports, exit statuses, which
// files are read, duplicate-source-url across files, and worker threads against the main thread.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateCorpus } from '../corpus';
import { buildCli, CLI_PATH, Fixture, REPO_ROOT } from './cli';
import { CLEAN_READOUT, coreDiagnostics, ERROR_READOUT, INFO_READOUT, NOT_A_READOUT, REFERENCE, WARNING_READOUT } from './readouts';

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

  test('lists each file with problems, sorted, then its problems as line:col, severity, message and code, then a summary', async () => {
    const result = await fixture.run(['check']);
    const block = (name: string, text: string) => {
      const rows = coreDiagnostics(text);
      assert.ok(rows.length > 0, `the fixture ${name} has a problem`);
      const lineWidth = Math.max(...rows.map((row) => String(row.line).length));
      const columnWidth = Math.max(...rows.map((row) => String(row.column).length));
      const severityWidth = Math.max(...rows.map((row) => SEVERITY_WORDS[row.severity].length));
      const messageWidth = Math.max(...rows.map((row) => row.message.length));
      const lines = rows.map((row) => `  ${String(row.line).padStart(lineWidth)}:${String(row.column).padEnd(columnWidth)}  ${SEVERITY_WORDS[row.severity].padEnd(severityWidth)}  ${row.message.padEnd(messageWidth)}  ${row.code}`);
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

// util-linux's `script` gives the command a terminal (BSD's, on macOS, takes other arguments).
const SCRIPT = '/usr/bin/script';
const hasTerminal = process.platform === 'linux' && existsSync(SCRIPT);

describe('on a terminal', { skip: !hasTerminal && "needs util-linux's script(1) for a pseudo-terminal" }, () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'a.md': ERROR_READOUT });
  });
  after(() => fixture.remove());

  const inTerminal = (env: Record<string, string>) => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_PATH)} check`;
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

describe('which files are read', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({
      'archive/2023/error.md': ERROR_READOUT,
      'archive/2023/notes.txt': NOT_A_READOUT,
      'archive/2024/warning.md': WARNING_READOUT,
      'drafts/info.md': INFO_READOUT,
      'node_modules/pkg/readme.md': ERROR_READOUT,
      'archive/2023/ignored.html': ERROR_READOUT,
    });
  });
  after(() => fixture.remove());

  const checkedPaths = async (args: string[]) => {
    const result = await fixture.run(['check', '--format', 'json', ...args]);
    return (JSON.parse(result.stdout) as JsonReport).files.map((file) => file.path);
  };

  test('by default, files less exclude under the current folder', async () => {
    assert.deepEqual(await checkedPaths([]), ['archive/2023/error.md', 'archive/2024/warning.md', 'drafts/info.md']);
    const below = await fixture.run(['check', '--format', 'json'], { cwd: fixture.path('archive') });
    assert.deepEqual((JSON.parse(below.stdout) as JsonReport).files.map((file) => file.path), ['2023/error.md', '2024/warning.md']);
  });

  test('a folder: the files under it; a file: that file, whatever its extension; a glob: what it matches', async () => {
    assert.deepEqual(await checkedPaths(['archive/2024']), ['archive/2024/warning.md']);
    assert.deepEqual(await checkedPaths(['archive/2023/ignored.html']), ['archive/2023/ignored.html']);
    assert.deepEqual(await checkedPaths(['**/error.md', 'drafts']), ['archive/2023/error.md', 'drafts/info.md']);
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

describe('a folder with no readouts', () => {
  test('exits 0 and says "No readouts found" on stderr', async () => {
    const fixture = new Fixture({ 'README.md': NOT_A_READOUT, 'docs/notes.txt': NOT_A_READOUT });
    try {
      const result = await fixture.run(['check']);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^No readouts found in \. \(2 files looked at; 'files' is \["\*\*\/\*\.\{md,txt\}"\]\)\.\n$/);
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
    const corpus = generateCorpus({ count: 1500, duplicateUrlEvery: 97 });
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
