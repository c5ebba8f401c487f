import * as assert from 'node:assert/strict';
import { metricsTableRule } from '../../../src/core/rules/metricsTable';
import { complete, lint, lintWith, mutate, rangeOf, spanRange, type LintWithOptions } from '../helpers';

const only = (text: string, options: LintWithOptions = {}) => lintWith(text, { rules: [metricsTableRule], ...options });
const severities = (text: string) => lint(text, { rules: [metricsTableRule] }).diagnostics.map((d) => d.severity);
const draft = (text: string) => mutate(text, 'Status: Resolved', 'Status: Investigating');

const P95 = '| API P95 | 180ms | 2,340ms | 190ms |';
const EXPECTED = 'expected a number with a unit (180ms, 1.2s, 4.5%, 1,200)';
/** The fixture with the API P95 row's During cell replaced. */
const withDuring = (value: string) => mutate(complete(), P95, `| API P95 | 180ms | ${value} | 190ms |`);

describe('rule metrics-table', () => {
  it('passes the complete report in final mode (180ms, 2,340ms, 0.12%, 38.00%, 400)', () => {
    assert.deepEqual(only(complete(), { mode: 'final' }), []);
  });

  describe('accepts numbers with units', () => {
    const accepted = ['180ms', '180 ms', '1.2s', '2,340ms', '4.5%', '38.00%', '400', '1,200', '1.5 GB', '512MiB', '1200 rps', '350 req/s', '12/min', '~400', '< 1ms', '≥ 99.9%', '+12%', '-3.5%', '2.5x', '40 connections', 'n/a', 'N/A'];
    for (const value of accepted) {
      it(value, () => {
        assert.deepEqual(only(withDuring(value)), []);
      });
    }
  });

  describe('reports a cell that is not a number with a unit, on the cell text', () => {
    const rejected = ['high', 'slow', '180ms → 2s', '2 340ms', '1,23ms', 'about 2s', '1.2.3s', '12 ms ms', '.5s', 'ms', '-'];
    for (const value of rejected) {
      it(JSON.stringify(value), () => {
        const text = withDuring(value);
        const at = text.indexOf(`| API P95 | 180ms | ${value} |`) + '| API P95 | 180ms | '.length;
        assert.deepEqual(only(text), [`${spanRange(text, { start: at, end: at + value.length })} metrics-table: Metric "API P95" During is "${value}"; ${EXPECTED}.`]);
      });
    }
  });

  it('names the metric and the column of the offending cell', () => {
    const text = mutate(complete(), '| Memory Usage | 61% | 58% | 60% |', '| Memory Usage | 61% | 58% | normal |');
    assert.deepEqual(only(text), [`${rangeOf(text, 'normal')} metrics-table: Metric "Memory Usage" After is "normal"; ${EXPECTED}.`]);
  });

  it('does not check the Metric column', () => {
    assert.deepEqual(only(mutate(complete(), '| DB Connections | 400 |', '| DB connections (pgbouncer, all pods) | 400 |')), []);
  });

  it('reports an empty or missing cell on its row', () => {
    const empty = mutate(complete(), P95, '| API P95 | 180ms |  | 190ms |');
    assert.deepEqual(only(empty), [`${rangeOf(empty, '| API P95 | 180ms |  | 190ms |')} metrics-table: Metric "API P95" has no During value; ${EXPECTED}.`]);
    const short = mutate(complete(), P95, '| API P95 | 180ms |');
    // Same range: the engine keeps the rule's own order (column order).
    assert.deepEqual(only(short), [
      `${rangeOf(short, '| API P95 | 180ms |')} metrics-table: Metric "API P95" has no During value; ${EXPECTED}.`,
      `${rangeOf(short, '| API P95 | 180ms |')} metrics-table: Metric "API P95" has no After value; ${EXPECTED}.`,
    ]);
  });

  it('leaves template placeholders (XXXms, X.XX%, XX, XX%) to the placeholder rule', () => {
    let text = mutate(complete(), P95, '| API P95 | XXXms | XXXms | XXXms |');
    text = mutate(text, '| Error Rate | 0.12% | 38.00% | 0.15% |', '| Error Rate | X.XX% | X.XX% | X.XX% |');
    text = mutate(text, '| DB Connections | 400 | 40 | 400 |', '| DB Connections | XX | XX | XX |');
    text = mutate(text, '| Memory Usage | 61% | 58% | 60% |', '| Memory Usage | XX% | XX% | XX% |');
    assert.deepEqual(only(text), []);
    assert.equal(lintWith(text, { rules: ['placeholder'] }).length, 12);
  });

  it('is info while open and a warning once resolved', () => {
    const text = withDuring('high');
    assert.deepEqual(severities(text), ['warning']);
    assert.deepEqual(severities(draft(text)), ['info']);
  });

  it('uses the header of the report for column names', () => {
    const text = mutate(mutate(complete(), '| Metric | Before | During | After |', '| Metric | Baseline | Peak | Recovered |'), P95, '| API P95 | 180ms | awful | 190ms |');
    assert.deepEqual(only(text), [`${rangeOf(text, 'awful')} metrics-table: Metric "API P95" Peak is "awful"; ${EXPECTED}.`]);
  });

  it('does not throw on a missing section, a broken table, emoji or CRLF', () => {
    const start = complete().indexOf('### Key Metric Changes');
    const end = complete().indexOf('## ✅ Resolution');
    assert.deepEqual(only(complete().slice(0, start) + complete().slice(end)), []);
    for (const text of ['', '## 📈 Metrics Evidence\n\n### Key Metric Changes\n\n| Metric |\n|---|\n| 🔥 |\n| |\n', '## 📈 Metrics Evidence\n\n| Metric | Before |\n']) {
      assert.deepEqual(lint(text, { rules: [metricsTableRule] }).diagnostics.filter((d) => d.ruleId === 'internal-error'), [], JSON.stringify(text));
    }
    const crlf = withDuring('🔥 bad').replace(/\n/g, '\r\n');
    assert.deepEqual(only(crlf), [`${rangeOf(crlf, '🔥 bad')} metrics-table: Metric "API P95" During is "🔥 bad"; ${EXPECTED}.`]);
  });
});
