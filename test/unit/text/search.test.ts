import assert from 'node:assert/strict';
import { partitionPoint } from '../../../src/core/text/search';

describe('partitionPoint', () => {
  it('finds the first index where the predicate turns false: a lower and an upper bound in a sorted array', () => {
    const sorted = [1, 3, 3, 3, 7, 9];
    assert.equal(partitionPoint(sorted.length, (i) => sorted[i]! < 3), 1, 'lower bound of 3');
    assert.equal(partitionPoint(sorted.length, (i) => sorted[i]! <= 3), 4, 'upper bound of 3');
    assert.equal(partitionPoint(sorted.length, (i) => sorted[i]! < 0), 0, 'before every element');
    assert.equal(partitionPoint(sorted.length, (i) => sorted[i]! < 10), 6, 'after every element');
    assert.equal(partitionPoint(0, () => true), 0, 'an empty array');
  });

  it('agrees with a linear scan on every split of arrays up to 40 long', () => {
    for (let length = 0; length <= 40; length++) {
      for (let split = 0; split <= length; split++) {
        const asked: number[] = [];
        const found = partitionPoint(length, (i) => {
          asked.push(i);
          return i < split;
        });
        assert.equal(found, split, `length ${length}, split ${split}`);
        assert.ok(asked.every((i) => i >= 0 && i < length), 'only indices inside the array are asked');
        assert.ok(asked.length <= Math.ceil(Math.log2(length + 1)), `${asked.length} questions for ${length}`);
      }
    }
  });
});
