import * as assert from 'node:assert/strict';
import { isInsideWorkspace } from '../../../src/core/evidence';
import { createIncidentCore } from '../../../src/core/index';
import { RULES } from '../../../src/core/rules';
import { actionItemRule } from '../../../src/core/rules/actionItem';
import { blamelessLanguageRule } from '../../../src/core/rules/blamelessLanguage';
import { checklistChoiceRule } from '../../../src/core/rules/checklistChoice';
import { evidencePathRule } from '../../../src/core/rules/evidencePath';
import { metricsTableRule } from '../../../src/core/rules/metricsTable';
import type { Rule } from '../../../src/core/rules/rule';
import type { Diagnostic, Fix } from '../../../src/core/types';
import { applyFix, complete, fixturePathExists, lint, lintWith, mutate, rangeOf, type LintWithOptions } from '../helpers';

const RULE = 'evidence-path';
const only = (text: string, options: LintWithOptions = {}) => lintWith(text, { rules: [evidencePathRule], ...options });
const diagnostics = (text: string, options: LintWithOptions = {}) => lint(text, { rules: [evidencePathRule], ...options }).diagnostics;

const ROLLBACK = 'evidence/INC-20261020-001/rollback_20261020T153100Z.txt';
/** Fix stamps use helpers' NOW, 2026-11-26T12:00:00Z. */
const STAMP = '20261126T120000Z';
const draft = (text: string) => mutate(text, 'Status: Resolved', 'Status: Investigating');

/** Every registered rule plus the five of this batch (once each), for "no new error" checks. */
const MINE: Rule[] = [checklistChoiceRule, evidencePathRule, metricsTableRule, actionItemRule, blamelessLanguageRule];
const BASE = RULES.filter((r) => !MINE.some((m) => m.id === r.id));
const SIGN_OFF = BASE.findIndex((r) => r.id === 'sign-off');
/** Every rule, this batch included once, before sign-off (which reads the others' errors). */
const ALL: Rule[] = SIGN_OFF < 0 ? [...BASE, ...MINE] : [...BASE.slice(0, SIGN_OFF), ...MINE, ...BASE.slice(SIGN_OFF)];

/** pathExists over the fixture workspace plus the files fixes asked to create. */
function workspace(created: ReadonlySet<string>) {
  return (path: string) => (created.has(path) ? true : fixturePathExists(path));
}

/** Error-level diagnostics; sign-off's count of the others' errors restates them, so it is left out. */
const errorKeys = (ds: readonly Diagnostic[]) =>
  ds.filter((d) => d.severity === 'error' && !(d.ruleId === 'sign-off' && / from other rules remain/.test(d.message))).map((d) => `${d.ruleId}: ${d.message}`);

/**
 * Applies `fix` (its edits, and its file as created), then checks that the diagnostic is
 * gone, that no rule reports a new error, and that the same fix is not offered again.
 * Returns the new text and the new errors (for the caller to assert exactly).
 */
function applyAndCheck(text: string, target: Diagnostic, fix: Fix, created = new Set<string>()) {
  const before = lint(text, { rules: ALL, pathExists: workspace(created) });
  const nextCreated = new Set(created);
  if (fix.createFile) nextCreated.add(fix.createFile);
  const after = applyFix(text, fix);
  const result = lint(after, { rules: ALL, pathExists: workspace(nextCreated) });
  assert.equal(result.diagnostics.some((d) => d.ruleId === target.ruleId && d.message === target.message), false, `still reported: ${target.message}`);
  const old = errorKeys(before.diagnostics);
  const added = errorKeys(result.diagnostics).filter((k) => !old.includes(k));
  const again = result.diagnostics.filter((d) => d.ruleId === RULE).flatMap((d) => d.fixes).filter((f) => f.title === fix.title);
  for (const f of again) assert.equal(applyFix(after, f), after, `applying "${f.title}" again changes the text`);
  return { text: after, added, created: nextCreated, result };
}

