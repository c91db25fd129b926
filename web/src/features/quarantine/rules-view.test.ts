import { describe, expect, it } from 'vitest';
import { quarantinePaths, tabFromParams } from './quarantine-api.ts';
import {
  f0ReleaseRuleBody,
  f0ReleaseRuleFieldOf,
  parseTestDays,
  quarantineRuleBody,
  quarantineRuleFieldOf,
  type QuarantineRuleDraft,
  repeatsF1Issue,
  sameTerms,
  sortedByEffectiveDate,
  termsText,
  testDaysText,
  versionInForce,
  versionState,
} from './rules-view.ts';

const v = (code: string, effectiveFrom: string) => ({ code, effectiveFrom });
// The server's order: built-in versions first, then the province's by date.
const versions = [v('qd878-2020', '2020-03-12'), v('cd600-2021-05', '2021-05-05'), v('cv5599-2021-07', '2021-07-14'), v('bg-2021-06', '2021-06-01'), v('bg-2021-07', '2021-07-14')];

describe('the rules tab', () => {
  it('is kept in ?tab=rules and reads the registry', () => {
    expect(tabFromParams(new URLSearchParams('tab=rules'))).toBe('rules');
    expect([quarantinePaths.rules, quarantinePaths.quarantineRules, quarantinePaths.f0ReleaseRules]).toEqual(['/api/rules', '/api/rules/quarantine', '/api/rules/f0-release']);
  });
});

describe('versions over time', () => {
  it('sorts by effective date, keeping the server order of versions of the same date', () => {
    expect(sortedByEffectiveDate(versions).map((x) => x.code)).toEqual(['qd878-2020', 'cd600-2021-05', 'bg-2021-06', 'cv5599-2021-07', 'bg-2021-07']);
    expect(versions[3]?.code).toBe('bg-2021-06');
  });

  it('finds the latest version effective on or before the day, none before the first', () => {
    expect(versionInForce(versions, '2021-06-30')?.code).toBe('bg-2021-06');
    expect(versionInForce(versions, '2021-05-05')?.code).toBe('cd600-2021-05');
    expect(versionInForce(versions, '2021-05-04')?.code).toBe('qd878-2020');
    expect(versionInForce(versions, '2020-03-11')).toBeNull();
  });

  it('breaks a tie on the date as the server does: the version listed later applies', () => {
    expect(versionInForce(versions, '2021-08-01')?.code).toBe('bg-2021-07');
  });

  it('tells the version in force from upcoming and superseded ones', () => {
    const inForce = versionInForce(versions, '2021-06-30');
    expect(versionState(versions[3]!, inForce, '2021-06-30')).toBe('in_force');
    expect(versionState(versions[2]!, inForce, '2021-06-30')).toBe('upcoming');
    expect(versionState(versions[1]!, inForce, '2021-06-30')).toBe('superseded');
  });
});

describe('terms as text', () => {
  const words = { stay: (n: number) => `${n} ngày`, tests: (d: string) => `XN ngày ${d}`, home: (n: number) => `theo dõi tại nhà ${n} ngày` };

  it('joins the stay, the test days in order and the home monitoring', () => {
    expect(termsText({ centralizedDays: 21, testDays: [20, 1, 14], homeMonitoringDays: 7 }, words)).toBe('21 ngày · XN ngày 1, 14, 20 · theo dõi tại nhà 7 ngày');
    expect(termsText({ centralizedDays: 7, testDays: [1, 7], homeMonitoringDays: 0 }, words)).toBe('7 ngày · XN ngày 1, 7');
  });

  it('compares terms whatever the order of their test days', () => {
    expect(sameTerms({ centralizedDays: 14, testDays: [14, 1], homeMonitoringDays: 7 }, { centralizedDays: 14, testDays: [1, 14], homeMonitoringDays: 7 })).toBe(true);
    expect(sameTerms({ centralizedDays: 14, testDays: [1, 14], homeMonitoringDays: 7 }, { centralizedDays: 14, testDays: [1, 7, 14], homeMonitoringDays: 7 })).toBe(false);
    expect(testDaysText([10, 2])).toBe('2, 10');
  });
});

describe('test days typed as text', () => {
  it('reads comma- or semicolon-separated day numbers, in order, ignoring blanks', () => {
    expect(parseTestDays('1, 7, 14')).toEqual({ days: [1, 7, 14], error: null });
    expect(parseTestDays(' 14;1 ,7, ')).toEqual({ days: [1, 7, 14], error: null });
  });

  it('refuses nothing, pieces that are not day numbers and repeated days, naming the piece', () => {
    expect(parseTestDays(' , ')).toEqual({ days: [], error: 'empty' });
    expect(parseTestDays('1, bảy, 14')).toMatchObject({ error: 'not_a_day', token: 'bảy' });
    expect(parseTestDays('1, 7 14')).toMatchObject({ error: 'not_a_day', token: '7 14' });
    expect(parseTestDays('1.5')).toMatchObject({ error: 'not_a_day', token: '1.5' });
    expect(parseTestDays('0, 7')).toMatchObject({ error: 'not_a_day', token: '0' });
    expect(parseTestDays('-1')).toMatchObject({ error: 'not_a_day', token: '-1' });
    expect(parseTestDays('1, 7, 1')).toMatchObject({ error: 'repeated', token: '1' });
  });
});

