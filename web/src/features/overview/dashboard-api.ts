/** GET /api/situation/dashboard and the list each figure opens. */
import { withQuery } from '../../shared/api/client.ts';
import { addDaysIso } from '../../shared/dates.ts';

export interface Split { community: number; inQuarantine: number; imported: number; total: number }
export interface BedCounts { total: number; used: number; free: number }

export interface Dashboard {
  date: string;
  area: { level: string; code: string; name: string };
  cases: { today: Split; last7Days: Split; cumulative: number; active: number };
  clusters: { active: number; newOnDay: number; oldestActiveDays: number | null };
  level: 1 | 2 | 3 | 4 | null;
  province: {
    contacts: { f1: number; f2: number };
    quarantine: { centralized: number; home: number; capacity: number; used: number; percent: number | null };
    testing: { takenOnDay: number; resultedOnDay: number; positiveOnDay: number; backlog: number };
    treatment: { inTreatment: number; beds: { normal: BedCounts; oxygen: BedCounts; icu: BedCounts } };
    /** Null while no dose is recorded (unknown, not zero). */
    vaccination: null | {
      dosesOnDay: number; firstDosesOnDay: number; cumulativeDoses: number; adultsOneDose: number; adultsOneDosePercent: number | null;
      over50FullPercent: number | null; over65FullPercent: number | null; populationFull: number; populationFullPercent: number | null;
    };
  };
}

export const dashboardPath = (date?: string) => withQuery('/api/situation/dashboard', { date });

/** The list behind each figure, filtered as the figure counts (the lists' own URL parameters). */
export function figureLinks(d: Pick<Dashboard, 'date'>) {
  const week = addDaysIso(d.date, -6);
  return {
    today: withQuery('/cases', { from: d.date, to: d.date }),
    week: withQuery('/cases', { from: week, to: d.date }),
    cumulative: withQuery('/cases', { to: d.date }),
    clusters: withQuery('/clusters', { status: 'active' }),
    contacts: '/quarantine',
    quarantine: '/quarantine',
    treatment: '/treatment',
    testing: '/testing',
    level: withQuery('/levels', { date: d.date }),
  };
}

/** Beds of every kind together. */
export function allBeds(b: Dashboard['province']['treatment']['beds']): BedCounts {
  const kinds = [b.normal, b.oxygen, b.icu];
  return { total: kinds.reduce((s, k) => s + k.total, 0), used: kinds.reduce((s, k) => s + k.used, 0), free: kinds.reduce((s, k) => s + k.free, 0) };
}
