// 6. Set Status walks an incident to Resolved: Investigating -> Mitigated -> Resolved, each
//    with a backfilled time; the milestone rows, Duration and the sign-off are written, the
//    metrics CodeLens sums up the timeline, and what still blocks the sign-off is listed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const SEARCH_REPORT = 'INC-20261124-001-search-latency-above-slo.md';

/** F1 Set Status, the status, then the time (the prefilled now replaced: backfilling). */
async function setStatus(wb, status, time) {
  await wb.runCommand('Incident: Set Status');
  await wb.pick(status);
  await wb.page.waitForFunction((want) => (document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '').includes(want), `Set Status: ${status}`);
  // The box holds now, selected: typing replaces it.
  const prefilled = await wb.page.locator('.quick-input-widget .quick-input-box input').inputValue();
  assert.match(prefilled, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, `the time box is prefilled with now: ${prefilled}`);
  await wb.page.keyboard.press('Control+A');
  await wb.page.keyboard.type(time);
  await wb.page.keyboard.press('Enter');
}

export default {
  name: 'Set Status: Investigating to Resolved, with rows, Duration, sign-off and metrics',
  async run({ wb, shot, workspace }) {
    // Closed By comes from incidentReport.owner (else git's user.name).
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'incidentReport.owner': 'Dana Okafor' }));
    await wb.quickOpen(SEARCH_REPORT);
    await wb.waitSquiggle(['error', 'warning', 'info']).catch(() => {});

    await setStatus(wb, 'Mitigated', '2026-11-24 10:05');
    await wb.waitEditorLines((ls) => ls.some((l) => l.startsWith('Status: Mitigated')), 'Status: Mitigated');
    await setStatus(wb, 'Resolved', '2026-11-24 10:40');
    // On Resolved the blockers of the sign-off are listed in a quick pick.
    await wb.page.waitForFunction(() => /block the sign-off/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 20_000 });
    await shot('set-status-blockers');
    await wb.page.keyboard.press('Escape');
    await wb.quickInputClosed();

    await wb.page.locator('.editor-group-container.active .monaco-editor textarea').focus();
    await wb.page.keyboard.press('Control+Home');
    // Scrolled so that Duration (line 26) and the whole timeline are on screen.
    for (let i = 0; i < 22; i++) await wb.page.keyboard.press('Control+ArrowDown');
    const top = await wb.waitEditorLines(
      (ls) => ls.some((l) => l.startsWith('| 10:05 | Service restored')) && ls.some((l) => l.startsWith('| 10:40 | Incident resolved')) && ls.some((l) => /^\*\*Duration:\*\* \S/.test(l)),
      'the two rows and Duration',
    );
    assert.ok(top.some((l) => l === '**Duration:** 1h 28m'), 'Duration from 09:12 to 10:40');
    // The metrics CodeLens over the timeline.
    await wb.page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .codelens-decoration')].some((el) => /TTR /.test(el.textContent ?? '')), undefined, { timeout: 20_000 });
    await shot('set-status', { readme: true });

    const text = fs.readFileSync(path.join(workspace, 'incidents', SEARCH_REPORT), 'utf8');
    const signOff = text.split(/\r?\n/).findIndex((l) => l.startsWith('## ✍️ Sign-off')) + 1;
    await wb.gotoLine(signOff + 4);
    const lines = await wb.waitEditorLines((ls) => ls.some((l) => l.startsWith('**Incident Closed By:** Dana Okafor')), 'Closed By written');
    assert.ok(lines.some((l) => /^\*\*Date:\*\* 20\d\d-\d\d-\d\d/.test(l)), `the sign-off date:\n${lines.join('\n')}`);
    await shot('set-status-sign-off', { readme: true });
  },
};
