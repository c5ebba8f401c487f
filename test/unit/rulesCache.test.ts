/**
 * The rules share data derived from one model (timeline milestones, timed rows) through
 * the per-lint memo of their context, and a few helpers take fast paths (ASCII `wordsKey`,
 * one scan for placeholders, a word test before the blame pattern). None of that may
 * change a result: the same model linted twice, a document linted again after edits with
 * its parser, and a fresh lint all give the same diagnostics; a memoised value is never
 * handed to another lint; the fast paths agree with the plain definitions.
 */
import { prng } from '../../scripts/bench/generate';
import assert from 'node:assert/strict';
import { lint as engineLint, modeOf } from '../../src/core/engine';
import { matchMilestones, readTimelineMilestones, timelineMilestones } from '../../src/core/milestones';
import { parseReport, ReportParser } from '../../src/core/model/parseReport';
import type { ReportModel } from '../../src/core/model/types';
import { RULES, RULE_IDS } from '../../src/core/rules';
import { LintMemo } from '../../src/core/rules/cache';
import type { RuleContext } from '../../src/core/rules/rule';
import { readTimedRows, timedRows } from '../../src/core/rules/timeline';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { derivePlaceholders, findPlaceholders, temporalKind, type PlaceholderMatch, type PlaceholderSet } from '../../src/core/template/placeholders';
import { buildTemplateModel, defaultTemplateModel, type TemplateModel } from '../../src/core/template/templateModel';
import { LineIndex } from '../../src/core/text/lineIndex';
import { readSuppressions } from '../../src/core/suppressions';
import { wordsKey } from '../../src/core/text/normalize';
import type { Diagnostic } from '../../src/core/types';
import { FIXTURE_FILE_NAME, NOW, TODAY, complete, fixturePathExists, lintWith, mutate, snapshot } from './helpers';

const template = defaultTemplateModel(DEFAULT_TEMPLATE);
const env = { now: NOW, today: TODAY, fileName: FIXTURE_FILE_NAME, pathExists: fixturePathExists };

