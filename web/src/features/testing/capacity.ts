/** Pure helpers of the capacity tab: the chart's series from the days, and the table's rows by day and lab. */
import type { CapacityDay, CapacityReport, LabDay } from './screening-api.ts';

export const CAPACITY_COLOURS = { taken: '#1677ff', overCapacity: '#cf1322', resulted: '#52c41a', backlog: '#fa8c16', capacity: '#cf1322' } as const;

export interface CapacitySeriesNames {
  taken: string;
  resulted: string;
  backlog: string;
  /** The label of the capacity line (with its value). */
  capacity: string;
}

interface BarPoint {
  value: number;
  itemStyle: { color: string };
}

/** ECharts series in the order of the days: bars of tubes taken (red past capacity) and resulted, the backlog as a line. */
export function capacitySeries(report: Pick<CapacityReport, 'days' | 'totalCapacity'>, names: CapacitySeriesNames) {
  const { days, totalCapacity } = report;
  const capacityLine =
    totalCapacity === null
      ? undefined
      : {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: CAPACITY_COLOURS.capacity },
          label: { formatter: names.capacity, position: 'insideEndTop' },
          data: [{ yAxis: totalCapacity }],
        };
  return [
    {
      name: names.taken,
      type: 'bar',
      data: days.map((d): number | BarPoint => (d.overCapacity ? { value: d.taken, itemStyle: { color: CAPACITY_COLOURS.overCapacity } } : d.taken)),
      itemStyle: { color: CAPACITY_COLOURS.taken },
      barMaxWidth: 18,
      // On the taken bars: the line is what a day's sampling is compared with.
      ...(capacityLine ? { markLine: capacityLine } : {}),
    },
    { name: names.resulted, type: 'bar', data: days.map((d) => d.resulted), itemStyle: { color: CAPACITY_COLOURS.resulted }, barMaxWidth: 18 },
    { name: names.backlog, type: 'line', data: days.map((d) => d.backlog), itemStyle: { color: CAPACITY_COLOURS.backlog }, symbolSize: 6 },
  ];
}

/** 1, 2, 3, 5 or 10 times a power of ten, the nearest to `x` (the steps ECharts picks between an axis' ticks). */
function niceStep(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  const f = x / power;
  return (f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * power;
}

/**
 * The y axis' top when the capacity line would be above every value (ECharts leaves mark lines
 * out of the axis), with room for its label and on a tick; otherwise automatic.
 */
export function capacityAxisMax(report: Pick<CapacityReport, 'days' | 'totalCapacity'>): number | undefined {
  if (report.totalCapacity === null || report.totalCapacity <= 0) return undefined;
  const top = Math.max(0, ...report.days.flatMap((d) => [d.taken, d.resulted, d.backlog]));
  if (report.totalCapacity < top) return undefined;
  const target = report.totalCapacity * 1.1;
  const step = niceStep(target / 5);
  return Math.ceil(target / step) * step;
}

/** One line of the table: one lab's results of a day (or the day alone when no lab gave results). */
export interface CapacityRow {
  key: string;
  day: Omit<CapacityDay, 'labs'>;
  /** Rows the day's cells span: the day's first row spans them all, the others 0. */
  daySpan: number;
  lab: LabDay | null;
}

/** The table's rows, newest day first, one per lab that gave results that day. */
export function capacityRows(days: readonly CapacityDay[]): CapacityRow[] {
  const rows: CapacityRow[] = [];
  for (const { labs, ...day } of [...days].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))) {
    if (labs.length === 0) {
      rows.push({ key: day.date, day, daySpan: 1, lab: null });
      continue;
    }
    labs.forEach((lab, i) => rows.push({ key: `${day.date}:${i}:${lab.lab ?? ''}`, day, daySpan: i === 0 ? labs.length : 0, lab }));
  }
  return rows;
}
