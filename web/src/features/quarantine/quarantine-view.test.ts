import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client.ts';
import {
  alertForUse,
  alertOf,
  awaitsRoom,
  barPercent,
  confirmBody,
  isPlaceable,
  isReleasable,
  issueLines,
  orderImportField,
  placementRows,
  progressStatus,
  rejectionIssues,
  RELEASE_STATUS_COLOURS,
  subjectOfIssue,
} from './quarantine-view.ts';

describe('occupancy bars', () => {
  it('computes the alert as the server does, at the thresholds', () => {
    expect(alertForUse(79, 100)).toBe('normal');
    expect(alertForUse(80, 100)).toBe('warning');
    expect(alertForUse(94, 100)).toBe('warning');
    expect(alertForUse(95, 100)).toBe('critical');
    expect(alertForUse(5, 10, 40, 60)).toBe('warning');
    expect(alertForUse(0, 0)).toBe('normal');
    expect(alertForUse(1, 0)).toBe('critical');
  });

  it('fills the bar to at most 100 %, one decimal', () => {
    expect(barPercent(1, 3)).toBe(33.3);
    expect(barPercent(130, 100)).toBe(100);
    expect(barPercent(0, 0)).toBe(0);
    expect(barPercent(2, 0)).toBe(100);
  });

  it('turns the bar red only when critical, never green at 100 %', () => {
    expect(progressStatus('critical')).toBe('exception');
    expect(progressStatus('warning')).toBe('normal');
    expect(progressStatus('normal')).toBe('normal');
    expect(alertOf('warning')).toBe('warning');
    expect(alertOf('overflow')).toBe('normal');
  });

  it('colours the release statuses as the command asked', () => {
    expect(RELEASE_STATUS_COLOURS).toEqual({ due: 'green', held: 'orange', positive: 'red', waiting_for_source: 'blue' });
  });
});

describe('which rows can be acted on', () => {
  it('places active centralized orders only, and says which still wait for a room', () => {
    expect(isPlaceable({ kind: 'centralized', status: 'active' })).toBe(true);
    expect(isPlaceable({ kind: 'home', status: 'active' })).toBe(false);
    expect(isPlaceable({ kind: 'centralized', status: 'released' })).toBe(false);
    expect(awaitsRoom({ kind: 'centralized', facility_id: null })).toBe(true);
    expect(awaitsRoom({ kind: 'centralized', facility_id: 4 })).toBe(false);
    expect(awaitsRoom({ kind: 'home', facility_id: null })).toBe(false);
  });

  it('releases only people found due', () => {
    expect(isReleasable({ status: 'due' })).toBe(true);
    expect(isReleasable({ status: 'held' })).toBe(false);
    expect(isReleasable({ status: 'waiting_for_source' })).toBe(false);
  });
});

describe('placement', () => {
  const suggestion = {
    placements: [
      { orderId: 1, personId: 11, facilityId: 100, roomId: 7, roomLabel: 'A101' },
      { orderId: 2, personId: 12, facilityId: 200, roomId: 8, roomLabel: 'B2' },
    ],
  };

  it('names the people and facilities of a suggestion, ids where a name is unknown', () => {
    const rows = placementRows(suggestion, [{ id: 1, full_name: 'Nguyễn Văn An' }], [{ id: 100, name: 'KTX Đại học Nông Lâm' }]);
    expect(rows).toEqual([
      { orderId: 1, fullName: 'Nguyễn Văn An', facilityName: 'KTX Đại học Nông Lâm', roomLabel: 'A101' },
      { orderId: 2, fullName: '#12', facilityName: '#200', roomLabel: 'B2' },
    ]);
  });

  it('confirms the suggested rooms by order, nothing more', () => {
    expect(confirmBody(suggestion)).toEqual({ placements: [{ orderId: 1, roomId: 7 }, { orderId: 2, roomId: 8 }] });
  });
});

describe('rejections', () => {
  const m = (vi: string) => ({ vi, en: `${vi} (en)` });
  const rejected = new ApiError(409, {
    code: 'PLACEMENT_REJECTED',
    message: m('Phòng đầy'),
    details: { issues: [{ code: 'ROOM_FULL', roomId: 7, personId: 11, message: m('Phòng A101 đầy') }, { code: 'X' }] },
  });

  it('reads the issues of the expected rejection only, skipping malformed ones', () => {
    expect(rejectionIssues(rejected, 'PLACEMENT_REJECTED')).toEqual([{ code: 'ROOM_FULL', roomId: 7, personId: 11, message: m('Phòng A101 đầy') }]);
    expect(rejectionIssues(rejected, 'RELEASE_REJECTED')).toEqual([]);
    expect(rejectionIssues(new Error('boom'), 'PLACEMENT_REJECTED')).toEqual([]);
  });

  it('says whom an issue is about: by order, then person, then its 1-based row', () => {
    const s = { byOrder: new Map([[1, 'An'], [2, 'Bình']]), byPerson: new Map([[11, 'An']]), requestOrderIds: [2, 1] };
    expect(subjectOfIssue({ message: m('x'), orderId: 2 }, s)).toBe('Bình');
    expect(subjectOfIssue({ message: m('x'), personId: 11 }, s)).toBe('An');
    expect(subjectOfIssue({ message: m('x'), row: 1 }, s)).toBe('Bình');
    expect(subjectOfIssue({ message: m('x'), row: 3 }, s)).toBeUndefined();
    expect(issueLines([{ message: m('Chưa có kết quả'), orderId: 1 }, { message: m('Lỗi chung') }], 'en', s)).toEqual([
      'An: Chưa có kết quả (en)',
      'Lỗi chung (en)',
    ]);
  });
});

describe('order import issues', () => {
  it("labels an issue by its template column, the source's parts by their body path, others as sent", () => {
    expect(orderImportField('startDate')).toBe('startDate');
    expect(orderImportField('source/personId')).toBe('sourcePersonId');
    expect(orderImportField('source/date')).toBe('sourceDate');
    expect(orderImportField('source')).toBe('source');
    expect(orderImportField('file')).toBeUndefined();
  });
});
