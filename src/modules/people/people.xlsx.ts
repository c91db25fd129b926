/** The person register's spreadsheet format: template, parsing rows, writing an export. */
import ExcelJS from 'exceljs';
import { cellText, dateCellText, neutraliseFormula, vnDateText } from '../../lib/xlsx.ts';
import { Errors, type LocalisedMessage } from '../../server/errors.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
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
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ParsedRow {
  /** 1-based spreadsheet row number, as the user sees it. */
  row: number;
  input: PersonInput;
}

const bad = (vi: string, en: string): LocalisedMessage => ({ vi, en });

/** Reads the first worksheet; the header row names the columns (Vietnamese or English, any order). */
export async function parsePeopleSheet(data: Buffer): Promise<ParsedRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw Errors.badFile(bad('không đọc được tệp Excel (.xlsx)', 'cannot read it as an Excel (.xlsx) workbook'));
  }
  const ws = wb.worksheets[0];
  if (!ws) throw Errors.badFile(bad('tệp không có trang tính nào', 'the workbook has no worksheet'));
  const header = ws.getRow(1);
  const colOf = new Map<keyof PersonInput, number>();
  header.eachCell((cell, col) => {
    const text = foldVietnamese(cellText(cell.value));
    for (const c of PERSON_COLUMNS) {
      const names = [foldVietnamese(c.vi), foldVietnamese(c.en), foldVietnamese(`${c.vi} / ${c.en}`), c.key.toLowerCase()];
      if (names.includes(text)) colOf.set(c.key, col);
    }
  });
  const missing = PERSON_COLUMNS.filter((c) => ['fullName', 'sex', 'communeCode'].includes(c.key) && !colOf.has(c.key));
  if (missing.length) {
    throw Errors.badFile(
      bad(
        `thiếu cột ${missing.map((c) => `"${c.vi}"`).join(', ')} ở dòng tiêu đề`,
        `missing column(s) ${missing.map((c) => `"${c.en}"`).join(', ')} in the header row`,
      ),
    );
  }
  const rows: ParsedRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const input: PersonInput = {};
    let any = false;
    for (const [key, col] of colOf) {
      const v = r.getCell(col).value;
      const text = key === 'dateOfBirth' ? dateCellText(v) : cellText(v);
      if (text) any = true;
      input[key] = text || null;
    }
    if (any) rows.push({ row: rowNumber, input });
  });
  if (rows.length === 0) throw Errors.badFile(bad('không có dòng dữ liệu nào', 'there are no data rows'));
  if (rows.length > MAX_IMPORT_ROWS) {
    throw Errors.badFile(bad(`quá ${MAX_IMPORT_ROWS} dòng; hãy chia nhỏ tệp`, `more than ${MAX_IMPORT_ROWS} rows; split the file`));
  }
  return rows;
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
  return Buffer.from(await wb.xlsx.writeBuffer());
}

