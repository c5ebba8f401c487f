// 5. A fresh report is progress, not noise: New Incident's report lists at most 3 Problems;
//    each section heading says what is left to fill (CodeLens) and the status bar sums it up.
//    The Incidents view beside it keeps each report's severity colour, errors or not.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LOGIN_REPORT } from './diagnostics.mjs';

const STATUS_BAR_ITEM = /INC-\d{8}-\d{3} · Critical · Open · \d+ to fill/;

export default {
  name: 'Fresh report: at most 3 Problems, progress in CodeLens and the status bar',
  async run({ wb, shot, workspace }) {
    // The login sample names two severities; with one it still has errors (its ID and Date disagree).
    const login = path.join(workspace, 'incidents', LOGIN_REPORT);
    fs.writeFileSync(login, fs.readFileSync(login, 'utf8').replace('**Severity:** 🔴 Critical / 🟡 Major', '**Severity:** 🔴 Critical'));

    // New Incident's Owner comes from incidentReport.owner (else git's user.name).
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'incidentReport.owner': 'Priya Raman' }));
    await wb.openActivity('Incidents');
    await wb.resizeSidebar(430);
    await wb.runCommand('Incident: New Incident');
    await wb.pick('Critical');
    await wb.page.waitForFunction(() => /title/i.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''));
    await wb.page.keyboard.type('Redis failover');
    await wb.page.keyboard.press('Enter');
    // The third step, the incident's day: Today.
    await wb.page.waitForFunction(() => /date of the incident/i.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''));
    await wb.pick('Today');
    await wb.waitActiveTab('INC-');
    const tab = (await wb.activeTab()).split(',')[0];

    // Progress: "N to fill" over the section headings, and the status bar item.
    await wb.page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .codelens-decoration')].some((el) => /\d+ to fill/.test(el.textContent ?? '')), undefined, { timeout: 30_000 });
    await wb.page.waitForFunction((re) => [...document.querySelectorAll('.statusbar .statusbar-item')].some((el) => new RegExp(re).test(el.textContent ?? '')), STATUS_BAR_ITEM.source, { timeout: 30_000 });

    // The status bar alone, with the report's lines just above it.
    const bar = await wb.page.locator('.part.statusbar').boundingBox();
    assert.ok(bar, 'the status bar is on screen');
    await shot('status-bar', { readme: true, clip: { x: 0, y: bar.y - 80, width: 900, height: bar.height + 80 } });

    // The Problems panel, this report's entries only.
    await wb.openProblems();
    await wb.filterProblems(tab);
    await wb.waitQuiet(1500);
    const rows = (await wb.problems()).filter((r) => !r.includes(LOGIN_REPORT));
    const entries = rows.filter((r) => /^(Error|Warning|Info): /.test(r));
    assert.ok(entries.length <= 3, `a fresh report lists at most 3 problems, not:\n${rows.join('\n')}`);
    await wb.page.locator('.editor-group-container.active .monaco-editor textarea').focus();
    await wb.page.keyboard.press('Control+Home');
    await shot('fresh-report', { readme: true });
  },
};
