import { describe, expect, it } from 'vitest';
import {
  QUARANTINE_RULE_VERSIONS, type QuarantinePlan, type QuarantineRuleVersion, quarantinePlanFor, releaseBlocker, releaseDecision,
  RISK_GROUP_LABELS, RISK_GROUPS, type RiskGroup, ruleVersionByCode, ruleVersionInForce, SCREENING_INTERVAL_DAYS, termsFor,
  type TestResultFact, testsDueOn,
} from './quarantine.rules.ts';

// Every expected date below was counted by hand on a calendar.

function rule(code: string): QuarantineRuleVersion {
  const r = ruleVersionByCode(code);
  if (!r) throw new Error(`no rule ${code}`);
  return r;
}
const QD878 = rule('qd878-2020');
const CD600 = rule('cd600-2021-05');
const CV5599 = rule('cv5599-2021-07');
const CV10696 = rule('cv10696-2021-12');

const f1 = (startDate: string, vaccinatedOrRecovered = false) => ({ startDate, subject: 'f1' as const, vaccinatedOrRecovered });
const neg = (sampledOn: string): TestResultFact => ({ sampledOn, result: 'negative' });
const pos = (sampledOn: string): TestResultFact => ({ sampledOn, result: 'positive' });
const pending = (sampledOn: string): TestResultFact => ({ sampledOn, result: 'pending' });

/** The plan fields worth comparing, in one object so a failure shows them all. */
const dates = (p: QuarantinePlan) => ({ lastDay: p.lastDay, releaseDate: p.releaseDate, testDates: p.testDates, home: [p.homeMonitoringFrom, p.homeMonitoringUntil] });

describe('rule versions', () => {
  it('are sorted by effective date, with unique codes and test days inside the stay', () => {
    const from = QUARANTINE_RULE_VERSIONS.map((v) => v.effectiveFrom);
    expect(from).toEqual(['2020-03-12', '2021-05-05', '2021-07-14', '2021-12-16']);
    expect(new Set(QUARANTINE_RULE_VERSIONS.map((v) => v.code)).size).toBe(4);
    for (const v of QUARANTINE_RULE_VERSIONS) {
      for (const t of [v.f1, v.f1VaccinatedOrRecovered, v.returningCitizen]) {
        expect(t.testDays[0]).toBe(1);
        for (const k of t.testDays) expect(k >= 1 && k <= t.centralizedDays).toBe(true);
      }
    }
  });

  it('carry the terms of each document', () => {
    expect(CD600.document).toBe('Công điện 600/CĐ-BCĐ');
    expect(CD600.f1).toEqual({ centralizedDays: 21, testDays: [1, 14, 20], homeMonitoringDays: 7 });
    expect(CV5599.f1).toEqual({ centralizedDays: 14, testDays: [1, 7, 14], homeMonitoringDays: 14 });
    expect(CV10696.f1).toEqual({ centralizedDays: 10, testDays: [1, 10], homeMonitoringDays: 7 });
    expect(CV10696.f1VaccinatedOrRecovered).toEqual({ centralizedDays: 7, testDays: [1, 7], homeMonitoringDays: 7 });
    expect(QD878.f1).toEqual({ centralizedDays: 14, testDays: [1, 14], homeMonitoringDays: 14 });
  });

  it('give returning citizens 14 days, tests on days 1, 7, 14 and 7 days at home in every version', () => {
    for (const v of QUARANTINE_RULE_VERSIONS) {
      for (const vaccinatedOrRecovered of [false, true]) {
        expect(termsFor(v, { subject: 'returning_citizen', vaccinatedOrRecovered })).toEqual({ centralizedDays: 14, testDays: [1, 7, 14], homeMonitoringDays: 7 });
      }
    }
  });

  it('make no vaccination distinction before 10696, and give F2 no terms', () => {
    expect(termsFor(CV5599, { subject: 'f1', vaccinatedOrRecovered: true })).toEqual(CV5599.f1);
    expect(termsFor(CV10696, { subject: 'f1', vaccinatedOrRecovered: true })?.centralizedDays).toBe(7);
    expect(termsFor(CV10696, { subject: 'f1', vaccinatedOrRecovered: false })?.centralizedDays).toBe(10);
    for (const v of QUARANTINE_RULE_VERSIONS) expect(termsFor(v, { subject: 'f2', vaccinatedOrRecovered: false })).toBeNull();
  });

  it('labels the risk groups in Vietnamese and screens every 2, 3, 4 days', () => {
    expect(RISK_GROUPS).toEqual(['high', 'medium', 'low']);
    expect(RISK_GROUPS.map((g) => RISK_GROUP_LABELS[g].vi)).toEqual(['Nguy cơ cao', 'Nguy cơ trung bình', 'Nguy cơ thấp']);
    expect(SCREENING_INTERVAL_DAYS).toEqual({ high: 2, medium: 3, low: 4 });
  });
});

