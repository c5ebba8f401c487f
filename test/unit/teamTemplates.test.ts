/**
 * The team-template corpus (test/fixtures/team-templates, described in its README): six
 * team templates of the shapes teams use, each with a filled report, its blank copy and one
 * injected fault per rule. For every template, with its own `.incident-report.json`:
 *
 *   filled  `filled.md` has no error in final mode;
 *   blank   `blank.md` (the template left as it is) fails final mode for a reason the filled
 *           report does not have (an error of a rule the filled report has no error of);
 *   faults  each fault of `faults.json`, applied to `filled.md`, gives a diagnostic of its
 *           rule at its line that the filled report does not have there;
 *   check   `template check` finds the template usable with no problem, and reads its
 *           severity levels (LEVELS below), in order.
 *
 * Cases the tool cannot do yet are in KNOWN_GAPS, with why: they show as pending with the
 * reason in their title, and a gap that starts passing fails the suite until its entry is
 * removed, so the table stays what the tool does. Every other case is asserted for real.
 * The CLI (`lint --final`, JSON and SARIF) is run once per template on its files.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIncidentCore, INTERNAL_RULE_ID, RULE_IDS, summarizeTemplate, validateConfig, type Diagnostic, type IncidentCore } from '../../src/core';
import { CLI, NOW, cli } from './cli/run';

const CORPUS = join(__dirname, '..', 'fixtures', 'team-templates');
const TEMPLATES = readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
/** The clock of the CLI tests (INCIDENT_REPORT_NOW), so the CLI and the core agree on "overdue". */
const REQUEST = { now: new Date(NOW), today: NOW.slice(0, 10), mode: 'final' as const };

interface Fault {
  readonly rule: string;
  readonly description: string;
  readonly replace: { readonly find: string; readonly with: string };
  /** 1-based line of the expected diagnostic in the report with the fault. */
  readonly line: number;
}

/**
 * The cases that fail today, `<template> <case>` (case: filled, blank, or a fault's rule)
 * with the reason. Remove an entry when its feature lands: the case then fails until it is.
 */
// Empty since every part of #13 landed: a shape added to the corpus before its support lists its cases here.
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

/** The severity levels each template writes, in its order (how it writes them is the shape under test). */
const LEVELS: Readonly<Record<string, readonly string[]>> = {
  'headings-as-fields': ['SEV1', 'SEV2', 'SEV3', 'SEV4'],
  'h3-sections': ['P1', 'P2', 'P3', 'P4'],
  setext: ['SEV1', 'SEV2', 'SEV3'],
  'bullet-timeline': ['S1', 'S2', 'S3', 'S4'],
  'kv-table': ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'SEV-5'],
  'front-matter': ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'],
};

interface Fixture {
  readonly name: string;
  readonly template: string;
  readonly filled: string;
  readonly blank: string;
  readonly faults: readonly Fault[];
  readonly core: IncidentCore;
}

function loadFixture(name: string): Fixture {
  const read = (file: string): string => readFileSync(join(CORPUS, name, file), 'utf8');
  const config = validateConfig(JSON.parse(read('.incident-report.json')), RULE_IDS, `${name}/.incident-report.json`);
  if (!config.ok) throw new Error(config.errors.join('\n'));
  const template = read(config.config.template ?? 'template.md');
  return { name, template, filled: read('filled.md'), blank: read('blank.md'), faults: JSON.parse(read('faults.json')) as Fault[], core: createIncidentCore({ templateText: template, config: config.config }) };
}

const lineOf = (d: Diagnostic): number => d.range.start.line + 1;
const describeAll = (ds: readonly Diagnostic[]): string => ds.map((d) => `  ${d.ruleId} line ${lineOf(d)}: ${d.message}`).join('\n') || '  (none)';

function lintFinal(fixture: Fixture, text: string): readonly Diagnostic[] {
  const diagnostics = fixture.core.lint(text, REQUEST).diagnostics;
  const crashes = diagnostics.filter((d) => d.ruleId === INTERNAL_RULE_ID);
  // A crash is never a gap: bad input gives a message.
  assert.deepEqual(crashes.map((d) => d.message), [], `${fixture.name}: a rule crashed`);
  return diagnostics;
}

