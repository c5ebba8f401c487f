import { Worker } from 'node:worker_threads';
import type { ChunkModel } from '../core/model/assemble';

/*
 * A worker thread that parses the long pieces of large reports (see PieceParser in
 * core/model/parseReport), so the extension host is never held by one section's parse:
 * a 760 KB section takes ~0.6 s to parse, its model ~5 ms to receive. Desktop only: VS Code
 * for the Web parses in its own (worker) extension host, between pauses.
 */

/** A finished parse, or why it failed, as the worker posts it. */
export type PieceReply = { readonly id: number; readonly model: ChunkModel; /** The worker's heap after the parse. */ readonly heapMb: number } | { readonly id: number; readonly error: string };
/** What the worker is asked to parse. */
export interface PieceRequest {
  readonly id: number;
  readonly text: string;
  readonly base: number;
}

interface Pending {
  resolve(model: ChunkModel): void;
  reject(error: Error): void;
}

/** An idle worker is stopped after this long: its heap after a big section is tens of MB. */
const IDLE_MS = 30_000;
/**
 * A worker whose heap grew past this (a parse of hundreds of KB leaves ~100 MB) is stopped
 * once idle and started again when needed (~30 ms, off the thread): its memory adds to the
 * extension host's own, and a 5 MB report would otherwise keep ~100 MB more for nothing.
 */
const RESTART_HEAP_MB = 64;
/** After this many failed workers no more are started: every piece is parsed in the thread, as on the web. */
const MAX_FAILURES = 3;

export class PieceWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failures = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Pieces the worker parsed (for the log and tests). */
  parsed = 0;
  /** Worker threads started so far. */
  started = 0;

  /**
   * `script` is the bundled worker entry (dist/pieceWorker.js); `log` hears why a worker
   * failed; a worker whose heap grew past `restartHeapMb` is stopped once idle.
   */
  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void = () => undefined,
    private readonly restartHeapMb = RESTART_HEAP_MB,
  ) {}

  /** A PieceParser: rejects when no worker can parse it (the caller parses in the thread). */
  readonly parse = (text: string, base: number): Promise<ChunkModel> => {
    if (this.disposed || this.failures >= MAX_FAILURES) return Promise.reject(new Error('no piece worker'));
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (error) {
      this.failed(`could not start (${(error as Error).message})`);
      return Promise.reject(error as Error);
    }
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    // While a parse is pending the worker keeps the process alive (a CLI or a test awaiting it).
    worker.ref();
    const id = this.nextId++;
    return new Promise<ChunkModel>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, base } satisfies PieceRequest);
    });
  };

  private start(): Worker {
    // A small young generation: parsing allocates much that dies young, and the worker's memory counts against the extension host's.
    const worker = new Worker(this.script, { name: 'incident-report pieces', resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.started++;
    worker.on('message', (reply: PieceReply) => this.settle(reply));
    worker.on('error', (error: Error) => this.failed(error.message, worker));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.failed(`exited with code ${code}`, worker);
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: PieceReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if ('model' in reply) {
      this.parsed++;
      pending.resolve(reply.model);
    } else {
      pending.reject(new Error(reply.error));
    }
    if (this.pending.size > 0) return;
    if ('heapMb' in reply && reply.heapMb > this.restartHeapMb) this.stop();
    else this.rest();
  }

  /** Nothing pending: let the process exit without it, and stop it if nothing comes for a while. */
  private rest(): void {
    const worker = this.worker;
    if (!worker) return;
    worker.unref();
    this.idle = setTimeout(() => this.stop(), IDLE_MS);
    this.idle.unref?.();
  }

  /** The worker crashed or could not start: what it had is parsed in the thread instead. */
  private failed(reason: string, worker?: Worker): void {
    if (worker && this.worker !== worker) return;
    this.failures++;
    this.log(`The background parser ${reason}; large reports are parsed in the editor's thread${this.failures >= MAX_FAILURES ? ' from now on' : ' for now'}.`);
    this.stop(new Error(`piece worker ${reason}`));
  }

  private stop(error = new Error('piece worker stopped')): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const worker = this.worker;
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    void worker?.terminate();
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }
}
