#!/usr/bin/env node
// Runs an extension's integration tests inside a real VS Code (code-server + headless
// Chromium). The last line printed is always `N passed, N failed`.
//
//   node scripts/vscode/run-tests.mjs --extension <dir> --tests <dir with index.js> \
//        --workspace <dir> [--timeout-ms N (default 60 s + 30 s per test)] [--trust] \
//        [--screenshot-on-failure <file.png>] [--logs-dir <dir>] [--verbose]
//
// Exit code: the extension host's exit code (0 when run() resolved), 1 on timeout,
// on a failure to start, or when no test result could be read.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format, parseArgs } from 'node:util';
import { launchBrowser, startCodeServer, workbenchUrl } from './server.mjs';

const USAGE = `usage: node scripts/vscode/run-tests.mjs --extension <dir> --tests <dir> --workspace <dir>
       [--timeout-ms N (default 60 s + 30 s per test)] [--trust] [--screenshot-on-failure <file.png>] [--logs-dir <dir>] [--verbose]`;

// The in-host runner may print this marker; it wins over parsing mocha's report.
const RESULT_MARKER = /^\[vscode-test-result\]\s*(\{.*\})\s*$/;
// Workbench chatter that reaches codeAutomationLog on every run (shown with --verbose).
const NOISE = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket/,
  /^Ignoring fetching additional builtin extensions/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^Updating additional builtin extensions cache/,
  /^DialogService: refused to show dialog in tests\. Contents: Do you trust the authors/, // --trust
  /File not found: .*vsda/,
];

function fail(msg) {
  console.log(msg);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      'timeout-ms': { type: 'string' },
      trust: { type: 'boolean', default: false },
      'screenshot-on-failure': { type: 'string' },
      'logs-dir': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (err) {
  fail(`${err.message}\n${USAGE}`);
}
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
for (const k of ['extension', 'tests', 'workspace']) {
  if (!opts[k]) fail(`missing --${k}\n${USAGE}`);
  opts[k] = path.resolve(opts[k]);
  if (!fs.existsSync(opts[k])) fail(`--${k} ${opts[k]} does not exist`);
}
if (!fs.existsSync(path.join(opts.extension, 'package.json'))) fail(`--extension ${opts.extension} has no package.json`);
// The whole run's limit grows with the number of tests, so a loaded machine only takes longer.
const timeoutMs = opts['timeout-ms'] !== undefined ? Number(opts['timeout-ms']) : 60_000 + 30_000 * countTests(opts.tests);
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) fail(`--timeout-ms must be a positive number`);

/** `it(` calls in the built test files: an upper bound of the tests a run may execute. */
function countTests(dir) {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .reduce((sum, name) => sum + (fs.readFileSync(path.join(dir, name), 'utf8').match(/\bit\(/g) ?? []).length, 0);
  } catch {
    return 10;
  }
}
const verbose = opts.verbose;

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
const info = (msg) => console.log(`[run-tests] ${msg}`);

// ---- state that cleanup() tears down
let server;
let browser;
let page;
let wsTmp;

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  browser = undefined;
  if (server) await server.stop().catch((e) => console.log(`[run-tests] stopping code-server: ${e.message}`));
  server = undefined;
  if (wsTmp) fs.rmSync(wsTmp, { recursive: true, force: true });
  wsTmp = undefined;
}

async function screenshot() {
  const file = opts['screenshot-on-failure'];
  if (!file || !page) return;
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    await page.screenshot({ path: file, timeout: 10_000 });
    info(`screenshot saved to ${file}`);
  } catch (err) {
    console.log(`[run-tests] screenshot failed: ${err.message}`);
  }
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`[run-tests] ${sig}: stopping`);
    await cleanup();
    console.log('0 passed, 1 failed');
    process.exit(130);
  });
}

// ---- results read from the extension host's output
const result = { marker: null, passing: null, failing: null, pending: null, seenPassed: 0, seenFailed: 0 };
function scan(line) {
  const m = RESULT_MARKER.exec(line.trim());
  if (m) {
    try {
      const r = JSON.parse(m[1]);
      result.marker = { passed: Number(r.passed) || 0, failed: Number(r.failed) || 0 };
    } catch {
      /* ignore a malformed marker */
    }
    return true;
  }
  // As they run (spec reporter): what a run that times out still reports.
  if (/^\s*✔ /.test(line)) result.seenPassed++;
  else if (/^\s*\d+\) \S/.test(line) && result.passing === null) result.seenFailed++;
  // mocha's base reporter epilogue: "  2 passing (614ms)", "  1 failing", "  3 pending"
  let mm;
  if ((mm = /^\s*(\d+) passing\b/.exec(line))) result.passing = Number(mm[1]);
  else if ((mm = /^\s*(\d+) failing\b/.exec(line))) result.failing = Number(mm[1]);
  else if ((mm = /^\s*(\d+) pending\b/.exec(line))) result.pending = Number(mm[1]);
  return false;
}

