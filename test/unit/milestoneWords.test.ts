import * as assert from 'node:assert/strict';
import { formatSummary } from '../../src/cli/templateCommand';
import { validateConfig } from '../../src/core/config';
import { createIncidentCore, RULE_IDS, summarizeTemplate } from '../../src/core/index';
import { milestoneWords } from '../../src/core/milestones';
import { complete, mutate, NOW, rangeOf, snapshot } from './helpers';

/** Milestone words from the template's rows and the config (#13), through the core as the CLI and the editor build it. */
const TEMPLATE = `# Post-mortem

**Date:** YYYY-MM-DD

## Timeline

| When | What happened | Who |
|---|---|---|
| HH:MM | Incident declared | [Name] |
| HH:MM | Fix deployed | [Name] |
| HH:MM | Customer impact ended | [Name] |
| HH:MM | Incident resolved | [Name] |
`;
const report = (rows: string) => `# Post-mortem\n\n**Date:** 2026-10-20\n\n## Timeline\n\n| When | What happened | Who |\n|---|---|---|\n${rows}\n`;
const milestoneDiagnostics = (core: ReturnType<typeof createIncidentCore>, text: string, mode: 'draft' | 'final' = 'final') =>
  core.lint(text, { mode, now: NOW }).diagnostics.filter((d) => d.ruleId === 'timeline-milestones').map(snapshot);

describe('milestone words: the template\'s rows and the config', () => {
  it('the template\'s rows give their wording to the milestones they mark, and messages name its columns', () => {
    const core = createIncidentCore({ templateText: TEMPLATE });
    const words = milestoneWords(core.template);
    assert.deepEqual(words.map((m) => [m.id, m.name, m.fromTemplate.join(', ')]), [
      ['detected', 'Incident declared', 'incident declared'],
      ['mitigation-started', 'Mitigation started', ''],
      ['service-restored', 'Customer impact ended', 'customer impact ended'],
      ['resolved', 'Incident resolved', 'incident resolved'],
    ]);
    const text = report('| 09:00 | Checkout errors rising | Grafana |\n| 10:00 | Incident resolved | Ana |');
    assert.deepEqual(milestoneDiagnostics(core, text, 'draft'), [`${rangeOf(text, '| When | What happened | Who |')} timeline-milestones: Timeline has no "Incident declared" row; expected a row whose What happened says so (e.g. "Incident declared" or "Alert fired").`]);
    const fix = core.lint(text, { mode: 'draft', now: NOW }).diagnostics.find((d) => d.ruleId === 'timeline-milestones')!.fixes[0]!;
    assert.equal(fix.title, 'Add row "Incident declared" stamped now (2026-11-26 12:00 UTC)');
    assert.match(fix.edits[0]!.newText, /\| 2026-11-26 12:00 \| Incident declared \| On-call \|$/);
  });

  it('config words mark milestones; without them the same report breaks', () => {
    const text = report(['| 09:00 | War room opened | Ana |', '| 09:20 | Traffic drained from eu-west | Ben |', '| 09:40 | Error rate nominal | Ben |', '| 10:00 | Customer impact over | Ana |'].join('\n'));
    const plain = createIncidentCore({ templateText: TEMPLATE });
    assert.equal(milestoneDiagnostics(plain, text).length, 4);
    const config = { milestones: { detected: ['war room opened'], 'mitigation-started': ['traffic drained'], 'service-restored': ['error rate nominal'], resolved: ['customer impact over'] } };
    const configured = createIncidentCore({ templateText: TEMPLATE, config });
    assert.deepEqual(milestoneDiagnostics(configured, text), []);
    // `#` is a number in a configured phrase too.
    const numbered = createIncidentCore({ templateText: TEMPLATE, config: { milestones: { resolved: ['p# closed'] } } });
    assert.deepEqual(milestoneDiagnostics(numbered, report('| 09:00 | Incident declared | Ana |\n| 10:00 | P2 closed | Ana |'), 'draft'), []);
    assert.equal(milestoneDiagnostics(numbered, report('| 09:00 | Incident declared | Ana |\n| 10:00 | PR closed | Ana |'), 'draft').length, 1);
  });

  it('the shipped template: real phrases pass final, a timeline without them fails', () => {
    const core = createIncidentCore();
    let text = mutate(complete(), 'Incident detected: checkout error rate alert fired', 'Checkout error rate alert fired');
    text = mutate(text, '| 14:05 | On-call notified |', '| 14:05 | IC declares incident |');
    text = mutate(text, 'Mitigation started: rollback to 2026.10.20-2', 'Rolled back to 2026.10.20-2');
    text = mutate(text, 'Service restored: error rate back under 0.5%', 'Error rate back to baseline');
    text = mutate(text, 'Incident resolved after 30 minutes of clean metrics', 'SEV-1 ended, all clear');
    assert.deepEqual(milestoneDiagnostics(core, text), []);
    const broken = mutate(text, 'SEV-1 ended, all clear', 'SEV-1 still open');
    assert.deepEqual(milestoneDiagnostics(core, broken).map((d) => d.replace(/^\S+ /, '')), ['timeline-milestones: Timeline has no "Incident resolved" row; expected a row whose Event says so (e.g. "Incident resolved" or "All clear").']);
  });

  it('the config is validated: milestone names, lists of phrases with words', () => {
    const ids = [...RULE_IDS];
    assert.deepEqual(validateConfig({ milestones: { detected: ['paged twice'], resolved: [] } }, ids), { ok: true, config: { milestones: { detected: ['paged twice'], resolved: [] } } });
    assert.deepEqual(validateConfig({ milestones: { fixed: ['x'] } }, ids), { ok: false, errors: ['config: "milestones" has unknown key "fixed"; allowed: detected, mitigation-started, service-restored, resolved'] });
    const notList = validateConfig({ milestones: { detected: 'alert' } }, ids);
    assert.ok(!notList.ok && /"milestones\.detected" must be/.test(notList.errors[0]!), JSON.stringify(notList));
    const noWords = validateConfig({ milestones: { detected: ['!!'] } }, ids);
    assert.ok(!noWords.ok && /"milestones\.detected\.0" must be a list of phrases/.test(noWords.errors[0]!), JSON.stringify(noWords));
  });

  it('template check lists the words, and where they came from', () => {
    const summary = summarizeTemplate(createIncidentCore({ templateText: TEMPLATE, config: { milestones: { detected: ['war room opened'] } } }).template);
    assert.deepEqual(summary.milestoneWords[0], { milestone: 'Incident declared', id: 'detected', builtIn: milestoneWords(createIncidentCore().template)[0]!.builtIn, fromConfig: ['war room opened'], fromTemplate: ['incident declared'] });
    const lines = formatSummary('template.md', summary, true).split('\n');
    const at = lines.findIndex((l) => l.startsWith('Milestone words'));
    assert.ok(at >= 0);
    assert.match(lines[at + 1]!, /^ {2}Incident declared \(detected\): from the template: incident declared; from config: war room opened; built in: detected, detection, /);
    assert.match(lines[at + 2]!, /^ {2}Mitigation started \(mitigation-started\): built in: mitigation, /);
  });
});
