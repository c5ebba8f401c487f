/**
 * `lint --cache`: a file's diagnostics come from the cache only while every input they
 * depend on is unchanged (content, config, template, tool version, --final, today's place
 * among the report's dates, the evidence paths looked up), and a broken cache file is
 * never trusted. Run in-process (src/cli/main.ts `run`), plus once through dist/cli.js.
 *
 * To tell a reused result from a fresh one, the tests overwrite the cached messages with
 * FROM CACHE: a file printed with them was served from the cache.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DEFAULT_TEMPLATE } from '../../../src/core';
import { CACHE_FILE_NAME, todayPlace } from '../../../src/cli/cache';
import { createFileLinter, type FileLint } from '../../../src/cli/lintFile';
import { generateCorpus } from '../../../scripts/bench/generate';
import { CLI, cli, inProcess, NOW, ROOT, SMALL, type Run } from './run';

interface Item {
  file: string;
  ruleId: string;
  severity: string;
  line: number;
  message: string;
}
interface Result extends Run {
  items: Item[];
}

const FROM_CACHE = 'FROM CACHE';
const TODAY = '2026-11-26';

async function lint(cwd: string, args: readonly string[], now = NOW): Promise<Result> {
  const result = await inProcess(['lint', '--format', 'json', ...args], cwd, now);
  return { ...result, items: result.stdout ? (JSON.parse(result.stdout) as Item[]) : [] };
}

/** Files whose every diagnostic came from the (tampered) cache, and files with none from it. */
function servedFiles(result: Result): { cached: string[]; fresh: string[] } {
  const files = [...new Set(result.items.map((d) => d.file))];
  const from = (file: string) => result.items.filter((d) => d.file === file).map((d) => d.message === FROM_CACHE);
  for (const file of files) assert.ok(from(file).every((x) => x) || from(file).every((x) => !x), `${file}: part of its diagnostics from the cache`);
  return { cached: files.filter((f) => from(f)[0]), fresh: files.filter((f) => !from(f)[0]) };
}

type Stored = { hash: string; report: boolean | null; lint: { diagnostics: [string, string, number, number, number, number, string | string[]][] } | null };
const readCache = (dir: string): { format: string; version: number; tool: string; entries: Record<string, Stored> } => JSON.parse(readFileSync(join(dir, CACHE_FILE_NAME), 'utf8'));

/** Overwrites every cached message (`keep`: those for which it returns true are left). */
function tamper(dir: string, keep: (message: string | string[]) => boolean = () => false): void {
  const data = readCache(dir);
  for (const entry of Object.values(data.entries)) for (const d of entry.lint?.diagnostics ?? []) if (!keep(d[6])) d[6] = FROM_CACHE;
  writeFileSync(join(dir, CACHE_FILE_NAME), JSON.stringify(data));
}

const byFile = (items: Item[]): Map<string, Item[]> => {
  const map = new Map<string, Item[]>();
  for (const d of items) map.set(d.file, [...(map.get(d.file) ?? []), d]);
  return map;
};

