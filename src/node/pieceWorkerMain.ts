import { setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { parsePiece as ParsePiece } from '../core';
import type { PieceReply, PieceRequest } from './pieceWorker';

// The worker thread's side of PieceWorker: parse what is asked, post the plain model back.
// Bundled alone as dist/pieceWorker.js; the parser is the extension's own dist/core.js beside it.
const { parsePiece } = require('./core.js') as { parsePiece: typeof ParsePiece };

// Background work: on Linux a nice value is per thread, so this lowers this thread alone and
// the extension host's own thread wins when both want a core. Not permitted or not
// supported (another OS): nothing changes.
try {
  setPriority(10);
} catch {
  // keep the default priority
}

parentPort?.on('message', ({ id, text, base }: PieceRequest) => {
  let reply: PieceReply;
  try {
    reply = { id, model: parsePiece(text, base), heapMb: getHeapStatistics().total_heap_size / 1024 / 1024 };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
