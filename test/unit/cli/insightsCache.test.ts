/**
 * `stats --cache` and `actions --cache`: a report's facts come from the cache only while its
 * text, the template, the config and the tool's version are unchanged; today is applied
 * again on every run (overdue items); a broken or foreign cache file is never trusted.
 *
 * To tell reused facts from fresh ones, the tests overwrite a cached title with FROM CACHE:
 * an output that shows it was served from the cache.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_FILE_NAME } from '../../../src/cli/cache';
import { INSIGHTS_CACHE_FILE_NAME, InsightsCache, insightsSettingsKey } from '../../../src/cli/insightsCache';
import { inProcess, ROOT } from './run';

const FROM_CACHE = 'FROM CACHE';

interface ActionJson {
  file: string;
  title: string | null;
  due: string;
  overdue: boolean;
}

type Stored = { format: string; version: number; tool: string; settings: string; entries: Record<string, { hash: string; facts: { title?: string } | null }> };

describe('stats and actions --cache', function () {
  this.timeout(120_000);
  let dir: string;
  const cachePath = (): string => join(dir, INSIGHTS_CACHE_FILE_NAME);
  const readCache = (): Stored => JSON.parse(readFileSync(cachePath(), 'utf8')) as Stored;
  /** Marks every cached report's title, so output served from the cache shows it. */
  const tamper = (): void => {
    const data = readCache();
    for (const entry of Object.values(data.entries)) if (entry.facts) entry.facts.title = FROM_CACHE;
    writeFileSync(cachePath(), JSON.stringify(data));
  };
  const actions = async (today: string, ...extra: string[]): Promise<ActionJson[]> => {
    const result = await inProcess(['actions', '--format', 'json', '--all', '--today', today, ...extra], dir);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as ActionJson[];
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ir-insights-cache-'));
    cpSync(join(ROOT, 'examples'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints what a run without the cache prints, and stores one entry per report', async () => {
    for (const format of ['json', 'csv', 'table']) {
      const args = ['stats', '--by', 'severity,month', '--format', format, '--today', '2026-11-26'];
      const plain = await inProcess(args, dir);
      const cold = await inProcess([...args, '--cache'], dir);
      const warm = await inProcess([...args, '--cache'], dir);
      assert.equal(plain.code, 0, plain.stderr);
      assert.deepEqual([cold.code, cold.stdout, cold.stderr], [plain.code, plain.stdout, plain.stderr]);
      assert.deepEqual([warm.code, warm.stdout, warm.stderr], [plain.code, plain.stdout, plain.stderr]);
    }
    const data = readCache();
    assert.equal(data.format, 'incident-report-insights-cache');
    const reports = Object.entries(data.entries).filter(([, e]) => e.facts !== null).map(([k]) => k);
    const total = (JSON.parse((await inProcess(['stats', '--format', 'json', '--today', '2026-11-26'], dir)).stdout) as { total: { incidents: number } }).total.incidents;
    assert.equal(reports.length, total);
    assert.ok(reports.every((k) => !k.startsWith('/') && !k.includes('\\')), 'keys are relative, with /');
    assert.ok(!Object.keys(data.entries).some((k) => /README|template/i.test(k)), 'the README and the template are no entries');
  });

  it('serves unchanged reports from the cache and reads a changed one again', async () => {
    const before = await actions('2026-11-26', '--cache');
    assert.ok(before.length > 0);
    tamper();
    const served = await actions('2026-11-26', '--cache');
    assert.ok(served.every((a) => a.title === FROM_CACHE), 'every item from the cache');
    // Change one report's text: only its items are read again.
    const changed = before[0]!.file;
    writeFileSync(join(dir, changed), `${readFileSync(join(dir, changed), 'utf8')}\n`);
    const after = await actions('2026-11-26', '--cache');
    assert.deepEqual([...new Set(after.filter((a) => a.title !== FROM_CACHE).map((a) => a.file))], [changed]);
  });

  it('applies today on every run: an item cached before its due date is overdue after it', async () => {
    const early = await actions('2000-01-01', '--cache');
    assert.ok(early.every((a) => !a.overdue), 'nothing overdue in 2000');
    tamper();
    const late = await actions('2100-01-01', '--cache');
    assert.ok(late.every((a) => a.title === FROM_CACHE), 'served from the cache');
    const fresh = await actions('2100-01-01');
    assert.deepEqual(late.map((a) => a.overdue), fresh.map((a) => a.overdue));
    assert.ok(late.some((a) => a.overdue), 'open items with a real due date are overdue in 2100');
  });

  it('drops every entry when the template or the config changes', async () => {
    await actions('2026-11-26', '--cache');
    tamper();
    const configPath = join(dir, '.incident-report.json');
    const config = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>) : {};
    writeFileSync(configPath, JSON.stringify({ ...config, owner: 'someone else' }));
    assert.ok((await actions('2026-11-26', '--cache')).every((a) => a.title !== FROM_CACHE), 'config changed: nothing from the cache');
    tamper();
    mkdirSync(join(dir, '.incident'));
    writeFileSync(join(dir, '.incident', 'template.md'), `${readFileSync(join(ROOT, 'templates', 'default.md'), 'utf8')}\n`);
    assert.ok((await actions('2026-11-26', '--cache')).every((a) => a.title !== FROM_CACHE), 'template changed: nothing from the cache');
  });

  it('keeps entries for one tool version and settings only', () => {
    const path = join(dir, 'facts-cache');
    const settings = insightsSettingsKey(undefined, {});
    const notes: string[] = [];
    const first = InsightsCache.open(path, '1.0.0', settings, (n) => notes.push(n));
    first.store(join(dir, 'a.md'), 'hash-a', undefined);
    first.save();
    assert.equal(InsightsCache.open(path, '1.0.0', settings, (n) => notes.push(n)).lookup(join(dir, 'a.md'), 'hash-a', '2026-11-26'), null, 'same version: not a report');
    assert.equal(InsightsCache.open(path, '1.0.1', settings, (n) => notes.push(n)).lookup(join(dir, 'a.md'), 'hash-a', '2026-11-26'), undefined, 'another version: unknown');
    assert.equal(InsightsCache.open(path, '1.0.0', insightsSettingsKey('# other', {}), (n) => notes.push(n)).lookup(join(dir, 'a.md'), 'hash-a', '2026-11-26'), undefined, 'another template: unknown');
    assert.equal(InsightsCache.open(path, '1.0.0', settings, (n) => notes.push(n)).lookup(join(dir, 'a.md'), 'hash-b', '2026-11-26'), undefined, 'another text: unknown');
    assert.deepEqual(notes, []);
  });

  for (const [name, damage, reason] of [
    ['a truncated file', (path: string) => writeFileSync(path, readFileSync(path, 'utf8').slice(0, 200)), /not JSON, or cut short/],
    ['the lint cache', (path: string) => writeFileSync(path, readFileSync(join(dir, CACHE_FILE_NAME), 'utf8')), /not an incident-report-insights cache/],
    ['facts of the wrong shape', (path: string) => {
      const data = readCache();
      const entry = Object.values(data.entries).find((e) => e.facts)!;
      (entry.facts as Record<string, unknown>)['minutes'] = { detect: 'soon' };
      writeFileSync(path, JSON.stringify(data));
    }, /malformed entry/],
    ['an unknown key in the facts', (path: string) => {
      const data = readCache();
      (Object.values(data.entries).find((e) => e.facts)!.facts as Record<string, unknown>)['script'] = 'x';
      writeFileSync(path, JSON.stringify(data));
    }, /malformed entry/],
  ] as const) {
    it(`ignores ${name} with a note, and rewrites it`, async () => {
      await inProcess(['lint', '--cache', '--today', '2026-11-26'], dir);
      const expected = await actions('2026-11-26');
      await actions('2026-11-26', '--cache');
      damage(cachePath());
      const result = await inProcess(['actions', '--format', 'json', '--all', '--today', '2026-11-26', '--cache'], dir);
      assert.equal(result.code, 0);
      assert.match(result.stderr, reason);
      assert.match(result.stderr, /it will be rewritten/);
      assert.deepEqual(JSON.parse(result.stdout), expected);
      assert.equal(readCache().format, 'incident-report-insights-cache');
      const again = await inProcess(['actions', '--format', 'json', '--all', '--today', '2026-11-26', '--cache'], dir);
      assert.equal(again.stderr, '', 'the rewritten file is read without a note');
    });
  }

  it('writes the cache where --cache-location says, and refuses --cache-location alone', async () => {
    mkdirSync(join(dir, 'cache-dir'));
    const stats = await inProcess(['stats', '--format', 'json', '--cache', '--cache-location', 'cache-dir', '--today', '2026-11-26'], dir);
    assert.equal(stats.code, 0, stats.stderr);
    assert.ok(existsSync(join(dir, 'cache-dir', INSIGHTS_CACHE_FILE_NAME)));
    assert.ok(!existsSync(cachePath()));
    const alone = await inProcess(['stats', '--cache-location', 'x'], dir);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--cache-location needs --cache/);
  });
});
