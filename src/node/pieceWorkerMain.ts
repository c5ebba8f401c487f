import { parentPort } from 'node:worker_threads';
import { parsePiece } from '../core/model/parseReport';
import type { PieceReply, PieceRequest } from './pieceWorker';

// The worker thread's side of PieceWorker: parse what is asked, post the plain model back.
// Only the parser and the model's extraction are bundled here (dist/pieceWorker.js), no rules.
parentPort?.on('message', ({ id, text, base }: PieceRequest) => {
  let reply: PieceReply;
  try {
    reply = { id, model: parsePiece(text, base) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
