// 3. Quick fix from the light bulb (Ctrl+.): "Sort the timeline rows by time" on the row
//    that goes backwards reorders the timeline and the warning goes away.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LOGIN_REPORT } from './diagnostics.mjs';

const SORT = 'Sort the timeline rows by time';

/** 1-based number of the first line of `text` that contains `needle`. */
function lineOf(text, needle) {
  const index = text.split(/\r?\n/).findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `"${needle}" is not in ${LOGIN_REPORT}`);
  return index + 1;
}

export default {
  name: 'Quick fix: sort the timeline from the light bulb',
  async run({ wb, shot, workspace }) {
    const text = fs.readFileSync(path.join(workspace, 'incidents', LOGIN_REPORT), 'utf8');
    const backwards = lineOf(text, '| 17:52 | Investigation started |');

    await wb.quickOpen(LOGIN_REPORT);
    await wb.waitSquiggle(['warning']);

    await wb.gotoLine(backwards);
    await wb.openQuickFix(SORT);
    await shot('quick-fix', { readme: true });
    await wb.applyQuickFix(SORT);

    const lines = await wb.waitEditorLines((ls) => {
      const i = ls.findIndex((l) => l.startsWith('| 17:52 |'));
      const j = ls.findIndex((l) => l.startsWith('| 18:05 |'));
      return i >= 0 && j >= 0 && i < j;
    }, 'the 17:52 row before the 18:05 row');
    // The last row's time has another offset (timeline-time's error) but still sorts by its instant.
    const rows = lines.filter((l) => /^\| (\d\d:\d\d|\d{4}-\d\d-\d\dT)/.test(l)).map((l) => l.split('|')[1].trim());
    assert.deepEqual(rows, ['17:40', '17:52', '18:05', '2026-11-25T19:20+01:00']);

    // The Problems panel, filtered: the warning is gone, the file's other problems remain.
    await wb.openProblems();
    await wb.filterProblems(`**/${LOGIN_REPORT}`);
    await wb.waitProblem('Incident ID INC-20261124-002 names', 'incident-report');
    await wb.filterProblems('Timeline goes backwards');
    await wb.page.waitForFunction(() => ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => (r.getAttribute('aria-label') ?? '').includes('Timeline goes backwards')));
    await shot('quick-fix-applied');
  },
};
