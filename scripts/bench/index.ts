/**
 * `npm run bench`: validation speed and memory against a bare remark parse and
 * markdownlint, on generated reports of ~5 KB, 50 KB, 500 KB and 5 MB; the bundle size;
 * load + activate time of the extension; the Incidents view index over 2,000 reports.
 * Not a test: it asserts nothing, it prints a table, one JSON line per measurement and
 * whether each target of the performance issue is met.
 *
 *   node --expose-gc --import tsx scripts/bench/index.ts [--quick] [--ci-only] [--ci-rounds N] [--json FILE] [--no-build] [--markdownlint-timeout SECONDS]
 *
 * --hostile-only: only the hostile shapes section (scripts/bench/hostileSection.ts): each
 * shape of issue #17 grown over 4 doubling sizes and at the 64 MB read limit, time and
 * peak RSS per doubling; `--hostile-only SHAPE,SHAPE` measures those shapes. Full runs end with it.
 * --quick: 5 KB and 50 KB only, shorter runs, 200 reports for the index and the CLI (a smoke run).
 * --stats-only: the production build and `incident-report stats` over 2,000 reports (scripts/bench/stats.ts).
 * --ci-only: the production build and the CLI over 2,000 reports against markdownlint-cli2
 * alone (scripts/bench/cli.ts); --ci-rounds: its rounds (default 2, quick 1).
 * In-process measurements are warm (1.5 s of warm-up runs first) and report the median of
 * N runs, N chosen so that each measurement takes a few seconds; up to 50 KB the four full
 * measurements (remark, remark + front matter, markdownlint, ours) take turns in 4 rounds.
 * The 5 MB report and every peak
 * RSS are measured in fresh processes (scripts/bench/child.mjs on a bundled core).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { lint as markdownlint } from 'markdownlint/sync';
import { createIncidentCore, ReportParser, type IncidentCore, type LintResult } from '../../src/core/index';
import { formatHostile, hostileSection, type HostileRow } from './hostileSection';
import { benchCli, median as medianOf, type CliBench } from './cli';
import { benchStats } from './stats';
import { generateCorpus, generateReport } from './generate';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const HOSTILE_ONLY = argv.includes('--hostile-only');
/** The shapes after --hostile-only (comma-separated), when named. */
const HOSTILE_SHAPES = ((v) => (v && !v.startsWith('--') ? v.split(',') : undefined))(valueOf('--hostile-only'));
let hostileRows: HostileRow[] = [];
const CI_ONLY = argv.includes('--ci-only');
const STATS_ONLY = argv.includes('--stats-only');
const CI_ROUNDS = Number(valueOf('--ci-rounds') ?? (QUICK ? 1 : 2));
const NO_BUILD = argv.includes('--no-build');
const JSON_OUT = valueOf('--json');
const MDL_TIMEOUT_S = Number(valueOf('--markdownlint-timeout') ?? 20);
/** Time one measurement may take (its warm-up excluded). */
const BUDGET_MS = QUICK ? 800 : 3000;
const ENV = { now: new Date('2026-11-26T12:00:00Z'), today: '2026-11-26' };
const TYPING = 'also checked replica lag ';

function valueOf(flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

const gc = (globalThis as { gc?: () => void }).gc;
const log = (message: string): void => void process.stderr.write(`${message}\n`);
const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

// ---------------------------------------------------------------------------------------
// Records

interface Row {
  doc: string;
  bytes?: number;
  what: string;
  median_ms?: number | null;
  ratio_to_remark?: number | null;
  ratio_to_markdownlint?: number | null;
  [extra: string]: unknown;
}
const records: Row[] = [];
function record(row: Row): Row {
  records.push(row);
  return row;
}
function find(doc: string, what: string): Row | undefined {
  return records.find((r) => r.doc === doc && r.what === what);
}

// ---------------------------------------------------------------------------------------
// Timing

interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
  medianCpu: number;
}

/** A GC, warm-up runs, then N timed runs (N from the warm-up time and the budget); median wall and CPU time. */
function measure(fn: () => void, options: { warmups?: number; warmupMs?: number; minRuns?: number; maxRuns?: number; budgetMs?: number } = {}): Stats {
  const warmups = options.warmups ?? 2;
  // Collect the previous measurement's garbage once, before the warm-up: a forced full GC
  // before every run would throw away compiled code and inline caches and slow runs 3-5×.
  gc?.();
  let last = 0;
  // At least `warmups` runs and `warmupMs` of them: the JIT reaches a steady state after a
  // number of calls, not of runs, and code that does more (validation vs a bare parse) takes
  // more runs to get there; measured before that, the first steps of the warm-up dominate.
  const warmupEnd = performance.now() + (options.warmupMs ?? 0);
  for (let i = 0; i < warmups || performance.now() < warmupEnd; i++) {
    const t0 = performance.now();
    fn();
    last = performance.now() - t0;
  }
  const runs = Math.max(options.minRuns ?? 3, Math.min(options.maxRuns ?? 30, Math.floor((options.budgetMs ?? BUDGET_MS) / Math.max(last, 0.01))));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const sorted = [...wall].sort((a, b) => a - b);
  return { median: median(wall), min: sorted[0]!, max: sorted[sorted.length - 1]!, runs, medianCpu: median(cpu) };
}

/**
 * measure() for several contenders side by side: each is warmed up first, then they take
 * turns, `rounds` blocks of runs each, and each one's median is over all its runs. A burst
 * of noise from elsewhere on the machine (a shared VM) then lands on every contender, not
 * on whichever one was measuring at the time; one contender's garbage is still collected
 * in its own runs (a block of runs, and a full GC between blocks).
 */
function measureSideBySide(fns: Record<string, () => void>, options: { warmups?: number; warmupMs?: number; minRuns?: number; maxRuns?: number; budgetMs?: number; rounds?: number }): Record<string, Stats> {
  const rounds = options.rounds ?? 4;
  const names = Object.keys(fns);
  const perRound: Record<string, number> = {};
  for (const name of names) {
    // The warm-up, and how many runs a round can afford.
    const warm = measure(fns[name]!, { ...options, minRuns: 1, maxRuns: 1 });
    perRound[name] = Math.max(Math.ceil((options.minRuns ?? 3) / rounds), Math.min(Math.ceil((options.maxRuns ?? 30) / rounds), Math.floor((options.budgetMs ?? BUDGET_MS) / rounds / Math.max(warm.median, 0.01))));
  }
  const wall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      gc?.();
      const fn = fns[name]!;
      fn(); // one unmeasured run after the collection
      for (let i = 0; i < perRound[name]!; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        fn();
        wall[name]!.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu[name]!.push((c.user + c.system) / 1000);
      }
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = [...wall[name]!].sort((a, b) => a - b);
      return [name, { median: median(wall[name]!), min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: wall[name]!.length, medianCpu: median(cpu[name]!) }];
    }),
  );
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// ---------------------------------------------------------------------------------------
// Documents

