import assert from 'node:assert/strict';
import { parseTimelineTime, zoneByName } from '../../../src/core/time';
import { applyFix, complete, fixesOf, lint, lintWith, mutate, rangeOf } from '../helpers';

/** Times as people write them, zones and declared zones (#13); the default forms are in timeline.test.ts. */
const TIME = { rules: ['timeline-time'] };
const ALL = { rules: ['timeline-table', 'timeline-time', 'timeline-order'] };
const ROW = '| 14:05 | On-call notified | PagerDuty |';
const withTime = (time: string) => mutate(complete(), ROW, `| ${time} | On-call notified | PagerDuty |`);
const HEADING = '## 📊 Timeline (UTC)\n\n';
const DAY = Date.UTC(2026, 9, 20) / 86_400_000;

describe('timeline times as written, zones and declared zones', () => {
  it('reads 9:05, markup, extra spaces, slashes, AM/PM and a UTC ISO time as UTC times', () => {
    for (const time of ['**14:05**', '`14:05`', '*14:05*', '__14:05__', '2026-10-20   14:05', '2026/10/20 14:05', '2026-10-20T14:05Z', '2:05 PM', '2:05pm', '14:05:30']) {
      assert.deepStrictEqual(lintWith(withTime(time), ALL), [], time);
    }
    assert.deepStrictEqual(lintWith(mutate(complete(), '| 13:48 |', '| 9:48 |'), ALL), []);
    assert.deepStrictEqual(parseTimelineTime('9:05', DAY), { kind: 'ok', minutes: DAY * 1440 + 545, explicitDate: false });
    assert.deepStrictEqual(parseTimelineTime('12:10 AM', DAY), { kind: 'ok', minutes: DAY * 1440 + 10, explicitDate: false });
    assert.deepStrictEqual(parseTimelineTime('**2026/10/20 09:17**', undefined), { kind: 'ok', minutes: DAY * 1440 + 557, explicitDate: true });
  });

  it('still reports what is not a time, on its cell', () => {
    for (const time of ['9h05', '14:05 XYZ', '13:05 AM', '2026-10-20', 'UTC 14:05 UTC', '**14:05', '2026/10/32 14:05']) {
      const text = withTime(time);
      assert.deepStrictEqual(lintWith(text, TIME), [`${rangeOf(text, `| ${time} |`).replace(/:(\d+)-/, (_, c) => `:${Number(c) + 2}-`).replace(/:(\d+)$/, (_, c) => `:${Number(c) - 2}`)} timeline-time: Timeline time "${time}" is not a time; expected HH:MM (UTC), YYYY-MM-DD HH:MM or an ISO 8601 time ending in Z.`], time);
    }
  });

  it('does not read a cell longer than any time (a hostile `****…` costs one look)', () => {
    assert.deepEqual(parseTimelineTime('*'.repeat(200_000), DAY), { kind: 'invalid' });
    assert.deepEqual(parseTimelineTime(`**${' '.repeat(200_000)}**`, DAY), { kind: 'invalid' });
  });

  it('reports a zone name or an offset once, with its UTC value as a fix', () => {
    const cases: [string, string, string][] = [
      ['07:05 PDT', '14:05', 'zone PDT'],
      ['15:05 CET', '14:05', 'zone CET'],
      ['07:05 -07:00', '14:05', 'offset -07:00'],
      ['15:05 +0100', '14:05', 'offset +0100'],
      ['UTC-7 07:05', '', ''],
      ['07:05 America/Los_Angeles', '14:05', 'zone America/Los_Angeles'],
      ['2026-10-20 16:05 Europe/Paris', '2026-10-20 14:05', 'zone Europe/Paris'],
    ];
    for (const [time, utc, zone] of cases) {
      const text = withTime(time);
      if (!utc) {
        assert.match(lintWith(text, TIME)[0]!, /is not a time/, time);
        continue;
      }
      assert.deepStrictEqual(lintWith(text, TIME), [`40:3-40:${3 + time.length} timeline-time: Timeline time "${time}" is not UTC: it is ${utc} UTC (${zone}); timeline times are UTC: write ${utc}.`], time);
      const [fix] = fixesOf(lint(text, TIME), 'timeline-time');
      assert.equal(fix!.title, `Convert to UTC: ${utc}`);
      assert.equal(fix!.safe, true);
      assert.deepStrictEqual(lintWith(applyFix(text, fix!), ALL), [], time);
    }
  });

  it('converts a named zone across midnight with the date, and an IANA zone with the DST of the date', () => {
    const text = mutate(complete(), '| 16:37 |', '| 17:37 PDT |');
    assert.equal(fixesOf(lint(text, TIME), 'timeline-time')[0]!.edits[0]!.newText, '2026-10-21 00:37');
    const winter = Date.UTC(2026, 0, 15) / 86_400_000;
    const summer = Date.UTC(2026, 6, 15) / 86_400_000;
    assert.equal((parseTimelineTime('09:05 America/Los_Angeles', winter) as { utc: string }).utc, '17:05');
    assert.equal((parseTimelineTime('09:05 America/Los_Angeles', summer) as { utc: string }).utc, '16:05');
    // The hour after the spring change (2026-03-08 10:30 UTC) is already PDT.
    assert.equal((parseTimelineTime('2026-03-08 03:30 America/Los_Angeles', undefined) as { utc: string }).utc, '2026-03-08 10:30');
    assert.equal(zoneByName('Mars/Olympus'), undefined);
  });

  it('says an ambiguous abbreviation may mean several zones, without a fix', () => {
    const text = withTime('19:35 IST');
    assert.deepStrictEqual(lintWith(text, TIME), ['40:3-40:12 timeline-time: Timeline time "19:35 IST" is in IST, which may be India UTC+05:30, Ireland UTC+01:00 or Israel UTC+02:00; timeline times are UTC: write it in UTC.']);
    assert.deepStrictEqual(fixesOf(lint(text, TIME), 'timeline-time'), []);
  });

  it('reports one zone written on several rows once, with a fix that converts them all', () => {
    let text = mutate(complete(), '| 14:02 |', '| 07:02 PDT |');
    text = mutate(text, ROW, '| 07:05 PDT | On-call notified | PagerDuty |');
    assert.deepStrictEqual(lintWith(text, TIME), ['39:3-39:12 timeline-time: 2 timeline times are in PDT, not UTC: "07:02 PDT" is 14:02 UTC; timeline times are UTC: convert them.']);
    const [fix] = fixesOf(lint(text, TIME), 'timeline-time');
    assert.equal(fix!.title, 'Convert the 2 times to UTC');
    assert.equal(applyFix(text, fix!), complete());
  });

  describe('a declared zone', () => {
    /** The complete report's timeline, written in PDT: 14:02 UTC is 07:02 PDT. */
    const inPdt = (declare: (text: string) => string): string => {
      let text = declare(complete());
      for (const [utc, pdt] of [['13:48', '06:48'], ['14:02', '07:02'], ['14:05', '07:05'], ['14:12', '07:12'], ['15:20', '08:20'], ['15:31', '08:31'], ['16:05', '09:05'], ['16:37', '09:37']]) text = mutate(text, `| ${utc} |`, `| ${pdt} |`);
      return text;
    };

    it('"All times PDT" in the section: one diagnostic on the sentence, a fix converting every row and the sentence', () => {
      const text = inPdt((t) => mutate(t, HEADING, `${HEADING}All times PDT.\n\n`));
      assert.deepStrictEqual(lintWith(text, ALL), [`${rangeOf(text, 'All times PDT.')} timeline-time: Timeline times are in PDT ("All times PDT."), not UTC: "06:48" is 13:48 UTC; timeline times are UTC: convert the 8 rows to UTC.`]);
      const [fix] = fixesOf(lint(text, ALL), 'timeline-time');
      assert.equal(fix!.title, 'Convert the timeline from PDT to UTC (8 rows)');
      assert.equal(applyFix(text, fix!), mutate(complete(), HEADING, `${HEADING}All times UTC.\n\n`));
    });

    it('"All times are in CET" and a column header "Time (PDT)" declare it too', () => {
      const cet = mutate(withTime('15:05'), HEADING, `${HEADING}All times are in CET.\n\n`);
      const messages = lintWith(cet, TIME);
      assert.equal(messages.length, 1);
      assert.match(messages[0]!, /Timeline times are in CET \("All times are in CET\."\), not UTC: "13:48" is 12:48 UTC; .*convert the 8 rows to UTC\.$/);
      const header = inPdt((t) => mutate(t, '| Time | Event | Actor |', '| Time (PDT) | Event | Actor |'));
      assert.deepStrictEqual(lintWith(header, TIME), [`${rangeOf(header, 'Time (PDT)')} timeline-time: Timeline times are in PDT ("Time (PDT)"), not UTC: "06:48" is 13:48 UTC; timeline times are UTC: convert the 8 rows to UTC.`]);
      const fixed = applyFix(header, fixesOf(lint(header, TIME), 'timeline-time')[0]!);
      assert.ok(fixed.includes('| Time (UTC) | Event | Actor |\n|------|-------|-------|\n| 13:48 |'), fixed);
      assert.deepStrictEqual(lintWith(fixed, TIME), []);
    });

    it('a declared UTC (the default heading) and a row with its own zone keep their own reading', () => {
      assert.deepStrictEqual(lintWith(mutate(complete(), HEADING, `${HEADING}All times UTC.\n\n`), ALL), []);
      const text = mutate(inPdt((t) => mutate(t, HEADING, `${HEADING}All times PDT.\n\n`)), '| 07:05 |', '| 14:05Z |');
      const messages = lintWith(text, TIME);
      assert.equal(messages.length, 2);
      assert.match(messages[0]!, /convert the 7 rows to UTC/);
      assert.match(messages[1]!, /"14:05Z" is UTC but not in a timeline form; write 14:05\.$/);
    });

    it('an ambiguous declared zone: one diagnostic, no fix', () => {
      const text = mutate(complete(), HEADING, `${HEADING}All times IST\n\n`);
      assert.deepStrictEqual(lintWith(text, TIME), [`${rangeOf(text, 'All times IST')} timeline-time: Timeline times are in IST ("All times IST"), which may be India UTC+05:30, Ireland UTC+01:00 or Israel UTC+02:00; timeline times are UTC: write the 8 rows in UTC.`]);
      assert.deepStrictEqual(fixesOf(lint(text, TIME), 'timeline-time'), []);
    });
  });

  describe('what the template writes', () => {
    const template = '# Incident Report\n\n**Date:** YYYY-MM-DD\n\n## Timeline\n\n| When | What happened |\n|---|---|\n| YYYY-MM-DD | Something happened |\n';
    const report = (when: string) => `# Incident Report\n\n**Date:** 2026-10-20\n\n## Timeline\n\n| When | What happened |\n|---|---|\n| ${when} | Deploy |\n| 2026-10-21 | Rollback |\n`;

    it('date-only rows are times when the template\'s example row is date-only', () => {
      assert.deepStrictEqual(lintWith(report('2026-10-20'), { ...TIME, templateText: template }), []);
      assert.deepStrictEqual(lintWith(report('2026-10-22'), { rules: ['timeline-order'], templateText: template }).length, 1);
      assert.deepStrictEqual(lintWith(report('2026-10-20'), TIME).length, 0, 'no timeline in the default template\'s sense here');
      const withTimes = template.replace('| YYYY-MM-DD |', '| HH:MM |');
      assert.deepStrictEqual(lintWith(report('2026-10-20'), { ...TIME, templateText: withTimes }), [
        // The time column is the team's "When": messages name it (tpl-timeline).
        '9:3-9:13 timeline-time: The "When" cell "2026-10-20" is not a time; expected HH:MM (UTC), YYYY-MM-DD HH:MM or an ISO 8601 time ending in Z.',
        '10:3-10:13 timeline-time: The "When" cell "2026-10-21" is not a time; expected HH:MM (UTC), YYYY-MM-DD HH:MM or an ISO 8601 time ending in Z.',
      ]);
    });

    it('"… UTC" is the timeline\'s form when the template writes its times so', () => {
      const utcTemplate = template.replace('| YYYY-MM-DD |', '| YYYY-MM-DD HH:MM UTC |');
      const text = report('2026-10-20 09:03 UTC').replace('| 2026-10-21 |', '| UTC 2026-10-21 10:00 |');
      assert.deepStrictEqual(lintWith(text, { ...TIME, templateText: utcTemplate }), []);
    });
  });
});
