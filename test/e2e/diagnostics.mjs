// 2. Diagnostics: opening a report with problems shows squiggles in the editor and the
//    incident-report problems in the Problems panel.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const LOGIN_REPORT = 'INC-20261125-001-login-failures-for-sso-users.md';

export default {
  name: 'Diagnostics: squiggles and the Problems panel',
  async run({ wb, shot, workspace }) {
    const text = fs.readFileSync(path.join(workspace, 'incidents', LOGIN_REPORT), 'utf8');
    const backwards = text.split(/\r?\n/).findIndex((l) => l.includes('| 17:52 | Investigation started |')) + 1;
    assert.ok(backwards > 0, 'the sample report has the 17:52 row');

    await wb.quickOpen(LOGIN_REPORT);
    await wb.waitSquiggle(['error', 'warning']);

    await wb.openProblems();
    // The examples' other reports have problems too, and the list is virtual: show this file's only.
    await wb.filterProblems(`**/${LOGIN_REPORT}`);
    const id = await wb.waitProblem('Incident ID INC-20261124-002 names 2026-11-24 but Date is 2026-11-25', 'incident-report');
    assert.match(id, /^Error: /, `the ID/Date mismatch is an error: ${id}`);
    const order = await wb.waitProblem('Timeline goes backwards', 'incident-report');
    assert.ok(order.includes(`at line ${backwards} `), `timeline-order on the 17:52 row (line ${backwards}): ${order}`);
    const rows = await wb.problems();
    assert.ok(rows.some((r) => r.startsWith('Warning: ')), `a warning among:\n${rows.join('\n')}`);
    await shot('diagnostics', { readme: true });
  },
};
