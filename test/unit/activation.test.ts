import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The desktop extension is two files: dist/extension.js (the adapters) and dist/core.js
 * (parser, rules, YAML), required on first use. Activation must not load the core; the
 * API's `ready` settles once it is loaded with the configuration. Checked on the build
 * with the benchmark's fake `vscode` module (scripts/bench/activate.cjs), in a fresh Node.
 */
const ROOT = join(__dirname, '..', '..');
const EXTENSION = join(ROOT, 'dist', 'extension.js');

describe('activation of the built extension (dist/extension.js)', function () {
  this.timeout(60_000);
  before(function () {
    if (!existsSync(EXTENSION)) throw new Error('dist/extension.js is missing: run `npm run build` first (npm test does).');
  });

  it('registers everything without loading dist/core.js, which `ready` then loads', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench', 'activate.cjs'), EXTENSION, join(ROOT, 'test', 'fixtures', 'workspace')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!);
    assert.equal(result.ok, true);
    assert.equal(result.coreAtActivation, false, 'activation loaded the core');
    assert.equal(result.coreAfterReady, true, 'ready settled without loading the core');
    assert.ok(result.subscriptions >= 10, `${result.subscriptions} disposables registered`);
  });

  it('does not bundle the core: an adapter importing a core value directly would pull it all in', () => {
    const kb = statSync(EXTENSION).size / 1024;
    assert.ok(kb < 120, `dist/extension.js is ${kb.toFixed(0)} KB (the adapters alone are ~35-60 KB, with the core ~370 KB)`);
    assert.ok(existsSync(join(ROOT, 'dist', 'core.js')));
  });
});
