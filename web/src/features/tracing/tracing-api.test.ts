import { describe, expect, it } from 'vitest';
import {
  chainNeighbours,
  chainPath,
  contactCountsOf,
  contactFiltersFromParams,
  contactFiltersToParams,
  hasContactFilters,
  isReviewable,
  knownSourcesOf,
  personIdsByRun,
  type TracedContact,
  tracingPaths,
} from './tracing-api.ts';

const contact = (personId: number, level: number, runId: number | null, reviewStatus: TracedContact['reviewStatus']): TracedContact => ({
  personId,
  fullName: `Người ${personId}`,
  masked: false,
  communeCode: '07210',
  communeName: 'Phường Trần Phú',
  districtName: 'Thành phố Bắc Giang',
  level,
  windowStart: '2021-05-01',
  windowEnd: '2021-05-10',
  isCase: false,
  quarantineStart: null,
  source: { personId: 1, fullName: 'Nguyễn Văn An', caseCode: 'BN1', kind: 'household', groupId: 3, groupLabel: 'Hộ 3', date: '2021-05-02' },
  reviewStatus,
  runId,
});

describe('contact filters and the query string', () => {
  it('round-trips filters through URL params and drops values the API would refuse', () => {
    const f = { level: 2 as const, kind: 'bus_route' as const, communeCode: '07210', review: 'pending' as const, q: ' an ' };
    const params = new URLSearchParams(contactFiltersToParams(f));
    expect(Object.fromEntries(params)).toEqual({ level: '2', kind: 'bus_route', commune: '07210', review: 'pending', q: 'an' });
    expect(contactFiltersFromParams(params)).toEqual({ ...f, q: 'an' });
    expect(contactFiltersFromParams(new URLSearchParams('level=7&kind=plane&review=maybe&q=%20'))).toEqual({
      level: undefined,
      kind: undefined,
      communeCode: undefined,
      review: undefined,
      q: undefined,
    });
    expect(hasContactFilters({})).toBe(false);
    expect(hasContactFilters({ q: '  ' })).toBe(false);
    expect(hasContactFilters({ kind: 'venue' })).toBe(true);
  });

  it('builds the contacts, export and chain paths', () => {
    const url = new URL(tracingPaths.contacts(12, { level: 1, q: ' Hoa ', kind: 'venue' }, 2, 50), 'http://x');
    expect(url.pathname).toBe('/api/cases/12/contacts');
    expect(Object.fromEntries(url.searchParams)).toEqual({ level: '1', kind: 'venue', q: 'Hoa', page: '2', pageSize: '50' });
    expect(tracingPaths.contactsExport(12, {})).toBe('/api/cases/12/contacts/export');
    expect(chainPath('/api/cases/12/chain', 2, 300)).toBe('/api/cases/12/chain?depth=2&maxNodes=300');
    expect(tracingPaths.runs({ caseId: undefined, page: 1, pageSize: 20 })).toBe('/api/tracing/runs?page=1&pageSize=20');
  });
});

describe('review', () => {
  it('groups the chosen person ids by run, each once, and skips rows without a run', () => {
    const rows = [contact(5, 1, 9, 'pending'), contact(6, 1, 9, 'pending'), contact(7, 2, 10, 'pending'), contact(5, 1, 9, 'pending'), contact(8, 1, null, null)];
    expect([...personIdsByRun(rows)]).toEqual([
      [9, [5, 6]],
      [10, [7]],
    ]);
  });

  it('offers confirm and dismiss only for pending rows of a run', () => {
    expect(isReviewable(contact(1, 1, 3, 'pending'))).toBe(true);
    expect(isReviewable(contact(1, 1, 3, 'confirmed'))).toBe(false);
    expect(isReviewable(contact(1, 1, null, 'pending'))).toBe(false);
  });
});

describe('counts and sources', () => {
  it('reads F1..F3 from counts that start at F0 (zero when the trace was shallower) or are named', () => {
    expect(contactCountsOf([1, 12, 30, 4])).toEqual({ f1: 12, f2: 30, f3: 4 });
    expect(contactCountsOf([2, 5])).toEqual({ f1: 5, f2: 0, f3: 0 });
    expect(contactCountsOf({ f1: 7, f2: 2, f3: 0 })).toEqual({ f1: 7, f2: 2, f3: 0 });
  });

  it('offers the F0 first as a source, then the people on screen, each once', () => {
    const f0 = { id: 4, personId: 1, fullName: 'Nguyễn Văn An', caseCode: 'BN1' };
    expect(knownSourcesOf(f0, [contact(5, 1, 9, 'pending'), contact(1, 1, 9, null), contact(5, 1, 9, 'pending')])).toEqual([
      { id: 1, label: 'BN1 · Nguyễn Văn An' },
      { id: 5, label: 'F1 · Người 5' },
    ]);
  });

  it('lists a chain node’s sources, primary first, and counts whom it exposed', () => {
    const chain = {
      nodes: [
        { id: 1, level: 0, label: 'A', caseCode: 'BN1', communeName: 'X', reviewStatus: null },
        { id: 2, level: 1, label: 'B', caseCode: null, communeName: 'X', reviewStatus: 'pending' as const },
        { id: 3, level: 1, label: 'C', caseCode: null, communeName: 'X', reviewStatus: null },
        { id: 4, level: 2, label: 'D', caseCode: null, communeName: 'X', reviewStatus: null },
      ],
      edges: [
        { source: 1, target: 2, kind: 'household' as const, date: '2021-05-02', primary: true },
        { source: 3, target: 4, kind: 'venue' as const, date: '2021-05-01', primary: false },
        { source: 2, target: 4, kind: 'room' as const, date: '2021-05-05', primary: true },
        { source: 2, target: 3, kind: 'room' as const, date: '2021-05-05', primary: false },
      ],
    };
    const d = chainNeighbours(chain, 4);
    expect(d.node?.label).toBe('D');
    expect(d.sources.map((s) => s.node.label)).toEqual(['B', 'C']);
    expect(chainNeighbours(chain, 2).exposed).toBe(1);
  });
});
