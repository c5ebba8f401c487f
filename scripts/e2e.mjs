#!/usr/bin/env node
// End-to-end tests: a user driving the real VS Code 1.100 workbench (code-server 4.100.3,
// headless Debian Chromium via playwright-core) with the extension loaded from this repo.
//
//   node scripts/e2e.mjs [--grep <text>] [--verbose]
//
// Builds nothing: dist/extension.js must be built (node scripts/build.mjs) and code-server
// installed (bash scripts/vscode/setup.sh). Each scenario of test/e2e/index.mjs gets its own
// code-server (only extensionDevelopmentPath = repo root), a fresh copy of examples/ and a
// fresh 1400x900 browser page. Screenshots go to test-results/e2e/*.png; those marked for the
// README are copied to docs/images/ when their scenario passes. The last line printed is
// `N passed, N failed`; the exit code is 1 on any failure.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, REPO_ROOT, startCodeServer, workbenchUrl } from './vscode/server.mjs';
import { scenarios } from '../test/e2e/index.mjs';
import { Workbench } from '../test/e2e/workbench.mjs';

const SCENARIO_TIMEOUT_MS = 60_000;
const VIEWPORT = { width: 1400, height: 900 };
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const RESULTS = path.join(REPO_ROOT, 'test-results', 'e2e');
const README_IMAGES = path.join(REPO_ROOT, 'docs', 'images');

const { values: opts } = parseArgs({
  options: { grep: { type: 'string' }, verbose: { type: 'boolean', default: false } },
  strict: true,
});

/** The running scenario's teardown (idempotent), for an interrupted run to await. */
let teardown;

const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

function finish(passed, failed) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

/** Rejects after `ms` unless `promise` settles first. */
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    }),
  ]);
}

async function runScenario(browser, scenario, index) {
  const slug = `${index + 1}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `incident-e2e-${slug}-`));
  const workspace = path.join(tmp, 'examples'); // the folder name the user sees
  fs.cpSync(EXAMPLES, workspace, { recursive: true });
  const readme = [];
  const timing = {};
  let mark = Date.now();
  const lap = (name) => {
    timing[name] = Date.now() - mark;
    mark = Date.now();
  };
  let server;
  let context;
  let page;
  let cleaning;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await context?.close().catch(() => {});
      await server?.stop().catch(() => {});
      fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    })());
  teardown = cleanup;
  try {
    server = await startCodeServer({ workspace, verbose: opts.verbose });
    if (cleaning) await server.stop(); // interrupted while it started
    context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    if (opts.verbose) {
      page.on('console', (msg) => console.error(`[browser ${msg.type()}] ${msg.text()}`));
      page.on('pageerror', (err) => console.error(`[pageerror] ${err.message}`));
    }
    await page.goto(workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: REPO_ROOT }));
    const wb = new Workbench(page);
    await wb.ready();
    lap('workbench');
    const shot = async (name, { readme: forReadme = false, clip } = {}) => {
      const file = path.join(RESULTS, `${name}.png`);
      await wb.settle();
      await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
      if (forReadme) readme.push(file);
    };
    await withTimeout(scenario.run({ wb, page, workspace, shot }), SCENARIO_TIMEOUT_MS, scenario.name);
    // An error toast (a manifest problem, a failed activation or command) is a failure too.
    const errors = await wb.errorNotifications();
    if (errors.length) throw new Error(`error notification on screen: ${errors.join(' | ')}`);
    lap('steps');
    for (const file of readme) fs.copyFileSync(file, path.join(README_IMAGES, path.basename(file)));
    return timing;
  } catch (err) {
    if (page) await page.screenshot({ path: path.join(RESULTS, `failed-${slug}.png`) }).catch(() => {});
    throw err;
  } finally {
    await cleanup();
    teardown = undefined;
  }
}

/** The error's message, and where in test/e2e it was thrown (the rest of the stack is noise). */
function describe(err) {
  const message = String(err && err.message ? err.message : err).split('\n');
  const frame = String(err && err.stack ? err.stack : '').split('\n').find((l) => l.includes('/test/e2e/'));
  return frame ? [...message, frame.trim()] : message;
}

async function main() {
  const t0 = Date.now();
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) {
    console.log('dist/extension.js is missing: run `node scripts/build.mjs` first.');
    return finish(0, 1);
  }
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.mkdirSync(README_IMAGES, { recursive: true });
  for (const f of fs.readdirSync(RESULTS)) if (f.endsWith('.png')) fs.rmSync(path.join(RESULTS, f));

  const selected = scenarios.filter((s) => !opts.grep || s.name.toLowerCase().includes(opts.grep.toLowerCase()));
  if (selected.length === 0) {
    console.log(`no scenario matches --grep ${JSON.stringify(opts.grep)}`);
    return finish(0, 1);
  }
  let browser;
  try {
    // Our own SIGINT/SIGTERM handler stops code-server too; Playwright's would exit first.
    browser = await launchBrowser({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  } catch (err) {
    console.log(`could not launch Chromium: ${err.message}`);
    return finish(0, 1);
  }
  let passed = 0;
  let failed = 0;
  let interrupted = false;
  const stopSignal = async () => {
    interrupted = true; // main() reports and exits once the scenario has torn down
    await teardown?.();
    await browser.close().catch(() => {});
  };
  process.once('SIGINT', stopSignal);
  process.once('SIGTERM', stopSignal);
  try {
    for (const [i, scenario] of scenarios.entries()) {
      if (interrupted) break;
      if (!selected.includes(scenario)) continue;
      const start = Date.now();
      try {
        const timing = await runScenario(browser, scenario, i);
        passed++;
        const detail = `workbench up ${(timing.workbench / 1000).toFixed(1)} s, steps ${(timing.steps / 1000).toFixed(1)} s`;
        console.log(`✓ ${i + 1}. ${scenario.name} (${secs(start)}: ${detail})`);
      } catch (err) {
        if (interrupted) break;
        failed++;
        console.log(`✗ ${i + 1}. ${scenario.name} (${secs(start)})`);
        console.log(`    ${describe(err).join('\n    ')}`);
        console.log(`    screenshot: ${path.relative(REPO_ROOT, path.join(RESULTS, `failed-${i + 1}.png`))}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
  }
  if (interrupted) {
    console.log('interrupted');
    finish(passed, failed + 1);
    process.exit(130);
  }
  console.log(`screenshots: ${path.relative(REPO_ROOT, RESULTS)}/ (${secs(t0)} in all)`);
  finish(passed, failed);
}

main().catch((err) => {
  console.log(err && err.stack ? err.stack : String(err));
  finish(0, 1);
});
