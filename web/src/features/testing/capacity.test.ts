import { describe, expect, it } from 'vitest';
import { CAPACITY_COLOURS, capacityAxisMax, capacityRows, capacitySeries } from './capacity.ts';
import type { CapacityDay } from './screening-api.ts';

const lab = (name: string | null, resulted: number, overCapacity = false) => ({ lab: name, resulted, avgTurnaroundDays: 1.5, capacityPerDay: 100, overCapacity });
const days: CapacityDay[] = [
  { date: '2021-06-08', taken: 80, resulted: 50, backlog: 30, overCapacity: false, labs: [lab('CDC', 50)] },
  { date: '2021-06-09', taken: 260, resulted: 120, backlog: 170, overCapacity: true, labs: [lab('CDC', 110, true), lab(null, 10)] },
  { date: '2021-06-10', taken: 0, resulted: 0, backlog: 170, overCapacity: false, labs: [] },
];
const names = { taken: 'Lấy', resulted: 'Kết quả', backlog: 'Tồn', capacity: 'Công suất 200/ngày' };

describe('the capacity chart', () => {
  it('draws taken and resulted as bars and the backlog as a line, day by day', () => {
    const [taken, resulted, backlog] = capacitySeries({ days, totalCapacity: 200 }, names);
    expect(taken).toMatchObject({ name: 'Lấy', type: 'bar' });
    expect(resulted).toMatchObject({ name: 'Kết quả', type: 'bar', data: [50, 120, 0] });
    expect(backlog).toMatchObject({ name: 'Tồn', type: 'line', data: [30, 170, 170] });
  });

  it('marks a day taken past capacity in red', () => {
    const [taken] = capacitySeries({ days, totalCapacity: 200 }, names);
    expect(taken!.data).toEqual([80, { value: 260, itemStyle: { color: CAPACITY_COLOURS.overCapacity } }, 0]);
  });

  it('draws the capacity as a dashed line only when the labs gave one', () => {
    const [withCapacity] = capacitySeries({ days, totalCapacity: 200 }, names);
    expect(withCapacity).toHaveProperty('markLine.data', [{ yAxis: 200 }]);
    expect(withCapacity).toHaveProperty('markLine.lineStyle.type', 'dashed');
    expect(withCapacity).toHaveProperty('markLine.label.formatter', 'Công suất 200/ngày');
    const [without] = capacitySeries({ days, totalCapacity: null }, names);
    expect(without).not.toHaveProperty('markLine');
  });

  it('raises the axis to a round value above a capacity line higher than every value, and only then', () => {
    // 579 a day: 700 (ticks of 100), not 637.
    expect(capacityAxisMax({ days, totalCapacity: 579 })).toBe(700);
    expect(capacityAxisMax({ days, totalCapacity: 1000 })).toBe(1200);
    expect(capacityAxisMax({ days: [], totalCapacity: 50 })).toBe(60);
    expect(capacityAxisMax({ days, totalCapacity: 200 })).toBeUndefined();
    expect(capacityAxisMax({ days, totalCapacity: null })).toBeUndefined();
  });
});

describe('the capacity table', () => {
  it('lists the newest day first, one row per lab, the day\'s cells spanning its labs', () => {
    const rows = capacityRows(days);
    expect(rows.map((r) => [r.day.date, r.lab?.lab, r.daySpan])).toEqual([
      ['2021-06-10', undefined, 1],
      ['2021-06-09', 'CDC', 2],
      ['2021-06-09', null, 0],
      ['2021-06-08', 'CDC', 1],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows[0]!.lab).toBeNull();
    expect(rows[1]!.day).not.toHaveProperty('labs');
  });
});
