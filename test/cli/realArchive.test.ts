// `readout check` on readouts as the real archive has them, in its folder layout; the URL forms of
// .readoutrc.json (urls), on the main thread and on worker threads.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { REAL_READOUTS } from '../fixtures/realReadouts';
import { buildCli, Fixture } from './cli';
import { REFERENCE } from './readouts';

before(buildCli);

const ARCHIVE = Object.fromEntries(REAL_READOUTS.map((readout) => [readout.file, readout.text]));
const AGENCY_FORM = 'https://www.agency.gov/news/{yyyy}{mm}{dd}-{slug}.html';
/** The reference, its URL in the agency's form with the day before its date. */
const AGENCY_READOUT = REFERENCE.replace(/https:\/\/bidenwhitehouse[^\n]+/, 'https://www.agency.gov/news/20230109-readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada.html');

describe('the real archive, in its layout', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture(ARCHIVE);
  });
  after(() => fixture.remove());

  test('no problems, on the main thread and on worker threads; --fix changes no file', async () => {
    for (const concurrency of ['off', '2']) {
      const result = await fixture.run(['check', '--concurrency', concurrency]);
      assert.equal(result.stdout, `✔ ${REAL_READOUTS.length} readouts checked: no problems.\n`, concurrency);
      assert.equal(result.status, 0);
    }
    const fixed = await fixture.run(['check', '--fix']);
    assert.equal(fixed.status, 0);
    for (const readout of REAL_READOUTS) assert.equal(readFileSync(fixture.path(readout.file), 'utf8'), readout.text, readout.file);
  });
});

describe('--fix and the published record', () => {
  /** What the archive has: titles with doubled and trailing spaces as published, a title edited after its URL was minted. */
  const PUBLISHED = {
    'doubled.md': REAL_READOUTS[0].text.replace('Statement from President', 'Statement from  President'),
    'trailing.md': REAL_READOUTS[4].text.replace('Answered', 'Answered '),
    'edited.md': REAL_READOUTS[11].text.replace('500,000 New Jobs', '500,000 New Manufacturing Jobs'),
    // And one the person must look at: the URL's month is not the date's.
    'month.md': REAL_READOUTS[12].text.replace('/2025/06/', '/2025/05/'),
  };
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');

  test('never rewrites a title or a source_url: each file stays byte for byte, its problems reported, none fixable', async () => {
    const fixture = new Fixture(PUBLISHED);
    try {
      const before = Object.keys(PUBLISHED).map((name) => hash(readFileSync(fixture.path(name), 'utf8')));
      const result = await fixture.run(['check', '--fix', '--format', 'json']);
      assert.deepEqual(Object.keys(PUBLISHED).map((name) => hash(readFileSync(fixture.path(name), 'utf8'))), before);
      const report = JSON.parse(result.stdout) as { fixed: number; files: { path: string; diagnostics: { code: string; severity: string; fixable: boolean }[] }[] };
      assert.equal(report.fixed, 0);
      assert.deepEqual(report.files.map((file) => [file.path, file.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.fixable])]), [
        ['doubled.md', [['title-whitespace', 'information', false]]],
        ['edited.md', [['url-slug-mismatch', 'information', false]]],
        ['month.md', [['url-date-mismatch', 'error', false]]],
        ['trailing.md', [['title-whitespace', 'information', false]]],
      ]);
    } finally {
      fixture.remove();
    }
  });
});

describe('urls in .readoutrc.json', () => {
  test('its forms are the ones a URL is taken apart by, on every thread', async () => {
    const fixture = new Fixture({ '.readoutrc.json': JSON.stringify({ urls: [AGENCY_FORM] }), 'agency.md': AGENCY_READOUT, 'archive.md': REFERENCE.replace('/2023/01/10/', '/2023/01/09/') });
    try {
      const reports = await Promise.all(['off', '2'].map((concurrency) => fixture.run(['check', '--format', 'json', '--concurrency', concurrency])));
      for (const result of reports) {
        const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string; message: string }[] }[] };
        // The archive's URL follows none of the configured forms: checked as a URL only.
        assert.deepEqual(report.files.map((file) => [file.path, file.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])]), [
          ['agency.md', [['url-date-mismatch', "The date in 'source_url' is 20230109, but 'date' is 2023-01-10. One of them is wrong."]]],
        ]);
        assert.equal(result.status, 1);
      }
    } finally {
      fixture.remove();
    }
  });

  test('a template that cannot be one stops the run before anything is checked: exit 2, saying what and where', async () => {
    const fixture = new Fixture({ '.readoutrc.json': JSON.stringify({ urls: ['https://a.gov/{slug}/', 'https://a.gov/{yyyy}/{slug}{dd}/'] }), 'a.md': REFERENCE });
    try {
      const result = await fixture.run(['check']);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `The configuration file ${fixture.path('.readoutrc.json')} is not valid:\n  - urls[1]: {slug} must be followed by literal text (such as /), not by {dd}: where it ends could not be told.\n`);
    } finally {
      fixture.remove();
    }
  });
});
