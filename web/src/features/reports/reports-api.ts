import { withQuery } from '../../shared/api/client.ts';

/** The figures of one day's report (server: src/modules/reports/reports.figures.ts). */
export interface CaseCounts {
  newCases: number;
  newInQuarantine: number;
  newCommunity: number;
  newImported: number;
  cumulative: number;
  active: number;
}
export interface DistrictCases extends CaseCounts { code: string; name: string }
export interface ContactCounts { newOnDay: number; cumulative: number; managed: number }
export interface BedCounts { total: number; used: number; free: number }

export interface ReportFigures {
  version: number;
  date: string;
  province: { code: string; name: string };
  situation: {
    totals: CaseCounts;
    districts: DistrictCases[];
    clusters: {
      detected: number;
      active: number;
      controlled: number;
      newOnDay: number;
      activeList: Array<{ id: number; name: string; districtName: string | null; communeName: string | null; cases: number; firstCaseDate: string | null; lastCaseDate: string | null }>;
    };
  };
  tracing: { f1: ContactCounts; f2: ContactCounts };
  quarantine: {
    centralized: number;
    home: number;
    startedOnDay: { centralized: number; home: number };
    releasedOnDay: number;
    releasedTotal: number;
    facilities: { count: number; capacity: number; used: number; free: number; percent: number | null };
  };
  testing: {
    takenOnDay: number;
    takenByMethod: { rtPcr: number; rtPcrPool: number; rapidAntigen: number };
    takenTotal: number;
    resultedOnDay: number;
    positiveOnDay: number;
    backlog: number;
  };
  treatment: {
    inTreatment: { home_care: number; tier1: number; tier2: number; tier3: number; total: number };
    admittedOnDay: number;
    facilities: number;
    beds: { normal: BedCounts; oxygen: BedCounts; icu: BedCounts };
    recoveredOnDay: number;
    recoveredTotal: number;
    diedOnDay: number;
    diedTotal: number;
  };
  vaccination: { available: boolean; dosesOnDay?: number; cumulativeDoses?: number; adultsOneDosePercent?: number | null };
}

export interface Generator { scheduler: boolean; username: string | null; fullName: string | null }

/** GET /api/reports/:date */
export interface DailyReport {
  date: string;
  number: string | null;
  difficulties: string;
  proposals: string;
  generatedAt: string | null;
  generatedBy: Generator | null;
  hasFiles: boolean;
  /** true: the figures kept with the files; false: computed now (not generated yet). */
  figuresKept: boolean;
  figures: ReportFigures;
}

export interface KeptReport { date: string; number: string | null; generatedAt: string | null; generatedBy: Generator | null; hasFiles: boolean }

/** GET /api/reports */
export interface ReportList {
  items: KeptReport[];
  total: number;
  page: number;
  pageSize: number;
  latestCaseDate: string | null;
  today: string;
}

export interface NotesInput { number: string | null; difficulties: string; proposals: string }

export const reportsListPath = (page: number, pageSize: number) => withQuery('/api/reports', { page, pageSize });
export const reportPath = (date: string) => `/api/reports/${date}`;
export const notesPath = (date: string) => `/api/reports/${date}/notes`;
export const generatePath = (date: string) => `/api/reports/${date}/generate`;
export const filePath = (date: string, kind: 'docx' | 'xlsx') => `/api/reports/${date}/report.${kind}`;
export const fileName = (date: string, kind: 'docx' | 'xlsx') => `bao-cao-${date}.${kind}`;

/**
 * The day the page opens on: the latest kept report's (the list is newest first), else the
 * latest case's (the demo's data stop in 2021), else today.
 */
export function defaultReportDate(list: Pick<ReportList, 'items' | 'latestCaseDate' | 'today'>): string {
  return list.items[0]?.date ?? list.latestCaseDate ?? list.today;
}

export type SummaryKey =
  | 'newCases' | 'cumulative' | 'active' | 'activeClusters' | 'f1Managed' | 'f2Managed' | 'centralized' | 'home'
  | 'samplesToday' | 'positiveToday' | 'inTreatment' | 'icuUsed' | 'recoveredToday' | 'diedTotal';

/** The headline figures shown above the tables, in order; `alert` marks those shown in red. */
export function summaryItems(f: ReportFigures): Array<{ key: SummaryKey; value: number; alert?: boolean; of?: number }> {
  return [
    { key: 'newCases', value: f.situation.totals.newCases, alert: f.situation.totals.newCases > 0 },
    { key: 'cumulative', value: f.situation.totals.cumulative },
    { key: 'active', value: f.situation.totals.active },
    { key: 'activeClusters', value: f.situation.clusters.active },
    { key: 'f1Managed', value: f.tracing.f1.managed },
    { key: 'f2Managed', value: f.tracing.f2.managed },
    { key: 'centralized', value: f.quarantine.centralized },
    { key: 'home', value: f.quarantine.home },
    { key: 'samplesToday', value: f.testing.takenOnDay },
    { key: 'positiveToday', value: f.testing.positiveOnDay, alert: f.testing.positiveOnDay > 0 },
    { key: 'inTreatment', value: f.treatment.inTreatment.total },
    { key: 'icuUsed', value: f.treatment.beds.icu.used, of: f.treatment.beds.icu.total },
    { key: 'recoveredToday', value: f.treatment.recoveredOnDay },
    { key: 'diedTotal', value: f.treatment.diedTotal, alert: f.treatment.diedOnDay > 0 },
  ];
}

/** Whether the texts on screen differ from those saved (the save button's state). */
export function notesChanged(saved: Pick<DailyReport, 'number' | 'difficulties' | 'proposals'>, draft: NotesInput): boolean {
  const norm = (s: string | null) => (s ?? '').trim();
  return norm(saved.number) !== norm(draft.number) || norm(saved.difficulties) !== norm(draft.difficulties) || norm(saved.proposals) !== norm(draft.proposals);
}
