/**
 * .pre-commit-hooks.yaml: the pre-commit framework's hook manifest parses, its hooks have
 * the keys pre-commit requires, each entry is a real command of the built CLI with real
 * options (run here as pre-commit would, on a staged report), and `npm pack` (how pre-commit
 * installs a node hook) ships the command the entry names.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLI, NOW, ROOT, cli, copyEditingExamples } from './run';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  types?: string[];
}

const HOOKS = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
const LOGIN = 'incidents/INC-20261125-001-login-failures-for-sso-users.md';

describe('.pre-commit-hooks.yaml', function () {
  this.timeout(120_000);

  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });

  it('lists hooks with the keys pre-commit requires, run by node on Markdown reports', () => {
    assert.ok(Array.isArray(HOOKS));
    assert.deepEqual(
      HOOKS.map((h) => h.id),
      ['incident-report-fix', 'incident-report-lint'],
    );
    for (const hook of HOOKS) {
      for (const key of ['id', 'name', 'entry', 'language'] as const) assert.equal(typeof hook[key], 'string', `${hook.id}: ${key}`);
      assert.equal(hook.language, 'node');
      assert.deepEqual(hook.types, ['markdown']);
      const files = new RegExp(hook.files!);
      for (const path of [LOGIN, 'docs/incidents/2026/INC-20261126-001-x.md']) assert.ok(files.test(path), `${hook.id} takes ${path}`);
      for (const path of ['README.md', 'incidents/notes.txt', 'src/incidents.md']) assert.ok(!files.test(path), `${hook.id} leaves ${path}`);
    }
  });

  it('each entry names the package\'s command and options its --help lists', () => {
    const help = cli(['lint', '--help'], ROOT).stdout;
    for (const hook of HOOKS) {
      const [command, subcommand, ...options] = hook.entry.split(/\s+/);
      assert.ok(command! in PACKAGE.bin, `${command} is a bin of package.json`);
      assert.equal(subcommand, 'lint');
      for (const option of options) {
        assert.match(option, /^--[a-z-]+$/);
        assert.ok(help.includes(`${option} `) || help.includes(`[${option}`), `${option} is in --help`);
      }
    }
    assert.equal(HOOKS.find((h) => h.id === 'incident-report-fix')!.entry, 'incident-report lint --fix');
  });

  it('the fix hook\'s entry, run with a staged report as pre-commit runs it, fixes the report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-precommit-'));
    try {
      copyEditingExamples(dir);
      const before = readFileSync(join(dir, LOGIN), 'utf8');
      const [, ...args] = HOOKS.find((h) => h.id === 'incident-report-fix')!.entry.split(/\s+/);
      const run = cli([...args, '--today', NOW.slice(0, 10), LOGIN], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^${LOGIN.replace(/[./]/g, '\\$&')}: fixed 4 problems$`, 'm'));
      assert.notEqual(readFileSync(join(dir, LOGIN), 'utf8'), before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('npm pack (how pre-commit installs a node hook) builds first and ships the bin the entry runs', () => {
    assert.match(PACKAGE.scripts['prepack']!, /scripts\/build\.mjs/);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const pack = spawnSync(npm, ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const files = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
    assert.ok(files.includes(PACKAGE.bin['incident-report']!.replace(/^\.\//, '')));
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli.js', 'dist/server.js', 'package.json']);
  });

  it('npm pack, prepack build included, prints only the tarball\'s name (pre-commit reads it as the file to install)', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // The build writes dist/ again, as `npm run build` would: the same files.
    const pack = spawnSync(npm, ['pack', '--dry-run'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    assert.equal(pack.stdout, `incident-report-${version}.tgz\n`);
  });
});
