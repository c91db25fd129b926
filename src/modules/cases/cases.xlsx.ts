/** The case register's spreadsheet format: template, parsing rows, writing an export. */
import ExcelJS from 'exceljs';
import { cellText, dateCellText, neutraliseFormula, readImportSheet, vnDateText, workbookBuffer } from '../../lib/xlsx.ts';
import {
  acceptedWordings, CLASSIFICATION_LABELS, CLASSIFICATION_VOCABULARY, type CaseInput, DETECTION_LABELS, DETECTION_VOCABULARY, type ImportVocabulary,
  STATUS_LABELS, STATUS_VOCABULARY,
} from './cases.domain.ts';
import type { CaseClassification, CaseDetection, CaseStatus } from '../../db/schema.ts';

export { neutraliseFormula } from '../../lib/xlsx.ts';

/** One spreadsheet row of an import: the case fields and how to find the person. */
export interface CaseSheetInput extends CaseInput {
  personId?: string | null;
  nationalId?: string | null;
  communeCode?: string | null;
}

interface Column {
  key: keyof CaseSheetInput & string;
  vi: string;
  en: string;
  width: number;
  /** Other headers accepted on import. */
  aliases?: string[];
}

export const CASE_SHEET_COLUMNS: Column[] = [
  { key: 'caseCode', vi: 'Mã BN', en: 'Case code', width: 12, aliases: ['Mã bệnh nhân'] },
  { key: 'personId', vi: 'Mã người', en: 'Person id', width: 10, aliases: ['personId'] },
  { key: 'nationalId', vi: 'Số CCCD/CMND', en: 'ID number', width: 16, aliases: ['CCCD/CMND', 'Số CCCD', 'CCCD', 'CMND'] },
  { key: 'onsetDate', vi: 'Ngày khởi phát', en: 'Onset date', width: 14 },
  { key: 'sampleDate', vi: 'Ngày lấy mẫu', en: 'Sample date', width: 14 },
  { key: 'confirmationDate', vi: 'Ngày khẳng định', en: 'Confirmation date', width: 14, aliases: ['Ngày xác định', 'Ngày có kết quả'] },
  { key: 'isolationDate', vi: 'Ngày cách ly', en: 'Isolation date', width: 14 },
  { key: 'detection', vi: 'Nguồn phát hiện', en: 'Detection', width: 22 },
  { key: 'classification', vi: 'Phân loại', en: 'Classification', width: 20 },
  { key: 'status', vi: 'Tình trạng', en: 'Status', width: 14 },
  { key: 'communeCode', vi: 'Mã xã', en: 'Commune code', width: 10, aliases: ['Mã xã/phường'] },
  { key: 'foundPlace', vi: 'Nơi phát hiện', en: 'Place found', width: 24 },
  { key: 'note', vi: 'Ghi chú', en: 'Note', width: 30 },
];

const DATE_KEYS = new Set(['onsetDate', 'sampleDate', 'confirmationDate', 'isolationDate']);
export const MAX_IMPORT_ROWS = 20_000;

const header = (c: Column) => `${c.vi} / ${c.en}`;

