// `readout check --fix`: the core's safe fixes written in place, what is left reported, and writes
// that are atomic: a read-only file or a failed write leaves the file as it was, and is reported.
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { COPY_VARIANTS, generateCorpus } from '../corpus';
import { replaceOnce } from '../protocol/fixtures';
import { readoutText } from '../protocol/workspaces';
import { buildCli, Fixture } from './cli';
import { CLEAN_READOUT, coreDiagnostics, coreFixed, ERROR_READOUT, INFO_READOUT, MIXED_ERROR_FIXED, MIXED_READOUT, REFERENCE, WARNING_READOUT } from './readouts';

interface JsonReport {
  fixed: number;
  problems: { error: number; warning: number; information: number; fixable: number };
  files: { path: string; fixed: boolean; failure?: string; diagnostics: { code: string; line: number; column: number; fixable: boolean }[] }[];
}

const BOM = '\uFEFF';
/** Another readout with a misspelt tag, to be stored with a BOM and CRLF line ends. */
const OTHER_ERROR = replaceOnce(readoutText({ title: 'Readout of a Call with the Prime Minister', date: '2023-04-04' }), 'tags: statements-releases', 'tags: statement-releases');
const crlf = (text: string) => text.replace(/\n/g, '\r\n');
/** No temporary file is left behind, whatever happened. */
const leftovers = (fixture: Fixture) => readdirSync(fixture.folder, { recursive: true }).map(String).filter((name) => name.endsWith('.tmp'));

before(buildCli);

