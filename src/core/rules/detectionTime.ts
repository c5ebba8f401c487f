import { checkComputedField, DETECTION_TIME_FIELD } from './duration';
import type { Rule } from './rule';

/**
 * The Detection section's `**Detection Time:**` equals time to detect: from the timeline's
 * first row (the change or first symptom it opens with, when before detection) to its
 * "detected" row, as the metrics CodeLens shows it; ±1 minute is tolerated. Checked like
 * Duration (the same reading of durations, the fix in the writer's own format), but as a
 * warning in both modes and never fixed by Fix All: that the first row is where the impact
 * began is a convention the writer may not follow.
 */
export const detectionTimeRule: Rule = {
  id: 'detection-time',
  description: 'The Detection Time equals the time from the timeline\'s first row to its detected row.',
  defaultSeverity: { draft: 'warning', final: 'warning' },
  check: (ctx) => checkComputedField(ctx, DETECTION_TIME_FIELD),
};
