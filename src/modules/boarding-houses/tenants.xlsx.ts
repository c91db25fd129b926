/** A house's tenant list as a spreadsheet: the template, reading rows, the export, the error report. */
import ExcelJS from 'exceljs';
import { cellText, dateCellText, issuesWorkbook, neutraliseFormula, readImportSheet, type SheetColumn, vnDateText, workbookBuffer } from '../../lib/xlsx.ts';
import type { FieldIssue } from '../../server/errors.ts';

export type TenantColumnKey = 'fullName' | 'sex' | 'dateOfBirth' | 'nationalId' | 'phone' | 'communeCode' | 'room' | 'validFrom' | 'validTo' | 'workplace';

export const TENANT_COLUMNS: Array<SheetColumn<TenantColumnKey> & { width: number }> = [
  { key: 'fullName', vi: 'Họ và tên', en: 'Full name', width: 26, aliases: ['ho ten'] },
  { key: 'sex', vi: 'Giới tính', en: 'Sex', width: 10 },
  { key: 'dateOfBirth', vi: 'Ngày sinh', en: 'Date of birth', width: 13 },
  { key: 'nationalId', vi: 'Số CCCD/CMND', en: 'ID number', width: 16, aliases: ['cccd', 'cmnd', 'so cccd'] },
  { key: 'phone', vi: 'Số điện thoại', en: 'Phone', width: 14, aliases: ['sdt'] },
  { key: 'communeCode', vi: 'Mã xã/phường thường trú', en: 'Home commune code', width: 14, aliases: ['ma xa/phuong', 'ma xa'] },
  { key: 'room', vi: 'Phòng', en: 'Room', width: 10 },
  { key: 'validFrom', vi: 'Từ ngày', en: 'From', width: 13 },
  { key: 'validTo', vi: 'Đến ngày', en: 'Until', width: 13 },
  { key: 'workplace', vi: 'Nơi làm việc', en: 'Workplace', width: 30, aliases: ['noi lam viec (ma so thue hoac ten)'] },
];

export const MAX_TENANT_ROWS = 2_000;
const DATE_KEYS = new Set<TenantColumnKey>(['dateOfBirth', 'validFrom', 'validTo']);

export interface TenantSheetRow { row: number; input: Partial<Record<TenantColumnKey, string | null>> }

export async function parseTenantSheet(data: Buffer): Promise<TenantSheetRow[]> {
  return readImportSheet(data, {
    columns: TENANT_COLUMNS,
    missing: (found) => ({ columns: TENANT_COLUMNS.filter((c) => ['fullName', 'room', 'validFrom'].includes(c.key) && !found.has(c.key)) }),
    cell: (key, v) => (DATE_KEYS.has(key) ? dateCellText(v) : cellText(v)),
    maxRows: MAX_TENANT_ROWS,
  });
}

const header = (c: SheetColumn<TenantColumnKey>) => `${c.vi} / ${c.en}`;

export interface TenantExportRow {
  fullName: string; sex: string; dateOfBirth: string | null; nationalId: string | null; phone: string | null; communeCode: string | null;
  room: string; validFrom: string; validTo: string | null; workplace: string | null;
}

const SEX_VI: Record<string, string> = { male: 'Nam', female: 'Nữ', other: 'Khác' };

function sheetOf(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet('Người thuê trọ');
  ws.columns = TENANT_COLUMNS.map((c) => ({ header: header(c), key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

/** The template of one house: its rooms as a drop-down list, an example row and the help sheet. */
export async function tenantTemplate(rooms: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheetOf(wb);
  ws.addRow({ fullName: 'Nguyễn Văn An', sex: 'Nam', dateOfBirth: '15/03/1998', nationalId: '024098001234', phone: '0912345678', communeCode: '', room: rooms[0] ?? 'P101', validFrom: '01/05/2021', workplace: '' });
  if (rooms.length) {
    const list = wb.addWorksheet('Danh mục');
    list.getCell(1, 1).value = 'Phòng / Room';
    rooms.forEach((r, i) => { list.getCell(i + 2, 1).value = neutraliseFormula(r); });
    const col = TENANT_COLUMNS.findIndex((c) => c.key === 'room') + 1;
    for (let r = 2; r <= 501; r++) {
      ws.getCell(r, col).dataValidation = { type: 'list', allowBlank: true, formulae: [`'Danh mục'!$A$2:$A$${rooms.length + 1}`], showErrorMessage: true, error: 'Chọn phòng trong danh sách / pick a room from the list' };
    }
  }
  const help = wb.addWorksheet('Hướng dẫn');
  help.getColumn(1).width = 70;
  help.getColumn(2).width = 70;
  help.addRows([
    ['Mỗi dòng một người thuê; nhập lại cùng tệp không tạo trùng.', 'One row per tenant; importing the same file again changes nothing.'],
    ['Ngày: DD/MM/YYYY; Từ ngày, Đến ngày không sau hôm nay.', 'Dates: DD/MM/YYYY; From and Until not after today.'],
    ['Số CCCD 12 số hoặc CMND 9 số; số điện thoại 10 số. Cần CCCD hoặc số điện thoại.', 'ID: 12-digit CCCD or 9-digit CMND; phone: 10 digits. Give the ID or the phone.'],
    ['Mã xã/phường thường trú: để trống thì lấy xã/phường của nhà trọ.', 'Home commune code: empty takes the boarding house\'s commune.'],
    ['Phòng khác phòng đang ở: người thuê được chuyển phòng từ ngày "Từ ngày".', 'Another room than the current one: the tenant moves from the "From" date.'],
    ['Nơi làm việc: mã số thuế hoặc tên doanh nghiệp; tên khác được giữ nguyên văn.', 'Workplace: the enterprise\'s tax code or name; any other text is kept as written.'],
  ]);
  return await workbookBuffer(wb);
}

export async function writeTenantSheet(rows: TenantExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheetOf(wb);
  for (const r of rows) {
    ws.addRow({
      ...r, fullName: neutraliseFormula(r.fullName), room: neutraliseFormula(r.room), workplace: neutraliseFormula(r.workplace), sex: SEX_VI[r.sex] ?? r.sex,
      dateOfBirth: r.dateOfBirth && r.dateOfBirth.includes('*') ? r.dateOfBirth : vnDateText(r.dateOfBirth), validFrom: vnDateText(r.validFrom), validTo: vnDateText(r.validTo),
    });
  }
  return await workbookBuffer(wb);
}

export function tenantIssuesSheet(issues: readonly FieldIssue[]): Promise<Buffer> {
  const name = new Map<string, string>(TENANT_COLUMNS.map((c) => [c.key, header(c)]));
  return issuesWorkbook(issues, (field) => name.get(field));
}
