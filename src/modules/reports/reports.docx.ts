/**
 * The daily situation report as a Word file in the administrative layout of Nghị định 30/2020:
 * the steering committee's header beside the national motto, number and place/date line, title,
 * the sections of the province's reports (situation, tracing, quarantine, testing, treatment,
 * vaccination, difficulties, proposals), then "Nơi nhận" beside the signature block. Pure: the
 * figures and texts come in; nothing here reads the clock or the database.
 */
import { AlignmentType, type FileChild, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import { adminDocx, BODY_AFTER, blank, centred, dmy, line, officialHeader, placeName, TITLE_SIZE, twoColumns } from '../../lib/admin-doc.ts';
import { vnNumber as n, vnPercent } from './reports.domain.ts';
import type { ReportFigures } from './reports.figures.ts';
import { CASE_COLUMNS, ISSUER_NAME, NUMBER_SUFFIX, RECIPIENTS, reportSubtitle, SECTIONS, textParagraphs, VACCINATION_NONE } from './reports.labels.ts';

export interface ReportDocument {
  figures: ReportFigures;
  /** e.g. '123/BC-BCĐ'; null: the number is left blank to be written in when issued. */
  number: string | null;
  difficulties: string;
  proposals: string;
}

/** The text width of admin-doc's A4 page: 210 mm less the 30 mm and 15 mm margins, in twips. */
const TEXT_WIDTH = Math.round(165 * 56.7);
const TABLE_SIZE = 24;
/** Room between a cell's border and its text, in twips (about 1 mm). */
const CELL_PADDING = 60;
/** Active clusters named one by one in the document; the XLSX lists them all. */
const CLUSTERS_LISTED = 20;

const heading = (text: string) => line(text, { bold: true, after: BODY_AFTER });
const body = (text: string) => line(text, { indent: true, after: BODY_AFTER });

function cellOf(text: string, width: number, opts: { bold?: boolean; align?: 'left' | 'center' } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 20, bottom: 20 },
    children: [new Paragraph({
      alignment: opts.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
      children: [new TextRun({ text, bold: opts.bold, size: TABLE_SIZE })],
    })],
  });
}

/** A bordered table: header row bold, the first `textColumns` columns left-aligned, numbers centred. */
function table(header: string[], rows: string[][], shares: number[], textColumns: number, boldLast = false): Table {
  const total = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => Math.round((TEXT_WIDTH * s) / total));
  const rowOf = (cells: string[], bold: boolean) => new TableRow({
    children: cells.map((c, i) => cellOf(c, widths[i]!, { bold, align: i < textColumns ? 'left' : 'center' })),
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cellOf(h, widths[i]!, { bold: true })) }),
      ...rows.map((r, i) => rowOf(r, boldLast && i === rows.length - 1)),
    ],
  });
}

function situation(f: ReportFigures): FileChild[] {
  const t = f.situation.totals;
  const c = f.situation.clusters;
  const out: FileChild[] = [heading(SECTIONS.situation), heading('1. Ca mắc mới và lũy kế')];
  out.push(body(t.newCases === 0
    ? '- Trong ngày không ghi nhận ca mắc mới (F0).'
    : `- Trong ngày ghi nhận ${n(t.newCases)} ca mắc mới (F0), trong đó: ${n(t.newInQuarantine)} ca trong khu cách ly, ${n(t.newCommunity)} ca trong cộng đồng, ${n(t.newImported)} ca từ địa phương khác về.`));
  out.push(body(`- Lũy kế từ đầu đợt dịch: ${n(t.cumulative)} ca mắc; đang cách ly, điều trị: ${n(t.active)} ca.`));
  const rows = f.situation.districts.map((d, i) => [String(i + 1), d.name, n(d.newCases), n(d.newInQuarantine), n(d.newCommunity), n(d.newImported), n(d.cumulative), n(d.active)]);
  rows.push(['', 'Toàn tỉnh', n(t.newCases), n(t.newInQuarantine), n(t.newCommunity), n(t.newImported), n(t.cumulative), n(t.active)]);
  out.push(table(['STT', ...CASE_COLUMNS.map((col) => col.label)], rows, [7, 23, 10, 11, 11, 11, 11, 12], 2, true), blank());
  out.push(heading('2. Ổ dịch'));
  out.push(body(`- Toàn tỉnh có ${n(c.active)} ổ dịch đang hoạt động (${n(c.newOnDay)} ổ dịch mới phát hiện trong ngày); ${n(c.controlled)} ổ dịch đã được kiểm soát; tổng số ${n(c.detected)} ổ dịch đã phát hiện.`));
  for (const k of c.activeList.slice(0, CLUSTERS_LISTED)) {
    const where = [k.communeName, k.districtName].filter(Boolean).join(', ');
    out.push(body(`+ ${k.name}${where ? ` (${where})` : ''}: ${n(k.cases)} ca, phát hiện ngày ${k.firstCaseDate ? dmy(k.firstCaseDate) : '—'}.`));
  }
  if (c.activeList.length > CLUSTERS_LISTED) out.push(body(`+ Và ${n(c.activeList.length - CLUSTERS_LISTED)} ổ dịch khác (danh sách đầy đủ trong tệp Excel kèm theo).`));
  return out;
}