describe('ruleVersionInForce', () => {
  it.each([
    ['2019-12-31', null],
    ['2020-03-11', null],
    ['2020-03-12', 'qd878-2020'],
    ['2021-05-04', 'qd878-2020'],
    ['2021-05-05', 'cd600-2021-05'],
    ['2021-07-13', 'cd600-2021-05'],
    ['2021-07-14', 'cv5599-2021-07'],
    ['2021-12-15', 'cv5599-2021-07'],
    ['2021-12-16', 'cv10696-2021-12'],
    ['2023-01-01', 'cv10696-2021-12'],
  ])('on %s is %s', (date, code) => {
    expect(ruleVersionInForce(date)?.code ?? null).toBe(code);
  });

  it('takes the latest effective version from an unsorted list', () => {
    const list = [CV5599, QD878, CD600];
    expect(ruleVersionInForce('2021-08-01', list)?.code).toBe('cv5599-2021-07');
    expect(ruleVersionInForce('2021-06-01', list)?.code).toBe('cd600-2021-05');
  });

  it('refuses a date that is not on the calendar', () => {
    expect(() => ruleVersionInForce('2021-02-30')).toThrow(RangeError);
    expect(() => ruleVersionInForce('30/05/2021')).toThrow(RangeError);
  });

  it('finds a version by code, or null', () => {
    expect(ruleVersionByCode('cv5599-2021-07')?.document).toBe('Công văn 5599/BYT-MT');
    expect(ruleVersionByCode('nope')).toBeNull();
  });
});

describe('quarantinePlanFor: F1 dates', () => {
  it.each([
    // QĐ 878: 14 days, tests 1 and 14, 14 days home.
    ['qd878 normal', QD878, '2020-04-01', '2020-04-14', ['2020-04-01', '2020-04-14'], ['2020-04-15', '2020-04-28']],
    ['qd878 month end', QD878, '2020-03-20', '2020-04-02', ['2020-03-20', '2020-04-02'], ['2020-04-03', '2020-04-16']],
    ['qd878 year end', QD878, '2020-12-25', '2021-01-07', ['2020-12-25', '2021-01-07'], ['2021-01-08', '2021-01-21']],
    ['qd878 leap February', QD878, '2024-02-20', '2024-03-04', ['2024-02-20', '2024-03-04'], ['2024-03-05', '2024-03-18']],
    // CĐ 600: 21 days, tests 1, 14, 20, 7 days home.
    ['cd600 normal', CD600, '2021-05-05', '2021-05-25', ['2021-05-05', '2021-05-18', '2021-05-24'], ['2021-05-26', '2021-06-01']],
    ['cd600 month end', CD600, '2021-05-25', '2021-06-14', ['2021-05-25', '2021-06-07', '2021-06-13'], ['2021-06-15', '2021-06-21']],
    ['cd600 year end', CD600, '2021-12-20', '2022-01-09', ['2021-12-20', '2022-01-02', '2022-01-08'], ['2022-01-10', '2022-01-16']],
    // 5599: 14 days, tests 1, 7, 14, 14 days home.
    ['cv5599 normal', CV5599, '2021-07-14', '2021-07-27', ['2021-07-14', '2021-07-20', '2021-07-27'], ['2021-07-28', '2021-08-10']],
    ['cv5599 month end', CV5599, '2021-08-25', '2021-09-07', ['2021-08-25', '2021-08-31', '2021-09-07'], ['2021-09-08', '2021-09-21']],
    ['cv5599 year end', CV5599, '2021-12-25', '2022-01-07', ['2021-12-25', '2021-12-31', '2022-01-07'], ['2022-01-08', '2022-01-21']],
    // 10696, not vaccinated: 10 days, tests 1 and 10, 7 days home.
    ['cv10696 normal', CV10696, '2021-12-16', '2021-12-25', ['2021-12-16', '2021-12-25'], ['2021-12-26', '2022-01-01']],
    ['cv10696 month end', CV10696, '2022-01-27', '2022-02-05', ['2022-01-27', '2022-02-05'], ['2022-02-06', '2022-02-12']],
    ['cv10696 year end', CV10696, '2021-12-28', '2022-01-06', ['2021-12-28', '2022-01-06'], ['2022-01-07', '2022-01-13']],
  ])('%s', (_name, r, start, lastDay, testDates, home) => {
    const plan = quarantinePlanFor(f1(start), r);
    expect(plan.ruleCode).toBe(r.code);
    expect(plan.startDate).toBe(start);
    expect(dates(plan)).toEqual({ lastDay, releaseDate: lastDay, testDates, home });
  });

  it.each([
    // 10696, vaccinated or recovered: 7 days, tests 1 and 7, 7 days home.
    ['normal', '2021-12-16', '2021-12-22', ['2021-12-16', '2021-12-22'], ['2021-12-23', '2021-12-29']],
    ['month end', '2022-01-27', '2022-02-02', ['2022-01-27', '2022-02-02'], ['2022-02-03', '2022-02-09']],
    ['year end', '2021-12-28', '2022-01-03', ['2021-12-28', '2022-01-03'], ['2022-01-04', '2022-01-10']],
  ])('cv10696 vaccinated or recovered, %s', (_name, start, lastDay, testDates, home) => {
    expect(dates(quarantinePlanFor(f1(start, true), CV10696))).toEqual({ lastDay, releaseDate: lastDay, testDates, home });
  });

  it('is the same for vaccinated F1 before 10696', () => {
    expect(dates(quarantinePlanFor(f1('2021-05-25', true), CD600)).lastDay).toBe('2021-06-14');
  });
});

