/**
 * The metrics on one line, as the CodeLens and the Incidents view show them:
 * "TTD 14m · TTM 1h 29m · TTR 2h 35m". Its own module, free of the parser, so the editor's UI
 * bundle can use it through core/defaults.
 */
export function metricsLine(metrics: readonly { readonly short: string; readonly text: string }[]): string {
  return metrics.map((m) => `${m.short} ${m.text}`).join(' · ');
}
