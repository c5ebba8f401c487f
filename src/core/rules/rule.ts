import type { ReportModel } from '../model/types';
import type { LintMemo } from './cache';
import type { TemplateModel } from '../template/templateModel';
import type { LineIndex } from '../text/lineIndex';
import type { Diagnostic, Fix, Mode, Severity, Span } from '../types';

export const DOCS_BASE_URL = 'https://github.com/spark-eng/incident-report/blob/main/docs/rules/';

export interface RuleMeta {
  readonly id: string;
  /** One line: what the rule checks. */
  readonly description: string;
  readonly defaultSeverity: { readonly draft: Severity; readonly final: Severity };
}

/** What a rule reports; the engine adds severity, range and docs. */
export interface Problem {
  readonly span: Span;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  /**
   * A problem that is serious whatever the mode (an evidence path outside the workspace):
   * its level unless the user configured the rule's level explicitly.
   */
  readonly severity?: Severity;
  /**
   * Not yet written (a placeholder, an empty field, nothing ticked, a milestone not reached):
   * in draft mode a hint, counted as progress, not a problem (the SPEC's draft noise policy).
   */
  readonly unfilled?: boolean;
}

/** Facts about the world a rule may need; rules never read the clock or the disk. */
export interface Environment {
  /** Current UTC date, `YYYY-MM-DD`. */
  readonly today: string;
  /** Current instant, for fixes that stamp "now". */
  readonly now: Date;
  /** The report's file name (no directories), when it has one. */
  readonly fileName: string | undefined;
  /** Whether a workspace-relative path exists; undefined when unknown (no workspace). */
  readonly pathExists: ((relativePath: string) => boolean | undefined) | undefined;
  /**
   * Whether a report of the workspace has this incident ID; undefined when unknown (no
   * workspace index: the CLI, a file outside the workspace, a scan not yet finished).
   */
  readonly incidentExists?: ((id: string) => boolean | undefined) | undefined;
}

export interface RuleContext extends Environment {
  readonly model: ReportModel;
  readonly template: TemplateModel;
  readonly mode: Mode;
  readonly lines: LineIndex;
  /** Diagnostics of the rules that ran before this one (sign-off, which runs last, reads them). */
  readonly previous: readonly Diagnostic[];
  /** Values the rules of this lint share (see cache.ts: timedRows, timelineMilestones); fresh for every lint. */
  readonly memo: LintMemo;
  report(problem: Problem): void;
}

export interface Rule extends RuleMeta {
  /** Reports the rule's problems through `context.report`: a plain function of the model, it never schedules. */
  check(context: RuleContext): void;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
