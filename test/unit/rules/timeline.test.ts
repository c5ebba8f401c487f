import assert from 'node:assert/strict';
import { parseReport } from '../../../src/core/model/parseReport';
import { readTimedRows } from '../../../src/core/rules/timeline';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { defaultTemplateModel } from '../../../src/core/template/templateModel';
import { parseTimelineTime } from '../../../src/core/time';
import { assertFixes, complete, fixesOf, lint, lintWith, mutate } from '../helpers';

const RULES = { rules: ['timeline-table', 'timeline-time', 'timeline-order'] };
const ROW = '| 14:05 | On-call notified | PagerDuty |';
const withRow = (row: string) => mutate(complete(), ROW, row);
const EXPECTED_TIME = 'expected HH:MM (UTC), YYYY-MM-DD HH:MM or an ISO 8601 time ending in Z.';
const TABLE_START = '| Time | Event | Actor |';
const LAST_ROW = '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n';
const table = () => complete().slice(complete().indexOf(TABLE_START), complete().indexOf(LAST_ROW) + LAST_ROW.length);
const template = defaultTemplateModel(DEFAULT_TEMPLATE);

describe('rules timeline-table, timeline-time, timeline-order', () => {
  it('pass the complete report', () => {
    assert.deepStrictEqual(lintWith(complete(), RULES), []);
  });

  describe('timeline-table', () => {
    it('reports a Timeline section without a table on its heading', () => {
      const text = mutate(complete(), table(), 'No table yet.\n');
      assert.deepStrictEqual(lintWith(text, RULES), ['34:1-34:21 timeline-table: "## 📊 Timeline (UTC)" has no table; expected a table with columns Time | Event | Actor.']);
    });

    it('says nothing when the section itself is missing (missing-section reports it)', () => {
      const start = complete().indexOf('## 📊 Timeline (UTC)');
      const text = complete().slice(0, start) + complete().slice(complete().indexOf('## 🔍 Detection'));
      assert.deepStrictEqual(lintWith(text, RULES), []);
    });

    it('reads the report\'s own header by role: synonyms are the same columns', () => {
      // Columns are found by role (template/columnRoles.ts), no longer by the template's exact words.
      for (const header of ['| When | Event | Who |', '| Time (UTC) | Description | Owner |', '| Timestamp | What happened | Source |', '| Date/Time | Action / Impact | By |']) {
        assert.deepStrictEqual(lintWith(mutate(complete(), TABLE_START, header), RULES), [], header);
      }
    });

    it('reports a header with no column for one of the template\'s roles, naming the template\'s column', () => {
      const text = mutate(complete(), TABLE_START, '| When | Note | Who |');
      assert.deepStrictEqual(lintWith(text, RULES), ['36:1-36:22 timeline-table: Timeline columns are When | Note | Who: no column plays the part of "Event"; expected Time | Event | Actor.']);
    });

    it('a table without a time column is not a timeline: said on its header, its rows not read as times', () => {
      const text = mutate(complete(), TABLE_START, '| Moment | Event | Actor |');
      assert.deepStrictEqual(lintWith(text, RULES), [
        '36:1-36:27 timeline-table: Timeline columns are Moment | Event | Actor: none is a time column (Time, When, Timestamp, Date…); expected a table with columns Time | Event | Actor.',
      ]);
    });

    it('accepts column names that differ only in case, emoji or punctuation', () => {
      const text = mutate(complete(), TABLE_START, '| ⏰ time | EVENT | Actor: |');
      assert.deepStrictEqual(lintWith(text, RULES), []);
    });

    it('reports a row with too few or too many cells on the row', () => {
      assert.deepStrictEqual(lintWith(withRow('| 14:05 | On-call notified |'), RULES), ['40:1-40:29 timeline-table: Timeline row has 2 cells; expected 3 (Time | Event | Actor).']);
      assert.deepStrictEqual(lintWith(withRow('| 14:05 | On-call notified | PagerDuty | extra |'), RULES), ['40:1-40:49 timeline-table: Timeline row has 4 cells; expected 3 (Time | Event | Actor).']);
      assert.deepStrictEqual(lintWith(withRow('| 14:05 |'), RULES), ['40:1-40:10 timeline-table: Timeline row has 1 cell; expected 3 (Time | Event | Actor).']);
    });

    it('is an error in draft and final', () => {
      const text = withRow('| 14:05 | On-call notified |');
      assert.deepStrictEqual(lint(text, { ...RULES, mode: 'draft' }).diagnostics.map((d) => d.severity), ['error']);
      assert.deepStrictEqual(lint(text, RULES).diagnostics.map((d) => d.severity), ['error']);
    });
  });

  describe('timeline-time', () => {
    it('accepts HH:MM, HH:MM:SS, YYYY-MM-DD HH:MM and ISO 8601 with Z', () => {
      for (const time of ['14:05', '14:05:30', '2026-10-20 14:05', '2026-10-20T14:05:00Z', '2026-10-20T14:05:00.250Z', '2026-10-20T14:05z']) {
        assert.deepStrictEqual(lintWith(withRow(`| ${time} | On-call notified | PagerDuty |`), RULES), [], time);
      }
    });

    it('reports ISO 8601 without a zone (local time to a reader) and adds the Z', () => {
      const text = withRow('| 2026-10-20T14:05 | On-call notified | PagerDuty |');
      assert.deepStrictEqual(lintWith(text, RULES), ['40:3-40:19 timeline-time: Timeline time "2026-10-20T14:05" has no zone; timeline times are UTC: write 2026-10-20T14:05Z.']);
      const [fixed] = assertFixes(text, 'timeline-time', RULES);
      assert.ok(fixed!.includes('| 2026-10-20T14:05Z | On-call notified |'));
    });

    it('reports an empty time on the row', () => {
      const text = withRow('|  | On-call notified | PagerDuty |');
      assert.deepStrictEqual(lintWith(text, RULES), [`40:1-40:36 timeline-time: Timeline time is empty; ${EXPECTED_TIME}`]);
    });

    it('reports a time that does not parse on its cell', () => {
      for (const [time, end] of [
        ['2pm', 6],
        ['24:05', 8],
        ['14:60', 8],
        ['2026-02-30 14:05', 19],
        ['14h05', 8],
        ['2026-10-20T14:05:00 UTC', 26],
      ] as const) {
        assert.deepStrictEqual(lintWith(withRow(`| ${time} | On-call notified | PagerDuty |`), RULES), [`40:3-40:${end} timeline-time: Timeline time "${time}" is not a time; ${EXPECTED_TIME}`], time);
      }
    });

    it('reports an offset other than Z and converts it to UTC', () => {
      const text = withRow('| 2026-10-20T16:05+02:00 | On-call notified | PagerDuty |');
      assert.deepStrictEqual(lintWith(text, RULES), ['40:3-40:25 timeline-time: Timeline time "2026-10-20T16:05+02:00" is not UTC: it is 2026-10-20 14:05 UTC (offset +02:00); timeline times are UTC: write 2026-10-20T14:05Z.']);
      const [fix] = fixesOf(lint(text, RULES), 'timeline-time');
      assert.equal(fix!.title, 'Convert to UTC: 2026-10-20T14:05Z');
      assert.equal(fix!.safe, true);
      const [fixed] = assertFixes(text, 'timeline-time', RULES);
      assert.ok(fixed!.includes('| 2026-10-20T14:05Z | On-call notified | PagerDuty |'));
      assert.deepStrictEqual(lintWith(fixed!, RULES), []);
    });

    it('says the UTC value of a short time with an offset, and converts it', () => {
      const text = withRow('| 16:05+02:00 | On-call notified | PagerDuty |');
      assert.deepStrictEqual(lintWith(text, RULES), ['40:3-40:14 timeline-time: Timeline time "16:05+02:00" is not UTC: it is 14:05 UTC (offset +02:00); timeline times are UTC: write 14:05.']);
      const [fixed] = assertFixes(text, 'timeline-time', RULES);
      assert.ok(fixed!.includes('| 14:05 | On-call notified | PagerDuty |'));
    });

    it('reads a dated time with an offset (YYYY-MM-DD HH:MM+hh:mm) instead of calling it not a time', () => {
      const text = withRow('| 2026-10-20 16:05+02:00 | On-call notified | PagerDuty |');
      assert.deepStrictEqual(lintWith(text, RULES), ['40:3-40:25 timeline-time: Timeline time "2026-10-20 16:05+02:00" is not UTC: it is 2026-10-20 14:05 UTC (offset +02:00); timeline times are UTC: write 2026-10-20 14:05.']);
      const [fixed] = assertFixes(text, 'timeline-time', RULES);
      assert.ok(fixed!.includes('| 2026-10-20 14:05 | On-call notified | PagerDuty |'));
      assert.deepStrictEqual(lintWith(fixed!, RULES), []);
      // The same form marked UTC is UTC, in another spelling.
      assert.deepStrictEqual(lintWith(withRow('| 2026-10-20 14:05 UTC | On-call notified | PagerDuty |'), RULES), ['40:3-40:23 timeline-time: Timeline time "2026-10-20 14:05 UTC" is UTC but not in a timeline form; write 2026-10-20 14:05.']);
    });

    it('converts offsets across midnight, with seconds, and a +00:00 offset', () => {
      const cases: [string, string][] = [
        ['2026-10-20T01:30:15-05:30', '2026-10-20T07:00:15Z'],
        ['2026-10-21T00:30+01:00', '2026-10-20T23:30Z'],
        ['2026-10-20T14:05:00+00:00', '2026-10-20T14:05:00Z'],
        ['2026-10-20T15:05+0100', '2026-10-20T14:05Z'],
      ];
      for (const [from, to] of cases) {
        const text = mutate(complete(), '| 16:37 | Incident resolved', `| ${from} | Incident resolved`);
        const [fix] = fixesOf(lint(text, RULES), 'timeline-time');
        assert.equal(fix?.edits[0]?.newText, to, from);
      }
    });

    it('leaves HH:MM to placeholder and a short row to timeline-table', () => {
      assert.deepStrictEqual(lintWith(withRow('| HH:MM | On-call notified | PagerDuty |'), RULES), []);
      assert.deepStrictEqual(lintWith(withRow('| hh:mm | On-call notified | PagerDuty |'), RULES), []);
      assert.deepStrictEqual(lintWith(withRow('| 14:05 |'), RULES), ['40:1-40:10 timeline-table: Timeline row has 1 cell; expected 3 (Time | Event | Actor).']);
      // A lone pipe is one empty cell: short, and its time is empty.
      assert.deepStrictEqual(lintWith(withRow('|'), RULES), [
        '40:1-40:2 timeline-table: Timeline row has 1 cell; expected 3 (Time | Event | Actor).',
        `40:1-40:2 timeline-time: Timeline time is empty; ${EXPECTED_TIME}`,
      ]);
    });

    it('is an error in draft and final', () => {
      const text = withRow('| 2pm | On-call notified | PagerDuty |');
      assert.deepStrictEqual(lint(text, { ...RULES, mode: 'draft' }).diagnostics.map((d) => d.severity), ['error']);
      assert.deepStrictEqual(lint(text, RULES).diagnostics.map((d) => d.severity), ['error']);
    });
  });

  describe('timeline-order', () => {
    it('reports the row that goes backwards, on the whole row, and sorts the rows', () => {
      const text = withRow('| 13:05 | On-call notified | PagerDuty |');
      assert.deepStrictEqual(lintWith(text, RULES), ['40:1-40:41 timeline-order: Timeline goes backwards: 13:05 comes after 14:02; rows must be in time order.']);
      const [fix] = fixesOf(lint(text, RULES), 'timeline-order');
      assert.equal(fix!.title, 'Sort the timeline rows by time');
      assert.equal(fix!.safe, true);
      const [fixed] = assertFixes(text, 'timeline-order', RULES);
      assert.deepStrictEqual(
        parseReport(fixed!).sections[1]!.content.tables[0]!.rows.map((r) => r.cells[0]!.text),
        ['13:05', '13:48', '14:02', '14:12', '15:20', '15:31', '16:05', '16:37'],
      );
      assert.equal(fixed!.length, text.length);
    });

    it('compares with the latest time so far: one late row is one diagnostic', () => {
      const text = mutate(complete(), '| 16:05 | Service restored', '| 14:03 | Service restored');
      assert.deepStrictEqual(lintWith(text, RULES), ['44:1-44:71 timeline-order: Timeline goes backwards: 14:03 comes after 15:31; rows must be in time order.']);
    });

    it('reports two rows that go backwards, both offering the same sort', () => {
      const text = mutate(withRow('| 13:05 | On-call notified | PagerDuty |'), '| 16:05 | Service restored', '| 14:03 | Service restored');
      const result = lint(text, RULES);
      assert.deepStrictEqual(
        result.diagnostics.map((d) => [d.range.start.line + 1, d.message]),
        [
          [40, 'Timeline goes backwards: 13:05 comes after 14:02; rows must be in time order.'],
          [44, 'Timeline goes backwards: 14:03 comes after 15:31; rows must be in time order.'],
        ],
      );
      assert.deepStrictEqual(result.diagnostics[0]!.fixes, result.diagnostics[1]!.fixes);
      const [fixed] = assertFixes(text, 'timeline-order', RULES);
      assert.deepStrictEqual(lintWith(fixed!, RULES), []);
    });

    it('orders dates too: a row on the next day is later, on the day before is earlier', () => {
      assert.deepStrictEqual(lintWith(mutate(complete(), '| 16:37 | Incident resolved', '| 2026-10-21 00:10 | Incident resolved'), RULES), []);
      const before = mutate(complete(), '| 16:37 | Incident resolved', '| 2026-10-19T23:10Z | Incident resolved');
      assert.deepStrictEqual(lintWith(before, RULES), ['45:1-45:90 timeline-order: Timeline goes backwards: 2026-10-19T23:10Z comes after 16:05; rows must be in time order.']);
    });

    it('still offers the sort while a time does not parse: that row moves with the row above, and Fix All leaves it', () => {
      const text = mutate(withRow('| 13:05 | On-call notified | PagerDuty |'), '| 15:20 |', '| HH:MM |');
      assert.deepStrictEqual(lintWith(text, RULES), ['40:1-40:41 timeline-order: Timeline goes backwards: 13:05 comes after 14:02; rows must be in time order.']);
      const [fix] = fixesOf(lint(text, RULES), 'timeline-order');
      assert.equal(fix!.title, 'Sort the timeline rows by time (1 row without a valid time moves with the row above)');
      assert.equal(fix!.safe, false);
      const [fixed] = assertFixes(text, 'timeline-order', RULES);
      assert.deepStrictEqual(
        parseReport(fixed!).sections[1]!.content.tables[0]!.rows.map((r) => r.cells[0]!.text),
        ['13:05', '13:48', '14:02', '14:12', 'HH:MM', '15:31', '16:05', '16:37'],
      );
      assert.deepStrictEqual(lintWith(fixed!, RULES), []);
    });

    it('keeps rows above the first valid time first when sorting', () => {
      const text = mutate(mutate(complete(), '| 13:48 |', '| 2pm |'), '| 14:02 |', '| 14:30 |');
      const [fixed] = assertFixes(text, 'timeline-order', RULES);
      assert.deepStrictEqual(
        parseReport(fixed!).sections[1]!.content.tables[0]!.rows.map((r) => r.cells[0]!.text),
        ['2pm', '14:05', '14:12', '14:30', '15:20', '15:31', '16:05', '16:37'],
      );
    });

    it('keeps CRLF line breaks when sorting', () => {
      const text = withRow('| 13:05 | On-call notified | PagerDuty |').replace(/\n/g, '\r\n');
      const [fixed] = assertFixes(text, 'timeline-order', RULES);
      assert.ok(!/[^\r]\n/.test(fixed!));
      assert.ok(fixed!.includes('| 13:05 | On-call notified | PagerDuty |\r\n| 13:48 |'));
    });

    it('is a warning in draft, an error in final, and follows config', () => {
      const text = withRow('| 13:05 | On-call notified | PagerDuty |');
      assert.deepStrictEqual(lint(text, { ...RULES, mode: 'draft' }).diagnostics.map((d) => d.severity), ['warning']);
      assert.deepStrictEqual(lint(text, RULES).diagnostics.map((d) => d.severity), ['error']);
      assert.deepStrictEqual(lintWith(text, { ...RULES, config: { rules: { 'timeline-order': 'off' } } }), []);
      assert.deepStrictEqual(lint(text, { ...RULES, config: { rules: { 'timeline-order': { final: 'info' } } } }).diagnostics.map((d) => d.severity), ['info']);
    });
  });

  it('readTimedRows reads the time column of each body row against the report Date', () => {
    const rows = readTimedRows(parseReport(complete()), template);
    assert.equal(rows.length, 8);
    const day = Date.UTC(2026, 9, 20) / 86_400_000;
    assert.deepStrictEqual(rows[1]!.time, { kind: 'ok', minutes: day * 1440 + 14 * 60 + 2, explicitDate: false });
    assert.deepStrictEqual(readTimedRows(parseReport('# no timeline\n'), template), []);
  });

  it('parseTimelineTime covers every kind', () => {
    assert.deepStrictEqual(parseTimelineTime('  ', 0), { kind: 'empty' });
    assert.deepStrictEqual(parseTimelineTime('HH:MM', 0), { kind: 'placeholder' });
    assert.deepStrictEqual(parseTimelineTime('00:01', undefined), { kind: 'ok', minutes: 1, explicitDate: false });
    assert.deepStrictEqual(parseTimelineTime('1970-01-02 00:00', 0), { kind: 'ok', minutes: 1440, explicitDate: true });
    const day = 20746; // 2026-10-20
    assert.deepStrictEqual(parseTimelineTime('2026-10-20T14:05-00:00', 0), { kind: 'offset', offset: '-00:00', utc: '2026-10-20T14:05Z', minutes: day * 1440 + 845 });
    // A zoned clock without a date sits on the report's day.
    assert.deepStrictEqual(parseTimelineTime('18:20+01:00', day), { kind: 'offset', offset: '+01:00', utc: '17:20', minutes: day * 1440 + 1040 });
    assert.deepStrictEqual(parseTimelineTime('18:20 UTC', day), { kind: 'offset', offset: 'UTC', utc: '18:20', minutes: day * 1440 + 1100 });
    assert.deepStrictEqual(parseTimelineTime('00:20+01:00', day), { kind: 'offset', offset: '+01:00', utc: '2026-10-19 23:20', minutes: day * 1440 - 40 });
    assert.deepStrictEqual(parseTimelineTime('18:20+01:00', undefined), { kind: 'offset', offset: '+01:00', utc: '17:20', minutes: 1040 });
    assert.deepStrictEqual(parseTimelineTime('2026-10-20T25:05Z', 0), { kind: 'invalid' });
  });
});
