import { SUPPRESSION_COMMENT_RULE_ID, UNUSED_SUPPRESSION_RULE_ID } from '../suppressions';
import type { Rule } from './rule';

/** Suppression comments with an unknown kind or rule id (src/core/suppressions.ts reads them). */
export const suppressionCommentRule: Rule = {
  id: SUPPRESSION_COMMENT_RULE_ID,
  description: 'Suppression comments (`<!-- incident-report-disable … -->`) name a known kind and known rule ids.',
  defaultSeverity: { draft: 'warning', final: 'warning' },
  check(ctx) {
    for (const problem of ctx.suppressions.problems) ctx.report(problem);
  },
};

/** Suppression comments that hide nothing: it runs after every other rule, once all have reported. */
export const unusedSuppressionRule: Rule = {
  id: UNUSED_SUPPRESSION_RULE_ID,
  description: 'Each suppression comment hides at least one problem of each rule it names.',
  defaultSeverity: { draft: 'hint', final: 'info' },
  check(ctx) {
    for (const problem of ctx.suppressions.unused()) ctx.report(problem);
  },
};
