/**
 * What the incident-report language server and its clients say to each other beyond LSP:
 * command ids, custom requests and their plain-data shapes. No `vscode`, no Node built-ins:
 * the VS Code client, the server (Node and web worker) and the tests import it alike.
 */
import type { ActionItemFilter, ActionItemRow, IncidentStats, ReportDetails, ReportHeader, ReportStatus, StatsDimension, TimelineChartModel } from '../core';

/** `workspace/executeCommand` ids the server answers; other clients call them with arguments. */
export const ServerCommands = {
  newIncident: 'incidentReport.server.newIncident',
  addTimelineEvent: 'incidentReport.server.addTimelineEvent',
  insertTimestamp: 'incidentReport.server.insertTimestamp',
  fillEvidencePath: 'incidentReport.server.fillEvidencePath',
  createEvidenceFile: 'incidentReport.server.createEvidenceFile',
  fixAll: 'incidentReport.server.fixAll',
  setStatus: 'incidentReport.server.setStatus',
} as const;

/** Set Status: the new status; for Mitigated and Resolved, when it happened (ISO 8601; now when absent). */
export interface SetStatusParams {
  readonly uri: string;
  readonly status: ReportStatus;
  readonly at?: string;
  /** Who closes it (the sign-off's Closed By) and the actor of the milestone row. */
  readonly closer?: string;
}

export interface SetStatusResultParams {
  readonly applied: boolean;
  readonly changes: readonly string[];
  /** On Resolved: the errors still standing in final mode, what blocks the sign-off. */
  readonly blockers: readonly { readonly line: number; readonly ruleId: string; readonly message: string }[];
  readonly reason?: string;
}

export const FIX_ALL_KIND = 'source.fixAll.incident-report';
export const REWRITE_KIND = 'refactor.rewrite.incident-report';
export const DIAGNOSTIC_SOURCE = 'incident-report';

export interface NewIncidentParams {
  /** One of the template's levels; absent when the template lists none. */
  readonly severity?: string;
  readonly title: string;
  /** The folder to create the report in (a workspace folder's URI); the first one when absent. */
  readonly folder?: string;
  /** `YYYY-MM-DD` for a report written after the day; now (UTC) otherwise. */
  readonly date?: string;
  /** Front matter Owner; the configured owner when absent. */
  readonly owner?: string;
}

/** What New Incident made: the file's URI, or with no folder open, the text for an untitled document. */
export interface NewIncidentResult {
  readonly id: string;
  readonly uri?: string;
  readonly fileName: string;
  readonly text: string;
}

export interface AddTimelineEventParams {
  readonly uri: string;
  readonly event: string;
  readonly actor: string;
  /** When it happened (ISO 8601), for backfilling; now when absent. */
  readonly at?: string;
  /** Only say whether a row can be added (`applied: false` with the reason when not); nothing is written. */
  readonly check?: boolean;
}

export interface LspPosition {
  readonly line: number;
  readonly character: number;
}

export interface PositionParams {
  readonly uri: string;
  readonly position: LspPosition;
}

/** Insert UTC Timestamp: at a position, or over each range (one per cursor). */
export interface InsertTimestampParams {
  readonly uri: string;
  readonly position?: LspPosition;
  readonly ranges?: readonly { readonly start: LspPosition; readonly end: LspPosition }[];
}

export interface FillEvidenceParams extends PositionParams {
  /** Also create the empty evidence file (inside the workspace, never over a file). */
  readonly create?: boolean;
}

export interface CreateEvidenceParams {
  /** The workspace folder the path is relative to. */
  readonly folder: string;
  readonly path: string;
}

/** `incidentReport/incidents`: the workspace's reports as the Incidents view lists them. */
export const IncidentsRequest = 'incidentReport/incidents';
export interface IncidentEntry {
  readonly uri: string;
  readonly header: ReportHeader;
  /** Changes whenever the report's text is read again. */
  readonly version: number;
  /** Error and warning counts of its last validation. */
  readonly problems: number;
  /** Places still to fill (placeholders, empty fields, nothing ticked, milestones not reached). */
  readonly toFill: number;
}
export interface IncidentsResult {
  readonly incidents: readonly IncidentEntry[];
  /** Markdown files that could not be read, with why (a FIFO, a dangling link, too large). */
  readonly skipped: readonly { readonly uri: string; readonly reason: string }[];
}

/** `incidentReport/incidentDetails`: an incident's timeline rows and action items. */
export const IncidentDetailsRequest = 'incidentReport/incidentDetails';
export interface IncidentDetailsParams {
  readonly uri: string;
}
export type IncidentDetailsResult = (ReportDetails & { readonly version: number }) | null;

