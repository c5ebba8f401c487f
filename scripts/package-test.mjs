#!/usr/bin/env node
// The packaged extension as a user installs it: builds the .vsix with @vscode/vsce, checks
// what it contains (no tests, sources or fixtures), installs it into code-server with
// --install-extension, and opens the sample workspace in Chromium to see the installed
// extension activate and report a problem. Prints `N passed, N failed` last.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODE_SERVER_BIN, launchBrowser, REPO_ROOT, startCodeServer, workbenchUrl } from './vscode/server.mjs';
import { Workbench } from '../test/e2e/workbench.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-package-'));
const vsix = path.join(tmp, 'incident-report.vsix');
let passed = 0;
let failed = 0;

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    passed++;
    console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`✗ ${name}\n    ${String(error && error.message ? error.message : error).split('\n').join('\n    ')}`);
  }
}

/** Runs one step of a check; a failure names the step and, with `state`, what the page shows. */
async function step(name, body, state) {
  try {
    await body();
  } catch (error) {
    const seen = state ? await state().catch((e) => `(state unreadable: ${e.message})`) : '';
    throw new Error(`${name}: ${error && error.message ? error.message : error}${seen ? `\n${seen}` : ''}`);
  }
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The .vsix is a zip: list it with Python's zipfile (Debian has python3, not always unzip). */
function entries(file) {
  return run('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', file]).trim().split('\n');
}

await check('npm run package builds a .vsix', () => {
  run('npx', ['vsce', 'package', '--no-dependencies', '--out', vsix]);
  const size = fs.statSync(vsix).size;
  console.log(`    ${path.basename(vsix)}: ${(size / 1024).toFixed(1)} KB`);
  if (size > 2 * 1024 * 1024) throw new Error(`the package is ${size} bytes`);
});

await check('the .vsix holds the product and nothing else', () => {
  const names = entries(vsix).filter((n) => n.startsWith('extension/'));
  const forbidden = names.filter((n) => /^extension\/(src|test|examples|scripts|node_modules|out|\.code-server)\//.test(n) || /\.(ts|map)$/.test(n) || /fixtures/.test(n));
  if (forbidden.length) throw new Error(`unexpected files: ${forbidden.join(', ')}`);
  for (const needed of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/web/extension.js', 'extension/dist/web/server.js', 'extension/dist/cli.js', 'extension/docs/rules/timeline-order.md', 'extension/snippets/incident-report.code-snippets', 'extension/syntaxes/incident-report.injection.tmLanguage.json', 'extension/schemas/incident-report.schema.json']) {
    if (!names.includes(needed)) throw new Error(`${needed} is missing; the package has: ${names.join(', ')}`);
  }
  console.log(`    ${names.length} files`);
});

await check('installed with --install-extension, it activates and validates a report', async () => {
  const extensions = path.join(tmp, 'extensions');
  run(CODE_SERVER_BIN, ['--install-extension', vsix, '--extensions-dir', extensions, '--user-data-dir', path.join(tmp, 'install-user-data')], { env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg') } });
  const installed = fs.readdirSync(extensions).filter((n) => n.startsWith('spark-eng.incident-report-'));
  if (installed.length !== 1) throw new Error(`installed: ${fs.readdirSync(extensions).join(', ')}`);
  const workspace = path.join(tmp, 'examples');
  fs.cpSync(path.join(REPO_ROOT, 'examples'), workspace, { recursive: true });
  const server = await startCodeServer({ workspace, extensionsDir: extensions });
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    // A fresh install's first start (unpacking, first activation, first scan of the examples) took past 20 s once in four CI runs on 2 cores; its later runs take 11 s.
    page.setDefaultTimeout(60_000);
    // No extensionDevelopmentPath: only the installed copy can answer.
    await page.goto(workbenchUrl({ port: server.port, folder: workspace }));
    const wb = new Workbench(page);
    // Each step named in a failure: a bare "waitForFunction: Timeout" once left it unknown which one (session 9's CI).
    await step('the workbench starts', () => wb.ready());
    await step('Quick Open opens the report', () => wb.quickOpen('INC-20261125-001-login-failures-for-sso-users.md'));
    await step('the Problems panel opens', () => wb.openProblems());
    // The examples' other reports have problems too, and the list is virtual: show this file's only.
    await step('the Problems filter takes the report', () => wb.filterProblems('**/INC-20261125-001-login-failures-for-sso-users.md'));
    await step('the report\'s problem is listed', () => wb.waitProblem('Timeline goes backwards', 'incident-report'), async () => `Problems rows: ${JSON.stringify(await wb.problems())}; filter: ${JSON.stringify(await wb.problemsFilter())}; active tab: ${await page.evaluate(() => document.querySelector('.editor-group-container.active .tabs-container .tab.active')?.getAttribute('aria-label') ?? '(none)')}`);
  } finally {
    await browser.close().catch(() => {});
    await server.stop().catch(() => {});
  }
});

fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
