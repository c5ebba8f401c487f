import * as assert from 'node:assert/strict';
import { createIncidentCore } from '../../src/core';
import { complete, mutate } from './helpers';

describe('timeline metrics (src/core/metrics.ts)', () => {
  const core = createIncidentCore();
  const line = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

  it('times to detect, acknowledge, mitigate, restore and resolve, from the rows that mark them', () => {
    const text = complete();
    const { metrics, tableLine } = core.metrics(text);
    assert.deepEqual(metrics.map((m) => [m.id, m.minutes, m.text, m.fromLine, m.toLine]), [
      ['detect', 14, '14m', line(text, '| 13:48 |'), line(text, '| 14:02 |')],
      ['acknowledge', 3, '3m', line(text, '| 14:02 |'), line(text, '| 14:05 |')],
      ['mitigate', 89, '1h 29m', line(text, '| 14:02 |'), line(text, '| 15:31 |')],
      ['restore', 123, '2h 3m', line(text, '| 14:02 |'), line(text, '| 16:05 |')],
      ['resolve', 155, '2h 35m', line(text, '| 14:02 |'), line(text, '| 16:37 |')],
    ]);
    assert.equal(tableLine, line(text, '| Time | Event | Actor |'));
  });

  it('no time to detect when detection opens the timeline; nothing for milestones not reached or not timed', () => {
    const opened = mutate(complete(), '| 13:48 | Helm release 2026.10.20-3 deployed | CD pipeline |\n', '');
    assert.deepEqual(core.metrics(opened).metrics.map((m) => m.id), ['acknowledge', 'mitigate', 'restore', 'resolve']);
    const open = mutate(mutate(complete(), '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n', ''), '| 15:31 |', '| HH:MM |');
    assert.deepEqual(core.metrics(open).metrics.map((m) => m.id), ['detect', 'acknowledge', 'restore']);
    assert.deepEqual(core.metrics('# Not a report\n').metrics, []);
  });

  it('rows carry their offsets from detection and from the previous timed row', () => {
    const rows = core.metrics(complete()).rows;
    assert.deepEqual(rows.slice(0, 3).map((r) => [r.sinceDetection, r.sincePrevious]), [[-14, undefined], [0, 14], [3, 3]]);
  });
});
