import { checkEvidencePath, concreteEvidencePath, evidenceFolder, evidencePaths, reportIncidentId, type EvidencePath } from '../evidence';
import { fix, replace } from '../fix/edits';
import type { Fix } from '../types';
import type { Rule, RuleContext } from './rule';

/**
 * Evidence paths are filled, inside the workspace and exist. Existence comes from
 * ctx.pathExists; `undefined` (no workspace, or unknown) reports nothing.
 */
export const evidencePathRule: Rule = {
  id: 'evidence-path',
  description: 'Evidence paths are filled, point inside the workspace and exist.',
  defaultSeverity: { draft: 'warning', final: 'error' },
  check(ctx) {
    for (const evidence of evidencePaths(ctx.model, ctx.template)) {
      const { path, span } = evidence;
      const check = checkEvidencePath(path, ctx.template.placeholders);
      switch (check.kind) {
        case 'outside':
          ctx.report({
            span,
            message: `Evidence path "${path}" ${check.reason}; expected a path inside the workspace, relative to its root (evidence/...).`,
            fixes: fillFixes(ctx, evidence),
            // Pointing outside the workspace is never acceptable, even in a draft.
            severity: 'error',
          });
          break;
        case 'unfilled':
          // The placeholder rule reports the token itself; this one is about the path. A fresh
          // draft holds every slot unfilled: a hint (with its fill fix) until the report is final.
          ctx.report({
            span,
            message: `Evidence path "${path}" still holds the template placeholder ${check.placeholder}; expected a concrete path such as ${suggestion(ctx, evidence)}.`,
            fixes: fillFixes(ctx, evidence),
            ...(ctx.mode === 'draft' ? { severity: 'hint' as const } : {}),
          });
          break;
        case 'filled': {
          if (ctx.pathExists?.(check.lookup) !== false) break;
          const what = check.file ? 'file' : 'folder';
          ctx.report({
            span,
            message: `Evidence ${what} "${check.lookup}" does not exist in the workspace${ctx.rootName === undefined ? '' : ` (root: ${ctx.rootName})`}; expected an existing ${what} (create it or correct the path).`,
            // The caller creates the file, never over an existing one; the path is inside the workspace here.
            fixes: check.file ? [fix(`Create evidence file ${check.lookup}`, [], { createFile: check.lookup })] : [],
          });
          break;
        }
      }
    }
  },
};

/** The concrete path for this evidence, or undefined when the report has no usable ID. */
function concrete(ctx: RuleContext, evidence: EvidencePath): string | undefined {
  const id = reportIncidentId(ctx.model, ctx.fileName, ctx.template);
  if (!id) return undefined;
  return evidence.directory ? evidenceFolder(id) : concreteEvidencePath(id, evidence.name, ctx.now);
}

function suggestion(ctx: RuleContext, evidence: EvidencePath): string {
  return concrete(ctx, evidence) ?? (evidence.directory ? 'evidence/<INC-ID>/' : `evidence/<INC-ID>/${evidence.name}_<YYYYMMDDTHHMMSSZ>.txt`);
}

/**
 * "Fill a concrete path", and with a workspace, the same plus creating the (empty) file,
 * so the user pastes the evidence into it. A folder is never created by a fix.
 */
function fillFixes(ctx: RuleContext, evidence: EvidencePath): Fix[] {
  const path = concrete(ctx, evidence);
  if (!path) return [];
  const edit = replace(evidence.span, path);
  const fixes = [fix(`Fill evidence path ${path}`, [edit])];
  if (!evidence.directory && ctx.pathExists && ctx.pathExists(path) !== true) {
    fixes.push(fix(`Fill evidence path ${path} and create the file`, [edit], { createFile: path, isPreferred: true }));
  }
  return fixes;
}
