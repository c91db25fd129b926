import { describe, expect, it } from 'vitest';
import { auditPath, nextDay } from './audit-api.ts';

describe('audit query', () => {
  it('turns an inclusive Vietnamese date range into the API’s [from, to) instants', () => {
    expect(nextDay('2021-05-31')).toBe('2021-06-01');
    const url = new URL(auditPath({ fromDate: '2021-05-01', toDate: '2021-05-31', action: 'read', username: ' cdc ' }, 2, 50), 'http://x');
    expect(url.pathname).toBe('/api/audit');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: 'read',
      username: 'cdc',
      from: '2021-05-01T00:00:00+07:00',
      to: '2021-06-01T00:00:00+07:00',
      page: '2',
      pageSize: '50',
    });
  });
});
