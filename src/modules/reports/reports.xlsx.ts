/**
 * The daily situation report as a workbook: the same tables as the Word file, one sheet per
 * section, numbers as numbers (so they can be summed), every text cell neutralised against
 * formulas (cluster and facility names and the free texts are typed by people). Pure.
 */
import ExcelJS from 'exceljs';
import { dmy } from '../../lib/admin-doc.ts';
import { neutraliseFormula, workbookBuffer } from '../../lib/xlsx.ts';
import type { ReportDocument } from './reports.docx.ts';
import type { ReportFigures } from './reports.figures.ts';
import { CASE_COLUMNS, ISSUER_NAME, reportSubtitle, SECTIONS, VACCINATION_NONE } from './reports.labels.ts';

/** Sheet names, in order (at most 31 characters, none of : \ / ? * [ ]). */
export const SHEETS = {
  situation: 'Tình hình dịch',
  clusters: 'Ổ dịch',
  tracing: 'Truy vết',
  quarantine: 'Cách ly',
  testing: 'Xét nghiệm',
  treatment: 'Điều trị',
  vaccination: 'Tiêm vắc xin',
  violations: 'Vi phạm',
  notes: 'Khó khăn, đề xuất',
} as const;

type Cell = string | number | null;
const text = (v: string | null): string | null => neutraliseFormula(v);

/** A sheet with a title line, the date, then tables (a header row in bold, rows, an empty row between tables). */
function sheet(wb: ExcelJS.Workbook, name: string, title: string, f: ReportFigures, widths: number[], tables: Array<{ header: string[]; rows: Cell[][]; boldLast?: boolean }>) {
  const ws = wb.addWorksheet(name);
  ws.columns = widths.map((width) => ({ width }));
  ws.addRow([text(title)]).font = { bold: true, size: 13 };
  ws.addRow([text(`${f.province.name} — ngày ${dmy(f.date)}`)]);
  for (const t of tables) {
    ws.addRow([]);
    ws.addRow(t.header.map(text)).font = { bold: true };
    t.rows.forEach((r, i) => {
      const row = ws.addRow(r.map((c) => (typeof c === 'string' ? text(c) : c)));
      if (t.boldLast && i === t.rows.length - 1) row.font = { bold: true };
    });
  }
  return ws;
}

const metric = (rows: Array<[string, number | string]>) => ({ header: ['Chỉ tiêu', 'Số lượng'], rows });

