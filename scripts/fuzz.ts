/**
 * `npm run fuzz`: the full robustness set (the fast slice runs in `npx mocha`, from
 * test/unit/robustness). Every CommonMark spec example (alone and inside reports), the
 * GFM table/task-list cases, the bundled reports in every mode, then mutated reports
 * (test/fuzz/harness.ts: deleted/duplicated/swapped lines, broken pipes, Unicode with
 * emoji and RTL, CRLF/CR/LF mixes, BOM, NUL, 10,000-character lines, deep lists and
 * quotes) through lint and fix-all, checking the invariants listed in the harness.
 *
 *   node --import tsx scripts/fuzz.ts [--runs 100000] [--workers N] [--seed S]
 *        [--chunk 50] [--cross-every 10] [--corpus-cross-every 3] [--hang-seconds 120]
 *        [--no-corpus] [--out DIR]
 *
 * --cross-every K: every K-th case is also run through core.fixAll and fresh parses and
 * compared (the others lint with one long-lived parser per base document, which re-parses
 * only the sections a mutation touched: several times faster).
 *
 * Work is spread over child processes (default: one per CPU). Prints progress, then the
 * counts, the time, the largest input, and every failure class with how to replay it
 * (seed and fast-check path) and its shrunk input as a JSON string; failures are also
 * written to DIR/failures.json (default test-results/fuzz). A case that runs longer than
 * --hang-seconds is reported as a hang, its input saved to DIR. Exit 1 on any failure.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createIncidentCore } from '../src/core/index';
import { buildText, caseArbitrary, commonmarkExamples, describeShrunk, embed, GFM_CASES, loadBases, type Mode } from '../test/fuzz/harness';
import type { CorpusItem, Job, JobFailure, JobResult } from '../test/fuzz/worker';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(option('--runs') ?? 100_000);
const WORKERS = Number(option('--workers') ?? availableParallelism());
const SEED = Number(option('--seed') ?? Math.floor(Math.random() * 2 ** 31));
const CHUNK = Number(option('--chunk') ?? 50);
const CROSS_EVERY = Number(option('--cross-every') ?? 10);
const CORPUS_CROSS_EVERY = Number(option('--corpus-cross-every') ?? 3);
const HANG_MS = Number(option('--hang-seconds') ?? 120) * 1000;
const CORPUS = !argv.includes('--no-corpus');
const OUT = resolve(ROOT, option('--out') ?? 'test-results/fuzz');

// ---- the jobs

function corpusItems(): CorpusItem[] {
  const core = createIncidentCore();
  const bases = loadBases(core);
  const complete = bases[0]!.text;
  const fresh = bases[1]!.text;
  const items: CorpusItem[] = [];
  for (const ex of commonmarkExamples()) {
    const label = `CommonMark example ${ex.number} (${ex.section})`;
    items.push({ label: `${label}, alone`, text: ex.markdown, mode: 'auto' });
    items.push({ label: `${label}, alone, final`, text: ex.markdown, mode: 'final' });
    items.push({ label: `${label}, CRLF`, text: ex.markdown.replace(/\n/g, '\r\n'), mode: 'auto' });
    items.push({ label: `${label}, in a fresh report's Summary`, text: embed(fresh, ex.markdown, 'summary'), mode: 'auto' });
    items.push({ label: `${label}, in the complete report's Timeline`, text: embed(complete, ex.markdown, 'timeline'), mode: 'auto' });
    items.push({ label: `${label}, at the end of the complete report`, text: embed(complete, ex.markdown, 'end'), mode: 'final' });
  }
  for (const gfm of GFM_CASES) {
    for (const mode of ['auto', 'final'] as Mode[]) {
      items.push({ label: `GFM ${gfm.name}, alone, ${mode}`, text: gfm.markdown, mode });
      items.push({ label: `GFM ${gfm.name}, in a fresh report's Timeline, ${mode}`, text: embed(fresh, gfm.markdown, 'timeline'), mode });
      items.push({ label: `GFM ${gfm.name}, in the complete report's Summary, ${mode}`, text: embed(complete, gfm.markdown, 'summary'), mode });
      items.push({ label: `GFM ${gfm.name}, in the complete report's Timeline, ${mode}`, text: embed(complete, gfm.markdown, 'timeline'), mode });
    }
  }
  for (const base of bases) {
    for (const mode of ['auto', 'draft', 'final'] as Mode[]) {
      for (const fileName of [undefined, 'INC-20261020-001-checkout-outage.md', 'INC-20261124-002-other.md']) {
        items.push({ label: `${base.name}, ${mode}, file ${fileName ?? '(none)'}`, text: base.text, mode, fileName });
        items.push({ label: `${base.name}, ${mode}, file ${fileName ?? '(none)'}, CRLF`, text: base.text.replace(/\n/g, '\r\n'), mode, fileName });
      }
    }
  }
  return items;
}

const jobs: Job[] = [];
let nextId = 0;
if (CORPUS) {
  const items = corpusItems();
  for (let i = 0; i < items.length; i += CHUNK) jobs.push({ type: 'corpus', id: nextId++, items: items.slice(i, i + CHUNK), crossEvery: CORPUS_CROSS_EVERY });
}
const randomJobs = Math.ceil(RUNS / CHUNK);
for (let i = 0; i < randomJobs; i++) {
  jobs.push({ type: 'random', id: nextId++, seed: (SEED + i * 7919) % 2 ** 31, count: Math.min(CHUNK, RUNS - i * CHUNK), crossEvery: CROSS_EVERY });
}

// ---- the workers

interface Worker {
  readonly child: ChildProcess;
  readonly statusFile: string;
  job: Job | undefined;
  lastStatus: string;
  lastChange: number;
}

const totals = { corpus: 0, random: 0, chars: 0, largest: 0, unconverged: 0, modeChanged: 0, crossChecked: 0, slowest: { ms: 0, where: '', length: 0 }, exempted: {} as Record<string, number> };
const failures = new Map<string, { count: number; first: JobFailure; shrunk?: JobFailure }>();
const queue = [...jobs];
const workers = new Set<Worker>();
const started = Date.now();
mkdirSync(OUT, { recursive: true });

function record(failure: JobFailure): void {
  const entry = failures.get(failure.signature);
  if (!entry) {
    failures.set(failure.signature, { count: 1, first: failure, shrunk: failure.shrunk ? failure : undefined });
    console.log(`  ✗ new failure class: ${failure.signature} (${failure.where})`);
  }
  else {
    entry.count++;
    if (!entry.shrunk && failure.shrunk) entry.shrunk = failure;
  }
}

function startWorker(): void {
  const statusFile = join(tmpdir(), `incident-fuzz-${process.pid}-${Math.random().toString(36).slice(2)}.status`);
  const child = fork(join(ROOT, 'test', 'fuzz', 'worker.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, FUZZ_STATUS_FILE: statusFile }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const worker: Worker = { child, statusFile, job: undefined, lastStatus: '', lastChange: Date.now() };
  workers.add(worker);
  const dispatch = () => {
    worker.job = queue.shift();
    worker.lastChange = Date.now();
    if (worker.job) child.send(worker.job);
    else child.disconnect();
  };
  child.on('message', (message: JobResult | { type: 'ready' }) => {
    if (message.type === 'done') {
      const r = message;
      if (r.kind === 'corpus') totals.corpus += r.cases;
      else totals.random += r.cases;
      totals.chars += r.chars;
      totals.largest = Math.max(totals.largest, r.largest);
      totals.unconverged += r.unconverged;
      totals.modeChanged += r.modeChanged;
      totals.crossChecked += r.crossChecked;
      if (r.slowest.ms > totals.slowest.ms) totals.slowest = r.slowest;
      for (const [rule, n] of Object.entries(r.exempted)) totals.exempted[rule] = (totals.exempted[rule] ?? 0) + n;
      r.failures.forEach(record);
    }
    dispatch();
  });
  child.on('exit', (code, signal) => {
    workers.delete(worker);
    rmSync(statusFile, { force: true });
    if (worker.job) {
      // Died or was killed in the middle of a job: report the case it was on.
      const [, index] = worker.lastStatus.split(' ').map(Number);
      record(hangOrCrash(worker.job, index ?? 0, signal === 'SIGKILL' && worker.lastChange === -1 ? 'hang' : `worker exited (${signal ?? code})`));
      startWorker();
    }
    if (workers.size === 0) finish();
  });
}

function hangOrCrash(job: Job, index: number, what: string): JobFailure {
  let text: string;
  let where: string;
  if (job.type === 'corpus') {
    text = job.items[index]!.text;
    where = job.items[index]!.label;
  } else {
    const core = createIncidentCore();
    const bases = loadBases(core);
    const c = fc.sample(caseArbitrary(bases.length), { seed: job.seed, numRuns: index + 1 })[index]!;
    text = buildText(bases, c);
    where = `seed ${job.seed} run ${index} (mode ${c.mode}, fileName ${c.fileName ?? '(none)'})`;
  }
  const file = join(OUT, `${what.replace(/\W+/g, '-')}-${job.id}-${index}.json`);
  writeFileSync(file, JSON.stringify({ where, text }));
  const message = `${what === 'hang' ? `a case ran longer than ${HANG_MS / 1000} s` : what} on ${where} (${text.length} chars; input saved to ${file})`;
  return { signature: what === 'hang' ? 'hang' : `worker crash: ${what}`, message, where, text: text.length <= 2000 ? text : undefined };
}

// Hang watch: a case whose status has not changed for HANG_MS.
const watch = setInterval(() => {
  for (const worker of workers) {
    if (!worker.job) continue;
    const current = existsSync(worker.statusFile) ? readFileSync(worker.statusFile, 'utf8') : '';
    if (current !== worker.lastStatus) {
      worker.lastStatus = current;
      worker.lastChange = Date.now();
    } else if (worker.lastChange !== -1 && Date.now() - worker.lastChange > HANG_MS) {
      worker.lastChange = -1;
      worker.child.kill('SIGKILL');
    }
  }
}, 2000);

const progress = setInterval(() => {
  const done = totals.corpus + totals.random;
  const seconds = (Date.now() - started) / 1000;
  console.log(`  ${done.toLocaleString('en')} cases (${totals.random.toLocaleString('en')} / ${RUNS.toLocaleString('en')} mutated) in ${seconds.toFixed(0)} s, ${(done / seconds).toFixed(0)}/s, ${failures.size} failure class(es)`);
}, 15_000);

let finished = false;
function finish(): void {
  if (finished) return;
  finished = true;
  clearInterval(watch);
  clearInterval(progress);
  const seconds = (Date.now() - started) / 1000;
  const total = totals.corpus + totals.random;
  console.log('');
  console.log(`incident-report fuzz: seed ${SEED}, ${WORKERS} worker(s), chunk ${CHUNK}`);
  console.log(`cases: ${total.toLocaleString('en')} (${totals.corpus.toLocaleString('en')} corpus, ${totals.random.toLocaleString('en')} mutated); ${totals.crossChecked.toLocaleString('en')} cross-checked against core.fixAll and a fresh parse`);
  console.log(`time: ${seconds.toFixed(1)} s (${(total / seconds).toFixed(1)} cases/s); ${(totals.chars / 1e6).toFixed(1)} M characters; largest input ${totals.largest.toLocaleString('en')} characters`);
  console.log(`slowest case: ${totals.slowest.ms.toFixed(0)} ms, ${totals.slowest.length.toLocaleString('en')} characters, ${totals.slowest.where}`);
  console.log(`fix-all stopped at its pass limit with safe fixes left: ${totals.unconverged.toLocaleString('en')} case(s); a fix changed the mode: ${totals.modeChanged}`);
  console.log(`errors inside sections fix-all inserted (not counted as new): ${JSON.stringify(totals.exempted)}`);
  const list = [...failures.entries()].sort((a, b) => b[1].count - a[1].count);
  console.log(`failures: ${list.reduce((n, [, e]) => n + e.count, 0)} in ${list.length} class(es)`);
  for (const [sig, entry] of list) {
    console.log(`\n✗ ${sig}  (${entry.count}×, first: ${entry.first.where})`);
    if (entry.shrunk?.shrunk) console.log(describeShrunk(entry.shrunk.shrunk));
    else {
      if (entry.first.text !== undefined) console.log(`  input (${entry.first.text.length} chars): ${JSON.stringify(entry.first.text.slice(0, 4000))}`);
      console.log(`  ${entry.first.message.split('\n').join('\n  ')}`);
    }
  }
  writeFileSync(join(OUT, 'failures.json'), JSON.stringify(list.map(([sig, e]) => ({ signature: sig, count: e.count, first: e.first, shrunk: e.shrunk?.shrunk })), null, 2));
  console.log(`\n${total} cases, ${list.length} failure class(es)${list.length ? ` (details in ${join(OUT, 'failures.json')})` : ''}`);
  process.exitCode = list.length ? 1 : 0;
}

console.log(`incident-report fuzz: ${jobs.length} jobs (${CORPUS ? `${jobs.filter((j) => j.type === 'corpus').length} corpus, ` : ''}${randomJobs} of ${CHUNK} mutated reports), seed ${SEED}, ${WORKERS} worker(s)`);
for (let i = 0; i < Math.max(1, WORKERS); i++) startWorker();
