import * as vscode from 'vscode';
import { PieceWorker } from '../node/pieceWorker';
import type { PieceParser } from '../core';

/** Where long pieces of large reports are parsed off the extension host's thread. */
export interface OffThreadParser extends vscode.Disposable {
  readonly parse: PieceParser;
  /** Pieces parsed off the thread so far. */
  readonly parsed: number;
}

/**
 * The desktop's: a worker thread running dist/pieceWorker.js. (The web build replaces
 * this module by offThread.web.ts: no worker threads in a web worker's extension host.)
 */
export function createOffThreadParser(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): OffThreadParser | undefined {
  const worker = new PieceWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'pieceWorker.js').fsPath, { log: (message) => log.warn(message) });
  return {
    parse: worker.parse,
    get parsed() {
      return worker.parsed;
    },
    dispose: () => worker.dispose(),
  };
}