describe('quarantinePlanFor: returning citizens and F2', () => {
  it('returning citizen under CĐ 600, across a month end', () => {
    const plan = quarantinePlanFor({ startDate: '2021-05-25', subject: 'returning_citizen', vaccinatedOrRecovered: false }, CD600);
    expect(dates(plan)).toEqual({
      lastDay: '2021-06-07', releaseDate: '2021-06-07',
      testDates: ['2021-05-25', '2021-05-31', '2021-06-07'],
      home: ['2021-06-08', '2021-06-14'],
    });
  });

  it('vaccinated returning citizen under 10696, across a year end', () => {
    const plan = quarantinePlanFor({ startDate: '2021-12-28', subject: 'returning_citizen', vaccinatedOrRecovered: true }, CV10696);
    expect(dates(plan)).toEqual({
      lastDay: '2022-01-10', releaseDate: '2022-01-10',
      testDates: ['2021-12-28', '2022-01-03', '2022-01-10'],
      home: ['2022-01-11', '2022-01-17'],
    });
  });

  it('returning citizen in a leap February', () => {
    const plan = quarantinePlanFor({ startDate: '2024-02-20', subject: 'returning_citizen', vaccinatedOrRecovered: false }, CV10696);
    expect(dates(plan)).toEqual({
      lastDay: '2024-03-04', releaseDate: '2024-03-04',
      testDates: ['2024-02-20', '2024-02-26', '2024-03-04'],
      home: ['2024-03-05', '2024-03-11'],
    });
  });

  it('F2 has no fixed dates', () => {
    const plan = quarantinePlanFor({ startDate: '2021-06-01', subject: 'f2', vaccinatedOrRecovered: false }, CD600);
    expect(plan).toEqual({
      ruleCode: 'cd600-2021-05', startDate: '2021-06-01', lastDay: null, releaseDate: null,
      testDates: [], homeMonitoringFrom: null, homeMonitoringUntil: null,
    });
  });

  it('sorts and de-duplicates test days, and leaves home monitoring empty when a rule has none', () => {
    const custom: QuarantineRuleVersion = { ...CV5599, code: 'custom', f1: { centralizedDays: 5, testDays: [5, 1, 5], homeMonitoringDays: 0 } };
    const plan = quarantinePlanFor(f1('2021-07-30'), custom);
    expect(dates(plan)).toEqual({ lastDay: '2021-08-03', releaseDate: '2021-08-03', testDates: ['2021-07-30', '2021-08-03'], home: [null, null] });
  });

  it('refuses a start that is not a calendar date', () => {
    expect(() => quarantinePlanFor(f1('2021-06-31'), CD600)).toThrow(RangeError);
  });
});

