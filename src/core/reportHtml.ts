/**
 * A report as one self-contained HTML document (pure: text in, text out), for the CLI's
 * `export --html` and the editor's Export to HTML alike. The Markdown is rendered by unified
 * (remark-parse, remark-gfm, remark-rehype, rehype-sanitize with GitHub's schema,
 * rehype-stringify): raw HTML is dropped, then anything that could run (a `<script>`, an
 * `on*=` attribute, a `javascript:` link) is removed. Nothing is loaded from anywhere: images
 * become their alt text, the stylesheet is inline, and a Content-Security-Policy forbids
 * scripts and any fetch. The metrics table and the timeline chart (inline SVG) come from the core.
 */
import type { Element, Root as HastRoot } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { IncidentCore } from './index';
import { formatDuration } from './durations';
import type { ChartEvent } from './insights';
import type { Metric } from './metrics';
import type { MilestoneId } from './milestones';

/** The HTML export of a report (undefined when the text is not a report); `fallbackTitle` when it has no Title. */
export function reportHtml(core: IncidentCore, text: string, fallbackTitle: string): string | undefined {
  const header = core.summarizeHeader(text);
  if (!header) return undefined;
  return renderReportHtml(text, { title: header.title ?? fallbackTitle, metrics: core.metrics(text).metrics, events: core.timelineEvents(text) });
}

export interface ExportParts {
  readonly title: string;
  readonly metrics: readonly Metric[];
  readonly events: readonly ChartEvent[];
}

/** The whole HTML document (pure: text in, text out). */
export function renderReportHtml(markdown: string, parts: ExportParts): string {
  const body = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfm)
    // Raw HTML in the report is dropped (allowDangerousHtml is off); the front matter is not content.
    .use(remarkRehype, { handlers: { yaml: () => undefined, toml: () => undefined } })
    .use(rehypeSanitize)
    .use(imagesAsText)
    .use(rehypeStringify)
    .processSync(markdown)
    .toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(withoutTags(parts.title))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${withFigures(body, `${metricsTable(parts.metrics)}\n${timelineSvg(parts.events)}`)}
