import { describe, expect, it } from 'vitest';
import {
  type EnterpriseRiskRuleVersion, isoWeekOf, periodOf, periodRange, previewAssessment, previousPeriod, QD2194, riskBand, riskIndex, riskRuleFor, riskRuleIssues,
  riskRuleVersion, type RiskAnswers, scoreAssessment, workforceOption, workforcePoints,
} from './risk.domain.ts';

/** Answers whose points (after weights) add up to `total`, built from the lowest options up. */
function answersFor(rule: EnterpriseRiskRuleVersion, choose: (code: string) => string): RiskAnswers {
  return Object.fromEntries(rule.indicators.map((i) => [i.code, choose(i.code)]));
}
const lowest = (rule: EnterpriseRiskRuleVersion) => answersFor(rule, (c) => rule.indicators.find((i) => i.code === c)!.options[0]!.code);
const highest = (rule: EnterpriseRiskRuleVersion) => answersFor(rule, (c) => rule.indicators.find((i) => i.code === c)!.options.at(-1)!.code);

describe('QĐ 2194 as built in', () => {
  it('has 15 indicators whose maxima add up to the divisor 300, the lowest form scoring 10 %', () => {
    expect(QD2194.indicators).toHaveLength(15);
    expect(QD2194.maxTotal).toBe(300);
    expect(riskRuleVersion({ ...QD2194 }).maxTotal).toBe(300);
    const low = scoreAssessment(QD2194, lowest(QD2194));
    expect(low.ok && low.value).toMatchObject({ total: 30, index: 10, band: 'very_low' });
    const high = scoreAssessment(QD2194, highest(QD2194));
    expect(high.ok && high.value).toMatchObject({ total: 300, index: 100, band: 'very_high' });
  });

  it('gives workforce points at every edge of the scale', () => {
    const edges: Array<[number, number]> = [
      [0, 1], [49, 1], [50, 2], [199, 2], [200, 4], [499, 4], [500, 6], [999, 6], [1000, 8], [4999, 8], [5000, 10], [167_889, 10],
    ];
    for (const [workers, points] of edges) expect(workforcePoints(workers), `${workers} workers`).toBe(points);
    const indicator = QD2194.indicators.find((i) => i.workforce)!;
    expect(workforceOption(indicator, 199)?.code).toBe('50-199');
    expect(workforceOption(indicator, 200)?.code).toBe('200-499');
  });
});

describe('index and bands', () => {
  it('rounds half up to one decimal with exact thirds', () => {
    expect(riskIndex(35, 300)).toBe(11.7);
    expect(riskIndex(45, 300)).toBe(15);
    expect(riskIndex(46, 300)).toBe(15.3);
    expect(riskIndex(1, 8)).toBe(12.5);
    // 1/16 = 6.25 % → 6.3 (half up), 3/16 = 18.75 % → 18.8
    expect(riskIndex(1, 16)).toBe(6.3);
    expect(riskIndex(3, 16)).toBe(18.8);
  });

  it('puts each edge in the lower band and the next tenth in the upper one', () => {
    const cases: Array<[number, string]> = [
      [0, 'very_low'], [15, 'very_low'], [15.1, 'low'], [16, 'low'], [30, 'low'], [30.1, 'medium'], [31, 'medium'], [50, 'medium'], [50.1, 'high'],
      [51, 'high'], [80, 'high'], [80.1, 'very_high'], [81, 'very_high'], [100, 'very_high'],
    ];
    for (const [index, band] of cases) expect(riskBand(index), `${index} %`).toBe(band);
  });

  it('bands the sums around each edge of a 300-point form', () => {
    // 45/300 = 15.0, 46/300 = 15.3, 90 = 30.0, 91 = 30.3, 150 = 50.0, 151 = 50.3, 240 = 80.0, 241 = 80.3
    const cases: Array<[number, string]> = [[45, 'very_low'], [46, 'low'], [90, 'low'], [91, 'medium'], [150, 'medium'], [151, 'high'], [240, 'high'], [241, 'very_high']];
    for (const [total, band] of cases) expect(riskBand(riskIndex(total, 300)), `${total} points`).toBe(band);
  });

  it('scores a real form: the index of the sum of weighted points', () => {
    const answers = { ...lowest(QD2194), cs01: '1000-4999', cs03: '1-2m', cs09: 'crowded' };
    const r = scoreAssessment(QD2194, answers, 1_200);
    // 30 - 2 - 3 - 2 + 8×2 + 5×3 + 10×2 = 74 → 24.7 %
    expect(r.ok && r.value).toMatchObject({ total: 74, index: 24.7, band: 'low' });
    expect(r.ok && r.value.points.cs03).toBe(15);
  });
});

