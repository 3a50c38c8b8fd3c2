import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { utcInstant } from '../../server/src/core/hover';
import { REFERENCE, edit, service } from './helpers';

const readouts = service();
const hoverAt = (text: string, needle: string, delta = 1) => readouts.getHover({ text }, text.indexOf(needle) + delta);

describe('hover', () => {
  test('on a key: the schema description and examples, over the key', () => {
    const hover = hoverAt(REFERENCE, 'date:')!;
    assert.match(hover.contents, /^\*\*date\*\*\n\nThe calendar day of publication/);
    assert.match(hover.contents, /Example: `2023-01-10`/);
    assert.equal(REFERENCE.slice(hover.span.start, hover.span.end), 'date');
  });

  test('on published_time: the same instant in UTC', () => {
    const hover = hoverAt(REFERENCE, '2023-01-10 12:54:40', 3)!;
    assert.match(hover.contents, /In UTC: `2023-01-10 17:54:40 UTC`/);
    assert.equal(REFERENCE.slice(hover.span.start, hover.span.end), '2023-01-10 12:54:40-05:00');
  });

  test('on source_url: each part and whether it agrees', () => {
    const hover = hoverAt(REFERENCE, 'https://')!;
    assert.match(hover.contents, /\| category \| `statements-releases` \| tags ✓ \|/);
    assert.match(hover.contents, /\| date \| `2023-01-10` \| date ✓ \|/);
    assert.match(hover.contents, /\| slug \| `readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada` \| title ✓ \|/);
  });

  test('on a source_url that disagrees: the part is marked and the expected slug given', () => {
    const text = edit(REFERENCE, 'trudeau-of-canada/', 'trudeau/');
    const hover = hoverAt(text, 'https://')!;
    assert.match(hover.contents, /title ✗/);
    assert.match(hover.contents, /The title's slug is `readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada`/);
  });

  test('on a tag: what the tag means', () => {
    const hover = hoverAt(REFERENCE, 'statements-releases\n', 2)!;
    assert.match(hover.contents, /`statements-releases`: Statements and releases/);
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
