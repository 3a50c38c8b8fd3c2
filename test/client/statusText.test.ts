import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statusText } from '../../client/src/statusText';

const none = { error: 0, warning: 0, information: 0 };

describe('statusText: the status bar item for a readout', () => {
  test('no problems: a check mark, and a click opens the preview', () => {
    assert.deepEqual(statusText(none), {
      text: 'Readout $(check)',
      tooltip: 'This readout has no problems. Click to open the preview.',
      label: 'Readout: no problems',
    });
  });

  test('every severity the Problems panel lists, in the order of VS Code\'s own problems item', () => {
    assert.deepEqual(statusText({ error: 1, warning: 2, information: 3 }), {
      text: 'Readout $(error) 1 $(warning) 2 $(info) 3',
      tooltip: 'This readout has 1 error, 2 warnings and 3 infos. Click to open the Problems panel.',
      label: 'Readout: 1 error, 2 warnings and 3 infos',
    });
  });

  test('only the severities it has; singular and plural', () => {
    assert.deepEqual(statusText({ ...none, error: 2, warning: 1 }), {
      text: 'Readout $(error) 2 $(warning) 1',
      tooltip: 'This readout has 2 errors and 1 warning. Click to open the Problems panel.',
      label: 'Readout: 2 errors and 1 warning',
    });
    assert.equal(statusText({ ...none, warning: 3 }).text, 'Readout $(warning) 3');
    assert.equal(statusText({ ...none, warning: 3 }).tooltip, 'This readout has 3 warnings. Click to open the Problems panel.');
    assert.equal(statusText({ ...none, information: 1 }).tooltip, 'This readout has 1 info. Click to open the Problems panel.');
    assert.equal(statusText({ ...none, error: 1, information: 2 }).label, 'Readout: 1 error and 2 infos');
  });
});
