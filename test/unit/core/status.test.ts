import { strict as assert } from 'node:assert';
import { FINAL_STATUSES, isFinalStatus, REPORT_STATUSES } from '../../../src/core/status';

describe('report statuses', () => {
  it('are final for Resolved and Closed only, in any case and with spaces around', () => {
    assert.deepEqual(REPORT_STATUSES.filter(isFinalStatus), FINAL_STATUSES);
    assert.equal(isFinalStatus(' resolved '), true);
    assert.equal(isFinalStatus('CLOSED'), true);
    assert.equal(isFinalStatus('Mitigated'), false);
    assert.equal(isFinalStatus('Resolved soon'), false);
    assert.equal(isFinalStatus(undefined), false);
    assert.equal(isFinalStatus(3), false);
  });
});
