// 1. New Incident from the command palette: severity quick pick, title input box, the
//    date quick pick (Today), the new report opens in an editor.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export default {
  name: 'New Incident from the command palette',
  async run({ wb, shot, workspace }) {
    await wb.runCommand('Incident: New Incident');

    await wb.quickInputOpen();
    await wb.page.waitForFunction(() => document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row').length >= 3);
    const levels = await wb.quickInputRows();
    assert.ok(levels.some((l) => l.includes('Critical')) && levels.some((l) => l.includes('Major')) && levels.some((l) => l.includes('Minor')), `severity choices: ${levels.join(' | ')}`);
    await shot('new-incident-severity');
    await wb.pick('Major');

    // The title input box: the same widget, now without a list.
    await wb.page.waitForFunction(() => {
      const widget = document.querySelector('.quick-input-widget');
      return !!widget && widget.style.display !== 'none' && widget.querySelectorAll('.quick-input-list .monaco-list-row').length === 0 && /title/i.test(widget.querySelector('.quick-input-title')?.textContent ?? '');
    });
    await wb.page.keyboard.type('API latency');
    await wb.page.keyboard.press('Enter');
    // The third step, the incident's day: Today.
    await wb.page.waitForFunction(() => /date of the incident/i.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''));
    await wb.pick('Today');

    await wb.waitActiveTab('INC-');
    const tab = await wb.activeTab();
    assert.match(tab, /^INC-\d{8}-\d{3}-api-latency\.md/, `active tab: ${tab}`);
    const lines = await wb.waitEditorLines((ls) => ls.some((l) => l.includes('**Severity:** 🟡 Major')), '"**Severity:** 🟡 Major"');
    assert.ok(lines.some((l) => l === '# Incident Report: API latency'), `no title heading in:\n${lines.join('\n')}`);
    const file = path.join(workspace, 'incidents', tab.split(',')[0]);
    assert.ok(fs.readFileSync(file, 'utf8').includes('**Severity:** 🟡 Major'), `${file} holds the new report`);
    // Validated as soon as it opens: a fresh report lists (almost) no problems; what is left
    // to write is progress, in the status bar ("INC-… · Major · Open · 58 to fill").
    await wb.page.waitForFunction(() => [...document.querySelectorAll('.statusbar .statusbar-item')].some((el) => /INC-\d{8}-\d{3} · Major · Open · \d+ to fill/.test(el.textContent ?? '')), undefined, { timeout: 30_000 });
    await shot('new-incident');
  },
};
