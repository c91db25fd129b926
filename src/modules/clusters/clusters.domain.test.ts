import { describe, expect, it } from 'vitest';
import { clusterStateAsOf, commonAreaOf, isCalendarDate, type PlaceCase, suggestClusters, validateClusterFields } from './clusters.domain.ts';

describe('rules (pure)', () => {
  it('is active while a case was confirmed within controlDays, controlled from lastCaseDate + controlDays', () => {
    const c = { firstCaseDate: '2021-05-01', lastCaseDate: '2021-05-06', controlDays: 14 };
    expect(clusterStateAsOf(c, '2021-05-19')).toEqual({ status: 'active', controlledOn: null, daysToControl: null, ageDays: 18 });
    expect(clusterStateAsOf(c, '2021-05-20')).toEqual({ status: 'controlled', controlledOn: '2021-05-20', daysToControl: 19, ageDays: 19 });
    expect(clusterStateAsOf({ ...c, controlDays: 7 }, '2021-05-13')).toMatchObject({ status: 'controlled', controlledOn: '2021-05-13', daysToControl: 12 });
    expect(clusterStateAsOf({ firstCaseDate: null, lastCaseDate: null, controlDays: 14 }, '2021-05-20')).toEqual({
      status: 'active', controlledOn: null, daysToControl: null, ageDays: null,
    });
  });

  it('counts across month ends in calendar days', () => {
    expect(clusterStateAsOf({ firstCaseDate: '2021-01-25', lastCaseDate: '2021-02-20', controlDays: 10 }, '2021-03-02')).toMatchObject({
      status: 'controlled', controlledOn: '2021-03-02', daysToControl: 36,
    });
  });

  it.each([
    [{ name: '   ' }, 'name'],
    [{ controlDays: 0 }, 'controlDays'],
    [{ controlDays: 61 }, 'controlDays'],
    [{ controlDays: 2.5 }, 'controlDays'],
  ])('rejects %j naming the field', (input, field) => {
    const v = validateClusterFields(input);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => i.field)).toEqual([field]);
  });

  it('tells real calendar dates from impossible ones', () => {
    expect(isCalendarDate('2021-02-28')).toBe(true);
    expect(isCalendarDate('2021-02-29')).toBe(false);
    expect(isCalendarDate('2021-13-01')).toBe(false);
  });

  it('accepts 1 and 60 control days and squeezes spaces in the name', () => {
    expect(validateClusterFields({ name: '  Ổ dịch   Công ty A ', controlDays: 1 })).toEqual({ ok: true, value: { name: 'Ổ dịch Công ty A', controlDays: 1 } });
    expect(validateClusterFields({ controlDays: 60 }).ok).toBe(true);
  });

  it('places a case-derived cluster in the commune or district its cases share', () => {
    const vt = { district_code: '222', commune_code: '07801' };
    expect(commonAreaOf([vt, vt])).toEqual(vt);
    expect(commonAreaOf([vt, { district_code: '222', commune_code: '07807' }])).toEqual({ district_code: '222', commune_code: null });
    expect(commonAreaOf([vt, { district_code: '213', commune_code: '07201' }])).toEqual({ district_code: null, commune_code: null });
  });

  const pc = (caseId: number, date: string, placeId = '1'): PlaceCase => ({
    placeKind: 'enterprise', placeId, placeName: `Công ty ${placeId}`, orgUnitId: Number(placeId), communeCode: '07801',
    caseId, caseCode: `BN${caseId}`, confirmationDate: date,
  });

  it('chains cases of one place confirmed within 14 days of the previous one', () => {
    const s = suggestClusters([pc(1, '2021-05-01'), pc(2, '2021-05-15'), pc(3, '2021-05-30'), pc(4, '2021-06-01'), pc(5, '2021-07-01'), pc(6, '2021-05-02', '2')], new Map());
    expect(s.map((x) => x.caseIds)).toEqual([[3, 4], [1, 2]]);
    expect(s[1]).toMatchObject({ key: 'enterprise:1:2021-05-01', firstCaseDate: '2021-05-01', caseCodes: ['BN1', 'BN2'], name: 'Công ty 1' });
  });

  it('drops a group only when one cluster already holds all of its cases', () => {
    const cases = [pc(1, '2021-05-01'), pc(2, '2021-05-03'), pc(3, '2021-05-04')];
    expect(suggestClusters(cases, new Map([[1, [7]], [2, [7, 8]], [3, [7]]]))).toEqual([]);
    expect(suggestClusters(cases, new Map([[1, [7]], [2, [7]], [3, [8]]]))[0]!.caseIds).toEqual([1, 2, 3]);
  });
});
