import { describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import assert from 'node:assert/strict';
import { utcInstant } from '../../server/src/core/hover';
import { parseUrlTemplates } from '../../server/src/core/urlTemplates';
import { ARCHIVE_CATEGORIES, READOUT_2025, REFERENCE, edit, service } from './helpers';

const readouts = service();
const hoverAt = (text: string, needle: string, delta = 1) => readouts.getHover({ text }, text.indexOf(needle) + delta);

describe('hover on a key nobody knows', () => {
  // A Markdown renderer as lenient as an editor's: raw HTML and bare URLs turned into links.
  const markdown = new MarkdownIt({ html: true, linkify: true });
  const keys = [
    '[click here](https://evil.example/?q=1)', '![pixel](https://tracker.example/p.png)', '`code` and ``more``', '<img src=x onerror=alert(1)>',
    'https://evil.example/page', 'www.evil.example', '*emphasis* and _this_ and __that__', '&amp; &#60;', '# heading', '> quote', '| a | b |', 'back\\slash',
    'line\nbreak', 'snake_case_key',
  ];
  for (const key of keys) {
    test(`${JSON.stringify(key)}: shown as written, nothing in it a link, an image, code or markup`, () => {
      const text = edit(REFERENCE, 'tags: statements-releases', `tags: statements-releases\n${JSON.stringify(key)}: x`);
      const hover = readouts.getHover({ text }, text.indexOf(JSON.stringify(key)) + 1)!;
      const rendered = markdown.render(hover.contents);
      assert.match(rendered, /^<p><strong>[^<]*<\/strong><\/p>\n$/, rendered);
      const shown = rendered.replace(/<[^>]+>/g, '').trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      assert.equal(shown, key.replace(/\s+/g, ' '));
    });
  }
});

describe('hover', () => {
  test('on a key: the schema description and examples, over the key', () => {
    const hover = hoverAt(REFERENCE, 'date:')!;
    assert.match(hover.contents, /^\*\*date\*\*\n\nThe calendar day of publication/);
    assert.match(hover.contents, /Example: `2023-01-10`/);
    assert.equal(REFERENCE.slice(hover.span.start, hover.span.end), 'date');
  });

  test('on published_time: the same instant in UTC, before the description', () => {
    const hover = hoverAt(REFERENCE, '2023-01-10 12:54:40', 3)!;
    assert.match(hover.contents, /^\*\*published_time\*\*\n\nIn UTC: `2023-01-10 17:54:40 UTC`\n\nWhen the statement was published/);
    assert.equal(REFERENCE.slice(hover.span.start, hover.span.end), '2023-01-10 12:54:40-05:00');
  });

  test('on modified_time: the same instant in UTC, then what the field is', () => {
    const text = edit(REFERENCE, 'published_time:', 'modified_time: 2023-01-09 22:10:00-05:00\npublished_time:');
    const hover = hoverAt(text, '2023-01-09 22:10', 3)!;
    assert.match(hover.contents, /^\*\*modified_time\*\*\n\nIn UTC: `2023-01-10 03:10:00 UTC`\n\nWhen the statement was last modified/);
    assert.match(hover.contents, /may be earlier than `published_time`/);
  });

  test('on source_url: the form it follows, each part and whether it agrees, first, then what the schema says of the field', () => {
    const hover = hoverAt(REFERENCE, 'https://')!;
    assert.equal(hover.contents, [
      '**source_url**',
      '',
      'Follows the form `https://bidenwhitehouse.archives.gov/briefing-room/{category}/{yyyy}/{mm}/{dd}/{slug}/` (before 2025-01-20).',
      '',
      '| part | value | agrees with |',
      '|---|---|---|',
      '| category | `statements-releases` | tags ✓ |',
      '| date | `2023-01-10` | date ✓ |',
      '| slug | `readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada` | title ✓ |',
      '',
      'The address of the statement as published, an https URL. In the archive it takes one of two forms:',
      '',
      '`https://bidenwhitehouse.archives.gov/briefing-room/<category>/<yyyy>/<mm>/<dd>/<slug>/`',
      '',
      "to January 2025, or `https://www.whitehouse.gov/<category>/<yyyy>/<mm>/<slug>/` from 20 January 2025 (the `urls` setting lists the forms). The category is one of `tags`, the date is `date`, the slug is the title's as WordPress wrote it.",
      '',
      'Example: `https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/`',
    ].join('\n'));
  });

  test('on a source_url of the form of 2025: its month, as it has no day', () => {
    const { contents } = hoverAt(edit(READOUT_2025, '/2025/03/', '/2025/02/'), 'https://')!;
    assert.ok(contents.startsWith([
      '**source_url**',
      '',
      'Follows the form `https://www.whitehouse.gov/{category}/{yyyy}/{mm}/{slug}/` (from 2025-01-20).',
      '',
      '| part | value | agrees with |',
      '|---|---|---|',
      '| category | `fact-sheets` | tags ✓ |',
      '| month | `2025-02` | date ✗ |',
      '| slug | `fact-sheet-president-donald-j-trump-protects-americas-workers` | title ✓ |',
      '',
    ].join('\n')), contents);
  });

  test('on a source_url that follows no form: said so, before the description', () => {
    const text = edit(REFERENCE, 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/', 'https://www.state.gov/');
    const { contents } = hoverAt(text, 'https://')!;
    assert.ok(contents.startsWith('**source_url**\n\nFollows none of the URL forms (the `urls` setting): it is checked as a URL only.\n\nThe address'), contents);
  });

  test('on a source_url of a form from the configuration: that form, with no range of days', () => {
    const parsed = parseUrlTemplates(['https://www.agency.gov/news/{yyyy}{mm}{dd}-{slug}.html']);
    assert.ok('templates' in parsed);
    const text = edit(REFERENCE, 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/', 'https://www.agency.gov/news/20230110-readout-of-a-meeting.html');
    const { contents } = service({ urls: parsed.templates }).getHover({ text }, text.indexOf('https://') + 1)!;
    assert.ok(contents.startsWith([
      '**source_url**',
      '',
      'Follows the form `https://www.agency.gov/news/{yyyy}{mm}{dd}-{slug}.html`.',
      '',
      '| part | value | agrees with |',
      '|---|---|---|',
      '| date | `2023-01-10` | date ✓ |',
      '| slug | `readout-of-a-meeting` | title ✗ |',
      '',
      "The title's slug is `readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada`: the title was edited after publication, or the URL is wrong.",
      '',
    ].join('\n')), contents);
  });

  test('on a source_url that disagrees: the part is marked and the expected slug given, before the description', () => {
    const text = edit(REFERENCE, 'trudeau-of-canada/', 'trudeau/');
    const { contents } = hoverAt(text, 'https://')!;
    assert.match(contents, /title ✗/);
    const expected = contents.indexOf("The title's slug is `readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada`: the title was edited after publication, or the URL is wrong.");
    assert.ok(expected > 0 && expected < contents.indexOf('The address of the statement as published'), contents);
  });

  test('on a tag: what the tag means, before what the field is', () => {
    const hover = hoverAt(REFERENCE, 'statements-releases\n', 2)!;
    assert.match(hover.contents, /^\*\*tags\*\*\n\n`statements-releases`: Statements and releases.*\n\nThe statement's category/);
  });

  test('on each of the 14 categories: what it holds', () => {
    for (const category of ARCHIVE_CATEGORIES) {
      const text = edit(REFERENCE, 'tags: statements-releases', `tags: ${category}`);
      const hover = hoverAt(text, `tags: ${category}`, 7)!;
      assert.match(hover.contents, new RegExp(`^\\*\\*tags\\*\\*\\n\\n\`${category}\`: [A-Z][^\\n]+\\.\\n\\n`), category);
    }
  });

  test('nothing in the body, on the delimiters, or in a document that is not a readout', () => {
    assert.equal(hoverAt(REFERENCE, 'President Joseph R. Biden'), undefined);
    assert.equal(readouts.getHover({ text: REFERENCE }, 1), undefined);
    assert.equal(readouts.getHover({ text: '---\nlayout: x\n---\n' }, 5), undefined);
  });
});

describe('utcInstant', () => {
  test('converts with the offset as written, across midnight, and accepts Z and T', () => {
    assert.equal(utcInstant('2023-01-10 21:30:00-05:00'), '2023-01-11 02:30:00 UTC');
    assert.equal(utcInstant('2023-01-10T00:15:00+05:30'), '2023-01-09 18:45:00 UTC');
    assert.equal(utcInstant('2023-01-10 12:00:00Z'), '2023-01-10 12:00:00 UTC');
    assert.equal(utcInstant('yesterday'), undefined);
  });
});
