import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { easternClock, easternOffsetOn } from '../../server/src/core/easternTime';

describe('US Eastern time, by the rules in force in each year', () => {
  test('the offset of a day: daylight time from the second Sunday of March to the first of November since 2007', () => {
    assert.equal(easternOffsetOn('2023-01-10'), '-05:00');
    assert.equal(easternOffsetOn('2023-03-12'), '-04:00');
    assert.equal(easternOffsetOn('2023-03-11'), '-05:00');
    assert.equal(easternOffsetOn('2023-11-04'), '-04:00');
    assert.equal(easternOffsetOn('2023-11-05'), '-05:00');
  });

  test('before 2007, from the first Sunday of April to the last Sunday of October', () => {
    // The 2007 rules gave -04:00 for both.
    assert.equal(easternOffsetOn('2006-11-02'), '-05:00');
    assert.equal(easternOffsetOn('2006-03-20'), '-05:00');
    assert.equal(easternOffsetOn('2006-04-02'), '-04:00');
    assert.equal(easternOffsetOn('2006-10-28'), '-04:00');
    assert.equal(easternOffsetOn('2006-10-29'), '-05:00');
  });

  test('the wall clock of an instant, on both sides of each change', () => {
    assert.deepEqual(easternClock(new Date('2023-03-12T06:59:59Z')), { day: '2023-03-12', time: '01:59:59', offset: '-05:00' });
    assert.deepEqual(easternClock(new Date('2023-03-12T07:00:00Z')), { day: '2023-03-12', time: '03:00:00', offset: '-04:00' });
    assert.deepEqual(easternClock(new Date('2023-11-05T05:59:59Z')), { day: '2023-11-05', time: '01:59:59', offset: '-04:00' });
    assert.deepEqual(easternClock(new Date('2023-11-05T06:00:00Z')), { day: '2023-11-05', time: '01:00:00', offset: '-05:00' });
    assert.deepEqual(easternClock(new Date('2006-10-29T06:30:00Z')), { day: '2006-10-29', time: '01:30:00', offset: '-05:00' });
    assert.deepEqual(easternClock(new Date('2024-01-01T04:59:59Z')), { day: '2023-12-31', time: '23:59:59', offset: '-05:00' });
  });
});
