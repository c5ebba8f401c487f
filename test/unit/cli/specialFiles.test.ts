/**
 * The CLI reads regular files only, and not past a size limit: FIFOs (an open or a read
 * blocks), devices (/dev/zero never ends) and huge files are named on stderr (exit 2), never
 * read. Run as users run it, the built dist/cli.js in a child process, each run bounded by a
 * kill so that a hang fails a test instead of blocking the suite.
 *
 * Tests run as root in CI, where chmod does not stop reads: the unreadable cases are FIFOs
 * (mkfifo), links to /dev/zero and sparse files.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_TEXT_BYTES } from '../../../src/cli/workspace';
import { CLI, cli as runCli, ROOT, SMALL, type Run } from './run';

const MB = 1024 * 1024;
/** Each run is killed after 20 s: a hang fails its test instead of blocking the suite. */
const cli = (args: readonly string[], cwd: string, timeout = 20_000): Run => runCli(args, cwd, timeout);

const summary = (run: Run): string | undefined => run.stdout.trim().split('\n').at(-1);
const problems = (run: Run): string[] => run.stderr.trim().split('\n').filter(Boolean);

describe('incident-report CLI: FIFOs, devices and huge files are not read (dist/cli.js)', function () {
  this.timeout(60_000);
  let dir: string;
  let incidents: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-cli-special-'));
    incidents = join(dir, 'incidents');
    mkdirSync(incidents);
    writeFileSync(join(incidents, 'report.md'), SMALL);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a FIFO or a link to /dev/zero named explicitly is named on stderr, exit 2, the other reports still linted', () => {
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    symlinkSync('/dev/zero', join(dir, 'zero.md'));
    const run = cli(['lint', 'pipe.md', 'zero.md', 'incidents', '--today', '2026-11-26'], dir);
    assert.equal(run.code, 2, run.stderr);
    assert.deepEqual(problems(run), ['incident-report: pipe.md: not a regular file (a FIFO)', 'incident-report: zero.md: not a regular file (a character device)']);
    assert.equal(summary(run), '0 errors, 0 warnings, 16 notes in 1 report');
  });

  it('a FIFO named *.md (not a link) in a searched folder is reported like a link to one', () => {
    execFileSync('mkfifo', [join(incidents, 'direct.md')]);
    const run = cli(['lint', 'incidents', '--today', '2026-11-26'], dir);
    assert.equal(run.code, 2, run.stderr);
    assert.deepEqual(problems(run), [`incident-report: ${join(incidents, 'direct.md')}: cannot read report: not a regular file (a FIFO)`]);
    assert.equal(summary(run), '0 errors, 0 warnings, 16 notes in 1 report');
  });

  it('a config file that is a FIFO, or a template linked to /dev/zero, is exit 2 naming it', () => {
    execFileSync('mkfifo', [join(dir, '.incident-report.json')]);
    const config = cli(['lint', 'incidents'], dir);
    assert.equal(config.code, 2);
    // Config files are named relative to the working directory, as in the warnings about their keys.
    assert.equal(config.stderr.trim(), 'incident-report: .incident-report.json: cannot read config file: not a regular file (a FIFO)');
    rmSync(join(dir, '.incident-report.json'));

    mkdirSync(join(dir, '.incident'));
    symlinkSync('/dev/zero', join(dir, '.incident', 'template.md'));
    const template = cli(['lint', 'incidents'], dir);
    assert.equal(template.code, 2);
    // The link leads out of the workspace: refused before anything is opened.
    assert.equal(template.stderr.trim(), `incident-report: ${join(dir, '.incident', 'template.md')}: cannot read template: it leads outside the workspace ${dir} (through "..", an absolute path or a symbolic link)`);
    rmSync(join(dir, '.incident', 'template.md'));
    // A device inside the workspace (a FIFO here) is still refused as not a regular file.
    execFileSync('mkfifo', [join(dir, '.incident', 'template.md')]);
    const fifo = cli(['lint', 'incidents'], dir);
    assert.equal(fifo.code, 2);
    assert.equal(fifo.stderr.trim(), `incident-report: ${join(dir, '.incident', 'template.md')}: cannot read template: not a regular file (a FIFO)`);
  });

  it(`a file over the ${MAX_TEXT_BYTES / MB} MB limit (sparse) is reported, not read, found in a folder or named; a 5 MB report is linted`, () => {
    assert.equal(MAX_TEXT_BYTES, 64 * MB);
    const huge = join(incidents, 'huge.md');
    writeFileSync(huge, SMALL);
    truncateSync(huge, 65 * MB);
    const expected = `incident-report: ${huge}: cannot read report: too large (65.0 MB, over the 64 MB limit)`;
    const searched = cli(['lint', 'incidents', '--today', '2026-11-26'], dir);
    assert.equal(searched.code, 2, searched.stderr);
    assert.deepEqual(problems(searched), [expected]);
    assert.equal(summary(searched), '0 errors, 0 warnings, 16 notes in 1 report');
    const named = cli(['lint', join('incidents', 'huge.md'), '--today', '2026-11-26'], dir);
    assert.equal(named.code, 2, named.stderr);
    assert.deepEqual(problems(named), [expected]);
    rmSync(huge);

    // 5 MB: the report with a long Summary (long lines keep the lint quick).
    const paragraph = `${'The API answered slowly for some customers while the cache was cold. '.repeat(1000)}\n\n`;
    const big = `${SMALL}\n## 📋 Summary\n\n${paragraph.repeat(Math.ceil((5 * MB) / paragraph.length))}`;
    assert.ok(big.length >= 5 * MB);
    writeFileSync(join(incidents, 'report.md'), big);
    const five = cli(['lint', 'incidents', '--today', '2026-11-26'], dir, 120_000);
    assert.equal(five.code, 0, five.stderr);
    assert.equal(five.stderr, '');
    assert.match(summary(five)!, /^0 errors, 0 warnings, \d+ notes in 1 report$/);
  });

  it('the reader checks the opened file again: a FIFO that appears after the stat (the race) neither blocks nor is read', () => {
    // readRegularFile is what readText runs after its stat: called alone on a FIFO, it is the
    // file swapped in between. A child process, as a blocking open would hang this one.
    const pipe = join(dir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    const code = `const { readRegularFile } = require(${JSON.stringify(join(ROOT, 'src', 'cli', 'workspace.ts'))});
try { readRegularFile(process.argv[1]); console.log('read'); } catch (error) { console.log(error.message); }`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', code, pipe], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    assert.notEqual(result.status, null, `still running after 20 s (killed): ${result.stderr}`);
    assert.equal(result.stdout.trim(), 'not a regular file (a FIFO)', result.stderr);
  });
});