describe('testsDueOn', () => {
  // 5599 from 2021-07-14: days 1..14 = 07-14..07-27; rule days 1, 7, 14 = 07-14, 07-20, 07-27.
  const plan = quarantinePlanFor(f1('2021-07-14'), CV5599);
  const july = (d: number) => `2021-07-${String(d).padStart(2, '0')}`;
  const dueDates = (g: RiskGroup) => Array.from({ length: 16 }, (_, i) => july(13 + i)).filter((d) => testsDueOn(plan, g, d).length > 0);

  it.each([
    // high: days 1,3,5,...,13 + rule day 14.
    ['high', ['2021-07-14', '2021-07-16', '2021-07-18', '2021-07-20', '2021-07-22', '2021-07-24', '2021-07-26', '2021-07-27']],
    // medium: days 1,4,7,10,13 + rule day 14.
    ['medium', ['2021-07-14', '2021-07-17', '2021-07-20', '2021-07-23', '2021-07-26', '2021-07-27']],
    // low: days 1,5,9,13 + rule days 7, 14.
    ['low', ['2021-07-14', '2021-07-18', '2021-07-20', '2021-07-22', '2021-07-26', '2021-07-27']],
  ] as const)('%s risk: screening cycle merged with rule days, nothing outside the stay', (group, expected) => {
    expect(dueDates(group)).toEqual(expected);
  });

  it('gives every reason for the day, rule day first', () => {
    expect(testsDueOn(plan, 'medium', '2021-07-14').map((t) => [t.reason, t.day])).toEqual([['rule_day', 1], ['screening_cycle', 1]]);
    expect(testsDueOn(plan, 'medium', '2021-07-20').map((t) => [t.reason, t.day])).toEqual([['rule_day', 7], ['screening_cycle', 7]]);
    expect(testsDueOn(plan, 'low', '2021-07-20').map((t) => [t.reason, t.day])).toEqual([['rule_day', 7]]);
    expect(testsDueOn(plan, 'low', '2021-07-22').map((t) => [t.reason, t.day])).toEqual([['screening_cycle', 9]]);
    expect(testsDueOn(plan, 'high', '2021-07-27').map((t) => [t.reason, t.day])).toEqual([['rule_day', 14]]);
  });

  it('labels the reasons in Vietnamese and English', () => {
    const [rule, screening] = testsDueOn(plan, 'high', '2021-07-20');
    expect(rule?.label).toEqual({ vi: 'Xét nghiệm theo quy định, ngày thứ 7', en: 'Required test, day 7' });
    expect(screening?.label).toEqual({ vi: 'Sàng lọc định kỳ 2 ngày/lần (nguy cơ cao), ngày thứ 7', en: 'Screening every 2 days (high risk), day 7' });
  });

  it('counts days across a month end and stops after the last day', () => {
    // CĐ 600 from 2021-05-25: day 9 = 06-02, day 21 = 06-14 (last day), 06-15 would be day 22.
    const may = quarantinePlanFor(f1('2021-05-25'), CD600);
    expect(testsDueOn(may, 'high', '2021-06-02').map((t) => [t.reason, t.day])).toEqual([['screening_cycle', 9]]);
    expect(testsDueOn(may, 'high', '2021-06-07').map((t) => [t.reason, t.day])).toEqual([['rule_day', 14]]);
    expect(testsDueOn(may, 'high', '2021-06-14').map((t) => [t.reason, t.day])).toEqual([['screening_cycle', 21]]);
    expect(testsDueOn(may, 'high', '2021-06-15')).toEqual([]);
    expect(testsDueOn(may, 'high', '2021-05-24')).toEqual([]);
  });

  it('has nothing due for an F2', () => {
    const f2 = quarantinePlanFor({ startDate: '2021-06-01', subject: 'f2', vaccinatedOrRecovered: false }, CD600);
    expect(testsDueOn(f2, 'high', '2021-06-01')).toEqual([]);
  });
});