function work(f: ReportFigures): FileChild[] {
  const { tracing: tr, quarantine: q, testing: te, treatment: tm } = f;
  const contact = (label: string, x: ReportFigures['tracing']['f1']) =>
    body(`- ${label}: trong ngày truy vết mới ${n(x.newOnDay)} trường hợp; lũy kế ${n(x.cumulative)} trường hợp; đang quản lý, cách ly ${n(x.managed)} trường hợp.`);
  const bed = (label: string, b: ReportFigures['treatment']['beds']['icu']) => [label, n(b.total), n(b.used), n(b.free)];
  return [
    heading(SECTIONS.work),
    heading(`1. ${SECTIONS.tracing}`),
    contact('F1', tr.f1),
    contact('F2', tr.f2),
    heading(`2. ${SECTIONS.quarantine}`),
    body(`- Đang cách ly tập trung: ${n(q.centralized)} người; cách ly tại nhà: ${n(q.home)} người.`),
    body(`- Trong ngày: bắt đầu cách ly tập trung ${n(q.startedOnDay.centralized)} người, cách ly tại nhà ${n(q.startedOnDay.home)} người; hoàn thành cách ly ${n(q.releasedOnDay)} người (lũy kế ${n(q.releasedTotal)} người).`),
    body(`- Khu cách ly tập trung: ${n(q.facilities.count)} khu, sức chứa ${n(q.facilities.capacity)} chỗ, đang sử dụng ${n(q.facilities.used)} chỗ (${vnPercent(q.facilities.percent)}), còn trống ${n(q.facilities.free)} chỗ.`),
    heading(`3. ${SECTIONS.testing}`),
    body(`- Trong ngày lấy ${n(te.takenOnDay)} mẫu (RT-PCR mẫu đơn ${n(te.takenByMethod.rtPcr)}, RT-PCR mẫu gộp ${n(te.takenByMethod.rtPcrPool)}, test nhanh kháng nguyên ${n(te.takenByMethod.rapidAntigen)}); lũy kế ${n(te.takenTotal)} mẫu.`),
    body(`- Có kết quả trong ngày: ${n(te.resultedOnDay)} mẫu, trong đó ${n(te.positiveOnDay)} mẫu dương tính.`),
    body(`- Mẫu chưa có kết quả cuối ngày: ${n(te.backlog)} mẫu.`),
    heading(`4. ${SECTIONS.treatment}`),
    body(`- Đang điều trị: ${n(tm.inTreatment.total)} bệnh nhân, trong đó: chăm sóc tại nhà ${n(tm.inTreatment.home_care)}; tầng 1 ${n(tm.inTreatment.tier1)}; tầng 2 ${n(tm.inTreatment.tier2)}; tầng 3 ${n(tm.inTreatment.tier3)}. Trong ngày tiếp nhận ${n(tm.admittedOnDay)} bệnh nhân.`),
    body(`- Giường bệnh tại ${n(tm.facilities)} cơ sở điều trị:`),
    table(['Loại giường', 'Tổng số', 'Đang sử dụng', 'Còn trống'], [
      bed('Giường thường', tm.beds.normal), bed('Giường có oxy', tm.beds.oxygen), bed('Giường hồi sức tích cực (ICU)', tm.beds.icu),
    ], [40, 20, 20, 20], 1),
    blank(),
    body(`- Khỏi bệnh trong ngày: ${n(tm.recoveredOnDay)} ca (lũy kế ${n(tm.recoveredTotal)} ca); tử vong trong ngày: ${n(tm.diedOnDay)} ca (lũy kế ${n(tm.diedTotal)} ca).`),
    heading(`5. ${SECTIONS.vaccination}`),
    ...vaccinationSection(f),
    ...violationsSection(f),
  ];
}

