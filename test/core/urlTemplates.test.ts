import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_URL_TEMPLATES, DEFAULT_URL_TEMPLATES, fillTemplate, matchUrl, parseUrlTemplates, templateOn, type UrlParts, type UrlTemplate } from '../../server/src/core/urlTemplates';

const OLD = 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/';
const NEW = 'https://www.whitehouse.gov/presidential-actions/2025/01/initial-rescissions-of-harmful-executive-orders-and-actions/';

function templates(...settings: Parameters<typeof parseUrlTemplates>[0]): UrlTemplate[] {
  const parsed = parseUrlTemplates(settings);
  assert.ok('templates' in parsed, 'error' in parsed ? parsed.error : '');
  return parsed.templates;
}

/** Each placeholder's value, and the text of the URL its span covers (the same, unless the span is wrong). */
function shown(url: string, parts: UrlParts | undefined): Record<string, [string, string]> | undefined {
  if (!parts) return undefined;
  return Object.fromEntries([...parts.values].map(([name, { value, span }]) => [name, [value, url.slice(span.start, span.end)]]));
}

describe('the built-in URL forms', () => {
  test('are the two real ones: the archive to 19 January 2025, www.whitehouse.gov from the 20th', () => {
    assert.deepEqual(DEFAULT_URL_TEMPLATES, [
      { template: 'https://bidenwhitehouse.archives.gov/briefing-room/{category}/{yyyy}/{mm}/{dd}/{slug}/', before: '2025-01-20' },
      { template: 'https://www.whitehouse.gov/{category}/{yyyy}/{mm}/{slug}/', from: '2025-01-20' },
    ]);
    assert.deepEqual(BUILTIN_URL_TEMPLATES.map((template) => template.template), DEFAULT_URL_TEMPLATES.map((setting) => typeof setting === 'string' ? setting : setting.template));
  });

  test('the archive form: category, year, month, day and slug, each with its span', () => {
    const parts = matchUrl(OLD, BUILTIN_URL_TEMPLATES)!;
    assert.equal(parts.template, BUILTIN_URL_TEMPLATES[0]);
    assert.deepEqual(shown(OLD, parts), {
      category: ['statements-releases', 'statements-releases'],
      yyyy: ['2023', '2023'],
      mm: ['01', '01'],
      dd: ['10', '10'],
      slug: ['readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada', 'readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada'],
    });
  });

  test('the form from 2025: no day', () => {
    const parts = matchUrl(NEW, BUILTIN_URL_TEMPLATES)!;
    assert.equal(parts.template, BUILTIN_URL_TEMPLATES[1]);
    assert.deepEqual(shown(NEW, parts), {
      category: ['presidential-actions', 'presidential-actions'],
      yyyy: ['2025', '2025'],
      mm: ['01', '01'],
      slug: ['initial-rescissions-of-harmful-executive-orders-and-actions', 'initial-rescissions-of-harmful-executive-orders-and-actions'],
    });
  });

  test('without the final slash, or with a query or a fragment, a URL still follows its form', () => {
    for (const url of [OLD.slice(0, -1), `${OLD}?utm_source=x`, `${OLD.slice(0, -1)}#top`, `${NEW}#section-2`]) {
      assert.ok(matchUrl(url, BUILTIN_URL_TEMPLATES), url);
    }
    assert.equal(matchUrl(`${OLD.slice(0, -1)}?x`, BUILTIN_URL_TEMPLATES)!.values.get('slug')!.value, 'readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada');
  });

  test('a URL of neither form follows none', () => {
    for (const url of [
      'https://bidenwhitehouse.archives.gov/briefing-room/',
      'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/',
      'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/1/10/x/',
      'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/x/extra/',
      'https://www.whitehouse.gov/briefing-room/statements-releases/2023/01/10/x/',
      'http://www.whitehouse.gov/presidential-actions/2025/01/x/',
      'https://www.whitehouse.gov/presidential-actions/2025/01//',
      'not a url',
      '',
    ]) assert.equal(matchUrl(url, BUILTIN_URL_TEMPLATES), undefined, url);
  });
});

