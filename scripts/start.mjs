// `npm start`: build the extension, install VS Code (code-server) if needed, and open a
// fresh copy of examples/ in it on 127.0.0.1, so the samples in the repo stay untouched.
import { spawnSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(process.execPath, ['scripts/build.mjs']);
run('bash', ['scripts/vscode/setup.sh']);
const workspace = join(mkdtempSync(join(tmpdir(), 'incident-report-demo-')), 'examples');
cpSync(join(root, 'examples'), workspace, { recursive: true });
console.log(`Sample workspace: ${workspace} (a copy of examples/)`);
const port = process.env.PORT ?? '8080';
const server = spawn(process.execPath, ['scripts/vscode/start.mjs', '--extension', root, '--workspace', workspace, '--port', port], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
