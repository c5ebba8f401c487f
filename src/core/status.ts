/** An incident's lifecycle, in order: the front matter Status values Set Status walks through. */
export const REPORT_STATUSES = ['Open', 'Investigating', 'Mitigated', 'Resolved', 'Closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses after which the incident is over: every rule applies at its final level, the view lists it as closed. */
export const FINAL_STATUSES: readonly ReportStatus[] = ['Resolved', 'Closed'];
const FINAL = new Set(FINAL_STATUSES.map((status) => status.toLowerCase()));

/** Whether a Status value (any case, spaces around) is one of the final statuses. */
export function isFinalStatus(status: unknown): boolean {
  return typeof status === 'string' && FINAL.has(status.trim().toLowerCase());
}
