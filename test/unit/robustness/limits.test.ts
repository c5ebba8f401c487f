/**
 * Issue #17, "never hang": the hostile inputs of its findings, each with its exact repro.
 * Each is read within the limits of src/core/limits.ts: one input-limit diagnostic at the
 * part past a limit, no internal-error, and the other rules still run. Nothing here is
 * timed; each input would take seconds to minutes (or gigabytes) if the limit did not hold,
 * and takes well under a second or two now.
 */
import * as assert from 'node:assert/strict';
import type { Nodes, Root } from 'mdast';
import { createIncidentCore, parseConfigText, RULE_IDS, validateConfig, type Diagnostic } from '../../../src/core';
import { lint } from '../../../src/core/engine';
import { LIMITS } from '../../../src/core/limits';
import { extractChunk } from '../../../src/core/model/extract';
import type { Rule } from '../../../src/core/rules/rule';
import { defaultTemplateModel } from '../../../src/core/template/templateModel';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { NOW, TODAY } from '../../fuzz/harness';

const core = createIncidentCore();
const fresh = core.newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [] }).text;
const env = { now: NOW, today: TODAY };

/** `line:col-line:col message` (1-based) of the input-limit diagnostics; fails on an internal-error. */
function limits(diagnostics: readonly Diagnostic[]): string[] {
  const internal = diagnostics.filter((d) => d.ruleId === 'internal-error');
  assert.deepEqual(internal.map((d) => d.message), []);
  return diagnostics.filter((d) => d.ruleId === 'input-limit').map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`);
}

/** The fresh report with `extra` at its end: [text, the 1-based line `extra` starts on, its length]. */
function appended(extra: string): [string, number, number] {
  return [`${fresh}\n${extra}\n`, `${fresh}\n`.split('\n').length, extra.length];
}

/** The fresh report's own diagnostics, by rule (what must still be there around a hostile part). */
const freshRules = new Set(core.lint(fresh, env).diagnostics.map((d) => d.ruleId));
function otherRulesRan(diagnostics: readonly Diagnostic[]): void {
  const rules = new Set(diagnostics.map((d) => d.ruleId));
  for (const rule of freshRules) assert.ok(rules.has(rule), `rule ${rule} reported nothing`);
}

describe('robustness: linear bounds (issue #17)', function () {
  this.timeout(60_000);

  it('40 KB of "> " (20,000 nested quotes on one line) is one input-limit diagnostic on that line', () => {
    const [text, line, length] = appended(`${'> '.repeat(20_000)}`.trimEnd());
    const { diagnostics } = core.lint(text, env);
    assert.deepEqual(limits(diagnostics), [`${line}:1-${line}:${length + 1} Nesting deeper than 100 levels (block quotes or lists) is not analysed; line ${line} was read as plain text.`]);
    otherRulesRan(diagnostics);
  });

  it('20,000 nested list markers, and nested quotes over several lines, are read as plain text', () => {
    const [text, line] = appended(`${'- '.repeat(20_000)}x`);
    assert.deepEqual(limits(core.lint(text, env).diagnostics).map((l) => l.replace(/^\S+ /, '')), [`Nesting deeper than 100 levels (block quotes or lists) is not analysed; line ${line} was read as plain text.`]);
    // Three lines past the limit in a row are one part, with one diagnostic on its first line.
    const deep = `${'> '.repeat(150)}x`;
    const [three, first] = appended(`${deep}\n${deep}\n${deep}`);
    assert.deepEqual(limits(core.lint(three, env).diagnostics), [`${first}:1-${first}:${deep.length + 1} Nesting deeper than 100 levels (block quotes or lists) is not analysed; lines ${first}–${first + 2} were read as plain text.`]);
    // 100 levels are read as written.
    const [within] = appended(`${'> '.repeat(100)}x`);
    assert.deepEqual(limits(core.lint(within, env).diagnostics), []);
  });

  it('~7,000 nested "*" (which overflowed the stack: every rule skipped) and 8,000 nested links are read as plain text', () => {
    const [stars, line] = appended(`${'*'.repeat(7000)}x${'*'.repeat(7000)}`);
    const message = `Emphasis or links nested deeper than 100 levels, or more than 1,000 "]", in one paragraph are not analysed; line ${line} was read as plain text.`;
    const result = core.lint(stars, env);
    assert.deepEqual(limits(result.diagnostics), [`${line}:1-${line}:14002 ${message}`]);
    otherRulesRan(result.diagnostics);
    const [links] = appended(`${'['.repeat(8000)}x${'](u)'.repeat(8000)}`);
    assert.deepEqual(limits(core.lint(links, env).diagnostics).map((l) => l.replace(/^\S+ /, '')), [message]);
    // Nested over 2,000 lines of one paragraph: the whole paragraph.
    const [spread, from] = appended(`${'*a\n'.repeat(2000)}x${'\na*'.repeat(2000)}`);
    assert.deepEqual(limits(core.lint(spread, env).diagnostics).map((l) => l.replace(/^\S+ /, '')), [message.replace(`line ${line} was`, `lines ${from}–${(from + 4000).toLocaleString('en-US')} were`)]);
  });

  it('the model reads a strong label nested 10,000 deep without recursion', () => {
    // The parser no longer builds such a tree (the limit above); the model's own walk must still not overflow.
    const source = `${'**'.repeat(10_000)}Label:${'**'.repeat(10_000)} value`;
    let node: Nodes = { type: 'text', value: 'Label:', position: { start: { line: 1, column: 1, offset: 20_000 }, end: { line: 1, column: 1, offset: 20_006 } } };
    for (let depth = 10_000; depth > 0; depth--) {
      const at = (depth - 1) * 2;
      node = { type: 'strong', children: [node as never], position: { start: { line: 1, column: 1, offset: at }, end: { line: 1, column: 1, offset: source.length - 6 - at } } };
    }
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [node as never, { type: 'text', value: ' value', position: { start: { line: 1, column: 1, offset: source.length - 6 }, end: { line: 1, column: 1, offset: source.length } } }], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: source.length } } }] };
    const model = extractChunk(tree, source, 0);
    assert.deepEqual(model.preamble.content.fields.map((f) => [f.label, f.value]), [['Label', 'value']]);
  });

  it('1 MB of "|" in a timeline row, and a 1.2 MB row of 100,000 columns, are one diagnostic each; the timeline is still checked', () => {
    for (const row of ['|'.repeat(1024 * 1024), `${'| a '.repeat(100_000)}|`.slice(0, 1_200_000)]) {
      const at = fresh.indexOf('\n', fresh.indexOf('| 12:00 |')) + 1;
      const text = `${fresh.slice(0, at)}${row}\n${fresh.slice(at)}`;
      const line = fresh.slice(0, at).split('\n').length;
      const { diagnostics } = core.lint(text, env);
      const what = row.length > LIMITS.lineChars ? 'A line longer than 262,144 characters' : 'A table row of more than 200 columns';
      assert.deepEqual(limits(diagnostics), [`${line}:1-${line}:${row.length + 1} ${what} is not analysed; line ${line} was read as plain text.`]);
      assert.ok(diagnostics.some((d) => d.ruleId === 'timeline-milestones'), 'the timeline rules still ran');
    }
    // Under the line limit, a row of 300 columns.
    const at = fresh.indexOf('\n', fresh.indexOf('| 12:00 |')) + 1;
    const wide = `${'| a '.repeat(300)}|`;
    const line = fresh.slice(0, at).split('\n').length;
    const text = `${fresh.slice(0, at)}${wide}\n${fresh.slice(at)}`;
    assert.deepEqual(limits(core.lint(text, env).diagnostics), [`${line}:1-${line}:${wide.length + 1} A table row of more than 200 columns is not analysed; line ${line} was read as plain text.`]);
  });

  it('a 10 MB line "a a a …" is refused as a document over 8 MB, and a 1.2 MB one is read as plain text (lines over 256 KB are)', () => {
    const huge = `${fresh}\n${'a '.repeat(5 * 1024 * 1024)}\n`;
    const refused = core.lint(huge, env);
    assert.deepEqual(limits(refused.diagnostics), [`1:1-1:4 This document is ${huge.length.toLocaleString('en-US')} characters; documents over 8,388,608 (8 MB) are not analysed.`]);
    assert.equal(refused.diagnostics.length, 1);
    assert.deepEqual(core.fixAll(huge, env).edit, undefined);
    const [text, line, length] = appended('a '.repeat(600_000).trimEnd());
    assert.deepEqual(limits(core.lint(text, env).diagnostics), [`${line}:1-${line}:${length + 1} A line longer than 262,144 characters is not analysed; line ${line} was read as plain text.`]);
  });

  it('5 MB of blank lines (V8 "heap out of memory" before) reads the first 100,000 lines of the section', () => {
    const text = `${fresh}${'\n'.repeat(5 * 1024 * 1024)}`;
    const { diagnostics } = core.lint(text, env);
    const sectionLine = fresh.slice(0, fresh.lastIndexOf('\n## ')).split('\n').length + 1;
    const last = text.split('\n').length;
    const cut = sectionLine + LIMITS.pieceLines;
    assert.deepEqual(limits(diagnostics), [`${cut}:1-${cut}:1 A section longer than 100,000 lines is not analysed past that; lines ${cut.toLocaleString('en-US')}–${last.toLocaleString('en-US')} were not read.`]);
    otherRulesRan(diagnostics);
  });

  it('40,000 "[Name]" placeholders: the first 1,000 listed, one diagnostic counts the rest', () => {
    // In one paragraph of 4,000 lines: past the parser's limit of 1,000 "]" too, so read as plain text, where the rule still finds them.
    const [text, line] = appended(Array.from({ length: 4000 }, () => '[Name] '.repeat(10).trimEnd()).join('\n'));
    const { diagnostics } = core.lint(text, env);
    const placeholders = diagnostics.filter((d) => d.ruleId === 'placeholder');
    assert.equal(placeholders.length, 1000);
    const total = core.lint(fresh, env).diagnostics.filter((d) => d.ruleId === 'placeholder').length + 40_000;
    assert.deepEqual(limits(diagnostics).map((l) => l.replace(/^\S+ /, '')), [
      `Emphasis or links nested deeper than 100 levels, or more than 1,000 "]", in one paragraph are not analysed; lines ${line}–${(line + 3999).toLocaleString('en-US')} were read as plain text.`,
      `Rule placeholder found ${total.toLocaleString('en-US')} problems; the first 1,000 are listed, ${(total - 1000).toLocaleString('en-US')} more are not (the first of those is here).`,
    ]);
  });

  it('40,000 evidence paths that do not exist: 1,000 listed, one diagnostic counts the rest', () => {
    const paths = Array.from({ length: 4000 }, (_, l) => Array.from({ length: 10 }, (_, i) => `evidence/f${l}_${i}.txt`).join(' ')).join('\n');
    const { diagnostics } = core.lint(`${fresh}\n${paths}\n`, { ...env, pathExists: () => false });
    assert.equal(diagnostics.filter((d) => d.ruleId === 'evidence-path').length, 1000);
    assert.equal(limits(diagnostics).filter((l) => l.includes('Rule evidence-path found 40,0')).length, 1);
  });

  it('a rule reporting 130,000 problems (which overflowed push(...found)) keeps 1,000 and counts the rest', () => {
    const noisy: Rule = { id: 'noisy', description: 'reports every character', defaultSeverity: { draft: 'info', final: 'info' }, check: (ctx) => { for (let i = 0; i < 130_000; i++) ctx.report({ span: { start: i, end: i + 1 }, message: 'x' }); } };
    const text = 'x'.repeat(130_000);
    const result = lint(text, { template: defaultTemplateModel(DEFAULT_TEMPLATE), env: { ...env, fileName: undefined, pathExists: undefined }, rules: [noisy] });
    assert.equal(result.diagnostics.filter((d) => d.ruleId === 'noisy').length, 1000);
    assert.deepEqual(limits(result.diagnostics), ['1:1001-1:1002 Rule noisy found 130,000 problems; the first 1,000 are listed, 129,000 more are not (the first of those is here).']);
  });

  it('Fix All sorts 10,000 rows out of order (quadratic before: 33 s)', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const stamp = (m: number) => {
      const d = new Date(Date.UTC(2026, 10, 20) + m * 60_000);
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    };
    const rows = Array.from({ length: 10_000 }, (_, i) => `| ${stamp(10_000 - i)} | event ${i} | bot |\n`).join('');
    const at = fresh.indexOf('\n', fresh.indexOf('| 12:00 |')) + 1;
    const text = fresh.slice(0, at) + rows + fresh.slice(at);
    const fixed = core.fixAll(text, env).text;
    const times = fixed.split('\n').filter((l) => /^\| \d{4}-/.test(l)).map((l) => l.slice(2, 18));
    assert.equal(times.length, 10_000);
    assert.deepEqual(times.slice(0, 2), [stamp(1), stamp(2)]);
    assert.equal(times[9999], stamp(10_000));
    assert.ok(times.every((t, i) => i === 0 || times[i - 1]! <= t));
  });

  it('a YAML config of 20,000 keys: 20 errors and one line counting the rest', () => {
    const yaml = `rules:\n${Array.from({ length: 20_000 }, (_, i) => `  r${i}: "off"\n`).join('')}`;
    const parsed = parseConfigText(yaml, '.incident-report.yaml');
    assert.ok(parsed.ok);
    const result = validateConfig(parsed.data, RULE_IDS, '.incident-report.yaml');
    assert.ok(!result.ok);
    assert.equal(result.errors.length, 21);
    assert.match(result.errors[0]!, /^\.incident-report\.yaml: "rules\.r0" is not a rule; /);
    assert.equal(result.errors[20], '.incident-report.yaml: and 19,980 more keys under "rules" that are not rules');
    // Duplicate keys are still found, at the second one, among 20,000.
    const duplicated = parseConfigText(`${yaml}  r5: "off"\n`, '.incident-report.yaml');
    assert.deepEqual(duplicated, { ok: false, error: '.incident-report.yaml: not valid YAML: Map keys must be unique at line 20002, column 3:' });
  });
});
