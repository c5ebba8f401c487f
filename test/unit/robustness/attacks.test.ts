/**
 * Front matter and configuration attacks: each is rejected with a clear diagnostic or
 * error, and quickly. "Quickly" is the test finishing inside its mocha timeout (no timing
 * assertion); each test bounds its own.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIncidentCore, parseConfigText, RULE_IDS, validateConfig, validateSettings, type Diagnostic } from '../../../src/core';
import { checkDocument, NOW, ROOT, TODAY } from '../../fuzz/harness';

const core = createIncidentCore();
const BODY = '\n# Incident Report: x\n\n**Incident ID:** INC-20261126-001\n**Date:** 2026-11-26\n**Severity:** 🟡 Major\n';
const withFrontMatter = (yaml: string) => `---\n${yaml}\n---\n${BODY}`;

/** 1-based `line:col-line:col rule: message` of the front-matter (and internal-error) diagnostics. */
function frontMatterProblems(text: string): { mode: string; lines: string[]; all: readonly Diagnostic[] } {
  const result = core.lint(text, { now: NOW, today: TODAY });
  const lines = result.diagnostics
    .filter((d) => d.ruleId === 'front-matter' || d.ruleId === 'internal-error')
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.ruleId}: ${d.message}`);
  return { mode: result.mode, lines, all: result.diagnostics };
}

const BILLION_LAUGHS = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
  'Status: Resolved',
].join('\n');

describe('robustness: front matter attacks', function () {
  this.timeout(20_000);

  it('a YAML alias bomb (10^9 expansions) is one front-matter diagnostic on the opening fence; the Status inside is not trusted', () => {
    const { mode, lines } = frontMatterProblems(withFrontMatter(BILLION_LAUGHS));
    assert.equal(mode, 'draft');
    assert.deepEqual(lines, ['1:1-1:4 front-matter: Front matter is not valid YAML: Excessive alias count indicates a resource exhaustion attack.']);
  });

  it('a 5 MB front matter (one value) is reported as too large, not parsed', function () {
    this.timeout(60_000);
    const text = withFrontMatter(`Title: x\nStatus: Resolved\nNotes: "${'a'.repeat(5 * 1024 * 1024)}"`);
    const { mode, lines } = frontMatterProblems(text);
    assert.equal(mode, 'draft');
    assert.deepEqual(lines, [`1:1-1:4 front-matter: Front matter is not valid YAML: front matter is ${text.indexOf('\n---\n', 4) - 4} characters; at most 262144 are read.`]);
  });

  it('a 5 MB front matter of 150,000 keys is reported as too large, not parsed', function () {
    this.timeout(60_000);
    const yaml = Array.from({ length: 150_000 }, (_, i) => `key${i}: value ${i} ${'x'.repeat(20)}`).join('\n');
    assert.ok(yaml.length > 5_000_000);
    const { lines } = frontMatterProblems(withFrontMatter(yaml));
    assert.deepEqual(lines, [`1:1-1:4 front-matter: Front matter is not valid YAML: front matter is ${yaml.length} characters; at most 262144 are read.`]);
  });

  // The cap is on characters, but the YAML parse (parseDocument with uniqueKeys: true in
  // src/core/model/frontMatter.ts) is quadratic in the number of keys: 40,000 short keys
  // (199 KB, under the 256 KB cap) cost 12.5 s of CPU; 50,000 about 20 s. A linear read
  // takes well under a second; the timeout leaves room for a loaded machine.
  it('a front matter of 50,000 short keys under the size cap is read or refused quickly', function () {
    this.timeout(10_000);
    const yaml = `Title: x\nOwner: y\nStatus: Open\nLastUpdated: 2026-11-26\n${Array.from({ length: 50_000 }, (_, i) => `${i.toString(36)}:`).join('\n')}`;
    assert.ok(yaml.length < 256 * 1024, `${yaml.length}`);
    const { lines } = frontMatterProblems(withFrontMatter(yaml));
    assert.ok(lines.every((l) => !l.includes('internal-error')), lines.join('\n'));
  });

  it('deeply nested YAML (10,000 flow levels; 5,000 flow maps; 600 block levels) is a diagnostic, never a throw', () => {
    const flow = frontMatterProblems(withFrontMatter(`x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\nStatus: Resolved`));
    assert.equal(flow.mode, 'draft');
    assert.equal(flow.lines.length, 1);
    assert.match(flow.lines[0]!, /^2:\d+-2:\d+ front-matter: Front matter is not valid YAML: /);
    const maps = frontMatterProblems(withFrontMatter(`x: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`));
    assert.equal(maps.lines.length, 1);
    assert.match(maps.lines[0]!, /front-matter: Front matter is not valid YAML: /);
    // Block nesting is read (it is valid YAML); the report's keys are what is checked.
    const block = frontMatterProblems(withFrontMatter(`${Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} v`));
    assert.deepEqual(block.lines, ['1:1-1:4 front-matter: Front matter lacks Title, Owner, Status, LastUpdated; a report needs Title, Owner, Status, LastUpdated.']);
    for (const text of [withFrontMatter(`x: ${'['.repeat(10_000)}${']'.repeat(10_000)}`)]) checkDocument(core, text);
  });

  it('__proto__, constructor and toString keys neither pollute Object.prototype nor set the Status', () => {
    const polluting = [
      '__proto__: {Status: Resolved}\nTitle: x\nOwner: y\nLastUpdated: 2026-11-26',
      'Title: x\nOwner: y\nStatus: Open\nLastUpdated: 2026-11-26\n__proto__:\n  Status: Resolved\n  polluted: yes\nconstructor: {prototype: {polluted: yes}}\ntoString: 1\nhasOwnProperty: 2\nvalueOf: 3',
    ];
    const first = frontMatterProblems(withFrontMatter(polluting[0]!));
    assert.equal(first.mode, 'draft');
    assert.deepEqual(first.lines, ['1:1-1:4 front-matter: Front matter lacks Status; a report needs Title, Owner, Status, LastUpdated.']);
    const second = frontMatterProblems(withFrontMatter(polluting[1]!));
    assert.equal(second.mode, 'draft');
    assert.deepEqual(second.lines, []);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(({} as Record<string, unknown>)['Status'], undefined);
    for (const yaml of polluting) checkDocument(core, withFrontMatter(yaml));
    assert.equal(core.summarize(withFrontMatter(polluting[0]!), TODAY)?.status, undefined);
  });

  it('tags and merge keys are not evaluated: !!js/function is plain text, << is an ordinary key', () => {
    const { lines } = frontMatterProblems(withFrontMatter('Title: x\nOwner: y\nLastUpdated: 2026-11-26\nStatus: !!js/function "return 1"\nbase: &b {Status: Resolved}\n<<: *b'));
    assert.deepEqual(lines, ['5:23-5:33 front-matter: Front matter Status is "return 1"; expected one of Open, Investigating, Mitigated, Resolved, Closed.']);
  });
});

describe('robustness: configuration attacks', function () {
  this.timeout(20_000);
  const check = (text: string, fileName = '.incident-report.json') => {
    const parsed = parseConfigText(text, fileName);
    if (!parsed.ok) return [parsed.error];
    const result = validateConfig(parsed.data, RULE_IDS, fileName);
    return result.ok ? [] : result.errors;
  };

  it('JSON with wrong types: every wrong key is named with what it must be', () => {
    assert.deepEqual(check('{"rules": "off"}'), ['.incident-report.json: "rules" must be a record']);
    assert.deepEqual(check('{"rules": {"placeholder": 3}}'), ['.incident-report.json: "rules.placeholder" must be one of "off", "error", "warning", "info", "hint" or {"draft": level, "final": level}']);
    assert.deepEqual(check('{"rules": {"placeholder": {"draft": "loud"}}}'), ['.incident-report.json: "rules.placeholder" must be one of "off", "error", "warning", "info", "hint" or {"draft": level, "final": level}']);
    assert.deepEqual(check('{"mode": true, "template": 5, "owner": [], "incidentsDir": "../x"}'), [
      '.incident-report.json: "mode" must be one of "auto", "draft", "final"',
      '.incident-report.json: "template" must be a string',
      '.incident-report.json: "incidentsDir" must be a path inside the workspace (relative, without "..")',
      '.incident-report.json: "owner" must be a string',
    ]);
    assert.deepEqual(check('[]'), ['.incident-report.json: the top level must be an object']);
    assert.deepEqual(check('"rules"'), ['.incident-report.json: the top level must be an object']);
    const unknown = check('{"rules": {"no-such-rule": "off"}}');
    assert.equal(unknown.length, 1);
    assert.match(unknown[0]!, /^\.incident-report\.json: "rules\.no-such-rule" is not a rule; known rules: front-matter, incident-id, /);
    assert.match(check('{"rules": ')[0]!, /^\.incident-report\.json: not valid JSON: /);
  });

  it('__proto__ and constructor keys are rejected or ignored, never merged into the prototype', () => {
    assert.deepEqual(check('{"__proto__": {"mode": "final"}}'), ['.incident-report.json: the top level has unknown key "__proto__"; allowed: extends, rules, mode, template, incidentsDir, owner, fileName, overrides, exclude, milestones, idPattern, severityLevels, columns']);
    assert.deepEqual(check('__proto__:\n  mode: final\n', '.incident-report.yaml'), ['.incident-report.yaml: the top level has unknown key "__proto__"; allowed: extends, rules, mode, template, incidentsDir, owner, fileName, overrides, exclude, milestones, idPattern, severityLevels, columns']);
    const constructor = check('{"rules": {"constructor": "off", "toString": "off"}}');
    assert.equal(constructor.length, 2);
    assert.match(constructor[0]!, /^\.incident-report\.json: "rules\.constructor" is not a rule; known rules: front-matter, /);
    assert.match(constructor[1]!, /^\.incident-report\.json: "rules\.toString" is not a rule; known rules: front-matter, /);
    const parsed = parseConfigText('{"rules": {"__proto__": {"draft": "off"}}}', '.incident-report.json');
    assert.ok(parsed.ok);
    const result = validateConfig(parsed.data, RULE_IDS);
    // Whatever the verdict, nothing reaches a prototype.
    if (result.ok) assert.equal(Object.getPrototypeOf(result.config.rules ?? {}), Object.prototype);
    assert.equal(({} as Record<string, unknown>)['draft'], undefined);
    assert.equal(({} as Record<string, unknown>)['mode'], undefined);
  });

  // JSON.parse keeps "__proto__" as an own key; the schema's record drops it without a
  // word (src/core/config.ts: z.record, then Object.keys of the parsed rules), so a
  // misplaced setting is silently ignored where "constructor" is reported.
  it('"rules": {"__proto__": ...} is reported as not a rule, like any unknown rule id', () => {
    for (const [text, fileName] of [
      ['{"rules": {"__proto__": "off"}}', '.incident-report.json'],
      ['{"rules": {"__proto__": {"draft": "off"}}}', '.incident-report.json'],
      ['rules:\n  __proto__: "off"\n', '.incident-report.yaml'],
    ] as const) {
      const errors = check(text, fileName);
      assert.equal(errors.length, 1, `${text}: ${JSON.stringify(errors)}`);
      assert.match(errors[0]!, /"rules\.__proto__" is not a rule/);
    }
  });

  it('YAML config: an alias bomb, deep nesting and tags are errors', () => {
    assert.deepEqual(check(`${BILLION_LAUGHS}\nrules: {}`, '.incident-report.yaml'), ['.incident-report.yaml: not valid YAML: Excessive alias count indicates a resource exhaustion attack']);
    assert.match(check(`rules: ${'['.repeat(20_000)}${']'.repeat(20_000)}`, '.incident-report.yaml')[0]!, /^\.incident-report\.yaml: not valid YAML: /);
    assert.deepEqual(check('mode: !!js/function "final"', '.incident-report.yaml'), []);
  });

  it('deeply nested and 5 MB JSON configs are answered quickly', () => {
    assert.deepEqual(check(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), ['.incident-report.json: the top level must be an object']);
    assert.equal(check(`${'{"rules":'.repeat(50_000)}1${'}'.repeat(50_000)}`).length, 1);
    assert.deepEqual(check(`{"owner": "${'x'.repeat(5 * 1024 * 1024)}"}`), []);
    // 100,000 unknown rule ids: the first 20 named, then one line counting the rest.
    const unknown = check(`{"rules": {${Array.from({ length: 100_000 }, (_, i) => `"r${i}": "off"`).join(',')}}}`);
    assert.equal(unknown.length, 21);
    assert.equal(unknown[20], '.incident-report.json: and 99,980 more keys under "rules" that are not rules');
  });

  it('editor settings of the wrong types are reported one by one and replaced by defaults', () => {
    const { config, editor, errors } = validateSettings({ config: { rules: 5, mode: 'loud', template: '../x', owner: 3, incidentsDir: '/etc' }, editor: { validateWorkspace: 'yes', debounceMs: -1, lastUpdatedOnSave: 'sure' } }, RULE_IDS);
    assert.deepEqual(config, {});
    assert.deepEqual(editor, { validateWorkspace: true, debounceMs: 200, lastUpdatedOnSave: true });
    assert.deepEqual(errors, [
      'incidentReport: "rules" must be a record',
      'incidentReport: "mode" must be one of "auto", "draft", "final"',
      'incidentReport: "template" must be a path inside the workspace (relative, without "..")',
      'incidentReport: "owner" must be a string',
      'incidentReport: "incidentsDir" must be a path inside the workspace (relative, without "..")',
      'incidentReport: "validate.workspace" must be true or false',
      'incidentReport: "validate.debounceMs" must be a whole number of milliseconds from 0 to 5000',
      'incidentReport: "lastUpdatedOnSave" must be true or false',
    ]);
  });

  it('the CLI warns of each key of a wrong type (the rest applies) and refuses an alias bomb with exit 2 and the reason', function () {
    this.timeout(60_000);
    const cli = join(ROOT, 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
    const dir = mkdtempSync(join(tmpdir(), 'incident-attack-'));
    try {
      writeFileSync(join(dir, 'report.md'), withFrontMatter(BILLION_LAUGHS));
      writeFileSync(join(dir, '.incident-report.json'), '{"rules": {"placeholder": 3}, "mode": []}');
      let run = spawnSync(process.execPath, [cli, 'lint', '--today', TODAY], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(
        run.stderr,
        'incident-report: warning: .incident-report.json: "rules.placeholder" must be one of "off", "error", "warning", "info", "hint" or {"draft": level, "final": level}; this key is ignored\n' +
          'incident-report: warning: .incident-report.json: "mode" must be one of "auto", "draft", "final"; this key is ignored\n',
      );
      rmSync(join(dir, '.incident-report.json'));
      writeFileSync(join(dir, '.incident-report.yaml'), `${BILLION_LAUGHS}\n`);
      run = spawnSync(process.execPath, [cli, 'lint', '--today', TODAY], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stderr, 'incident-report: .incident-report.yaml: not valid YAML: Excessive alias count indicates a resource exhaustion attack\n');
      rmSync(join(dir, '.incident-report.yaml'));
      // The alias bomb in a report's front matter is a diagnostic (a warning while the
      // Status cannot be read: draft); the run completes.
      run = spawnSync(process.execPath, [cli, 'lint', '--today', TODAY, '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 0, run.stderr);
      const items = JSON.parse(run.stdout) as { ruleId: string; line: number; message: string }[];
      assert.deepEqual(items.filter((d) => d.ruleId === 'front-matter').map((d) => `${d.line} ${d.message}`), ['1 Front matter is not valid YAML: Excessive alias count indicates a resource exhaustion attack.']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