interface Doc {
  name: string;
  text: string;
  bytes: number;
  path: string;
  edits: { timeline: { at: number; insert: string }; summary: { at: number; insert: string } };
}

/** A full report of about `bytes` UTF-8 bytes: scale estimated from two samples, then refined. */
function reportOfSize(bytes: number, core: IncidentCore): string {
  const size = (units: number): number => Buffer.byteLength(generateReport({ units }, core));
  const s0 = size(0);
  const s1 = size(100);
  let units = Math.max(0, Math.round(((bytes - s0) / (s1 - s0)) * 100));
  let best = units;
  let bestErr = Math.abs(size(units) - bytes);
  for (let step = 0; step < 6; step++) {
    const current = size(units);
    const perUnit = (s1 - s0) / 100;
    const next = Math.max(0, units + Math.round((bytes - current) / perUnit));
    if (next === units) break;
    units = next;
    const err = Math.abs(size(units) - bytes);
    if (err < bestErr) [best, bestErr] = [units, err];
  }
  return generateReport({ units: best }, core);
}

/** Where the benchmark types: the end of a middle timeline row's Event cell, and inside the first Summary sentence. */
function editPoints(text: string): Doc['edits'] {
  const heading = /^## .*Timeline.*$/m.exec(text);
  if (!heading) throw new Error('generated report has no Timeline section');
  const after = heading.index + heading[0].length;
  const rows: { start: number; line: string }[] = [];
  let pos = text.indexOf('\n', after) + 1;
  while (pos > 0 && pos < text.length) {
    const end = text.indexOf('\n', pos);
    const line = text.slice(pos, end < 0 ? text.length : end);
    if (line.startsWith('## ')) break;
    if (/^\| *(?:\d|20)/.test(line)) rows.push({ start: pos, line });
    pos = end < 0 ? text.length : end + 1;
  }
  const row = rows[rows.length >> 1]!;
  const timelineAt = row.start + row.line.lastIndexOf(' | ');
  const phrase = 'A configuration change';
  const summaryAt = text.indexOf(phrase) + 'A configuration'.length;
  if (summaryAt < phrase.length) throw new Error('generated report has no Summary sentence');
  return { timeline: { at: timelineAt, insert: 'x' }, summary: { at: summaryAt, insert: 'x' } };
}

// ---------------------------------------------------------------------------------------
// Fresh processes

const CHILD = join(ROOT, 'scripts', 'bench', 'child.mjs');

function runNode(args: string[], timeoutMs: number): Promise<{ out: string; err: string; code: number | null; timedOut: boolean; ms: number }> {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL'); // only this child, by its handle
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ out, err, code, timedOut, ms: performance.now() - started });
    });
  });
}

async function inChild<T>(mode: string, args: Record<string, unknown>, timeoutMs = 15 * 60_000): Promise<T | { timedOut: true; ms: number } | { failed: string }> {
  const result = await runNode(['--max-old-space-size=4096', CHILD, mode, JSON.stringify(args)], timeoutMs);
  if (result.timedOut) return { timedOut: true, ms: result.ms };
  const line = result.out.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    return { failed: `exit ${result.code}: ${(result.err || result.out).trim().split('\n').slice(-5).join(' | ')}` };
  }
}

// ---------------------------------------------------------------------------------------
// Main

