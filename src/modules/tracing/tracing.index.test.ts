import { describe, expect, it } from 'vitest';
import { timeOrder } from './tracing.index.ts';

describe('timeOrder', () => {
  it('orders whole-second times through packed keys, ties by position', () => {
    const at = Float64Array.from([1_622_000_300, 1_622_000_000, 1_622_000_300, 1_621_999_999]);
    expect(Array.from(timeOrder(at, 4))).toEqual([3, 1, 0, 2]);
  });

  it('falls back to a comparator for fractional seconds', () => {
    const at = Float64Array.from([10.5, 10.25, 9, 10.25]);
    expect(Array.from(timeOrder(at, 4))).toEqual([2, 1, 3, 0]);
  });

  it('orders only the first n and handles none', () => {
    expect(Array.from(timeOrder(Float64Array.from([5, 4, 3]), 2))).toEqual([1, 0]);
    expect(timeOrder(new Float64Array(0), 0)).toHaveLength(0);
  });
});
