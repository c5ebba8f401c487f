/**
 * Lints files on `jobs` threads: this one and `jobs - 1` worker threads. Each worker holds
 * a few files queued, so it never waits for this thread; a file no worker has room for is
 * linted here, at once, after the workers' finished files are collected (synchronously, so
 * that a long run of files linted here does not starve them). With one job, or no worker
 * script (the CLI run from its TypeScript source, in-process tests), every file is linted
 * here. The built CLI, dist/cli.js, is its own worker script: its entry (index.ts) runs
 * `runLintWorker` when it is started as a worker with LintWorkerData.
 */
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { createFileLinter, type FileLint, type FileLinter, type LintSettings } from './lintFile';

export const LINT_WORKER_KIND = 'incident-report/lint-worker';

export interface LintWorkerData {
  readonly kind: typeof LINT_WORKER_KIND;
  readonly settings: LintSettings;
  /** Where jobs come in and results go back. */
  readonly port: MessagePort;
}

export function isLintWorkerData(data: unknown): data is LintWorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === LINT_WORKER_KIND;
}

interface Job {
  readonly id: number;
  readonly text: string;
  readonly fileName: string;
  readonly onlyReports: boolean;
  readonly profile: number | undefined;
  /** `lint --fix`: apply the safe fixes first (the result holds the fixed text). */
  readonly fix: boolean;
}
type Reply = { id: number; result: FileLint | undefined } | { id: number; error: string };

/** The worker's side: lint each job it is sent, with one core for its whole life. */
export function runLintWorker(data: LintWorkerData): void {
  const port = data.port;
  const lint = createFileLinter(data.settings);
  port.on('message', (job: Job) => {
    let reply: Reply;
    try {
      reply = { id: job.id, result: lint(job.text, job.fileName, job.onlyReports, job.profile, job.fix) };
    } catch (error) {
      reply = { id: job.id, error: (error as Error).stack ?? String(error) };
    }
    port.postMessage(reply);
  });
}

export interface LintPool {
  /** The file's diagnostics; undefined when `onlyReports` and it is not a report. `profile`: an index into settings.profiles; `fix`: apply the safe fixes first. */
  lint(text: string, fileName: string, onlyReports: boolean, profile?: number, fix?: boolean): Promise<FileLint | undefined>;
  /** Ends the workers; the pool is not used after. */
  close(): Promise<void>;
  /** Worker threads started so far (0 when linting in this thread). */
  readonly workers: number;
}

interface Pending {
  readonly job: Job;
  resolve(result: FileLint | undefined): void;
  reject(error: Error): void;
}

interface Lane {
  readonly worker: Worker;
  readonly port: MessagePort;
  /** Sent and not answered yet, oldest first. */
  readonly sent: Pending[];
}

/**
 * V8's garbage collector for a run whose threads lint on every core (`--jobs` at least the
 * number of cores). Measured over the bench's 2,000 reports on 2 cores, `--jobs 2`,
 * interleaved with runs without them:
 * - No concurrent marking and no parallel scavenge: by default V8 marks the old generation
 *   alongside JavaScript, and splits each scavenge of the young one, on helper threads. With
 *   every core linting they take their CPU from the lint threads, and a thread waits for its
 *   scavenge's helpers. Without them a thread marks in steps as it allocates and scavenges
 *   alone (the final marking pause, sweeping and compaction still use helpers).
 * - Heap growing percent 100: the old generation's limit is set at twice what survived its
 *   last collection, not the up to 4 times V8 allows itself when collections are cheap: the
 *   old space of each thread held ~20 MB live and grew to 70-100 MB before it was collected.
 * Concurrent marking and growing: 12.3-13.1 s and 250-258 MB peak RSS against 12.9-13.3 s
 * and 295-298 MB (three runs each); no parallel scavenge on top of them: 10.9 s against
 * 11.4 s (means of ten pairs), the same RSS. With fewer jobs than cores the helpers have a
 * core of their own, and none is set. A value the user gave node for any of them (in its
 * arguments: NODE_OPTIONS does not take these) is left to win.
 */
