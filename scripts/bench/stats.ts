/**
 * `incident-report stats` over a generated repository of reports (issue #15): the built CLI
 * in fresh processes, as users and CI run it, grouped by severity and month, JSON out.
 * Each figure is the median of its rounds; the output is checked to count every report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
  const runs: number[] = [];
  const cpu: (number | null)[] = [];
  const useTime = existsSync('/usr/bin/time');
  let countsAll = true;
  let code: number | null = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const result = useTime ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) : spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wall = (performance.now() - started) / 1000;
    runs.push(wall);
    const times = ['User', 'System'].map((k) => Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr ?? '')?.[1] ?? NaN));
    cpu.push(useTime && times.every(Number.isFinite) ? Math.round((times[0]! + times[1]!) * 100) / 100 : null);
    code = result.status;
    try {
      countsAll &&= (JSON.parse(result.stdout) as { total: { incidents: number } }).total.incidents === count;
    } catch {
      countsAll = false;
    }
    log(`  stats: ${wall.toFixed(2)} s (cpu ${cpu.at(-1) ?? '?'} s), exit ${result.status}`);
  }
  return { reports: count, bytes, runs, cpu, countsAll, code };
}