describe('incident-report lint --cache', function () {
  this.timeout(120_000);
  let dir: string;
  const reports = ['INC-20261020-001-checkout-outage.md', 'INC-20261124-001-search-latency-above-slo.md', 'INC-20261125-001-login-failures-for-sso-users.md'].map((name) => join('incidents', name));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-cli-cache-'));
    // The three original examples (the insights examples added since add nothing these tests need).
    mkdirSync(join(dir, 'incidents'));
    for (const report of reports) cpSync(join(ROOT, 'examples', report), join(dir, report));
    cpSync(join(ROOT, 'examples', 'evidence'), join(dir, 'evidence'), { recursive: true });
    // A report dated long before any `today` below, a file in the folder that is no report,
    // and a README (never read: README files are never linted in a folder).
    writeFileSync(join(dir, 'incidents', 'old.md'), SMALL.replaceAll('2026-11-26', '2026-01-05').replace('INC-20261126-001', 'INC-20260105-001'));
    writeFileSync(join(dir, 'incidents', 'notes.md'), '# Incidents\n\nOne report per file.\n');
    writeFileSync(join(dir, 'incidents', 'README.md'), '# Incidents\n\nOne report per file.\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A cached run, then the cache tampered: the next unchanged run prints FROM CACHE for every file. */
  async function primed(args: readonly string[] = []): Promise<Result> {
    const plain = await lint(dir, ['--today', TODAY, ...args]);
    const first = await lint(dir, ['--cache', '--today', TODAY, ...args]);
    assert.deepEqual(first, plain, 'a cold cached run prints what a run without the cache does');
    tamper(dir);
    const warm = await lint(dir, ['--cache', '--today', TODAY, ...args]);
    // (The checkout outage report lints clean: it has nothing to print, from the cache or not.)
    assert.deepEqual(servedFiles(warm), { cached: [...reports.slice(1), join('incidents', 'old.md')].sort(), fresh: [] });
    assert.equal(warm.code, plain.code);
    return plain;
  }

  it('reuses every unchanged file, and lints again only a changed one', async () => {
    const plain = await primed();
    writeFileSync(join(dir, reports[1]!), `${readFileSync(join(dir, reports[1]!), 'utf8')}\nOne more line.\n`);
    const after = await lint(dir, ['--cache', '--today', TODAY]);
    assert.deepEqual(servedFiles(after).fresh, [reports[1]]);
    assert.deepEqual(byFile(after.items).get(reports[1]!), byFile(plain.items).get(reports[1]!));
    // The notes are remembered as no report: they are never printed; the README is not even read.
    assert.ok(!after.items.some((d) => d.file.endsWith('notes.md') || d.file.endsWith('README.md')));
    assert.equal(readCache(dir).entries['incidents/notes.md']?.report, false);
    assert.equal(readCache(dir).entries['incidents/README.md'], undefined);
  });

  it('lints everything again when the config changes', async () => {
    await primed();
    writeFileSync(join(dir, '.incident-report.json'), JSON.stringify({ rules: { placeholder: 'off' } }));
    const after = await lint(dir, ['--cache', '--today', TODAY]);
    assert.deepEqual(servedFiles(after).cached, []);
    assert.deepEqual(after, await lint(dir, ['--today', TODAY]));
    assert.ok(!after.items.some((d) => d.ruleId === 'placeholder'));
  });

  it('lints everything again when the template changes', async () => {
    await primed();
    mkdirSync(join(dir, '.incident'));
    writeFileSync(join(dir, '.incident', 'template.md'), `${DEFAULT_TEMPLATE}\n<!-- our team's copy -->\n`);
    const after = await lint(dir, ['--cache', '--today', TODAY]);
    assert.deepEqual(servedFiles(after).cached, []);
    assert.deepEqual(after, await lint(dir, ['--today', TODAY]));
  });

  it('lints everything again under another version of the tool, and under --final', async () => {
    await primed();
    const data = readCache(dir);
    const tool = data.tool;
    writeFileSync(join(dir, CACHE_FILE_NAME), JSON.stringify({ ...data, tool: '0.0.1-other' }));
    const other = await lint(dir, ['--cache', '--today', TODAY]);
    assert.deepEqual(servedFiles(other).cached, []);
    assert.equal(other.stderr, '', 'another version\'s cache is dropped without a note');
    assert.equal(readCache(dir).tool, tool);

    tamper(dir);
    const final = await lint(dir, ['--cache', '--final', '--today', TODAY]);
    assert.deepEqual(servedFiles(final).cached, []);
    assert.deepEqual(final, await lint(dir, ['--final', '--today', TODAY]));
  });

  it('today: reused while today stays between the same dates of a report, linted again when it passes one', async () => {
    await primed();
    // 2026-11-25 is the Date of the login report: today before it makes that Date "in the future".
    const before = await lint(dir, ['--cache', '--today', '2026-11-24']);
    const fresh = await lint(dir, ['--today', '2026-11-24']);
    const { cached, fresh: relinted } = servedFiles(before);
    assert.ok(relinted.includes(reports[2]!), relinted.join(' '));
    assert.ok(cached.includes(join('incidents', 'old.md')), cached.join(' '));
    for (const file of relinted) assert.deepEqual(byFile(before.items).get(file), byFile(fresh.items).get(file));
    // What was served is what a fresh lint prints on that day (the cache held the same).
    const originally = byFile((await lint(dir, ['--today', TODAY])).items);
    for (const file of cached) assert.deepEqual(byFile(fresh.items).get(file), originally.get(file), `${file} was reused but differs on 2026-11-24`);
    assert.ok(fresh.items.some((d) => d.file === reports[2] && /in the future \(today is 2026-11-24/.test(d.message)));
  });

  it('today: a report whose messages name today is linted again the next day', async () => {
    // Far enough ahead that action items are overdue: those messages say "today is ...".
    const day1 = '2027-06-01';
    const day2 = '2027-06-02';
    await lint(dir, ['--cache', '--today', day1]);
    tamper(dir);
    const next = await lint(dir, ['--cache', '--today', day2]);
    const fresh = await lint(dir, ['--today', day2]);
    const naming = [...new Set(fresh.items.filter((d) => d.message.includes(`today is ${day2}`)).map((d) => d.file))];
    assert.ok(naming.length > 0, 'the examples have overdue action items in 2027');
    const { cached, fresh: relinted } = servedFiles(next);
    for (const file of naming) assert.ok(relinted.includes(file), `${file} names today but was reused`);
    assert.ok(cached.length > 0, 'reports that do not name today are reused');
    for (const file of relinted) assert.deepEqual(byFile(next.items).get(file), byFile(fresh.items).get(file));
  });

  it('the clock: a suggested evidence name holds the time of the run, also when reused', async () => {
    await lint(dir, ['--cache', '--today', TODAY]);
    const stamped = Object.values(readCache(dir).entries).flatMap((e) => e.lint?.diagnostics ?? []).filter((d) => Array.isArray(d[6]));
    assert.ok(stamped.length > 0, 'the search latency report suggests evidence names with the time');
    tamper(dir, (message) => Array.isArray(message));
    const later = '2026-11-26T18:30:07Z';
    const reused = await lint(dir, ['--cache', '--today', TODAY], later);
    const fresh = await lint(dir, ['--today', TODAY], later);
    const timed = fresh.items.filter((d) => d.message.includes('20261126T183007Z'));
    assert.ok(timed.length > 0);
    for (const d of timed) assert.ok(reused.items.some((r) => r.file === d.file && r.line === d.line && r.message === d.message), d.message);
    assert.ok(reused.items.some((d) => d.message === FROM_CACHE), 'the other messages were reused');
  });

  it('an evidence file created or deleted: the reports that name it are linted again', async () => {
    const plain = await primed();
    assert.ok(!plain.items.some((d) => d.file === reports[0] && d.ruleId === 'evidence-path'));
    rmSync(join(dir, 'evidence', 'INC-20261020-001', 'rollback_20261020T153100Z.txt'));
    const after = await lint(dir, ['--cache', '--today', TODAY]);
    assert.deepEqual(servedFiles(after).fresh, [reports[0]]);
    assert.ok(after.items.some((d) => d.file === reports[0] && d.ruleId === 'evidence-path' && d.message.includes('rollback_20261020T153100Z.txt')));
    assert.deepEqual(byFile(after.items).get(reports[0]!), byFile((await lint(dir, ['--today', TODAY])).items).get(reports[0]!));
  });

  for (const [name, corrupt, note] of [
    ['truncated', (path: string) => truncateSync(path, Math.floor(statSync(path).size / 2)), /not JSON, or cut short/],
    ['another tool\'s file', (path: string) => writeFileSync(path, JSON.stringify({ '/repo/src/a.js': { size: 10, mtime: 1, hash: 'x' } })), /not an incident-report cache/],
    ['of wrong types', (path: string) => {
      const data = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, Stored> };
      Object.values(data.entries).find((e) => e.lint?.diagnostics.length)!.lint!.diagnostics[0]![2] = '1' as unknown as number;
      writeFileSync(path, JSON.stringify(data));
    }, /malformed entry for "incidents\//],
    ['empty', (path: string) => writeFileSync(path, ''), /not JSON, or cut short/],
  ] as const) {
    it(`a cache file ${name} is ignored with a note and rewritten`, async () => {
      const plain = await primed();
      const path = join(dir, CACHE_FILE_NAME);
      corrupt(path);
      const after = await lint(dir, ['--cache', '--today', TODAY]);
      assert.equal(after.code, plain.code);
      assert.equal(after.stdout, plain.stdout);
      assert.match(after.stderr, new RegExp(`^incident-report: ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ignoring the cache file \\(`));
      assert.match(after.stderr, note);
      assert.equal(after.stderr.trim().split('\n').length, 1);
      const rewritten = readCache(dir);
      assert.equal(rewritten.format, 'incident-report-cache');
      assert.equal(Object.keys(rewritten.entries).length, 5);
      // And trusted again on the next run.
      tamper(dir);
      assert.equal(servedFiles(await lint(dir, ['--cache', '--today', TODAY])).fresh.length, 0);
    });
  }

  it('is written beside itself and renamed into place (atomic), and only when something changed', async () => {
    await lint(dir, ['--cache', '--today', TODAY]);
    const path = join(dir, CACHE_FILE_NAME);
    const first = statSync(path);
    await lint(dir, ['--cache', '--today', TODAY]);
    assert.equal(statSync(path).mtimeMs, first.mtimeMs, 'an all-hit run does not rewrite the cache');
    writeFileSync(join(dir, reports[0]!), `${readFileSync(join(dir, reports[0]!), 'utf8')}\n`);
    await lint(dir, ['--cache', '--today', TODAY]);
    assert.notEqual(statSync(path).ino, first.ino, 'a new file renamed over the old one, not rewritten in place');
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith(CACHE_FILE_NAME)), [CACHE_FILE_NAME]);
  });

  it('--cache-location: a file, or a folder to put it in; entries of deleted reports are dropped', async () => {
    mkdirSync(join(dir, 'tmp'));
    await lint(dir, ['--cache', '--cache-location', 'tmp', '--today', TODAY]);
    assert.ok(existsSync(join(dir, 'tmp', CACHE_FILE_NAME)));
    await lint(dir, ['--cache', '--cache-location', 'tmp/lint.json', '--today', TODAY]);
    const data = JSON.parse(readFileSync(join(dir, 'tmp', 'lint.json'), 'utf8')) as { entries: Record<string, unknown> };
    assert.ok('../incidents/old.md' in data.entries, Object.keys(data.entries).join(' '));
    rmSync(join(dir, 'incidents', 'old.md'));
    await lint(dir, ['--cache', '--cache-location', 'tmp/lint.json', '--today', TODAY]);
    assert.ok(!('../incidents/old.md' in (JSON.parse(readFileSync(join(dir, 'tmp', 'lint.json'), 'utf8')) as { entries: Record<string, unknown> }).entries));
    assert.equal(existsSync(join(dir, CACHE_FILE_NAME)), false);
    const alone = await lint(dir, ['--cache-location', 'x']);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--cache-location needs --cache/);
  });

  it('through dist/cli.js with worker threads: cold, then warm after one change, prints what a run without the cache does', () => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
    const plain = cli(['lint', 'incidents', '--today', TODAY, '--jobs', '1'], dir);
    const cold = cli(['lint', 'incidents', '--today', TODAY, '--jobs', '3', '--cache'], dir);
    assert.deepEqual(cold, plain);
    tamper(dir);
    writeFileSync(join(dir, reports[2]!), `${readFileSync(join(dir, reports[2]!), 'utf8')}\n`);
    const warm = cli(['lint', 'incidents', '--today', TODAY, '--jobs', '3', '--cache'], dir);
    assert.equal(warm.code, plain.code);
    const lines = warm.stdout.trim().split('\n');
    assert.equal(lines.at(-1), plain.stdout.trim().split('\n').at(-1));
    assert.deepEqual(lines.filter((l) => !l.includes(FROM_CACHE)).slice(0, -1), plain.stdout.trim().split('\n').filter((l) => l.startsWith(`${reports[2]}:`)));
  });
});

