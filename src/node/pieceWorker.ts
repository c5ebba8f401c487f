import { Worker } from 'node:worker_threads';
import type { ChunkModel } from '../core/model/assemble';

/*
 * A worker thread that parses large reports' long sections and table row batches (see
 * PieceParser in core/model/parseReport), so the extension host is never held by one
 * section's parse (a 760 KB section takes ~0.6 s to parse, its model ~5 ms to receive) and
 * its own heap stays small (less garbage, shorter collections). Desktop only: VS Code for
 * the Web parses in its own (worker) extension host, between pauses.
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
  /** Characters of the piece. */
  readonly length: number;
}

export interface PieceWorkerOptions {
  /** Hears why a worker failed. */
  readonly log?: (message: string) => void;
  /** A worker whose heap grew past this is stopped after `bigHeapIdleMs` idle (defaults RESTART_HEAP_MB, BIG_HEAP_IDLE_MS). */
  readonly restartHeapMb?: number;
  readonly bigHeapIdleMs?: number;
  /** The worker's old generation (default OLD_GENERATION_MB). */
  readonly oldGenerationMb?: number;
}

/** An idle worker is stopped after this long: its heap after a big section is tens of MB. */
const IDLE_MS = 30_000;
/**
 * A worker whose heap grew past this (a parse of hundreds of KB leaves ~100 MB) is stopped
 * after BIG_HEAP_IDLE_MS with nothing to do, and started again when needed (~30 ms, off the
 * thread, and its JIT cold again): its memory adds to the extension host's own, and a 5 MB
 * report would otherwise keep ~100 MB more for nothing. Not at once: the pieces of one
 * validation follow each other closely.
 */
const RESTART_HEAP_MB = 64;
const BIG_HEAP_IDLE_MS = 1000;
/**
 * The worker's heap limits. A young generation of 32 MB: 8 MB held ~20 MB less but parsed
 * half as fast (scavenging all the time), and the worker parses most of a large report.
 * 256 MB of old generation parses a section of ~3 MB; a larger one runs the worker out of
 * memory, and from then on pieces that long are parsed in the thread.
 */
const YOUNG_GENERATION_MB = 32;
const OLD_GENERATION_MB = 256;
/** After this many failed workers no more are started: every piece is parsed in the thread, as on the web. */
const MAX_FAILURES = 3;

export class PieceWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failures = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** The shortest piece the worker ran out of memory on: pieces that long are not sent again. */
  private tooLong = Infinity;
  private readonly log: (message: string) => void;
  private readonly restartHeapMb: number;
  private readonly bigHeapIdleMs: number;
  private readonly oldGenerationMb: number;
  /** Pieces the worker parsed (for the log and tests). */
  parsed = 0;
  /** Worker threads started so far. */
  started = 0;

  /** `script` is the bundled worker entry (dist/pieceWorker.js). */
  constructor(
    private readonly script: string,
    options: PieceWorkerOptions = {},
  ) {
    this.log = options.log ?? (() => undefined);
    this.restartHeapMb = options.restartHeapMb ?? RESTART_HEAP_MB;
    this.bigHeapIdleMs = options.bigHeapIdleMs ?? BIG_HEAP_IDLE_MS;
    this.oldGenerationMb = options.oldGenerationMb ?? OLD_GENERATION_MB;
  }

  /** A PieceParser: rejects when no worker can parse it (the caller parses in the thread). */
  readonly parse = (text: string, base: number): Promise<ChunkModel> => {
    if (this.disposed || this.failures >= MAX_FAILURES) return Promise.reject(new Error('no piece worker'));
    if (text.length >= this.tooLong) return Promise.reject(new Error('piece too long for the worker'));
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
      this.pending.set(id, { resolve, reject, length: text.length });
      worker.postMessage({ id, text, base } satisfies PieceRequest);
    });
  };

  private start(): Worker {
    const worker = new Worker(this.script, { name: 'incident-report pieces', resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: this.oldGenerationMb } });
    this.started++;
    worker.on('message', (reply: PieceReply) => this.settle(reply));
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.outOfMemory(worker);
      else this.failed(error.message, worker);
    });
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
    this.rest('heapMb' in reply && reply.heapMb > this.restartHeapMb ? this.bigHeapIdleMs : IDLE_MS);
  }

  /** Nothing pending: let the process exit without it, and stop it if nothing comes for `ms`. */
  private rest(ms: number): void {
    const worker = this.worker;
    if (!worker) return;
    worker.unref();
    this.idle = setTimeout(() => this.stop(), ms);
    this.idle.unref?.();
  }

  /**
   * A piece too big for the worker's heap: not a broken worker (no failure counted), but
   * pieces that long are parsed in the thread from now on, and a new worker takes the rest.
   */
  private outOfMemory(worker: Worker): void {
    if (this.worker !== worker) return;
    const shortest = Math.min(...[...this.pending.values()].map((p) => p.length));
    if (Number.isFinite(shortest)) {
      this.tooLong = Math.min(this.tooLong, shortest);
      this.log(`The background parser ran out of memory on a section of ${Math.round(shortest / 1024)} KB; sections that long are parsed in the editor's thread.`);
    } else {
      this.log('The background parser ran out of memory; it is started again when needed.');
    }
    this.stop(new Error('piece worker out of memory'));
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
