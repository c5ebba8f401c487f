/** The GC flags the CLI sets for itself when it lints on worker threads (pool.ts). */
import * as assert from 'node:assert/strict';
import { gcFlagsForWorkers } from '../../../src/cli/pool';

describe('gcFlagsForWorkers: V8 flags for a run on every core', () => {
  const ALL = ['--no-concurrent-marking', '--no-parallel-scavenge', '--heap-growing-percent=100'];
  it('without flags of the user: no GC helper threads, an old generation grown to twice its live size', () => {
    assert.deepEqual(gcFlagsForWorkers([], undefined), ALL);
    assert.deepEqual(gcFlagsForWorkers(['--enable-source-maps'], '--max-old-space-size=4096'), ALL);
  });

  it("leaves each flag the user gave node, in node's arguments or NODE_OPTIONS, in either spelling", () => {
    assert.deepEqual(gcFlagsForWorkers(['--concurrent-marking'], undefined), ['--no-parallel-scavenge', '--heap-growing-percent=100']);
    assert.deepEqual(gcFlagsForWorkers([], ' --heap_growing_percent=300 --parallel-scavenge'), ['--no-concurrent-marking']);
    assert.deepEqual(gcFlagsForWorkers(['--no-concurrent_marking', '--no-parallel-scavenge'], '--heap-growing-percent=50'), []);
  });

  it('is not fooled by flags that only start alike', () => {
    assert.deepEqual(gcFlagsForWorkers(['--concurrent-marking-max-worker-num=1', '--parallel-scavenge-tasks=1'], '--heap-growing-percentage'), ALL);
  });
});