</main>
</body>
</html>
`;
}

/** The metrics and the chart right after the report's title (first, without one). */
function withFigures(body: string, figures: string): string {
  const end = body.indexOf('</h1>');
  return end < 0 ? `${figures}\n${body}` : `${body.slice(0, end + 5)}\n${figures}${body.slice(end + 5)}`;
}

/** An image would be fetched (or break): it is replaced by its alt text. */
function imagesAsText() {
  return (tree: HastRoot): void => {
    const visit = (node: HastRoot | Element): void => {
      node.children = node.children.map((child) => {
        if (child.type !== 'element') return child;
        if (child.tagName === 'img') {
          const alt = typeof child.properties['alt'] === 'string' ? child.properties['alt'] : '';
          return { type: 'element', tagName: 'span', properties: { className: ['image'] }, children: [{ type: 'text', value: `[image${alt ? `: ${alt}` : ''}]` }] };
        }
        visit(child);
        return child;
      }) as typeof node.children;
    };
    visit(tree);
  };
}

function metricsTable(metrics: readonly Metric[]): string {
  if (metrics.length === 0) return '<p class="metrics-none">No metrics: the timeline has no timed detected row.</p>';
  const rows = metrics.map((m) => `<tr><th scope="row">${escapeXml(m.label)} (${escapeXml(m.short)})</th><td>${escapeXml(m.text)}</td></tr>`).join('\n');
  return `<table class="metrics"><caption>Metrics from the timeline</caption>\n${rows}\n</table>`;
}

const PHASES: readonly { from: MilestoneId | 'start'; to: MilestoneId; label: string; color: string }[] = [
  { from: 'start', to: 'detected', label: 'impact', color: '#f8d7da' },
  { from: 'detected', to: 'mitigation-started', label: 'detected', color: '#fff3cd' },
  { from: 'mitigation-started', to: 'service-restored', label: 'mitigating', color: '#d1ecf1' },
  { from: 'service-restored', to: 'resolved', label: 'restored', color: '#d4edda' },
];

/**
 * The timeline as an SVG: a UTC time axis, one line per event (a dot at its time and its
 * text), the phases between milestones shaded. Every text is escaped; nothing is linked.
 */
export function timelineSvg(events: readonly ChartEvent[]): string {
  if (events.length === 0) return '';
  const left = 70;
  const width = 760;
  const right = width - 20;
  const rowHeight = 22;
  const top = 40;
  const height = top + events.length * rowHeight + 10;
  const start = Math.min(...events.map((e) => e.minutes));
  const end = Math.max(...events.map((e) => e.minutes));
  const span = Math.max(end - start, 1);
  const x = (minutes: number): number => left + ((minutes - start) / span) * (right - left);
  const at = (id: MilestoneId | 'start'): number | undefined => (id === 'start' ? (events[0]!.milestones.includes('detected') ? undefined : start) : events.find((e) => e.milestones.includes(id))?.minutes);
  const parts: string[] = [];
  for (const phase of PHASES) {
    const from = at(phase.from);
    const to = at(phase.to);
    if (from === undefined || to === undefined || to < from) continue;
    parts.push(`<rect x="${x(from).toFixed(1)}" y="${top - 10}" width="${Math.max(x(to) - x(from), 1).toFixed(1)}" height="${height - top}" fill="${phase.color}"><title>${phase.label}</title></rect>`);
    parts.push(`<text class="phase" x="${((x(from) + x(to)) / 2).toFixed(1)}" y="${top - 14}" text-anchor="middle">${phase.label}</text>`);
  }
  // Axis with up to 6 ticks in UTC.
  parts.push(`<line x1="${left}" y1="${top - 10}" x2="${right}" y2="${top - 10}" stroke="#555"/>`);
  const ticks = Math.min(6, Math.max(2, Math.round(span / 15)));
  for (let i = 0; i <= ticks; i++) {
    const minutes = start + (span * i) / ticks;
    const label = new Date(Math.round(minutes) * 60_000).toISOString().slice(11, 16);
    parts.push(`<text class="tick" x="${x(minutes).toFixed(1)}" y="${top - 26}" text-anchor="middle">${label}</text>`);
  }
  events.forEach((event, i) => {
    const y = top + 6 + i * rowHeight;
    const cx = x(event.minutes);
    const milestone = event.milestones.length > 0;
    const anchor = cx > (left + right) / 2 ? 'end' : 'start';
    const tx = anchor === 'end' ? cx - 8 : cx + 8;
    const since = i > 0 ? ` (+${formatDuration(event.minutes - events[0]!.minutes)})` : '';
    parts.push(`<circle cx="${cx.toFixed(1)}" cy="${y}" r="${milestone ? 5 : 3.5}" class="${milestone ? 'milestone' : 'event'}"/>`);
    parts.push(`<text x="${tx.toFixed(1)}" y="${y + 4}" text-anchor="${anchor}"${milestone ? ' class="milestone"' : ''}>${escapeXml(`${event.time} ${truncate(withoutTags(event.event), 70)}${since}`)}</text>`);
  });
  return `<figure class="timeline"><svg role="img" aria-label="Timeline (UTC)" viewBox="0 0 ${width} ${height}" width="100%">
<style>text{font:11px sans-serif;fill:#222}.tick,.phase{fill:#555}.milestone{font-weight:bold}circle.event{fill:#555}circle.milestone{fill:#b00}</style>
${parts.join('\n')}
</svg><figcaption>Timeline (UTC)</figcaption></figure>`;
}

/** Inline HTML in a cell or title is shown as its text (it is escaped either way). */
function withoutTags(text: string): string {
  return text.replace(/<[^>]*>/g, '');
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fff;margin:0}
main{max-width:52rem;margin:0 auto;padding:2rem 1.5rem}
h1{font-size:1.7rem;margin-top:0}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
table.metrics caption{text-align:left;font-weight:bold;padding-bottom:.3rem}
pre{background:#f5f5f5;padding:.6rem;overflow-x:auto;white-space:pre-wrap}code{font-family:ui-monospace,monospace;font-size:.9em}
figure.timeline{margin:1rem 0}figcaption{font-size:.85rem;color:#555}
hr{border:0;border-top:1px solid #eee}
@media print{
  body{font-size:11pt}main{max-width:none;padding:0}
  a{color:inherit;text-decoration:none}a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em;color:#555}
  h2{break-after:avoid}table,pre,figure{break-inside:avoid}
  @page{margin:18mm}
}`;
