// 8. Show Timeline: the chart of the checkout outage beside the report (phases, gaps,
//    milestones, durations); a click on a row's point reveals the row; Export SVG saves
//    through the save dialog, and the saved SVG renders its event labels in Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const REPORT = 'INC-20261020-001-checkout-outage.md';
const EXPORTED = 'INC-20261020-001-timeline.svg';

export default {
  name: 'Show Timeline: chart, reveal a row, export SVG',
  async run({ wb, page, shot, workspace }) {
    const text = fs.readFileSync(path.join(workspace, 'incidents', REPORT), 'utf8');
    const restoredLine = text.split(/\r?\n/).findIndex((l) => l.startsWith('| 16:05 | Service restored')) + 1;
    assert.ok(restoredLine > 0, 'the example has the 16:05 row');

    await wb.quickOpen(REPORT);
    // The palette lists the command for a Markdown editor: wait until the report's editor has focus.
    await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor();
    await wb.runCommand('Incident: Show Timeline');
    // The webview is an iframe in an iframe; its body says how many rows it drew.
    const chart = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await chart.locator('body[data-rows="8"]').waitFor({ timeout: 20_000 });
    const labels = await chart.locator('#chart svg text').allTextContents();
    // Impact (14 minutes) is too narrow a band for its label in a half-width panel: its colour says it.
    for (const want of ['Detected', 'Mitigating', 'Restored', 'gap 1h 8m', '16:05  Service restored: error rate back under 0.5%']) {
      assert.ok(labels.includes(want), `chart label "${want}" in:\n${labels.join('\n')}`);
    }
    assert.ok(labels.some((l) => l.includes('TTD 14m') && l.includes('TTR 2h 35m')), 'durations in the subtitle');
    await shot('timeline-chart', { readme: true });

    // Click the 16:05 row's point: its y is the axis label's, its x the time axis's.
    const label = chart.locator('#chart svg text', { hasText: '16:05  Service restored' });
    const labelBox = await label.boundingBox();
    const frameBox = await page.locator('iframe.webview.ready').boundingBox();
    const svgPoints = await chart.locator('#chart svg path').evaluateAll((paths) =>
      paths.map((p) => p.getBoundingClientRect()).filter((r) => r.width > 8 && r.width < 20 && r.height > 8 && r.height < 20).map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })),
    );
    const labelY = labelBox.y + labelBox.height / 2;
    const point = svgPoints.map((p) => ({ x: p.x + frameBox.x, y: p.y + frameBox.y })).find((p) => Math.abs(p.y - labelY) < 6);
    assert.ok(point, `a point on the 16:05 row (label at y ${labelY}; points ${JSON.stringify(svgPoints)})`);
    await page.mouse.click(point.x, point.y);
    await wb.waitActiveTab(REPORT);
    await wb.waitCursorLine(restoredLine);

    // Export SVG: the save dialog proposes the report's folder and the ID's name; Enter saves.
    await chart.locator('#export-svg').click();
    await wb.quickInputOpen();
    await page.keyboard.press('Enter');
    const saved = path.join(workspace, 'incidents', EXPORTED);
    for (let i = 0; i < 50 && !fs.existsSync(saved); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(fs.existsSync(saved), `${EXPORTED} saved beside the report`);
    assert.deepEqual(fs.readdirSync(path.dirname(saved)).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');

    // The exported file on its own, in a fresh Chromium page: an SVG image with the event labels.
    const viewer = await page.context().newPage();
    try {
      await viewer.goto(pathToFileURL(saved).href);
      const root = await viewer.evaluate(() => document.documentElement.namespaceURI + ' ' + document.documentElement.localName);
      assert.equal(root, 'http://www.w3.org/2000/svg svg');
      const exported = await viewer.locator('text').allTextContents();
      for (const want of ['13:48  Helm release 2026.10.20-3 deployed', '16:37  Incident resolved after 30 minutes of clean met…', 'gap 32m', 'Resolved 16:37']) {
        assert.ok(exported.includes(want), `exported label "${want}" in:\n${exported.join('\n')}`);
      }
      const box = await viewer.locator('svg').first().boundingBox();
      assert.ok(box && box.width > 400 && box.height > 300, `rendered size ${JSON.stringify(box)}`);
    } finally {
      await viewer.close();
    }
  },
};
