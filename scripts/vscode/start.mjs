#!/usr/bin/env node
// Demo: a real VS Code (code-server) with the extension loaded from source, on loopback.
//
//   node scripts/vscode/start.mjs --extension <dir> --workspace <dir> [--port 8080] [--trust] [--verbose]
//
// Prints the URL to open and runs until Ctrl-C (SIGINT) or SIGTERM. Temporary state
// (user data, extensions dir, config) is fresh on every start and removed on exit.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer, workbenchUrl } from './server.mjs';

const USAGE = 'usage: node scripts/vscode/start.mjs --extension <dir> --workspace <dir> [--port 8080] [--trust] [--verbose]';

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      extension: { type: 'string' },
      workspace: { type: 'string' },
      port: { type: 'string', default: '8080' },
      trust: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (err) {
  console.error(`${err.message}\n${USAGE}`);
  process.exit(2);
}
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
for (const k of ['extension', 'workspace']) {
  if (!opts[k]) {
    console.error(`missing --${k}\n${USAGE}`);
    process.exit(2);
  }
  opts[k] = path.resolve(opts[k]);
  if (!fs.existsSync(opts[k])) {
    console.error(`--${k} ${opts[k]} does not exist`);
    process.exit(2);
  }
}
const port = Number(opts.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`bad --port ${opts.port}`);
  process.exit(2);
}

let server;
try {
  server = await startCodeServer({
    workspace: opts.workspace,
    port: port === 0 ? undefined : port,
    trust: opts.trust,
    verbose: opts.verbose,
  });
} catch (err) {
  console.error(`could not start code-server: ${err.message}`);
  process.exit(1);
}

const url = workbenchUrl({
  port: server.port,
  folder: opts.workspace,
  extensionDevelopmentPath: opts.extension,
});
console.log(`code-server ${server.url} is running (loopback only).`);
console.log(`Extension under development: ${opts.extension}`);
console.log(`Workspace: ${opts.workspace}`);
console.log('Open this URL:');
console.log(url);
console.log('Press Ctrl-C to stop.');

let stopping = false;
async function shutdown(sig, code) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${sig}: stopping code-server...`);
  await server.stop();
  console.log('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => shutdown('SIGINT', 0));
process.on('SIGTERM', () => shutdown('SIGTERM', 0));
server.process.on('exit', (code, sig) => {
  if (stopping) return;
  console.error(`code-server exited unexpectedly (code ${code}, signal ${sig})`);
  if (!opts.verbose) console.error(server.output().split('\n').slice(-30).join('\n'));
  shutdown('exit', 1);
});