/** Everything a diagnostic says, fixes included, one string per diagnostic. */
function full(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${snapshot(d)} [${d.severity}] ${JSON.stringify(d.fixes)}`);
}

function freshLint(text: string, mode: 'auto' | 'draft' | 'final' = 'auto', tpl: TemplateModel = template): string[] {
  return full(engineLint(text, { template: tpl, env, mode }).diagnostics);
}

/** Runs every rule over an already parsed model, the way the engine does (one memo for the run; severity left out). */
function runRules(model: ReportModel, tpl: TemplateModel = template): string[] {
  const lines = new LineIndex(model.text);
  const found: Diagnostic[] = [];
  const memo = new LintMemo();
  const suppressions = readSuppressions(model, RULE_IDS, lines);
  for (const rule of RULES) {
    const context: RuleContext = {
      ...env,
      model,
      template: tpl,
      mode: modeOf(model),
      lines,
      previous: found,
      memo,
      suppressions,
      report: (p) => found.push({ ruleId: rule.id, severity: rule.defaultSeverity[modeOf(model)], message: p.message, span: p.span, range: lines.rangeOf(p.span), docsUrl: '', fixes: p.fixes ?? [] }),
    };
    rule.check(context);
  }
  return found.map((d) => `${snapshot(d)} ${JSON.stringify(d.fixes)}`);
}

/** A report that breaks the rules that share derived data: milestones, duration, sign-off, evidence, placeholders, blame. */
function broken(): string {
  let text = complete();
  text = mutate(text, '**Duration:**\n2h 35m', '**Duration:**\n3h');
  text = mutate(text, 'evidence/INC-20261020-001/rollback_20261020T153100Z.txt', 'evidence/INC-20261020-001/missing.txt');
  text = mutate(text, '**Incident Closed By:** Priya Raman', '**Incident Closed By:** [Name]');
  return `${text}\nThe careless deploy was human error.\n`;
}

describe('rule caches and fast paths: results never change', () => {
  it('the documents used below really break the rules that share cached data', () => {
    const ids = new Set(lintWith(broken()).map((s) => s.split(' ')[1]!.replace(/:$/, '')));
    for (const id of ['duration', 'evidence-path', 'sign-off', 'placeholder', 'blameless-language']) assert.ok(ids.has(id), `${id} in ${[...ids].join(', ')}`);
    assert.deepEqual(lintWith(complete(), { fileName: FIXTURE_FILE_NAME }), []);
  });

  it('linting the same model twice gives the same diagnostics as a fresh lint', () => {
    for (const text of [complete(), broken()]) {
      const model = parseReport(text);
      const first = runRules(model);
      assert.deepEqual(runRules(model), first);
      const fresh = engineLint(text, { template, env }).diagnostics.map((d) => `${snapshot(d)} ${JSON.stringify(d.fixes)}`);
      // The engine sorts by position (stably); the rules report in rule order.
      assert.deepEqual([...first].sort(), [...fresh].sort());
      assert.ok(first.length > 0 || text === complete());
    }
  });

  it('a document edited step by step lints with its parser exactly as a fresh lint, in every mode', () => {
    const parser = new ReportParser();
    // Each edit changes what a cached value says; `rules` are the ones that must report after it (final mode).
    const edits: { from: string; to: string; rules: string[] }[] = [
      { from: 'A configuration change', to: 'A configurationx change', rules: ['duration', 'evidence-path', 'sign-off', 'placeholder', 'blameless-language'] },
      { from: '| Incident resolved', to: '| Incident not resolved', rules: ['timeline-milestones', 'evidence-path', 'sign-off', 'placeholder', 'blameless-language'] },
      { from: '**Duration:**\n3h', to: '**Duration:**\n2h 35m', rules: ['timeline-milestones', 'evidence-path', 'sign-off', 'placeholder', 'blameless-language'] },
      { from: '| Incident not resolved', to: '| Incident resolved', rules: ['evidence-path', 'sign-off', 'placeholder', 'blameless-language'] },
      { from: 'evidence/INC-20261020-001/missing.txt', to: 'evidence/INC-20261020-001/rollback_20261020T153100Z.txt', rules: ['sign-off', 'placeholder', 'blameless-language'] },
      { from: '**Incident Closed By:** [Name]', to: '**Incident Closed By:** Priya Raman', rules: ['blameless-language'] },
      { from: 'The careless deploy was human error.', to: 'The deploy had no canary.', rules: [] },
    ];
    let text = broken();
    const steps: { text: string; rules: string[] }[] = [{ text, rules: ['duration', 'evidence-path', 'sign-off', 'placeholder', 'blameless-language'] }];
    for (const { from, to, rules } of edits) {
      text = mutate(text, from, to);
      steps.push({ text, rules });
    }
    for (const step of [...steps, ...[...steps].reverse()]) {
      for (const mode of ['auto', 'draft', 'final'] as const) {
        const incremental = full(engineLint(step.text, { template, env, mode, parser }).diagnostics);
        assert.deepEqual(incremental, freshLint(step.text, mode));
        // And once more on the same text: nothing left over from the previous lint.
        assert.deepEqual(full(engineLint(step.text, { template, env, mode, parser }).diagnostics), incremental);
        if (mode !== 'final') continue;
        // A value cached for another version of the text would show here.
        const ids = [...new Set(incremental.map((d) => d.split(' ')[1]!.replace(/:$/, '')))].sort();
        assert.deepEqual(ids, [...step.rules].sort());
      }
    }
  });

  it('a memo computes each shared value once, and a new lint (a new memo) computes it again', () => {
    const resolved = parseReport(complete());
    const open = parseReport(mutate(complete(), '| Incident resolved', '| Still looking'));
    const lintOf = (model: ReportModel) => ({ model, template, memo: new LintMemo() });
    const first = lintOf(resolved);
    const a = timelineMilestones(first)!;
    assert.ok(a.found.has('resolved'));
    // Asked again within one lint: the same value (computed once), built on the same timed rows.
    assert.equal(timelineMilestones(first), a);
    assert.equal(timedRows(first), timedRows(first));
    assert.equal(a.entries[0]!.time, timedRows(first)[0]!.time);
    // Another lint of the same model: computed afresh, equal to the plain computation.
    const second = lintOf(resolved);
    assert.notEqual(timelineMilestones(second), a);
    assert.notEqual(timedRows(second), timedRows(first));
    assert.deepStrictEqual(timelineMilestones(second), readTimelineMilestones(resolved, template));
    assert.deepStrictEqual(timedRows(second), readTimedRows(resolved, template));
    // Another model: its own values.
    assert.ok(!timelineMilestones(lintOf(open))!.found.has('resolved'));
  });

  it('a memo does not keep a value whose computation threw: the next rule tries again', () => {
    const memo = new LintMemo();
    const key = { name: 'flaky' };
    let calls = 0;
    assert.throws(() => memo.get(key, () => {
      calls++;
      throw new Error('broken');
    }));
    assert.equal(memo.get(key, () => ++calls), 2);
    assert.equal(memo.get(key, () => ++calls), 2);
  });

  it('gives one model different values under different templates', () => {
    // Columns are read by role from the report's header (columnRoles.ts), so a template differs by
    // its configured column names: here "Actor" names the event, and the event column is read from it.
    const custom = buildTemplateModel(DEFAULT_TEMPLATE, { columns: { timeline: { event: 'Actor' } } });
    assert.notDeepEqual(custom.columnNames, template.columnNames);
    const model = parseReport(complete());
    const byDefault = readTimelineMilestones(model, template)!;
    const byCustom = readTimelineMilestones(model, custom)!;
    assert.notEqual(byDefault, byCustom);
    assert.ok(byDefault.found.has('resolved'));
    // The custom template reads the Actor column as the event: no milestone there.
    assert.equal(byCustom.found.size, 0);
    assert.deepEqual(runRules(model, custom), freshLintRules(complete(), custom));
  });

  it('ASCII wordsKey (the fast path) equals the Unicode definition', () => {
    const reference = (text: string): string =>
      text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const samples = ['', ' ', 'Timeline (UTC)', '## 📊 Timeline (UTC)', '  Incident   ID:  ', 'A_B-c.d', 'x\t\ny', 'ABC xyz 019', '~!@#$%^&*()', 'Résumé', 'İstanbul', 'ﬁle', 'Ⅻ', 'K', 'tab\u000bvt', '\u007f'];
    const random = prng(42);
    const chars = 'aZ09 _-.,:;!?[]()|`*\'"\t\n\r\u007f\u0080\u00e9\u0301\u00df\u0130\u212a\u00aa\u00b2\u2160\ud83d\ude00';
    for (let i = 0; i < 3000; i++) samples.push(Array.from({ length: Math.floor(random() * 16) }, () => chars[Math.floor(random() * chars.length)]).join(''));
    for (const s of samples) assert.equal(wordsKey(s), reference(s), JSON.stringify(s));
  });

  it('findPlaceholders (one scan over bracket groups) equals the token-by-token search', () => {
    const sets: PlaceholderSet[] = [template.placeholders, derivePlaceholders(['[a] [bb] [a b] HH:MM ____ XX.X% X.XXs']), { tokens: ['[a', 'b]', '[x]'], shapes: ['x-figure', 'underscores', 'time'] }];
    const pieces = [...template.placeholders.tokens.slice(0, 10), '[a]', '[bb]', '[a b]', '[x]', 'HH:MM', 'XX', 'X.X', 'XXms', '___', '[', ']', '(', '[]', 'a', ' ', ':', '.', 'X', '_', '\n', 'H', '[a](u)', '[a][r]'];
    const random = prng(7);
    const texts = ['', '[Name] at HH:MM', '[link](url) [Name][ref] [Name]', '[[Name]]', '____ [Name] XXX.XX% 12:00'];
    for (let i = 0; i < 4000; i++) texts.push(Array.from({ length: Math.floor(random() * 9) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
    for (const set of sets) for (const text of texts) assert.deepEqual(findPlaceholders(text, set), referencePlaceholders(text, set), `${JSON.stringify(text)} with ${JSON.stringify(set.tokens.slice(0, 4))}`);
  });

  it('matchMilestones (compiled patterns, one test for all) keeps its negations (an alert marks detection on any row since #13)', () => {
    const cases: [string, string][] = [
      ['Incident resolved', 'resolved'],
      ['Not resolved by restart', ''],
      ['Resolved; not resolved before', 'resolved'],
      ['DNS resolved to 10.0.0.1', ''],
      ['Alert fired on the replica', 'detected'],
      ['Rollback done, service restored', 'mitigation-started,service-restored'],
      ['partially restored', ''],
      ["Service isn't restored", ''],
      ['Détecté: incident declared', 'detected'],
    ];
    for (const [event, expected] of cases) assert.equal(matchMilestones(event).join(','), expected, event);
  });

  it('blameless-language still finds every phrase, whatever its case (the word test agrees with the pattern)', () => {
    const phrases = ['Careless', 'carelessly', 'negligence', 'INCOMPETENT', "should've known", 'should have known', 'should have \u212Anown', 'blamed', 'fault of', 'at fault', 'somebody’s fault', 'human error', 'Stupid mistake', 'screwed up'];
    const text = `${complete()}\n${phrases.map((p) => `It was ${p} here.`).join('\n\n')}\n`;
    const found = lintWith(text, { rules: ['blameless-language'] }).map((s) => /"([^"]+)" is blame/.exec(s)?.[1]);
    assert.deepEqual(found, phrases);
  });
});

