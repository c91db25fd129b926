/** The person register's spreadsheet format: template, parsing rows, writing an export. */
import ExcelJS from 'exceljs';
import { cellText, dateCellText, neutraliseFormula, readImportSheet, vnDateText, workbookBuffer } from '../../lib/xlsx.ts';
import type { PersonInput } from './people.domain.ts';

interface Column {
  key: keyof PersonInput;
  vi: string;
  en: string;
  width: number;
}

export const PERSON_COLUMNS: Column[] = [
  { key: 'fullName', vi: 'Họ và tên', en: 'Full name', width: 28 },
  { key: 'sex', vi: 'Giới tính', en: 'Sex', width: 10 },
  { key: 'dateOfBirth', vi: 'Ngày sinh', en: 'Date of birth', width: 14 },
  { key: 'nationalId', vi: 'Số CCCD/CMND', en: 'ID number', width: 16 },
  { key: 'phone', vi: 'Số điện thoại', en: 'Phone', width: 14 },
  { key: 'communeCode', vi: 'Mã xã/phường', en: 'Commune code', width: 14 },
  { key: 'addressDetail', vi: 'Địa chỉ (thôn, đường)', en: 'Address (village, street)', width: 30 },
];

export const MAX_IMPORT_ROWS = 50_000;

export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.columns = PERSON_COLUMNS.map((c) => ({ header: `${c.vi} / ${c.en}`, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({
    fullName: 'Nguyễn Văn An', sex: 'Nam', dateOfBirth: '15/03/1990', nationalId: '024090001234',
    phone: '0912345678', communeCode: '07801', addressDetail: 'Thôn Trung Đồng',
  });
  const help = wb.addWorksheet('Hướng dẫn');
  help.addRows([
    ['Giới tính: Nam / Nữ / Khác', 'Sex: male / female / other'],
    ['Ngày sinh: DD/MM/YYYY', 'Date of birth: DD/MM/YYYY'],
    ['Số CCCD 12 số hoặc CMND 9 số (có thể để trống)', 'ID: 12-digit CCCD or 9-digit CMND (optional)'],
    ['Mã xã/phường: mã GSO 5 số', 'Commune code: 5-digit GSO code'],
  ]);
  return await workbookBuffer(wb);
}

export interface ParsedRow {
  /** 1-based spreadsheet row number, as the user sees it. */
  row: number;
  input: PersonInput;
}

/** Reads the first worksheet; the header row names the columns (Vietnamese or English, any order). */
export async function parsePeopleSheet(data: Buffer): Promise<ParsedRow[]> {
  const rows = await readImportSheet(data, {
    columns: PERSON_COLUMNS,
    missing: (found) => ({ columns: PERSON_COLUMNS.filter((c) => ['fullName', 'sex', 'communeCode'].includes(c.key) && !found.has(c.key)) }),
    cell: (key, v) => (key === 'dateOfBirth' ? dateCellText(v) : cellText(v)),
    maxRows: MAX_IMPORT_ROWS,
  });
  return rows.map((r) => ({ row: r.row, input: r.input as PersonInput }));
}

export interface ExportRow {
  fullName: string;
  sex: string;
  dateOfBirth: string | null;
  nationalId: string | null;
  phone: string | null;
  communeCode: string;
  communeName: string;
  districtName: string;
  addressDetail: string | null;
}

export async function writePeopleSheet(rows: ExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.columns = [
    ...PERSON_COLUMNS.map((c) => ({ header: `${c.vi} / ${c.en}`, key: c.key, width: c.width })),
    { header: 'Xã/phường / Commune', key: 'communeName', width: 22 },
    { header: 'Huyện / District', key: 'districtName', width: 22 },
  ];
  ws.getRow(1).font = { bold: true };
  const sexVi: Record<string, string> = { male: 'Nam', female: 'Nữ', other: 'Khác' };
  for (const r of rows) {
    ws.addRow({
      ...r, fullName: neutraliseFormula(r.fullName), addressDetail: neutraliseFormula(r.addressDetail),
      sex: sexVi[r.sex] ?? r.sex, dateOfBirth: vnDateText(r.dateOfBirth),
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return await workbookBuffer(wb);
}