export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ca bệnh');
  ws.columns = CASE_SHEET_COLUMNS.map((c) => ({ header: header(c), key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // The person of the people import template's example row (Nguyễn Văn An).
  ws.addRow({
    caseCode: '', personId: '', nationalId: '024090001234', onsetDate: '10/05/2021', sampleDate: '12/05/2021',
    confirmationDate: '13/05/2021', isolationDate: '12/05/2021', detection: DETECTION_LABELS.community.vi,
    classification: CLASSIFICATION_LABELS.community.vi, status: STATUS_LABELS.isolated.vi, communeCode: '07801',
    foundPlace: 'Thôn Trung Đồng', note: '',
  });
  const help = wb.addWorksheet('Hướng dẫn');
  // Each value on one row: the label, the code, then every other wording an import accepts.
  const list = <T extends string>(vocab: ImportVocabulary<T>) =>
    vocab.values.map((v) => [vocab.labels[v].vi, v, acceptedWordings(vocab, v).slice(1).join('; ')]);
  const heading = ['Giá trị / Value', 'Mã / Code', 'Cũng nhận / Also accepted'];
  help.addRows([
    ['Mã BN: để trống để hệ thống cấp số BN tiếp theo', 'Case code: leave empty for the next BN number'],
    ['Người bệnh: Mã người (trong sổ đăng ký) hoặc Số CCCD/CMND', 'Person: the register id (Person id) or the ID number'],
    ['Ngày: DD/MM/YYYY; khởi phát và lấy mẫu không sau ngày khẳng định; không ngày nào ở tương lai', 'Dates: DD/MM/YYYY; onset and sample not after confirmation; none in the future'],
    ['Mã xã: để trống để dùng xã nơi ở của người bệnh', 'Commune code: leave empty for the person’s commune'],
    ['Nguồn phát hiện, Phân loại, Tình trạng: ghi một trong các giá trị dưới đây; không phân biệt chữ hoa/thường, có dấu hay không dấu', 'Detection, Classification, Status: any of the wordings below; case and accents do not matter'],
    [],
    ['Nguồn phát hiện / Detection'],
    heading,
    ...list(DETECTION_VOCABULARY),
    [],
    ['Phân loại / Classification'],
    heading,
    ...list(CLASSIFICATION_VOCABULARY),
    [],
    [`Tình trạng (mặc định: ${STATUS_LABELS.isolated.vi}) / Status (default: isolated)`],
    heading,
    ...list(STATUS_VOCABULARY),
  ]);
  help.getColumn(1).width = 60;
  help.getColumn(2).width = 60;
  help.getColumn(3).width = 80;
  return await workbookBuffer(wb);
}

export interface ParsedCaseRow {
  /** 1-based spreadsheet row number, as the user sees it. */
  row: number;
  input: CaseSheetInput;
}

/** Reads the first worksheet; the header row names the columns (Vietnamese or English, any order). */
export async function parseCasesSheet(data: Buffer): Promise<ParsedCaseRow[]> {
  const required = CASE_SHEET_COLUMNS.filter((c) => ['sampleDate', 'confirmationDate', 'detection', 'classification'].includes(c.key));
  const rows = await readImportSheet(data, {
    columns: CASE_SHEET_COLUMNS,
    missing: (found) => {
      const missing = required.filter((c) => !found.has(c.key));
      // The person is found by either column.
      if (!found.has('personId') && !found.has('nationalId')) missing.push(CASE_SHEET_COLUMNS.find((c) => c.key === 'personId')!);
      return {
        columns: missing,
        ...(found.has('nationalId') ? {} : { hint: { vi: '(người bệnh: "Mã người" hoặc "Số CCCD/CMND")', en: '(the person: "Person id" or "ID number")' } }),
      };
    },
    cell: (key, v) => {
      const text = DATE_KEYS.has(key) ? dateCellText(v) : cellText(v);
      // Excel drops the leading zero of a code typed as a number (07801 -> 7801).
      if (typeof v === 'number' && key === 'communeCode') return text.padStart(5, '0');
      if (typeof v === 'number' && key === 'nationalId' && (text.length === 11 || text.length === 8)) return `0${text}`;
      return text;
    },
    maxRows: MAX_IMPORT_ROWS,
  });
  return rows.map((r) => ({ row: r.row, input: r.input as CaseSheetInput }));
}

export interface CaseExportRow {
  caseCode: string;
  personId: number;
  fullName: string;
  sex: string;
  dateOfBirth: string | null;
  nationalId: string | null;
  phone: string | null;
  onsetDate: string | null;
  sampleDate: string;
  confirmationDate: string;
  isolationDate: string | null;
  detection: CaseDetection;
  classification: CaseClassification;
  status: CaseStatus;
  communeCode: string;
  communeName: string;
  districtName: string;
  facilityName: string | null;
  foundPlace: string | null;
  note: string | null;
}

/** The export: the import columns first (so an export can be edited and re-imported), then names. */
export async function writeCasesSheet(rows: CaseExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ca bệnh');
  ws.columns = [
    ...CASE_SHEET_COLUMNS.map((c) => ({ header: header(c), key: c.key, width: c.width })),
    { header: 'Họ và tên / Full name', key: 'fullName', width: 26 },
    { header: 'Giới tính / Sex', key: 'sex', width: 10 },
    { header: 'Ngày sinh / Date of birth', key: 'dateOfBirth', width: 14 },
    { header: 'Số điện thoại / Phone', key: 'phone', width: 14 },
    { header: 'Xã/phường / Commune', key: 'communeName', width: 22 },
    { header: 'Huyện / District', key: 'districtName', width: 22 },
    { header: 'Cơ sở / Facility', key: 'facilityName', width: 26 },
  ];
  ws.getRow(1).font = { bold: true };
  const sexVi: Record<string, string> = { male: 'Nam', female: 'Nữ', other: 'Khác' };
  const t = neutraliseFormula;
  for (const r of rows) {
    ws.addRow({
      caseCode: t(r.caseCode),
      personId: r.personId,
      nationalId: t(r.nationalId),
      onsetDate: vnDateText(r.onsetDate),
      sampleDate: vnDateText(r.sampleDate),
      confirmationDate: vnDateText(r.confirmationDate),
      isolationDate: vnDateText(r.isolationDate),
      detection: DETECTION_LABELS[r.detection].vi,
      classification: CLASSIFICATION_LABELS[r.classification].vi,
      status: STATUS_LABELS[r.status].vi,
      communeCode: r.communeCode,
      foundPlace: t(r.foundPlace),
      note: t(r.note),
      fullName: t(r.fullName),
      sex: sexVi[r.sex] ?? r.sex,
      dateOfBirth: vnDateText(r.dateOfBirth),
      phone: t(r.phone),
      communeName: t(r.communeName),
      districtName: t(r.districtName),
      facilityName: t(r.facilityName),
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return await workbookBuffer(wb);
}