describe('validation', () => {
  it('names every unanswered, unknown or wrong answer', () => {
    const answers: RiskAnswers = { ...lowest(QD2194), cs05: 'maybe', cs99: 'x' };
    delete answers.cs12;
    const r = scoreAssessment(QD2194, answers);
    expect(!r.ok && r.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['answers/cs05:INVALID_OPTION', 'answers/cs12:REQUIRED', 'answers/cs99:UNKNOWN_INDICATOR']);
    expect(!r.ok && r.issues[0]!.message.vi).toContain('5. Người lao động đi về từ vùng có dịch');
  });

  it('refuses a workforce answer that the number of workers contradicts', () => {
    const r = scoreAssessment(QD2194, { ...lowest(QD2194), cs01: 'lt50' }, 50);
    expect(!r.ok && r.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['answers/cs01:WORKFORCE_MISMATCH']);
  });

  it('previews a form being filled in without an index until it is complete', () => {
    const p = previewAssessment(QD2194, { cs01: 'ge5000', cs02: 'lt2.5' });
    expect(p).toMatchObject({ complete: false, answered: 2, total: 40, index: null, band: null });
    expect(previewAssessment(QD2194, lowest(QD2194))).toMatchObject({ complete: true, index: 10, band: 'very_low' });
  });

  it('checks a province version: codes, weights, workforce edges, band order', () => {
    const bad = riskRuleIssues({
      ...QD2194,
      indicators: [
        { ...QD2194.indicators[0]!, options: QD2194.indicators[0]!.options.map((x) => ({ ...x, minWorkers: x.minWorkers === 0 ? 1 : x.minWorkers })) },
        { ...QD2194.indicators[1]!, code: 'cs01', weight: 0 },
      ],
      bands: [{ band: 'very_low', upTo: 20 }, { band: 'low', upTo: 10 }, { band: 'medium', upTo: 50 }, { band: 'high', upTo: 80 }, { band: 'very_high', upTo: 100 }],
    });
    expect(bad.map((i) => `${i.field}:${i.code}`)).toEqual(['indicators/0/options:GAP', 'indicators/1/code:DUPLICATE', 'indicators/1/weight:RANGE', 'bands:ORDER']);
    expect(riskRuleIssues(QD2194)).toEqual([]);
  });

  it('takes the version in force on the day', () => {
    const later = { ...QD2194, code: 'bg-2021-06', effectiveFrom: '2021-06-01' };
    expect(riskRuleFor([later, QD2194], '2021-05-31').code).toBe('qd2194-2020-05');
    expect(riskRuleFor([later, QD2194], '2021-06-01').code).toBe('bg-2021-06');
    expect(riskRuleFor([later], '2021-05-01').code).toBe('bg-2021-06');
  });
});

describe('periods', () => {
  it('numbers ISO weeks across year ends', () => {
    expect(isoWeekOf('2021-06-10')).toBe('2021-W23');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2021-01-04')).toBe('2021-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(periodRange('2021-W23', 'iso_week')).toEqual({ from: '2021-06-07', to: '2021-06-13' });
    expect(periodRange('2020-W53', 'iso_week')).toEqual({ from: '2020-12-28', to: '2021-01-03' });
    expect(periodRange('2021-W53', 'iso_week')).toBeNull();
    expect(periodRange('2021-06', 'iso_week')).toBeNull();
    expect(previousPeriod('2021-W01', 'iso_week')).toBe('2020-W53');
  });

  it('takes months when the version says so', () => {
    expect(periodOf('2021-06-10', 'month')).toBe('2021-06');
    expect(periodRange('2021-02', 'month')).toEqual({ from: '2021-02-01', to: '2021-02-28' });
    expect(periodRange('2021-12', 'month')).toEqual({ from: '2021-12-01', to: '2021-12-31' });
    expect(periodRange('2021-13', 'month')).toBeNull();
  });
});
