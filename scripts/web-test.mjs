#!/usr/bin/env node
// The browser build (dist/web/extension.js) in VS Code's web worker extension host: the
// workbench is told to run the extension under development as a web extension
// (payload extensionDevelopmentKind=web), so no Node API is there to lean on. Chromium opens
// the sample workspace; the extension must activate, validate a report and list incidents.
// Prints `N passed, N failed` last.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, REPO_ROOT, startCodeServer } from './vscode/server.mjs';
import { Workbench } from '../test/e2e/workbench.mjs';

let passed = 0;
let failed = 0;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-web-'));
const workspace = path.join(tmp, 'examples');
fs.cpSync(path.join(REPO_ROOT, 'examples'), workspace, { recursive: true });

if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'web', 'extension.js'))) {
  console.log('dist/web/extension.js is missing: run `node scripts/build.mjs` first.\n0 passed, 1 failed');
  process.exit(1);
}

// A copy of the extension that has only its browser build (no `main`) and asks for the web
// host, as VS Code for the Web sees it: the workbench can only run it in the web worker.
const extension = path.join(tmp, 'extension');
for (const part of ['dist/web', 'docs/rules', 'snippets', 'syntaxes', 'schemas', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
  fs.cpSync(path.join(REPO_ROOT, part), path.join(extension, part), { recursive: true });
}
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
delete manifest.main;
manifest.extensionKind = ['web'];
fs.writeFileSync(path.join(extension, 'package.json'), JSON.stringify(manifest, null, 2));

const server = await startCodeServer({ workspace });
const browser = await launchBrowser();
const workerLogs = [];
try {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  page.on('console', (msg) => workerLogs.push(msg.text()));
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${extension}`],
    ['extensionDevelopmentKind', 'web'],
    ['skipWelcome', 'true'],
  ];
  await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const wb = new Workbench(page);
  await wb.ready();
  const started = Date.now();
  try {
    await wb.quickOpen('INC-20261125-001-login-failures-for-sso-users.md');
    // Validated: its squiggles (the Problems list holds the examples' other reports too, and is
    // virtual; a filter there would also filter the Output view read below).
    await wb.waitSquiggle(['error', 'warning']);
    await wb.openActivity('Incidents');
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-list-row')].some((r) => (r.textContent ?? '').includes('Login failures for SSO users')), undefined, { timeout: 60_000 });
    // The extension says in its log which host runs it: it must be the web worker.
    await wb.runCommand('Output: Show Output Channels');
    await wb.pick('Incident Report');
    await page.waitForFunction(
      () => [...document.querySelectorAll('.part.panel .view-line')].map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n').includes('activated in the web worker extension host'),
      undefined,
      { timeout: 15_000 },
    );
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'web-extension-host.png') }).catch(() => {});
    passed++;
    console.log(`✓ the web build activates in the web worker extension host, validates and lists incidents (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'web-extension-host-failed.png') }).catch(() => {});
    console.log(`✗ web worker extension host: ${String(error.message).split('\n')[0]}`);
    for (const line of workerLogs.filter((l) => /incident|error/i.test(l)).slice(-15)) console.log(`    ${line}`);
  }
} finally {
  await browser.close().catch(() => {});
  await server.stop().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
