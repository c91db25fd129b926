import { describe, expect, it } from 'vitest';
import { bandRanges, bandText, byUrgency, type CaseBand, countByLevel, levelsPaths, levelsQueryFromParams, levelsQueryToParams } from './levels-api.ts';

const HD4800: CaseBand[] = [
  { level: 2, from: 20, inclusive: true, configurable: true },
  { level: 3, from: 50, inclusive: true, configurable: true },
  { level: 4, from: 150, inclusive: true, configurable: false },
];
const QD218: CaseBand[] = [
  { level: 2, from: 20, inclusive: true, configurable: true },
  { level: 3, from: 150, inclusive: true, configurable: true },
  { level: 4, from: 600, inclusive: false, configurable: false },
];
const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

describe('criterion 1 bands as the page writes them', () => {
  it('writes each level\'s range and marks the configurable middle bands', () => {
    expect(bandRanges(HD4800).map((r) => [bandText(r, vi), r.configurable])).toEqual([['< 20', false], ['20 – < 50', true], ['50 – < 150', true], ['≥ 150', false]]);
    expect(bandRanges(QD218).map((r) => bandText(r, vi))).toEqual(['< 20', '20 – < 150', '150 – ≤ 600', '> 600']);
    // Vietnamese thousands separators.
    const wide = bandRanges([{ level: 2, from: 500, inclusive: true, configurable: true }, { level: 3, from: 1000, inclusive: true, configurable: true }, { level: 4, from: 1500, inclusive: true, configurable: true }]);
    expect(wide.map((r) => bandText(r, vi))).toEqual(['< 500', '500 – < 1.000', '1.000 – < 1.500', '≥ 1.500']);
  });
});

describe('levels URL state and paths', () => {
  it('keeps a real date and a district code, dropping anything else', () => {
    expect(levelsQueryFromParams(new URLSearchParams('date=2021-06-10&district=222'))).toEqual({ date: '2021-06-10', districtCode: '222' });
    expect(levelsQueryFromParams(new URLSearchParams('date=2021-02-30&district=22x'))).toEqual({ date: undefined, districtCode: undefined });
    expect(levelsQueryToParams({ date: '2021-06-10', districtCode: '222' })).toEqual({ date: '2021-06-10', district: '222' });
    expect(levelsQueryToParams({})).toEqual({});
  });

  it('asks the province row without the district filter', () => {
    expect(levelsPaths.list({ date: '2021-06-10', unitLevel: 'commune', districtCode: '222' })).toBe('/api/levels?date=2021-06-10&unitLevel=commune&districtCode=222');
    expect(levelsPaths.list({ unitLevel: 'province', districtCode: '222' })).toBe('/api/levels?unitLevel=province');
  });

  it('lists raises waiting first, then the highest levels, keeping the server\'s order otherwise', () => {
    const row = (name: string, levelInForce: 1 | 2 | 3 | 4, proposal: 2 | 3 | 4 | null = null) => ({ name, levelInForce, proposal: proposal && { level: proposal, effectiveFrom: '' } });
    const rows = [row('a', 1), row('b', 2), row('c', 1, 3), row('d', 4), row('e', 1), row('f', 2, 4)];
    expect(byUrgency(rows).map((r) => r.name)).toEqual(['f', 'c', 'd', 'b', 'a', 'e']);
  });

  it('counts communes by their level in force', () => {
    expect(countByLevel([{ levelInForce: 1 }, { levelInForce: 4 }, { levelInForce: 4 }])).toEqual({ 1: 1, 2: 0, 3: 0, 4: 2 });
  });
});
