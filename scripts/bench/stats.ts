/**
 * `incident-report stats` over a generated repository of reports (issue #15): the built CLI
 * in fresh processes, as users and CI run it, grouped by severity and month, JSON out.
 * Each figure is the median of its rounds; the output is checked to count every report.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncidentCore } from '../../src/core/index';
import { generateCorpus } from './generate';

export interface StatsBench {
  readonly reports: number;
  readonly bytes: number;
  /** Wall seconds of each run. */
  readonly runs: readonly number[];
  /** User + system CPU seconds of each run (with /usr/bin/time), less sensitive to a busy machine. */
  readonly cpu: readonly (number | null)[];
  /** The JSON's total.incidents equals the reports generated. */
  readonly countsAll: boolean;
  readonly code: number | null;
  /** `--cache`: the run that fills it, then runs after one report changed (wall seconds each). */
  readonly cacheCold: number;
  readonly cacheWarm: readonly number[];
  readonly cacheWarmCpu: readonly (number | null)[];
  /** The warm runs print what the uncached runs print (one changed report aside: its row is re-read). */
  readonly cacheSame: boolean;
}

export function benchStats(options: { root: string; tmp: string; count: number; rounds: number; core: IncidentCore; log: (message: string) => void }): StatsBench {
  const { root, tmp, count, rounds, core, log } = options;
  const work = join(tmp, 'stats');
  const incidents = join(work, 'incidents');
  mkdirSync(incidents, { recursive: true });
  log(`stats: generating ${count} reports...`);
  let bytes = 0;
  for (const { name, text } of generateCorpus(count, core)) {
    bytes += Buffer.byteLength(text);
    writeFileSync(join(incidents, name), text);
  }
  const args = [join(root, 'dist', 'cli.js'), 'stats', 'incidents', '--by', 'severity,month', '--format', 'json', '--today', '2026-11-26'];
  const useTime = existsSync('/usr/bin/time');
  const stats = (extra: readonly string[]): { wall: number; cpu: number | null; stdout: string; status: number | null } => {
    const started = performance.now();
    const result = useTime ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args, ...extra], { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) : spawnSync(process.execPath, [...args, ...extra], { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wall = (performance.now() - started) / 1000;
    const times = ['User', 'System'].map((k) => Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr ?? '')?.[1] ?? NaN));
    return { wall, cpu: useTime && times.every(Number.isFinite) ? Math.round((times[0]! + times[1]!) * 100) / 100 : null, stdout: result.stdout, status: result.status };
  };
  const runs: number[] = [];
  const cpu: (number | null)[] = [];
  let countsAll = true;
  let code: number | null = 0;
  let plain = '';
  for (let round = 0; round < rounds; round++) {
    const result = stats([]);
    runs.push(result.wall);
    cpu.push(result.cpu);
    code = result.status;
    plain = result.stdout;
    try {
      countsAll &&= (JSON.parse(result.stdout) as { total: { incidents: number } }).total.incidents === count;
    } catch {
      countsAll = false;
    }
    log(`  stats: ${result.wall.toFixed(2)} s (cpu ${result.cpu ?? '?'} s), exit ${result.status}`);
  }
  // --cache: fill it, then change one report (a line of prose: its figures stay) before each warm run.
  rmSync(join(work, '.incident-report-insights-cache'), { force: true });
  const cold = stats(['--cache']);
  log(`  stats --cache, cold: ${cold.wall.toFixed(2)} s (cpu ${cold.cpu ?? '?'} s)`);
  const cacheWarm: number[] = [];
  const cacheWarmCpu: (number | null)[] = [];
  let cacheSame = cold.stdout === plain;
  const changed = join(incidents, readdirSync(incidents).sort()[0]!);
  for (let round = 0; round < rounds; round++) {
    appendFileSync(changed, `\nA note added in round ${round}.\n`);
    const warm = stats(['--cache']);
    cacheWarm.push(warm.wall);
    cacheWarmCpu.push(warm.cpu);
    cacheSame &&= warm.stdout === plain;
    log(`  stats --cache, one report changed: ${warm.wall.toFixed(2)} s (cpu ${warm.cpu ?? '?'} s)`);
  }
  return { reports: count, bytes, runs, cpu, countsAll, code, cacheCold: cold.wall, cacheWarm, cacheWarmCpu, cacheSame };
}
