// `npm test`: type-check, build, unit tests in Node, then the integration tests inside a
// real VS Code (code-server, installed on first use by scripts/vscode/setup.sh), once in a
// trusted and once in an untrusted folder, then the end-to-end tests in the browser. Prints
// each stage's counts and, last, the total as `N passed, N failed` (what CI reads).
// `--unit` stops after the unit tests (no VS Code needed).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const unitOnly = process.argv.includes('--unit');

function step(name, command, args, parse) {
  return new Promise((resolve) => {
    console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const relay = (stream, sink) => stream.on('data', (chunk) => {
      output += chunk;
      sink.write(chunk);
    });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, counts: parse ? parse(output) : undefined }));
  });
}

const mochaCounts = (output) => ({
  passed: Number(/(\d+) passing/.exec(output)?.[1] ?? 0),
  failed: Number(/(\d+) failing/.exec(output)?.[1] ?? 0),
});
const runnerCounts = (output) => {
  const match = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : { passed: 0, failed: 1 };
};

const totals = { passed: 0, failed: 0 };
const lines = [];
let broken = false;
const record = (label, result) => {
  const counts = result.counts ?? { passed: 0, failed: 0 };
  // A stage that failed without a failing test (a crash, a build error) counts as one failure.
  if (result.code !== 0 && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  lines.push(`${label}: ${counts.passed} passed, ${counts.failed} failed`);
};

for (const [name, args] of [['type-check', ['tsc', '--noEmit', '-p', '.']], ['build', ['node', 'scripts/build.mjs', '--tests']]]) {
  const result = await step(name, args[0] === 'tsc' ? 'npx' : args[0], args[0] === 'tsc' ? args : args.slice(1));
  if (result.code !== 0) {
    record(name, result);
    broken = true;
    break;
  }
}
if (!broken) record('unit', await step('unit tests', 'npx', ['mocha'], mochaCounts));
if (!broken && !unitOnly) {
  const setup = await step('VS Code setup', 'bash', ['scripts/vscode/setup.sh']);
  if (setup.code !== 0) record('VS Code setup', setup);
  else {
    record(
      'integration',
      await step('integration tests (VS Code in code-server)', 'node', [
        'scripts/vscode/run-tests.mjs',
        '--extension', '.',
        '--tests', 'out/test/integration',
        '--workspace', 'test/fixtures/integration-workspace',
        '--screenshot-on-failure', 'test-results/integration-failure.png',
      ], runnerCounts),
    );
    // The same extension with workspace trust on and the folder not trusted.
    process.env.MOCHA_GREP = 'untrusted';
    record(
      'integration (untrusted folder)',
      await step('integration tests, untrusted workspace', 'node', [
        'scripts/vscode/run-tests.mjs',
        '--extension', '.',
        '--tests', 'out/test/integration',
        '--workspace', 'test/fixtures/integration-workspace',
        '--trust',
        '--screenshot-on-failure', 'test-results/untrusted-failure.png',
      ], runnerCounts),
    );
    delete process.env.MOCHA_GREP;
    // End to end: a user's clicks and keys in the workbench; saves the README screenshots.
    record('end-to-end (browser)', await step('end-to-end tests (Playwright + Chromium)', 'node', ['scripts/e2e.mjs'], runnerCounts));
    record('web extension host', await step('browser build in the web worker extension host', 'node', ['scripts/web-test.mjs'], runnerCounts));
    // Last, as it rebuilds dist/ for production: the .vsix, its contents, installed and activated.
    record('package (.vsix)', await step('package test (vsce, --install-extension)', 'node', ['scripts/package-test.mjs'], runnerCounts));
  }
}

console.log('');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed > 0 ? 1 : 0;