/** The reason a case fails, or undefined when it does what the corpus says. */
function filledProblem(fixture: Fixture): string | undefined {
  const errors = lintFinal(fixture, fixture.filled).filter((d) => d.severity === 'error');
  return errors.length === 0 ? undefined : `filled.md has errors in final mode:\n${describeAll(errors)}`;
}

function blankProblem(fixture: Fixture): string | undefined {
  const filledErrorRules = new Set(lintFinal(fixture, fixture.filled).filter((d) => d.severity === 'error').map((d) => d.ruleId));
  const errors = lintFinal(fixture, fixture.blank).filter((d) => d.severity === 'error');
  if (errors.some((d) => !filledErrorRules.has(d.ruleId))) return undefined;
  return `blank.md has no error of a rule the filled report passes; its errors:\n${describeAll(errors)}`;
}

function faultProblem(fixture: Fixture, fault: Fault): string | undefined {
  const before = new Set(lintFinal(fixture, fixture.filled).filter((d) => d.ruleId === fault.rule).map(lineOf));
  const found = lintFinal(fixture, fixture.filled.replace(fault.replace.find, fault.replace.with)).filter((d) => d.ruleId === fault.rule);
  if (found.some((d) => lineOf(d) === fault.line && !before.has(fault.line))) return undefined;
  const already = before.has(fault.line) ? ` (the filled report already has one there)` : '';
  return `${fault.description}: expected a ${fault.rule} diagnostic at line ${fault.line}${already}; found:\n${describeAll(found)}`;
}