const header = { code: ' bg-2021-08 ', document: ' Quyết định 1234/QĐ-UBND ', nameVi: ' Quy định tỉnh ', nameEn: 'Province rule ', effectiveFrom: '2021-08-01' };

describe('the bodies of the POSTs', () => {
  const draft: QuarantineRuleDraft = { ...header, f1CentralizedDays: 10, f1TestDays: '10, 1, 5', f1HomeMonitoringDays: 0 };

  it('sends the trimmed header and the F1 terms, leaving closed sections to the server defaults', () => {
    expect(quarantineRuleBody({ ...draft, ownVaccinated: false, vaccinatedCentralizedDays: 7, vaccinatedTestDays: '1, 7' })).toEqual({
      code: 'bg-2021-08',
      document: 'Quyết định 1234/QĐ-UBND',
      name: { vi: 'Quy định tỉnh', en: 'Province rule' },
      effectiveFrom: '2021-08-01',
      f1: { centralizedDays: 10, testDays: [1, 5, 10], homeMonitoringDays: 0 },
    });
  });

  it('sends the open sections', () => {
    const body = quarantineRuleBody({
      ...draft,
      ownVaccinated: true,
      vaccinatedCentralizedDays: 7,
      vaccinatedTestDays: '1, 7',
      vaccinatedHomeMonitoringDays: 7,
      ownReturning: true,
      returningCentralizedDays: 14,
      returningTestDays: '1;14',
      returningHomeMonitoringDays: 14,
      ownScreening: true,
      screeningHigh: 1,
      screeningMedium: 2,
      screeningLow: 5,
    });
    expect(body.f1VaccinatedOrRecovered).toEqual({ centralizedDays: 7, testDays: [1, 7], homeMonitoringDays: 7 });
    expect(body.returningCitizen).toEqual({ centralizedDays: 14, testDays: [1, 14], homeMonitoringDays: 14 });
    expect(body.screeningIntervalDays).toEqual({ high: 1, medium: 2, low: 5 });
  });

  it('never turns a missing number into 0 (the server names the field instead)', () => {
    const body = quarantineRuleBody({ ...draft, f1HomeMonitoringDays: null });
    expect(JSON.parse(JSON.stringify(body)).f1.homeMonitoringDays).toBeNull();
  });

  it('sends the three days of an F0 release version', () => {
    expect(f0ReleaseRuleBody({ ...header, daysWithNegativeRapidTest: 7, daysWithoutTest: 10, daysWithPersistentSymptoms: 14 })).toEqual({
      code: 'bg-2021-08',
      document: 'Quyết định 1234/QĐ-UBND',
      name: { vi: 'Quy định tỉnh', en: 'Province rule' },
      effectiveFrom: '2021-08-01',
      daysWithNegativeRapidTest: 7,
      daysWithoutTest: 10,
      daysWithPersistentSymptoms: 14,
    });
  });
});

describe("the server's issues on the forms", () => {
  it('puts quarantine issues under the header, terms and screening fields, by rule path or schema path', () => {
    const fieldOf = quarantineRuleFieldOf({ ownVaccinated: true, ownReturning: true, ownScreening: true });
    expect(fieldOf('code')).toBe('code');
    expect(fieldOf('effectiveFrom')).toBe('effectiveFrom');
    expect(fieldOf('name')).toBe('nameVi');
    expect(fieldOf('name.en')).toBe('nameEn');
    expect(fieldOf('f1/centralizedDays')).toBe('f1CentralizedDays');
    expect(fieldOf('f1/testDays')).toBe('f1TestDays');
    expect(fieldOf('f1.testDays.2')).toBe('f1TestDays');
    expect(fieldOf('f1VaccinatedOrRecovered/testDays')).toBe('vaccinatedTestDays');
    expect(fieldOf('returningCitizen/homeMonitoringDays')).toBe('returningHomeMonitoringDays');
    expect(fieldOf('screeningIntervalDays/high')).toBe('screeningHigh');
    expect(fieldOf('f1/unknown')).toBeUndefined();
    expect(fieldOf('f1')).toBeUndefined();
    expect(fieldOf('(body)')).toBeUndefined();
  });

  it('shows no issue under a closed section, and drops the vaccinated ones that repeat F1', () => {
    const closed = {};
    const fieldOf = quarantineRuleFieldOf(closed);
    expect(fieldOf('f1/testDays')).toBe('f1TestDays');
    expect(fieldOf('f1VaccinatedOrRecovered/testDays')).toBeUndefined();
    expect(fieldOf('returningCitizen/testDays')).toBeUndefined();
    expect(fieldOf('screeningIntervalDays/low')).toBeUndefined();
    expect(repeatsF1Issue({ field: 'f1VaccinatedOrRecovered/testDays' }, closed)).toBe(true);
    expect(repeatsF1Issue({ field: 'returningCitizen/testDays' }, closed)).toBe(false);
    expect(repeatsF1Issue({ field: 'f1VaccinatedOrRecovered/testDays' }, { ownVaccinated: true })).toBe(false);
  });

  it('puts F0 release issues under the header and day fields', () => {
    expect(f0ReleaseRuleFieldOf('code')).toBe('code');
    expect(f0ReleaseRuleFieldOf('name')).toBe('nameVi');
    expect(f0ReleaseRuleFieldOf('daysWithoutTest')).toBe('daysWithoutTest');
    expect(f0ReleaseRuleFieldOf('f1/testDays')).toBeUndefined();
  });
});
