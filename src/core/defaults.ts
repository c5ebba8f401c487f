/*
 * Names and defaults the editor needs before it loads the rest of the core (no imports:
 * the extension bundles this file alone and loads the core on first use).
 */

/** The config file names looked for at the workspace root, first found wins. */
export const CONFIG_FILE_NAMES = ['.incident-report.json', '.incident-report.yaml', '.incident-report.yml'] as const;
/** Where a workspace's own template lives when the config names none. */
export const WORKSPACE_TEMPLATE_PATH = '.incident/template.md';
export const DEFAULT_INCIDENTS_DIR = 'incidents';

/** Editor-only options (the `incidentReport.validate.*` settings). */
export interface EditorOptions {
  readonly validateWorkspace: boolean;
  readonly debounceMs: number;
  /** Bump the front matter LastUpdated to today when a changed report is saved. */
  readonly lastUpdatedOnSave: boolean;
}

export const DEFAULT_EDITOR_OPTIONS: EditorOptions = { validateWorkspace: true, debounceMs: 200, lastUpdatedOnSave: true };

/**
 * The largest file read as a report, config or template (the CLI, the server and the editor
 * alike): a hand-written report is tens of KB; past this it is a log or a dump.
 */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** Why a file of `size` bytes is not read. */
export function tooLargeReason(size: number): string {
  return `it is too large (${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_REPORT_BYTES / 1024 / 1024} MB limit)`;
}

/** Folders the server and the editor never search for reports. */
export const EXCLUDED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'out']);

export { REPORT_STATUSES, FINAL_STATUSES, isFinalStatus, type ReportStatus } from './status';
export { metricsLine } from './metricsLine';
/** New Incident's date step checks the day the user types as `new --date` does. */
export { incidentDateProblem, utcDate } from './time';

/** What makes a Markdown file a report, as messages say it (core isReport, and a team template's shape: template/reportShape.ts). */
export const REPORT_DEFINITION = 'a report is a Markdown file with an **Incident ID:** field or front matter with Status and Title, or, with a team template, enough of its shape (its front matter keys, fields or sections: see `template check`)';
