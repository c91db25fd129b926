import { describe, expect, it } from 'vitest';
import { amendBody, amendChangesSomething, amendFieldOf, amendInitialOf, isAmendable, ruleApplies, sourceCompleteness } from './order-amend.ts';
import type { QuarantineOrder } from './quarantine-api.ts';

const order: QuarantineOrder = {
  id: 5,
  person_id: 11,
  full_name: 'Nguyễn Văn An',
  commune_code: '07210',
  district_code: '213',
  province_code: '24',
  kind: 'centralized',
  subject: 'f1',
  risk_group: 'high',
  status: 'active',
  start_date: '2021-05-25',
  last_day: null,
  release_date: '2021-06-15',
  test_dates: null,
  home_monitoring_until: null,
  rule_code: 'cd600-2021-05',
  facility_id: null,
  facility_name: null,
  room_id: null,
  room_label: null,
  source_person_id: 877,
  source_kind: 'household',
  source_date: '2021-05-23',
};

const initial = amendInitialOf(order);

describe('amending an order', () => {
  it('starts from the order, not knowing whether the person is vaccinated or recovered', () => {
    expect(initial).toEqual({
      riskGroup: 'high',
      ruleCode: 'cd600-2021-05',
      vaccinatedOrRecovered: null,
      source: { personId: 877, kind: 'household', date: '2021-05-23' },
    });
    expect(amendInitialOf({ ...order, source_person_id: null }).source).toBeNull();
  });

  it('sends only the reason when nothing differs from the order', () => {
    const body = amendBody(initial, {
      reason: '  Bổ sung  ',
      riskGroup: 'high',
      ruleCode: 'cd600-2021-05',
      sourcePersonId: 877,
      sourceKind: 'household',
      sourceDate: '2021-05-23',
    });
    expect(body).toEqual({ reason: 'Bổ sung' });
    expect(amendChangesSomething(body)).toBe(false);
  });

  it('sends the changed values, and a new source with a null group', () => {
    const body = amendBody(initial, {
      reason: 'Truy vết lại',
      riskGroup: 'medium',
      ruleCode: 'cv5599-2021-07',
      vaccinatedOrRecovered: false,
      sourcePersonId: 900,
      sourceKind: 'workshop_shift',
      sourceDate: '2021-05-22',
    });
    expect(body).toEqual({
      reason: 'Truy vết lại',
      riskGroup: 'medium',
      ruleCode: 'cv5599-2021-07',
      // Unknown before, so an explicit choice is always sent.
      vaccinatedOrRecovered: false,
      source: { personId: 900, kind: 'workshop_shift', groupId: null, date: '2021-05-22' },
    });
    expect(amendChangesSomething(body)).toBe(true);
  });

  it('sends a source that differs from the current one in any part, never an incomplete one', () => {
    const same = { sourcePersonId: 877, sourceKind: 'household' as const };
    expect(amendBody(initial, { reason: 'x', ...same, sourceDate: '2021-05-20' }).source).toEqual({ personId: 877, kind: 'household', groupId: null, date: '2021-05-20' });
    expect(amendBody(initial, { reason: 'x', ...same, sourceDate: null }).source).toBeUndefined();
    expect(amendBody(amendInitialOf({ ...order, source_person_id: null }), { reason: 'x', ...same, sourceDate: '2021-05-23' }).source).toBeDefined();
  });

  it('leaves a switch alone when untouched, and sends it when it differs from a known value', () => {
    expect(amendBody(initial, { reason: 'x', vaccinatedOrRecovered: undefined })).toEqual({ reason: 'x' });
    const known = { ...initial, vaccinatedOrRecovered: true };
    expect(amendBody(known, { reason: 'x', vaccinatedOrRecovered: true })).toEqual({ reason: 'x' });
    expect(amendBody(known, { reason: 'x', vaccinatedOrRecovered: false })).toEqual({ reason: 'x', vaccinatedOrRecovered: false });
  });

  it('needs the three parts of a source together', () => {
    expect(sourceCompleteness({})).toBe('none');
    expect(sourceCompleteness({ sourcePersonId: 3, sourceKind: null, sourceDate: '' })).toBe('partial');
    expect(sourceCompleteness({ sourcePersonId: 3, sourceKind: 'venue', sourceDate: '2021-05-01' })).toBe('complete');
  });

  it("shows the server's issues under the form fields, the source's parts by their path", () => {
    expect(amendFieldOf('reason')).toBe('reason');
    expect(amendFieldOf('ruleCode')).toBe('ruleCode');
    expect(amendFieldOf('riskGroup')).toBe('riskGroup');
    expect(amendFieldOf('source/personId')).toBe('sourcePersonId');
    expect(amendFieldOf('source/date')).toBe('sourceDate');
    expect(amendFieldOf('startDate')).toBeUndefined();
  });

  it('amends orders in force only, and the rule of contacts only (an F0 isolation has none)', () => {
    expect(isAmendable({ status: 'active' })).toBe(true);
    expect(isAmendable({ status: 'released' })).toBe(false);
    expect(ruleApplies({ subject: 'f1' })).toBe(true);
    expect(ruleApplies({ subject: 'case' })).toBe(false);
  });
});
