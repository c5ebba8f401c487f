import type { Config, RuleSetting } from './config';
import { emptyContent } from './model/assemble';
import { ReportParser } from './model/parseReport';
import type { ReportModel } from './model/types';
import { RULES, RULE_IDS } from './rules';
import { readSuppressions } from './suppressions';
import type { Environment, Rule, RuleContext } from './rules/rule';
import { docsUrl } from './rules/rule';
import { LintMemo } from './rules/cache';
import { inputLimitRule } from './rules/inputLimit';
import { formatCount, INPUT_LIMIT_RULE_ID, LIMITS } from './limits';
import type { TemplateModel } from './template/templateModel';
import { isFinalStatus } from './status';
import { LineIndex } from './text/lineIndex';
import type { Diagnostic, Mode, Severity } from './types';

export const INTERNAL_RULE_ID = 'internal-error';

export interface LintOptions {
  readonly template: TemplateModel;
  readonly env: Environment;
  readonly config?: Pick<Config, 'rules' | 'mode'>;
  /** `final` applies final severities whatever the status (`--final`). */
  readonly mode?: 'auto' | 'draft' | 'final';
  /** Reuse a document's parser to re-parse only changed sections. */
  readonly parser?: ReportParser;
  readonly rules?: readonly Rule[];
}

export interface LintResult {
  readonly mode: Mode;
  readonly diagnostics: readonly Diagnostic[];
  readonly model: ReportModel;
}

/** Final once the front matter Status is Resolved or Closed; the sign-off line does not decide. */
export function modeOf(model: ReportModel): Mode {
  return isFinalStatus(model.frontMatter?.data?.['Status']) ? 'final' : 'draft';
}

export function lint(text: string, options: LintOptions): LintResult {
  if (text.length > LIMITS.documentChars) return tooLong(text, options);
  let model: ReportModel;
  try {
    model = (options.parser ?? new ReportParser()).parse(text, options.template.parseOptions);
  } catch (error) {
    return unparsable(text, error);
  }
  return runRules(text, model, options);
}

/** A text the parser could not read (a bug, or input beyond its limits): one diagnostic, never a throw. */
function unparsable(text: string, error: unknown): LintResult {
  const lines = new LineIndex(text);
  const span = { start: 0, end: 0 };
  const reason = error instanceof Error ? error.message : String(error);
  return {
    mode: 'draft',
    model: { text, frontMatter: undefined, preamble: { title: undefined, content: emptyContent() }, sections: [] },
    diagnostics: [{ ruleId: INTERNAL_RULE_ID, severity: 'error', message: `This document could not be parsed (${reason}); please report it.`, span, range: lines.rangeOf(span), docsUrl: docsUrl(INTERNAL_RULE_ID), fixes: [] }],
  };
}

/**
 * A document past LIMITS.documentChars is not parsed (the parser would need gigabytes):
 * one input-limit diagnostic on its first line, unless that rule is off.
 */
function tooLong(text: string, options: LintOptions): LintResult {
  const model: ReportModel = { text, frontMatter: undefined, preamble: { title: undefined, content: emptyContent() }, sections: [] };
  const mode: Mode = options.mode === 'final' || (options.mode === undefined && options.config?.mode === 'final') ? 'final' : 'draft';
  const severity = severityFor(inputLimitRule, mode, options.config?.rules?.[INPUT_LIMIT_RULE_ID]);
  if (severity === 'off') return { mode, model, diagnostics: [] };
  // Not a LineIndex: its table of line starts for 64 MB of blank lines takes a gigabyte.
  const firstBreak = text.search(/[\r\n]/);
  const span = { start: 0, end: firstBreak < 0 ? text.length : firstBreak };
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: span.end } };
  const message = `This document is ${formatCount(text.length)} characters; documents over ${formatCount(LIMITS.documentChars)} (8 MB) are not analysed.`;
  return { mode, model, diagnostics: [{ ruleId: INPUT_LIMIT_RULE_ID, severity, message, span, range, docsUrl: docsUrl(INPUT_LIMIT_RULE_ID), fixes: [] }] };
}

