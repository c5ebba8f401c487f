import assert from 'node:assert/strict';
import { insideAnyOf, overlapsAnyOf } from '../../../src/core/text/spans';

describe('insideAnyOf', () => {
  it('says whether a span lies inside one of the spans, given in any order, overlapping or nested', () => {
    const inside = insideAnyOf([{ start: 50, end: 60 }, { start: 10, end: 40 }, { start: 12, end: 20 }, { start: 35, end: 45 }]);
    assert.equal(inside({ start: 10, end: 40 }), true, 'a span itself');
    assert.equal(inside({ start: 13, end: 39 }), true, 'inside the outer of two nested spans');
    assert.equal(inside({ start: 36, end: 40 }), true, 'inside an earlier span that ends further than a later one starting before it');
    assert.equal(inside({ start: 38, end: 45 }), true, 'inside the later of two overlapping spans');
    assert.equal(inside({ start: 33, end: 42 }), false, 'across two overlapping spans, inside neither');
    assert.equal(inside({ start: 55, end: 61 }), false, 'past the end');
    assert.equal(inside({ start: 5, end: 8 }), false, 'before every span');
    assert.equal(inside({ start: 46, end: 48 }), false, 'between spans');
    assert.equal(insideAnyOf([])({ start: 0, end: 0 }), false, 'no span');
  });
});

describe('overlapsAnyOf', () => {
  it('says whether a span shares a character with one of the spans (which never overlap each other), given in any order', () => {
    const overlaps = overlapsAnyOf([{ start: 30, end: 40 }, { start: 10, end: 20 }]);
    assert.equal(overlaps({ start: 12, end: 14 }), true, 'inside one');
    assert.equal(overlaps({ start: 5, end: 11 }), true, 'across its start');
    assert.equal(overlaps({ start: 19, end: 31 }), true, 'from the end of one into the next');
    assert.equal(overlaps({ start: 0, end: 50 }), true, 'around both');
    assert.equal(overlaps({ start: 20, end: 30 }), false, 'between them, touching both: ends are exclusive');
    assert.equal(overlaps({ start: 5, end: 10 }), false, 'before, up to the first start');
    assert.equal(overlaps({ start: 40, end: 45 }), false, 'after the last');
    assert.equal(overlapsAnyOf([])({ start: 0, end: 5 }), false, 'no span');
  });
});
