import { formatCount, INPUT_LIMIT_RULE_ID, LIMITS, type LimitKind } from '../limits';
import type { Rule } from './rule';

/**
 * Parts of the document past a parser limit (src/core/limits.ts), one diagnostic each on
 * the part's first line. The engine reports the other limits under the same id: a document
 * too long to analyse, and a rule's problems past LIMITS.diagnosticsPerRule.
 */
export const inputLimitRule: Rule = {
  id: INPUT_LIMIT_RULE_ID,
  description: 'The document is within the sizes that are analysed (nesting depth, line length, table columns, lines per section, problems per rule).',
  defaultSeverity: { draft: 'warning', final: 'warning' },
  check(ctx) {
    for (const hit of ctx.model.limits ?? []) {
      const first = ctx.lines.positionAt(hit.span.start).line;
      const last = ctx.lines.positionAt(hit.span.end).line;
      const lines = first === last ? `line ${formatCount(first + 1)} was` : `lines ${formatCount(first + 1)}–${formatCount(last + 1)} were`;
      ctx.report({ span: { start: hit.span.start, end: ctx.lines.lineEnd(first) }, message: `${WHAT[hit.kind]}; ${lines} ${hit.kind === 'piece-lines' ? 'not read' : 'read as plain text'}.` });
    }
  },
};

const WHAT: Record<LimitKind, string> = {
  nesting: `Nesting deeper than ${LIMITS.nestingDepth} levels (block quotes or lists) is not analysed`,
  'inline-nesting': `Emphasis or links nested deeper than ${LIMITS.inlineNesting} levels, or more than ${formatCount(LIMITS.closingBrackets)} "]", in one paragraph are not analysed`,
  'line-length': `A line longer than ${formatCount(LIMITS.lineChars)} characters is not analysed`,
  columns: `A table row of more than ${LIMITS.columnsPerRow} columns is not analysed`,
  'piece-lines': `A section longer than ${formatCount(LIMITS.pieceLines)} lines is not analysed past that`,
};
