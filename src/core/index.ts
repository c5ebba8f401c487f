/**
 * The core's one entry point. It never imports `vscode` or Node built-ins: plain text
 * and data in, plain diagnostics and edits out, so the CLI, the extension and the
 * browser build share it unchanged.
 */
import { validateConfig, validateSettings, mergeConfig, DEFAULT_EDITOR_OPTIONS, type EditorOptions, configJsonSchema, parseConfigText, CONFIG_FILE_NAMES, WORKSPACE_TEMPLATE_PATH, DEFAULT_INCIDENTS_DIR, type Config, type ConfigResult } from './config';
import { lint, modeOf, severityFor, INTERNAL_RULE_ID, type LintResult } from './engine';
import { applyEdits } from './fix/edits';
import { fixAllText, isProblem, minimalEdit } from './fix/fixAll';
import { suppressionFixes } from './fix/suppress';
import type { Diagnostic, Fix, Severity, TextEdit } from './types';
import type { ReportModel } from './model/types';
import { modelOfSections, summarizeDetails, summarizeHeader, summarizeReport, type ReportSummary, type ReportHeader, type ReportDetails, type TimelineRowSummary, type ActionItemSummary } from './summary';
import { insertTimelineRow } from './timelineEdit';
import { evidenceFillAt, refactorsAt, timestampAt, type TimestampFormat } from './fix/refactors';
import { isInsideWorkspace } from './evidence';
import { ReportParser, isReport } from './model/parseReport';
import { allocate, allocateId, incidentDateProblem, renderNewReport, reportFileName, timelineStamp, ID_PATTERN } from './newReport';
import { DEFAULT_FILE_NAME, NO_ID_FILE_NAME, FILE_NAME_TOKENS, fileNameFor, fileNamePatternProblem, fileNumberReader } from './fileName';
import { nameHasId } from './createReport';
import { utcDate } from './time';
import { RULES, RULE_IDS } from './rules';
import type { Environment } from './rules/rule';
import { docsUrl } from './rules/rule';
import { DEFAULT_TEMPLATE } from './template/defaultTemplate.generated';
import { isReportOf } from './template/reportShape';
import { buildTemplateModel, defaultTemplateModel, type SeverityLevel, type TemplateModel } from './template/templateModel';
import { LineIndex, detectEol } from './text/lineIndex';
import { timelineMetrics, signedDuration, METRIC_LABELS, type Metric, type TimelineMetrics } from './metrics';
import { lastUpdatedEdit, setStatusEdits, type ReportStatus, type SetStatusRequest, type SetStatusResult } from './lifecycle';
import { matchLevel } from './template/identity';
import { actionItemsAcross, factsOn, incidentFacts, incidentStats, nearestRank, timelineEvents, METRIC_IDS, STATS_DIMENSIONS, UNKNOWN_GROUP, type ActionItemFilter, type ActionItemRow, type ChartEvent, type FiledFacts, type IncidentFacts, type IncidentStats, type MetricStats, type StatsDimension, type StatsGroup, type StatsOptions } from './insights';
import { timelineChart, DEFAULT_GAP_MINUTES, PHASES, type TimelineChartModel, type ChartRow, type ChartPhase, type ChartGap, type ChartMilestone, type ChartDuration, type PhaseId } from './timelineChart';
import { completionContextAt, fieldAt, ownersOf, timelineTimeAt, type CompletionContext, type FieldAt } from './writingAids';
import { incidentMentionRanges, ID_IN_TEXT } from './incidentLinks';
import { DEFAULT_ID_SCHEME } from './ids';
export { idScheme, idSpecProblem, DEFAULT_ID_SCHEME, DEFAULT_ID_SPEC, type IdScheme, type IdParts } from './ids';
export { rampColor, SEVERITY_RAMP, type TemplateIdentity } from './template/identity';

