import { Worker } from 'node:worker_threads';
import type { ChunkModel } from '../core';

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

/** A piece asked for, and who waits on its model. */
interface Pending {
  readonly id: number;
  readonly text: string;
  readonly base: number;
  readonly cancelled: (() => boolean) | undefined;
  resolve(model: ChunkModel): void;
  reject(error: Error): void;
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
/** Pieces with the worker at once: one parsing, the next ones ready, so it never waits on this thread. */
const IN_FLIGHT = 4;
/** After this many failed workers no more are started: every piece is parsed in the thread, as on the web. */
const MAX_FAILURES = 3;

export class PieceWorker {
  private worker: Worker | undefined;
  /** Sent to the worker, by id, oldest first. */
  private readonly pending = new Map<number, Pending>();
  /** Waiting to be sent, oldest first. */
  private readonly queue: Pending[] = [];
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

  /**
   * A PieceParser: rejects when no worker can parse it (the caller parses in the thread), or
   * when `cancelled()` says so before the piece is sent (the text moved on: a new lint wants
   * the worker for the new text, not for the rest of the old one).
   */
  readonly parse = (text: string, base: number, cancelled?: () => boolean): Promise<ChunkModel> => {
    if (this.disposed || this.failures >= MAX_FAILURES) return Promise.reject(new Error('no piece worker'));
    if (text.length >= this.tooLong) return Promise.reject(new Error('piece too long for the worker'));
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    return new Promise<ChunkModel>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, text, base, cancelled, resolve, reject });
      this.pump();
    });
  };

  /**
   * Sends queued pieces while fewer than IN_FLIGHT are with the worker (enough to keep it
   * busy); a piece whose lint was cancelled meanwhile is dropped instead of sent.
   */
  private pump(): void {
    while (this.pending.size < IN_FLIGHT && this.queue.length > 0) {
      const next = this.queue.shift()!;
      if (next.cancelled?.()) {
        next.reject(new Error('cancelled'));
        continue;
      }
      let worker: Worker;
      try {
        worker = this.worker ?? this.start();
      } catch (error) {
        next.reject(error as Error);
        this.failed(`could not start (${(error as Error).message})`);
        return;
      }
      // While a parse is pending the worker keeps the process alive (a CLI or a test awaiting it).
      worker.ref();
      this.pending.set(next.id, next);
      worker.postMessage({ id: next.id, text: next.text, base: next.base } satisfies PieceRequest);
    }
  }

  private start(): Worker {
    // The stack of a Node main thread (~1 MB), not a worker's default 4 MB: deep nesting then
    // reads the same here as in the thread (or the CLI) when it overflows the autolink walk.
    const worker = new Worker(this.script, { name: 'incident-report pieces', resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: this.oldGenerationMb, stackSizeMb: 1 } });
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
    this.pump();
    if (this.pending.size > 0 || this.queue.length > 0) return;
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
    // The worker parses in order: the oldest piece it was sent is the one it was parsing.
    const culprit = this.pending.values().next().value;
    if (culprit) {
      this.tooLong = Math.min(this.tooLong, culprit.text.length);
      this.log(`The background parser ran out of memory on a section of ${Math.round(culprit.text.length / 1024)} KB; sections that long are parsed in the editor's thread.`);
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
    for (const pending of [...this.pending.values(), ...this.queue]) pending.reject(error);
    this.pending.clear();
    this.queue.length = 0;
    void worker?.terminate();
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }
}
