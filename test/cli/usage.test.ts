// Bad usage, and configurations or schemas that cannot be used: exit status 2, and a message that
// says what was wrong.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { buildCli, Fixture } from './cli';
import { CLEAN_READOUT, ERROR_READOUT, SITE_PAGE, WARNING_READOUT } from './readouts';

before(buildCli);

describe('bad usage: exit 2 and what was wrong', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'a.md': CLEAN_READOUT });
  });
  after(() => fixture.remove());

  const cases: [string[], string][] = [
    [['check', '--fixx'], "readout check: unknown option '--fixx'. Run 'readout check --help' for its options.\n"],
    [['check', '--format', 'xml'], "readout check: unknown format 'xml'. The formats are stylish, json, sarif.\n"],
    [['check', '--format'], "readout check: the option '--format' needs a value. Run 'readout check --help' for its options.\n"],
    [['check', '-f'], "readout check: the option '-f' needs a value. Run 'readout check --help' for its options.\n"],
    [['check', '-f', 'xml'], "readout check: unknown format 'xml'. The formats are stylish, json, sarif.\n"],
    [['check', '-o'], "readout check: the option '-o' needs a value. Run 'readout check --help' for its options.\n"],
    [['check', '--output-file'], "readout check: the option '--output-file' needs a value. Run 'readout check --help' for its options.\n"],
    [['check', '--fix=yes'], "readout check: the option '--fix' takes no value. Run 'readout check --help' for its options.\n"],
    [['check', '--quiet=yes'], "readout check: the option '--quiet' takes no value. Run 'readout check --help' for its options.\n"],
    [['check', '--max-warnings', '-1'], "readout check: the option '--max-warnings' needs a value (for one that starts with '-', write --max-warnings=-1). Run 'readout check --help' for its options.\n"],
    [['check', '--max-warnings=-1'], "readout check: --max-warnings takes a whole number of warnings (0 or more), not '-1'.\n"],
    [['check', '--max-warnings', 'ten'], "readout check: --max-warnings takes a whole number of warnings (0 or more), not 'ten'.\n"],
    [['check', '--concurrency', '0'], "readout check: --concurrency takes auto, off or a number of threads (1 or more), not '0'.\n"],
    [['lint'], "readout: unknown command 'lint'. The commands are check, merge, render and init; run 'readout --help'.\n"],
    [['render'], 'readout render: give one readout to render: readout render FILE [-o OUT.html].\n'],
    [['render', 'a.md', '-o'], "readout render: the option '-o' needs a value. Run 'readout render --help' for its options.\n"],
    [['render', 'a.md', 'b.md'], 'readout render: give one readout to render, not 2 files: readout render FILE [-o OUT.html].\n'],
    [['init', 'somewhere'], "readout init: it takes no paths (it writes .readoutrc.json in the current folder), not 'somewhere'.\n"],
  ];
  for (const [args, message] of cases) {
    test(`readout ${args.join(' ')}`, async () => {
      const result = await fixture.run(args);
      assert.equal(result.stderr, message);
      assert.equal(result.stdout, '');
      assert.equal(result.status, 2);
    });
  }

  test('no command: the help, on stderr', async () => {
    const result = await fixture.run([]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^readout: a command is needed\.\n\nUsage: readout <command>/);
  });

  test('readout check --help lists the short forms and the options taken from ESLint', async () => {
    const result = await fixture.run(['check', '--help']);
    assert.match(result.stdout, /^ {2}-f, --format stylish\|json\|sarif {2,}Output format \(default: stylish\)$/m);
    assert.match(result.stdout, /^ {2}-o, --output-file FILE {2,}Write the report to FILE \(atomically, no colours\) instead of stdout$/m);
    assert.match(result.stdout, /^ {2}--quiet {2,}Report and count errors only \(no warnings, infos, hints\); --fix fixes only errors$/m);
    assert.match(result.stdout, /\(fixable\)/);
  });

  test('--help and --version exit 0', async () => {
    for (const args of [['--help'], ['check', '--help'], ['render', '-h'], ['init', '--help']]) {
      const result = await fixture.run(args);
      assert.equal(result.status, 0, args.join(' '));
      assert.match(result.stdout, /^Usage: readout/, args.join(' '));
    }
    const version = await fixture.run(['--version']);
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('the configuration file', () => {
  test('is found upward from the checked path; its rules and files apply, relative to its folder', async () => {
    const fixture = new Fixture({
      '.readoutrc.json': JSON.stringify({ rules: { 'unknown-value': 'warning' }, files: ['archive/**/*.md'] }),
      'archive/2023/error.md': ERROR_READOUT,
      // No readout field: a readout only where files says any front matter makes one.
      'archive/2023/page.md': SITE_PAGE,
      'elsewhere/page.md': SITE_PAGE,
    });
    const outside = new Fixture();
    try {
      const result = await fixture.run(['check', '--format', 'json']);
      assert.equal(result.status, 1, result.stderr);
      const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string; severity: string }[] }[] };
      assert.deepEqual(report.files.map((file) => file.path), ['archive/2023/error.md', 'archive/2023/page.md']);
      assert.deepEqual(report.files[0].diagnostics.map(({ code, severity }) => ({ code, severity })), [{ code: 'unknown-value', severity: 'warning' }]);
      // Run from another folder on a folder below the file: the same file applies.
      const below = await outside.run(['check', '--format', 'json', fixture.path('archive/2023')]);
      assert.equal(below.status, 1, below.stderr);
      assert.equal((JSON.parse(below.stdout) as { files: { diagnostics: { severity: string }[] }[] }).files[0].diagnostics[0].severity, 'warning');
    } finally {
      fixture.remove();
      outside.remove();
    }
  });

  test('a rule set to off is not reported', async () => {
    const fixture = new Fixture({ '.readoutrc.json': '{ "rules": { "unknown-value": "off" } }\n', 'a.md': ERROR_READOUT });
    try {
      const result = await fixture.run(['check']);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, '✔ 1 readout checked: no problems.\n');
    } finally {
      fixture.remove();
    }
  });

  test('--config names one explicitly', async () => {
    const fixture = new Fixture({ 'config/strict.json': '{ "rules": { "unknown-field": "error" } }', 'a.md': WARNING_READOUT });
    try {
      assert.equal((await fixture.run(['check', 'a.md'])).status, 0);
      assert.equal((await fixture.run(['check', '--config', 'config/strict.json', 'a.md'])).status, 1);
    } finally {
      fixture.remove();
    }
  });

  const unusable: [string, string, RegExp][] = [
    ['not JSON', '{ "rules": { "enum": "off", } }', /^The configuration file .*\.readoutrc\.json is not valid JSON: .* at line 1, column \d+\.\n$/],
    ['an unknown key', '{ "rule": {} }', /^The configuration file .*\.readoutrc\.json is not valid:\n {2}- Unknown key 'rule'\. Did you mean 'rules'\? The keys are schema, rules, files, exclude, urls, layout\.\n$/],
    ['a level that does not exist', '{ "rules": { "enum": "warn" } }', /is not valid:\n {2}- 'rules\["enum"\]' must be one of error, warning, information, hint, off, not "warn"\.\n$/],
    ['files that are not a list', '{ "files": "**/*.md" }', /is not valid:\n {2}- 'files' must be a list of globs, not "\*\*\/\*\.md"\.\n$/],
  ];
  for (const [what, text, message] of unusable) {
    test(`one with ${what}: exit 2`, async () => {
      const fixture = new Fixture({ '.readoutrc.json': text, 'a.md': CLEAN_READOUT });
      try {
        const result = await fixture.run(['check']);
        assert.equal(result.status, 2);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '');
      } finally {
        fixture.remove();
      }
    });
  }

  test('--config naming a file that does not exist: exit 2', async () => {
    const fixture = new Fixture({ 'a.md': CLEAN_READOUT });
    try {
      const result = await fixture.run(['check', '--config', 'missing.json']);
      assert.equal(result.status, 2);
      assert.equal(result.stderr, `The configuration file ${fixture.path('missing.json')} does not exist.\n`);
    } finally {
      fixture.remove();
    }
  });

  test('paths under different configurations are refused', async () => {
    const fixture = new Fixture({ 'one/.readoutrc.json': '{}', 'one/a.md': CLEAN_READOUT, 'two/b.md': CLEAN_READOUT });
    try {
      const result = await fixture.run(['check', 'one', 'two']);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /^readout check: the paths given come under different configurations \(.*one\/\.readoutrc\.json and no configuration file\)/);
    } finally {
      fixture.remove();
    }
  });
});