function stringify(type, args) {
  if (!Array.isArray(args)) args = [args];
  // The host forwards console.* calls with their printf-style arguments.
  return format(...args.map((a) => (a && typeof a === 'object' && 'message' in a && 'stack' in a ? a.stack : a)));
}

let exited = false;
function onLog(type, args) {
  if (exited) return; // workbench chatter after the run
  const text = stringify(type, args);
  // A message whose first line is known noise is dropped whole (with its stack).
  if (!verbose && NOISE.some((re) => re.test(text))) return;
  for (const line of text.split(/\r?\n/)) {
    const isMarker = scan(line);
    if (isMarker && !verbose) continue;
    const prefix = type === 'info' || type === 'log' ? '' : `[${type}] `;
    console.log(prefix + line);
  }
}

async function main() {
  // Fresh copy of the workspace: the tests may write into it.
  wsTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-ws-'));
  const workspace = path.join(wsTmp, path.basename(opts.workspace));
  fs.cpSync(opts.workspace, workspace, { recursive: true });

  info(`starting code-server${opts.trust ? ' (workspace trust enabled)' : ''}`);
  server = await startCodeServer({ workspace, trust: opts.trust, verbose });
  info(`code-server on ${server.url} (${secs()} s); launching chromium`);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();

  let resolveExit;
  const exitPromise = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    try {
      onLog(type, args);
    } catch (err) {
      console.log(`[run-tests] log: ${err.message}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    if (opts['logs-dir'] && Array.isArray(logs)) {
      for (const { relativePath, contents } of logs) {
        const target = path.join(path.resolve(opts['logs-dir']), relativePath);
        if (!target.startsWith(path.resolve(opts['logs-dir']))) continue;
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, contents);
      }
    }
    exited = true;
    resolveExit({ kind: 'exit', code: Number(code) });
  });
  page.on('pageerror', (err) => verbose && console.error(`[pageerror] ${err.message}`));
  page.on('crash', () => resolveExit({ kind: 'error', message: 'the browser page crashed' }));
  browser.on('disconnected', () => resolveExit({ kind: 'error', message: 'the browser went away' }));
  server.process.on('exit', (code) => resolveExit({ kind: 'error', message: `code-server exited (code ${code})` }));

  const url = workbenchUrl({
    port: server.port,
    folder: workspace,
    extensionDevelopmentPath: opts.extension,
    extensionTestsPath: opts.tests,
  });
  info(`opening workbench; tests: ${opts.tests}`);
  if (verbose) info(url);
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r({ kind: 'timeout' }), timeoutMs)));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  const outcome = await Promise.race([exitPromise, timeout]);
  clearTimeout(timer);
  exited = true;

  let passed;
  let failed;
  let code;
  if (outcome.kind === 'timeout') {
    console.log(`[run-tests] TIMEOUT: the tests did not finish within ${timeoutMs} ms (--timeout-ms); ${result.seenPassed} passed and ${result.seenFailed} failed before`);
    [passed, failed, code] = [result.seenPassed, result.seenFailed + 1, 1];
  } else if (outcome.kind === 'error') {
    console.log(`[run-tests] ERROR: ${outcome.message}`);
    [passed, failed, code] = [0, 1, 1];
  } else {
    code = outcome.code;
    if (result.marker) {
      ({ passed, failed } = result.marker);
    } else if (result.passing !== null || result.failing !== null) {
      passed = result.passing ?? 0;
      failed = result.failing ?? 0;
    } else {
      console.log('[run-tests] no test result was reported (no mocha "N passing" line nor result marker)');
      [passed, failed] = [0, 1];
      if (code === 0) code = 1;
    }
    if (code !== 0 && failed === 0) {
      console.log(`[run-tests] the extension host exited with code ${code} although no test failed`);
      failed = 1;
    }
    if (code === 0 && failed > 0) code = 1;
    if (passed === 0 && failed === 0) console.log('[run-tests] WARNING: no test ran');
  }
  if (code !== 0) await screenshot();
  info(`finished in ${secs()} s (exit code ${code})`);
  return { passed, failed, code };
}

let summary;
try {
  summary = await main();
} catch (err) {
  console.log(`[run-tests] ERROR: ${err.stack || err.message}`);
  await screenshot();
  summary = { passed: 0, failed: 1, code: 1 };
}
await cleanup();
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exit(summary.code);
