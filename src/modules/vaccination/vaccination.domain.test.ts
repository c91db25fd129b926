import { describe, expect, it } from 'vitest';
import { bornOnOrBefore, checkDose, coveragePercents, type DoseCandidate, VACCINE_RULE_VERSIONS, vaccineRuleFor } from './vaccination.domain.ts';

const rule = VACCINE_RULE_VERSIONS[0]!;
const required = new Map([['astrazeneca', 2], ['pfizer', 2], ['moderna', 2], ['verocell', 2], ['sputnik_v', 2], ['janssen', 1]]);
const az1 = [{ doseNumber: 1, productCode: 'astrazeneca', doseDate: '2021-03-10' }];
const dose = (over: Partial<DoseCandidate> = {}): DoseCandidate => ({ doseNumber: 2, productCode: 'astrazeneca', doseDate: '2021-05-05', lot: null, overrideReason: null, ...over });
const codes = (c: ReturnType<typeof checkDose>) => ({ errors: c.errors.map((e) => `${e.field}:${e.code}`), warnings: c.warnings.map((w) => w.code) });
const TODAY = '2021-06-10';

describe('dose intervals', () => {
  it('AstraZeneca: under 28 days refused, 28–55 needs a reason, 56–84 fine, later a note', () => {
    // 10/03 + 27 days = 06/04.
    expect(codes(checkDose(rule, required, az1, dose({ doseDate: '2021-04-06' }), TODAY)).errors).toEqual(['doseDate:TOO_EARLY_RULE']);
    const at28 = checkDose(rule, required, az1, dose({ doseDate: '2021-04-07' }), TODAY);
    expect(codes(at28)).toEqual({ errors: ['overrideReason:OVERRIDE_REASON_REQUIRED'], warnings: ['EARLY'] });
    const overridden = checkDose(rule, required, az1, dose({ doseDate: '2021-04-07', overrideReason: 'Đi công tác nước ngoài' }), TODAY);
    expect(codes(overridden)).toEqual({ errors: [], warnings: ['EARLY'] });
    expect(overridden.overridden).toBe(true);
    // 56 days: 05/05.
    expect(codes(checkDose(rule, required, az1, dose({ doseDate: '2021-05-04' }), TODAY)).warnings).toEqual(['EARLY']);
    expect(codes(checkDose(rule, required, az1, dose({ doseDate: '2021-05-05' }), TODAY))).toEqual({ errors: [], warnings: [] });
    // 84 days: 02/06; 85: a note, no error.
    expect(codes(checkDose(rule, required, az1, dose({ doseDate: '2021-06-02' }), TODAY))).toEqual({ errors: [], warnings: [] });
    expect(codes(checkDose(rule, required, az1, dose({ doseDate: '2021-06-03' }), TODAY))).toEqual({ errors: [], warnings: ['LATE'] });
  });

  it('Pfizer 21 days advised, 17 the minimum; Moderna 28', () => {
    const pf = [{ doseNumber: 1, productCode: 'pfizer', doseDate: '2021-05-01' }];
    expect(codes(checkDose(rule, required, pf, dose({ productCode: 'pfizer', doseDate: '2021-05-17' }), TODAY)).errors).toEqual(['doseDate:TOO_EARLY_RULE']);
    expect(codes(checkDose(rule, required, pf, dose({ productCode: 'pfizer', doseDate: '2021-05-18' }), TODAY)).warnings).toEqual(['EARLY']);
    expect(codes(checkDose(rule, required, pf, dose({ productCode: 'pfizer', doseDate: '2021-05-22' }), TODAY))).toEqual({ errors: [], warnings: [] });
    const md = [{ doseNumber: 1, productCode: 'moderna', doseDate: '2021-05-01' }];
    expect(codes(checkDose(rule, required, md, dose({ productCode: 'moderna', doseDate: '2021-05-28' }), TODAY)).warnings).toEqual(['EARLY']);
    expect(codes(checkDose(rule, required, md, dose({ productCode: 'moderna', doseDate: '2021-05-29' }), TODAY))).toEqual({ errors: [], warnings: [] });
  });

  it('refuses a wrong order, a future date, an expired or foreign lot, a mix the rule does not allow', () => {
    expect(codes(checkDose(rule, required, [], dose({ doseNumber: 2 }), TODAY)).errors).toEqual(['doseNumber:DOSE_ORDER']);
    expect(codes(checkDose(rule, required, az1, dose({ doseNumber: 1 }), TODAY)).errors).toEqual(['doseNumber:DOSE_EXISTS']);
    expect(codes(checkDose(rule, required, [], dose({ doseNumber: 1, doseDate: '2021-06-11' }), TODAY)).errors).toEqual(['doseDate:FUTURE']);
    const lot = { productCode: 'astrazeneca', expiryDate: '2021-05-31', lotNumber: 'AZ1' };
    expect(codes(checkDose(rule, required, [], dose({ doseNumber: 1, doseDate: '2021-06-01', lot }), TODAY)).errors).toEqual(['lotId:LOT_EXPIRED']);
    expect(codes(checkDose(rule, required, [], dose({ doseNumber: 1, doseDate: '2021-05-31', lot }), TODAY)).errors).toEqual([]);
    expect(codes(checkDose(rule, required, [], dose({ doseNumber: 1, productCode: 'pfizer', doseDate: '2021-05-31', lot }), TODAY)).errors).toEqual(['lotId:LOT_PRODUCT']);
    expect(codes(checkDose(rule, required, az1, dose({ productCode: 'verocell', doseDate: '2021-05-10' }), TODAY)).errors).toEqual(['productCode:PRODUCT_MIX']);
    expect(codes(checkDose(rule, required, az1, dose({ productCode: 'pfizer', doseDate: '2021-05-10' }), TODAY)).errors).toEqual([]);
  });

  it('an additional dose after a full course waits the booster interval (Janssen: one dose is the course)', () => {
    const j = [{ doseNumber: 1, productCode: 'janssen', doseDate: '2021-03-01' }];
    expect(codes(checkDose({ ...rule, allowedMixes: [['janssen', 'pfizer']] }, required, j, dose({ productCode: 'pfizer', doseDate: '2021-05-29' }), TODAY)).errors).toEqual(['doseDate:TOO_EARLY_RULE']);
    expect(codes(checkDose({ ...rule, allowedMixes: [['janssen', 'pfizer']] }, required, j, dose({ productCode: 'pfizer', doseDate: '2021-05-30' }), TODAY)).errors).toEqual([]);
  });

  it('takes the version in force on the dose date', () => {
    const later = { ...rule, code: 'X', effectiveFrom: '2021-07-01', intervals: { ...rule.intervals, astrazeneca: { minDays: 56, recommendedDays: 56, maxDays: 84 } } };
    expect(vaccineRuleFor([rule, later], '2021-06-30').code).toBe('BYT-2021');
    expect(vaccineRuleFor([rule, later], '2021-07-01').code).toBe('X');
    expect(vaccineRuleFor([rule, later], '2020-01-01').code).toBe('BYT-2021');
  });
});

describe('age cut-offs and percentages', () => {
  it('the birthday on the day counts; 29 February falls back to 28', () => {
    expect(bornOnOrBefore('2021-06-10', 18)).toBe('2003-06-10');
    expect(bornOnOrBefore('2021-02-28', 65)).toBe('1956-02-28');
    expect(bornOnOrBefore('2024-02-29', 3)).toBe('2021-02-28');
  });
  it('gives exact percentages (70 of 100 is 70, not 69.999…) and null without people', () => {
    const p = coveragePercents({ population: 10, populationOneDose: 7, populationFull: 3, adults: 10, adultsOneDose: 7, over50: 0, over50Full: 0, over65: 3, over65Full: 1 });
    expect(p.adultsOneDose).toBe(70);
    expect(p.over50Full).toBeNull();
    expect(p.populationFull).toBe(30);
  });
});