/** `incidentReport/timelineChart`: the Show Timeline chart of a report's current text (open or on disk). */
export const TimelineChartRequest = 'incidentReport/timelineChart';
export interface TimelineChartParams {
  readonly uri: string;
  /** Rows further apart (minutes) are marked as a gap; the core's default when absent. */
  readonly gapMinutes?: number;
}
/** null when the file is not a report or cannot be read; `version` is the open document's, else null. */
export type TimelineChartResult = (TimelineChartModel & { readonly version: number | null }) | null;

/** `incidentReport/rescan`: scan the workspace again (Refresh Incidents); resolves when done. */
export const RescanRequest = 'incidentReport/rescan';

/** Sent by the server when the list of incidents (or one's details) changed. */
export const IncidentsChangedNotification = 'incidentReport/incidentsChanged';

/** `incidentReport/templateInfo`: what a client needs to ask for a new incident. */
export const TemplateInfoRequest = 'incidentReport/templateInfo';
export interface TemplateInfoParams {
  /** A workspace folder or a file in one; the first folder when absent. */
  readonly folder?: string;
}
export interface TemplateInfoResult {
  readonly severityLevels: readonly { readonly word: string; readonly label: string }[];
  readonly incidentsDir: string;
  /** The team template in use, if any: never validated or listed as a report. */
  readonly templateUri?: string;
  readonly rules: readonly { readonly id: string; readonly description: string; readonly draft: string; readonly final: string }[];
}

/**
 * `incidentReport/templateCheck`: what the server understood of a folder's template, as
 * `incident-report template check` prints it (Incident: Check Template shows the text). The
 * team template's open editor is read as it stands, unsaved changes included.
 */
export const TemplateCheckRequest = 'incidentReport/templateCheck';
export interface TemplateCheckParams {
  /** A file or folder of the workspace; the first folder when absent. */
  readonly uri?: string;
}
export interface TemplateCheckResult {
  /** The team template's path in its folder, or "the shipped default template". */
  readonly name: string;
  readonly templateUri?: string;
  /** No problem of level error. */
  readonly usable: boolean;
  readonly problems: readonly { readonly level: 'error' | 'warning'; readonly message: string; readonly line?: number }[];
  /** The summary for people, the same text as the CLI's. */
  readonly text: string;
}

/** Sent by the server after it published diagnostics for a document (tests and the status bar wait on it). */
export const ValidatedNotification = 'incidentReport/validated';
export interface ValidatedParams {
  readonly uri: string;
  readonly version: number | null;
}

/** Problems the server found in settings or config files, for the client to show once. */
export const ProblemNotification = 'incidentReport/problem';
export interface ProblemParams {
  readonly message: string;
}

/**
 * File-system requests the server sends to a client that offers its own file system (the
 * VS Code client: virtual workspaces and the web). Other clients leave it to the server's
 * Node file system.
 */
export const FsRequests = {
  findMarkdown: 'incidentReport/fs/findMarkdown',
  read: 'incidentReport/fs/read',
  stat: 'incidentReport/fs/stat',
  readDirectory: 'incidentReport/fs/readDirectory',
} as const;
export type ReadResult = { readonly text: string; readonly reason?: undefined } | { readonly text?: undefined; readonly reason: string };
export type StatResult = 'file' | 'directory' | 'link' | 'other' | null;

/** initializationOptions a client may pass. */
export interface InitializationOptions {
  /** `client`: read files through the FsRequests above (the VS Code client); otherwise the server's own. */
  readonly fileSystem?: 'client' | 'server';
  /** Diagnostics for report files that are not open (default true). */
  readonly validateWorkspace?: boolean;
}

/** `incidentReport/actionItems`: the action items of every indexed report (the Action Items view); `file` is the report's URI, `line` 0-based. */
export const ActionItemsRequest = 'incidentReport/actionItems';
export type ActionItemsParams = ActionItemFilter;
export interface ActionItemsResult {
  /** Overdue first, then by due date, report and line (the core's actionItemsAcross). */
  readonly items: readonly ActionItemRow[];
}

/** `incidentReport/stats`: `incident-report stats` over the indexed reports (the Incident Insights view); `file` is the report's URI. */
export const StatsRequest = 'incidentReport/stats';
export interface StatsParams {
  readonly by?: readonly StatsDimension[];
  readonly since?: string;
}
export type StatsResult = IncidentStats;

/** `incidentReport/exportHtml`: a report as the CLI's `export --html` writes it; `reason` when it cannot be. */
export const ExportHtmlRequest = 'incidentReport/exportHtml';
export interface ExportHtmlParams {
  readonly uri: string;
}
export type ExportHtmlResult = { readonly html: string; readonly reason?: undefined } | { readonly html?: undefined; readonly reason: string };