describe('what the cache assumes of the rules', function () {
  // Every example (11 since the insights examples of #15) at many days each: over a minute on a busy machine.
  this.timeout(300_000);
  const texts = [
    ...readdirSync(join(ROOT, 'examples', 'incidents')).map((name) => ({ name, text: readFileSync(join(ROOT, 'examples', 'incidents', name), 'utf8') })),
    ...generateCorpus(12),
  ];
  const lintWith = (now: string, today: string) => createFileLinter({ templateText: undefined, config: {}, final: false, now: new Date(now), today, root: join(ROOT, 'examples') });
  const day = (iso: string, offset: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const namesToday = (result: FileLint, today: string): boolean => result.diagnostics.some((d) => d.message.includes(today));

  it('diagnostics depend on today only through where it falls among the report\'s dates (or name it)', () => {
    let compared = 0;
    for (const { name, text } of texts) {
      const all = [...new Set([...text.matchAll(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g)].map((m) => m[0]))].filter((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`))).sort();
      // Days on both sides of (at most 8 of) the report's dates, and far from all of them.
      const dates = all.filter((_, i) => all.length <= 8 || i % Math.ceil(all.length / 8) === 0 || i === all.length - 1);
      const candidates = [...new Set(['2001-01-01', '2099-12-31', ...dates.flatMap((d) => [day(d, -2), day(d, -1), d, day(d, 1), day(d, 2)])])].sort();
      const groups = new Map<string, string[]>();
      for (const today of candidates) groups.set(todayPlace(text, name, today), [...(groups.get(todayPlace(text, name, today)) ?? []), today]);
      for (const days of groups.values()) {
        const [first, ...rest] = days.map((today) => ({ today, result: lintWith(NOW, today)(text, basename(name), false)! }));
        for (const other of rest) {
          const a = namesToday(first!.result, first!.today);
          assert.equal(namesToday(other.result, other.today), a, `${name}: on ${first!.today} and ${other.today} (same place) one names today, the other not`);
          if (!a) assert.deepEqual(other.result, first!.result, `${name}: ${first!.today} and ${other.today} are in the same place among its dates but lint differently`);
          compared++;
        }
      }
    }
    assert.ok(compared > 100, `${compared} comparisons`);
  });

  it('diagnostics depend on the time of the lint only through the stamp of a suggested evidence name', () => {
    const stamp = (iso: string) => `${iso.slice(0, 19)}Z`.replace(/[-:]/g, '');
    const [t1, t2] = ['2026-11-26T14:05:00Z', '2031-02-03T04:05:06Z'];
    for (const { name, text } of texts) {
      const one = lintWith(t1, TODAY)(text, name, false)!;
      const two = lintWith(t2, TODAY)(text, name, false)!;
      const neutral = (r: FileLint, iso: string) => r.diagnostics.map((d) => ({ ...d, message: d.message.split(stamp(iso)).join('<time>') }));
      assert.deepEqual(neutral(two, t2), neutral(one, t1), name);
    }
  });
});
