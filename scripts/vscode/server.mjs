// Helpers to run a real VS Code (code-server 4.100.3 installed by setup.sh) with fresh
// temporary state, and to drive its web workbench with Debian's Chromium.
// See scripts/vscode/README.md and shared/VSCODE-TESTING.md.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const CODE_SERVER_DIR = path.join(REPO_ROOT, '.code-server');
export const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HOST = '127.0.0.1';

/** Asks the OS for a free loopback TCP port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** All descendants of `rootPid` (children, grandchildren, ...), read from /proc. */
function descendants(rootPid) {
  const children = new Map();
  let entries = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may contain spaces and parentheses
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(rest[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      /* process went away */
    }
  }
  const out = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift();
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Kills a whole process tree: the process group of `pid` (it was spawned detached, so
 * it leads its own group) plus every descendant found in /proc, in case some left the
 * group. SIGTERM first, SIGKILL for whatever is still there after `graceMs`.
 */
export async function killTree(pid, graceMs = 5000) {
  const targets = new Set([pid, ...descendants(pid)]);
  signal(-pid, 'SIGTERM');
  for (const p of targets) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    for (const p of descendants(pid)) targets.add(p);
    if (![...targets].some(alive)) return;
    await sleep(100);
  }
  signal(-pid, 'SIGKILL');
  for (const p of targets) signal(p, 'SIGKILL');
}

/**
 * Starts code-server on 127.0.0.1 with everything it writes under a fresh temp dir.
 *
 * @param {object} opts
 * @param {string} [opts.workspace]      folder code-server opens by default
 * @param {number} [opts.port]           default: a free port
 * @param {string} [opts.extensionsDir]  default: TMP/extensions (empty)
 * @param {object} [opts.env]            extra environment variables
 * @param {boolean} [opts.trust]         true: leave workspace trust ENABLED (default: disabled)
 * @param {boolean} [opts.verbose]       echo code-server's output to stderr
 * @param {number} [opts.startTimeoutMs] default 60000
 * @returns {Promise<{url: string, port: number, tmpDir: string, process: import('node:child_process').ChildProcess, output: () => string, stop: () => Promise<void>}>}
 */
export async function startCodeServer(opts = {}) {
  const { workspace, extensionsDir, env = {}, trust = false, verbose = false } = opts;
  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  if (!fs.existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server not found at ${CODE_SERVER_BIN}: run scripts/vscode/setup.sh first`);
  }
  const port = opts.port ?? (await freePort());
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-cs-'));
  const dirs = {
    userData: path.join(tmpDir, 'user-data'),
    extensions: extensionsDir ? path.resolve(extensionsDir) : path.join(tmpDir, 'extensions'),
    xdgConfig: path.join(tmpDir, 'xdg-config'),
    xdgData: path.join(tmpDir, 'xdg-data'),
    xdgCache: path.join(tmpDir, 'xdg-cache'),
    tmp: path.join(tmpDir, 'tmp'), // VS Code's ipc/git sockets land in os.tmpdir()
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const config = path.join(tmpDir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: ${HOST}:${port}\nauth: none\ncert: false\n`);

  const args = [
    '--auth', 'none',
    '--bind-addr', `${HOST}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--config', config,
  ];
  if (workspace) args.push(path.resolve(workspace));

  // Drop variables that would make code-server talk to an enclosing VS Code/code-server
  // (e.g. VSCODE_IPC_HOOK_CLI when started from an integrated terminal).
  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('VSCODE_') && !k.startsWith('CODE_SERVER_') && k !== 'ELECTRON_RUN_AS_NODE',
    ),
  );
  const child = spawn(CODE_SERVER_BIN, args, {
    cwd: tmpDir,
    detached: true, // own process group, so stop() can kill the whole tree
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...baseEnv,
      EXTENSIONS_GALLERY: '{}',
      XDG_CONFIG_HOME: dirs.xdgConfig,
      XDG_DATA_HOME: dirs.xdgData,
      XDG_CACHE_HOME: dirs.xdgCache,
      TMPDIR: dirs.tmp,
      ...env,
    },
  });

  let output = '';
  let exited = null;
  const partial = { stdout: '', stderr: '' };
  const echo = (stream, text, flush = false) => {
    const lines = (partial[stream] + text).split('\n');
    partial[stream] = flush ? '' : lines.pop();
    for (const line of lines) if (line || !flush) process.stderr.write(`[code-server] ${line}\n`);
  };
  const onData = (stream) => (chunk) => {
    const text = chunk.toString();
    output += text;
    if (output.length > 1_000_000) output = output.slice(-500_000);
    if (verbose) echo(stream, text);
  };
  child.stdout.on('data', onData('stdout'));
  child.stderr.on('data', onData('stderr'));
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, sig) => {
      exited = { code, sig };
      resolve(exited);
    });
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) await killTree(child.pid);
    await Promise.race([exitPromise, sleep(2000)]);
    if (verbose) for (const stream of ['stdout', 'stderr']) echo(stream, '', true);
    child.stdout.destroy();
    child.stderr.destroy();
    fs.rmSync(tmpDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`code-server did not report "HTTP server listening" within ${startTimeoutMs} ms`)),
        startTimeoutMs,
      );
      const check = () => {
        if (output.includes('HTTP server listening')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      exitPromise.then(({ code, sig }) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited before listening (code ${code}, signal ${sig})`));
      });
      check();
    });
  } catch (err) {
    await stop();
    err.message += `\n--- code-server output ---\n${output.trim()}`;
    throw err;
  }

  return {
    url: `http://${HOST}:${port}/`,
    port,
    tmpDir,
    process: child,
    output: () => output,
    stop,
  };
}

/** The recipe's Chromium flags. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * Launches Debian's Chromium headless through playwright-core (never downloads a browser).
 * @param {object} [opts] extra options merged into chromium.launch()
 */
export async function launchBrowser(opts = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run scripts/vscode/setup.sh first`);
  }
  const { chromium } = await import('playwright-core');
  const { args = [], env = {}, ...rest } = opts;
  // Chromium writes crash reports and dconf state under XDG dirs: keep them out of $HOME.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-chromium-'));
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM,
      headless: true,
      ...rest,
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        ...env,
      },
      args: [...CHROMIUM_ARGS, ...args],
    })
    .catch((err) => {
      fs.rmSync(home, { recursive: true, force: true });
      throw err;
    });
  browser.on('disconnected', () => fs.rmSync(home, { recursive: true, force: true, maxRetries: 3 }));
  return browser;
}

/** vscode-remote://127.0.0.1:PORT/abs/path, each path segment URI-encoded. */
export function remoteUri(port, absPath) {
  const p = path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/');
  return `vscode-remote://${HOST}:${port}${p.startsWith('/') ? p : `/${p}`}`;
}

/**
 * The workbench URL: http://127.0.0.1:PORT/?folder=ABS&payload=[[...]]
 * @param {object} o
 * @param {number} o.port
 * @param {string} o.folder                    folder to open
 * @param {string} [o.extensionDevelopmentPath]
 * @param {string} [o.extensionTestsPath]      dir (or file) whose module exports run()
 */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(port, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(port, extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const query = [];
  if (folder) query.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
  query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://${HOST}:${port}/?${query.join('&')}`;
}
