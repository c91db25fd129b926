import { describe, expect, it } from 'vitest';
import { earsC2, earsC2BaselineRange } from './ears.ts';

describe('EARS C2', () => {
  it('takes the 7 days d−9 … d−3 as baseline, skipping the 2 days before d', () => {
    expect(earsC2BaselineRange('2021-05-10')).toEqual({ from: '2021-05-01', to: '2021-05-07' });
    expect(earsC2BaselineRange('2021-03-02')).toEqual({ from: '2021-02-21', to: '2021-02-27' });
  });

  // Baseline 1,3,1,3,2,1,3: mean 14/7 = 2, squared deviations 1+1+1+1+0+1+1 = 6, sample variance 6/6 = 1.
  const baseline = [1, 3, 1, 3, 2, 1, 3];

  it('flags a count above mean + 3·sd, and not one exactly at it', () => {
    expect(earsC2(baseline, 5)).toEqual({ cases: 5, baselineMean: 2, baselineSd: 1, threshold: 5, flagged: false });
    expect(earsC2(baseline, 6)).toMatchObject({ threshold: 5, flagged: true });
    expect(earsC2(baseline, 4).flagged).toBe(false);
  });

  it('takes the multiplier asked for', () => {
    expect(earsC2(baseline, 4, { multiplier: 2 })).toMatchObject({ threshold: 4, flagged: false });
    expect(earsC2(baseline, 5, { multiplier: 2 })).toMatchObject({ threshold: 4, flagged: true });
  });

  it('floors the sd at 0.5 so that a silent or flat week does not make one case an aberration', () => {
    // A week of zeros: threshold 0 + 3 × 0.5 = 1.5.
    expect(earsC2([0, 0, 0, 0, 0, 0, 0], 1)).toEqual({ cases: 1, baselineMean: 0, baselineSd: 0, threshold: 1.5, flagged: false });
    expect(earsC2([0, 0, 0, 0, 0, 0, 0], 2).flagged).toBe(true);
    // A flat week of 2: threshold 3.5.
    expect(earsC2([2, 2, 2, 2, 2, 2, 2], 3)).toMatchObject({ threshold: 3.5, flagged: false });
    expect(earsC2([2, 2, 2, 2, 2, 2, 2], 4).flagged).toBe(true);
    // Above the floor the sample sd counts as it is: mean 2, sd 1 → 5, not 2 + 1.5.
    expect(earsC2(baseline, 5, { minSigma: 0.5 }).threshold).toBe(5);
  });

  it('with no floor, needs at least the minimum count: a zero baseline makes the threshold 0', () => {
    expect(earsC2([0, 0, 0, 0, 0, 0, 0], 1, { minSigma: 0 })).toMatchObject({ threshold: 0, flagged: true });
    expect(earsC2([0, 0, 0, 0, 0, 0, 0], 0, { minSigma: 0 }).flagged).toBe(false);
    expect(earsC2([0, 0, 0, 0, 0, 0, 0], 1, { minSigma: 0, minCases: 2 }).flagged).toBe(false);
    expect(earsC2([0, 0, 0, 0, 0, 0, 0], 2, { minSigma: 0, minCases: 2 }).flagged).toBe(true);
    // The minimum also holds above the threshold.
    expect(earsC2(baseline, 6, { minCases: 7 }).flagged).toBe(false);
  });
});
