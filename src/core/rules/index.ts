import { duplicateSectionRule, missingSectionRule, sectionOrderRule } from './sections';
import { actionItemRule } from './actionItem';
import { blamelessLanguageRule } from './blamelessLanguage';
import { checklistChoiceRule } from './checklistChoice';
import { durationRule } from './duration';
import { detectionTimeRule } from './detectionTime';
import { signOffRule } from './signOff';
import { sloBudgetRule } from './sloBudget';
import { timelineMilestonesRule } from './timelineMilestones';
import { emptyFieldRule } from './emptyField';
import { evidencePathRule } from './evidencePath';
import { metricsTableRule } from './metricsTable';
import { frontMatterRule } from './frontMatter';
import { incidentDateRule } from './incidentDate';
import { incidentIdRule } from './incidentId';
import { incidentReferenceRule } from './incidentReference';
import { inputLimitRule } from './inputLimit';
import { placeholderRule } from './placeholder';
import type { Rule } from './rule';
import { severityRule } from './severity';
import { suppressionCommentRule, unusedSuppressionRule } from './suppression';
import { timelineOrderRule, timelineTableRule, timelineTimeRule } from './timeline';

/** Every rule, in the SPEC's order (sign-off last). */
export const RULES: readonly Rule[] = [
  frontMatterRule,
  incidentIdRule,
  incidentDateRule,
  severityRule,
  missingSectionRule,
  sectionOrderRule,
  duplicateSectionRule,
  placeholderRule,
  emptyFieldRule,
  timelineTableRule,
  timelineTimeRule,
  timelineOrderRule,
  timelineMilestonesRule,
  durationRule,
  detectionTimeRule,
  checklistChoiceRule,
  evidencePathRule,
  metricsTableRule,
  actionItemRule,
  sloBudgetRule,
  blamelessLanguageRule,
  incidentReferenceRule,
  inputLimitRule,
  // Last of the report's rules: in final mode it reports the errors the other rules left.
  signOffRule,
  // About the suppression comments: unused-suppression runs after every rule has reported.
  suppressionCommentRule,
  unusedSuppressionRule,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);