describe('rule evidence-path', () => {
  it('passes the complete report in final mode (files and folder exist in the fixture workspace)', () => {
    assert.deepEqual(only(complete(), { mode: 'final' }), []);
    assert.deepEqual(errorKeys(lint(complete(), { rules: ALL }).diagnostics), []);
  });

  describe('filled', () => {
    const text = mutate(complete(), ROLLBACK, 'evidence/rollback_[timestamp].txt');

    it('reports a slot path that still holds a template placeholder, on the path', () => {
      assert.deepEqual(only(text), [
        `${rangeOf(text, 'evidence/rollback_[timestamp].txt')} evidence-path: Evidence path "evidence/rollback_[timestamp].txt" still holds the template placeholder [timestamp]; expected a concrete path such as evidence/INC-20261020-001/rollback_${STAMP}.txt.`,
      ]);
    });

    it('leaves the token itself to the placeholder rule (both report, each about its own thing)', () => {
      const both = lintWith(text, { rules: ['placeholder', evidencePathRule] });
      assert.deepEqual(both.map((s) => s.split(': ')[0]), ['151:1-151:34 evidence-path', '151:19-151:30 placeholder']);
    });

    it('is a hint while open (a fresh draft holds every slot unfilled) and an error once resolved', () => {
      assert.deepEqual(diagnostics(text).map((d) => d.severity), ['error']);
      assert.deepEqual(diagnostics(draft(text)).map((d) => d.severity), ['hint']);
    });

    it('names the Evidence Files placeholder and suggests the incident folder', () => {
      const files = mutate(complete(), '**Evidence Files:** evidence/INC-20261020-001/', '**Evidence Files:** evidence/incident_[id]_*.txt');
      assert.deepEqual(only(files), [
        `${rangeOf(files, 'evidence/incident_[id]_*.txt')} evidence-path: Evidence path "evidence/incident_[id]_*.txt" still holds the template placeholder [id]; expected a concrete path such as evidence/INC-20261020-001/.`,
      ]);
    });
  });

  describe('inside the workspace', () => {
    const cases: [string, string][] = [
      ['../evidence/rollback.txt', 'climbs out with ".."'],
      ['/var/log/rollback.txt', 'is an absolute path'],
      ['~/rollback.txt', 'starts in a home directory (~)'],
      ['C:\\incidents\\rollback.txt', 'is an absolute path'],
      ['https://s3.example.com/evidence/rollback.txt', 'is a URL'],
      ['evidence/../../etc/passwd', 'climbs out with ".."'],
    ];
    for (const [path, reason] of cases) {
      it(`reports ${path} in a slot (${reason})`, () => {
        const text = mutate(complete(), ROLLBACK, path);
        assert.deepEqual(only(text), [
          `${rangeOf(text, path)} evidence-path: Evidence path "${path}" ${reason}; expected a path inside the workspace, relative to its root (evidence/...).`,
        ]);
      });
    }

    it('reports a .. path found in prose, even without a workspace to look in', () => {
      const text = mutate(complete(), 'Read replicas were idle throughout.', 'Raw dump: ../evidence/pg_stat.txt');
      assert.deepEqual(only(text, { pathExists: undefined }), [
        `${rangeOf(text, '../evidence/pg_stat.txt')} evidence-path: Evidence path "../evidence/pg_stat.txt" climbs out with ".."; expected a path inside the workspace, relative to its root (evidence/...).`,
      ]);
    });

    it('never offers to create a file outside the workspace', () => {
      for (const [path] of cases) {
        const result = lint(mutate(complete(), ROLLBACK, path), { rules: [evidencePathRule] });
        const fixes = result.diagnostics.flatMap((d) => d.fixes);
        assert.ok(fixes.length > 0, path);
        for (const f of fixes) {
          if (f.createFile !== undefined) assert.ok(isInsideWorkspace(f.createFile) && f.createFile !== path, `${path}: ${f.createFile}`);
        }
      }
    });
  });

  describe('exists', () => {
    it('reports a file that is not in the workspace, with a create-file fix', () => {
      const missing = 'evidence/INC-20261020-001/rollback_20261020T153200Z.txt';
      const text = mutate(complete(), ROLLBACK, missing);
      assert.deepEqual(only(text), [`${rangeOf(text, missing)} evidence-path: Evidence file "${missing}" does not exist in the workspace; expected an existing file (create it or correct the path).`]);
      assert.deepEqual(diagnostics(text)[0]!.fixes, [{ title: `Create evidence file ${missing}`, edits: [], createFile: missing }]);
    });

    it('reports nothing when existence is unknown (no workspace, or pathExists says undefined)', () => {
      const text = mutate(complete(), ROLLBACK, 'evidence/INC-20261020-001/nope.txt');
      assert.deepEqual(only(text, { pathExists: undefined }), []);
      assert.deepEqual(only(text, { pathExists: () => undefined }), []);
    });

    it('asks pathExists for the normalised path (./ and backslashes)', () => {
      const asked: string[] = [];
      const text = mutate(complete(), ROLLBACK, '.\\evidence\\INC-20261020-001\\rollback_20261020T153100Z.txt');
      assert.deepEqual(only(text, { pathExists: (p) => (asked.push(p), fixturePathExists(p)) }), []);
      assert.ok(asked.includes(ROLLBACK), asked.join(', '));
    });

    it('accepts an existing folder ending in / and reports a missing one without a create fix', () => {
      assert.deepEqual(only(complete()), []);
      const text = mutate(complete(), '**Evidence Files:** evidence/INC-20261020-001/', '**Evidence Files:** evidence/INC-20261020-002/');
      assert.deepEqual(only(text), [
        `${rangeOf(text, 'evidence/INC-20261020-002/')} evidence-path: Evidence folder "evidence/INC-20261020-002/" does not exist in the workspace; expected an existing folder (create it or correct the path).`,
      ]);
      assert.deepEqual(diagnostics(text)[0]!.fixes, []);
    });

    it('checks the folder of a pattern', () => {
      const ok = mutate(complete(), '**Evidence Files:** evidence/INC-20261020-001/', '**Evidence Files:** evidence/INC-20261020-001/*.txt');
      assert.deepEqual(only(ok), []);
      const text = mutate(complete(), '**Evidence Files:** evidence/INC-20261020-001/', '**Evidence Files:** evidence/INC-20261020-009/*.txt');
      assert.deepEqual(only(text), [
        `${rangeOf(text, 'evidence/INC-20261020-009/*.txt')} evidence-path: Evidence folder "evidence/INC-20261020-009/" does not exist in the workspace; expected an existing folder (create it or correct the path).`,
      ]);
    });

    it('checks evidence/ paths elsewhere in prose, not in an unticked option nor a URL', () => {
      const text = mutate(
        mutate(complete(), '- [ ] User report', '- [ ] User report (evidence/INC-20261020-001/ticket.txt)'),
        'Read replicas were idle throughout.',
        'Read replicas were idle (evidence/INC-20261020-001/replicas.txt). See https://grafana.internal/evidence/x.txt too.',
      );
      assert.deepEqual(only(text), [
        `${rangeOf(text, 'evidence/INC-20261020-001/replicas.txt')} evidence-path: Evidence file "evidence/INC-20261020-001/replicas.txt" does not exist in the workspace; expected an existing file (create it or correct the path).`,
      ]);
    });

    it('accepts an existing path in inline code and n/a in a slot', () => {
      let text = mutate(complete(), 'Read replicas were idle throughout.', `Replica state is in \`${ROLLBACK}\`.`);
      text = mutate(text, `\`\`\`bash\n${ROLLBACK}\n\`\`\``, '```\nn/a\n```');
      assert.deepEqual(only(text), []);
    });
  });

  describe('fixes', () => {
    const unfilled = mutate(complete(), ROLLBACK, 'evidence/rollback_[timestamp].txt');
    const concrete = `evidence/INC-20261020-001/rollback_${STAMP}.txt`;

    it('offers "fill" and "fill and create" for a placeholder path', () => {
      const [d] = diagnostics(unfilled);
      const span = d!.span;
      assert.deepEqual(d!.fixes, [
        { title: `Fill evidence path ${concrete}`, edits: [{ span, newText: concrete }] },
        { title: `Fill evidence path ${concrete} and create the file`, edits: [{ span, newText: concrete }], createFile: concrete, isPreferred: true },
      ]);
    });

    it('fill and create: the diagnostic goes, nothing new, and nothing more to do', () => {
      const d = diagnostics(unfilled)[0]!;
      const { text, added } = applyAndCheck(unfilled, d, d.fixes[1]!);
      assert.deepEqual(added, []);
      assert.ok(text.includes(`\`\`\`bash\n${concrete}\n\`\`\``));
      assert.deepEqual(only(text, { pathExists: workspace(new Set([concrete])) }), []);
    });

    it('fill alone: the placeholder diagnostic goes; the new file is reported missing until created', () => {
      const d = diagnostics(unfilled)[0]!;
      const { text, added, result } = applyAndCheck(unfilled, d, d.fixes[0]!);
      assert.deepEqual(added, [`evidence-path: Evidence file "${concrete}" does not exist in the workspace; expected an existing file (create it or correct the path).`]);
      const missing = result.diagnostics.find((x) => x.ruleId === RULE)!;
      const created = applyAndCheck(text, missing, missing.fixes[0]!);
      assert.equal(created.text, text, 'creating the file edits nothing');
      assert.deepEqual(created.added, []);
    });

    it('create file: the missing-file diagnostic goes and nothing is offered again', () => {
      const text = mutate(complete(), ROLLBACK, 'evidence/INC-20261020-001/rollback_manual.txt');
      const d = diagnostics(text)[0]!;
      const after = applyAndCheck(text, d, d.fixes[0]!);
      assert.deepEqual(after.added, []);
      assert.deepEqual(after.result.diagnostics.filter((x) => x.ruleId === RULE), []);
    });

    it('fills the Evidence Files line with the incident folder and never creates a folder', () => {
      const text = mutate(complete(), '**Evidence Files:** evidence/INC-20261020-001/', '**Evidence Files:** evidence/incident_[id]_*.txt');
      const d = diagnostics(text)[0]!;
      assert.deepEqual(d.fixes, [{ title: 'Fill evidence path evidence/INC-20261020-001/', edits: [{ span: d.span, newText: 'evidence/INC-20261020-001/' }] }]);
      const after = applyAndCheck(text, d, d.fixes[0]!);
      assert.deepEqual(after.added, []);
      assert.equal(after.text, complete());
    });

    it('replaces a path outside the workspace with a concrete one', () => {
      const text = mutate(complete(), ROLLBACK, '/var/log/rollback.txt');
      const d = diagnostics(text)[0]!;
      assert.deepEqual(d.fixes.map((f) => f.title), [`Fill evidence path ${concrete}`, `Fill evidence path ${concrete} and create the file`]);
      assert.deepEqual(applyAndCheck(text, d, d.fixes[1]!).added, []);
    });

    it('takes the ID from the file name when the header has none, and offers no fill without an ID', () => {
      const noId = mutate(unfilled, '**Incident ID:** INC-20261020-001', '**Incident ID:** INC-[YYYYMMDD]-[NNN]');
      const named = diagnostics(noId, { fileName: 'INC-20261020-007-checkout.md' }).find((d) => d.ruleId === RULE)!;
      assert.equal(named.fixes[0]!.title, `Fill evidence path evidence/INC-20261020-007/rollback_${STAMP}.txt`);
      const anonymous = diagnostics(noId).find((d) => d.ruleId === RULE)!;
      assert.deepEqual(anonymous.fixes, []);
      assert.match(anonymous.message, /expected a concrete path such as evidence\/<INC-ID>\/rollback_<YYYYMMDDTHHMMSSZ>\.txt\.$/);
    });

    it('offers only "fill" without a workspace (nothing could be created)', () => {
      const d = diagnostics(unfilled, { pathExists: undefined })[0]!;
      assert.deepEqual(d.fixes.map((f) => f.title), [`Fill evidence path ${concrete}`]);
    });

    it('fills every slot of a fresh report, each with its own file stem', () => {
      const fresh = createIncidentCore().newReport({ title: 'API latency', severity: 'major', now: new Date('2026-11-26T09:00:00Z'), existingIds: [] }).text;
      const titles = diagnostics(fresh).map((d) => d.fixes[0]?.title);
      assert.deepEqual(titles, [
        `Fill evidence path evidence/INC-20261126-001/rollback_${STAMP}.txt`,
        `Fill evidence path evidence/INC-20261126-001/metrics_before_incident_${STAMP}.txt`,
        `Fill evidence path evidence/INC-20261126-001/metrics_during_incident_${STAMP}.txt`,
        `Fill evidence path evidence/INC-20261126-001/metrics_after_mitigation_${STAMP}.txt`,
        'Fill evidence path evidence/INC-20261126-001/',
      ]);
    });
  });

  describe('robustness', () => {
    it('does not throw on empty, BOM, missing sections, broken code fences, emoji and CRLF', () => {
      const inputs = [
        '',
        '\uFEFF',
        '# Incident Report\n',
        '## 🚑 Response & Mitigation\n\n### Rollback Performed\n\n**Rollback Evidence:**\n```bash\nevidence/🔥/a.txt',
        '## 📎 Related Links\n\n- **Evidence Files:** [x](',
        '## 📈 Metrics Evidence\n\n### Before Incident\n```\n\n```\n',
      ];
      for (const text of inputs) {
        const result = lint(text, { rules: [evidencePathRule] });
        assert.deepEqual(result.diagnostics.filter((d) => d.ruleId === 'internal-error'), [], JSON.stringify(text));
      }
    });

    it('reads CRLF reports with the same ranges', () => {
      const crlf = complete().replace(/\n/g, '\r\n');
      assert.deepEqual(only(crlf), []);
      const text = mutate(crlf, ROLLBACK, 'evidence/rollback_[timestamp].txt');
      assert.deepEqual(only(text).map((s) => s.split(' ')[0]), ['151:1-151:34']);
    });
  });
});