/** Runs every rule that is not off over the model, each in its own try. */
function runRules(text: string, model: ReportModel, options: LintOptions): LintResult {
  const requested = options.mode ?? options.config?.mode ?? 'auto';
  const mode: Mode = requested === 'auto' ? modeOf(model) : requested;
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  // What several rules derive from this model (timed rows, milestones): computed once, for this lint only.
  const memo = new LintMemo();
  // A rule's problems past LIMITS.diagnosticsPerRule are counted, not kept: one input-limit diagnostic says how many.
  const capSeverity = severityFor(inputLimitRule, mode, options.config?.rules?.[INPUT_LIMIT_RULE_ID]);
  // Suppression comments: what they hide is dropped as it is reported, so it neither counts
  // towards a rule's cap nor is seen by sign-off, Fix All or any output format.
  const suppressions = readSuppressions(model, RULE_IDS, lines);

  for (const rule of options.rules ?? RULES) {
    const severity = severityFor(rule, mode, options.config?.rules?.[rule.id]);
    if (severity === 'off') continue;
    const found: Diagnostic[] = [];
    let unlisted = 0;
    let firstUnlisted = { start: 0, end: 0 };
    const context: RuleContext = {
      ...options.env,
      model,
      template: options.template,
      mode,
      lines,
      previous: diagnostics,
      memo,
      suppressions,
      report: (problem) => {
        const span = clampSpan(problem.span, text.length);
        if (suppressions.directives.length > 0 && suppressions.hides(rule.id, lines.positionAt(span.start).line)) return;
        if (found.length >= LIMITS.diagnosticsPerRule) {
          if (unlisted++ === 0) firstUnlisted = span;
          return;
        }
        const configured = options.config?.rules?.[rule.id] !== undefined;
        // Draft noise policy: what is not yet written is progress (a hint), unless the team set the rule's level.
        const level = problem.severity && !configured ? problem.severity : problem.unfilled && mode === 'draft' && !configured ? 'hint' : severity;
        found.push({ ruleId: rule.id, severity: level, message: problem.message, span, range: lines.rangeOf(span), docsUrl: docsUrl(rule.id), fixes: problem.fixes ?? [], ...(problem.unfilled ? { unfilled: true } : {}) });
      },
    };
    try {
      rule.check(context);
      // One by one: spreading a rule's diagnostics into push() overflows the stack past ~125,000 arguments.
      for (const diagnostic of found) diagnostics.push(diagnostic);
      if (unlisted > 0 && capSeverity !== 'off') {
        const message = `Rule ${rule.id} found ${formatCount(found.length + unlisted)} problems; the first ${formatCount(found.length)} are listed, ${formatCount(unlisted)} more are not (the first of those is here).`;
        diagnostics.push({ ruleId: INPUT_LIMIT_RULE_ID, severity: capSeverity, message, span: firstUnlisted, range: lines.rangeOf(firstUnlisted), docsUrl: docsUrl(INPUT_LIMIT_RULE_ID), fixes: [] });
      }
    } catch (error) {
      // A broken rule must not take the others (or the editor) down with it.
      const span = { start: 0, end: 0 };
      const reason = error instanceof Error ? error.message : String(error);
      diagnostics.push({ ruleId: INTERNAL_RULE_ID, severity: 'error', message: `Rule ${rule.id} failed on this document (${reason}); please report it.`, span, range: lines.rangeOf(span), docsUrl: docsUrl(INTERNAL_RULE_ID), fixes: [] });
    }
  }
  // By position; ties keep the rules' own order (a stable sort), so fixes that insert at one
  // offset (missing sections) apply in template order.
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { mode, diagnostics, model };
}

export function severityFor(rule: Rule, mode: Mode, setting: RuleSetting | undefined): Severity | 'off' {
  if (setting === undefined) return rule.defaultSeverity[mode];
  if (typeof setting === 'string') return setting;
  return setting[mode] ?? rule.defaultSeverity[mode];
}

function clampSpan(span: { start: number; end: number }, length: number) {
  const start = Math.max(0, Math.min(span.start, length));
  return { start, end: Math.max(start, Math.min(span.end, length)) };
}
