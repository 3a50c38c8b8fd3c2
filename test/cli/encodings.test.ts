// Files in UTF-16 with their byte order mark are read as text and fixed in their own encoding; a
// readout that cannot be decoded is reported (exit 2), never passed over as "No readouts found".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { buildCli, Fixture } from './cli';
import { CLEAN_READOUT, coreDiagnostics, coreFixed, ERROR_READOUT, NOT_A_READOUT, REFERENCE, WARNING_READOUT } from './readouts';

interface JsonReport {
  readouts: number;
  fixed: number;
  files: { path: string; fixed: boolean; failure?: string; diagnostics: { code: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
}

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const positions = (diagnostics: readonly { code: string; line: number; column: number; endLine: number; endColumn: number }[]) =>
  diagnostics.map(({ code, line, column, endLine, endColumn }) => ({ code, line, column, endLine, endColumn }));

/** The reference with an é in its title written as Latin-1 writes it, one byte 0xE9 (on line 6): not UTF-8. */
const LATIN1_READOUT = (() => {
  const at = REFERENCE.indexOf('Trudeau\\\n');
  return Buffer.concat([Buffer.from(REFERENCE.slice(0, at + 'Trud'.length)), Buffer.from([0xe9]), Buffer.from(REFERENCE.slice(at + 'Trude'.length))]);
})();

before(buildCli);

describe('readouts in UTF-16, with their byte order mark', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture();
    fixture.write('le.md', utf16le(ERROR_READOUT));
    fixture.write('be.txt', utf16be(crlf(WARNING_READOUT)));
    fixture.write('clean-le.md', utf16le(CLEAN_READOUT));
  });
  after(() => fixture.remove());

  test("are checked: the UTF-8 text's diagnostics, at the same lines and columns", async () => {
    const result = await fixture.run(['check', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.readouts, 3);
    assert.deepEqual(report.files.map((file) => [file.path, positions(file.diagnostics)]), [
      ['be.txt', positions(coreDiagnostics(crlf(WARNING_READOUT)))],
      ['le.md', positions(coreDiagnostics(ERROR_READOUT))],
    ]);
  });

  test('--fix writes each back in UTF-16, in its byte order, with its byte order mark', async () => {
    const result = await fixture.run(['check', '--fix', '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as JsonReport).fixed, 2);
    assert.ok(readFileSync(fixture.path('le.md')).equals(utf16le(coreFixed(ERROR_READOUT))));
    assert.ok(readFileSync(fixture.path('be.txt')).equals(utf16be(coreFixed(crlf(WARNING_READOUT)))));
    assert.ok(readFileSync(fixture.path('clean-le.md')).equals(utf16le(CLEAN_READOUT)));
  });

  test('readout render reads one', async () => {
    fixture.write('reference-be.txt', utf16be(REFERENCE));
    fixture.write('reference.txt', REFERENCE);
    const [fromUtf16, fromUtf8] = await Promise.all([fixture.run(['render', 'reference-be.txt']), fixture.run(['render', 'reference.txt'])]);
    assert.equal(fromUtf16.status, 0, fromUtf16.stderr);
    assert.equal(fromUtf16.stdout, fromUtf8.stdout);
  });
});

describe('a file that cannot be decoded', () => {
  test('a readout that is not valid UTF-8: reported with where, exit 2, never "No readouts found"; --fix leaves it as it was', async () => {
    const fixture = new Fixture();
    fixture.write('latin1.md', LATIN1_READOUT);
    try {
      for (const args of [['check'], ['check', '--fix']]) {
        const result = await fixture.run(args);
        assert.equal(result.status, 2, args.join(' '));
        assert.equal(result.stdout, '');
        assert.equal(result.stderr, 'readout: latin1.md: it is not valid UTF-8 (byte 0xE9 on line 6), so it was not checked. Save it as UTF-8, or as UTF-16 with its byte order mark.\n');
      }
      assert.ok(readFileSync(fixture.path('latin1.md')).equals(LATIN1_READOUT));
      const json = JSON.parse((await fixture.run(['check', '--format', 'json'])).stdout) as JsonReport;
      assert.deepEqual(json.files.map((file) => [file.path, file.failure, file.diagnostics]), [['latin1.md', 'it is not valid UTF-8 (byte 0xE9 on line 6), so it was not checked. Save it as UTF-8, or as UTF-16 with its byte order mark.', []]]);
    } finally {
      fixture.remove();
    }
  });

  test('UTF-16 cut short (an odd number of bytes): reported', async () => {
    const fixture = new Fixture();
    fixture.write('cut.md', utf16le(REFERENCE).subarray(0, 301));
    try {
      const result = await fixture.run(['check']);
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'readout: cut.md: it is not valid UTF-16 (an odd number of bytes: the file is cut short), so it was not checked.\n');
    } finally {
      fixture.remove();
    }
  });

  test('a file that is no readout (a Latin-1 note without front matter) is passed over in silence, as any other', async () => {
    const fixture = new Fixture({ 'clean.md': CLEAN_READOUT });
    fixture.write('notes.txt', Buffer.from(`${NOT_A_READOUT}Caf\u00e9.\n`, 'latin1'));
    try {
      const result = await fixture.run(['check']);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '✔ 1 readout checked: no problems.\n');
      assert.equal(result.stderr, '');
    } finally {
      fixture.remove();
    }
  });
});