describe('--fix', () => {
  let fixture: Fixture;
  let result: Awaited<ReturnType<Fixture['run']>>;
  before(async () => {
    fixture = new Fixture({ 'error.md': ERROR_READOUT, 'warning.md': WARNING_READOUT, 'info.md': INFO_READOUT, 'clean.md': CLEAN_READOUT, 'bom-crlf.txt': BOM + crlf(OTHER_ERROR) });
    chmodSync(fixture.path('warning.md'), 0o640);
    result = await fixture.run(['check', '--fix', '--format', 'json']);
  });
  after(() => fixture.remove());

  test("rewrites each file with a safe fix exactly as the core's fix all does", () => {
    assert.equal(readFileSync(fixture.path('error.md'), 'utf8'), coreFixed(ERROR_READOUT));
    assert.equal(readFileSync(fixture.path('warning.md'), 'utf8'), coreFixed(WARNING_READOUT));
    assert.notEqual(coreFixed(ERROR_READOUT), ERROR_READOUT);
    assert.match(readFileSync(fixture.path('error.md'), 'utf8'), /\ntags: statements-releases\n/);
  });

  test('keeps a BOM and CRLF line ends, and the file mode', () => {
    const text = crlf(OTHER_ERROR);
    assert.equal(readFileSync(fixture.path('bom-crlf.txt'), 'utf8'), BOM + coreFixed(text));
    assert.match(readFileSync(fixture.path('bom-crlf.txt'), 'utf8'), /\r\ntags: statements-releases\r\n/);
    assert.equal(statSync(fixture.path('warning.md')).mode & 0o777, 0o640);
  });

  test('leaves files without a safe fix as they were, and reports what is left', () => {
    assert.equal(readFileSync(fixture.path('info.md'), 'utf8'), INFO_READOUT);
    assert.equal(readFileSync(fixture.path('clean.md'), 'utf8'), CLEAN_READOUT);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.fixed, 3);
    assert.deepEqual(report.files.map((file) => [file.path, file.fixed]), [['bom-crlf.txt', true], ['error.md', true], ['info.md', false], ['warning.md', true]]);
    const left = report.files.flatMap((file) => file.diagnostics.map((diagnostic) => `${file.path} ${diagnostic.code}`));
    // A slug that is not the title's: that fix is offered, never applied for you.
    assert.deepEqual(left, ['info.md url-slug-mismatch']);
    assert.deepEqual(leftovers(fixture), []);
  });

  test('the stylish report says how many files were fixed', async () => {
    const again = new Fixture({ 'error.md': ERROR_READOUT, 'info.md': INFO_READOUT });
    try {
      const stylish = await again.run(['check', '--fix']);
      const info = coreDiagnostics(INFO_READOUT)[0];
      assert.equal(stylish.stdout, `info.md\n  ${info.line}:${info.column}  info  ${info.message}  ${info.code}\n\nFixed 1 file.\n✖ 1 problem (1 info)\n`);
      assert.equal(stylish.status, 0);
    } finally {
      again.remove();
    }
  });

  test('never writes the published record: a missing source_url stays missing, reported with its derived URL offered', async () => {
    const withoutUrl = replaceOnce(REFERENCE, /\nsource_url: [^\n]*/.exec(REFERENCE)![0], '');
    const again = new Fixture({ 'copy.md': withoutUrl, 'original.md': REFERENCE });
    try {
      const fixed = await again.run(['check', '--fix', '--format', 'json']);
      assert.equal(readFileSync(again.path('copy.md'), 'utf8'), withoutUrl);
      const report = JSON.parse(fixed.stdout) as JsonReport;
      assert.deepEqual(report.files.map((file) => [file.path, file.fixed, file.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.fixable])]), [
        ['copy.md', false, [['missing-field', false]]],
      ]);
    } finally {
      again.remove();
    }
  });

  test('through a symbolic link, the file it points to is fixed and the link kept', async () => {
    const again = new Fixture({ 'real/error.md': ERROR_READOUT });
    try {
      symlinkSync(again.path('real/error.md'), again.path('link.md'));
      const fixed = await again.run(['check', '--fix', 'link.md']);
      assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
      assert.ok(lstatSync(again.path('link.md')).isSymbolicLink());
      assert.equal(readlinkSync(again.path('link.md')), again.path('real/error.md'));
      assert.equal(readFileSync(again.path('real/error.md'), 'utf8'), coreFixed(ERROR_READOUT));
    } finally {
      again.remove();
    }
  });

  test('a readout that is not valid UTF-8 is not rewritten: it is reported as not checked', async () => {
    const bytes = Buffer.concat([Buffer.from(ERROR_READOUT, 'utf8'), Buffer.from([0xff, 0xfe, 0x0a])]);
    const again = new Fixture();
    again.write('broken.md', bytes);
    try {
      const fixed = await again.run(['check', '--fix']);
      assert.equal(fixed.status, 2);
      const line = ERROR_READOUT.split('\n').length;
      assert.equal(fixed.stderr, `readout: broken.md: it is not valid UTF-8 (byte 0xFF on line ${line}), so it was not checked. Save it as UTF-8, or as UTF-16 with its byte order mark.\n`);
      assert.ok(readFileSync(again.path('broken.md')).equals(bytes));
    } finally {
      again.remove();
    }
  });
});

describe('--fix --quiet', () => {
  test("applies only the errors' fixes, as ESLint's --fix --quiet does, and reports only what errors are left", async () => {
    const fixture = new Fixture({ 'mixed.md': MIXED_READOUT, 'warning.md': WARNING_READOUT });
    try {
      const result = await fixture.run(['check', '--fix', '--quiet']);
      assert.equal(readFileSync(fixture.path('mixed.md'), 'utf8'), MIXED_ERROR_FIXED);
      assert.equal(readFileSync(fixture.path('warning.md'), 'utf8'), WARNING_READOUT);
      assert.equal(result.stdout, 'Fixed 1 file.\n✔ 2 readouts checked: no errors.\n');
      assert.equal(result.status, 0);
      // What the fix left, the warning and the info, is still there for a run without --quiet.
      const rest = JSON.parse((await fixture.run(['check', '-f', 'json', 'mixed.md'])).stdout) as JsonReport;
      assert.deepEqual(rest.files[0].diagnostics.map((diagnostic) => diagnostic.code), ['unknown-field', 'url-slug-mismatch']);
    } finally {
      fixture.remove();
    }
  });
});