describe('releaseDecision: F1 and returning citizens', () => {
  // CĐ 600 from 2021-05-25: release 2021-06-14, tests 2021-05-25, 2021-06-07, 2021-06-13.
  const plan = quarantinePlanFor(f1('2021-05-25'), CD600);
  const allNegative = [neg('2021-05-25'), neg('2021-06-07'), neg('2021-06-13')];

  it('not_yet before the release date, whatever the results', () => {
    const d = releaseDecision(plan, 'f1', allNegative, '2021-06-13');
    expect(d).toMatchObject({ status: 'not_yet', releaseDate: '2021-06-14' });
    expect(releaseBlocker(d)).toEqual({ vi: 'Chưa đến ngày hoàn thành cách ly (14/06/2021)', en: 'Quarantine does not end before 14/06/2021' });
    expect(releaseDecision(plan, 'f1', [], '2021-06-01').status).toBe('not_yet');
  });

  it('due on the release date, and after it, with every required test negative', () => {
    expect(releaseDecision(plan, 'f1', allNegative, '2021-06-14')).toEqual({ status: 'due', releaseDate: '2021-06-14' });
    expect(releaseDecision(plan, 'f1', allNegative, '2021-06-20')).toEqual({ status: 'due', releaseDate: '2021-06-14' });
    expect(releaseBlocker(releaseDecision(plan, 'f1', allNegative, '2021-06-14'))).toBeNull();
  });

  it('held when a required test has no sample', () => {
    const d = releaseDecision(plan, 'f1', [neg('2021-05-25'), neg('2021-06-13')], '2021-06-14');
    expect(d).toMatchObject({ status: 'held', releaseDate: '2021-06-14', missing: ['2021-06-07'] });
    expect(releaseBlocker(d)?.vi).toBe('Chưa đủ kết quả xét nghiệm âm tính bắt buộc: 07/06/2021 (chưa có mẫu)');
  });

  it('held while a required result is pending, listing every missing date', () => {
    const d = releaseDecision(plan, 'f1', [neg('2021-05-25'), pending('2021-06-13')], '2021-06-14');
    expect(d).toMatchObject({ status: 'held', missing: ['2021-06-07', '2021-06-13'] });
    expect(releaseBlocker(d)?.en).toBe('Required negative test results missing: 07/06/2021 (no sample), 13/06/2021 (result pending)');
  });

  it('accepts a sample taken one day late, even after the last day', () => {
    const late = [neg('2021-05-26'), neg('2021-06-08'), neg('2021-06-14')];
    expect(releaseDecision(plan, 'f1', late, '2021-06-14')).toEqual({ status: 'due', releaseDate: '2021-06-14' });
  });

  it('does not accept a sample two days late or one day early', () => {
    expect(releaseDecision(plan, 'f1', [neg('2021-05-25'), neg('2021-06-09'), neg('2021-06-13')], '2021-06-15'))
      .toMatchObject({ status: 'held', missing: ['2021-06-07'] });
    expect(releaseDecision(plan, 'f1', [neg('2021-05-25'), neg('2021-06-06'), neg('2021-06-13')], '2021-06-15'))
      .toMatchObject({ status: 'held', missing: ['2021-06-07'] });
  });

  it('positive on any result sampled from the start, before anything else', () => {
    const d = releaseDecision(plan, 'f1', [...allNegative, pos('2021-06-10'), pos('2021-06-01')], '2021-06-05');
    expect(d).toMatchObject({ status: 'positive', sampledOn: '2021-06-01' });
    expect(releaseBlocker(d)?.vi).toBe('Có kết quả xét nghiệm dương tính (mẫu lấy ngày 01/06/2021): chuyển quản lý như ca bệnh (F0)');
  });

  it('ignores a positive sampled before the start (an earlier episode)', () => {
    expect(releaseDecision(plan, 'f1', [pos('2021-03-01'), ...allNegative], '2021-06-14').status).toBe('due');
  });

  it('vaccinated F1 under 10696 is released across the year end', () => {
    // 2021-12-28 + 7 days: release 2022-01-03, tests 2021-12-28 and 2022-01-03.
    const p = quarantinePlanFor(f1('2021-12-28', true), CV10696);
    expect(releaseDecision(p, 'f1', [neg('2021-12-28')], '2022-01-02').status).toBe('not_yet');
    expect(releaseDecision(p, 'f1', [neg('2021-12-28')], '2022-01-03')).toMatchObject({ status: 'held', missing: ['2022-01-03'] });
    expect(releaseDecision(p, 'f1', [neg('2021-12-28'), neg('2022-01-04')], '2022-01-04')).toEqual({ status: 'due', releaseDate: '2022-01-03' });
  });

  it('returning citizen needs the day-7 test too', () => {
    // 2024-02-20: tests 02-20, 02-26, 03-04; release 03-04.
    const p = quarantinePlanFor({ startDate: '2024-02-20', subject: 'returning_citizen', vaccinatedOrRecovered: false }, CV5599);
    expect(releaseDecision(p, 'returning_citizen', [neg('2024-02-20'), neg('2024-03-04')], '2024-03-04'))
      .toMatchObject({ status: 'held', missing: ['2024-02-26'] });
    expect(releaseDecision(p, 'returning_citizen', [neg('2024-02-20'), neg('2024-02-27'), neg('2024-03-04')], '2024-03-04'))
      .toEqual({ status: 'due', releaseDate: '2024-03-04' });
  });

  it('refuses an F2 plan for an F1', () => {
    const f2 = quarantinePlanFor({ startDate: '2021-06-01', subject: 'f2', vaccinatedOrRecovered: false }, CD600);
    expect(() => releaseDecision(f2, 'f1', [], '2021-06-20')).toThrow(RangeError);
  });
});

