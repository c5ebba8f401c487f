import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIncidentCore, DEFAULT_GAP_MINUTES, ReportParser } from '../../src/core';

const core = createIncidentCore();
const EXAMPLE = readFileSync(join(__dirname, '../../examples/incidents/INC-20261020-001-checkout-outage.md'), 'utf8');
/** Minutes since the epoch of a UTC `YYYY-MM-DD HH:MM`. */
const at = (utc: string): number => Date.parse(`${utc.replace(' ', 'T')}Z`) / 60_000;
/** 0-based line of the one line holding `needle`. */
function lineOf(text: string, needle: string): number {
  const found = text.split('\n').flatMap((line, index) => (line.includes(needle) ? [index] : []));
  assert.equal(found.length, 1, `"${needle}" should be on one line`);
  return found[0]!;
}
function replace(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `fixture holds ${from}`);
  return text.replace(from, to);
}

describe('timeline chart model (Show Timeline)', () => {
  it("from the document's own parser, after edits, is the chart of a fresh parse", () => {
    const parser = new ReportParser();
    core.lint(EXAMPLE, { parser });
    const row = EXAMPLE.indexOf('\n| ', EXAMPLE.indexOf('## Timeline'));
    // A timeline row's event edited, then a row added: each chart equals the fresh one.
    const edited = `${EXAMPLE.slice(0, row + 40)}edited ${EXAMPLE.slice(row + 40)}`;
    const added = edited.replace(/(\n\| 1[0-9]:[0-9]{2} \|[^\n]*)/, '$1\n| 23:59 | Added row | Sam |');
    for (const text of [EXAMPLE, edited, added]) {
      core.lint(text, { parser });
      assert.deepEqual(core.timelineChart(text, {}, parser), core.timelineChart(text));
    }
    assert.notDeepEqual(core.timelineChart(added, {}, parser)!.rows, core.timelineChart(EXAMPLE)!.rows);
    assert.ok(parser.piecesParsed <= 2, `only the changed section was parsed again (${parser.piecesParsed} pieces)`);
  });

  it('reads the bundled checkout outage: rows with their lines, phases, gaps over 30 minutes, milestones, durations', () => {
    const chart = core.timelineChart(EXAMPLE)!;
    assert.equal(chart.id, 'INC-20261020-001');
    assert.equal(chart.gapMinutes, DEFAULT_GAP_MINUTES);
    assert.equal(chart.untimed, 0);
    assert.deepEqual(
      chart.rows.map((r) => [r.utc, r.line, r.actor, r.milestones.join(',')]),
      [
        ['2026-10-20 13:48', lineOf(EXAMPLE, '| 13:48 |'), 'CD pipeline', ''],
        ['2026-10-20 14:02', lineOf(EXAMPLE, '| 14:02 |'), 'Alertmanager', 'detected'],
        ['2026-10-20 14:05', lineOf(EXAMPLE, '| 14:05 |'), 'PagerDuty', ''],
        ['2026-10-20 14:12', lineOf(EXAMPLE, '| 14:12 |'), 'Priya Raman', ''],
        ['2026-10-20 15:20', lineOf(EXAMPLE, '| 15:20 |'), 'Priya Raman', ''],
        ['2026-10-20 15:31', lineOf(EXAMPLE, '| 15:31 |'), 'Marco Silva', 'mitigation-started'],
        ['2026-10-20 16:05', lineOf(EXAMPLE, '| 16:05 |'), 'Marco Silva', 'service-restored'],
        ['2026-10-20 16:37', lineOf(EXAMPLE, '| 16:37 |'), 'Priya Raman', 'resolved'],
      ],
    );
    assert.equal(chart.rows[0]!.minutes, at('2026-10-20 13:48'));
    assert.equal(chart.rows[1]!.event, 'Incident detected: checkout error rate alert fired');
    // impact → detected → mitigating → restored; resolved is the last row, so its phase is empty and left out.
    assert.deepEqual(
      chart.phases.map((p) => [p.id, p.fromMinutes, p.toMinutes]),
      [
        ['impact', at('2026-10-20 13:48'), at('2026-10-20 14:02')],
        ['detected', at('2026-10-20 14:02'), at('2026-10-20 15:31')],
        ['mitigating', at('2026-10-20 15:31'), at('2026-10-20 16:05')],
        ['restored', at('2026-10-20 16:05'), at('2026-10-20 16:37')],
      ],
    );
    assert.deepEqual(
      chart.gaps.map((g) => [g.text, g.fromLine, g.toLine]),
      [
        ['1h 8m', lineOf(EXAMPLE, '| 14:12 |'), lineOf(EXAMPLE, '| 15:20 |')],
        ['34m', lineOf(EXAMPLE, '| 15:31 |'), lineOf(EXAMPLE, '| 16:05 |')],
        ['32m', lineOf(EXAMPLE, '| 16:05 |'), lineOf(EXAMPLE, '| 16:37 |')],
      ],
    );
    assert.deepEqual(
      chart.milestones.map((m) => [m.id, m.name, m.line]),
      [
        ['detected', 'Incident detected', lineOf(EXAMPLE, '| 14:02 |')],
        ['mitigation-started', 'Mitigation started', lineOf(EXAMPLE, '| 15:31 |')],
        ['service-restored', 'Service restored', lineOf(EXAMPLE, '| 16:05 |')],
        ['resolved', 'Incident resolved', lineOf(EXAMPLE, '| 16:37 |')],
      ],
    );
    assert.deepEqual(
      chart.durations.map((d) => [d.short, d.text, d.fromMinutes, d.toMinutes]),
      [
        ['TTD', '14m', at('2026-10-20 13:48'), at('2026-10-20 14:02')],
        ['TTA', '3m', at('2026-10-20 14:02'), at('2026-10-20 14:05')],
        ['TTM', '1h 29m', at('2026-10-20 14:02'), at('2026-10-20 15:31')],
        ['TTRs', '2h 3m', at('2026-10-20 14:02'), at('2026-10-20 16:05')],
        ['TTR', '2h 35m', at('2026-10-20 14:02'), at('2026-10-20 16:37')],
      ],
    );
  });

  it('marks only the gaps over the threshold it is given; a threshold that is not a positive number falls back to the default', () => {
    assert.deepEqual(core.timelineChart(EXAMPLE, { gapMinutes: 60 })!.gaps.map((g) => g.minutes), [68]);
    assert.deepEqual(core.timelineChart(EXAMPLE, { gapMinutes: 120 })!.gaps, []);
    assert.equal(core.timelineChart(EXAMPLE, { gapMinutes: -5 })!.gapMinutes, DEFAULT_GAP_MINUTES);
    assert.equal(core.timelineChart(EXAMPLE, { gapMinutes: Number.NaN })!.gaps.length, 3);
  });

  it('has no impact phase when the timeline opens with detection, and the last phase runs to the last row', () => {
    const text = replace(replace(EXAMPLE, '| 13:48 | Helm release 2026.10.20-3 deployed | CD pipeline |\n', ''), '| 16:37 | Incident resolved after 30 minutes of clean metrics |', '| 16:37 | Error budget reviewed |');
    const chart = core.timelineChart(text)!;
    assert.deepEqual(
      chart.phases.map((p) => [p.id, p.fromMinutes, p.toMinutes]),
      [
        ['detected', at('2026-10-20 14:02'), at('2026-10-20 15:31')],
        ['mitigating', at('2026-10-20 15:31'), at('2026-10-20 16:05')],
        ['restored', at('2026-10-20 16:05'), at('2026-10-20 16:37')],
      ],
    );
    assert.deepEqual(chart.durations.map((d) => d.short), ['TTA', 'TTM', 'TTRs']);
    assert.deepEqual(chart.milestones.map((m) => m.id), ['detected', 'mitigation-started', 'service-restored']);
  });

  it('leaves rows without a usable time off the chart and counts them; a row with a date of its own lands on that day', () => {
    let text = replace(EXAMPLE, '| 14:05 | On-call notified |', '| HH:MM | On-call notified |');
    text = replace(text, '| 15:20 | Root cause', '| later | Root cause');
    text = replace(text, '| 16:37 | Incident resolved', '| 2026-10-21 09:00 | Incident resolved');
    const chart = core.timelineChart(text)!;
    assert.equal(chart.untimed, 2);
    assert.equal(chart.rows.length, 6);
    assert.equal(chart.rows.at(-1)!.utc, '2026-10-21 09:00');
    // Without the 14:05 and 15:20 rows the 14:12 → 15:31 stretch is one gap.
    assert.deepEqual(chart.gaps.map((g) => [g.text, g.fromLine, g.toLine]), [
      ['1h 19m', lineOf(text, '| 14:12 |'), lineOf(text, '| 15:31 |')],
      ['34m', lineOf(text, '| 15:31 |'), lineOf(text, '| 16:05 |')],
      ['16h 55m', lineOf(text, '| 16:05 |'), lineOf(text, '| 2026-10-21 09:00 |')],
    ]);
  });

  it('keeps a pipe escaped in a cell as the reader sees it', () => {
    const text = replace(EXAMPLE, '| On-call notified | PagerDuty |', '| On-call notified \\| escalated | PagerDuty \\| Slack |');
    const row = core.timelineChart(text)!.rows.find((r) => r.line === lineOf(text, '| 14:05 |'))!;
    assert.deepEqual([row.event, row.actor], ['On-call notified | escalated', 'PagerDuty | Slack']);
  });

  it('says nothing for a file that is not a report, and gives an empty chart for a report without timeline rows', () => {
    assert.equal(core.timelineChart('# Shopping list\n\n- milk\n'), undefined);
    const start = EXAMPLE.indexOf('| 13:48 |');
    const end = EXAMPLE.indexOf('\n', EXAMPLE.indexOf('| 16:37 |')) + 1;
    const chart = core.timelineChart(EXAMPLE.slice(0, start) + EXAMPLE.slice(end))!;
    assert.deepEqual([chart.rows, chart.phases, chart.gaps, chart.milestones, chart.durations], [[], [], [], [], []]);
  });
});
