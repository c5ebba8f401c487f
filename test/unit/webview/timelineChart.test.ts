import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIncidentCore, type TimelineChartModel } from '../../../src/core';
import { chartHeight, chartOption, LIGHT_THEME, rowLabel, type ChartTheme } from '../../../src/webview/timeline/chartOption';
import { echarts } from '../../../src/webview/timeline/echartsSetup';

const EXAMPLE = readFileSync(join(__dirname, '../../../examples/incidents/INC-20261020-001-checkout-outage.md'), 'utf8');
const core = createIncidentCore();

/** What Export SVG saves: the webview's option rendered by ECharts' SVG renderer (here server-side). */
function renderSvg(chart: TimelineChartModel, theme: ChartTheme = LIGHT_THEME): string {
  const instance = echarts.init(null as never, undefined, { renderer: 'svg', ssr: true, width: 1000, height: chartHeight(chart) });
  try {
    instance.setOption(chartOption(chart, theme));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** Text contents of the SVG's <text> elements, entities decoded. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
}

/** Every attribute of every tag is name="value" with no stray quote: what an XML parser needs. */
function assertWellFormedAttributes(svg: string): void {
  for (const [tag] of svg.matchAll(/<[a-zA-Z][^>]*>/g)) {
    assert.match(tag, /^<[a-zA-Z]+(?:\s+[a-zA-Z_:-]+="[^"<]*")*\s*\/?>$/, `malformed tag ${tag}`);
  }
}

describe('timeline chart drawing (webview option, SVG export)', () => {
  it('labels each row with its UTC time and event, the phases, gaps, milestones and durations', () => {
    const chart = core.timelineChart(EXAMPLE)!;
    const svg = renderSvg(chart);
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const labels = texts(svg);
    for (const want of [
      '13:48  Helm release 2026.10.20-3 deployed',
      '16:37  Incident resolved after 30 minutes of clean met…',
      'Impact', 'Detected', 'Mitigating', 'Restored',
      'gap 1h 8m', 'gap 34m', 'gap 32m',
      'Detected 14:02', 'Mitigation started 15:31', 'Service restored 16:05', 'Resolved 16:37',
    ]) {
      assert.ok(labels.includes(want), `"${want}" in ${JSON.stringify(labels)}`);
    }
    assert.ok(labels.some((l) => l.startsWith('TTD 14m   ·   TTA 3m   ·   TTM 1h 29m   ·   TTRs 2h 3m   ·   TTR 2h 35m')), 'durations in the subtitle');
    assertWellFormedAttributes(svg);
  });

  it('keeps the exported SVG well-formed with a quoted theme font and markup in the report', () => {
    const text = EXAMPLE.replace('| On-call notified |', '| <script>alert(1)</script> & "paged" |');
    const svg = renderSvg(core.timelineChart(text)!, { ...LIGHT_THEME, fontFamily: 'system-ui, "Ubuntu", sans-serif' });
    assertWellFormedAttributes(svg);
    assert.ok(!svg.includes('<script'), 'report text is never markup');
    assert.ok(texts(svg).includes('14:05  <script>alert(1)</script> & "paged"'));
    assert.match(svg, /font-family:system-ui, 'Ubuntu', sans-serif/);
  });

  it('shortens long events on the axis and says when there are no durations yet', () => {
    const row = core.timelineChart(EXAMPLE)!.rows[4]!;
    assert.equal(rowLabel(row, 20), '15:20  Root cause identifi…');
    const noDetection = EXAMPLE.replace('| 14:02 | Incident detected: checkout error rate alert fired |', '| 14:02 | Checkout error rate alert |');
    const option = chartOption(core.timelineChart(noDetection)!, LIGHT_THEME) as { title: { subtext: string } };
    assert.equal(option.title.subtext, 'No durations yet: the timeline needs a detected row\n(times in UTC; gaps over 30 min marked)');
  });

  it('leaves out the band labels that would not fit a narrow chart', () => {
    type Band = [{ name: string; label: { show: boolean } }, unknown];
    const option = chartOption(core.timelineChart(EXAMPLE)!, LIGHT_THEME, 300) as { series: { markArea: { data: Band[] } }[] };
    assert.deepEqual(option.series[0]!.markArea.data.map(([from]) => [from.name, from.label.show]), [['Impact', false], ['Detected', true], ['Mitigating', false], ['Restored', false]]);
    assert.deepEqual(option.series[1]!.markArea.data.map(([from]) => [from.name, from.label.show]), [['gap 1h 8m', true], ['34m', true], ['32m', true]]);
  });

  it('draws high contrast without translucent fills', () => {
    const option = chartOption(core.timelineChart(EXAMPLE)!, { ...LIGHT_THEME, highContrast: true }) as { series: { markArea: { data: [{ itemStyle: { opacity: number; borderWidth: number } }][] } }[] };
    const phaseStyles = option.series[0]!.markArea.data.map(([from]) => from.itemStyle);
    assert.equal(phaseStyles.length, 4);
    assert.ok(phaseStyles.every((s) => s.opacity === 0 && s.borderWidth === 2));
  });
});
