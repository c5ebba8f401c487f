/**
 * One fuzz worker (a child process of scripts/fuzz.ts). It receives jobs over IPC:
 *   {type:'corpus', items}       fixed documents (CommonMark/GFM examples, bundled reports);
 *   {type:'random', seed, count} `count` mutated reports generated from `seed`;
 * and answers each with {type:'done', ...} counts, stats and failures. Before each case it
 * writes "<job id> <index>" to its status file, so the parent can name the case of a hang.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { createIncidentCore, ReportParser } from '../../src/core/index';
import { buildText, caseArbitrary, checkDocument, InvariantError, loadBases, shrinkCase, signature, type Mode, type Shrunk } from './harness';

export interface CorpusItem {
  readonly label: string;
  readonly text: string;
  readonly mode: Mode;
  readonly fileName?: string;
}

export type Job = { readonly type: 'corpus'; readonly id: number; readonly items: readonly CorpusItem[]; readonly crossEvery: number } | { readonly type: 'random'; readonly id: number; readonly seed: number; readonly count: number; readonly crossEvery: number };

export interface JobFailure {
  readonly signature: string;
  readonly message: string;
  /** Corpus label, or "seed S run I". */
  readonly where: string;
  readonly text?: string;
  readonly shrunk?: Shrunk;
  readonly seed?: number;
  readonly index?: number;
}

export interface JobResult {
  readonly type: 'done';
  readonly id: number;
  readonly kind: 'corpus' | 'random';
  readonly cases: number;
  readonly chars: number;
  readonly largest: number;
  readonly slowest: { readonly ms: number; readonly where: string; readonly length: number };
  readonly unconverged: number;
  readonly modeChanged: number;
  readonly crossChecked: number;
  readonly exempted: Record<string, number>;
  readonly failures: readonly JobFailure[];
}

const statusFile = process.env['FUZZ_STATUS_FILE'];
const core = createIncidentCore();
const bases = loadBases(core);
const arbitrary = caseArbitrary(bases.length);
/** Signatures this worker already shrank: later ones are only counted. */
const shrunkSignatures = new Set<string>();
/** One parser per base: a mutated report re-parses only the sections its mutations touched. */
const parsers = bases.map(() => new ReportParser());

function status(id: number, index: number, shrinking?: number): void {
  if (statusFile) writeFileSync(statusFile, `${id} ${index}${shrinking === undefined ? '' : ` shrinking ${shrinking}`}`);
}

function run(job: Job): JobResult {
  const result = { type: 'done' as const, id: job.id, kind: job.type, cases: 0, chars: 0, largest: 0, slowest: { ms: 0, where: '', length: 0 }, unconverged: 0, modeChanged: 0, crossChecked: 0, exempted: {} as Record<string, number>, failures: [] as JobFailure[] };
  const one = (text: string, where: string, options: { mode: Mode; fileName?: string; crossCheck: boolean; parser?: ReportParser }, onFailure: (message: string) => JobFailure) => {
    const started = performance.now();
    let failure: string | undefined;
    try {
      const stats = checkDocument(core, text, options);
      if (stats.unconverged) result.unconverged++;
      if (stats.modeChanged) result.modeChanged++;
      if (options.crossCheck) result.crossChecked++;
      for (const [rule, n] of Object.entries(stats.exempted)) result.exempted[rule] = (result.exempted[rule] ?? 0) + n;
    } catch (error) {
      failure = error instanceof InvariantError ? error.message : `harness error: ${(error as Error)?.stack ?? String(error)}`;
    }
    const ms = performance.now() - started;
    result.cases++;
    result.chars += text.length;
    result.largest = Math.max(result.largest, text.length);
    if (ms > result.slowest.ms) result.slowest = { ms, where, length: text.length };
    if (failure !== undefined) result.failures.push(onFailure(failure));
  };

  if (job.type === 'corpus') {
    job.items.forEach((item, index) => {
      status(job.id, index);
      one(item.text, item.label, { mode: item.mode, fileName: item.fileName, crossCheck: index % job.crossEvery === 0 }, (message) => ({ signature: signature(message), message, where: item.label, text: item.text }));
    });
    return result;
  }
  const cases = fc.sample(arbitrary, { seed: job.seed, numRuns: job.count });
  cases.forEach((c, index) => {
    status(job.id, index);
    const where = `seed ${job.seed} run ${index}`;
    const crossCheck = index % job.crossEvery === 0;
    one(buildText(bases, c), where, { mode: c.mode, fileName: c.fileName, crossCheck, parser: parsers[c.base % bases.length] }, (message) => {
      const sig = signature(message);
      if (shrunkSignatures.has(sig)) return { signature: sig, message, where, seed: job.seed, index };
      shrunkSignatures.add(sig);
      const shrunk = shrinkCase(core, bases, arbitrary, job.seed, index, sig, crossCheck, (n) => status(job.id, index, n));
      return { signature: sig, message, where, seed: job.seed, index, shrunk };
    });
  });
  return result;
}

process.on('message', (job: Job) => {
  const result = run(job);
  process.send!(result);
});
process.send!({ type: 'ready' });
