/** Running the built CLI (dist/cli.js) in child processes, as users run it, for the CLI tests. */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../../src/cli/main';

export const ROOT = join(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
/** The clock the CLI reads (INCIDENT_REPORT_NOW). */
export const NOW = '2026-11-26T14:05:00Z';

/** The three examples the editing tests were written on (the insights examples added since are closed reports with overdue items). */
export const EDITING_EXAMPLES = ['INC-20261020-001-checkout-outage.md', 'INC-20261124-001-search-latency-above-slo.md', 'INC-20261125-001-login-failures-for-sso-users.md'];

/** A copy of examples/ (config, README, evidence) with only EDITING_EXAMPLES among its reports. */
export function copyEditingExamples(dest: string): void {
  cpSync(join(ROOT, 'examples'), dest, { recursive: true });
  for (const name of readdirSync(join(dest, 'incidents'))) if (!EDITING_EXAMPLES.includes(name)) rmSync(join(dest, 'incidents', name));
}

/**
 * A small open report: it lints without errors (draft mode: its 15 missing sections and the
 * missing "Incident resolved" row are 16 notes), about ten times cheaper than a full one.
 */
export const SMALL = `---
Title: Small
Owner: Sam
Status: Open
LastUpdated: 2026-11-26
---

# Incident Report: Small

**Incident ID:** INC-20261126-001
**Date:** 2026-11-26
**Severity:** 🟡 Major

## 📊 Timeline (UTC)

| Time | Event | Actor |
|------|-------|-------|
| 14:02 | Incident detected | alert |
`;

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const env = (): NodeJS.ProcessEnv => ({ ...process.env, INCIDENT_REPORT_NOW: NOW });

/** Runs the CLI to its end; a run still going after `timeout` is killed and fails the test. */
export function cli(args: readonly string[], cwd: string, timeout = 120_000): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024, env: env() });
  assert.notEqual(result.status, null, `the CLI was still running after ${timeout / 1000} s (killed): ${result.stderr}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same without waiting, for concurrent runs. */
export function cliAsync(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI from source, in this process (src/cli/main.ts `run`), its clock at `now`. */
export async function inProcess(args: readonly string[], cwd: string, now = NOW): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    cwd,
    out: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
    now: () => new Date(now),
  });
  return { code, stdout, stderr };
}