describe('atomic writes', () => {
  test('a write that fails (the READOUT_FAIL_WRITE test hook: a full disk half-way) leaves the file intact, reported, exit 2', async () => {
    const fixture = new Fixture({ 'a.md': ERROR_READOUT, 'b.md': WARNING_READOUT });
    try {
      const result = await fixture.run(['check', '--fix', '--format', 'json'], { env: { READOUT_FAIL_WRITE: fixture.path('a.md') } });
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'readout: a.md: not fixed: it could not be written (ENOSPC: no space left on device, write)\n');
      assert.equal(readFileSync(fixture.path('a.md'), 'utf8'), ERROR_READOUT);
      // The other file is fixed all the same.
      assert.equal(readFileSync(fixture.path('b.md'), 'utf8'), coreFixed(WARNING_READOUT));
      assert.deepEqual(leftovers(fixture), []);
      const report = JSON.parse(result.stdout) as JsonReport;
      const failed = report.files.find((file) => file.path === 'a.md')!;
      assert.equal(failed.fixed, false);
      assert.equal(failed.failure, 'not fixed: it could not be written (ENOSPC: no space left on device, write)');
      // What the file still has is reported, from its unchanged text.
      assert.deepEqual(failed.diagnostics.map((diagnostic) => diagnostic.code), coreDiagnostics(ERROR_READOUT).map((diagnostic) => diagnostic.code));
    } finally {
      fixture.remove();
    }
  });

  test('the same failure in SARIF: a tool execution notification and executionSuccessful false', async () => {
    const fixture = new Fixture({ 'a.md': ERROR_READOUT });
    try {
      const result = await fixture.run(['check', '--fix', '--format', 'sarif'], { env: { READOUT_FAIL_WRITE: fixture.path('a.md') } });
      assert.equal(result.status, 2);
      const invocation = (JSON.parse(result.stdout) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] }).runs[0].invocations[0];
      assert.equal(invocation.executionSuccessful, false);
      assert.deepEqual(invocation.toolExecutionNotifications.map((notification) => [notification.level, notification.message.text]), [
        ['error', 'a.md: not fixed: it could not be written (ENOSPC: no space left on device, write)'],
      ]);
    } finally {
      fixture.remove();
    }
  });

  // Root may write any file: the run is made as another user (nobody), for whom the file is read-only.
  const asRoot = process.getuid?.() === 0;
  const NOBODY = 65534;

  test('a read-only file is not replaced (even in a writable folder), and is reported: exit 2', async () => {
    const fixture = new Fixture({ 'locked.md': ERROR_READOUT, 'open.md': WARNING_READOUT });
    try {
      if (asRoot) fixture.openToAll();
      chmodSync(fixture.path('locked.md'), 0o444);
      chmodSync(fixture.path('open.md'), 0o666);
      const result = await fixture.run(['check', '--fix'], asRoot ? { uid: NOBODY } : {});
      assert.equal(result.status, 2, result.stdout + result.stderr);
      assert.equal(result.stderr, 'readout: locked.md: not fixed: the file is read-only\n');
      assert.equal(readFileSync(fixture.path('locked.md'), 'utf8'), ERROR_READOUT);
      assert.equal(statSync(fixture.path('locked.md')).mode & 0o777, 0o444);
      assert.equal(readFileSync(fixture.path('open.md'), 'utf8'), coreFixed(WARNING_READOUT));
      assert.match(result.stdout, /^locked\.md\n {2}5:7 {2}error {2}Unknown tag/);
      assert.deepEqual(leftovers(fixture), []);
    } finally {
      fixture.remove();
    }
  });

  test('a file in a read-only folder: no temporary file can be made beside it, so it is left as it was and reported', async () => {
    const fixture = new Fixture({ 'sealed/a.md': ERROR_READOUT });
    try {
      if (asRoot) fixture.openToAll();
      chmodSync(fixture.path('sealed/a.md'), 0o666);
      chmodSync(fixture.path('sealed'), 0o555);
      const result = await fixture.run(['check', '--fix'], asRoot ? { uid: NOBODY } : {});
      chmodSync(fixture.path('sealed'), 0o755);
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'readout: sealed/a.md: not fixed: its folder is read-only\n');
      assert.equal(readFileSync(fixture.path('sealed/a.md'), 'utf8'), ERROR_READOUT);
    } finally {
      fixture.remove();
    }
  });
});

