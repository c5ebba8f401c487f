/**
 * The small reports the insights tests (core, CLI, server) compute known answers from: front
 * matter, header fields, a timeline with the given rows and action items with the given rows.
 */
export interface InsightsReportOptions {
  readonly id?: string;
  /** Default: the date the ID names. */
  readonly date?: string;
  readonly severity?: string;
  /** Default: `Sample ID`. */
  readonly title?: string;
  /** Extra front matter lines, each ending with a line break. */
  readonly frontMatter?: string;
  /** Markdown between the header fields and the timeline. */
  readonly body?: string;
  readonly rows: readonly string[];
  readonly actions?: readonly string[];
}

export function insightsReport(options: InsightsReportOptions): string {
  const id = options.id ?? 'INC-20261020-001';
  const date = options.date ?? `${id.slice(4, 8)}-${id.slice(8, 10)}-${id.slice(10, 12)}`;
  const title = options.title ?? `Sample ${id}`;
  return `---
Title: ${title}
Owner: Sam
Status: Resolved
LastUpdated: ${date}
${options.frontMatter ?? ''}---

# Incident Report: ${title}

**Incident ID:** ${id}
**Date:** ${date}
**Severity:** ${options.severity ?? '🔴 Critical'}

${options.body ?? ''}
## 📊 Timeline (UTC)

| Time | Event | Actor |
|------|-------|-------|
${options.rows.join('\n')}

## 📝 Action Items

| Action | Owner | Due Date | Status |
|--------|-------|----------|--------|
${(options.actions ?? []).join('\n')}
`;
}
