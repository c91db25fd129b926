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

  it('orders times spanning several radix digits as a stable comparator sort would', () => {
    // Whole seconds over ~100 days (three 11-bit digits), with many ties.
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const at = Float64Array.from({ length: 5000 }, () => 1_620_000_000 + (next() % 2000) * 4321);
    const expected = Array.from({ length: at.length }, (_, i) => i).sort((a, b) => at[a]! - at[b]! || a - b);
    expect(Array.from(timeOrder(at, at.length))).toEqual(expected);
    expect(Array.from(timeOrder(Float64Array.from([9, 9, 9]), 3))).toEqual([0, 1, 2]);
  });

  it('orders only the first n and handles none', () => {
    expect(Array.from(timeOrder(Float64Array.from([5, 4, 3]), 2))).toEqual([1, 0]);
    expect(timeOrder(new Float64Array(0), 0)).toHaveLength(0);
  });
});
