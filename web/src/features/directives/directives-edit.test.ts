import { describe, expect, it } from 'vitest';
import type { Deadline } from './directives-api.ts';
import {
  deadlineValues, isEmptyPatch, itemPatch, meetingHeaderValues, meetingPatch, sameDeadline, type TaskBefore, taskPatch,
} from './directives-edit.ts';
import { deadlineBody } from './directives-view.ts';

const meeting = { title: 'Giao ban trực tuyến', chair: 'Chủ tịch UBND tỉnh', attendees: ['Sở Y tế', 'Công an tỉnh'], noticeNo: '123/TB-UBND' };

describe('editing a meeting header', () => {
  it('sends nothing when the form is saved unchanged, nor for added spaces', () => {
    expect(meetingPatch(meeting, meetingHeaderValues(meeting))).toEqual({});
    expect(meetingPatch(meeting, { title: ' Giao ban trực tuyến ', chair: 'Chủ tịch UBND tỉnh ', attendees: ['Sở Y tế ', '', 'Công an tỉnh'], noticeNo: ' 123/TB-UBND' })).toEqual({});
    expect(isEmptyPatch(meetingPatch(meeting, meetingHeaderValues(meeting)))).toBe(true);
  });

  it('sends only the fields that changed, trimmed', () => {
    expect(meetingPatch(meeting, { ...meetingHeaderValues(meeting), title: ' Giao ban đột xuất ' })).toEqual({ title: 'Giao ban đột xuất' });
    expect(meetingPatch(meeting, { ...meetingHeaderValues(meeting), chair: 'Phó Chủ tịch', attendees: ['Sở Y tế'] })).toEqual({ chair: 'Phó Chủ tịch', attendees: ['Sở Y tế'] });
    // Reordered attendees change the notice.
    expect(meetingPatch(meeting, { ...meetingHeaderValues(meeting), attendees: ['Công an tỉnh', 'Sở Y tế'] })).toEqual({ attendees: ['Công an tỉnh', 'Sở Y tế'] });
  });

  it('clears the notice number with null and sets a new one', () => {
    expect(meetingHeaderValues({ ...meeting, noticeNo: null }).noticeNo).toBe('');
    expect(meetingPatch(meeting, { ...meetingHeaderValues(meeting), noticeNo: ' ' })).toEqual({ noticeNo: null });
    expect(meetingPatch({ ...meeting, noticeNo: null }, { ...meetingHeaderValues(meeting), noticeNo: '' })).toEqual({});
    expect(meetingPatch({ ...meeting, noticeNo: null }, { ...meetingHeaderValues(meeting), noticeNo: '45/TB-BCĐ' })).toEqual({ noticeNo: '45/TB-BCĐ' });
  });

  it('edits a conclusion only when its trimmed text changed and is not blank', () => {
    expect(itemPatch('Một', ' Một mới ')).toEqual({ text: 'Một mới' });
    expect(itemPatch('Một', ' Một ')).toBeUndefined();
    expect(itemPatch('Một', '  ')).toBeUndefined();
  });
});

describe('editing a task', () => {
  const deadlines: Deadline[] = [
    { kind: 'date', dueOn: '2021-06-15' },
    { kind: 'daily', from: '2021-06-01', until: null },
    { kind: 'daily', from: '2021-06-01', until: '2021-06-30' },
    { kind: 'weekly', weekday: 5, from: '2021-06-01', until: null },
    { kind: 'weekly', weekday: 1, from: '2021-06-01', until: '2021-07-31' },
  ];

  it('puts every kind of deadline into the form and back unchanged', () => {
    for (const d of deadlines) {
      const back = deadlineBody(deadlineValues(d));
      expect(back).toBeDefined();
      expect(sameDeadline(back!, d)).toBe(true);
    }
    expect(deadlineValues({ kind: 'weekly', weekday: 5, from: '2021-06-01', until: null })).toEqual({ deadlineKind: 'weekly', weekday: 5, from: '2021-06-01' });
  });

  it('tells deadlines apart by kind, dates and weekday; a missing end is an open end', () => {
    for (const [i, a] of deadlines.entries()) for (const [j, b] of deadlines.entries()) expect(sameDeadline(a, b)).toBe(i === j);
    expect(sameDeadline({ kind: 'daily', from: '2021-06-01' }, { kind: 'daily', from: '2021-06-01', until: null })).toBe(true);
  });

  const task: TaskBefore = {
    title: 'Kiểm tra doanh nghiệp',
    body: 'Thành lập tổ kiểm tra',
    deadline: { kind: 'date', dueOn: '2021-06-15' },
    priority: 'normal',
    supportAgencies: [{ id: 3, name: 'Công an tỉnh', shortName: 'CA' }, { id: 7, name: 'Sở Công Thương', shortName: 'SCT' }],
  };
  const unchanged = { title: task.title, body: task.body, deadline: task.deadline, priority: task.priority, supportAgencyIds: [3, 7] };

  it('sends nothing when nothing changed (supports in any order, spaces trimmed)', () => {
    expect(taskPatch(task, unchanged)).toEqual({});
    expect(taskPatch(task, { ...unchanged, title: ` ${task.title} `, supportAgencyIds: [7, 3] })).toEqual({});
  });

  it('sends only the changed fields', () => {
    expect(taskPatch(task, { ...unchanged, title: 'Kiểm tra khu công nghiệp ' })).toEqual({ title: 'Kiểm tra khu công nghiệp' });
    expect(taskPatch(task, { ...unchanged, priority: 'high', body: 'Mới' })).toEqual({ priority: 'high', body: 'Mới' });
    const daily: Deadline = { kind: 'daily', from: '2021-06-01', until: null };
    expect(taskPatch(task, { ...unchanged, deadline: daily })).toEqual({ deadline: daily });
    expect(taskPatch(task, { ...unchanged, deadline: { kind: 'date', dueOn: '2021-06-16' } })).toEqual({ deadline: { kind: 'date', dueOn: '2021-06-16' } });
  });

  it('sends the whole new list of supports when it changed, also when emptied', () => {
    expect(taskPatch(task, { ...unchanged, supportAgencyIds: [7, 3, 9] })).toEqual({ supportAgencyIds: [7, 3, 9] });
    expect(taskPatch(task, { ...unchanged, supportAgencyIds: [] })).toEqual({ supportAgencyIds: [] });
    expect(taskPatch(task, { ...unchanged, supportAgencyIds: undefined })).toEqual({ supportAgencyIds: [] });
    expect(taskPatch({ ...task, supportAgencies: [] }, { ...unchanged, supportAgencyIds: [] })).toEqual({});
  });
});