/** 5. Vaccination: doses of the day and by then, coverage by age band; "no figures" before any dose. */
function vaccinationSection(f: ReportFigures): FileChild[] {
  const v = f.vaccination;
  if (!v.available) return [body(`- ${VACCINATION_NONE}`)];
  const pct = (x: number | null) => (x === null ? '–' : vnPercent(x));
  return [
    body(`- Trong ngày tiêm ${n(v.dosesOnDay)} mũi (${n(v.firstDosesOnDay)} mũi 1); lũy kế ${n(v.cumulativeDoses)} mũi.`),
    body(`- Người từ 18 tuổi trở lên đã tiêm ít nhất 1 mũi: ${n(v.adultsOneDose)}/${n(v.adults)} người (${pct(v.adultsOneDosePercent)}); người từ 50 tuổi trở lên tiêm đủ liều: ${pct(v.over50FullPercent)}; người từ 65 tuổi trở lên tiêm đủ liều: ${pct(v.over65FullPercent)}.`),
    body(`- Tiêm đủ liều trên toàn dân số: ${n(v.populationFull)} người (${pct(v.populationFullPercent)}).`),
  ];
}

/** 6. Violations: of the day and cumulative, by kind (a kept report from before has none). */
function violationsSection(f: ReportFigures): FileChild[] {
  const v = f.violations;
  if (!v) return [];
  return [
    heading(`6. ${SECTIONS.violations}`),
    body(`- Trong ngày phát hiện, xử lý ${n(v.total.day)} trường hợp vi phạm, phạt tiền ${n(v.total.fineDay)} đồng; lũy kế ${n(v.total.cumulative)} trường hợp, ${n(v.total.fineCumulative)} đồng.`),
    table(['Hành vi vi phạm', 'Trong ngày', 'Lũy kế', 'Tiền phạt lũy kế (đồng)'], v.byKind.map((k) => [k.label, n(k.day), n(k.cumulative), n(k.fineCumulative)]), [46, 16, 16, 22], 1),
    blank(),
  ];
}

function closing(): Table {
  return twoColumns([[
    [
      line('Nơi nhận:', { bold: true, italics: true, size: 24, align: AlignmentType.LEFT }),
      ...RECIPIENTS.map((r) => line(r, { size: 22, align: AlignmentType.LEFT })),
    ],
    [centred('TM. BAN CHỈ ĐẠO', { bold: true }), centred('TRƯỞNG BAN', { bold: true }), blank(), blank(), blank(), blank()],
  ]]);
}

/** The report of one day as a .docx file. */
export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
  const f = doc.figures;
  const number = doc.number?.trim() ? doc.number.trim() : `      ${NUMBER_SUFFIX}`;
  const page: FileChild[] = [
    officialHeader({ provinceName: f.province.name, issuerName: ISSUER_NAME, number, place: placeName(f.province.name), date: f.date }),
    blank(),
    centred('BÁO CÁO', { bold: true, size: TITLE_SIZE }),
    centred(reportSubtitle(f.date), { bold: true }),
    centred('––––––––––'),
    blank(),
    body(`Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh báo cáo tình hình dịch bệnh và kết quả công tác phòng, chống dịch COVID-19 trên địa bàn tỉnh ngày ${dmy(f.date)} như sau:`),
    ...situation(f),
    ...work(f),
    heading(SECTIONS.difficulties),
    ...textParagraphs(doc.difficulties).map(body),
    heading(SECTIONS.proposals),
    ...textParagraphs(doc.proposals).map(body),
    blank(),
    closing(),
  ];
  return adminDocx(`Báo cáo tình hình dịch COVID-19 ngày ${dmy(f.date)}`, [page]);
}
