import { describe, expect, it } from 'vitest';
import { expectClose, referenceCsv } from './reference.fixtures.ts';
import { discretiseSerialInterval, estimateRt, overallInfectivity, slidingWindows } from './rt.ts';

describe('discretised serial interval (EpiEstim discr_si)', () => {
  it('matches discr_si(0:40, 5.2, 2.8) from EpiEstim 2.2.4 at every k', () => {
    const ref = referenceCsv('discr-si-5.2-2.8.csv');
    expect(ref).toHaveLength(41);
    const w = discretiseSerialInterval(ref.map((r) => Number(r.k)), 5.2, 2.8);
    ref.forEach((r, i) => expectClose(w[i]!, Number(r.w), `w_${r.k}`));
    expect(w[0]).toBe(0);
  });

  it('sums to 1 over a long enough range and has the mean asked for', () => {
    const ks = Array.from({ length: 200 }, (_, k) => k);
    const w = discretiseSerialInterval(ks, 4.7, 2.9);
    expect(w.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 10);
    expect(w.reduce((a, x, k) => a + x * k, 0)).toBeCloseTo(4.7, 8);
  });

  it('refuses a mean of 1 day or less and a negative sd, as discr_si does', () => {
    expect(() => discretiseSerialInterval([0, 1], 1, 2)).toThrow(/mu/);
    expect(() => discretiseSerialInterval([0, 1], 4, -1)).toThrow(/sigma/);
  });
});

describe('overall infectivity (EpiEstim overall_infectivity)', () => {
  it('weights earlier days by the serial interval: Λ_t = Σ_{s=1}^{t−1} I_{t−s} w_s', () => {
    const lambda = overallInfectivity([2, 0, 3, 1], [0, 0.5, 0.3, 0.2]);
    expect(lambda[0]).toBeNaN();
    expect(lambda[1]).toBeCloseTo(2 * 0.5, 15);
    expect(lambda[2]).toBeCloseTo(0 * 0.5 + 2 * 0.3, 15);
    expect(lambda[3]).toBeCloseTo(3 * 0.5 + 0 * 0.3 + 2 * 0.2, 15);
  });
});

describe('Rt (EpiEstim estimate_R, parametric_si)', () => {
  const incidence = referenceCsv('rt-synthetic-incidence.csv').map((r) => Number(r.new_cases));

  it('matches EpiEstim 2.2.4 on the synthetic series, every window and every value', () => {
    const ref = referenceCsv('rt-synthetic-epiestim-si5.2-2.8.csv');
    const rt = estimateRt(incidence, { siMean: 5.2, siSd: 2.8 });
    expect(incidence).toHaveLength(70);
    expect(rt.map((w) => [w.tStart, w.tEnd])).toEqual(ref.map((r) => [Number(r.t_start), Number(r.t_end)]));
    ref.forEach((r, i) => {
      const w = rt[i]!;
      expectClose(w.mean, Number(r.mean), `mean ${r.t_start}`);
      expectClose(w.std, Number(r.std), `std ${r.t_start}`);
      expectClose(w.q025, Number(r.q025), `q025 ${r.t_start}`);
      expectClose(w.q975, Number(r.q975), `q975 ${r.t_start}`);
    });
  });

  it('uses EpiEstim windows: t_start = 2..T−window+1, t_end = t_start + window − 1', () => {
    expect(slidingWindows(10, 7)).toEqual([{ tStart: 2, tEnd: 8 }, { tStart: 3, tEnd: 9 }, { tStart: 4, tEnd: 10 }]);
    expect(slidingWindows(7, 7)).toEqual([]);
    const rt = estimateRt(incidence, { siMean: 5.2, siSd: 2.8, window: 14 });
    expect(rt).toHaveLength(70 - 14);
    expect(rt[0]).toMatchObject({ tStart: 2, tEnd: 15 });
  });

  it('gives the prior updated by the cases when there is no infectivity (Σ Λ = 0), as EpiEstim does', () => {
    // No case at all: shape 1, scale 5 — an exponential of mean 5, whose quantiles are −5 ln(1 − p).
    const rt = estimateRt(new Array(10).fill(0), { siMean: 4.7, siSd: 2.9 });
    expect(rt).toHaveLength(3);
    for (const w of rt) {
      expect(w.mean).toBeCloseTo(5, 12);
      expect(w.std).toBeCloseTo(5, 12);
      expect(w.q025).toBeCloseTo(-5 * Math.log(0.975), 10);
      expect(w.q975).toBeCloseTo(-5 * Math.log(0.025), 10);
    }
  });

  it('takes the posterior shape 1 + Σ I and scale 1 / (1/5 + Σ Λ) over the window (hand-derived)', () => {
    // 4 cases on day 2, none else; the one window is days 2..8: Σ I = 4, Σ Λ = Λ_3 + … + Λ_8 = 4 (w_1 + … + w_6).
    const w = discretiseSerialInterval([0, 1, 2, 3, 4, 5, 6, 7], 4.7, 2.9);
    const shape = 1 + 4;
    const scale = 1 / (1 / 5 + 4 * (w[1]! + w[2]! + w[3]! + w[4]! + w[5]! + w[6]!));
    const [only, ...rest] = estimateRt([0, 4, 0, 0, 0, 0, 0, 0], { siMean: 4.7, siSd: 2.9 });
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ tStart: 2, tEnd: 8 });
    expect(only!.mean).toBeCloseTo(shape * scale, 12);
    expect(only!.std).toBeCloseTo(Math.sqrt(shape) * scale, 12);
  });

  it('leaves out the windows ending on or before the mean of the discretised serial interval (EpiEstim drops them as NA)', () => {
    const series = Array.from({ length: 20 }, (_, i) => i + 1);
    const w = discretiseSerialInterval(Array.from({ length: 20 }, (_, k) => k), 12, 3);
    const discreteMean = w.reduce((a, x, k) => a + x * k, 0);
    const rt = estimateRt(series, { siMean: 12, siSd: 3 });
    const expected = slidingWindows(20, 7).filter((x) => x.tEnd > discreteMean);
    expect(expected.length).toBeLessThan(slidingWindows(20, 7).length);
    expect(rt.map((x) => x.tStart)).toEqual(expected.map((x) => x.tStart));
  });

  it('refuses counts that are not whole numbers ≥ 0 and a serial interval EpiEstim cannot discretise', () => {
    expect(() => estimateRt([1, 2, -1], { siMean: 4.7, siSd: 2.9 })).toThrow(/whole numbers/);
    expect(() => estimateRt([1, 2.5], { siMean: 4.7, siSd: 2.9 })).toThrow(/whole numbers/);
    expect(() => estimateRt([1, 2], { siMean: 0.9, siSd: 2.9 })).toThrow(/mean > 1/);
    expect(() => estimateRt([1, 2], { siMean: 4.7, siSd: 2.9, window: 0 })).toThrow(/window/);
  });
});
