import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUrlTemplates, type UrlTemplateSetting } from '../../server/src/core/urlTemplates';
import { ARCHIVE_CATEGORIES, READOUT_2025, REFERENCE, bom, crlf, edit, only, seen, service, type Seen } from './helpers';

const readouts = service();
const check = (text: string) => readouts.getDiagnostics({ text });

interface Case {
  readonly name: string;
  readonly text: string;
  readonly expected: readonly Seen[];
  readonly message?: RegExp;
}

const URL_PREFIX = 'https://bidenwhitehouse.archives.gov/briefing-room/';

const CASES: readonly Case[] = [
  {
    name: 'front-matter-unclosed: on the opening line',
    text: "---\ndate: '2023-01-10'\npublished_time: 2023-01-10 12:54:40-05:00\n\nBody text.\n",
    expected: [{ code: 'front-matter-unclosed', severity: 'error', text: '---', at: '0:0-0:3' }],
    message: /never closed/,
  },
  {
    name: 'yaml-syntax: on the error, with no schema errors cascading',
    text: edit(REFERENCE, 'tags: statements-releases', 'tags: [statements-releases'),
    expected: [{ code: 'yaml-syntax', severity: 'error', text: '[', at: '4:6-4:7' }],
  },
  {
    name: 'yaml-syntax: a tab used for indentation',
    text: edit(REFERENCE, 'tags: statements-releases', 'tags:\n\t- statements-releases'),
    expected: [{ code: 'yaml-syntax', severity: 'error', text: '\t', at: '5:0-5:1' }],
    message: /tabs/i,
  },
  {
    name: 'duplicate-key: on the repeated key',
    text: edit(REFERENCE, 'tags: statements-releases\n', 'tags: statements-releases\ntags: statements-releases\n'),
    expected: [{ code: 'duplicate-key', severity: 'error', text: 'tags', at: '5:0-5:4' }],
    message: /'tags' appears more than once/,
  },
  {
    name: 'required: on the opening line, naming the field',
    text: edit(REFERENCE, "date: '2023-01-10'\n", ''),
    expected: [{ code: 'missing-field', severity: 'error', text: '---', at: '0:0-0:3' }],
    message: /Missing required field 'date'/,
  },
  {
    name: 'additionalProperties: on the unknown key, with did you mean, and the field it means is not also missing',
    text: edit(REFERENCE, 'source_url:', 'source_ulr:'),
    expected: [{ code: 'unknown-field', severity: 'warning', text: 'source_ulr', at: '3:0-3:10' }],
    message: /^Unknown field 'source_ulr'\. Did you mean 'source_url'\?$/,
  },
  {
    name: 'enum: a misspelt tag, and no category mismatch on top',
    text: edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases'),
    expected: [{ code: 'unknown-value', severity: 'error', text: 'statement-releases', at: '4:6-4:24' }],
    message: /^Unknown tag 'statement-releases'\. Did you mean 'statements-releases'\?$/,
  },
  {
    name: 'enum: a misspelt tag in a list is marked on its item',
    text: edit(REFERENCE, 'tags: statements-releases', 'tags:\n- statements-releases\n- presidential-action'),
    expected: [{ code: 'unknown-value', severity: 'error', text: 'presidential-action', at: '6:2-6:21' }],
    message: /Did you mean 'presidential-actions'\?/,
  },
  {
    name: 'type: a number where text belongs',
    text: edit(REFERENCE, "date: '2023-01-10'", 'date: 20230110'),
    expected: [{ code: 'wrong-type', severity: 'error', text: '20230110', at: '1:6-1:14' }],
    message: /must be text, not a number/,
  },
  {
    name: 'type: an empty value is marked on its key',
    text: edit(REFERENCE, 'tags: statements-releases', 'tags:'),
    expected: [{ code: 'wrong-type', severity: 'error', text: 'tags', at: '4:0-4:4' }],
    message: /empty/,
  },
  {
    name: 'format: a day that does not exist',
    text: edit(edit(REFERENCE, "date: '2023-01-10'", "date: '2023-02-30'"), '/2023/01/10/', '/2023/02/30/'),
    expected: [{ code: 'bad-format', severity: 'error', text: "'2023-02-30'", at: '1:6-1:18' }],
    message: /not a valid date/,
  },
  {
    name: 'pattern: a time without its offset',
    text: edit(REFERENCE, 'published_time: 2023-01-10 12:54:40-05:00', 'published_time: 2023-01-10 12:54:40'),
    expected: [{ code: 'bad-format', severity: 'error', text: '2023-01-10 12:54:40', at: '2:16-2:35' }],
    message: /YYYY-MM-DD HH:MM:SS±HH:MM/,
  },
  {
    name: 'pattern: a modified_time without its offset, on its own value',
    text: edit(REFERENCE, 'published_time:', 'modified_time: 2023-01-11 09:00:00\npublished_time:'),
    expected: [{ code: 'bad-format', severity: 'error', text: '2023-01-11 09:00:00', at: '2:15-2:34' }],
    message: /^'2023-01-11 09:00:00' is not a valid modification time: expected a date and time with its offset, YYYY-MM-DD HH:MM:SS±HH:MM\.$/,
  },
  {
    name: 'format: a modified_time on a day that does not exist',
    text: edit(REFERENCE, 'published_time:', 'modified_time: 2023-02-30 09:00:00-05:00\npublished_time:'),
    expected: [{ code: 'bad-format', severity: 'error', text: '2023-02-30 09:00:00-05:00', at: '2:15-2:40' }],
  },
  {
    name: 'pattern: an http URL',
    text: edit(REFERENCE, 'source_url: https://', 'source_url: http://'),
    expected: [{ code: 'bad-format', severity: 'error', text: `http://${URL_PREFIX.slice(8)}statements-releases/2023/01/10/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/`, at: '3:12-3:171' }],
    message: /https:\/\//,
  },
  {
    name: 'minLength: an empty title',
    text: edit(REFERENCE, REFERENCE.slice(REFERENCE.indexOf('title: "'), REFERENCE.indexOf('Canada"') + 7), "title: ''"),
    expected: [{ code: 'empty-value', severity: 'error', text: "''", at: '5:7-5:9' }],
  },
  {
    name: 'minItems: an empty list of tags',
    text: edit(REFERENCE, 'tags: statements-releases', 'tags: []'),
    expected: [{ code: 'empty-list', severity: 'error', text: '[]', at: '4:6-4:8' }],
  },
  {
    name: 'uniqueItems: on the repeated item',
    text: edit(REFERENCE, 'tags: statements-releases', 'tags:\n- statements-releases\n- statements-releases'),
    expected: [{ code: 'repeated-item', severity: 'error', text: 'statements-releases', at: '6:2-6:21' }],
    message: /listed twice/,
  },
  {
    name: 'date-mismatch: on date, the day of published_time in its own offset',
    text: edit(edit(REFERENCE, "date: '2023-01-10'", "date: '2023-01-11'"), '/2023/01/10/', '/2023/01/11/'),
    expected: [{ code: 'date-mismatch', severity: 'error', text: "'2023-01-11'", at: '1:6-1:18' }],
    message: /falls on 2023-01-10/,
  },
  {
    name: 'url-date-mismatch: on the date part of the URL',
    text: edit(REFERENCE, '/2023/01/10/', '/2023/01/09/'),
    expected: [{ code: 'url-date-mismatch', severity: 'error', text: '2023/01/09', at: '3:83-3:93' }],
    message: /^The date in 'source_url' is 2023\/01\/09, but 'date' is 2023-01-10\. One of them is wrong\.$/,
  },
  {
    name: 'url-category-mismatch: on the category part of the URL',
    text: edit(REFERENCE, 'briefing-room/statements-releases/', 'briefing-room/speeches-remarks/'),
    expected: [{ code: 'url-category-mismatch', severity: 'warning', text: 'speeches-remarks', at: '3:63-3:79' }],
  },
  {
    name: 'url-slug-mismatch: on the slug part of the URL',
    text: edit(REFERENCE, 'prime-minister-trudeau-of-canada/', 'prime-minister-trudeau/'),
    expected: [{ code: 'url-slug-mismatch', severity: 'information', text: 'readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau', at: '3:94-3:161' }],
    message: /^The slug in 'source_url' is not the title's \('readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada'\): the title was edited after publication, or the URL is wrong\.$/,
  },
  {
    name: 'url-date-mismatch: the form from 2025 has no day, and its month is compared',
    text: edit(READOUT_2025, '/2025/03/', '/2025/02/'),
    expected: [{ code: 'url-date-mismatch', severity: 'error', text: '2025/02', at: '4:51-4:58' }],
    message: /^The month in 'source_url' is 2025\/02, but 'date' is 2025-03-04\. One of them is wrong\.$/,
  },
  {
    name: 'url-category-mismatch: in the form from 2025',
    text: edit(READOUT_2025, 'gov/fact-sheets/', 'gov/briefings-statements/'),
    expected: [{ code: 'url-category-mismatch', severity: 'warning', text: 'briefings-statements', at: '4:39-4:59' }],
    message: /^The category in 'source_url' is 'briefings-statements', which is not among the tags \('fact-sheets'\)\.$/,
  },
  {
    name: 'url-slug-mismatch: in the form from 2025, information that the title was edited or the URL is wrong',
    text: edit(READOUT_2025, 'Protects America', 'Defends America'),
    expected: [{ code: 'url-slug-mismatch', severity: 'information', text: 'fact-sheet-president-donald-j-trump-protects-americas-workers', at: '4:59-4:120' }],
    message: /^The slug in 'source_url' is not the title's \('fact-sheet-president-donald-j-trump-defends-americas-workers'\): the title was edited after publication, or the URL is wrong\.$/,
  },
  {
    name: 'title-whitespace: a doubled space, on its own characters inside the quoted title',
    text: edit(REFERENCE, 'Meeting with', 'Meeting  with'),
    expected: [{ code: 'title-whitespace', severity: 'information', text: '  ', at: '5:54-5:56' }],
    message: /^The title has a doubled space: tidy it, unless the source wrote it so\.$/,
  },
  {
    name: 'title-whitespace: a trailing escaped space before the closing quote',
    text: edit(REFERENCE, 'of\\_Canada"', 'of\\_Canada\\ "'),
    expected: [{ code: 'title-whitespace', severity: 'information', text: '\\ ', at: '6:14-6:16' }],
    message: /^The title ends with a space: tidy it, unless the source wrote it so\.$/,
  },
];