describe('rule evidence-path: UNC paths in a code slot', () => {
  it('reports //server/share/... as outside the workspace (only "// " starts a comment)', () => {
    const path = 'evidence/INC-20261020-001/rollback_20261020T153100Z.txt';
    const unc = mutateOnce(path, '//server/share/rollback.txt');
    const comment = mutateOnce(path, '// rollback evidence is attached to the ticket');
    assert.equal(runRule(unc).length, 1);
    assert.match(runRule(unc)[0]!.message, /\/\/server\/share\/rollback\.txt/);
    assert.equal(runRule(unc)[0]!.severity, 'error');
    assert.deepEqual(runRule(comment), []);
  });
});

function mutateOnce(from: string, to: string): string {
  const text = readFixture();
  const at = text.indexOf(from);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function readFixture(): string {
  return require('node:fs').readFileSync(require('node:path').join(__dirname, '..', '..', 'fixtures', 'workspace', 'incidents', 'INC-20261020-001-checkout-outage.md'), 'utf8') as string;
}

function runRule(text: string) {
  return createIncidentCore({ config: { rules: Object.fromEntries(RULES.filter((r) => r.id !== 'evidence-path').map((r) => [r.id, 'off' as const])) } }).lint(text, { today: '2026-11-26', now: new Date('2026-11-26T12:00:00Z'), mode: 'final', pathExists: () => true }).diagnostics;
}
