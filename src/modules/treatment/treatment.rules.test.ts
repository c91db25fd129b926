import { describe, expect, it } from 'vitest';
import {
  bedKindFor, CARE_LEVEL_LABELS, CARE_LEVELS, type CareLevel, careLevelFor, F0_RELEASE_RULE_VERSIONS, F0_RISK_GROUPS, F0_RISK_LABELS,
  f0ReleaseDecision, f0ReleaseRuleInForce, type F0ReleaseRuleVersion, homeCareEligibility, transferDirection, type Vitals,
} from './treatment.rules.ts';

const rule = F0_RELEASE_RULE_VERSIONS[0]!;
const ok: Vitals = { spo2: 98, respiratoryRate: 18, uncontrolledComorbidity: false };

describe('treatment tower (QĐ 5525)', () => {
  it.each([
    ['low', 'home_care', null],
    ['medium', 'tier1', 'normal'],
    ['high', 'tier2', 'oxygen'],
    ['very_high', 'tier3', 'icu'],
  ] as const)('%s risk → %s, bed %s', (risk, level, bed) => {
    expect(careLevelFor(risk)).toBe(level);
    expect(bedKindFor(level)).toBe(bed);
  });

  it('labels every risk group and care level in Vietnamese', () => {
    expect(F0_RISK_GROUPS.map((g) => F0_RISK_LABELS[g].vi)).toEqual(['Nguy cơ thấp', 'Nguy cơ trung bình', 'Nguy cơ cao', 'Nguy cơ rất cao']);
    expect(CARE_LEVELS.map((l) => CARE_LEVEL_LABELS[l].vi)).toEqual(['Chăm sóc tại nhà', 'Tầng 1', 'Tầng 2', 'Tầng 3 (hồi sức tích cực)']);
  });

  it('gives the direction of every transfer', () => {
    // Rows: from; columns: to, in the order home_care, tier1, tier2, tier3.
    const table: Record<CareLevel, string> = {
      home_care: 'same up up up',
      tier1: 'down same up up',
      tier2: 'down down same up',
      tier3: 'down down down same',
    };
    for (const from of CARE_LEVELS) {
      expect(CARE_LEVELS.map((to) => transferDirection(from, to)).join(' '), from).toBe(table[from]);
    }
  });
});

describe('home-care eligibility (QĐ 4038)', () => {
  it('accepts SpO2 96 and a rate of 20 (the limits are inclusive)', () => {
    expect(homeCareEligibility({ spo2: 96, respiratoryRate: 20, uncontrolledComorbidity: false })).toEqual({ eligible: true, reasons: [], invalid: [] });
  });

  it('refuses SpO2 95', () => {
    const r = homeCareEligibility({ ...ok, spo2: 95 });
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual([{ vi: 'SpO2 95%, dưới 96%', en: 'SpO2 95% is below 96%' }]);
  });

  it('refuses a rate of 21', () => {
    const r = homeCareEligibility({ ...ok, respiratoryRate: 21 });
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual([{ vi: 'Nhịp thở 21 lần/phút, trên 20 lần/phút', en: 'Respiratory rate 21/min is above 20/min' }]);
  });

  it('refuses an uncontrolled comorbidity', () => {
    expect(homeCareEligibility({ ...ok, uncontrolledComorbidity: true })).toEqual({
      eligible: false, reasons: [{ vi: 'Có bệnh nền chưa được kiểm soát', en: 'Has an uncontrolled comorbidity' }], invalid: [],
    });
  });

  it('refuses when a measure is missing, naming each one', () => {
    const r = homeCareEligibility({ spo2: null, respiratoryRate: null, uncontrolledComorbidity: null });
    expect(r.eligible).toBe(false);
    expect(r.reasons.map((m) => m.vi)).toEqual(['Chưa đo SpO2', 'Chưa đếm nhịp thở', 'Chưa đánh giá bệnh nền']);
  });

  it('lists every reason at once', () => {
    expect(homeCareEligibility({ spo2: 90, respiratoryRate: 30, uncontrolledComorbidity: true }).reasons).toHaveLength(3);
  });

  it.each([
    [{ spo2: 49 }, 'spo2'],
    [{ spo2: 101 }, 'spo2'],
    [{ spo2: Number.NaN }, 'spo2'],
    [{ respiratoryRate: 4 }, 'respiratoryRate'],
    [{ respiratoryRate: 81 }, 'respiratoryRate'],
  ] as const)('reports %o as invalid, not eligible', (change, field) => {
    const r = homeCareEligibility({ ...ok, ...change });
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual([]);
    expect(r.invalid.map((i) => i.field)).toEqual([field]);
  });

  it('takes the ends of the plausible ranges as measured values', () => {
    expect(homeCareEligibility({ ...ok, spo2: 100, respiratoryRate: 5 }).eligible).toBe(true);
    expect(homeCareEligibility({ ...ok, spo2: 50, respiratoryRate: 80 }).invalid).toEqual([]);
  });

  it('words an invalid SpO2 in Vietnamese', () => {
    expect(homeCareEligibility({ ...ok, spo2: 120 }).invalid[0]?.message.vi).toBe('SpO2 120% không hợp lệ (phải từ 50 đến 100%)');
  });
});