describe('the reference readout', () => {
  test('has no diagnostic at all, in every line-end and BOM variant', () => {
    for (const variant of [REFERENCE, crlf(REFERENCE), bom(REFERENCE), bom(crlf(REFERENCE))]) assert.deepEqual(check(variant), []);
  });

  test('an unquoted date, a T separator, a Z offset and a list of tags are all valid', () => {
    let text = edit(REFERENCE, "date: '2023-01-10'", 'date: 2023-01-10');
    text = edit(text, 'published_time: 2023-01-10 12:54:40-05:00', 'published_time: 2023-01-10T17:54:40Z');
    text = edit(text, 'tags: statements-releases', 'tags:\n- statements-releases\n- presidential-actions');
    assert.deepEqual(check(text), []);
  });

  test('a readout with a -2 suffix on its slug is not a slug mismatch', () => {
    assert.deepEqual(check(edit(REFERENCE, 'trudeau-of-canada/', 'trudeau-of-canada-2/')), []);
  });
});

describe('the catalog: each code on its exact range', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const diagnostics = check(c.text);
      assert.deepEqual(seen(c.text, diagnostics), c.expected);
      if (c.message) assert.match(only(diagnostics, c.expected.at(-1)!.code).message, c.message);
    });

    test(`${c.name} (CRLF and BOM)`, () => {
      for (const variant of [crlf(c.text), bom(c.text)]) {
        const expected = c.expected.map((e) => ({ ...e, text: variant.startsWith('\uFEFF') ? e.text : e.text.replace(/\n/g, '\r\n'), at: variant.startsWith('\uFEFF') ? shiftLineZero(e.at) : e.at }));
        assert.deepEqual(seen(variant, check(variant)), expected);
      }
    });
  }
});

