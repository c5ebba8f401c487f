import { isMainThread, workerData } from 'node:worker_threads';
import { run } from './main';
import { isLintWorkerData, runLintWorker } from './pool';

// The built CLI (dist/cli.js) is also its own lint worker: `lint --jobs N` starts this file
// again as worker threads, which lint the files they are sent instead of running a command.
if (!isMainThread && isLintWorkerData(workerData)) runLintWorker(workerData);
else main();

function main(): void {
  // The clock can be pinned for reproducible output (tests, demos): INCIDENT_REPORT_NOW=2026-11-26T14:05:00Z.
  const pinned = process.env['INCIDENT_REPORT_NOW'];
  const now = (): Date => (pinned ? new Date(pinned) : new Date());

  run(process.argv.slice(2), {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    now,
    workerScript: __filename,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`incident-report: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
