/** Shapes of /api/situation/rt and /api/situation/alerts, and the pure helpers of the Rt chart. */

export interface RtWindow {
  tStart: number;
  tEnd: number;
  dateStart: string;
  dateEnd: string;
  mean: number;
  std: number;
  q025: number;
  q975: number;
}

export interface RtResponse {
  siMean: number;
  siSd: number;
  by: string;
  asOf: string;
  series: Array<{ date: string; cases: number }>;
  windows: RtWindow[];
}

export interface EarsAlert {
  communeCode: string;
  communeName: string;
  districtCode: string;
  districtName: string;
  cases: number;
  baselineMean: number;
  baselineSd: number;
  threshold: number;
}

export interface AlertsResponse {
  date: string;
  multiplier: number;
  minCases: number;
  minSigma: number;
  baselineFrom: string;
  baselineTo: string;
  alerts: EarsAlert[];
}

/** The actor's own area on the overview's day (the API scopes to the actor). */
export const rtPath = (asOf: string) => `/api/situation/rt?date=${encodeURIComponent(asOf)}`;
export const alertsPath = (asOf: string) => `/api/situation/alerts?date=${encodeURIComponent(asOf)}`;

/**
 * The chart's data, one point per window at its last day: the mean, and the 95% band drawn as
 * two stacked areas (an invisible one up to q025, then q975 − q025 on top of it).
 */
export function rtChartSeries(windows: readonly RtWindow[]) {
  return {
    dates: windows.map((w) => w.dateEnd),
    mean: windows.map((w) => w.mean),
    lower: windows.map((w) => w.q025),
    band: windows.map((w) => w.q975 - w.q025),
  };
}

/**
 * The top of the y axis: the highest upper bound, but no more than twice the highest mean (at
 * least 2, so the line Rt = 1 sits inside): the first windows of an epidemic have wide bands that
 * would flatten the rest of the curve. Rounded up to a half.
 */
export function rtAxisMax(windows: readonly RtWindow[]): number {
  if (windows.length === 0) return 2;
  const highestUpper = Math.max(...windows.map((w) => w.q975));
  const cap = Math.max(2, 2 * Math.max(...windows.map((w) => w.mean)));
  return Math.ceil(Math.min(highestUpper, cap) * 2) / 2;
}

/** The latest window (the headline figure), or undefined before there is one. */
export function latestRt(windows: readonly RtWindow[]): RtWindow | undefined {
  return windows.at(-1);
}

/** Above 1 the epidemic grows, below 1 it shrinks; "uncertain" when the 95% band contains 1. */
export function rtTrend(w: Pick<RtWindow, 'q025' | 'q975'>): 'growing' | 'shrinking' | 'uncertain' {
  if (w.q025 > 1) return 'growing';
  if (w.q975 < 1) return 'shrinking';
  return 'uncertain';
}