describe('--fix on worker threads', () => {
  test('the same fixes, and a failed write reported from the thread that made it', async () => {
    // Every 50th readout with a misspelt tag; 600 files make three batches for two threads.
    // The archive as it is has nothing to fix: the misspelt tags are all there is.
    const corpus = generateCorpus({ ...COPY_VARIANTS, count: 600 }).map((readout, index) => ({
      ...readout,
      text: index % 50 === 0 ? readout.text.replace(/^tags: statements-releases(\r?)$/m, 'tags: statement-releases$1') : readout.text,
    }));
    const misspelt = corpus.filter((readout) => /^tags: statement-releases\r?$/m.test(readout.text));
    assert.ok(misspelt.length >= 3, `${misspelt.length} misspelt`);
    const fixture = new Fixture(Object.fromEntries(corpus.map((readout) => [readout.relativePath, readout.text])));
    try {
      const failing = fixture.path(misspelt[0].relativePath);
      const result = await fixture.run(['check', '--fix', '--concurrency', '2', '--format', 'json'], { env: { READOUT_FAIL_WRITE: failing } });
      assert.equal(result.status, 2);
      const report = JSON.parse(result.stdout) as JsonReport;
      assert.equal(report.fixed, misspelt.length - 1);
      assert.equal(report.files.find((file) => file.failure !== undefined)?.path, misspelt[0].relativePath);
      for (const readout of misspelt) {
        const bom = readout.text.startsWith(BOM) ? BOM : '';
        const expected = readout === misspelt[0] ? readout.text : bom + coreFixed(readout.text.slice(bom.length));
        assert.equal(readFileSync(fixture.path(readout.relativePath), 'utf8'), expected, readout.relativePath);
      }
      assert.deepEqual(leftovers(fixture), []);
    } finally {
      fixture.remove();
    }
  });
});


/**
 * Readouts written by hand in YAML styles PyYAML never writes: block scalars (`>-`, `|`, `|+` with
 * a comment), an indented mapping, a flow mapping, comments between fields, CRLF. Each is valid
 * YAML with two mistakes that have safe fixes; `--fix` once joined the next line to a block
 * scalar's value and put new fields at column 0, leaving six yaml-syntax errors and an unclosed
 * front matter.
 */
