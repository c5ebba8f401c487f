/** What the Incident Insights page and the extension say to each other (plain data). */
import type { IncidentStats } from '../../core';

export interface InsightsData {
  /** The table and the "incidents by severity" and "action items by status" charts. */
  readonly bySeverity: IncidentStats;
  /** The "MTTR by month per severity" chart. */
  readonly byMonthAndSeverity: IncidentStats;
  /** Workspace-relative names of the reports listed (their `file` is a URI). */
  readonly names: Readonly<Record<string, string>>;
}

/** Page → extension. */
export type InsightsMessage = { readonly type: 'ready' } | { readonly type: 'open'; readonly uri: string };
/** Extension → page. */
export type InsightsUpdate = { readonly type: 'data'; readonly data: InsightsData } | { readonly type: 'error'; readonly message: string };
