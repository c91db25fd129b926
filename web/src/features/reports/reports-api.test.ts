import { describe, expect, it } from 'vitest';
import { defaultReportDate, filePath, notesChanged, type ReportFigures, reportsListPath, summaryItems } from './reports-api.ts';

const counts = { newCases: 3, newInQuarantine: 2, newCommunity: 1, newImported: 0, cumulative: 40, active: 12 };
const figures: ReportFigures = {
  version: 1,
  date: '2021-06-10',
  province: { code: '24', name: 'Tỉnh Bắc Giang' },
  situation: { totals: counts, districts: [{ code: '222', name: 'Huyện Việt Yên', ...counts }], clusters: { detected: 2, active: 1, controlled: 1, newOnDay: 0, activeList: [] } },
  tracing: { f1: { newOnDay: 5, cumulative: 50, managed: 20 }, f2: { newOnDay: 9, cumulative: 90, managed: 30 } },
  quarantine: { centralized: 20, home: 30, startedOnDay: { centralized: 5, home: 9 }, releasedOnDay: 1, releasedTotal: 10, facilities: { count: 2, capacity: 100, used: 20, free: 80, percent: 20 } },
  testing: { takenOnDay: 100, takenByMethod: { rtPcr: 10, rtPcrPool: 90, rapidAntigen: 0 }, takenTotal: 900, resultedOnDay: 80, positiveOnDay: 0, backlog: 20 },
  treatment: {
    inTreatment: { home_care: 0, tier1: 10, tier2: 2, tier3: 0, total: 12 }, admittedOnDay: 3, facilities: 1,
    beds: { normal: { total: 20, used: 10, free: 10 }, oxygen: { total: 5, used: 2, free: 3 }, icu: { total: 2, used: 0, free: 2 } },
    recoveredOnDay: 1, recoveredTotal: 28, diedOnDay: 0, diedTotal: 0,
  },
  vaccination: { available: false },
};

describe('daily report page helpers', () => {
  it('opens on the latest kept report, else the latest case day, else today', () => {
    const none = { items: [], latestCaseDate: null, today: '2025-01-02' };
    expect(defaultReportDate(none)).toBe('2025-01-02');
    expect(defaultReportDate({ ...none, latestCaseDate: '2021-06-10' })).toBe('2021-06-10');
    const kept = { date: '2021-06-09', number: null, generatedAt: '2021-06-09T08:30:00Z', generatedBy: null, hasFiles: true };
    expect(defaultReportDate({ ...none, latestCaseDate: '2021-06-10', items: [kept] })).toBe('2021-06-09');
  });

  it('builds the API paths', () => {
    expect(reportsListPath(2, 10)).toBe('/api/reports?page=2&pageSize=10');
    expect(filePath('2021-06-10', 'docx')).toBe('/api/reports/2021-06-10/report.docx');
  });

  it('sums up the headline figures, new cases and positives in red when there are any', () => {
    const items = summaryItems(figures);
    expect(items.find((i) => i.key === 'newCases')).toEqual({ key: 'newCases', value: 3, alert: true });
    expect(items.find((i) => i.key === 'positiveToday')?.alert).toBe(false);
    expect(items.find((i) => i.key === 'icuUsed')).toEqual({ key: 'icuUsed', value: 0, of: 2 });
    expect(items.map((i) => i.key)).toContain('f2Managed');
  });

  it('sees edited texts, not whitespace', () => {
    const saved = { number: '12/BC-BCĐ', difficulties: 'Thiếu sinh phẩm', proposals: '' };
    expect(notesChanged(saved, { number: '12/BC-BCĐ ', difficulties: 'Thiếu sinh phẩm\n', proposals: '' })).toBe(false);
    expect(notesChanged(saved, { number: null, difficulties: 'Thiếu sinh phẩm', proposals: '' })).toBe(true);
    expect(notesChanged({ ...saved, number: null }, { number: '', difficulties: 'Thiếu sinh phẩm', proposals: '' })).toBe(false);
  });
});
