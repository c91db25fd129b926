import { describe, expect, it } from 'vitest';
import { MAX_ROUND_PEOPLE, parsePersonIds, personIdsProblem, roundCreateBody } from './round-form.ts';

describe('the list of people of a round', () => {
  it('reads ids separated by commas, semicolons, spaces and new lines, each once in the order typed', () => {
    expect(parsePersonIds('12, 7;3\n\n12\t 45 ,')).toEqual({ ids: [12, 7, 3, 45], invalid: [], invalidCount: 0 });
    expect(parsePersonIds('')).toEqual({ ids: [], invalid: [], invalidCount: 0 });
  });

  it('sets aside what is not an id: words, decimals, negatives, zero, ids too big', () => {
    const list = parsePersonIds('1 abc 2.5 -3 0 99999999999 4 abc');
    expect(list.ids).toEqual([1, 4]);
    expect(list.invalid).toEqual(['abc', '2.5', '-3', '0', '99999999999']);
    expect(list.invalidCount).toBe(6);
  });

  it('shows the first few bad entries only, but counts all of them', () => {
    const list = parsePersonIds('a b c d e f g');
    expect(list.invalid).toHaveLength(5);
    expect(list.invalidCount).toBe(7);
  });

  it('names the problem of a list before it is sent', () => {
    expect(personIdsProblem(parsePersonIds(' , '))).toEqual({ kind: 'empty' });
    expect(personIdsProblem(parsePersonIds('1 x 2'))).toEqual({ kind: 'invalid', values: ['x'], count: 1 });
    const many = Array.from({ length: MAX_ROUND_PEOPLE + 1 }, (_, i) => i + 1).join(',');
    expect(personIdsProblem(parsePersonIds(many))).toEqual({ kind: 'tooMany', count: MAX_ROUND_PEOPLE + 1 });
    expect(personIdsProblem(parsePersonIds('1 2 3'))).toBeNull();
  });
});

describe('the round creation body', () => {
  const base = { scheduledOn: '2021-08-02', method: 'rt_pcr' as const };

  it('sends the commune of a commune round, not the other kinds\' fields left in the form', () => {
    expect(roundCreateBody({ ...base, targetKind: 'commune', communeCode: '07210', targetOrgId: 5, personIds: '1 2', targetLabel: 'x' })).toEqual({
      targetKind: 'commune',
      communeCode: '07210',
      scheduledOn: '2021-08-02',
      method: 'rt_pcr',
    });
  });

  it('sends the unit of an enterprise or facility round', () => {
    expect(roundCreateBody({ ...base, targetKind: 'enterprise', targetOrgId: 31, communeCode: '07210' })).toEqual({ targetKind: 'enterprise', targetOrgId: 31, ...base });
    expect(roundCreateBody({ ...base, targetKind: 'facility', targetOrgId: null })).toEqual({ targetKind: 'facility', ...base });
  });

  it('sends the parsed ids and the trimmed group name of a list', () => {
    expect(roundCreateBody({ ...base, targetKind: 'list', personIds: '5\n6, 5', targetLabel: '  Chợ Hàng Đồng ' })).toEqual({
      targetKind: 'list',
      personIds: [5, 6],
      targetLabel: 'Chợ Hàng Đồng',
      ...base,
    });
    expect(roundCreateBody({ ...base, targetKind: 'list', personIds: '5', targetLabel: '   ' })).not.toHaveProperty('targetLabel');
  });

  it('sends the risk level and pool size of a pooled round only', () => {
    const pooled = roundCreateBody({ targetKind: 'commune', communeCode: '07210', scheduledOn: '2021-08-02', method: 'rt_pcr_pool', riskLevel: 'high', poolSize: 8 });
    expect(pooled).toMatchObject({ method: 'rt_pcr_pool', riskLevel: 'high', poolSize: 8 });
    const byRisk = roundCreateBody({ targetKind: 'commune', communeCode: '07210', scheduledOn: '2021-08-02', method: 'rt_pcr_pool', riskLevel: 'low', poolSize: null });
    expect(byRisk).not.toHaveProperty('poolSize');
    const single = roundCreateBody({ ...base, targetKind: 'commune', communeCode: '07210', riskLevel: 'high', poolSize: 8 });
    expect(single).not.toHaveProperty('riskLevel');
    expect(single).not.toHaveProperty('poolSize');
  });
});

describe('the round team', () => {
  it('is sent only when chosen', async () => {
    const { roundCreateBody } = await import('./round-form.ts');
    const base = { targetKind: 'commune' as const, communeCode: '07801', scheduledOn: '2021-06-10', method: 'rt_pcr' as const };
    expect(roundCreateBody({ ...base, teamOrgId: 42 }).teamOrgId).toBe(42);
    expect('teamOrgId' in roundCreateBody({ ...base, teamOrgId: null })).toBe(false);
  });
});
