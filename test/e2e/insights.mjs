// 8. Insights across the bundled examples: the Action Items view (overdue first, grouped by
//    owner; a click reveals the row) and Incident: Show Insights (the stats table and three
//    ECharts charts drawn as SVG in the webview).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export default {
  name: 'Insights: the Action Items view and the Incident Insights webview',
  async run({ wb, shot, workspace }) {
    const page = wb.page;
    await wb.openActivity('Incidents');
    // Collapse the Incidents view so the Action Items view has the side bar.
    const incidentsHeader = page.locator('.sidebar .pane-header', { hasText: /^Incidents/ }).first();
    if ((await incidentsHeader.getAttribute('aria-expanded')) === 'true') await incidentsHeader.click();
    const actionsHeader = page.locator('.sidebar .pane-header', { hasText: 'Action Items' }).first();
    await actionsHeader.waitFor();
    if ((await actionsHeader.getAttribute('aria-expanded')) !== 'true') await actionsHeader.click();
    await wb.resizeSidebar(620);
    const overdueRow = page.locator('.sidebar .monaco-list-row[aria-level="2"]', { hasText: 'overdue' }).first();
    await overdueRow.waitFor({ timeout: 30_000 });
    await wb.waitQuiet();
    // Overdue first: the first item of the first group is overdue.
    const rows = await page.$$eval('.sidebar .pane-body .monaco-list-row', (all) => all.map((r) => `${r.getAttribute('aria-level')}|${r.textContent ?? ''}`));
    const firstItem = rows.find((r) => r.startsWith('2|'));
    assert.ok(firstItem && /overdue/.test(firstItem), `the first item is overdue:\n${rows.join('\n')}`);
    const label = (await overdueRow.locator('.label-name').first().textContent()) ?? '';
    const action = label.split(' · ')[0];
    assert.ok(action, `an item label "action · owner · due": ${label}`);
    await shot('action-items', { readme: true });

    // A click opens the report on the item's row.
    await overdueRow.click();
    await wb.page.waitForFunction(() => !!document.querySelector('.editor-group-container.active .monaco-editor'));
    await wb.waitEditorLines((lines) => lines.some((l) => l.includes(`| ${action} |`)), `the row of "${action}" in view`);
    const line = Number((await wb.cursorStatus()).match(/Ln (\d+)/)?.[1]);
    const file = fs.readdirSync(path.join(workspace, 'incidents')).find((f) => fs.readFileSync(path.join(workspace, 'incidents', f), 'utf8').split(/\r?\n/)[line - 1]?.includes(`| ${action} |`));
    assert.ok(file, `the cursor (line ${line}) is on the row of "${action}"`);

    // Incident: Show Insights: the numbers and the three charts, as SVG.
    await wb.runCommand('Incident: Show Insights');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('table.stats tr.total').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('figure .chart svg').count(), 3, 'three charts drawn as SVG');
    const total = await frame.locator('table.stats tr.total').textContent();
    assert.match(total ?? '', /^Total11/, 'the 11 bundled examples are counted');
    const incomplete = await frame.locator('ul.incomplete li').count();
    assert.equal(incomplete, 3, 'the three examples with missing milestones are listed');
    await page.keyboard.press('Control+B'); // hide the side bar: the page gets the width
    await page.waitForTimeout(500);
    await shot('insights', { readme: true });
  },
};
