/**
 * The time-varying reproduction number Rt of Cori et al. (AJE 2013), computed exactly as R's
 * EpiEstim 2.2 `estimate_R(incid, method = "parametric_si")` does: the same discretised serial
 * interval (`discr_si`), overall infectivity (`overall_infectivity`), windows, priors and gamma
 * posterior. Pure: no I/O. Day indices are EpiEstim's: day 1 is the first value of the series.
 */
import gammaCdf from '@stdlib/stats-base-dists-gamma-cdf';
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';

/** Serial interval for COVID-19 (Nishiura, Linton & Akhmetzhanov 2020): mean 4.7 days, sd 2.9. */
export const DEFAULT_SERIAL_INTERVAL = { mean: 4.7, sd: 2.9 } as const;
/** EpiEstim's default prior on R: gamma with mean 5 and sd 5 (shape 1, scale 5). */
export const DEFAULT_PRIOR = { mean: 5, sd: 5 } as const;
/** EpiEstim's default: weekly sliding windows. */
export const DEFAULT_WINDOW = 7;

/** Gamma CDF with R's (shape, scale) parameters; stdlib takes a rate. pgamma of a negative x is 0. */
const pgamma = (x: number, shape: number, scale: number) => (x < 0 ? 0 : gammaCdf(x, shape, 1 / scale));

/**
 * EpiEstim `discr_si(k, mu, sigma)`: w_k, the probability that the serial interval is k days, for a
 * serial interval that is 1 + a gamma variable of mean mu − 1 and sd sigma (Cori et al. 2013,
 * web appendix 11). With F the gamma CDF of shape a = ((mu−1)/sigma)² and scale b = sigma²/(mu−1):
 *   w_k = k F(k) + (k−2) F(k−2) − 2(k−1) F(k−1) + a b (2 F₊(k−1) − F₊(k−2) − F₊(k)),
 * F₊ the CDF of shape a + 1 and the same scale; negative results (rounding) become 0. w_0 = 0.
 */
export function discretiseSerialInterval(ks: readonly number[], mu: number, sigma: number): number[] {
  if (!(sigma >= 0)) throw new RangeError('sigma must be >= 0');
  if (!(mu > 1)) throw new RangeError('mu must be > 1');
  const a = ((mu - 1) / sigma) ** 2;
  const b = sigma ** 2 / (mu - 1);
  return ks.map((k) => {
    if (k < 0) throw new RangeError('k must be >= 0');
    const own = k * pgamma(k, a, b) + (k - 2) * pgamma(k - 2, a, b) - 2 * (k - 1) * pgamma(k - 1, a, b);
    const w = own + a * b * (2 * pgamma(k - 1, a + 1, b) - pgamma(k - 2, a + 1, b) - pgamma(k, a + 1, b));
    return Math.max(0, w);
  });
}

/**
 * EpiEstim `overall_infectivity`: Λ_t = Σ_{s=1}^{t−1} I_{t−s} w_s for t = 2..T (index t − 1 of the
 * result); Λ_1 is undefined (NaN). `si[s]` is w_s (w_0 multiplies I_t, and is 0 for discr_si).
 */
export function overallInfectivity(incidence: readonly number[], si: readonly number[]): number[] {
  const lambda = new Array<number>(incidence.length).fill(Number.NaN);
  for (let t = 2; t <= incidence.length; t++) {
    let sum = 0;
    for (let s = 0; s < t; s++) sum += (si[s] ?? 0) * incidence[t - 1 - s]!;
    lambda[t - 1] = sum;
  }
  return lambda;
}

export interface RtWindow {
  /** First and last day of the window, 1-based (EpiEstim's t_start, t_end). */
  tStart: number;
  tEnd: number;
  mean: number;
  std: number;
  q025: number;
  q975: number;
}

export interface RtOptions {
  siMean: number;
  siSd: number;
  /** Window length in days (default 7): windows t_start = 2..T−window+1, t_end = t_start + window − 1. */
  window?: number;
  priorMean?: number;
  priorSd?: number;
}

/** The windows EpiEstim uses by default for a series of T days and a window length. */
export function slidingWindows(days: number, window: number): Array<{ tStart: number; tEnd: number }> {
  const out: Array<{ tStart: number; tEnd: number }> = [];
  for (let tStart = 2; tStart + window - 1 <= days; tStart++) out.push({ tStart, tEnd: tStart + window - 1 });
  return out;
}

/**
 * Rt over sliding windows, as EpiEstim's `estimate_R(method = "parametric_si")` with default
 * priors. For each window [t_start, t_end] the posterior of R is gamma with
 *   shape = a_prior + Σ_{t=t_start}^{t_end} I_t,   scale = 1 / (1/b_prior + Σ_{t=t_start}^{t_end} Λ_t)
 * (a_prior = (mean/sd)², b_prior = sd²/mean), and we report its mean a·b, sd √a·b and 2.5% and
 * 97.5% quantiles. As in EpiEstim:
 * - the serial interval is discr_si(0..T−1) padded with a 0 (only w_0..w_{T−1} can ever be used);
 * - the first day's cases count as imported: they enter Λ but no window starts on day 1;
 * - a window whose t_end is not after the mean of that discretised serial interval has no
 *   posterior (EpiEstim returns NA and drops the row): it is left out here too;
 * - a window with no infectivity (Σ Λ = 0) is not undefined: the scale is then the prior's, so
 *   the posterior is gamma(a_prior + Σ I, b_prior) — EpiEstim reports it, and so do we.
 */
export function estimateRt(incidence: readonly number[], opts: RtOptions): RtWindow[] {
  const { siMean, siSd, window = DEFAULT_WINDOW, priorMean = DEFAULT_PRIOR.mean, priorSd = DEFAULT_PRIOR.sd } = opts;
  if (!(siMean > 1) || !(siSd > 0)) throw new RangeError('the serial interval needs mean > 1 and sd > 0');
  if (!Number.isInteger(window) || window < 1) throw new RangeError('the window must be a whole number of days, at least 1');
  if (incidence.some((x) => !Number.isInteger(x) || x < 0)) throw new RangeError('daily counts must be whole numbers >= 0');
  const days = incidence.length;
  const si = discretiseSerialInterval(Array.from({ length: days }, (_, k) => k), siMean, siSd);
  const siMeanDiscrete = si.reduce((acc, w, k) => acc + w * k, 0);
  const lambda = overallInfectivity(incidence, si);
  const aPrior = (priorMean / priorSd) ** 2;
  const bPrior = priorSd ** 2 / priorMean;

  const out: RtWindow[] = [];
  for (const { tStart, tEnd } of slidingWindows(days, window)) {
    if (!(tEnd > siMeanDiscrete)) continue;
    let cases = 0;
    let infectivity = 0;
    for (let t = tStart; t <= tEnd; t++) {
      cases += incidence[t - 1]!;
      infectivity += lambda[t - 1]!;
    }
    const shape = aPrior + cases;
    const scale = 1 / (1 / bPrior + infectivity);
    out.push({
      tStart,
      tEnd,
      mean: shape * scale,
      std: Math.sqrt(shape) * scale,
      q025: gammaQuantile(0.025, shape, 1 / scale),
      q975: gammaQuantile(0.975, shape, 1 / scale),
    });
  }
  return out;
}
