import { describe, expect, it } from 'vitest';
import type { CaseDetail, StatusEvent } from './cases-api.ts';
import {
  birthYear, caseDateIssues, casePatch, type CaseEdit, CLASSIFICATION_COLOURS, earliestStatusDate, facilityKindsFor, isOpenStatus, STATUS_COLOURS,
  statusChangeIssue, timelineInOrder, todayInVietnam,
} from './case-rules.ts';

const event = (id: number, status: StatusEvent['status'], effectiveDate: string): StatusEvent => ({
  id, status, effectiveDate, facilityId: null, facilityName: null, note: null, createdBy: 'cdc', createdAt: `${effectiveDate}T03:00:00Z`,
});

const detail: CaseDetail = {
  id: 3,
  caseCode: 'BN3001',
  personId: 7,
  fullName: 'Nguyễn Văn An',
  sex: 'male',
  dateOfBirth: '1990-04-12',
  communeCode: '07210',
  communeName: 'Phường Trần Phú',
  districtCode: '213',
  districtName: 'Thành phố Bắc Giang',
  onsetDate: '2021-05-10',
  sampleDate: '2021-05-11',
  confirmationDate: '2021-05-12',
  isolationDate: null,
  detection: 'community',
  classification: 'community',
  status: 'in_treatment',
  facilityId: null,
  facilityName: null,
  foundPlace: null,
  masked: false,
  phone: '0912345678',
  nationalId: '024090001234',
  addressDetail: null,
  note: null,
  foundOrgUnitId: null,
  createdAt: '2021-05-12T03:00:00Z',
  updatedAt: '2021-05-12T03:00:00Z',
  timeline: [event(2, 'in_treatment', '2021-05-14'), event(1, 'isolated', '2021-05-12')],
  clusters: [],
};

describe('case dates', () => {
  const today = '2021-06-01';
  const ok = { onsetDate: '2021-05-10', sampleDate: '2021-05-11', confirmationDate: '2021-05-12', isolationDate: '2021-05-09' };

  it('accepts onset and sample on or before confirmation, isolation at any past date', () => {
    expect(caseDateIssues(ok, today)).toEqual([]);
    expect(caseDateIssues({ ...ok, onsetDate: '2021-05-12', sampleDate: '2021-05-12' }, today)).toEqual([]);
    expect(caseDateIssues({ ...ok, onsetDate: null, isolationDate: null }, today)).toEqual([]);
    expect(caseDateIssues({ ...ok, isolationDate: '2021-05-20' }, today)).toEqual([]);
  });

  it('names onset or sample after confirmation', () => {
    expect(caseDateIssues({ ...ok, onsetDate: '2021-05-13', sampleDate: '2021-05-14' }, today)).toEqual([
      { field: 'onsetDate', rule: 'afterConfirmation' },
      { field: 'sampleDate', rule: 'afterConfirmation' },
    ]);
  });

  it('names any date after today once, as future', () => {
    expect(caseDateIssues({ ...ok, sampleDate: '2021-06-02', confirmationDate: '2021-06-03' }, today)).toEqual([
      { field: 'sampleDate', rule: 'future' },
      { field: 'confirmationDate', rule: 'future' },
    ]);
    expect(caseDateIssues({ ...ok, confirmationDate: null, onsetDate: '2021-06-01' }, today)).toEqual([]);
  });

  it('knows today in Vietnam whatever the browser’s zone', () => {
    expect(todayInVietnam(new Date('2021-05-31T16:59:59Z'))).toBe('2021-05-31');
    expect(todayInVietnam(new Date('2021-05-31T17:00:00Z'))).toBe('2021-06-01');
  });
});

describe('status changes', () => {
  it('orders the timeline by date, then by id', () => {
    const same = [event(5, 'recovered', '2021-05-20'), event(4, 'in_treatment', '2021-05-20'), event(1, 'isolated', '2021-05-12')];
    expect(timelineInOrder(same).map((e) => e.id)).toEqual([1, 4, 5]);
  });

  it('starts no earlier than the confirmation or the latest event', () => {
    expect(earliestStatusDate(detail)).toBe('2021-05-14');
    expect(earliestStatusDate({ ...detail, timeline: [] })).toBe('2021-05-12');
  });

  it('mirrors the server: not before confirmation or the latest event, not future, nothing after death', () => {
    const today = '2021-06-01';
    expect(statusChangeIssue(detail, '2021-05-14', today)).toBeNull();
    expect(statusChangeIssue(detail, '2021-06-01', today)).toBeNull();
    expect(statusChangeIssue(detail, '2021-06-02', today)).toBe('future');
    expect(statusChangeIssue(detail, '2021-05-11', today)).toBe('beforeConfirmation');
    expect(statusChangeIssue(detail, '2021-05-13', today)).toBe('beforeLatest');
    expect(statusChangeIssue({ ...detail, status: 'died' }, '2021-05-20', today)).toBe('afterDeath');
  });
});

describe('case edit', () => {
  const unchanged: CaseEdit = {
    caseCode: detail.caseCode,
    onsetDate: detail.onsetDate,
    sampleDate: detail.sampleDate,
    confirmationDate: detail.confirmationDate,
    isolationDate: detail.isolationDate,
    detection: detail.detection,
    classification: detail.classification,
    communeCode: detail.communeCode,
    facilityId: detail.facilityId,
    foundPlace: detail.foundPlace,
    note: detail.note,
  };

  it('sends only the fields that changed, null to clear one', () => {
    expect(casePatch(detail, unchanged)).toEqual({});
    expect(casePatch(detail, { ...unchanged, onsetDate: null, note: 'Phát hiện qua sàng lọc chợ' })).toEqual({
      onsetDate: null,
      note: 'Phát hiện qua sàng lọc chợ',
    });
    expect(casePatch(detail, { ...unchanged, facilityId: 12 })).toEqual({ facilityId: 12 });
    expect(casePatch({ ...detail, facilityId: 12 }, unchanged)).toEqual({ facilityId: null });
  });
});

describe('facility of a status', () => {
  it('takes a treatment facility in treatment, either kind when isolated, none once closed', () => {
    expect(facilityKindsFor('in_treatment')).toEqual(['treatment_facility']);
    expect(facilityKindsFor('isolated')).toEqual(['quarantine_facility', 'treatment_facility']);
    expect(facilityKindsFor('recovered')).toEqual([]);
    expect(facilityKindsFor('died')).toEqual([]);
    expect(facilityKindsFor(undefined)).toEqual([]);
  });
});

describe('labels', () => {
  it('has a colour for every status and classification', () => {
    expect(Object.keys(STATUS_COLOURS).sort()).toEqual(['died', 'in_treatment', 'isolated', 'recovered']);
    expect(Object.keys(CLASSIFICATION_COLOURS).sort()).toEqual(['community', 'imported', 'in_quarantine']);
    expect(isOpenStatus('isolated') && isOpenStatus('in_treatment')).toBe(true);
    expect(isOpenStatus('recovered') || isOpenStatus('died')).toBe(false);
  });

  it('reads the birth year, masked or not', () => {
    expect(birthYear('1990-04-12')).toBe('1990');
    expect(birthYear('1990-**-**')).toBe('1990');
    expect(birthYear(null)).toBeNull();
  });
});