/** The report of one day as an .xlsx file. */
export async function reportXlsx(doc: ReportDocument): Promise<Buffer> {
  const f = doc.figures;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'EpiCommand';
  wb.title = `${ISSUER_NAME} — ${reportSubtitle(f.date)}`;

  const t = f.situation.totals;
  const caseRow = (name: string, c: typeof t): Cell[] => [name, c.newCases, c.newInQuarantine, c.newCommunity, c.newImported, c.cumulative, c.active];
  sheet(wb, SHEETS.situation, `${SECTIONS.situation}: ca mắc theo huyện, thành phố`, f, [28, 12, 12, 12, 12, 12, 14], [{
    header: CASE_COLUMNS.map((c) => c.label),
    rows: [...f.situation.districts.map((d) => caseRow(d.name, d)), caseRow('Toàn tỉnh', t)],
    boldLast: true,
  }]);

  const c = f.situation.clusters;
  sheet(wb, SHEETS.clusters, 'Ổ dịch', f, [40, 22, 22, 10, 14, 14], [
    metric([['Ổ dịch đang hoạt động', c.active], ['Ổ dịch mới phát hiện trong ngày', c.newOnDay], ['Ổ dịch đã được kiểm soát', c.controlled], ['Tổng số ổ dịch đã phát hiện', c.detected]]),
    {
      header: ['Ổ dịch đang hoạt động', 'Xã, phường', 'Huyện, thành phố', 'Số ca', 'Ca đầu tiên', 'Ca gần nhất'],
      rows: c.activeList.map((k) => [k.name, k.communeName, k.districtName, k.cases, k.firstCaseDate ? dmy(k.firstCaseDate) : null, k.lastCaseDate ? dmy(k.lastCaseDate) : null]),
    },
  ]);

  sheet(wb, SHEETS.tracing, SECTIONS.tracing, f, [14, 18, 14, 18], [{
    header: ['Đối tượng', 'Mới trong ngày', 'Lũy kế', 'Đang quản lý'],
    rows: (['f1', 'f2'] as const).map((k) => [k.toUpperCase(), f.tracing[k].newOnDay, f.tracing[k].cumulative, f.tracing[k].managed]),
  }]);

  const q = f.quarantine;
  sheet(wb, SHEETS.quarantine, SECTIONS.quarantine, f, [44, 22, 14, 14], [
    metric([
      ['Đang cách ly tập trung', q.centralized], ['Đang cách ly tại nhà', q.home],
      ['Bắt đầu cách ly tập trung trong ngày', q.startedOnDay.centralized], ['Bắt đầu cách ly tại nhà trong ngày', q.startedOnDay.home],
      ['Hoàn thành cách ly trong ngày', q.releasedOnDay], ['Hoàn thành cách ly, lũy kế', q.releasedTotal],
      ['Số khu cách ly tập trung', q.facilities.count], ['Sức chứa (chỗ)', q.facilities.capacity], ['Đang sử dụng (chỗ)', q.facilities.used], ['Còn trống (chỗ)', q.facilities.free],
    ]),
    { header: ['Khu cách ly', 'Huyện, thành phố', 'Sức chứa', 'Đang sử dụng'], rows: q.facilities.list.map((x) => [x.name, x.districtName, x.capacity, x.used]) },
  ]);

  const te = f.testing;
  sheet(wb, SHEETS.testing, SECTIONS.testing, f, [44, 14], [metric([
    ['Mẫu lấy trong ngày', te.takenOnDay], ['  RT-PCR mẫu đơn', te.takenByMethod.rtPcr], ['  RT-PCR mẫu gộp', te.takenByMethod.rtPcrPool],
    ['  Test nhanh kháng nguyên', te.takenByMethod.rapidAntigen], ['Mẫu lấy, lũy kế', te.takenTotal], ['Mẫu có kết quả trong ngày', te.resultedOnDay],
    ['Mẫu dương tính trong ngày', te.positiveOnDay], ['Mẫu chưa có kết quả cuối ngày', te.backlog],
  ])]);

  const tm = f.treatment;
  sheet(wb, SHEETS.treatment, SECTIONS.treatment, f, [36, 14, 14, 14], [
    metric([
      ['Đang điều trị', tm.inTreatment.total], ['  Chăm sóc tại nhà', tm.inTreatment.home_care], ['  Tầng 1', tm.inTreatment.tier1], ['  Tầng 2', tm.inTreatment.tier2],
      ['  Tầng 3', tm.inTreatment.tier3], ['Tiếp nhận trong ngày', tm.admittedOnDay], ['Khỏi bệnh trong ngày', tm.recoveredOnDay], ['Khỏi bệnh, lũy kế', tm.recoveredTotal],
      ['Tử vong trong ngày', tm.diedOnDay], ['Tử vong, lũy kế', tm.diedTotal], ['Số cơ sở điều trị', tm.facilities],
    ]),
    {
      header: ['Loại giường', 'Tổng số', 'Đang sử dụng', 'Còn trống'],
      rows: ([['Giường thường', tm.beds.normal], ['Giường có oxy', tm.beds.oxygen], ['Giường hồi sức tích cực (ICU)', tm.beds.icu]] as const).map(([l, b]) => [l, b.total, b.used, b.free]),
    },
  ]);

  const vx = f.vaccination;
  sheet(wb, SHEETS.vaccination, SECTIONS.vaccination, f, [44, 16], vx.available ? [metric([
    ['Mũi tiêm trong ngày', vx.dosesOnDay], ['  trong đó mũi 1', vx.firstDosesOnDay], ['Mũi tiêm, lũy kế', vx.cumulativeDoses],
    ['Người ≥18 tuổi', vx.adults], ['Người ≥18 tuổi đã tiêm ≥1 mũi', vx.adultsOneDose], ['  Tỷ lệ (%)', vx.adultsOneDosePercent ?? '–'],
    ['Người ≥50 tuổi tiêm đủ liều (%)', vx.over50FullPercent ?? '–'], ['Người ≥65 tuổi tiêm đủ liều (%)', vx.over65FullPercent ?? '–'],
    ['Tiêm đủ liều, toàn dân (người)', vx.populationFull], ['  Tỷ lệ (%)', vx.populationFullPercent ?? '–'],
  ])] : [{ header: ['Ghi chú'], rows: [[VACCINATION_NONE]] }]);
  const v = f.violations;
  sheet(wb, SHEETS.violations, SECTIONS.violations, f, [36, 14, 14, 20, 20], v ? [
    { header: ['Hành vi vi phạm', 'Trong ngày', 'Lũy kế', 'Tiền phạt trong ngày (đồng)', 'Tiền phạt lũy kế (đồng)'], rows: [...v.byKind.map((k) => [k.label, k.day, k.cumulative, k.fineDay, k.fineCumulative]), ['Tổng cộng', v.total.day, v.total.cumulative, v.total.fineDay, v.total.fineCumulative]], boldLast: true },
    { header: ['Huyện, thành phố', 'Trong ngày', 'Lũy kế', 'Tiền phạt trong ngày (đồng)', 'Tiền phạt lũy kế (đồng)'], rows: v.byDistrict.map((d) => [d.name, d.day, d.cumulative, d.fineDay, d.fineCumulative]) },
  ] : [{ header: ['Ghi chú'], rows: [['Chưa có số liệu.']] }]);
  const notes = sheet(wb, SHEETS.notes, 'Khó khăn, vướng mắc và đề xuất, kiến nghị', f, [26, 100], [{
    header: ['Mục', 'Nội dung'], rows: [['Khó khăn, vướng mắc', doc.difficulties], ['Đề xuất, kiến nghị', doc.proposals]],
  }]);
  notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return await workbookBuffer(wb);
}
