import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newReadoutTemplate } from '../../server/src/core/newReadoutTemplate';
import { ARCHIVE_CATEGORIES, edit, seen, service } from './helpers';

const readouts = service();
const CLOCK = { day: '2026-03-10', time: '14:05:09', offset: '-04:00' } as const;

describe('the New Readout template', () => {
  test('a snippet whose tab stops go through the time, the tag, the title, then the URL, and the body last', () => {
    assert.equal(newReadoutTemplate(CLOCK).snippet, [
      '---',
      "date: '2026-03-10'",
      'published_time: 2026-03-10 ${1:14:05:09}-04:00',
      'source_url: $4',
      // The archive's categories, most used first.
      `tags: \${2|${ARCHIVE_CATEGORIES.join(',')}|}`,
      'title: "$3"',
      '---',
      ' ',
      '$0',
      '',
      '\\\\###',
      '',
    ].join('\n'));
  });

  test('its plain text is the snippet with each placeholder at its default', () => {
    assert.equal(newReadoutTemplate(CLOCK).text, [
      '---',
      "date: '2026-03-10'",
      'published_time: 2026-03-10 14:05:09-04:00',
      'source_url: ',
      'tags: statements-releases',
      'title: ""',
      '---',
      ' ',
      '',
      '',
      '\\###',
      '',
    ].join('\n'));
  });

  test('left as it is, it fails the check on exactly the fields still to fill in: the URL and the title', () => {
    const { text } = newReadoutTemplate(CLOCK);
    assert.deepEqual(seen(text, readouts.getDiagnostics({ text })), [
      { code: 'wrong-type', severity: 'error', text: 'source_url', at: '3:0-3:10' },
      { code: 'empty-value', severity: 'error', text: '""', at: '5:7-5:9' },
    ]);
  });

  test('filled in, it is a readout with no problem', () => {
    let text = edit(newReadoutTemplate(CLOCK).text, 'source_url: ', 'source_url: https://www.whitehouse.gov/statements-releases/2026/03/readout-of-a-call/');
    text = edit(text, 'title: ""', 'title: "Readout of a Call"');
    assert.deepEqual(readouts.getDiagnostics({ text }), []);
  });
});