export function gcFlagsForBatch(nodeArguments: readonly string[], v8Version: string): string[] {
  // V8 prints "unrecognized flag" on stderr for a flag it lacks: only engines known to have
  // all three (Node 20-25; V8 11-14) get them, a later one none until it is checked.
  const major = Number(/^\d+/.exec(v8Version)?.[0]);
  if (!(major >= 11 && major <= 14)) return [];
  const given = nodeArguments.map((flag) => flag.replaceAll('_', '-'));
  const wants = [
    { flag: '--no-concurrent-marking', name: 'concurrent-marking' },
    { flag: '--no-parallel-scavenge', name: 'parallel-scavenge' },
    { flag: '--heap-growing-percent=100', name: 'heap-growing-percent' },
  ];
  return wants.filter(({ name }) => !given.some((flag) => flag.replace(/^--(no-?)?/, '').split('=')[0] === name)).map(({ flag }) => flag);
}

/**
 * Sets gcFlagsForBatch's flags for this process, its workers included. The CLI calls it as
 * it reads its arguments, before it has allocated much: V8's flags are the process's, and
 * concurrent marking is best turned off before a marking cycle can have started.
 */
export function tuneGcForBatch(): void {
  for (const flag of gcFlagsForBatch(process.execArgv, process.versions.v8)) {
    try {
      setFlagsFromString(flag);
    } catch {
      // A runtime whose node:v8 does not take flags lints as it is.
    }
  }
}

/** Files a worker holds at once: one it lints, the next ones waiting in its port. */
const QUEUED_PER_WORKER = 3;

export function createPool(settings: LintSettings, jobs: number, workerScript: string | undefined): LintPool {
  let linter: FileLinter | undefined;
  const here = (text: string, fileName: string, onlyReports: boolean, profile?: number, fix = false): Promise<FileLint | undefined> => {
    try {
      return Promise.resolve((linter ??= createFileLinter(settings))(text, fileName, onlyReports, profile, fix));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  if (jobs <= 1 || workerScript === undefined) return { lint: here, close: () => Promise.resolve(), workers: 0 };

  const lanes: Lane[] = [];
  let nextId = 0;
  let failure: Error | undefined;
  let closing = false;

  const fail = (error: Error): void => {
    failure ??= error;
    for (const lane of lanes) for (const pending of lane.sent.splice(0)) pending.reject(failure);
  };
  const answer = (lane: Lane, reply: Reply): void => {
    const pending = lane.sent.shift();
    if (!pending || pending.job.id !== reply.id) return fail(new Error(`lint worker answered job ${reply.id}, expected ${pending?.job.id}`));
    if ('error' in reply) pending.reject(new Error(reply.error));
    else pending.resolve(reply.result);
  };
  /** Collects the answers already waiting, without going back to the event loop. */
  const collect = (): void => {
    for (const lane of lanes) {
      for (let m = receiveMessageOnPort(lane.port); m; m = receiveMessageOnPort(lane.port)) answer(lane, m.message as Reply);
    }
  };
  // Workers start as files come, up to `jobs - 1`: a warm cache with one changed file starts none.
  const start = (): Lane => {
    const { port1, port2 } = new MessageChannel();
    const data: LintWorkerData = { kind: LINT_WORKER_KIND, settings, port: port2 };
    const worker = new Worker(workerScript, { workerData: data, transferList: [port2] });
    const lane: Lane = { worker, port: port1, sent: [] };
    port1.on('message', (reply: Reply) => answer(lane, reply));
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (!closing) fail(new Error(`lint worker stopped (exit code ${code})`));
    });
    lanes.push(lane);
    return lane;
  };

  return {
    lint(text, fileName, onlyReports, profile, fix = false) {
      if (failure) return Promise.reject(failure);
      collect();
      if (failure) return Promise.reject(failure);
      const lane = lanes.filter((l) => l.sent.length < QUEUED_PER_WORKER).sort((a, b) => a.sent.length - b.sent.length)[0] ?? (lanes.length < jobs - 1 && linter ? start() : undefined);
      // No worker with room (or this is the first file: it warms this thread up): lint it here.
      if (!lane) return here(text, fileName, onlyReports, profile, fix);
      return new Promise<FileLint | undefined>((resolve, reject) => {
        const job: Job = { id: nextId++, text, fileName, onlyReports, profile, fix };
        lane.sent.push({ job, resolve, reject });
        lane.port.postMessage(job);
      });
    },
    async close() {
      closing = true;
      for (const lane of lanes) lane.port.close();
      await Promise.all(lanes.map((l) => l.worker.terminate()));
    },
    get workers() {
      return lanes.length;
    },
  };
}
