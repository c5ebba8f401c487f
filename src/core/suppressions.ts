import { INPUT_LIMIT_RULE_ID } from './limits';
import type { ReportModel } from './model/types';
import { allContents } from './rules/query';
import type { LineIndex } from './text/lineIndex';
import type { Span } from './types';

/*
 * Inline suppression comments, markdownlint's style:
 *   <!-- incident-report-disable RULE… -->            from this line on (no rule: every rule)
 *   <!-- incident-report-enable RULE… -->             from this line on again
 *   <!-- incident-report-disable-line RULE… -->       this line
 *   <!-- incident-report-disable-next-line RULE… -->  the line after the comment
 *   <!-- incident-report-disable-file RULE… -->       the whole file, wherever the comment is
 * Read from the HTML nodes of the parsed report (model comments), so a comment in a code
 * block or in inline code is text, not a suppression. A diagnostic is hidden when the line
 * it starts on is suppressed for its rule.
 */

export const SUPPRESSION_COMMENT_RULE_ID = 'suppression-comment';
export const UNUSED_SUPPRESSION_RULE_ID = 'unused-suppression';
/** What every suppression comment starts with. */
export const SUPPRESSION_PREFIX = 'incident-report-';

export const SUPPRESSION_KINDS = ['disable', 'enable', 'disable-line', 'disable-next-line', 'disable-file'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

/**
 * Ids a comment cannot hide: the size limits (a document partly unread must say so), and
 * the two rules about the comments themselves. internal-error is not a rule id at all.
 */
export const UNSUPPRESSIBLE_RULE_IDS: ReadonlySet<string> = new Set([INPUT_LIMIT_RULE_ID, SUPPRESSION_COMMENT_RULE_ID, UNUSED_SUPPRESSION_RULE_ID]);

/** One suppression comment as written. */
export interface SuppressionDirective {
  readonly kind: SuppressionKind;
  /** The comment, `<!--` to `-->`. */
  readonly span: Span;
  /** The rule ids listed, each with its span; empty for "every rule". */
  readonly ids: readonly { readonly id: string; readonly span: Span }[];
}

/** What a suppression comment gets wrong (an unknown kind or rule id), for the suppression-comment rule. */
export interface SuppressionProblem {
  readonly span: Span;
  readonly message: string;
}

/** One rule id of one disable comment (or the whole comment for "every rule"): used once it hid a diagnostic. */
interface Entry {
  readonly span: Span;
  /** undefined: every rule. */
  readonly ruleId: string | undefined;
  readonly kind: SuppressionKind;
  used: boolean;
}

/** Lines `from`..`to` (inclusive, 0-based) of one rule suppressed by an entry. */
interface Region {
  readonly from: number;
  readonly to: number;
  readonly entry: Entry;
}

/** The suppressions of one lint: which lines hide which rules, and which comments hid something. */
export class Suppressions {
  private readonly regions = new Map<string, Region[]>();
  private readonly entries: Entry[] = [];
  readonly problems: SuppressionProblem[] = [];

  constructor(
    readonly directives: readonly SuppressionDirective[],
    knownRuleIds: readonly string[],
    lines: LineIndex,
  ) {
    const suppressible = knownRuleIds.filter((id) => !UNSUPPRESSIBLE_RULE_IDS.has(id));
    const known = new Set(knownRuleIds);
    /** Per rule id, the disable region still open: its entry and first line. */
    const open = new Map<string, { entry: Entry; from: number }>();
    const add = (ruleId: string, region: Region): void => {
      const list = this.regions.get(ruleId);
      if (list) list.push(region);
      else this.regions.set(ruleId, [region]);
    };
    for (const directive of directives) {
      const line = lines.positionAt(directive.span.start).line;
      const endLine = lines.positionAt(directive.span.end).line;
      // Each listed id is checked; the unknown ones are reported and suppress nothing.
      const targets: { ruleIds: readonly string[]; entry: Entry }[] = [];
      if (directive.ids.length === 0) {
        targets.push({ ruleIds: suppressible, entry: { span: directive.span, ruleId: undefined, kind: directive.kind, used: false } });
      }
      for (const { id, span } of directive.ids) {
        if (!known.has(id)) {
          this.problems.push({ span, message: `"${id}" is not a rule id; a suppression comment names rule ids such as ${knownRuleIds.slice(0, 2).map((r) => `"${r}"`).join(' or ')} (see docs/rules).` });
          continue;
        }
        if (UNSUPPRESSIBLE_RULE_IDS.has(id)) {
          this.problems.push({ span, message: `"${id}" cannot be suppressed by a comment; turn it off in .incident-report.json if you must.` });
          continue;
        }
        targets.push({ ruleIds: [id], entry: { span, ruleId: id, kind: directive.kind, used: false } });
      }
      for (const { ruleIds, entry } of targets) {
        if (directive.kind !== 'enable') this.entries.push(entry);
        for (const ruleId of ruleIds) {
          switch (directive.kind) {
            case 'disable':
              // Already disabled: this comment adds nothing (and is reported unused).
              if (!open.has(ruleId)) open.set(ruleId, { entry, from: line });
              break;
            case 'enable': {
              const region = open.get(ruleId);
              if (region) add(ruleId, { from: region.from, to: line - 1, entry: region.entry });
              open.delete(ruleId);
              break;
            }
            case 'disable-line':
              add(ruleId, { from: line, to: line, entry });
              break;
            case 'disable-next-line':
              add(ruleId, { from: endLine + 1, to: endLine + 1, entry });
              break;
            case 'disable-file':
              add(ruleId, { from: 0, to: Infinity, entry });
              break;
          }
        }
      }
    }
    for (const [ruleId, region] of open) add(ruleId, { from: region.from, to: Infinity, entry: region.entry });
  }

  /** Whether a diagnostic of `ruleId` starting on `line` is hidden; the comments that hide it count as used. */
  hides(ruleId: string, line: number): boolean {
    let hidden = false;
    for (const region of this.regions.get(ruleId) ?? []) {
      if (line < region.from || line > region.to) continue;
      region.entry.used = true;
      hidden = true;
    }
    return hidden;
  }

  /** Disable entries that hid nothing (so far: ask after every rule ran). */
  unused(): { span: Span; message: string }[] {
    return this.entries
      .filter((entry) => !entry.used)
      .map((entry) => ({
        span: entry.span,
        message: entry.ruleId === undefined ? `This ${SUPPRESSION_PREFIX}${entry.kind} comment hides no problem; remove it.` : `This ${SUPPRESSION_PREFIX}${entry.kind} comment hides no ${entry.ruleId} problem; remove "${entry.ruleId}" from it.`,
      }));
  }
}

/** `<!-- … -->` inside one HTML node's source (a node can hold several, or trailing HTML). */
const COMMENT = /<!--([\s\S]*?)-->/g;
/** The comment's kind word after the prefix, then the rest. */
const DIRECTIVE = /^(\s*)incident-report-([A-Za-z-]+)(?=\s|$)/;
/** Rule ids in a comment are separated by spaces or commas. */
const ID = /[^\s,]+/g;

/**
 * The suppression comments of a report, in document order, and what is wrong with them
 * (an unknown kind such as `incident-report-disable-lines`).
 */
export function readDirectives(model: ReportModel): { directives: SuppressionDirective[]; problems: SuppressionProblem[] } {
  const directives: SuppressionDirective[] = [];
  const problems: SuppressionProblem[] = [];
  // Most reports have none: no walk over their comments.
  if (!model.text.includes(SUPPRESSION_PREFIX)) return { directives, problems };
  for (const content of allContents(model)) {
    for (const node of content.comments) {
      for (const comment of node.text.matchAll(COMMENT)) {
        const inner = comment[1]!;
        const innerStart = node.span.start + comment.index! + 4;
        const head = DIRECTIVE.exec(inner);
        if (!head) continue;
        const kindStart = innerStart + head[1]!.length;
        const word = head[2]!;
        const kind = SUPPRESSION_KINDS.find((k) => k === word);
        if (!kind) {
          problems.push({ span: { start: kindStart, end: kindStart + SUPPRESSION_PREFIX.length + word.length }, message: `"${SUPPRESSION_PREFIX}${word}" is not a suppression comment; expected ${SUPPRESSION_KINDS.map((k) => SUPPRESSION_PREFIX + k).join(', ')}.` });
          continue;
        }
        const rest = inner.slice(head[0].length);
        const restStart = innerStart + head[0].length;
        const ids = [...rest.matchAll(ID)].map((m) => ({ id: m[0], span: { start: restStart + m.index!, end: restStart + m.index! + m[0].length } }));
        directives.push({ kind, span: { start: node.span.start + comment.index!, end: node.span.start + comment.index! + comment[0].length }, ids });
      }
    }
  }
  directives.sort((a, b) => a.span.start - b.span.start);
  return { directives, problems };
}

/** The suppressions of a parsed report. */
export function readSuppressions(model: ReportModel, knownRuleIds: readonly string[], lines: LineIndex): Suppressions {
  const { directives, problems } = readDirectives(model);
  const suppressions = new Suppressions(directives, knownRuleIds, lines);
  suppressions.problems.unshift(...problems);
  suppressions.problems.sort((a, b) => a.span.start - b.span.start);
  return suppressions;
}
