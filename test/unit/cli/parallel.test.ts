/**
 * `lint --jobs N`: worker threads (the built dist/cli.js is its own worker script) print
 * exactly what one thread prints, in every format, with the same exit code and messages.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileLinter, type LintSettings } from '../../../src/cli/lintFile';
import { createPool } from '../../../src/cli/pool';
import { generateCorpus } from '../../../scripts/bench/generate';
import { CLI, cli, inProcess, NOW, ROOT, SMALL } from './run';

const GENERATED = 60;
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('incident-report lint --jobs: worker threads print what one thread prints', function () {
  this.timeout(240_000);
  let dir: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
    dir = mkdtempSync(join(tmpdir(), 'incident-cli-parallel-'));
    // The examples, 60 generated reports (drafts and final ones), a report with an error,
    // files that are no report, one in a folder outside the current one, and an unreadable entry.
    cpSync(join(ROOT, 'examples'), join(dir, 'work'), { recursive: true });
    const incidents = join(dir, 'work', 'incidents');
    mkdirSync(join(incidents, 'generated'));
    for (const { name, text } of generateCorpus(GENERATED)) writeFileSync(join(incidents, 'generated', name), text);
    writeFileSync(join(incidents, 'broken.md'), SMALL.replace('| 14:02 |', '| 25:99 |'));
    writeFileSync(join(incidents, 'notes.md'), '# Notes\n\nNot a report.\n');
    symlinkSync(join(dir, 'nowhere.md'), join(incidents, 'dangling.md'));
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'report.md'), SMALL);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['text', 'json', 'sarif'] as const) {
    it(`${format}: --jobs 1, --jobs 3 and the in-process run agree byte for byte (exit code and stderr too)`, async () => {
      const cwd = join(dir, 'work');
      const args = ['lint', 'incidents', '../outside/report.md', 'README.md', '--format', format, '--today', '2026-11-26'];
      const serial = cli([...args, '--jobs', '1'], cwd);
      assert.equal(serial.code, 2, serial.stderr);
      assert.match(serial.stderr, /dangling\.md: cannot read report: no such file/);
      const parallel = cli([...args, '--jobs', '3'], cwd);
      assert.deepEqual(parallel, serial);
      // In-process (from source, linting in this thread) the tool's version reads 0.0.0-dev.
      const local = await inProcess([...args, '--jobs', '4'], cwd);
      assert.deepEqual({ ...local, stdout: local.stdout.replaceAll('"0.0.0-dev"', `"${version}"`) }, serial);
      if (format === 'text') {
        // The default is the number of cores.
        assert.deepEqual(cli(args, cwd), serial);
        const files = new Set(serial.stdout.split('\n').map((l) => /^(.+?\.md):\d+:/.exec(l)?.[1]).filter(Boolean));
        assert.ok(files.has('../outside/report.md') && files.has('README.md') && files.has('incidents/broken.md'), [...files].slice(0, 5).join(' '));
        // The 11 examples, the generated reports, broken.md, the one outside and README.md (named).
        assert.equal(serial.stdout.trim().split('\n').at(-1)?.replace(/^.* in /, ''), `${11 + GENERATED + 3} reports`);
        assert.match(serial.stdout, /^incidents\/broken\.md:18:3: error Timeline time "25:99"/m);
      }
    });
  }

  it('--final on the examples and generated reports: the same with 1 and 2 threads', () => {
    const cwd = join(dir, 'work');
    const serial = cli(['lint', 'incidents', '--final', '--format', 'json', '--today', '2026-11-26', '--jobs', '1'], cwd);
    assert.equal(serial.code, 2);
    assert.deepEqual(cli(['lint', 'incidents', '--final', '--format', 'json', '--today', '2026-11-26', '--jobs', '2'], cwd), serial);
  });

  it('the pool starts real worker threads from dist/cli.js, up to --jobs - 1 beside this thread, whose results equal this thread\'s', async () => {
    const settings: LintSettings = { templateText: undefined, config: {}, final: false, now: new Date(NOW), today: '2026-11-26', root: join(ROOT, 'examples') };
    const texts = [...generateCorpus(24)];
    const local = createFileLinter(settings);
    const pool = createPool(settings, 3, CLI);
    try {
      const results = await Promise.all(texts.map(({ name, text }) => pool.lint(text, name, true)));
      assert.equal(pool.workers, 2);
      results.forEach((result, i) => assert.deepEqual(result, local(texts[i]!.text, texts[i]!.name, true)));
      assert.equal(await pool.lint('# Not a report\n', 'notes.md', true), undefined);
    } finally {
      await pool.close();
    }
  });

  it('a worker that dies fails the files it was given (and later ones) instead of hanging', async () => {
    const script = join(dir, 'dies.js');
    writeFileSync(script, 'process.exit(3);\n');
    const settings: LintSettings = { templateText: undefined, config: {}, final: false, now: new Date(NOW), today: '2026-11-26', root: dir };
    const pool = createPool(settings, 2, script);
    try {
      // The first file is linted in this thread; the next goes to a worker, which dies.
      assert.ok(await pool.lint(SMALL, 'a.md', false));
      await assert.rejects(pool.lint(SMALL, 'b.md', false), /lint worker stopped \(exit code 3\)/);
      await assert.rejects(pool.lint(SMALL, 'c.md', false), /lint worker stopped/);
    } finally {
      await pool.close();
    }
  });

  it('--jobs must be a positive whole number (exit 2)', () => {
    const cwd = join(dir, 'work');
    for (const value of ['0', 'two', '1.5', '-1', '']) {
      const result = cli(['lint', 'incidents', `--jobs=${value}`], cwd);
      assert.equal(result.code, 2, value);
      assert.match(result.stderr, new RegExp(`^incident-report: --jobs ${value.replace('.', '\\.')}: expected a positive whole number`), value);
      assert.equal(result.stdout, '');
    }
    assert.equal(readFileSync(join(cwd, 'incidents', 'notes.md'), 'utf8'), '# Notes\n\nNot a report.\n');
  });
});