describe('F0 release rule versions', () => {
  it('has QĐ 250/2022: 7 / 10 / 14 days from 2022-01-28', () => {
    expect(F0_RELEASE_RULE_VERSIONS).toHaveLength(1);
    expect(rule).toMatchObject({
      code: 'qd250-2022', document: 'Quyết định 250/QĐ-BYT', effectiveFrom: '2022-01-28',
      daysWithNegativeRapidTest: 7, daysWithoutTest: 10, daysWithPersistentSymptoms: 14,
    });
  });

  it('applies it from its effective date on', () => {
    expect(f0ReleaseRuleInForce('2022-01-28')).toEqual({ rule, fallback: false });
    expect(f0ReleaseRuleInForce('2022-06-01')).toEqual({ rule, fallback: false });
  });

  it('falls back to the earliest version for 2021 dates', () => {
    expect(f0ReleaseRuleInForce('2021-07-15')).toEqual({ rule, fallback: true });
    expect(f0ReleaseRuleInForce('2022-01-27')).toEqual({ rule, fallback: true });
  });

  it('picks the latest version in force among several, whatever their order', () => {
    const older: F0ReleaseRuleVersion = { ...rule, code: 'older', effectiveFrom: '2021-07-01', daysWithoutTest: 14 };
    const versions = [rule, older];
    expect(f0ReleaseRuleInForce('2021-08-01', versions)).toEqual({ rule: older, fallback: false });
    expect(f0ReleaseRuleInForce('2022-02-01', versions)).toEqual({ rule, fallback: false });
    expect(f0ReleaseRuleInForce('2021-06-30', versions)).toEqual({ rule: older, fallback: true });
  });

  it('refuses an empty list of versions', () => {
    expect(() => f0ReleaseRuleInForce('2022-01-01', [])).toThrow(RangeError);
  });
});

describe('f0ReleaseDecision', () => {
  // Day 1 = 2021-05-28; May has 31 days: day 5 = 06-01, day 6 = 06-02, day 7 = 06-03,
  // day 10 = 06-06, day 14 = 06-10.
  const start = '2021-05-28';

  it('releases on day 7 with a negative rapid test that day', () => {
    const d = f0ReleaseDecision({ startDate: start, rapidTestNegativeOn: '2021-06-03', persistentSymptoms: false }, rule, '2021-06-03');
    expect(d).toMatchObject({ releasable: true, earliestDate: '2021-06-03', basis: 'rapid_test' });
    expect(d.reason.vi).toBe('Đủ điều kiện kết thúc cách ly, điều trị từ ngày 03/06/2021 (xét nghiệm nhanh âm tính ngày 03/06/2021, sau đủ 7 ngày; Quyết định 250/QĐ-BYT)');
  });

  it('is not releasable the day before', () => {
    const d = f0ReleaseDecision({ startDate: start, rapidTestNegativeOn: '2021-06-03', persistentSymptoms: false }, rule, '2021-06-02');
    expect(d).toMatchObject({ releasable: false, earliestDate: '2021-06-03', basis: 'rapid_test' });
    expect(d.reason.vi).toMatch(/^Chưa đủ điều kiện: sớm nhất ngày 03\/06\/2021/);
  });

  it('does not count a rapid test taken on day 6: day 10', () => {
    const d = f0ReleaseDecision({ startDate: start, rapidTestNegativeOn: '2021-06-02', persistentSymptoms: false }, rule, '2021-06-05');
    expect(d).toMatchObject({ releasable: false, earliestDate: '2021-06-06', basis: 'days' });
    expect(d.reason.en).toContain('before day 7 and does not count');
  });

  it('releases on the day of a later negative test (day 8)', () => {
    expect(f0ReleaseDecision({ startDate: start, rapidTestNegativeOn: '2021-06-04', persistentSymptoms: false }, rule, '2021-06-04'))
      .toMatchObject({ releasable: true, earliestDate: '2021-06-04', basis: 'rapid_test' });
  });

  it('counts days when the test comes no earlier than day 10', () => {
    expect(f0ReleaseDecision({ startDate: start, rapidTestNegativeOn: '2021-06-08', persistentSymptoms: false }, rule, '2021-06-08'))
      .toMatchObject({ releasable: true, earliestDate: '2021-06-06', basis: 'days' });
  });

  it('counts 10 days without a test', () => {
    expect(f0ReleaseDecision({ startDate: start, rapidTestNegativeOn: null, persistentSymptoms: false }, rule, '2021-06-06'))
      .toMatchObject({ releasable: true, earliestDate: '2021-06-06', basis: 'days' });
  });

  it('counts 14 days when symptoms persist, whatever the rapid test', () => {
    const d = f0ReleaseDecision({ startDate: start, rapidTestNegativeOn: '2021-06-03', persistentSymptoms: true }, rule, '2021-06-09');
    expect(d).toMatchObject({ releasable: false, earliestDate: '2021-06-10', basis: 'persistent_symptoms' });
  });

  it('crosses a month and a year: start 2021-12-25, 10 days → 2022-01-03', () => {
    // Dec 25..31 are days 1..7, Jan 1..3 are days 8..10.
    expect(f0ReleaseDecision({ startDate: '2021-12-25', rapidTestNegativeOn: null, persistentSymptoms: false }, rule, '2022-01-03'))
      .toMatchObject({ releasable: true, earliestDate: '2022-01-03', basis: 'days' });
  });

  it('crosses the end of February: start 2022-02-25, 7 days → 2022-03-03', () => {
    // Feb 25..28 are days 1..4 (2022 is not a leap year), Mar 1..3 are days 5..7.
    expect(f0ReleaseDecision({ startDate: '2022-02-25', rapidTestNegativeOn: '2022-03-03', persistentSymptoms: false }, rule, '2022-03-03').earliestDate)
      .toBe('2022-03-03');
  });
});