function checkProblem(fixture: Fixture): string | undefined {
  const summary = summarizeTemplate(fixture.core.template);
  // A column the template has for itself (`Type`) is reported as not read: that is information, not a misreading.
  const problems = summary.problems.filter((p) => !(p.level === 'warning' && /" has no role and is not read$/.test(p.message))).map((p) => `  ${p.level}${p.line === undefined ? '' : ` (line ${p.line})`}: ${p.message}`);
  const expected = LEVELS[fixture.name] ?? [];
  const levels = fixture.core.template.severityLevels;
  const found = expected.map((name) => fixture.core.severityLevel(name));
  const inOrder = found.every((level, i) => level !== undefined && levels.indexOf(level) === i);
  const levelProblem = levels.length === expected.length && inOrder ? [] : [`  severity levels read: ${JSON.stringify(levels.map((l) => l.label))}; expected ${expected.join(', ')}`];
  const all = [...problems, ...levelProblem];
  return all.length === 0 ? undefined : `template check:\n${all.join('\n')}`;
}

/** One case: asserted when it is not a known gap; pending with its reason when it is, and failing once it passes. */
function itCase(key: string, title: string, problem: () => string | undefined): void {
  const gap = KNOWN_GAPS[key];
  if (gap === undefined) {
    it(title, () => {
      const found = problem();
      assert.equal(found, undefined, found);
    });
    return;
  }
  it(`${title} — KNOWN GAP: ${gap}`, function () {
    if (problem() === undefined) assert.fail(`"${key}" passes now: remove it from KNOWN_GAPS in test/unit/teamTemplates.test.ts`);
    this.skip();
  });
}

const ALL_CASES = new Set<string>();

describe('team-template corpus (test/fixtures/team-templates)', () => {
  it('holds at least six templates, each with its five files, a config that validates and faults that apply once', () => {
    assert.ok(TEMPLATES.length >= 6, `only ${TEMPLATES.length} templates`);
    for (const name of TEMPLATES) {
      for (const file of ['template.md', 'filled.md', 'blank.md', 'faults.json', '.incident-report.json']) assert.ok(existsSync(join(CORPUS, name, file)), `${name}/${file} is missing`);
      const fixture = loadFixture(name);
      assert.equal(fixture.blank, fixture.template, `${name}/blank.md is the template copied unchanged`);
      assert.ok(fixture.faults.length > 0, `${name} has no fault`);
      assert.equal(new Set(fixture.faults.map((f) => f.rule)).size, fixture.faults.length, `${name}: one fault per rule`);
      for (const fault of fixture.faults) {
        assert.ok(RULE_IDS.includes(fault.rule), `${name}: unknown rule ${fault.rule}`);
        assert.equal(fixture.filled.split(fault.replace.find).length, 2, `${name} ${fault.rule}: "${fault.replace.find}" must occur once in filled.md`);
        const lines = fixture.filled.replace(fault.replace.find, fault.replace.with).split('\n').length;
        assert.ok(Number.isInteger(fault.line) && fault.line >= 1 && fault.line <= lines, `${name} ${fault.rule}: line ${fault.line} is outside the report`);
      }
    }
  });

  for (const name of TEMPLATES) {
    describe(name, () => {
      let fixture: Fixture;
      before(() => (fixture = loadFixture(name)));
      const cases: { key: string; title: string; problem: () => string | undefined }[] = [
        { key: `${name} filled`, title: 'filled.md lints with no error in final mode', problem: () => filledProblem(fixture) },
        { key: `${name} blank`, title: 'blank.md (the template as it is) fails final mode', problem: () => blankProblem(fixture) },
        { key: `${name} check`, title: `template check: usable, no problem but unread columns, levels ${(LEVELS[name] ?? []).join(' ')}`, problem: () => checkProblem(fixture) },
      ];
      // The faults are read when the suite is built: each is a test of its own.
      const faults = JSON.parse(readFileSync(join(CORPUS, name, 'faults.json'), 'utf8')) as Fault[];
      for (const fault of faults) {
        cases.push({ key: `${name} ${fault.rule}`, title: `${fault.rule} at line ${fault.line}: ${fault.description}`, problem: () => faultProblem(fixture, fault) });
      }
      for (const c of cases) {
        ALL_CASES.add(c.key);
        itCase(c.key, c.title, c.problem);
      }
    });
  }

  it('LEVELS and KNOWN_GAPS name only templates and cases of the corpus', () => {
    assert.deepEqual(Object.keys(LEVELS).sort(), TEMPLATES);
    assert.deepEqual(Object.keys(KNOWN_GAPS).filter((key) => !ALL_CASES.has(key)), []);
  });
});

describe('team-template corpus through the CLI (dist/cli.js: lint --final, JSON and SARIF)', function () {
  this.timeout(120_000);
  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });

  for (const name of TEMPLATES) {
    it(`${name}: the CLI reports what the core reports, in JSON and SARIF, and exits 1 on the blank copy`, () => {
      const fixture = loadFixture(name);
      const dir = mkdtempSync(join(tmpdir(), `incident-team-${name}-`));
      try {
        // The fixture as a workspace of its own: its config and template at the root.
        cpSync(join(CORPUS, name), dir, { recursive: true });
        mkdirSync(join(dir, '.git'));
        const expected = (file: string, text: string): string[] => lintFinal(fixture, text).map((d) => `${file}:${lineOf(d)} ${d.severity} ${d.ruleId}`).sort();
        const want = [...expected('filled.md', fixture.filled), ...expected('blank.md', fixture.blank)].sort();

        const json = cli(['lint', '--final', '--format', 'json', 'filled.md', 'blank.md'], dir);
        assert.equal(json.code, 1, `blank.md fails --final: exit 1\n${json.stderr}`);
        const items = JSON.parse(json.stdout) as { file: string; line: number; severity: string; ruleId: string }[];
        assert.deepEqual(items.map((d) => `${d.file}:${d.line} ${d.severity} ${d.ruleId}`).sort(), want);

        const sarif = cli(['lint', '--final', '--format', 'sarif', 'filled.md', 'blank.md'], dir);
        assert.equal(sarif.code, 1, sarif.stderr);
        const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
        assert.equal(log.version, '2.1.0');
        const results = log.runs[0]!.results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine} ${r.ruleId}`).sort();
        assert.deepEqual(results, items.map((d) => `${d.file}:${d.line} ${d.ruleId}`).sort());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
