// 7. Language features from the server: the metrics CodeLens over a timeline, the hover on a
//    timeline row (offsets from detection and from the previous row), completion of Status.
import assert from 'node:assert/strict';
import { SEARCH_REPORT } from './setStatus.mjs';

const CHECKOUT_REPORT = 'INC-20261020-001-checkout-outage.md';
const ROW = '| 16:05 | Service restored';

export default {
  name: 'Language features: metrics CodeLens, hover on a row, Status completion',
  async run({ wb, shot }) {
    await wb.quickOpen(CHECKOUT_REPORT);
    await wb.gotoLine(36);
    await wb.page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .codelens-decoration')].some((el) => /TTD .*TTR /.test(el.textContent ?? '')), undefined, { timeout: 30_000 });
    await shot('metrics-codelens', { readme: true });

    // Hover the row's time, as a reader would.
    const line = wb.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: ROW.replace(/ /g, '\u00a0') }).first();
    await line.hover({ position: { x: 40, y: 8 } });
    const hover = wb.page.locator('.monaco-hover:not(.hidden)', { hasText: 'from detection' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /2h 3m from detection/, `hover: ${text}`);
    await shot('hover', { readme: true });
    await wb.page.mouse.move(5, 450);

    // Completion of the front matter's Status.
    await wb.quickOpen(SEARCH_REPORT);
    await wb.gotoLine(4);
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Control+Shift+ArrowLeft');
    await wb.page.keyboard.press('Delete');
    await wb.page.keyboard.press('Control+Space');
    const suggest = wb.page.locator('.suggest-widget.visible');
    await suggest.waitFor({ state: 'visible', timeout: 15_000 });
    await wb.page.waitForFunction(() => [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')].some((r) => (r.getAttribute('aria-label') ?? '').includes('Mitigated')), undefined, { timeout: 15_000 });
    const labels = await wb.page.$$eval('.suggest-widget.visible .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    for (const status of ['Open', 'Investigating', 'Mitigated', 'Resolved', 'Closed']) assert.ok(labels.some((l) => l.startsWith(status)), `${status} among:\n${labels.join('\n')}`);
    await shot('completion', { readme: true });
    await wb.page.keyboard.press('Escape');
  },
};