export type { Diagnostic, Fix, Mode, Position, Range, Severity, Span, TextEdit } from './types';
import type { Range, Span } from './types';
export type { Config, ConfigResult, LintResult, TemplateModel, SeverityLevel, Environment };
export type { ReportModel } from './model/types';
export type { ReportSummary, ReportHeader, ReportDetails, TimelineRowSummary, ActionItemSummary };
export type { Metric, TimelineMetrics, ReportStatus, SetStatusRequest, SetStatusResult };
export { signedDuration, ID_IN_TEXT, METRIC_LABELS };
export { metricsLine } from './metricsLine';
export type { CompletionContext, FieldAt };
export type { TimelineChartModel, ChartRow, ChartPhase, ChartGap, ChartMilestone, ChartDuration, PhaseId };
export { DEFAULT_GAP_MINUTES, PHASES };
export { REPORT_STATUSES, FINAL_STATUSES, isFinalStatus } from './status';
export { summarizeTemplate, templateUsable, formatTemplateSummary, type TemplateSummary, type TemplateProblem } from './template/templateCheck';
export { validateConfigKeys, type ConfigProblem, type ConfigOverride } from './config';
export { loadConfigChain, configForPath, isExcludedPath, configKeyRange, hasChainError, parseExtends, MAX_EXTENDS_DEPTH, type ConfigChain, type ConfigHost, type ChainProblem, type ExtendsTarget, type HostAnswer } from './configChain';
export type { MetricId } from './metrics';
export type { MilestoneId } from './milestones';
export type { ActionItemFilter, ActionItemRow, ChartEvent, FiledFacts, IncidentFacts, IncidentStats, MetricStats, StatsDimension, StatsGroup, StatsOptions };
export { actionItemsAcross, factsOn, incidentStats, nearestRank, METRIC_IDS, STATS_DIMENSIONS, UNKNOWN_GROUP };
export { formatDuration } from './durations';
export { validateSettings, mergeConfig, DEFAULT_EDITOR_OPTIONS, type EditorOptions };
export { parseConfigText, CONFIG_FILE_NAMES, WORKSPACE_TEMPLATE_PATH, DEFAULT_INCIDENTS_DIR, isReport };
export { REPORT_DEFINITION } from './defaults';
export { MILESTONE_IDS } from './config';
export { incidentDateProblem, timelineStamp, DEFAULT_FILE_NAME, FILE_NAME_TOKENS, fileNameFor, fileNamePatternProblem };
export { LineIndex, detectEol, ReportParser, applyEdits, isProblem, allocateId, reportFileName, validateConfig, configJsonSchema, modeOf, docsUrl, ID_PATTERN, INTERNAL_RULE_ID, DEFAULT_TEMPLATE };

export interface RuleInfo {
  readonly id: string;
  readonly description: string;
  readonly draft: string;
  readonly final: string;
  readonly docsUrl: string;
}

export interface IncidentCoreOptions {
  /** A team template's Markdown; the shipped default when absent. */
  readonly templateText?: string;
  readonly config?: Config;
}

export interface LintRequest extends Partial<Environment> {
  /** `final` applies final severities whatever the status. */
  readonly mode?: 'auto' | 'draft' | 'final';
  /** One per open document: a lint then parses only the sections that changed. */
  readonly parser?: ReportParser;
}

export interface NewReportOptions {
  readonly title: string;
  /** A level of the template's (its word); absent when the template lists none. */
  readonly severity?: string | undefined;
  /** When the report is written (UTC). */
  readonly now: Date;
  /** The incident's day, `YYYY-MM-DD`, for a report written later: ID, Date and file name use it. */
  readonly date?: string | undefined;
  readonly existingIds: Iterable<string>;
  readonly owner?: string | undefined;
  readonly skip?: number;
}

export interface NewReport {
  readonly id: string;
  readonly fileName: string;
  readonly text: string;
  /** Whether a folder entry already holds this report's ID or, by the file name pattern, its number. */
  readonly taken: (name: string) => boolean;
}