/** Only the hostile shapes section, over a freshly bundled core. */
async function hostileOnly(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'incident-bench-'));
  try {
    log(`bench (hostile shapes): node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const coreBundle = join(tmp, 'core.cjs');
    await esbuild.build({ entryPoints: [join(ROOT, 'src/core/index.ts')], bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', outfile: coreBundle, logLevel: 'warning', define: { __VERSION__: '"bench"' } });
    const rows = await hostileSection(coreBundle, log, HOSTILE_SHAPES);
    process.stdout.write(`${[...formatHostile(rows), '', 'JSON (one line per shape)', ...rows.map((r) => JSON.stringify(r))].join('\n')}\n`);
    if (JSON_OUT) writeFileSync(JSON_OUT, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (HOSTILE_ONLY) return hostileOnly();
  const startedAt = performance.now();
  const load0 = loadavg();
  const tmp = mkdtempSync(join(tmpdir(), 'incident-bench-'));
  try {
    log(`bench: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${load0.map((l) => l.toFixed(1)).join(' ')}, ${QUICK ? 'quick' : 'full'} run${gc ? '' : ' (no --expose-gc: GC between runs not forced)'}`);
    const core = createIncidentCore();
    if (STATS_ONLY) {
      build();
      statsSection(tmp, core);
      report([], load0, performance.now() - startedAt);
      return;
    }
    if (CI_ONLY) {
      build();
      await ciSection(tmp, core);
      report([], load0, performance.now() - startedAt);
      return;
    }

    // Documents
    const specs: { name: string; bytes: number; draft?: boolean }[] = [
      { name: '5KB', bytes: 5 * 1024, draft: true },
      { name: '50KB', bytes: 50 * 1024 },
      { name: '500KB', bytes: 500 * 1024 },
      { name: '5MB', bytes: 5 * 1024 * 1024 },
    ].filter((s) => !QUICK || s.bytes <= 50 * 1024);
    const docs: Doc[] = specs.map((spec) => {
      const text = spec.draft ? generateReport({ units: 0, draft: true }, core) : reportOfSize(spec.bytes, core);
      const path = join(tmp, `${spec.name}.md`);
      writeFileSync(path, text);
      return { name: spec.name, text, bytes: Buffer.byteLength(text), path, edits: editPoints(text) };
    });
    for (const d of docs) log(`  ${d.name}: ${d.bytes} bytes, ${d.text.split('\n').length} lines${d.name === '5KB' ? ' (a draft: Summary and Timeline filled, the rest template placeholders)' : ''}`);

    // Bundled core for fresh processes (what the extension ships, minified).
    const coreBundle = join(tmp, 'core.cjs');
    await esbuild.build({ entryPoints: [join(ROOT, 'src/core/index.ts')], bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', outfile: coreBundle, logLevel: 'warning', define: { __VERSION__: '"bench"' } });

    // In-process, warm: the sizes up to 500 KB.
    const remark = unified().use(remarkParse).use(remarkGfm).freeze();
    const remarkFm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
    const inProcess = docs.filter((d) => d.bytes < 4 * 1024 * 1024);
    for (const doc of inProcess) {
      const big = doc.bytes > 200 * 1024;
      const opts = big ? { warmups: 1, minRuns: 3, maxRuns: 5 } : { warmups: 3, warmupMs: QUICK ? 300 : 1500, minRuns: 5, maxRuns: 60 };
      log(`${doc.name}: remark, markdownlint and ours (full), ${big ? 'one after the other' : 'side by side in 4 rounds'}...`);
      let full: LintResult | undefined;
      const contenders = {
        remark: () => void remark.parse(doc.text),
        remarkFm: () => void remarkFm.parse(doc.text),
        markdownlint: () => void markdownlint({ strings: { doc: doc.text } }),
        ours: () => void (full = core.lint(doc.text, ENV)),
      };
      // Seconds per run at 500 KB: one after the other, a few runs each.
      const measured = big ? Object.fromEntries(Object.entries(contenders).map(([name, fn]) => [name, measure(fn, opts)])) : measureSideBySide(contenders, opts);
      const { remark: r, remarkFm: rfm, markdownlint: m, ours } = measured as Record<keyof typeof contenders, Stats>;
      const row = (what: string, s: Stats, extra: Record<string, unknown> = {}): Row =>
        record({ doc: doc.name, bytes: doc.bytes, what, median_ms: round(s.median), ratio_to_remark: round(s.median / r.median, 3), ratio_to_markdownlint: round(s.median / m.median, 3), runs: s.runs, min_ms: round(s.min), max_ms: round(s.max), median_cpu_ms: round(s.medianCpu), ...extra });
      row('remark_parse', r, { note: 'unified+remark-parse+remark-gfm' });
      row('remark_parse_frontmatter', rfm, { note: '+remark-frontmatter (what the core parses with)' });
      row('markdownlint', m, { note: 'markdownlint@0.40 lint(), default rules' });
      row('ours_full', ours, { diagnostics: full?.diagnostics.length ?? null });
      for (const where of ['timeline', 'summary'] as const) {
        log(`${doc.name}: ours (incremental, ${where})...`);
        const parser = new ReportParser();
        let text = doc.text;
        let cursor = doc.edits[where].at;
        let typed = 0;
        let last: LintResult = core.lint(text, { ...ENV, parser });
        const s = measure(
          () => {
            text = text.slice(0, cursor) + TYPING[typed++ % TYPING.length] + text.slice(cursor);
            cursor++;
            last = core.lint(text, { ...ENV, parser });
          },
          { ...opts, warmups: big ? 1 : 3 },
        );
        const agrees = isDeepStrictEqual(last.diagnostics, core.lint(text, ENV).diagnostics);
        row(`ours_incremental_${where}`, s, { edit: `typing one character per run at offset ${doc.edits[where].at}`, agrees_with_full: agrees });
      }
    }

    // Fresh processes: peak RSS per size (and the 5 MB report's times, blocking and incremental edits).
    const warmDoc = docs.find((d) => d.name === '50KB')?.path;
    for (const doc of docs) {
      const huge = doc.bytes > 4 * 1024 * 1024;
      log(`${doc.name}: fresh process (ours)...`);
      type Ours = { path: string; fullMs: number; fullCpuMs: number; diagnostics: number; maxBlockMs: number; histogramMaxMs: number; gcInLongestBlockMs: number; longestGcMs: number; baselineRssMb: number; peakRssMb: number; incrementalMs: Record<string, number>; peakRssAfterIncrementalMb: number };
      const o = await inChild<Ours>('ours', { core: coreBundle, doc: doc.path, warm: huge ? warmDoc : undefined, edits: huge ? doc.edits : undefined, ...ENV });
      log(`${doc.name}: fresh process (remark)...`);
      type Remark = { ms: number; cpuMs: number; peakRssMb: number; baselineRssMb: number };
      const rk = await inChild<Remark>('remark', { doc: doc.path, warm: huge ? warmDoc : undefined });
      if ('peakRssMb' in o) {
        record({ doc: doc.name, bytes: doc.bytes, what: 'peak_rss_mb', value: o.peakRssMb, unit: 'MB', baseline_rss_mb: o.baselineRssMb, process: 'fresh', of: 'ours_full' });
        record({ doc: doc.name, bytes: doc.bytes, what: 'max_block_ms', value: round(o.maxBlockMs, 1), unit: 'ms', event_loop_delay_max_ms: round(o.histogramMaxMs, 1), gc_in_longest_block_ms: round(o.gcInLongestBlockMs, 1), longest_gc_ms: round(o.longestGcMs, 1), path: o.path, process: huge ? 'fresh (warmed on the 50 KB report)' : 'fresh, first validation in the process (cold)' });
      } else record({ doc: doc.name, bytes: doc.bytes, what: 'peak_rss_mb', value: null, error: 'failed' in o ? o.failed : 'timed out' });
      if ('peakRssMb' in rk) record({ doc: doc.name, bytes: doc.bytes, what: 'remark_peak_rss_mb', value: rk.peakRssMb, unit: 'MB', baseline_rss_mb: rk.baselineRssMb, process: 'fresh' });
      if (!huge) continue;
      // 5 MB: one run each, in fresh processes warmed on the 50 KB report.
      log(`${doc.name}: fresh process (markdownlint, at most ${MDL_TIMEOUT_S} s)...`);
      const ml = await inChild<{ ms: number }>('markdownlint', { doc: doc.path, warm: warmDoc }, MDL_TIMEOUT_S * 1000);
      const remarkMs = 'ms' in rk ? rk.ms : null;
      const mdlTimedOut = 'timedOut' in ml;
      const mdlMs = 'ms' in ml && !mdlTimedOut ? ml.ms : null;
      const mdlNote = mdlMs !== null ? undefined : mdlTimedOut ? `markdownlint did not finish within ${MDL_TIMEOUT_S} s (killed): its time is a lower bound, ratios to it upper bounds` : `markdownlint failed: ${'failed' in ml ? ml.failed : '?'}`;
      const ratios = (ms: number) => ({ ratio_to_remark: remarkMs ? round(ms / remarkMs, 3) : null, ratio_to_markdownlint: mdlMs ? round(ms / mdlMs, 3) : mdlTimedOut ? round(ms / (MDL_TIMEOUT_S * 1000), 3) : null });
      const base = { doc: doc.name, bytes: doc.bytes, runs: 1, process: 'fresh (warmed on the 50 KB report)' };
      if (remarkMs !== null) record({ ...base, what: 'remark_parse', median_ms: round(remarkMs), ratio_to_remark: 1, ratio_to_markdownlint: mdlMs ? round(remarkMs / mdlMs, 3) : null, median_cpu_ms: 'cpuMs' in rk ? round(rk.cpuMs) : undefined });
      record({ ...base, what: 'markdownlint', median_ms: mdlMs === null ? null : round(mdlMs), lower_bound_ms: mdlMs === null ? MDL_TIMEOUT_S * 1000 : undefined, ratio_to_remark: mdlMs && remarkMs ? round(mdlMs / remarkMs, 3) : null, ratio_to_markdownlint: mdlMs ? 1 : null, note: mdlNote });
      if ('fullMs' in o) {
        record({ ...base, what: 'ours_full', median_ms: round(o.fullMs), ...ratios(o.fullMs), median_cpu_ms: round(o.fullCpuMs), diagnostics: o.diagnostics, note: mdlNote });
        for (const [where, ms] of Object.entries(o.incrementalMs)) record({ ...base, what: `ours_incremental_${where}`, median_ms: round(ms), ...ratios(ms), note: mdlNote });
      }
    }

    // Bundle size (production build) and load + activate in fresh processes.
    const extension = join(ROOT, 'dist', 'extension.js');
    build();
    if (existsSync(extension)) {
      const bytes = statSync(extension).size;
      record({ doc: '-', what: 'bundle_kb', value: round(bytes / 1024, 1), unit: 'KB', file: 'dist/extension.js', gzip_kb: round(gzipSync(readFileSync(extension)).length / 1024, 1), minified: !NO_BUILD });
      // The language client library beside it, required right after activation.
      const clientFile = join(ROOT, 'dist', 'client.js');
      if (existsSync(clientFile)) record({ doc: '-', what: 'bundle_client_kb', value: round(statSync(clientFile).size / 1024, 1), unit: 'KB', file: 'dist/client.js', gzip_kb: round(gzipSync(readFileSync(clientFile)).length / 1024, 1), loaded: 'right after activation', total_with_extension_kb: round((bytes + statSync(clientFile).size) / 1024, 1) });
      // The server beside it, in its own process: the core is there, not in the extension host.
      const serverFile = join(ROOT, 'dist', 'server.js');
      if (existsSync(serverFile)) record({ doc: '-', what: 'bundle_server_kb', value: round(statSync(serverFile).size / 1024, 1), unit: 'KB', file: 'dist/server.js', gzip_kb: round(gzipSync(readFileSync(serverFile)).length / 1024, 1), runs_in: 'its own Node process (a Web Worker on the web)' });
      const web = join(ROOT, 'dist', 'web', 'extension.js');
      if (existsSync(web)) record({ doc: '-', what: 'bundle_web_kb', value: round(statSync(web).size / 1024, 1), unit: 'KB', file: 'dist/web/extension.js' });
      const activations: { requireMs: number; activateMs: number; totalMs: number; readyMs: number; coreAtActivation: boolean; autoStubbed: string[] }[] = [];
      let activationError: string | undefined;
      for (let i = 0; i < (QUICK ? 3 : 7); i++) {
        const run = await runNode([join(ROOT, 'scripts', 'bench', 'activate.cjs'), extension, join(ROOT, 'test', 'fixtures', 'workspace')], 60_000);
        try {
          const parsed = JSON.parse(run.out.trim().split('\n').pop() ?? '');
          if (parsed.error) activationError = parsed.error;
          else activations.push(parsed);
        } catch {
          activationError = run.err || run.out;
        }
      }
      if (activations.length) {
        record({
          doc: '-',
          what: 'load_activate_ms',
          value: round(median(activations.map((a) => a.totalMs)), 1),
          unit: 'ms',
          require_ms: round(median(activations.map((a) => a.requireMs)), 1),
          activate_ms: round(median(activations.map((a) => a.activateMs)), 1),
          core_loaded_during_activation: activations.some((a) => a.coreAtActivation),
          until_ready_ms: round(median(activations.map((a) => a.readyMs)), 1),
          until_ready_is: 'load + activate + the language client loaded (dist/client.js), the server process started and its first scan listed (null when it did not settle within 2 s under the fake host)',
          runs: activations.length,
          process: 'fresh, fake vscode module (scripts/bench/activate.cjs)',
          auto_stubbed: [...new Set(activations.flatMap((a) => a.autoStubbed))],
        });
      } else record({ doc: '-', what: 'load_activate_ms', value: null, error: activationError?.slice(0, 500) });
    }

    // Through the language server (production build): keystroke to diagnostics, the client's
    // longest event-loop block (the extension host's place) and the server's peak RSS.
    const serverBundle = join(ROOT, 'dist', 'server.js');
    if (existsSync(serverBundle)) {
      for (const doc of docs) {
        const huge = doc.bytes > 4 * 1024 * 1024;
        log(`${doc.name}: through the language server...`);
        const run = await runNode([join(ROOT, 'scripts', 'bench', 'server.mjs'), serverBundle, doc.path, JSON.stringify(doc.edits), String(huge ? 3 : QUICK ? 10 : 30)], 15 * 60_000);
        let result: { openMs: number; keystrokes: Record<string, { medianMs: number; maxMs: number; runs: number }>; chart?: { medianMs: number; maxMs: number; runs: number; rows: number }; clientMaxBlockMs: number; clientMaxBlockDuringOpenMs: number; serverPeakRssMb: number; diagnostics: number; error?: string } | undefined;
        try {
          result = JSON.parse(run.out.trim().split('\n').pop() ?? '');
        } catch {
          result = undefined;
        }
        if (!result || result.error) {
          record({ doc: doc.name, what: 'server_keystroke', value: null, error: (result?.error ?? run.err ?? run.out).slice(0, 500) });
          continue;
        }
        const remarkMs = num(find(doc.name, 'remark_parse')?.median_ms);
        const mdlMs = num(find(doc.name, 'markdownlint')?.median_ms);
        const ratios = (ms: number) => ({ ratio_to_remark: remarkMs ? round(ms / remarkMs, 3) : null, ratio_to_markdownlint: mdlMs ? round(ms / mdlMs, 3) : null });
        const base = { doc: doc.name, bytes: doc.bytes, process: 'server over stdio (dist/server.js), debounce 0' };
        record({ ...base, what: 'server_open_to_diagnostics', median_ms: round(result.openMs), runs: 1, ...ratios(result.openMs), diagnostics: result.diagnostics });
        for (const [where, k] of Object.entries(result.keystrokes)) record({ ...base, what: `server_keystroke_${where}`, median_ms: round(k.medianMs), max_ms: round(k.maxMs), runs: k.runs, ...ratios(k.medianMs) });
        if (result.chart) record({ ...base, what: 'server_chart_after_edit', median_ms: round(result.chart.medianMs), max_ms: round(result.chart.maxMs), runs: result.chart.runs, rows: result.chart.rows, ...ratios(result.chart.medianMs), note: 'Show Timeline: incidentReport/timelineChart after a one-character edit in the timeline (the panel adds its 300 ms debounce and the webview draw)' });
        record({ doc: doc.name, bytes: doc.bytes, what: 'client_max_block_ms', value: round(result.clientMaxBlockMs, 1), unit: 'ms', during_open_ms: round(result.clientMaxBlockDuringOpenMs, 1), note: 'longest event-loop block of the client process while the server validated (open and every keystroke)' });
        record({ doc: doc.name, bytes: doc.bytes, what: 'server_peak_rss_mb', value: round(result.serverPeakRssMb, 1), unit: 'MB', process: 'the server process (VmHWM)' });
      }
    }

    // Show Timeline's draw after an edit: the webview's ECharts option for the report's chart,
    // rendered by ECharts' SVG renderer (here server-side, as the SVG export test does).
    {
      const { chartHeight, chartOption, LIGHT_THEME } = await import('../../src/webview/timeline/chartOption');
      const { echarts } = await import('../../src/webview/timeline/echartsSetup');
      for (const doc of docs.filter((d) => d.bytes <= 64 * 1024)) {
        const chart = core.timelineChart(doc.text);
        if (!chart) continue;
        const draw = measure(() => {
          const instance = echarts.init(null as never, undefined, { renderer: 'svg', ssr: true, width: 1000, height: chartHeight(chart) });
          try {
            instance.setOption(chartOption(chart, LIGHT_THEME));
            instance.renderToSVGString();
          } finally {
            instance.dispose();
          }
        }, { minRuns: 5, maxRuns: 30, budgetMs: 3000 });
        const remarkMs = num(find(doc.name, 'remark_parse')?.median_ms);
        record({ doc: doc.name, bytes: doc.bytes, what: 'chart_draw', median_ms: round(draw.median), runs: draw.runs, rows: chart.rows.length, ratio_to_remark: remarkMs ? round(draw.median / remarkMs, 3) : null, note: "the timeline webview's ECharts option drawn to SVG (server-side render, as Export SVG)" });
      }
    }

    // The Incidents view index over 2,000 reports.
    const count = QUICK ? 200 : 2000;
    log(`index: generating ${count} reports...`);
    const dir = join(tmp, 'incidents');
    mkdirSync(dir);
    let indexBytes = 0;
    for (const { name, text } of generateCorpus(count, core)) {
      indexBytes += Buffer.byteLength(text);
      writeFileSync(join(dir, name), text);
    }
    log('index: fresh process...');
    type Index = { files: number; reports: number; open: number; loadMs: number; coldMs: number; warmMs: number; changedMedianMs: number; changedP95Ms: number; changedMaxMs: number; peakRssMb: number };
    const ix = await inChild<Index>('index', { core: coreBundle, dir, today: ENV.today });
    if ('coldMs' in ix) {
      record({ doc: `${count} reports`, bytes: indexBytes, what: 'index_cold_ms', value: round(ix.coldMs), unit: 'ms', reports: ix.reports, open: ix.open, warm_rebuild_ms: round(ix.warmMs), core_load_ms: round(ix.loadMs), peak_rss_mb: ix.peakRssMb, process: 'fresh; read with fs (16 at a time) + core.summarize' });
      record({ doc: `${count} reports`, what: 'index_changed_file_ms', value: round(ix.changedMedianMs, 3), unit: 'ms', p95_ms: round(ix.changedP95Ms, 3), max_ms: round(ix.changedMaxMs, 3), note: 'read one file again + core.summarize, median over 200 files' });
    } else record({ doc: `${count} reports`, what: 'index_cold_ms', value: null, error: 'failed' in ix ? ix.failed : 'timed out' });

    if (!QUICK) hostileRows = await hostileSection(coreBundle, log);

    await ciSection(tmp, core);
    statsSection(tmp, core);
    report(docs, load0, performance.now() - startedAt);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The production build (what users run), unless --no-build. */
function build(): void {
  if (NO_BUILD) return;
  log('build: node scripts/build.mjs --production...');
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) log(`build failed: ${result.stderr || result.stdout}`);
}

// ---------------------------------------------------------------------------------------
// `incident-report stats` over 2,000 reports (scripts/bench/stats.ts)

function statsSection(tmp: string, core: IncidentCore): void {
  const count = QUICK ? 200 : 2000;
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    record({ doc: `${count} reports`, what: 'cli_stats_s', value: null, error: 'no dist/cli.js' });
    return;
  }
  const bench = benchStats({ root: ROOT, tmp, count, rounds: QUICK ? 1 : 3, core, log });
  record({ doc: `${bench.reports} reports`, bytes: bench.bytes, what: 'cli_stats_s', value: round(medianOf(bench.runs), 2), unit: 's', cpu_s: bench.cpu.every((c) => c !== null) ? round(medianOf(bench.cpu as number[]), 2) : null, runs: bench.runs.map((r) => round(r, 2)), exit: bench.code, counts_all: bench.countsAll, note: 'stats --by severity,month --format json, fresh process' });
  record({ doc: `${bench.reports} reports`, what: 'cli_stats_cache_warm_s', value: round(medianOf([...bench.cacheWarm]), 2), unit: 's', cpu_s: bench.cacheWarmCpu.every((c) => c !== null) ? round(medianOf(bench.cacheWarmCpu as number[]), 2) : null, cold_s: round(bench.cacheCold, 2), runs: bench.cacheWarm.map((r) => round(r, 2)), same_output: bench.cacheSame, note: 'stats --cache after one report changed (the cache filled by a first run), fresh process' });
}

function statsTarget(add: (name: string, ok: boolean | undefined, detail: string) => void): void {
  const row = records.find((r) => r.what === 'cli_stats_s');
  const full = row?.doc === '2000 reports';
  const value = num(row?.['value']);
  const warm = records.find((r) => r.what === 'cli_stats_cache_warm_s');
  const warmValue = warm?.value as number | undefined;
  add('stats over 2,000 reports, reusing the cache, one report changed < 2 s', warmValue === undefined || !full ? undefined : warmValue < 2 && warm?.['same_output'] === true, warmValue === undefined ? 'not measured' : `${warmValue} s median wall, ${warm?.['cpu_s'] ?? '?'} s CPU (cold, filling the cache: ${warm?.['cold_s']} s; runs ${(warm?.['runs'] as number[]).join(', ')} s), same output as without the cache: ${warm?.['same_output']}`);
  add('stats over 2,000 reports cold < 2 s', value === undefined || !full ? undefined : value < 2, value === undefined ? 'not measured' : `${value} s median wall, ${row?.['cpu_s'] ?? '?'} s CPU (runs ${(row?.['runs'] as number[]).join(', ')} s; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores), every report counted: ${row?.['counts_all']}${full ? '' : ` (quick run: ${row?.doc})`}`);
}

// ---------------------------------------------------------------------------------------
// The CLI at CI scale against markdownlint-cli2 (scripts/bench/cli.ts)

const CLI_ROWS: Record<string, string> = {
  markdownlint_cli2: 'markdownlint-cli2 "incidents/*.md" (default rules)',
  ours_jobs1: 'ours, --jobs 1, cold',
  ours_jobsN: 'ours, --jobs <cores>, cold',
  floor_tokens: 'the parse alone: micromark tokens, <cores> threads',
  floor_mdast: 'the parse alone: mdast trees (fromMarkdown), <cores> threads',
  floor_reused: 'the parse alone: mdast trees (ours, set up once), <cores> threads',
  ours_cache_cold: 'ours, --cache, no cache file yet',
  ours_cache_warm_unchanged: 'ours, --cache, nothing changed',
  ours_cache_warm_one_changed: 'ours, --cache, one report changed',
};

async function ciSection(tmp: string, core: IncidentCore): Promise<void> {
  const count = QUICK ? 200 : 2000;
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    record({ doc: `${count} reports`, what: 'cli_ours_jobs1', value: null, error: 'no dist/cli.js' });
    return;
  }
  const bench: CliBench = await benchCli({ root: ROOT, tmp, count, rounds: Math.max(1, CI_ROUNDS), core, log });
  const mdl = medianOf(bench.runs['markdownlint_cli2']!.map((r) => r.wallS));
  for (const [what, note] of Object.entries(CLI_ROWS)) {
    const runs = bench.runs[what];
    if (!runs) continue;
    const wall = medianOf(runs.map((r) => r.wallS));
    const rss = runs.map((r) => r.peakRssMb).filter((v): v is number => v !== null);
    record({
      doc: `${bench.reports} reports`,
      bytes: bench.bytes,
      what: `cli_${what}`,
      value: round(wall, 2),
      unit: 's',
      peak_rss_mb: rss.length ? Math.max(...rss) : null,
      cpu_s: runs.every((r) => r.cpuS !== null) ? round(medianOf(runs.map((r) => r.cpuS!)), 2) : null,
      ratio_to_markdownlint: round(wall / mdl, 3),
      runs: runs.map((r) => round(r.wallS, 2)),
      exit: runs[0]!.code,
      note,
      ...(what === 'ours_jobsN' ? { jobs: bench.jobs } : {}),
      ...(what === 'ours_jobs1' ? { outputs_agree: bench.outputsAgree } : {}),
      ...(what === 'ours_cache_warm_one_changed' ? { output_equals_uncached: bench.warmAgrees } : {}),
      rss_from: bench.rss,
    });
  }
}

function ciTable(out: string[]): void {
  const rows = records.filter((r) => r.what.startsWith('cli_'));
  if (rows.length === 0) return;
  const fmt = (v: unknown, digits: number): string => (typeof v === 'number' ? v.toFixed(digits) : '-');
  out.push('', `The CLI at CI scale: ${rows[0]!.doc} (${round((rows[0]!.bytes ?? 0) / 2 ** 20, 1)} MB), fresh processes, median of rounds`);
  const header = ['what', 'wall s', 'cpu s', 'peak RSS MB', '× markdownlint-cli2', 'exit', 'runs (s)'];
  const cells = rows.map((r) => [String(r['note'] ?? r.what), fmt(r['value'], 2), fmt(r['cpu_s'], 2), fmt(r['peak_rss_mb'], 1), fmt(r.ratio_to_markdownlint, 3), String(r['exit'] ?? ''), Array.isArray(r['runs']) ? (r['runs'] as number[]).join(' ') : '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  out.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line));
}

function ciTargets(add: (name: string, ok: boolean | undefined, detail: string) => void): void {
  const get = (what: string) => records.find((r) => r.what === `cli_${what}`);
  const mdl = get('markdownlint_cli2');
  const jobs1 = get('ours_jobs1');
  const jobsN = get('ours_jobsN');
  const warm = get('ours_cache_warm_one_changed');
  const full = mdl?.doc === '2000 reports';
  const suffix = full ? '' : ` (quick run: ${mdl?.doc ?? 'not run'}, not 2,000)`;
  const ratio = num(jobsN?.ratio_to_markdownlint);
  add('CLI cold over 2,000 reports ≤ 0.5× markdownlint-cli2', ratio === undefined || !full ? undefined : ratio <= 0.5, ratio === undefined ? 'not measured' : `--jobs ${jobsN?.['jobs']}: ${jobsN?.['value']} s = ×${ratio.toFixed(3)}; --jobs 1: ${jobs1?.['value']} s = ×${num(jobs1?.ratio_to_markdownlint)?.toFixed(3)}; markdownlint-cli2 ${mdl?.['value']} s; outputs identical: ${jobs1?.['outputs_agree']}${suffix}`);
  const warmS = num(warm?.['value']);
  add('CLI --cache, warm, one report changed ≤ 2 s', warmS === undefined || !full ? undefined : warmS <= 2, warmS === undefined ? 'not measured' : `${warmS} s (runs ${(warm?.['runs'] as number[]).join(', ')} s); output equals a run without the cache: ${warm?.['output_equals_uncached']}${suffix}`);
  const tokens = get('floor_tokens');
  const trees = get('floor_mdast');
  const reused = get('floor_reused');
  add(
    'the floor under the cold target: the parse alone, on as many threads (reported)',
    tokens || trees ? true : undefined,
    tokens || trees ? `micromark's tokens of every section (no tree, no rules) ${tokens?.['value']} s = ×${num(tokens?.ratio_to_markdownlint)?.toFixed(3)}; their mdast trees from fromMarkdown ${trees?.['value']} s = ×${num(trees?.ratio_to_markdownlint)?.toFixed(3)}, from our set-up-once parser ${reused?.['value']} s = ×${num(reused?.ratio_to_markdownlint)?.toFixed(3)}; our whole lint ${jobsN?.['value']} s = ×${ratio?.toFixed(3)}${suffix}` : 'not measured',
  );
  const ours = records.filter((r) => r.what.startsWith('cli_ours_'));
  const peak = Math.max(...ours.map((r) => num(r['peak_rss_mb']) ?? 0));
  add('CLI peak RSS ≤ 300 MB (every run of ours)', ours.length === 0 || !full ? undefined : peak <= 300, ours.length === 0 ? 'not measured' : `${peak} MB at most (${ours.map((r) => `${String(r.what).replace('cli_ours_', '')} ${r['peak_rss_mb']}`).join(', ')}); markdownlint-cli2 ${mdl?.['peak_rss_mb']} MB${suffix}`);
}

