import { describe, expect, it } from 'vitest';
import { badgeCount } from './directive-alerts.ts';
import {
  directivesPaths, meetingQueryFromParams, meetingQueryToParams, searchQueryFromParams, tabFromParams, taskQueryFromParams, taskQueryToParams,
} from './directives-api.ts';

describe('directives tasks list URL state', () => {
  it('lists the open tasks on the first page by default, and writes nothing for it', () => {
    expect(taskQueryFromParams(new URLSearchParams())).toEqual({
      state: 'open', status: undefined, agencyId: undefined, meetingId: undefined, q: undefined, sort: undefined, page: 1, pageSize: 20,
    });
    expect(taskQueryToParams({ state: 'open', page: 1, pageSize: 20 })).toEqual({});
  });

  it('round-trips every filter, the sort and the paging', () => {
    const q = { state: 'overdue' as const, status: 'reported' as const, agencyId: 7, meetingId: 3, q: 'nhà trọ', sort: 'deadline' as const, page: 2, pageSize: 50 };
    const params = new URLSearchParams(taskQueryToParams(q));
    expect(Object.fromEntries(params)).toEqual({ state: 'overdue', status: 'reported', agency: '7', meeting: '3', q: 'nhà trọ', sort: 'deadline', page: '2', pageSize: '50' });
    expect(taskQueryFromParams(params)).toEqual(q);
  });

  it('drops values the API would refuse', () => {
    expect(taskQueryFromParams(new URLSearchParams('state=late&status=done&agency=-1&meeting=x&sort=title&q=%20&page=0'))).toEqual({
      state: 'open', status: undefined, agencyId: undefined, meetingId: undefined, q: undefined, sort: undefined, page: 1, pageSize: 20,
    });
  });
});

describe('directives API paths', () => {
  it('sends the state filter except "all", and only the filters set', () => {
    expect(directivesPaths.tasks({ state: 'open', page: 1, pageSize: 20 })).toBe('/api/directives/tasks?state=open&page=1&pageSize=20');
    expect(directivesPaths.tasks({ state: 'all', page: 1, pageSize: 20 })).toBe('/api/directives/tasks?page=1&pageSize=20');
    expect(directivesPaths.tasks({ state: 'due_soon', agencyId: 4, q: ' ke hoach ', sort: 'priority', page: 3, pageSize: 10 })).toBe(
      '/api/directives/tasks?state=due_soon&agencyId=4&q=ke+hoach&sort=priority&page=3&pageSize=10',
    );
  });

  it('names the meeting files, the attachments and the follow-up table', () => {
    expect(directivesPaths.notice(5)).toBe('/api/directives/meetings/5/notice.docx');
    expect(directivesPaths.followUp({ meetingId: 5, status: 'all' })).toBe('/api/directives/follow-up.xlsx?meetingId=5&status=all');
    expect(directivesPaths.followUp({})).toBe('/api/directives/follow-up.xlsx');
    expect(directivesPaths.attachment(1, 2, 3)).toBe('/api/directives/tasks/1/reports/2/attachments/3');
    expect(directivesPaths.agencies({ includeInactive: true })).toBe('/api/directives/agencies?includeInactive=true');
    expect(directivesPaths.agencies()).toBe('/api/directives/agencies');
    expect(directivesPaths.notifications(true)).toBe('/api/directives/notifications?unread=true');
  });

  it('keeps meetings and search state in the URL', () => {
    const m = { q: 'giao ban', from: '2021-05-01', to: '2021-07-31', page: 1, pageSize: 20 };
    expect(meetingQueryFromParams(new URLSearchParams(meetingQueryToParams(m)))).toEqual(m);
    expect(meetingQueryFromParams(new URLSearchParams('from=2021-02-30'))).toMatchObject({ from: undefined });
    expect(searchQueryFromParams(new URLSearchParams('q=%20nha%20tro%20'))).toEqual({ q: 'nha tro', page: 1, pageSize: 20 });
    expect(directivesPaths.search({ q: 'nha tro', page: 1, pageSize: 20 })).toBe('/api/directives/search?q=nha+tro&page=1&pageSize=20');
  });

  it('opens the tasks tab unless another one is named', () => {
    expect(tabFromParams(new URLSearchParams())).toBe('tasks');
    expect(tabFromParams(new URLSearchParams('tab=search'))).toBe('search');
    expect(tabFromParams(new URLSearchParams('tab=nope'))).toBe('tasks');
  });
});

describe('the menu badge', () => {
  it('counts the overdue tasks and the unread notifications, nothing before the first answer', () => {
    expect(badgeCount(undefined)).toBe(0);
    expect(badgeCount({ overdue: 11, dueSoon: 4, reported: 1, unread: 3 })).toBe(14);
  });
});
