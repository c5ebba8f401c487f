import { run } from './main';

// The clock can be pinned for reproducible output (tests, demos): INCIDENT_REPORT_NOW=2026-11-26T14:05:00Z.
const pinned = process.env['INCIDENT_REPORT_NOW'];
const now = (): Date => (pinned ? new Date(pinned) : new Date());

run(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  now,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`incident-report: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