describe('releaseDecision: F2', () => {
  const plan = quarantinePlanFor({ startDate: '2021-06-01', subject: 'f2', vaccinatedOrRecovered: false }, CD600);

  it('waits while the source F1 has no negative result from the F2 start', () => {
    for (const source of [[], [neg('2021-05-31')], [pending('2021-06-02')]]) {
      const d = releaseDecision(plan, 'f2', [], '2021-06-04', source);
      expect(d.status).toBe('waiting_for_source');
      expect(releaseBlocker(d)?.vi).toBe('Chưa có kết quả xét nghiệm âm tính của F1 nguồn');
    }
    expect(releaseDecision(plan, 'f2', [], '2021-06-04').status).toBe('waiting_for_source');
  });

  it('is due from the first negative source sample on or after the start', () => {
    const source = [neg('2021-05-30'), neg('2021-06-05'), neg('2021-06-03')];
    expect(releaseDecision(plan, 'f2', [], '2021-06-06', source)).toEqual({ status: 'due', releaseDate: '2021-06-03' });
    expect(releaseDecision(plan, 'f2', [], '2021-06-01', [neg('2021-06-01')])).toEqual({ status: 'due', releaseDate: '2021-06-01' });
  });

  it('never puts the release date after today', () => {
    expect(releaseDecision(plan, 'f2', [], '2021-06-02', [neg('2021-06-03')])).toEqual({ status: 'due', releaseDate: '2021-06-02' });
  });

  it('keeps waiting when the source F1 tested positive', () => {
    const d = releaseDecision(plan, 'f2', [], '2021-06-06', [neg('2021-06-01'), pos('2021-06-04')]);
    expect(d.status).toBe('waiting_for_source');
    expect(releaseBlocker(d)?.vi).toContain('F1 nguồn có kết quả dương tính (mẫu lấy ngày 04/06/2021)');
  });

  it('is positive when the F2 itself tests positive', () => {
    expect(releaseDecision(plan, 'f2', [pos('2021-06-02')], '2021-06-06', [neg('2021-06-01')]))
      .toMatchObject({ status: 'positive', sampledOn: '2021-06-02' });
  });
});

describe('screening intervals of a configured rule version', () => {
  it('screens on the version\'s cycle instead of 2/3/4 days', () => {
    const rule = ruleVersionByCode('cv5599-2021-07')!;
    const plan = quarantinePlanFor({ startDate: '2021-07-30', subject: 'f1', vaccinatedOrRecovered: false }, rule);
    // Day 6 is 04/08/2021: not a 4-day screening day for low risk, but a 5-day one.
    expect(testsDueOn(plan, 'low', '2021-08-04')).toEqual([]);
    expect(testsDueOn(plan, 'low', '2021-08-04', { high: 2, medium: 3, low: 5 }).map((d) => d.reason)).toEqual(['screening_cycle']);
  });
});

describe('two versions from the same day', () => {
  it('applies the one listed later (a province version beside a built-in one)', () => {
    const builtIn = ruleVersionByCode('cv5599-2021-07')!;
    const province = { ...builtIn, code: 'bg-2021-07-14' };
    expect(ruleVersionInForce('2021-07-20', [...QUARANTINE_RULE_VERSIONS, province])?.code).toBe('bg-2021-07-14');
  });
});