export interface IncidentCore {
  readonly template: TemplateModel;
  readonly rules: readonly RuleInfo[];
  /** A rule's level in this core's config for reports read in `mode` (the shipped default unless configured). */
  ruleSeverity(ruleId: string, mode: 'draft' | 'final'): Severity | 'off' | undefined;
  lint(text: string, request?: LintRequest): LintResult;
  /**
   * Whether a Markdown text is a report of this core's template: `**Incident ID:**` or Status
   * and Title front matter, or (a team template) the template's shape (template/reportShape.ts).
   * With the document's `parser`, the head parsed here is reused by the lint that follows.
   */
  isReport(text: string, parser?: ReportParser): boolean;
  /**
   * A new report from the template: `severity` one of its levels (none when it lists none),
   * `date` the incident's day (`YYYY-MM-DD`, today when absent), the file name from the
   * config's `fileName`. `taken(name)`: whether an entry of the folder already holds its number.
   */
  newReport(request: NewReportOptions): NewReport;
  severityLevel(name: string): SeverityLevel | undefined;
  /** Applies every safe fix (repeatedly, as fixes reveal others) and returns the edit, if any. */
  fixAll(text: string, request?: LintRequest): { text: string; edit: TextEdit | undefined };
  /**
   * "Disable RULE for this line / file": suppression comments for one diagnostic of a lint of
   * `model` (never safe, never in Fix All); none for the rules a comment cannot hide.
   */
  suppressionFixes(model: ReportModel, diagnostic: Diagnostic): Fix[];
  /** Rewrites offered at the cursor without a diagnostic (timestamp placeholders). */
  refactorsAt(text: string, offset: number, now: Date, fileName?: string): Fix[];
  /** Fill Evidence Path: the edit (with a create-file intent) for the cursor, if the report has an ID. */
  evidenceFillAt(text: string, offset: number, now: Date, fileName?: string): { fix: Fix; path: string } | undefined;
  /** Whether a workspace-relative path stays inside the workspace (no `..`, not absolute). */
  isInsideWorkspace(path: string): boolean;
  /** What the Incidents view shows of a report (both levels); undefined when the text is not one. */
  summarize(text: string, today: string): ReportSummary | undefined;
  /** Level 1, what the Incidents view lists: read from the part before the first `##` only; undefined when the text is not a report. */
  summarizeHeader(text: string): ReportHeader | undefined;
  /** Level 2, what an expanded incident shows: timeline rows and action items (overdue as of `today`). */
  summarizeDetails(text: string, today: string): ReportDetails;
  /** Add Timeline Event: a row stamped now at its chronological place. */
  addTimelineRow(text: string, now: Date, values: { event: string; actor: string }): { edit: TextEdit; time: string; row: string } | undefined;
  /** Set Status: front matter, the step's milestone row, and on Resolved Duration and sign-off (src/core/lifecycle.ts). */
  setStatus(text: string, request: SetStatusRequest): SetStatusResult;
  /** LastUpdated set to today's date, when it says another (on save of a changed report). */
  lastUpdated(text: string, now: Date): TextEdit | undefined;
  /** The report's `##` sections: title and the 0-based lines of the heading and the section's end. */
  outline(text: string, parser?: ReportParser): { readonly title: string; readonly headingLine: number; readonly endLine: number }[];
  /** Time to detect, acknowledge, mitigate, restore and resolve, from the timeline (src/core/metrics.ts). */
  metrics(text: string, parser?: ReportParser): TimelineMetrics;
  /** What a report contributes to the insights (`stats`, `actions`); undefined when the text is not one. Overdue as of `today`. */
  facts(text: string, today: string): IncidentFacts | undefined;
  /** The timeline's timed rows, for a chart. */
  timelineEvents(text: string): ChartEvent[];
  /** The Show Timeline chart: rows, phases, gaps over `gapMinutes`, milestones, durations (src/core/timelineChart.ts); undefined when the text is not a report. */
  timelineChart(text: string, options?: { gapMinutes?: number }, parser?: ReportParser): TimelineChartModel | undefined;
  /** What Insert UTC Timestamp writes at an offset. */
  timestampAt(text: string, offset: number, now: Date): { format: TimestampFormat; text: string };
  /** The labelled field at an offset and the template's help for it (src/core/writingAids.ts). */
  fieldAt(text: string, offset: number, parser?: ReportParser): FieldAt | undefined;
  /** A timeline time at an offset written with an offset or zone, and its UTC value. */
  timelineTimeAt(text: string, offset: number, parser?: ReportParser): { readonly written: string; readonly utc: string | undefined; readonly span: Span } | undefined;
  /** What completes at an offset: a name in the actor or Owner column, or an evidence path. */
  completionContextAt(text: string, offset: number, fileName: string | undefined, parser?: ReportParser): CompletionContext | undefined;
  /** The owners a report's action items name (placeholders left out); reads only that section. */
  owners(text: string): string[];
  /** Every incident ID the text mentions, with its range (the report's own included). */
  incidentMentions(text: string): { readonly id: string; readonly range: Range }[];
}

