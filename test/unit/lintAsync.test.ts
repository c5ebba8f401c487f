import * as assert from 'node:assert/strict';
import { lint, lintAsync } from '../../src/core/engine';
import { ReportParser } from '../../src/core/model/parseReport';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { defaultTemplateModel } from '../../src/core/template/templateModel';
import { RULES } from '../../src/core/rules';
import { complete } from './helpers';

/** lintAsync pauses before each rule and before sorting the diagnostics. */
const RULE_PAUSES = RULES.length + 1;

const template = defaultTemplateModel(DEFAULT_TEMPLATE);
const env = { today: '2026-11-26', now: new Date('2026-11-26T12:00:00Z'), fileName: undefined, pathExists: undefined };

describe('lintAsync', () => {
  it('gives the same result as lint, pausing once per parsed section and between the rules', async () => {
    // Over 32 KB, so the first parse goes section by section (a shorter one is parsed in one piece).
    const long = complete().replace('## 🔧 Root Cause Analysis\n', `## 🔧 Root Cause Analysis\n\n${'The pool stayed saturated. '.repeat(1400)}\n`);
    let pauses = 0;
    const result = await lintAsync(long, { template, env }, async () => {
      pauses++;
    });
    assert.deepEqual(result, lint(long, { template, env }));
    assert.equal(pauses, 17 + RULE_PAUSES, '16 sections and the header, then the rules one by one');
    pauses = 0;
    const short = await lintAsync(complete(), { template, env }, async () => {
      pauses++;
    });
    assert.deepEqual(short, lint(complete(), { template, env }));
    assert.equal(pauses, RULE_PAUSES, 'a short report: one parse, then the rules');
  });

  it('parses only changed sections again with a shared parser, and stops when cancelled', async () => {
    const parser = new ReportParser();
    await lintAsync(complete(), { template, env, parser }, async () => {});
    let pauses = 0;
    const edited = complete().replace('2h 35m', '2h 36m');
    const again = await lintAsync(edited, { template, env, parser }, async () => {
      pauses++;
    });
    assert.equal(pauses, 1 + RULE_PAUSES, 'the Summary section, then the rules');
    assert.deepEqual(again, lint(edited, { template, env }));
    let calls = 0;
    const cancelled = await lintAsync(complete(), { template, env }, async () => {
      calls++;
    }, () => calls >= 3);
    assert.equal(cancelled, undefined);
  });
});

describe('lintAsync in a rule', () => {
  it('pauses inside a rule that walks many text runs (every RULE_STEP), with the result of lint', async () => {
    // ~10,000 text runs in one section: placeholder and blameless-language each walk them all.
    const prose = Array.from({ length: 2500 }, (_, i) => `Step ${i}: \`kubectl\` *was* run; it was their fault ${i}.`).join('\n\n');
    const text = complete().replace('## 🔧 Root Cause Analysis\n', `## 🔧 Root Cause Analysis\n\n${prose}\n`);
    let pauses = 0;
    const result = await lintAsync(text, { template, env }, async () => {
      pauses++;
    });
    const sync = lint(text, { template, env });
    assert.deepEqual(result, sync);
    assert.ok(sync.diagnostics.filter((d) => d.ruleId === 'blameless-language').length >= 2500, 'the runs hold problems, found the same either way');
    assert.ok(pauses >= 17 + RULE_PAUSES + 4, `two rules pause at least twice each inside (${pauses} pauses)`);
  });
});
