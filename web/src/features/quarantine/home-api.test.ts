import { describe, expect, it } from 'vitest';
import { homePaths, homeQueryFromParams, homeQueryToParams } from './home-api.ts';

const TODAY = '2021-06-10';

describe('home follow-up URL state', () => {
  it('defaults to the people followed today, all of them, first page', () => {
    expect(homeQueryFromParams(new URLSearchParams(), TODAY)).toEqual({
      view: 'people',
      date: TODAY,
      missedOnly: false,
      communeCode: undefined,
      tasks: 'open',
      page: 1,
      pageSize: 20,
    });
  });

  it('reads a past day, the missed-only switch and a commune; a future day falls back to today', () => {
    const q = homeQueryFromParams(new URLSearchParams('date=2021-06-05&missed=1&commune=07210&page=2'), TODAY);
    expect(q).toMatchObject({ date: '2021-06-05', missedOnly: true, communeCode: '07210', page: 2 });
    expect(homeQueryFromParams(new URLSearchParams('date=2021-06-11&missed=yes&commune=072'), TODAY)).toMatchObject({
      date: TODAY,
      missedOnly: false,
      communeCode: undefined,
    });
  });

  it('round-trips each view with only its own keys, defaults left out', () => {
    const people = homeQueryFromParams(new URLSearchParams('date=2021-06-05&missed=1&tasks=done&page=3'), TODAY);
    expect(homeQueryToParams(people, TODAY)).toEqual({ date: '2021-06-05', missed: '1', page: '3' });
    expect(homeQueryToParams({ ...people, date: TODAY, missedOnly: false, page: 1 }, TODAY)).toEqual({});

    const tasks = { ...people, view: 'tasks' as const, tasks: 'done' as const, page: 1 };
    expect(homeQueryToParams(tasks, TODAY)).toEqual({ view: 'tasks', tasks: 'done' });
    expect(homeQueryToParams({ ...tasks, tasks: 'open' }, TODAY)).toEqual({ view: 'tasks' });
    expect(homeQueryFromParams(new URLSearchParams(homeQueryToParams(tasks, TODAY)), TODAY)).toMatchObject({ view: 'tasks', tasks: 'done' });
    expect(homeQueryFromParams(new URLSearchParams('view=map&tasks=late'), TODAY)).toMatchObject({ view: 'people', tasks: 'open' });
  });
});

describe('home follow-up API paths', () => {
  it('sends the switch as true or false and leaves an unset commune out', () => {
    expect(homePaths.list({ date: TODAY, missedOnly: true, page: 2, pageSize: 50 })).toBe(
      '/api/quarantine/home-monitoring?date=2021-06-10&missedOnly=true&page=2&pageSize=50',
    );
    expect(homePaths.list({ date: TODAY, missedOnly: false, communeCode: '07210', page: 1, pageSize: 20 })).toBe(
      '/api/quarantine/home-monitoring?date=2021-06-10&communeCode=07210&missedOnly=false&page=1&pageSize=20',
    );
  });

  it('asks for open or done tasks, or all of them without a status', () => {
    expect(homePaths.tasks({ tasks: 'open', page: 1, pageSize: 20 })).toBe('/api/quarantine/tasks?status=open&page=1&pageSize=20');
    expect(homePaths.tasks({ tasks: 'all', page: 1, pageSize: 20 })).toBe('/api/quarantine/tasks?page=1&pageSize=20');
    expect(homePaths.check(42)).toBe('/api/quarantine/orders/42/checks');
    expect(homePaths.taskDone(7)).toBe('/api/quarantine/tasks/7/done');
  });
});
