/** The GC flags the CLI sets for itself when its threads lint on every core (pool.ts). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { gcFlagsForBatch } from '../../../src/cli/pool';

describe('gcFlagsForBatch: V8 flags for a run on every core', () => {
  const V8 = '11.3.244.8-node.33';
  const ALL = ['--no-concurrent-marking', '--no-parallel-scavenge', '--heap-growing-percent=100'];
  it('without flags of the user: no concurrent marking or parallel scavenge, an old generation grown to twice its live size', () => {
    assert.deepEqual(gcFlagsForBatch([], V8), ALL);
    assert.deepEqual(gcFlagsForBatch(['--enable-source-maps', '--max-old-space-size=4096'], V8), ALL);
  });

  it("leaves each flag the user gave node, in any of V8's spellings", () => {
    assert.deepEqual(gcFlagsForBatch(['--concurrent-marking'], V8), ['--no-parallel-scavenge', '--heap-growing-percent=100']);
    assert.deepEqual(gcFlagsForBatch(['--heap_growing_percent=300', '--parallel-scavenge'], V8), ['--no-concurrent-marking']);
    assert.deepEqual(gcFlagsForBatch(['--no-concurrent_marking', '--noparallel-scavenge', '--heap-growing-percent=50'], V8), []);
  });

  it('is not fooled by flags that only start alike', () => {
    assert.deepEqual(gcFlagsForBatch(['--concurrent-marking-max-worker-num=1', '--parallel-scavenge-tasks=1', '--heap-growing-percentage'], V8), ALL);
  });

  it('sets none on an engine it was not checked on (V8 prints an error for a flag it lacks)', () => {
    assert.deepEqual(gcFlagsForBatch([], '14.1.146.11-node.14'), ALL);
    assert.deepEqual(gcFlagsForBatch([], '15.0.1'), []);
    assert.deepEqual(gcFlagsForBatch([], '10.2.154.26-node.26'), []);
    assert.deepEqual(gcFlagsForBatch([], ''), []);
  });

  it('holds flags this very node accepts, without a word on stderr', () => {
    assert.deepEqual(gcFlagsForBatch([], process.versions.v8), ALL);
    for (const flag of [...ALL, '--no-such-gc-flag']) {
      const run = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8' });
      const accepted = run.status === 0 && run.stderr === '';
      assert.equal(accepted, flag !== '--no-such-gc-flag', `${flag}: exit ${run.status}, stderr ${run.stderr}`);
    }
  });
});