// ---------------------------------------------------------------------------------------
// Output

function report(docs: Doc[], load0: number[], elapsedMs: number): void {
  const out: string[] = [];
  const fmt = (n: unknown, digits = 1): string => (typeof n === 'number' ? n.toFixed(digits) : n === null || n === undefined ? '-' : String(n));
  const table = (header: string[], rows: string[][]): void => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    out.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  };
  out.push('', `Incident Report benchmark (${QUICK ? 'quick' : 'full'}) — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${round(totalmem() / 2 ** 30, 1)} GB (${round(freemem() / 2 ** 30, 1)} free)`);
  out.push(`load average at start ${load0.map((l) => l.toFixed(1)).join(' ')}, at end ${loadavg().map((l) => l.toFixed(1)).join(' ')}; took ${round(elapsedMs / 1000, 1)} s`, '');
  if (CI_ONLY || STATS_ONLY) {
    ciTable(out);
    out.push('', 'JSON (one line per measurement)');
    for (const r of records) out.push(JSON.stringify(r));
    out.push('', 'Targets');
    const list: { name: string; status: string; detail: string }[] = [];
    const push = (name: string, ok: boolean | undefined, detail: string): void => void list.push({ name, status: ok === undefined ? 'not measured' : ok ? 'met' : 'NOT MET', detail });
    if (STATS_ONLY) statsTarget(push);
    else ciTargets(push);
    for (const t of list) out.push(`  [${t.status}] ${t.name}: ${t.detail}`);
    process.stdout.write(`${out.join('\n')}\n`);
    if (JSON_OUT) writeFileSync(JSON_OUT, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return;
  }
  out.push('Validation time (warm, median; 5 MB: one run each in a fresh process warmed on 50 KB)');
  const timed = records.filter((r) => 'median_ms' in r);
  table(
    ['doc', 'what', 'bytes', 'median ms', 'cpu ms', '× remark', '× markdownlint', 'runs', 'agrees'],
    timed.map((r) => [r.doc, r.what, String(r.bytes ?? ''), typeof r['lower_bound_ms'] === 'number' ? `>${r['lower_bound_ms']}` : fmt(r.median_ms, 2), fmt(r['median_cpu_ms'], 2), fmt(r.ratio_to_remark, 3), fmt(r.ratio_to_markdownlint, 3), String(r['runs'] ?? ''), r['agrees_with_full'] === undefined ? '' : String(r['agrees_with_full'])]),
  );
  const notes = [...new Set(timed.map((r) => r['note']).filter((n): n is string => typeof n === 'string' && /killed|failed/.test(n)))];
  for (const n of notes) out.push(`  note (5 MB markdownlint): ${n}`);
  ciTable(out);
  out.push('', 'Other measurements');
  const others = records.filter((r) => !('median_ms' in r) && !r.what.startsWith('cli_'));
  table(
    ['doc', 'what', 'value', 'unit', 'details'],
    others.map((r) => [r.doc, r.what, fmt(r['value'], 1), String(r['unit'] ?? ''), Object.entries(r).filter(([k]) => !['doc', 'what', 'value', 'unit', 'bytes', 'auto_stubbed'].includes(k)).map(([k, v]) => `${k}=${typeof v === 'number' ? v : JSON.stringify(v)}`).join(' ')]),
  );
  out.push(...formatHostile(hostileRows));
  out.push('', 'JSON (one line per measurement)');
  for (const r of records) out.push(JSON.stringify(r));
  for (const r of hostileRows) out.push(JSON.stringify(r));
  out.push('', 'Targets');
  for (const t of targets(docs)) out.push(`  [${t.status}] ${t.name}: ${t.detail}`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (JSON_OUT) writeFileSync(JSON_OUT, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

function targets(docs: Doc[]): { name: string; status: 'met' | 'NOT MET' | 'not measured'; detail: string }[] {
  const result: { name: string; status: 'met' | 'NOT MET' | 'not measured'; detail: string }[] = [];
  const add = (name: string, ok: boolean | undefined, detail: string): void => void result.push({ name, status: ok === undefined ? 'not measured' : ok ? 'met' : 'NOT MET', detail });

  const fulls = docs.map((d) => find(d.name, 'ours_full'));
  const ratios = fulls.map((f, i) => `${docs[i]!.name} ${fmtX(num(f?.ratio_to_remark))}`);
  const allRatios = fulls.map((f) => num(f?.ratio_to_remark));
  add('full validation ≤ 1.2× bare remark parse, every size', allRatios.some((r) => r === undefined) ? (allRatios.every((r) => r === undefined) ? undefined : false) : allRatios.every((r) => r! <= 1.2), ratios.join(', '));

  const t50 = find('50KB', 'ours_incremental_timeline');
  const s50 = find('50KB', 'ours_incremental_summary');
  const incr = [num(t50?.ratio_to_markdownlint), num(s50?.ratio_to_markdownlint)];
  add('incremental re-validation after a one-character edit ≤ 0.1× markdownlint (50 KB)', incr.includes(undefined) ? undefined : incr.every((r) => r! <= 0.1), `timeline edit ${fmtX(incr[0])} (${t50?.median_ms} ms), summary edit ${fmtX(incr[1])} (${s50?.median_ms} ms), markdownlint ${find('50KB', 'markdownlint')?.median_ms} ms; results equal a full validation: ${t50?.['agrees_with_full']}/${s50?.['agrees_with_full']}`);

  const f50 = find('50KB', 'ours_full');
  const f500 = find('500KB', 'ours_full');
  if (f50 && f500 && num(f50.median_ms) && num(f500.median_ms)) {
    const per50 = num(f50.median_ms)! / (f50.bytes! / 1024);
    const per500 = num(f500.median_ms)! / (f500.bytes! / 1024);
    add('linear growth: ms/KB at 500 KB ≤ 1.3× ms/KB at 50 KB', per500 <= 1.3 * per50, `${per50.toFixed(2)} ms/KB at 50 KB, ${per500.toFixed(2)} ms/KB at 500 KB (×${(per500 / per50).toFixed(2)})`);
  } else add('linear growth: ms/KB at 500 KB ≤ 1.3× ms/KB at 50 KB', undefined, 'needs the 500 KB report (full run)');

  const block = find('5MB', 'client_max_block_ms');
  add('5 MB: extension host (the language client) never blocked > 50 ms while the server validates', block ? num(block['value'])! <= 50 : undefined, block ? `longest block ${block['value']} ms (${block['during_open_ms']} ms while the report was opened)` : 'needs the 5 MB report (full run)');
  const serverRss = find('5MB', 'server_peak_rss_mb');
  add('5 MB: the server\'s peak RSS ≤ 400 MB', serverRss ? (num(serverRss['value']) ?? Infinity) <= 400 : undefined, serverRss ? `${serverRss['value']} MB` : 'needs the 5 MB report (full run)');
  for (const d of docs) {
    const k = [find(d.name, 'server_keystroke_timeline'), find(d.name, 'server_keystroke_summary')];
    if (k[0] || k[1]) add(`${d.name}: keystroke to diagnostics through the server (reported)`, true, k.map((r) => (r ? `${r.what.replace('server_keystroke_', '')} ${r.median_ms} ms (${fmtX(num(r.ratio_to_remark))} remark, ${fmtX(num(r.ratio_to_markdownlint))} markdownlint)` : '')).join(', '));
    const chart = find(d.name, 'server_chart_after_edit');
    const draw = find(d.name, 'chart_draw');
    if (chart) add(`${d.name}: Show Timeline's chart data after an edit, through the server (reported)`, true, `${chart.median_ms} ms median, ${chart['max_ms']} ms max over ${chart['runs']} edits, ${chart['rows']} rows (${fmtX(num(chart.ratio_to_remark))} a remark parse); the panel adds its 300 ms debounce${draw ? `, and the draw takes ${draw.median_ms} ms (ECharts to SVG, ${fmtX(num(draw.ratio_to_remark))} a remark parse)` : ''}`);
  }
  const rss = find('5MB', 'peak_rss_mb');
  add('5 MB: peak RSS ≤ 400 MB', rss ? (num(rss['value']) ?? Infinity) <= 400 : undefined, rss ? `${rss['value'] ?? rss['error']} MB (fresh process; remark alone ${find('5MB', 'remark_peak_rss_mb')?.['value'] ?? '?'} MB)` : 'needs the 5 MB report (full run)');

  const bundle = find('-', 'bundle_kb');
  const serverKb = find('-', 'bundle_server_kb');
  const clientKb = find('-', 'bundle_client_kb');
  add('bundle dist/extension.js ≤ 300 KB minified', bundle ? num(bundle['value'])! <= 300 : undefined, bundle ? `${bundle['value']} KB${bundle['minified'] ? '' : ' (as found in dist/: not rebuilt, --no-build)'} (gzip ${bundle['gzip_kb']} KB)${clientKb ? `; the language client, dist/client.js, ${clientKb['value']} KB loaded right after activation (together ${clientKb['total_with_extension_kb']} KB)` : ''}${serverKb ? `; the server, dist/server.js, ${serverKb['value']} KB in its own process` : ''}` : 'no dist/extension.js');
  const act = find('-', 'load_activate_ms');
  add('load + activate ≤ 30 ms', act && num(act['value']) !== undefined ? num(act['value'])! <= 30 : undefined, act ? `${act['value']} ms (require ${act['require_ms']} ms + activate ${act['activate_ms']} ms); until the server answered ${act['until_ready_ms']} ms${act['error'] ? ` error: ${act['error']}` : ''}` : 'not measured');

  const cold = records.find((r) => r.what === 'index_cold_ms');
  const changed = records.find((r) => r.what === 'index_changed_file_ms');
  const full = cold?.doc === '2000 reports';
  add('Incidents view index over 2,000 reports ≤ 2 s cold', cold && num(cold['value']) !== undefined && full ? num(cold['value'])! <= 2000 : undefined, cold ? `${cold['value']} ms for ${cold.doc}${full ? '' : ' (quick run: not 2,000)'}` : 'not measured');
  add('Incidents view: ≤ 20 ms per changed file', changed ? num(changed['value'])! <= 20 : undefined, changed ? `median ${changed['value']} ms, p95 ${changed['p95_ms']} ms, max ${changed['max_ms']} ms` : 'not measured');
  ciTargets(add);
  statsTarget(add);
  return result;
}

function fmtX(v: number | undefined): string {
  return v === undefined ? '?' : `×${v.toFixed(3)}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