function freshLintRules(text: string, tpl: TemplateModel): string[] {
  return runRules(parseReport(text), tpl);
}

/** findPlaceholders as first written: each token searched in turn (longest first), then the shapes. */
function referencePlaceholders(text: string, set: PlaceholderSet): PlaceholderMatch[] {
  const shapes: Record<string, RegExp> = {
    time: /(?<![\w:])HH:MM(?![\w:])/g,
    underscores: /_{3,}/g,
    'x-figure': /(?<![\w.])(?:X{2,}(?:\.X+)?|X\.X+)(?:ms|s|%)?(?![\w.])/g,
  };
  const found: PlaceholderMatch[] = [];
  const taken: [number, number][] = [];
  const add = (match: string, index: number): void => {
    if (taken.some(([s, e]) => index < e && index + match.length > s)) return;
    taken.push([index, index + match.length]);
    found.push({ text: match, index, temporal: temporalKind(match) });
  };
  if (text.includes('[')) {
    for (const token of set.tokens) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(token, from);
        if (at < 0) break;
        const after = text[at + token.length];
        if (after !== '(' && after !== '[') add(token, at);
        from = at + token.length;
      }
    }
  }
  for (const shape of set.shapes) for (const match of text.matchAll(shapes[shape]!)) add(match[0], match.index);
  return found.sort((a, b) => a.index - b.index);
}