describe('the schema named by the configuration', () => {
  test('replaces the built-in one, relative to the configuration file', async () => {
    const schema = { type: 'object', required: ['title'], properties: { title: { type: 'string' } } };
    const fixture = new Fixture({ '.readoutrc.json': '{ "schema": "schemas/mine.json" }', 'schemas/mine.json': JSON.stringify(schema), 'a.md': '---\ntitle: Anything\n---\n' });
    try {
      const result = await fixture.run(['check']);
      assert.equal(result.status, 0, result.stdout + result.stderr);
    } finally {
      fixture.remove();
    }
  });

  const broken: [string, Record<string, string>, RegExp][] = [
    ['missing', {}, /^The schema 'mine\.json' set in readout\.schema does not exist\. It is set by 'schema' in .*\.readoutrc\.json\.\n$/],
    ['not JSON', { 'mine.json': '{ nope' }, /^The schema 'mine\.json' is not valid JSON: .*\. It is set by 'schema' in /],
    ['not a valid JSON Schema', { 'mine.json': '{ "type": "bogus" }' }, /^The schema 'mine\.json' is not a valid JSON Schema: /],
    ['referring to a remote schema', { 'mine.json': '{ "$ref": "https://example.com/s.json" }' }, /refers to 'https:\/\/example\.com\/s\.json'/],
    ['with a backreference in a pattern', { 'mine.json': JSON.stringify({ properties: { title: { pattern: '^(\\w+) \\1$' } } }) },
      /^The schema 'mine\.json' cannot be used: the pattern '\^\(\\w\+\) \\1\$' uses a backreference \(\\1\), which cannot be checked in bounded time\. Write it without that\. It is set by 'schema' in /],
    // The file named may be anything: what it holds is never repeated.
    ['a file that is no JSON at all, holding secrets', { 'mine.json': 'root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\n' },
      /^The schema 'mine\.json' is not valid JSON: the error is at line 1, column 1\. It is set by 'schema' in [^\n]*\n$/],
    ['over the size limit', { 'mine.json': `{ "description": "${'x'.repeat(200 * 1024)}" }` },
      /^The schema 'mine\.json' set in readout\.schema cannot be used: it is 200 KiB, over the limit of 128 KiB for a file to read\. It is set by /],
  ];
  test('a FIFO named as the schema: exit 2 at once, saying what it is', async () => {
    const fixture = new Fixture({ '.readoutrc.json': '{ "schema": "pipe.json" }', 'a.md': CLEAN_READOUT });
    try {
      execFileSync('mkfifo', [fixture.path('pipe.json')]);
      const result = await fixture.run(['check'], { timeoutMs: 15_000 });
      assert.equal(result.status, 2, `status ${result.status}: ${result.stderr}`);
      assert.match(result.stderr, /^The schema 'pipe\.json' set in readout\.schema cannot be used: it is a named pipe \(FIFO\), not a regular file, so it is not read\. It is set by /);
    } finally {
      fixture.remove();
    }
  });

  test("a pattern that backtracks for ever, ^(a+)+$, against a title of 40 a's and a '!': answered at once", async () => {
    const schema = { type: 'object', properties: { title: { type: 'string', pattern: '^(a+)+$' } } };
    const fixture = new Fixture({ '.readoutrc.json': '{ "schema": "mine.json", "files": ["*.md"] }', 'mine.json': JSON.stringify(schema), 'a.md': `---\ntitle: ${'a'.repeat(40)}!\n---\n` });
    try {
      const result = await fixture.run(['check', '-f', 'json'], { timeoutMs: 15_000 });
      assert.equal(result.status, 1, `status ${result.status}: ${result.stderr}`);
      assert.deepEqual((JSON.parse(result.stdout) as { files: { diagnostics: { code: string }[] }[] }).files[0].diagnostics.map((d) => d.code), ['bad-format']);
    } finally {
      fixture.remove();
    }
  });

  for (const [what, files, message] of broken) {
    test(`${what}: exit 2, not the built-in schema in its place`, async () => {
      const fixture = new Fixture({ '.readoutrc.json': '{ "schema": "mine.json" }', 'a.md': CLEAN_READOUT, ...files });
      try {
        const result = await fixture.run(['check']);
        assert.equal(result.status, 2);
        assert.match(result.stderr, message);
      } finally {
        fixture.remove();
      }
    });
  }
});
