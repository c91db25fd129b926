import { describe, expect, it } from 'vitest';
import { MAX_ROUND_PEOPLE, parsePersonIds, personIdsProblem, roundCreateBody, workshopChoiceKey, workshopChoiceOf, workshopOptions } from './round-form.ts';

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

  it('sends the zone of a lockdown zone round only', () => {
    expect(roundCreateBody({ ...base, targetKind: 'lockdown_zone', targetZoneId: 7, communeCode: '07210', targetOrgId: 5 })).toEqual({ targetKind: 'lockdown_zone', targetZoneId: 7, ...base });
    expect(roundCreateBody({ ...base, targetKind: 'commune', communeCode: '07210', targetZoneId: 7 })).not.toHaveProperty('targetZoneId');
  });

  it('sends the unit of an enterprise or facility round', () => {
    expect(roundCreateBody({ ...base, targetKind: 'enterprise', targetOrgId: 31, communeCode: '07210' })).toEqual({ targetKind: 'enterprise', targetOrgId: 31, ...base });
    expect(roundCreateBody({ ...base, targetKind: 'facility', targetOrgId: null })).toEqual({ targetKind: 'facility', ...base });
  });

  it('sends the commune and village of a village round only', () => {
    expect(roundCreateBody({ ...base, targetKind: 'village', communeCode: '07801', village: 'Thôn Vân Cốc', targetOrgId: 5, workshop: workshopChoiceKey({ workshop: 'X', shift: null }), personIds: '1' })).toEqual({
      targetKind: 'village',
      communeCode: '07801',
      village: 'Thôn Vân Cốc',
      ...base,
    });
    expect(roundCreateBody({ ...base, targetKind: 'village', communeCode: '07801', village: null })).toEqual({ targetKind: 'village', communeCode: '07801', ...base });
    // The village is a commune round's leftover: not sent.
    expect(roundCreateBody({ ...base, targetKind: 'commune', communeCode: '07801', village: 'Thôn Vân Cốc' })).not.toHaveProperty('village');
  });

  it('sends the enterprise, workshop and shift of a workshop round, no shift for all shifts', () => {
    const oneShift = workshopChoiceKey({ workshop: 'Xưởng May 1', shift: 'Ca 2' });
    expect(roundCreateBody({ ...base, targetKind: 'workshop', targetOrgId: 31, workshop: oneShift, communeCode: '07801', village: 'Thôn Kép' })).toEqual({
      targetKind: 'workshop',
      targetOrgId: 31,
      workshop: 'Xưởng May 1',
      shift: 'Ca 2',
      ...base,
    });
    const allShifts = workshopChoiceKey({ workshop: 'Xưởng May 1', shift: null });
    expect(roundCreateBody({ ...base, targetKind: 'workshop', targetOrgId: 31, workshop: allShifts })).toEqual({ targetKind: 'workshop', targetOrgId: 31, workshop: 'Xưởng May 1', ...base });
    expect(roundCreateBody({ ...base, targetKind: 'workshop', targetOrgId: 31, workshop: null })).toEqual({ targetKind: 'workshop', targetOrgId: 31, ...base });
    // An enterprise round does not send a workshop left in the form.
    expect(roundCreateBody({ ...base, targetKind: 'enterprise', targetOrgId: 31, workshop: oneShift })).toEqual({ targetKind: 'enterprise', targetOrgId: 31, ...base });
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

describe('the workshop choices', () => {
  const shift = (workshop: string, name: string | null, start: string | null, people: number, groupId: number) => ({ workshop, shift: name, start, end: start ? '22:00' : null, groupId, people });

  it('offers each workshop with all its shifts, then each shift with its people', () => {
    const options = workshopOptions([shift('Xưởng Cắt 1', 'Ca 1', '06:00', 12, 3), shift('Xưởng May 1', 'Ca 1', '06:00', 40, 1), shift('Xưởng May 1', 'Ca 2', '14:00', 38, 2)]);
    expect(options.map((o) => `${o.workshop}|${o.shift ?? '*'}|${o.start ?? ''}|${o.people ?? ''}`)).toEqual([
      'Xưởng Cắt 1|*||',
      'Xưởng Cắt 1|Ca 1|06:00|12',
      'Xưởng May 1|*||',
      'Xưởng May 1|Ca 1|06:00|40',
      'Xưởng May 1|Ca 2|14:00|38',
    ]);
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    expect(options.map((o) => workshopChoiceOf(o.value))).toEqual(options.map((o) => ({ workshop: o.workshop, shift: o.shift })));
  });

  it('offers a workshop without shifts once, and nothing for no workshops', () => {
    expect(workshopOptions([shift('Xưởng Đóng gói', null, null, 7, 9)]).map((o) => o.shift)).toEqual([null]);
    expect(workshopOptions([])).toEqual([]);
  });

  it('reads back only the keys it made', () => {
    expect(workshopChoiceOf(workshopChoiceKey({ workshop: 'Xưởng "A", tầng 2', shift: 'Ca 1' }))).toEqual({ workshop: 'Xưởng "A", tầng 2', shift: 'Ca 1' });
    for (const key of [undefined, null, '', 'Xưởng May 1', '[1, 2]', '{"workshop": "x"}']) expect(workshopChoiceOf(key)).toBeNull();
  });
});
