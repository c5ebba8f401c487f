// 4. The Incidents view: the open incidents are listed; a timeline row opens the report
//    with the cursor on that row.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LOGIN_REPORT } from './diagnostics.mjs';

export default {
  name: 'Incidents view: open incidents and a timeline row',
  async run({ wb, shot, workspace }) {
    const text = fs.readFileSync(path.join(workspace, 'incidents', LOGIN_REPORT), 'utf8');
    const rowLine = text.split(/\r?\n/).findIndex((l) => l.includes('| 17:52 | Investigation started |')) + 1;
    assert.ok(rowLine > 0, 'the sample report has the 17:52 row');

    await wb.openActivity('Incidents');
    const login = wb.sidebarRow('Login failures for SSO users');
    await login.waitFor();
    await wb.sidebarRow('Search latency above SLO').waitFor();
    // The Incidents view's own rows (the Action Items view shares the side bar).
    const incidentsPane = wb.page.locator('.sidebar .pane').filter({ has: wb.page.locator('.pane-header', { hasText: /^Incidents/ }) });
    const listed = await incidentsPane.locator('.monaco-list-row[aria-level="1"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    assert.equal(listed.length, 2, `open incidents listed:\n${listed.join('\n')}`);
    assert.ok(listed.every((l) => l.includes('INC-2026112')), `IDs in:\n${listed.join('\n')}`);
    assert.ok(!listed.some((l) => l.includes('Checkout API outage')), 'the resolved incident is hidden by default');

    await wb.resizeSidebar(520); // so labels and descriptions are readable in the screenshot
    await login.locator('.monaco-tl-twistie').click();
    const row = wb.sidebarRow('Investigation started');
    await row.waitFor();
    assert.equal(await login.getAttribute('aria-expanded'), 'true');
    await wb.waitQuiet();
    await row.click();

    await wb.waitActiveTab(LOGIN_REPORT);
    await wb.waitCursorLine(rowLine);
    await wb.page.waitForFunction(() => {
      const active = document.activeElement;
      return !!active && !!active.closest('.editor-group-container.active .monaco-editor');
    });
    const lines = await wb.editorLines();
    assert.ok(lines.some((l) => l.startsWith('| 17:52 | Investigation started')), 'the row is visible in the editor');
    await wb.waitSquiggle();
    await shot('incidents-view', { readme: true });
  },
};
