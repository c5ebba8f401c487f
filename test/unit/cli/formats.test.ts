/**
 * The CI output formats through the built CLI (dist/cli.js) over the examples, each checked
 * against what reads it: SARIF against the SARIF 2.1.0 JSON schema (ajv, the schema vendored
 * in test/fixtures/sarif), JUnit with an XML parser against the structure CI servers read,
 * GitLab Code Quality against GitLab's required fields, GitHub workflow commands parsed back.
 * Each is compared with the JSON format of the same run, and all use the configured levels.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatTextLine, githubData, githubProperty, type JsonDiagnostic } from '../../../src/cli/format';
import { CLI, NOW, ROOT, cli, copyEditingExamples } from './run';

const TODAY = NOW.slice(0, 10);
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;

function validateSarif(text: string): void {
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(SCHEMA);
  const log = JSON.parse(text) as unknown;
  assert.ok(validate(log), `SARIF does not match the 2.1.0 schema: ${ajv.errorsText(validate.errors)}`);
}

/** Hints (what an open report has not filled in yet) are left out of the CI formats. */
const problems = (items: JsonDiagnostic[]): JsonDiagnostic[] => items.filter((d) => d.severity !== 'hint');

/** A workflow command line read back as the runner reads it. */
function parseGithub(line: string): { command: string; properties: Record<string, string>; message: string } {
  const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  const unescape = (v: string): string => v.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties = Object.fromEntries(m[2]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescape(p.slice(p.indexOf('=') + 1))]));
  return { command: m[1]!, properties, message: unescape(m[3]!) };
}

interface Testcase {
  '@_name': string;
  '@_classname': string;
  '@_file': string;
  failure?: { '@_type': string; '@_message': string; '#text': string }[];
  'system-out'?: string;
}

function parseJunit(text: string): { suites: Record<string, string>; suite: Record<string, string>; cases: Testcase[] } {
  assert.equal(XMLValidator.validate(text), true, 'well-formed XML');
  const parser = new XMLParser({ ignoreAttributes: false, parseAttributeValue: false, isArray: (name) => name === 'testsuite' || name === 'testcase' || name === 'failure', trimValues: false });
  const doc = parser.parse(text) as { testsuites: Record<string, string> & { testsuite: (Record<string, string> & { testcase?: Testcase[] })[] } };
  assert.ok(doc.testsuites, 'root element testsuites');
  assert.equal(doc.testsuites.testsuite.length, 1, 'one testsuite');
  const suite = doc.testsuites.testsuite[0]!;
  return { suites: doc.testsuites, suite, cases: suite.testcase ?? [] };
}

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/** GitLab's documented required fields: description, check_name, fingerprint, severity, location.path, location.lines.begin. */
function checkCodeQuality(issues: CodeQualityIssue[]): void {
  assert.ok(Array.isArray(issues));
  for (const issue of issues) {
    assert.equal(typeof issue.description, 'string');
    assert.equal(typeof issue.check_name, 'string');
    assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity), issue.severity);
    assert.equal(typeof issue.location.path, 'string');
    assert.ok(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1);
  }
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
}