const HAND_WRITTEN: Readonly<Record<string, { text: string; fixed: Record<string, unknown> }>> = {
  'block-scalars.md': {
    text: [
      '---',
      'date: >-',
      '  2023-01-11',
      'published_time: 2023-01-10 12:54:40-05:00',
      'source_url: https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-a-call-with-the-prime-minister/',
      'tags: |',
      '  statement-releases',
      'title: >-',
      '  Readout of a Call',
      '  with the Prime Minister',
      '---',
      ' ',
      'The body.',
      '',
    ].join('\n'),
    fixed: {
      date: '2023-01-10', published_time: '2023-01-10 12:54:40-05:00', tags: 'statements-releases', title: 'Readout of a Call with the Prime Minister',
      source_url: 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-a-call-with-the-prime-minister/',
    },
  },
  'indented.md': {
    text: [
      '---',
      '  published_time: 2023-02-01 09:30:00-05:00',
      '  source_url: https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/02/01/statement-on-the-budget/',
      '  tags: statement-releases',
      '  title: Statement on the Budget',
      '---',
      'The body.',
      '',
    ].join('\n'),
    fixed: {
      date: '2023-02-01', published_time: '2023-02-01 09:30:00-05:00', tags: 'statements-releases', title: 'Statement on the Budget',
      source_url: 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/02/01/statement-on-the-budget/',
    },
  },
  'flow.md': {
    text: [
      '---',
      "{published_time: 2023-03-01 10:00:00-05:00, source_url: 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/03/01/readout-of-a-meeting/',",
      '  tags: statements-releases, titel: Readout of a Meeting}',
      '---',
      'The body.',
      '',
    ].join('\n'),
    fixed: {
      date: '2023-03-01', published_time: '2023-03-01 10:00:00-05:00', tags: 'statements-releases', title: 'Readout of a Meeting',
      source_url: 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/03/01/readout-of-a-meeting/',
    },
  },
  'comments-crlf.md': {
    text: [
      '---',
      '# Written by hand',
      "date: '2023-04-04'",
      'modifed_time: 2023-04-04 16:00:00-04:00',
      'published_time: 2023-04-04 15:00:00-04:00   # Eastern',
      'source_url: https://bidenwhitehouse.archives.gov/briefing-room/speeches-remarks/2023/04/04/remarks-at-a-reception/',
      'tags: |+ # the category',
      '  speeches-remark',
      '',
      '# the title, as published',
      'title: Remarks at a Reception',
      '---',
      ' ',
      'The body.',
      '',
    ].join('\r\n'),
    fixed: {
      date: '2023-04-04', modified_time: '2023-04-04 16:00:00-04:00', published_time: '2023-04-04 15:00:00-04:00', tags: 'speeches-remarks', title: 'Remarks at a Reception',
      source_url: 'https://bidenwhitehouse.archives.gov/briefing-room/speeches-remarks/2023/04/04/remarks-at-a-reception/',
    },
  },
};

/** The front matter's data as the yaml package reads it (duplicate keys are errors), and the body; fails when it does not parse or is not closed. */
function readBack(text: string): { data: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)^---\r?$/m.exec(text);
  assert.ok(match && match.index === 0, `the front matter is closed:\n${text}`);
  const document = parseDocument(match[1], { version: '1.2', schema: 'core' });
  assert.deepEqual(document.errors.map((error) => error.message), [], text);
  return { data: document.toJS(), body: text.slice(match[0].length) };
}

describe('--fix on readouts written by hand in other YAML styles', () => {
  test('fixes all 8 mistakes; every file still parses, keeps its body, and only the fixed fields change', async () => {
    const files = Object.fromEntries(Object.entries(HAND_WRITTEN).map(([name, { text }]) => [name, text]));
    // The indented mapping has no key at column 0: the folder is named as the archive's.
    const fixture = new Fixture({ ...files, '.readoutrc.json': JSON.stringify({ files: ['*.md'] }) });
    try {
      const before = (await fixture.run(['check', '--format', 'json'])).stdout;
      const found = (JSON.parse(before) as JsonReport).files.flatMap((file) => file.diagnostics.map((diagnostic) => [file.path, diagnostic.code, diagnostic.fixable]));
      assert.equal(found.length, 8, before);
      assert.ok(found.every(([, , fixable]) => fixable), before);
      const result = await fixture.run(['check', '--fix', '--format', 'json']);
      const report = JSON.parse(result.stdout) as JsonReport;
      assert.deepEqual([result.status, report.fixed], [0, 4], result.stdout);
      assert.deepEqual(report.files.map((file) => [file.path, file.fixed, file.diagnostics]), Object.keys(HAND_WRITTEN).sort().map((name) => [name, true, []]), result.stdout);
      for (const [name, { text, fixed }] of Object.entries(HAND_WRITTEN)) {
        const now = readFileSync(fixture.path(name), 'utf8');
        assert.deepEqual(readBack(now).data, fixed, `${name}:\n${now}`);
        assert.equal(readBack(now).body, readBack(text).body, name);
      }
    } finally {
      fixture.remove();
    }
  });
});