export function createIncidentCore(options: IncidentCoreOptions = {}): IncidentCore {
  // The template is parsed on first use, not when the core is made: the extension makes a
  // core per folder while it activates, and its first lint comes later, off that path.
  let templateModel: TemplateModel | undefined;
  // Config's idPattern, severityLevels and columns override what the template declares.
  const templateOptions = {
    ...(options.config?.idPattern !== undefined ? { idPattern: options.config.idPattern } : {}),
    ...(options.config?.severityLevels !== undefined ? { severityLevels: options.config.severityLevels } : {}),
    ...(options.config?.columns !== undefined ? { columns: options.config.columns } : {}),
  };
  const config = options.config ?? {};
  const template = (): TemplateModel => {
    if (templateModel) return templateModel;
    const base = options.templateText === undefined ? defaultTemplateModel(DEFAULT_TEMPLATE, templateOptions) : buildTemplateModel(options.templateText, templateOptions);
    // The config's milestone words travel with the template, which every reader of the timeline has.
    templateModel = config.milestones ? { ...base, milestoneConfig: config.milestones } : base;
    return templateModel;
  };
  const rules = RULES.map((rule) => Object.freeze({ id: rule.id, description: rule.description, draft: rule.defaultSeverity.draft, final: rule.defaultSeverity.final, docsUrl: docsUrl(rule.id) }));
  const lintOptions = (request: LintRequest) => {
    const now = request.now ?? new Date();
    return {
      template: template(),
      config,
      mode: request.mode && request.mode !== 'auto' ? request.mode : config.mode ?? 'auto',
      parser: request.parser,
      env: { now, today: request.today ?? now.toISOString().slice(0, 10), fileName: request.fileName, pathExists: request.pathExists, incidentExists: request.incidentExists, rootName: request.rootName },
    };
  };
  const core: IncidentCore = {
    get template() {
      return template();
    },
    rules,
    ruleSeverity(ruleId, mode) {
      const rule = RULES.find((r) => r.id === ruleId);
      return rule && severityFor(rule, mode, config.rules?.[ruleId]);
    },
    lint: (text, request = {}) => lint(text, lintOptions(request)),
    // The shipped template keeps its one test; a team's template is recognised by its shape.
    isReport: (text, parser) => (options.templateText === undefined ? isReport(text, parser) : isReportOf(text, template(), parser)),
    newReport({ title, severity, now, date, existingIds, owner, skip }) {
      const levels = template().severityLevels;
      const level = severity === undefined || severity === '' ? undefined : matchLevel(severity, levels);
      if (levels.length === 0 && level === undefined && severity) throw new RangeError(`The template lists no severity levels; leave out the severity ("${severity}").`);
      if (levels.length > 0 && !level) throw new RangeError(`${severity ? `Unknown severity "${severity}"` : 'A severity is needed'}; expected one of ${levels.map((l) => l.word).join(', ')}.`);
      const day = date ?? utcDate(now);
      const dateProblem = incidentDateProblem(day, now);
      if (dateProblem) throw new RangeError(`Incident date: ${dateProblem}.`);
      const pattern = config.fileName ?? (template().identity.id === undefined && config.idPattern === undefined ? NO_ID_FILE_NAME : DEFAULT_FILE_NAME);
      const names = [...existingIds];
      const numberOf = fileNumberReader(pattern, day);
      const highestTaken = numberOf ? names.reduce((highest, name) => Math.max(highest, numberOf(name) ?? 0), 0) : 0;
      const scheme = template().identity.idScheme ?? DEFAULT_ID_SCHEME;
      const { id, number } = allocate(names, day, skip, highestTaken, scheme);
      const fileName = fileNameFor(pattern, { id, number, date: day, title });
      const text = renderNewReport(template(), { id, title, severity: level, now, date: day, owner: owner ?? config.owner });
      const taken = (name: string): boolean => nameHasId(name, id, scheme) || numberOf?.(name) === Number(number);
      return { id, fileName, text, taken };
    },
    severityLevel: (name) => matchLevel(name, template().severityLevels),
    summarize: (text, today) => summarizeReport(text, template(), today),
    summarizeHeader: (text) => summarizeHeader(text, template()),
    summarizeDetails: (text, today) => summarizeDetails(text, template(), today),
    addTimelineRow: (text, now, values) => insertTimelineRow(new ReportParser().parse(text, template().parseOptions), template(), now, values),
    suppressionFixes: (model, diagnostic) => suppressionFixes(model, diagnostic, RULE_IDS),
    refactorsAt: (text, offset, now, fileName) => refactorsAt(new ReportParser().parse(text, template().parseOptions), template(), offset, now, fileName),
    evidenceFillAt: (text, offset, now, fileName) => evidenceFillAt(new ReportParser().parse(text, template().parseOptions), template(), offset, now, fileName),
    isInsideWorkspace,
    timestampAt: (text, offset, now) => timestampAt(new ReportParser().parse(text, template().parseOptions), template(), offset, now),
    setStatus: (text, request) => setStatusEdits(new ReportParser().parse(text, template().parseOptions), template(), request),
    lastUpdated: (text, now) => lastUpdatedEdit(new ReportParser().parse(text, template().parseOptions), now),
    // A document's own parser (the server keeps one per open report) re-reads only what changed.
    outline(text, parser = new ReportParser()) {
      const lines = new LineIndex(text);
      return parser.parse(text, template().parseOptions).sections.map((s) => ({ title: s.title, headingLine: lines.positionAt(s.headingSpan.start).line, endLine: lines.positionAt(s.span.end).line }));
    },
    metrics(text, parser = new ReportParser()) {
      const lines = new LineIndex(text);
      return timelineMetrics(parser.parse(text, template().parseOptions), template(), (offset) => lines.positionAt(offset).line);
    },
    facts: (text, today) => incidentFacts(text, template(), today),
    timelineEvents: (text) => timelineEvents(text, template()),
    timelineChart: (text, options, parser) => timelineChart(text, template(), options, parser),
    fieldAt: (text, offset, parser = new ReportParser()) => fieldAt(parser.parse(text, template().parseOptions), template(), offset),
    timelineTimeAt: (text, offset, parser = new ReportParser()) => timelineTimeAt(parser.parse(text, template().parseOptions), template(), offset),
    completionContextAt: (text, offset, fileName, parser = new ReportParser()) => completionContextAt(parser.parse(text, template().parseOptions), template(), offset, fileName),
    owners: (text) => ownersOf(modelOfSections(text, [template().actionItems?.sectionKey], template().parseOptions), template()),
    incidentMentions: (text) => incidentMentionRanges(text, new LineIndex(text), template().identity.idScheme),
    fixAll(text, request = {}) {
      const fixed = fixAllText(text, (current) => core.lint(current, { ...request, parser: undefined }).diagnostics).text;
      return { text: fixed, edit: minimalEdit(text, fixed) };
    },
  };
  return Object.freeze(core);
}

export { RULE_IDS };
export { SUPPRESSION_COMMENT_RULE_ID, UNUSED_SUPPRESSION_RULE_ID, UNSUPPRESSIBLE_RULE_IDS } from './suppressions';
export { createReport, nameHasId, type ReportStore, type CreatedReport } from './createReport';
// The HTML export of a report (the CLI's export --html, the editor's Export to HTML).
export { reportHtml, renderReportHtml, timelineSvg, type ExportParts } from './reportHtml';
