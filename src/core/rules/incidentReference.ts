import { reportIncidentId } from '../evidence';
import { incidentMentions } from '../incidentLinks';
import type { Rule } from './rule';

/**
 * An incident ID the report mentions names a report of the workspace. Whether one does is
 * workspace knowledge the caller gives (ctx.incidentExists, from the language server's
 * index); without it (the CLI, an unknown answer) the rule reports nothing.
 */
export const incidentReferenceRule: Rule = {
  id: 'incident-reference',
  description: 'Every incident ID the report mentions names a report of the workspace.',
  // A dangling link is worth knowing, never a reason to block a draft or a sign-off.
  defaultSeverity: { draft: 'warning', final: 'warning' },
  check(ctx) {
    const exists = ctx.incidentExists;
    if (!exists) return;
    const own = reportIncidentId(ctx.model, ctx.fileName, ctx.template);
    for (const { id, span } of incidentMentions(ctx.model.text, ctx.template.identity.idScheme)) {
      if (id === own || exists(id) !== false) continue;
      ctx.report({ span, message: `${id} names no report of this workspace; expected the ID of an existing report (check its date and number).` });
    }
  },
};