/** On line 0 a BOM is one more character before everything. */
function shiftLineZero(at: string): string {
  return at.replace(/(^|-)0:(\d+)/g, (_, lead: string, column: string) => `${lead}0:${Number(column) + 1}`);
}

describe('what is not a mistake', () => {
  const clean = (name: string, text: string) => test(name, () => assert.deepEqual(seen(text, check(text)), []));

  clean('date-mismatch: 21:30 at -05:00 on 10 January is 10 January, though UTC is on the 11th', edit(REFERENCE, '12:54:40-05:00', '21:30:00-05:00'));
  clean('date-mismatch: 00:30 at +09:00 on 10 January is 10 January, though UTC is on the 9th', edit(REFERENCE, '12:54:40-05:00', '00:30:00+09:00'));
  clean('url-category-mismatch: the category is one of several tags', edit(REFERENCE, 'tags: statements-releases', 'tags:\n- presidential-actions\n- statements-releases'));
  clean('url-slug-mismatch: a slug cut at 200 characters', (() => {
    const title = `Statement ${'on the Matter of Very Long Titles '.repeat(8)}`.trim();
    const slug = `statement-${'on-the-matter-of-very-long-titles-'.repeat(8)}`.slice(0, 200).replace(/-+$/, '');
    return edit(edit(REFERENCE, REFERENCE.slice(REFERENCE.indexOf('title: "'), REFERENCE.indexOf('Canada"') + 7), `title: ${title}`), 'readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada', slug);
  })());
  clean('title-whitespace: single no-break spaces between words', REFERENCE);
  clean('modified_time: a known field, in the archive\'s format, after published_time', edit(REFERENCE, 'published_time:', 'modified_time: 2023-01-11 09:30:12-05:00\npublished_time:'));
  clean('modified_time: earlier than published_time (a post edited before it went live), in another offset', edit(REFERENCE, 'published_time:', 'modified_time: 2023-01-09 22:10:00-04:00\npublished_time:'));
  clean('a readout of 2025, its URL in the form of 2025, its modified_time earlier than its published_time', READOUT_2025);
  clean('the form of 2025 has no day: any day of the month agrees with it', edit(edit(edit(READOUT_2025, "date: '2025-03-04'", "date: '2025-03-28'"), 'modified_time: 2025-03-04', 'modified_time: 2025-03-28'), 'published_time: 2025-03-04', 'published_time: 2025-03-28'));
  clean('either form whatever the date: the days around a change-over have both', edit(REFERENCE, 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/', 'https://www.whitehouse.gov/statements-releases/2023/01/'));
  clean('a real statement of 2025, at its www.whitehouse.gov address', [
    '---',
    "date: '2025-01-20'",
    'published_time: 2025-01-20 21:04:15-05:00',
    'source_url: https://www.whitehouse.gov/presidential-actions/2025/01/initial-rescissions-of-harmful-executive-orders-and-actions/',
    'tags: presidential-actions',
    'title: Initial Rescissions Of Harmful Executive Orders And Actions',
    '---',
    ' ',
    'By the authority vested in me as President ...',
    '',
  ].join('\n'));
  clean('a briefing-room address on www.whitehouse.gov, where those pages were before the archive', edit(REFERENCE, 'https://bidenwhitehouse.archives.gov/', 'https://www.whitehouse.gov/'));
  clean('a URL without its trailing slash', edit(REFERENCE, 'trudeau-of-canada/', 'trudeau-of-canada'));
  clean('comments and a closing `...` are fine', edit(edit(REFERENCE, "date: '2023-01-10'", "# archived copy\ndate: '2023-01-10' # the day"), '---\n \n', '...\n \n'));
});

describe('a source_url that follows none of the URL forms is checked as a URL only', () => {
  const withUrl = (url: string) => edit(REFERENCE, REFERENCE.slice(REFERENCE.indexOf('https://'), REFERENCE.indexOf('\ntags:')), url);

  test('an https address of any other shape has no problem: not the briefing room, not an agency', () => {
    for (const url of [
      'https://bidenwhitehouse.archives.gov/briefing-room/',
      'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/',
      'https://www.state.gov/readout-of-a-call/',
      'https://www.whitehouse.gov/briefing-room/statements-releases/2023/01/10/another-slug/',
    ]) assert.deepEqual(check(withUrl(url)), [], url);
  });

  test('it must still be a complete https URL', () => {
    for (const url of ['http://www.state.gov/readout/', 'www.state.gov/readout', 'https://www.state.gov/a readout/']) {
      const diagnostic = only(check(withUrl(url)), 'bad-format');
      assert.match(diagnostic.message, /source URL/, url);
    }
  });
});

describe('URL forms declared in the configuration (urls)', () => {
  const forms = (...settings: UrlTemplateSetting[]) => {
    const parsed = parseUrlTemplates(settings);
    assert.ok('templates' in parsed);
    return parsed.templates;
  };
  const agency = service({ urls: forms('https://www.agency.gov/news/{yyyy}{mm}{dd}-{slug}.html') });
  const withUrl = (url: string) => edit(REFERENCE, REFERENCE.slice(REFERENCE.indexOf('https://'), REFERENCE.indexOf('\ntags:')), url);

  test("a URL of the archive's own form is compared with the fields: date, slug; it has no category", () => {
    assert.deepEqual(agency.getDiagnostics({ text: withUrl('https://www.agency.gov/news/20230110-readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada.html') }), []);
    const text = withUrl('https://www.agency.gov/news/20230109-readout-of-a-meeting.html');
    assert.deepEqual(seen(text, agency.getDiagnostics({ text })), [
      { code: 'url-date-mismatch', severity: 'error', text: '20230109', at: '3:40-3:48' },
      { code: 'url-slug-mismatch', severity: 'information', text: 'readout-of-a-meeting', at: '3:49-3:69' },
    ]);
  });

  test('the built-in forms are not known unless listed: their URLs are checked as URLs only', () => {
    assert.deepEqual(agency.getDiagnostics({ text: edit(REFERENCE, '/2023/01/10/', '/2023/01/09/') }), []);
  });
});

describe("the archive's 14 categories", () => {
  test('each is a valid tag, alone or in a list', () => {
    for (const category of ARCHIVE_CATEGORIES) {
      const text = edit(edit(REFERENCE, 'tags: statements-releases', `tags: ${category}`), 'briefing-room/statements-releases/', `briefing-room/${category}/`);
      assert.deepEqual(seen(text, check(text)), [], category);
    }
    const listed = edit(REFERENCE, 'tags: statements-releases', `tags:\n${ARCHIVE_CATEGORIES.map((category) => `- ${category}`).join('\n')}`);
    assert.deepEqual(seen(listed, check(listed)), []);
  });

  test('a near miss of any of them gets "did you mean", with a safe fix to it', () => {
    const misses: [string, string][] = [['fact-sheet', 'fact-sheets'], ['briefing-statements', 'briefings-statements'], ['speech-remarks', 'speeches-remarks'], ['disclosure', 'disclosures'], ['uncategorised', 'uncategorized']];
    for (const [typed, meant] of misses) {
      const text = edit(REFERENCE, 'tags: statements-releases', `tags: ${typed}`);
      const diagnostic = only(check(text), 'unknown-value');
      assert.equal(diagnostic.message, `Unknown tag '${typed}'. Did you mean '${meant}'?`);
      assert.deepEqual([diagnostic.fixes[0].title, diagnostic.fixes[0].safe], [`Replace with '${meant}'`, true]);
    }
  });
});

describe('one message per mistake', () => {
  test('a published_time that is not a time at all gets one message, and date is not compared with it', () => {
    const text = edit(REFERENCE, 'published_time: 2023-01-10 12:54:40-05:00', 'published_time: yesterday');
    assert.deepEqual(seen(text, check(text)).map((d) => d.code), ['bad-format']);
  });

  test('a wrong date is reported once, not again against the URL', () => {
    const text = edit(REFERENCE, "date: '2023-01-10'", "date: '2023-01-11'");
    assert.deepEqual(seen(text, check(text)).map((d) => d.code), ['date-mismatch']);
  });

  test('a misspelt title key is one unknown key: no missing title, no slug mismatch', () => {
    const text = edit(REFERENCE, 'title:', 'titel:');
    assert.deepEqual(check(text).map((d) => d.code), ['unknown-field']);
    assert.match(only(check(text), 'unknown-field').message, /Did you mean 'title'\?/);
  });

  test('an unknown key with no near miss leaves the missing field reported', () => {
    const text = edit(REFERENCE, 'title:', 'heading:');
    assert.deepEqual(check(text).map((d) => d.code), ['missing-field', 'unknown-field']);
  });

  test('an unknown key far from every known one lists the fields instead of guessing', () => {
    const text = edit(REFERENCE, 'tags:', 'location: Mexico City\ntags:');
    assert.match(only(check(text), 'unknown-field').message, /^Unknown field 'location'\. The fields are: date, modified_time, published_time, source_url, tags, title\.$/);
  });

  test('an empty front matter names each missing field on the opening line', () => {
    const diagnostics = readouts.getDiagnostics({ text: '---\n---\nbody\n', inReadoutFiles: true });
    assert.deepEqual(diagnostics.map((d) => [d.code, d.message, d.span.start, d.span.end]), [
      ['missing-field', "Missing required field 'date'.", 0, 3],
      ['missing-field', "Missing required field 'published_time'.", 0, 3],
      ['missing-field', "Missing required field 'source_url'.", 0, 3],
      ['missing-field', "Missing required field 'tags'.", 0, 3],
      ['missing-field', "Missing required field 'title'.", 0, 3],
    ]);
  });

  test('front matter that is a list, not fields', () => {
    const diagnostics = readouts.getDiagnostics({ text: '---\n- date\n---\n', inReadoutFiles: true });
    assert.deepEqual(diagnostics.map((d) => [d.code, d.span.start, d.span.end]), [['wrong-type', 0, 3]]);
  });
});

describe('severity settings (readout.rules)', () => {
  const text = edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases');

  test('a level replaces the default', () => {
    assert.equal(only(service({ rules: { 'unknown-value': 'hint' } }).getDiagnostics({ text }), 'unknown-value').severity, 'hint');
  });

  test('the schema keywords that were the codes before 0.2.0 still work as aliases; the code itself wins over its alias', () => {
    assert.equal(only(service({ rules: { enum: 'hint' } }).getDiagnostics({ text }), 'unknown-value').severity, 'hint');
    assert.equal(only(service({ rules: { 'unknown-value': 'warning', enum: 'hint' } }).getDiagnostics({ text }), 'unknown-value').severity, 'warning');
    const missing = edit(REFERENCE, "date: '2023-01-10'\n", '');
    assert.equal(only(service({ rules: { required: 'information' } }).getDiagnostics({ text: missing }), 'missing-field').severity, 'information');
    const unknownKey = edit(REFERENCE, 'title:', 'titel:');
    assert.deepEqual(service({ rules: { additionalProperties: 'off' } }).getDiagnostics({ text: unknownKey }), []);
  });

  test("'off' drops the code and nothing else", () => {
    const both = edit(text, "date: '2023-01-10'", "date: '2023-01-11'");
    assert.deepEqual(service({ rules: { enum: 'off' } }).getDiagnostics({ text: both }).map((d) => d.code), ['date-mismatch']);
  });
});

describe('a key repeated inside a value', () => {
  test('is reported on the repeat; no "remove this field" fix is offered, as the field itself is not repeated', () => {
    const text = edit(REFERENCE, 'tags: statements-releases', 'tags:\n- {name: statements-releases, name: speeches-remarks}');
    const repeated = check(text).filter((d) => d.code === 'duplicate-key');
    assert.deepEqual(repeated.map((d) => [text.slice(d.span.start, d.span.end), d.span.start, d.message, d.fixes.length]), [
      ['name', text.lastIndexOf('name:'), "The key 'name' appears more than once in 'tags[0]'. Keep one of them.", 0],
    ]);
  });
});
