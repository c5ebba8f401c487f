/** The GC flags the CLI sets for itself when it lints on worker threads (pool.ts). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { gcFlagsForWorkers } from '../../../src/cli/pool';

describe('gcFlagsForWorkers: V8 flags for a run on every core', () => {
  const V8 = '11.3.244.8-node.33';
  const ALL = ['--no-concurrent-marking', '--no-parallel-scavenge', '--heap-growing-percent=100'];
  it('without flags of the user: no GC helper threads, an old generation grown to twice its live size', () => {
    assert.deepEqual(gcFlagsForWorkers([], undefined, V8), ALL);
    assert.deepEqual(gcFlagsForWorkers(['--enable-source-maps'], '--max-old-space-size=4096', V8), ALL);
  });

  it("leaves each flag the user gave node, in node's arguments or NODE_OPTIONS, in either spelling", () => {
    assert.deepEqual(gcFlagsForWorkers(['--concurrent-marking'], undefined, V8), ['--no-parallel-scavenge', '--heap-growing-percent=100']);
    assert.deepEqual(gcFlagsForWorkers([], ' --heap_growing_percent=300 --parallel-scavenge', V8), ['--no-concurrent-marking']);
    assert.deepEqual(gcFlagsForWorkers(['--no-concurrent_marking', '--no-parallel-scavenge'], '--heap-growing-percent=50', V8), []);
  });

  it('is not fooled by flags that only start alike', () => {
    assert.deepEqual(gcFlagsForWorkers(['--concurrent-marking-max-worker-num=1', '--parallel-scavenge-tasks=1'], '--heap-growing-percentage', V8), ALL);
  });

  it('sets none on an engine it was not checked on (V8 prints an error for a flag it lacks)', () => {
    assert.deepEqual(gcFlagsForWorkers([], undefined, '14.1.146.11-node.14'), ALL);
    assert.deepEqual(gcFlagsForWorkers([], undefined, '15.0.1'), []);
    assert.deepEqual(gcFlagsForWorkers([], undefined, '10.2.154.26-node.26'), []);
    assert.deepEqual(gcFlagsForWorkers([], undefined, ''), []);
  });

  it('holds flags this very node accepts, without a word on stderr', () => {
    assert.deepEqual(gcFlagsForWorkers([], undefined, process.versions.v8), ALL);
    for (const flag of [...ALL, '--no-such-gc-flag']) {
      const run = spawnSync(process.execPath, [flag, '-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8' });
      const accepted = run.status === 0 && run.stderr === '';
      assert.equal(accepted, flag !== '--no-such-gc-flag', `${flag}: exit ${run.status}, stderr ${run.stderr}`);
    }
  });
});