describe('templates declared in the configuration', () => {
  test('a placeholder may be followed by literal text in its segment, and fixed-width ones may touch', () => {
    const [agency] = templates('https://www.agency.gov/news/{yyyy}{mm}{dd}-{slug}.html');
    const url = 'https://www.agency.gov/news/20240315-secretary-visits-ohio.html';
    assert.deepEqual(shown(url, matchUrl(url, [agency])), {
      yyyy: ['2024', '2024'], mm: ['03', '03'], dd: ['15', '15'], slug: ['secretary-visits-ohio', 'secretary-visits-ohio'],
    });
    assert.equal(matchUrl('https://www.agency.gov/news/20240315-.html', [agency]), undefined);
    assert.equal(matchUrl('https://www.agency.gov/news/20240315-x.htm', [agency]), undefined);
  });

  test('the first form a URL follows is the one it follows', () => {
    const list = templates('https://x.gov/{category}/{slug}/', 'https://x.gov/{slug}/{yyyy}/');
    assert.equal(matchUrl('https://x.gov/a/b/', list)!.template, list[0]);
  });

  test('a date range: `from` is the first day of the form, `before` the first day after it', () => {
    const list = templates(
      { template: 'https://a.gov/{slug}/', before: '2021-01-20' },
      { template: 'https://b.gov/{yyyy}/{slug}/', from: '2021-01-20', before: '2025-01-20' },
      'https://c.gov/{slug}/',
    );
    assert.equal(templateOn(list, '2021-01-19'), list[0]);
    assert.equal(templateOn(list, '2021-01-20'), list[1]);
    assert.equal(templateOn(list, '2025-01-19'), list[1]);
    assert.equal(templateOn(list, '2025-01-20'), list[2]);
    assert.equal(templateOn(templates({ template: 'https://a.gov/{slug}/', from: '2030-01-01' }), '2025-01-01'), undefined);
    assert.equal(templateOn(BUILTIN_URL_TEMPLATES, '2025-01-19'), BUILTIN_URL_TEMPLATES[0]);
    assert.equal(templateOn(BUILTIN_URL_TEMPLATES, '2025-01-20'), BUILTIN_URL_TEMPLATES[1]);
  });

  test('a template is filled from the readout: its final slash as written', () => {
    const values = { category: 'fact-sheets', yyyy: '2025', mm: '02', dd: '03', slug: 'fact-sheet-x' };
    assert.equal(fillTemplate(BUILTIN_URL_TEMPLATES[0], values), 'https://bidenwhitehouse.archives.gov/briefing-room/fact-sheets/2025/02/03/fact-sheet-x/');
    assert.equal(fillTemplate(BUILTIN_URL_TEMPLATES[1], values), 'https://www.whitehouse.gov/fact-sheets/2025/02/fact-sheet-x/');
    assert.equal(fillTemplate(templates('https://a.gov/{yyyy}-{mm}/{slug}')[0], values), 'https://a.gov/2025-02/fact-sheet-x');
  });

  test('what cannot be a template is refused with what is wrong and where', () => {
    const refused: [Parameters<typeof parseUrlTemplates>[0], string][] = [
      [['https://a.gov/{day}/{slug}/'], "urls[0]: '{day}' is not a placeholder. The placeholders are {category}, {yyyy}, {mm}, {dd} and {slug}."],
      [['https://a.gov/{slug}/', 'https://a.gov/{slug/'], "urls[1]: a '{' is never closed."],
      [['https://a.gov/}{slug}/'], "urls[0]: a '}' closes nothing."],
      [['https://a.gov/{slug}/{slug}/'], 'urls[0]: {slug} appears twice.'],
      [['https://a.gov/{slug}{dd}/'], 'urls[0]: {slug} must be followed by literal text (such as /), not by {dd}: where it ends could not be told.'],
      [['https://a.gov/{category}{slug}/'], 'urls[0]: {category} must be followed by literal text (such as /), not by {slug}: where it ends could not be told.'],
      [[''], 'urls[0]: the template is empty.'],
      [[{ template: 'https://a.gov/{slug}/', from: '2025-02-30' }], "urls[0]: 'from' must be a day, YYYY-MM-DD, not '2025-02-30'."],
      [[{ template: 'https://a.gov/{slug}/', from: '2025-01-20', before: '2025-01-20' }], "urls[0]: 'from' (2025-01-20) must come before 'before' (2025-01-20)."],
    ];
    for (const [settings, error] of refused) assert.deepEqual(parseUrlTemplates(settings), { error }, JSON.stringify(settings));
  });
});

describe('matching is linear in the length of the URL', () => {
  test('URLs of a million characters, against forms whose placeholders end in literal text', () => {
    const list = templates('https://a.gov/{category}x/{slug}y/', 'https://a.gov/{category}/{yyyy}/{slug}.html', ...DEFAULT_URL_TEMPLATES);
    const long = 'x'.repeat(1_000_000);
    for (const url of [
      `https://a.gov/${long}`,
      `https://a.gov/${long}/`,
      `https://a.gov/c/${long}`,
      `https://a.gov/c/2024/${long}.htm`,
      `https://bidenwhitehouse.archives.gov/briefing-room/${'a/'.repeat(500_000)}`,
      `https://www.whitehouse.gov/${long}/2025/01/${long}/`,
    ]) assert.equal(matchUrl(url, list)?.template.template, url.startsWith('https://www.whitehouse.gov') ? DEFAULT_URL_TEMPLATES.map((t) => (typeof t === 'string' ? t : t.template))[1] : undefined);
  });
});
