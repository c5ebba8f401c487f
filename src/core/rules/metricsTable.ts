import { findPlaceholders } from '../template/placeholders';
import { findTable } from './query';
import type { Rule } from './rule';

/**
 * A figure: an optional comparator (`~`, `<`, `≥`) or sign, a number (thousands may be
 * grouped with commas: `2,340`), then at most one unit: `%`, or one word, optionally a
 * rate (`ms`, `s`, `GB`, `rps`, `req/s`, `/min`, `connections`). A bare number is a count.
 * Any unit word is accepted on purpose: the rule catches prose (`high`, `slow`) and cells
 * holding two values (`180ms → 2s`), not a team's choice of unit.
 */
const FIGURE = /^(?:[~≈<>≤≥]=?\s*)?[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:%|[\p{L}µ]+(?:\/\p{L}+)?|\/\p{L}+))?$/u;
const NOT_MEASURED = /^n\/a$/i;

export const metricsTableRule: Rule = {
  id: 'metrics-table',
  description: 'Key Metric Changes cells are numbers with units (180ms, 1.2s, 4.5%, 1,200).',
  defaultSeverity: { draft: 'info', final: 'warning' },
  check(ctx) {
    const expected = ctx.template.metrics;
    const table = findTable(ctx.model, expected)?.table;
    if (!expected || !table) return; // missing-section / empty-field cover an absent table.
    const metricIndex = Math.max(0, expected.columnKeys.indexOf('metric'));
    const columns = table.columns.length > 0 ? table.columns : expected.columns;
    const expectation = 'expected a number with a unit (180ms, 1.2s, 4.5%, 1,200)';
    table.rows.forEach((row, rowIndex) => {
      const metric = row.cells[metricIndex]?.text || `row ${rowIndex + 1}`;
      for (let index = 0; index < Math.max(columns.length, row.cells.length); index++) {
        if (index === metricIndex) continue;
        const cell = row.cells[index];
        const column = columns[index] ?? `column ${index + 1}`;
        // An empty or missing cell has no visible span of its own: the row carries it.
        if (!cell || cell.text === '') {
          ctx.report({ span: row.span, message: `Metric "${metric}" has no ${column} value; ${expectation}.` });
          continue;
        }
        // Template placeholders (`XXXms`, `X.XX%`, `XX`) are the placeholder rule's.
        if (findPlaceholders(cell.text, ctx.template.placeholders).length > 0) continue;
        if (FIGURE.test(cell.text) || NOT_MEASURED.test(cell.text)) continue;
        ctx.report({ span: cell.span, message: `Metric "${metric}" ${column} is "${cell.text}"; ${expectation}.` });
      }
    });
  },
};