describe('CI output formats (dist/cli.js)', function () {
  this.timeout(120_000);
  let dir: string;
  let json: JsonDiagnostic[];
  const lint = (format: string, ...args: string[]) => cli(['lint', '--format', format, '--today', TODAY, ...args, 'incidents'], dir);

  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
    dir = mkdtempSync(join(tmpdir(), 'incident-formats-'));
    copyEditingExamples(dir);
    const run = lint('json');
    assert.equal(run.code, 1);
    json = JSON.parse(run.stdout) as JsonDiagnostic[];
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('sarif: valid against the SARIF 2.1.0 schema, one result per diagnostic', () => {
    const run = lint('sarif');
    assert.equal(run.code, 1);
    validateSarif(run.stdout);
    // The check has teeth: a level SARIF does not know fails it.
    assert.throws(() => validateSarif(run.stdout.replace('"level": "error"', '"level": "loud"')), /does not match the 2\.1\.0 schema/);
    const log = JSON.parse(run.stdout) as { runs: { results: unknown[] }[] };
    assert.equal(log.runs[0]!.results.length, json.length);
  });

  it('github: one workflow command per problem, read back to the JSON diagnostic; same exit code', () => {
    const run = lint('github');
    assert.equal(run.code, 1);
    const lines = run.stdout.split('\n').filter(Boolean);
    const expected = problems(json);
    assert.equal(lines.length, expected.length);
    lines.forEach((line, i) => {
      const d = expected[i]!;
      assert.deepEqual(parseGithub(line), {
        command: d.severity === 'info' ? 'notice' : d.severity,
        properties: { file: d.file, line: String(d.line), col: String(d.column), endLine: String(d.endLine), endColumn: String(d.endColumn), title: d.ruleId },
        message: d.message,
      });
    });
    assert.ok(lines.some((l) => l.startsWith('::error file=incidents/INC-20261125-001-login-failures-for-sso-users.md,line=11,col=18,endLine=11,')));
  });

  it('junit: one testsuite, one testcase per report, a failure per error, warnings and infos in system-out', () => {
    const run = lint('junit');
    assert.equal(run.code, 1);
    const { suites, suite, cases } = parseJunit(run.stdout);
    const files = [...new Set(['incidents/INC-20261020-001-checkout-outage.md', 'incidents/INC-20261124-001-search-latency-above-slo.md', 'incidents/INC-20261125-001-login-failures-for-sso-users.md'])];
    assert.deepEqual(
      cases.map((c) => c['@_name']),
      files,
    );
    const failing = files.filter((f) => json.some((d) => d.file === f && d.severity === 'error'));
    for (const counts of [suites, suite]) {
      assert.equal(counts['@_tests'], String(files.length));
      assert.equal(counts['@_failures'], String(failing.length));
      assert.equal(counts['@_errors'], '0');
    }
    for (const testcase of cases) {
      const mine = json.filter((d) => d.file === testcase['@_name']);
      assert.equal(testcase['@_file'], testcase['@_name']);
      assert.equal(testcase['@_classname'], 'incident-report');
      assert.deepEqual(
        (testcase.failure ?? []).map((f) => [f['@_type'], f['@_message'], f['#text']]),
        mine.filter((d) => d.severity === 'error').map((d) => [d.ruleId, `${d.line}:${d.column} ${d.message}`, formatTextLine(d)]),
      );
      const others = mine.filter((d) => d.severity === 'warning' || d.severity === 'info').map(formatTextLine);
      assert.equal(testcase['system-out'], others.length ? others.join('\n') : undefined);
    }
    assert.equal(cases.find((c) => c['@_name'].includes('login'))!.failure!.length, 2);
  });

  it('codequality: GitLab\'s required fields, severity mapped, one issue per problem; fingerprints stable when lines move', () => {
    const run = lint('codequality');
    assert.equal(run.code, 1);
    const issues = JSON.parse(run.stdout) as CodeQualityIssue[];
    checkCodeQuality(issues);
    const expected = problems(json);
    assert.deepEqual(
      issues.map((i) => [i.location.path, i.location.lines.begin, i.check_name, i.description, i.severity]),
      expected.map((d) => [d.file, d.line, d.ruleId, d.message, d.severity === 'error' ? 'major' : d.severity === 'warning' ? 'minor' : 'info']),
    );
    assert.deepEqual(JSON.parse(lint('codequality').stdout), issues, 'the same fingerprints run after run');
    // Lines inserted above the findings move them, not their fingerprints.
    const moved = mkdtempSync(join(tmpdir(), 'incident-formats-moved-'));
    try {
      cpSync(dir, moved, { recursive: true });
      const file = join(moved, 'incidents', 'INC-20261125-001-login-failures-for-sso-users.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('# Incident Report:', '<!-- a note -->\n\n# Incident Report:'));
      const after = JSON.parse(cli(['lint', '--format', 'codequality', '--today', TODAY, 'incidents'], moved).stdout) as CodeQualityIssue[];
      const login = (list: CodeQualityIssue[]) => list.filter((i) => i.location.path.includes('login'));
      assert.deepEqual(login(after).map((i) => i.fingerprint), login(issues).map((i) => i.fingerprint));
      assert.deepEqual(login(after).map((i) => i.location.lines.begin), login(issues).map((i) => i.location.lines.begin + 2));
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
  });

  it('every format uses the configured level: a warning rule set to error, a rule turned off', () => {
    const configured = mkdtempSync(join(tmpdir(), 'incident-formats-config-'));
    try {
      cpSync(dir, configured, { recursive: true });
      writeFileSync(join(configured, '.incident-report.json'), JSON.stringify({ rules: { severity: 'error', 'missing-section': 'off', 'timeline-order': { final: 'info' } } }));
      const run = (format: string) => cli(['lint', '--format', format, '--today', TODAY, 'incidents'], configured);
      const items = JSON.parse(run('json').stdout) as JsonDiagnostic[];
      const severityItem = items.find((d) => d.ruleId === 'severity')!;
      assert.equal(severityItem.severity, 'error');
      assert.ok(!items.some((d) => d.ruleId === 'missing-section'));

      const sarifText = run('sarif').stdout;
      validateSarif(sarifText);
      const sarif = JSON.parse(sarifText) as { runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string; enabled?: boolean } }[] } }; results: { ruleId: string; level: string }[] }[] };
      const rule = (id: string) => sarif.runs[0]!.tool.driver.rules.find((r) => r.id === id)!.defaultConfiguration;
      assert.deepEqual(rule('severity'), { level: 'error' });
      assert.deepEqual(rule('missing-section'), { enabled: false, level: 'none' });
      assert.deepEqual(rule('timeline-order'), { level: 'note' });
      // A rule left alone keeps its shipped final level.
      assert.deepEqual(rule('incident-id'), { level: 'error' });
      assert.deepEqual(
        sarif.runs[0]!.results.filter((r) => r.ruleId === 'severity').map((r) => r.level),
        ['error'],
      );

      const github = run('github').stdout.split('\n').filter(Boolean).map(parseGithub);
      assert.deepEqual(github.filter((g) => g.properties['title'] === 'severity').map((g) => g.command), ['error']);
      const junit = parseJunit(run('junit').stdout);
      const login = junit.cases.find((c) => c['@_name'].includes('login'))!;
      assert.ok(login.failure!.some((f) => f['@_type'] === 'severity'));
      const codequality = JSON.parse(run('codequality').stdout) as CodeQualityIssue[];
      checkCodeQuality(codequality);
      assert.deepEqual(codequality.filter((i) => i.check_name === 'severity').map((i) => i.severity), ['major']);
      assert.ok(!codequality.some((i) => i.check_name === 'missing-section'));
    } finally {
      rmSync(configured, { recursive: true, force: true });
    }
  });

  it('file names and messages are escaped for each format and read back unchanged', () => {
    const odd = 'odd,name:50%&<x>.md';
    writeFileSync(join(dir, odd), readFileSync(join(dir, 'incidents', 'INC-20261124-001-search-latency-above-slo.md'), 'utf8'));
    try {
      // --final: the template's "X.XX%" placeholders are errors, their messages hold a "%".
      const run = (format: string) => cli(['lint', '--final', '--format', format, '--today', TODAY, odd], dir);
      const items = JSON.parse(run('json').stdout) as JsonDiagnostic[];
      assert.ok(items.some((d) => d.message.includes('%')));
      const github = run('github').stdout.split('\n').filter(Boolean);
      assert.ok(github.every((l) => l.includes('file=odd%2Cname%3A50%25&<x>.md,')));
      assert.deepEqual(github.map(parseGithub).map((g) => [g.properties['file'], g.message]), problems(items).map((d) => [d.file, d.message]));
      const junit = parseJunit(run('junit').stdout);
      assert.deepEqual(junit.cases.map((c) => c['@_name']), [odd]);
      // The parser decodes the entities: what CI shows is the name as it is.
      assert.ok(junit.cases[0]!.failure!.length > 0);
      const sarif = run('sarif').stdout;
      validateSarif(sarif);
      checkCodeQuality(JSON.parse(run('codequality').stdout) as CodeQualityIssue[]);
    } finally {
      rmSync(join(dir, odd));
    }
  });

  it('the README\'s CI examples run as written and give output their readers accept', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const ci = readme.slice(readme.indexOf('\n### CI\n'), readme.indexOf('\n## ', readme.indexOf('\n### CI\n')));
    const commands = [...ci.matchAll(/npx incident-report (lint [^>|\n]*?)\s*(?:>|\|\||\n)/g)].map((m) => m[1]!.split(/\s+/));
    assert.deepEqual(
      commands.map((args) => args[args.indexOf('--format') + 1]),
      ['github', 'codequality', 'junit'],
    );
    for (const args of commands) {
      const run = cli(args, dir);
      assert.equal(run.code, 1, `${args.join(' ')}: the examples have errors`);
      const format = args[args.indexOf('--format') + 1];
      if (format === 'github') run.stdout.split('\n').filter(Boolean).forEach((line) => parseGithub(line));
      if (format === 'codequality') checkCodeQuality(JSON.parse(run.stdout) as CodeQualityIssue[]);
      if (format === 'junit') assert.equal(parseJunit(run.stdout).cases.length, 3);
    }
  });

  it('githubData / githubProperty escape as the Actions toolkit does, after making control characters printable', () => {
    assert.equal(githubData('50% done: a, b'), '50%25 done: a, b');
    assert.equal(githubProperty('a,b:c%d'), 'a%2Cb%3Ac%25d');
    // A line break in a value can never start a new workflow command.
    assert.equal(githubData('x\n::error::forged'), 'x\\n::error::forged');
    assert.equal(githubData('\u001b[31mred'), '\\x1b[31mred');
  });
});
