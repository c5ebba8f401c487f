import type { ReportHeader } from '../../core';

/**
 * How the Incidents view orders and colours severities, as plain data (no `vscode` here, so
 * it is tested in Node): the template's or config's order, most severe first, and each level's
 * colour (config's, else the ramp the core gives from most to least severe).
 */

type Level = NonNullable<ReportHeader['severity']>;

/** The report's severity, or the most severe of the levels it still names (not yet narrowed to one). */
export function shownSeverity(header: Pick<ReportHeader, 'severity' | 'severityCandidates'>): Level | undefined {
  return header.severity ?? header.severityCandidates?.[0];
}

/** Position in the levels' order (0 most severe); a report without a known level sorts last. */
export function severityRank(header: Pick<ReportHeader, 'severity' | 'severityCandidates'>): number {
  return shownSeverity(header)?.rank ?? Number.MAX_SAFE_INTEGER;
}

/** A theme colour id (`charts.red`) for a ThemeIcon, or a hex colour (`#d32f2f`) drawn into the icon. */
export type SeverityColour = { readonly theme: string } | { readonly hex: string };

export function severityColour(level: Level | undefined): SeverityColour | undefined {
  if (!level?.color) return undefined;
  return level.color.startsWith('#') ? { hex: level.color } : { theme: level.color };
}

/** A flame in a hex colour, as an SVG data URI (a ThemeIcon takes theme colours only). */
export function flameSvg(hex: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><path fill="${hex}" d="M8 1c.5 2.5 3.5 4 3.5 7.5A3.5 3.5 0 0 1 8 12a3.5 3.5 0 0 1-3.5-3.5C4.5 6.5 6 5.5 6 4c1 .5 1.5 1.5 1.5 2.5C8.5 5 8.5 3 8 1z"/><path fill="${hex}" d="M8 15a4 4 0 0 1-4-4h1.2A2.8 2.8 0 0 0 8 13.8 2.8 2.8 0 0 0 10.8 11H12a4 4 0 0 1-4 4z"/></svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}
