/**
 * Layered configuration through the built CLI (dist/cli.js), as users run it: the root and
 * config each report finds from its folder, `extends`, `overrides`, keys left out alone.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { extendsWall, findPlace } from '../../../src/cli/workspace';
import { RULE_IDS } from '../../../src/core/rules';
import { cli, ROOT, SMALL } from './run';

interface JsonItem {
  file: string;
  ruleId: string;
  severity: string;
  line: number;
  message: string;
}

function lintJson(args: string[], cwd: string): { code: number | null; items: JsonItem[]; stderr: string } {
  const run = cli(['lint', '--today', '2026-11-26', '--format', 'json', ...args], cwd);
  return { code: run.code, items: run.stdout ? (JSON.parse(run.stdout) as JsonItem[]) : [], stderr: run.stderr };
}

/** SMALL naming one evidence file. */
const WITH_EVIDENCE = `${SMALL}\nRollback output: evidence/INC-20261126-001/rollback.txt\n`;

describe('CLI: layered configuration (dist/cli.js)', function () {
  this.timeout(120_000);
  let dir: string;
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-layers-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('`lint examples/incidents` from the repository finds the evidence under examples/ (its config marks the root), as --root examples does', () => {
    const found = lintJson(['examples/incidents'], ROOT);
    assert.equal(found.items.filter((d) => d.ruleId === 'evidence-path' && d.message.includes('does not exist')).length, 0);
    assert.equal(found.stderr, '');
    const rooted = lintJson(['--root', 'examples', 'examples/incidents'], ROOT);
    assert.deepEqual(found.items, rooted.items);
    const clean = lintJson(['--final', 'examples/incidents/INC-20261020-001-checkout-outage.md'], ROOT);
    assert.deepEqual(clean.items, []);
  });

  it('the root is the nearest folder with a config file or .git, and evidence messages name it', () => {
    mkdirSync(join(dir, '.git'));
    write('team/incidents/INC-20261126-001-a.md', WITH_EVIDENCE);
    const missing = (items: JsonItem[]) => items.filter((d) => d.ruleId === 'evidence-path').map((d) => d.message);
    // From the repository (found by .git) the evidence is looked for in dir/evidence.
    assert.deepEqual(missing(lintJson(['team/incidents'], dir).items), [
      'Evidence file "evidence/INC-20261126-001/rollback.txt" does not exist in the workspace (root: .); expected an existing file (create it or correct the path).',
    ]);
    // A config in team/ makes it the root: run from anywhere below the repository, the message names it.
    write('team/.incident-report.json', '{}');
    assert.deepEqual(missing(lintJson(['team/incidents'], dir).items), [
      'Evidence file "evidence/INC-20261126-001/rollback.txt" does not exist in the workspace (root: team); expected an existing file (create it or correct the path).',
    ]);
    write('team/evidence/INC-20261126-001/rollback.txt', 'ok\n');
    assert.deepEqual(missing(lintJson(['team/incidents'], dir).items), []);
    assert.deepEqual(missing(lintJson(['incidents'], join(dir, 'team')).items), []);
    // --root still decides.
    assert.deepEqual(missing(lintJson(['--root', '.', 'team/incidents'], dir).items), [
      'Evidence file "evidence/INC-20261126-001/rollback.txt" does not exist in the workspace (root: .); expected an existing file (create it or correct the path).',
    ]);
  });

  it('nearest config wins per folder, and overrides apply by glob (relative to the config file) in order', () => {
    mkdirSync(join(dir, '.git'));
    write(
      '.incident-report.json',
      JSON.stringify({
        rules: { 'missing-section': 'off' },
        overrides: [
          { files: ['incidents/2026/**'], mode: 'final' },
          { files: ['incidents/2026/legacy-*.md'], rules: { 'missing-section': 'warning' } },
        ],
      }),
    );
    write('incidents/2025/INC-20261126-001-a.md', SMALL);
    write('incidents/2026/INC-20261126-001-b.md', SMALL);
    write('incidents/2026/legacy-INC-20261126-001.md', SMALL);
    write('archive/.incident-report.json', JSON.stringify({ rules: { 'missing-section': 'error' } }));
    write('archive/INC-20261126-001-c.md', SMALL);
    const { items } = lintJson(['.'], dir);
    const levels = (file: string) => [...new Set(items.filter((d) => d.file === file && d.ruleId === 'missing-section').map((d) => d.severity))];
    assert.deepEqual(levels('incidents/2025/INC-20261126-001-a.md'), [], 'off in the root config');
    assert.deepEqual(levels('incidents/2026/INC-20261126-001-b.md'), [], 'the first override: final mode, the rule still off');
    assert.deepEqual(levels('incidents/2026/legacy-INC-20261126-001.md'), ['warning'], 'the second override too, in order');
    assert.deepEqual(levels('archive/INC-20261126-001-c.md'), ['error'], 'archive/ has its own config (not merged with the root one)');
    // Final mode from the first override: the unwritten Owner of sign-off etc. are errors there, not in 2025/.
    assert.ok(items.some((d) => d.file === 'incidents/2026/INC-20261126-001-b.md' && d.severity === 'error'));
    assert.ok(!items.some((d) => d.file === 'incidents/2025/INC-20261126-001-a.md' && d.severity === 'error'));
  });

  it('extends a relative file and a package file from node_modules; a key with a typo is a warning and the rest of the file applies', () => {
    mkdirSync(join(dir, '.git'));
    write('node_modules/@sre/incident-config/base.yaml', 'mode: final\nrules:\n  blameless-language: "off"\n');
    write('shared/team.json', JSON.stringify({ extends: '@sre/incident-config/base.yaml', rules: { 'missing-section': 'off' } }));
    write('.incident-report.json', JSON.stringify({ extends: './shared/team.json', rules: { 'timeline-milestone': 'off', 'timeline-milestones': { draft: 'off', final: 'warning' } } }));
    write('incidents/INC-20261126-001-a.md', SMALL);
    const run = lintJson([], dir);
    assert.equal(
      run.stderr,
      'incident-report: warning: .incident-report.json: "rules.timeline-milestone" is not a rule; known rules: ' +
        `${RULE_IDS.join(', ')}; this key is ignored\n`,
    );
    const rules = (id: string) => [...new Set(run.items.filter((d) => d.ruleId === id).map((d) => d.severity))];
    assert.deepEqual(rules('missing-section'), [], 'from shared/team.json');
    // Its final level: the valid key beside the typo applies, in the final mode the package sets.
    assert.deepEqual(rules('timeline-milestones'), ['warning']);
    assert.equal(run.code, 0);
  });

  it('an extends leading outside the root (by "..", by a link, or a package outside) stops the run with exit 2 naming the file and why', () => {
    const outside = mkdtempSync(join(tmpdir(), 'incident-outside-'));
    try {
      writeFileSync(join(outside, 'base.json'), '{"rules": {"placeholder": "off"}}');
      const repo = join(dir, 'repo');
      mkdirSync(join(repo, '.git'), { recursive: true });
      mkdirSync(join(repo, 'incidents'));
      writeFileSync(join(repo, 'incidents', 'INC-20261126-001-a.md'), SMALL);
      writeFileSync(join(repo, '.incident-report.json'), JSON.stringify({ extends: `../../${outside.split('/').pop()}/base.json` }));
      let run = cli(['lint'], repo);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^incident-report: \.incident-report\.json: "extends" "\.\.\/\.\.\/incident-outside-\w+\/base\.json": it leads outside the workspace .*repo/);
      symlinkSync(join(outside, 'base.json'), join(repo, 'base.json'));
      writeFileSync(join(repo, '.incident-report.json'), JSON.stringify({ extends: './base.json' }));
      run = cli(['lint'], repo);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /"extends" "\.\/base\.json": it leads outside the workspace .*\(through "\.\.", an absolute path or a symbolic link\)/);
      writeFileSync(join(repo, '.incident-report.json'), JSON.stringify({ extends: ['./a.json'] }));
      writeFileSync(join(repo, 'a.json'), JSON.stringify({ extends: './.incident-report.json' }));
      run = cli(['lint'], repo);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, 'incident-report: a.json: "extends" "./.incident-report.json" makes a cycle: .incident-report.json → a.json → .incident-report.json\n');
      // A package is looked for in node_modules up to the root only: one above it is not found.
      mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', 'pkg', 'c.json'), '{}');
      writeFileSync(join(repo, '.incident-report.json'), JSON.stringify({ extends: 'pkg/c.json' }));
      run = cli(['lint'], repo);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, 'incident-report: .incident-report.json: "extends" "pkg/c.json": no node_modules folder from . up to the root . holds it (packages are never fetched)\n');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('CLI: finding the root and the config', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-place-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('walks up to the nearest config or .git; --root stops the walk; nothing found falls back', () => {
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    mkdirSync(join(dir, 'repo', 'team', 'incidents', '2026'), { recursive: true });
    const deep = join(dir, 'repo', 'team', 'incidents', '2026');
    assert.deepEqual(findPlace(deep, undefined, '/fallback'), { root: join(dir, 'repo'), configPath: undefined });
    writeFileSync(join(dir, 'repo', 'team', '.incident-report.yaml'), 'mode: final\n');
    assert.deepEqual(findPlace(deep, undefined, '/fallback'), { root: join(dir, 'repo', 'team'), configPath: join(dir, 'repo', 'team', '.incident-report.yaml') });
    assert.deepEqual(findPlace(deep, join(dir, 'repo'), '/fallback'), { root: join(dir, 'repo'), configPath: join(dir, 'repo', 'team', '.incident-report.yaml') });
    assert.deepEqual(findPlace(join(dir, 'repo', 'team', 'incidents'), join(dir, 'repo', 'team', 'incidents'), '/fallback'), { root: join(dir, 'repo', 'team', 'incidents'), configPath: undefined });
    mkdirSync(join(dir, 'loose'));
    assert.equal(findPlace(join(dir, 'loose'), undefined, '/fallback').root, '/fallback');
    // A folder outside --root: the root's config, never one above the root.
    assert.deepEqual(findPlace(deep, join(dir, 'loose'), '/fallback'), { root: join(dir, 'loose'), configPath: undefined });
  });

  it('extends may not leave --root, else the repository, else the config\'s folder', () => {
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    mkdirSync(join(dir, 'repo', 'team'), { recursive: true });
    assert.equal(extendsWall(join(dir, 'repo', 'team', '.incident-report.json'), undefined), join(dir, 'repo'));
    assert.equal(extendsWall(join(dir, 'repo', 'team', '.incident-report.json'), join(dir, 'repo', 'team')), join(dir, 'repo', 'team'));
    mkdirSync(join(dir, 'loose'));
    assert.equal(extendsWall(join(dir, 'loose', '.incident-report.json'), undefined), join(dir, 'loose'));
  });
});
