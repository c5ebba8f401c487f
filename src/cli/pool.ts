/**
 * Lints files on `jobs` worker threads, or in this thread when there is one job or no
 * worker script (the CLI run from its TypeScript source, in-process tests). The built CLI,
 * dist/cli.js, is its own worker script: its entry (index.ts) runs `runLintWorker` when it
 * is started as a worker with LintWorkerData.
 */
import { parentPort, Worker } from 'node:worker_threads';
import { createFileLinter, type FileLint, type FileLinter, type LintSettings } from './lintFile';

export const LINT_WORKER_KIND = 'incident-report/lint-worker';

export interface LintWorkerData {
  readonly kind: typeof LINT_WORKER_KIND;
  readonly settings: LintSettings;
}

export function isLintWorkerData(data: unknown): data is LintWorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === LINT_WORKER_KIND;
}

interface Job {
  readonly id: number;
  readonly text: string;
  readonly fileName: string;
  readonly onlyReports: boolean;
}
type Reply = { id: number; result: FileLint | undefined } | { id: number; error: string };

/** The worker's side: lint each job it is sent, with one core for its whole life. */
export function runLintWorker(data: LintWorkerData): void {
  const port = parentPort;
  if (!port) throw new Error('runLintWorker: not in a worker thread');
  const lint = createFileLinter(data.settings);
  port.on('message', (job: Job) => {
    let reply: Reply;
    try {
      reply = { id: job.id, result: lint(job.text, job.fileName, job.onlyReports) };
    } catch (error) {
      reply = { id: job.id, error: (error as Error).stack ?? String(error) };
    }
    port.postMessage(reply);
  });
}

export interface LintPool {
  /** The file's diagnostics; undefined when `onlyReports` and it is not a report. */
  lint(text: string, fileName: string, onlyReports: boolean): Promise<FileLint | undefined>;
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
  busy: Pending | undefined;
}

export function createPool(settings: LintSettings, jobs: number, workerScript: string | undefined): LintPool {
  if (jobs <= 1 || workerScript === undefined) {
    let linter: FileLinter | undefined;
    return {
      lint: (text, fileName, onlyReports) => {
        try {
          return Promise.resolve((linter ??= createFileLinter(settings))(text, fileName, onlyReports));
        } catch (error) {
          return Promise.reject(error as Error);
        }
      },
      close: () => Promise.resolve(),
      workers: 0,
    };
  }

  const lanes: Lane[] = [];
  const queue: Pending[] = [];
  let nextId = 0;
  let failure: Error | undefined;
  let closing = false;

  const fail = (error: Error): void => {
    failure ??= error;
    for (const lane of lanes) {
      lane.busy?.reject(failure);
      lane.busy = undefined;
    }
    for (const pending of queue.splice(0)) pending.reject(failure);
  };
  const dispatch = (lane: Lane): void => {
    const next = queue.shift();
    lane.busy = next;
    if (next) lane.worker.postMessage(next.job);
  };
  // Workers start as jobs come, up to `jobs`: a warm cache with one changed file starts one.
  const start = (): Lane => {
    const data: LintWorkerData = { kind: LINT_WORKER_KIND, settings };
    const worker = new Worker(workerScript, { workerData: data });
    const lane: Lane = { worker, busy: undefined };
    worker.on('message', (reply: Reply) => {
      const pending = lane.busy;
      if (!pending || pending.job.id !== reply.id) return fail(new Error(`lint worker answered job ${reply.id}, expected ${pending?.job.id}`));
      if ('error' in reply) pending.reject(new Error(reply.error));
      else pending.resolve(reply.result);
      dispatch(lane);
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (!closing) fail(new Error(`lint worker stopped (exit code ${code})`));
    });
    lanes.push(lane);
    return lane;
  };

  return {
    lint(text, fileName, onlyReports) {
      if (failure) return Promise.reject(failure);
      return new Promise<FileLint | undefined>((resolve, reject) => {
        queue.push({ job: { id: nextId++, text, fileName, onlyReports }, resolve, reject });
        const idle = lanes.find((l) => !l.busy) ?? (lanes.length < jobs ? start() : undefined);
        if (idle) dispatch(idle);
      });
    },
    async close() {
      closing = true;
      await Promise.all(lanes.map((l) => l.worker.terminate()));
    },
    get workers() {
      return lanes.length;
    },
  };
}
