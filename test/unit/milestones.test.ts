import * as assert from 'node:assert/strict';
import { MILESTONES, matchMilestones, readTimelineMilestones, requiredMilestones } from '../../src/core/milestones';
import { parseReport } from '../../src/core/model/parseReport';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { defaultTemplateModel } from '../../src/core/template/templateModel';
import { complete, mutate } from './helpers';

const template = defaultTemplateModel(DEFAULT_TEMPLATE);

/** `event -> milestones` as the Incidents view and the rules see it. */
function marks(event: string): string {
  return `${event} -> ${matchMilestones(event).join(',') || '-'}`;
}

/** `milestone@row time` for each milestone found in a report's timeline. */
function found(text: string): string[] {
  const timeline = readTimelineMilestones(parseReport(text), template);
  if (!timeline) return ['no timeline'];
  return MILESTONES.filter((m) => timeline.found.has(m.id)).map((m) => `${m.id}@${timeline.found.get(m.id)!.timeText}`);
}

const timelineDoc = (rows: string, date = '2026-10-20') => `# Incident Report\n\n**Date:** ${date}\n\n## Timeline (UTC)\n\n| Time | Event | Actor |\n|------|-------|-------|\n${rows}\n`;

describe('milestones', () => {
  it('recognises the template wording of each milestone', () => {
    assert.deepEqual(['Incident detected', 'Mitigation started', 'Service restored', 'Incident resolved', 'On-call notified', 'Investigation started', 'Root cause identified'].map((e) => marks(e)), [
      'Incident detected -> detected',
      'Mitigation started -> mitigation-started',
      'Service restored -> service-restored',
      'Incident resolved -> resolved',
      'On-call notified -> -',
      'Investigation started -> -',
      'Root cause identified -> -',
    ]);
  });

  it('is case-, emoji-, punctuation- and wording-tolerant', () => {
    assert.deepEqual(
      ['DETECTED', '🚨 Incident detected: error rate > 5%', 'Detection: synthetic probe failing', 'Rollback started', 'rolling back to v41', 'Mitigating by shedding load', 'Failover to eu-west initiated', 'Recovered', 'Error rate back to normal', 'Service back online', 'All clear', 'all-clear given', 'Incident closed', 'Resolved.'].map((e) => marks(e)),
      [
        'DETECTED -> detected',
        '🚨 Incident detected: error rate > 5% -> detected',
        'Detection: synthetic probe failing -> detected',
        'Rollback started -> mitigation-started',
        'rolling back to v41 -> mitigation-started',
        'Mitigating by shedding load -> mitigation-started',
        'Failover to eu-west initiated -> mitigation-started',
        'Recovered -> service-restored',
        'Error rate back to normal -> service-restored',
        'Service back online -> service-restored',
        'All clear -> resolved',
        'all-clear given -> resolved',
        'Incident closed -> resolved',
        'Resolved. -> resolved',
      ],
    );
  });

  // #13: real timelines say "alert fired" on row 2; the first-row-only rule gave false errors.
  it('counts an alert, a page or a user report as detection on any row', () => {
    const events = ['Alert fired', 'Checkout error rate alert triggered', 'On-call paged', 'Customer reported failed payments', 'Noticed elevated latency'];
    assert.deepEqual(events.map((e) => marks(e)), events.map((e) => `${e} -> detected`));
  });

  it('reads the phrases of real timelines (#13)', () => {
    assert.deepEqual(['IC declares incident', 'Latency back to baseline', 'SEV-2 ended', 'SEV2 ended', 'Mitigated by scaling out', 'Rolled back to v41', 'All clear given by the IC', 'Customer impact ended'].map((e) => marks(e)), [
      'IC declares incident -> detected',
      'Latency back to baseline -> service-restored',
      'SEV-2 ended -> resolved',
      'SEV2 ended -> resolved',
      'Mitigated by scaling out -> mitigation-started',
      'Rolled back to v41 -> mitigation-started',
      'All clear given by the IC -> resolved',
      'Customer impact ended -> service-restored',
    ]);
    // A number is a number: "sev ended" alone, or words in its place, are not.
    assert.deepEqual(['SEV ended', 'Severity ended up high'].map((e) => marks(e)), ['SEV ended -> -', 'Severity ended up high -> -']);
  });

  it('does not count a negated or partial milestone', () => {
    assert.deepEqual(['Not resolved by the restart', "Issue isn't resolved yet", 'Service partially restored', 'Never detected by monitoring', 'Unresolved: retry storm continues', 'Not yet recovered'].map((e) => marks(e)), [
      'Not resolved by the restart -> -',
      "Issue isn't resolved yet -> -",
      'Service partially restored -> -',
      'Never detected by monitoring -> -',
      'Unresolved: retry storm continues -> -',
      'Not yet recovered -> -',
    ]);
  });

  it('reads the two words before a phrase without rereading the cell: a huge negated cell is linear', () => {
    assert.deepEqual(matchMilestones('not resolved '.repeat(30000)), []);
    assert.deepEqual(matchMilestones(`${'not resolved '.repeat(30000)}then finally all clear`), ['resolved']);
    assert.equal(marks('Not yet really resolved'), 'Not yet really resolved -> resolved');
  });

  it('does not take DNS resolution or a recovery that only starts for a milestone', () => {
    assert.deepEqual(['api.internal resolved to the old load balancer', 'Recovery started from snapshot', 'Recovery confirmed by synthetic checks'].map((e) => marks(e)), [
      'api.internal resolved to the old load balancer -> -',
      'Recovery started from snapshot -> -',
      'Recovery confirmed by synthetic checks -> service-restored',
    ]);
  });

  it('lets one row mark several milestones', () => {
    assert.equal(marks('Rollback done, service restored and incident resolved'), 'Rollback done, service restored and incident resolved -> mitigation-started,service-restored,resolved');
  });

  it('requires detected and resolved in draft, all four in final', () => {
    assert.deepEqual(requiredMilestones('draft'), ['detected', 'resolved']);
    assert.deepEqual(requiredMilestones('final'), ['detected', 'mitigation-started', 'service-restored', 'resolved']);
  });

  describe('readTimelineMilestones', () => {
    it('finds the four milestones of the complete report', () => {
      assert.deepEqual(found(complete()), ['detected@14:02', 'mitigation-started@15:31', 'service-restored@16:05', 'resolved@16:37']);
    });

    it('takes the first detection and mitigation, the last restoration and resolution', () => {
      const rows = [
        '| 10:00 | Incident detected | A |',
        '| 10:05 | Duplicate alert detected | A |',
        '| 10:10 | Mitigation started: restart | B |',
        '| 10:20 | Rollback started | B |',
        '| 10:30 | Service restored | B |',
        '| 10:40 | Incident resolved | B |',
        '| 11:00 | Errors again, service restored after failover | B |',
        '| 11:30 | Incident resolved (for real) | B |',
      ].join('\n');
      assert.deepEqual(found(timelineDoc(rows)), ['detected@10:00', 'mitigation-started@10:10', 'service-restored@11:00', 'resolved@11:30']);
    });

    it('reads an alert as detection on any row, the first one that says so', () => {
      assert.deepEqual(found(timelineDoc('| 09:58 | Alert fired | Alertmanager |\n| 10:30 | Incident resolved | A |')), ['detected@09:58', 'resolved@10:30']);
      assert.deepEqual(found(timelineDoc('| 09:50 | Deploy | CD |\n| 09:58 | Alert fired | Alertmanager |\n| 10:05 | Alert fired on the replica | Alertmanager |\n| 10:30 | Incident resolved | A |')), ['detected@09:58', 'resolved@10:30']);
    });

    it('keeps rows whose times do not parse: presence is about the event', () => {
      assert.deepEqual(found(timelineDoc('| HH:MM | Incident detected | A |\n| soon | Incident resolved | A |')), ['detected@HH:MM', 'resolved@soon']);
    });

    it('copes with rows missing cells, a missing table and a missing section', () => {
      assert.deepEqual(found(timelineDoc('| 10:00 |\n| 10:05 | Incident detected |\n|')), ['detected@10:05']);
      assert.deepEqual(found('# R\n\n## Timeline (UTC)\n\nNo table yet.\n'), []);
      assert.deepEqual(found('# R\n\n## Summary\n\ntext\n'), ['no timeline']);
      assert.deepEqual(found(''), ['no timeline']);
    });

    it('reads CRLF documents the same way', () => {
      const crlf = complete().replace(/\n/g, '\r\n');
      assert.deepEqual(found(crlf), found(complete()));
    });

    it('does not mistake the deploy or root-cause rows of the fixture for milestones', () => {
      const text = mutate(complete(), '| 14:02 | Incident detected: checkout error rate alert fired |', '| 14:02 | Checkout error rate above 5% |');
      assert.deepEqual(found(text), ['mitigation-started@15:31', 'service-restored@16:05', 'resolved@16:37']);
      // The alert on the second row is the detection (#13).
      assert.deepEqual(found(mutate(complete(), '| 14:02 | Incident detected: checkout error rate alert fired |', '| 14:02 | Checkout error rate alert fired |'))[0], 'detected@14:02');
    });
  });
});
