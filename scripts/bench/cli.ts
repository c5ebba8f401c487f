/**
 * The CI-scale benchmark (issue #18): the built CLI over a generated repository of reports,
 * against markdownlint-cli2 (pinned in package.json) on the same files, in the same run,
 * every contender in a fresh process: wall time and peak RSS (the whole process, worker
 * threads included: `/usr/bin/time -v`, else VmHWM polled from /proc).
 *
 * Rounds take turns (markdownlint-cli2, ours --jobs 1, ours --jobs <cores>, and the parse
 * alone on <cores> threads: micromark's tokens, mdast trees as remark makes them and as our
 * patched parser makes them; parseFloor.mjs) so that
 * noise from elsewhere on the machine lands on all of them; each figure is the median of its rounds.
 * Then --cache: a cold run, and warm runs each after one report changed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { IncidentCore } from '../../src/core/index';
import { generateCorpus } from './generate';

export interface CliRun {
  readonly wallS: number;
  readonly peakRssMb: number | null;
  /** User + system CPU seconds (time -v only): less sensitive than wall time to a busy machine. */
  readonly cpuS: number | null;
  readonly code: number | null;
  /** SHA-256 of its stdout. */
  readonly output: string;
}

export interface CliBench {
  readonly reports: number;
  readonly bytes: number;
  readonly jobs: number;
  readonly rss: 'time -v' | 'VmHWM polled';
  readonly rounds: number;
  /** Every run, by contender: markdownlint_cli2, ours_jobs1, ours_jobsN, floor_tokens, floor_mdast, floor_reused, ours_cache_cold, ours_cache_warm_one_changed, ours_cache_warm_unchanged. */
  readonly runs: Record<string, CliRun[]>;
  /** --jobs 1, --jobs N and a cold --cache run printed the same bytes and exit code. */
  readonly outputsAgree: boolean;
  /** A warm run after a change printed what a run without the cache prints. */
  readonly warmAgrees: boolean;
}

const TODAY = '2026-11-26';
const NOW = '2026-11-26T14:05:00Z';

export async function benchCli(options: { root: string; tmp: string; count: number; rounds: number; core: IncidentCore; log: (message: string) => void }): Promise<CliBench> {
  const { root, tmp, count, rounds, core, log } = options;
  const cli = join(root, 'dist', 'cli.js');
  const mdlPackage = JSON.parse(readFileSync(join(root, 'node_modules', 'markdownlint-cli2', 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
  const mdl = join(root, 'node_modules', 'markdownlint-cli2', mdlPackage.bin['markdownlint-cli2']!);
  const floor = join(root, 'scripts', 'bench', 'parseFloor.mjs');
  const work = join(tmp, 'ci');
  const incidents = join(work, 'incidents');
  mkdirSync(incidents, { recursive: true });
  log(`ci: generating ${count} reports...`);
  let bytes = 0;
  const names: string[] = [];
  for (const { name, text } of generateCorpus(count, core)) {
    bytes += Buffer.byteLength(text);
    names.push(name);
    writeFileSync(join(incidents, name), text);
  }
  const jobs = availableParallelism();
  const useTime = existsSync('/usr/bin/time');
  const runs: Record<string, CliRun[]> = {};
  let n = 0;
  const measure = async (what: string, args: string[]): Promise<CliRun> => {
    const out = join(tmp, `ci-out-${n++}.txt`);
    const result = await timed(args, work, out, useTime);
    (runs[what] ??= []).push(result);
    log(`  ${what}: ${result.wallS.toFixed(2)} s (cpu ${result.cpuS ?? '?'} s), ${result.peakRssMb ?? '?'} MB, exit ${result.code}`);
    rmSync(out, { force: true });
    return result;
  };
  const ours = (...extra: string[]): string[] => [cli, 'lint', 'incidents', '--today', TODAY, ...extra];

  log(`ci: markdownlint-cli2 ${mdlPackage.version} and ours (--jobs 1, --jobs ${jobs}) in ${rounds} round(s)...`);
  for (let round = 0; round < rounds; round++) {
    await measure('markdownlint_cli2', [mdl, 'incidents/*.md']);
    await measure('ours_jobs1', ours('--jobs', '1'));
    await measure('ours_jobsN', ours('--jobs', String(jobs)));
    // What the parse alone costs on as many threads: the floor under any micromark-based linter's cold run.
    await measure('floor_tokens', [floor, 'incidents', String(jobs), 'events']);
    await measure('floor_mdast', [floor, 'incidents', String(jobs), 'mdast']);
    await measure('floor_reused', [floor, 'incidents', String(jobs), 'reused']);
  }

  log('ci: --cache, cold then warm after one changed report...');
  rmSync(join(work, '.incident-report-cache'), { force: true });
  await measure('ours_cache_cold', ours('--cache'));
  await measure('ours_cache_warm_unchanged', ours('--cache'));
  let warmAgrees = true;
  for (let i = 0; i < 3; i++) {
    // A real edit: a line added to a different report each time.
    appendFileSync(join(incidents, names[(i * 997) % names.length]!), `\nFollow-up ${i}: the pool size is now checked in review.\n`);
    const warm = await measure('ours_cache_warm_one_changed', ours('--cache'));
    if (i === 2) warmAgrees = warm.output === (await timed(ours('--jobs', String(jobs)), work, join(tmp, 'ci-check.txt'), false)).output;
  }

  const outputs = [...runs['ours_jobs1']!, ...runs['ours_jobsN']!, ...runs['ours_cache_cold']!, ...runs['ours_cache_warm_unchanged']!];
  const outputsAgree = outputs.every((r) => r.output === outputs[0]!.output && r.code === outputs[0]!.code);
  return { reports: count, bytes, jobs, rss: useTime ? 'time -v' : 'VmHWM polled', rounds, runs, outputsAgree, warmAgrees };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One fresh `node <args>`: wall time, peak RSS of the process, exit code, a hash of stdout (written to `outFile`). */
function timed(args: string[], cwd: string, outFile: string, useTime: boolean): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const fd = openSync(outFile, 'w');
    const started = performance.now();
    // The clock pinned: a suggested evidence name holds the time, and runs are compared byte for byte.
    const env = { ...process.env, INCIDENT_REPORT_NOW: NOW };
    const child = useTime ? spawn('/usr/bin/time', ['-v', process.execPath, ...args], { cwd, env, stdio: ['ignore', fd, 'pipe'] }) : spawn(process.execPath, args, { cwd, env, stdio: ['ignore', fd, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    // Without time(1): the kernel's high-water mark of the process, read until it ends.
    let hwmKb = 0;
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
          } catch {
            // ended between two polls
          }
        }, 10);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      closeSync(fd);
      const rssKb = useTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN) : hwmKb;
      const exit = useTime ? Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? code) : code;
      const output = createHash('sha256').update(readFileSync(outFile)).digest('hex');
      const cpu = ['User', 'System'].map((k) => Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? NaN));
      const cpuS = useTime && cpu.every(Number.isFinite) ? Math.round((cpu[0]! + cpu[1]!) * 100) / 100 : null;
      resolve({ wallS, peakRssMb: Number.isFinite(rssKb) && rssKb > 0 ? Math.round(rssKb / 102.4) / 10 : null, cpuS, code: exit, output });
    });
  });
}
