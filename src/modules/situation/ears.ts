/**
 * EARS C2 ("C2-MEDIUM") early warnings of the CDC's Early Aberration Reporting System
 * (Hutwagner et al., J Urban Health 2003; Emerg Infect Dis 2005;11(2):314–316: "the current value
 * being greater than the mean plus 3 standard deviations, with the mean and SD based on the past
 * 7 days shifted by 2 days"). Pure: no I/O.
 *
 * The exact rule used here, for a day d and one area's daily counts:
 * - baseline: the 7 days d−9 … d−3 (the two days before d are a guard band, so that the start of
 *   an outbreak does not raise its own baseline): mean μ and sample standard deviation s
 *   (divisor n − 1), as R's `surveillance::earsC(method = "C2")` computes them;
 * - σ = max(s, minSigma): a floor on the sd so that a week of zeros (or of the same count) does
 *   not make any single case an aberration. `surveillance::earsC` calls it `minSigma` (0 there by
 *   default; Howard Burkom suggests 0.5 or 1 for sparse data, which commune counts are): 0.5 here;
 * - threshold = μ + k·σ with k = 3 (the CDC's C2 cut-off);
 * - flagged when the day's count is strictly greater than the threshold (a count exactly at the
 *   threshold is not flagged) and at least `minCases` (default 1: no flag on a day without cases).
 */
import { addDays } from '../../lib/time.ts';

export const EARS_C2_DEFAULTS = { baselineDays: 7, guardDays: 2, multiplier: 3, minCases: 1, minSigma: 0.5 } as const;

export interface EarsOptions {
  multiplier?: number;
  minCases?: number;
  minSigma?: number;
}

export interface EarsResult {
  cases: number;
  baselineMean: number;
  /** The baseline's sample standard deviation (before the floor). */
  baselineSd: number;
  /** μ + k·max(s, minSigma). */
  threshold: number;
  flagged: boolean;
}

/** The baseline days of C2 for a day: from d−9 to d−3, both included. */
export function earsC2BaselineRange(date: string): { from: string; to: string } {
  const { baselineDays, guardDays } = EARS_C2_DEFAULTS;
  return { from: addDays(date, -(guardDays + baselineDays)), to: addDays(date, -(guardDays + 1)) };
}

/** C2 for one day: `baseline` holds the counts of the 7 baseline days (any order), `cases` the day's count. */
export function earsC2(baseline: readonly number[], cases: number, opts: EarsOptions = {}): EarsResult {
  const { multiplier = EARS_C2_DEFAULTS.multiplier, minCases = EARS_C2_DEFAULTS.minCases, minSigma = EARS_C2_DEFAULTS.minSigma } = opts;
  if (baseline.length < 2) throw new RangeError('the baseline needs at least 2 days for a standard deviation');
  const n = baseline.length;
  const mean = baseline.reduce((a, x) => a + x, 0) / n;
  const sd = Math.sqrt(baseline.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const threshold = mean + multiplier * Math.max(sd, minSigma);
  return { cases, baselineMean: mean, baselineSd: sd, threshold, flagged: cases > threshold && cases >= minCases };
}
