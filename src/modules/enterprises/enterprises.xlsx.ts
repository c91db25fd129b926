/** An enterprise's worker list as a spreadsheet: the template, reading rows, the export, the error report. */
import ExcelJS from 'exceljs';
import { cellText, dateCellText, issuesWorkbook, neutraliseFormula, readImportSheet, type SheetColumn, vnDateText, workbookBuffer } from '../../lib/xlsx.ts';
import type { FieldIssue } from '../../server/errors.ts';
import { COMMUTE_LABEL, COMMUTE_MODES } from './enterprises.domain.ts';

export type WorkerColumnKey =
  | 'employeeCode' | 'fullName' | 'sex' | 'dateOfBirth' | 'nationalId' | 'phone' | 'communeCode' | 'addressDetail'
  | 'workshop' | 'shift' | 'commuteMode' | 'busRoute' | 'lodging' | 'room' | 'homeAddress' | 'employedFrom' | 'employedTo';

export const WORKER_COLUMNS: Array<SheetColumn<WorkerColumnKey> & { width: number }> = [
  { key: 'employeeCode', vi: 'Mã nhân viên', en: 'Employee code', width: 14, aliases: ['ma nv', 'msnv'] },
  { key: 'fullName', vi: 'Họ và tên', en: 'Full name', width: 26 },
  { key: 'sex', vi: 'Giới tính', en: 'Sex', width: 10 },
  { key: 'dateOfBirth', vi: 'Ngày sinh', en: 'Date of birth', width: 13 },
  { key: 'nationalId', vi: 'Số CCCD/CMND', en: 'ID number', width: 16 },
  { key: 'phone', vi: 'Số điện thoại', en: 'Phone', width: 14 },
  { key: 'communeCode', vi: 'Mã xã/phường', en: 'Commune code', width: 13 },
  { key: 'addressDetail', vi: 'Địa chỉ (thôn, đường)', en: 'Address (village, street)', width: 26 },
  { key: 'workshop', vi: 'Phân xưởng', en: 'Workshop', width: 20 },
  { key: 'shift', vi: 'Ca làm việc', en: 'Shift', width: 14, aliases: ['ca'] },
  { key: 'commuteMode', vi: 'Phương tiện đi làm', en: 'Commute', width: 16 },
  { key: 'busRoute', vi: 'Tuyến xe đưa đón', en: 'Bus route', width: 22 },
  { key: 'lodging', vi: 'Nhà trọ / Ký túc xá', en: 'Boarding house / dormitory', width: 24 },
  { key: 'room', vi: 'Phòng', en: 'Room', width: 10 },
  { key: 'homeAddress', vi: 'Địa chỉ nơi ở hiện tại', en: 'Current address', width: 26 },
  { key: 'employedFrom', vi: 'Ngày vào làm', en: 'Employed from', width: 13 },
  { key: 'employedTo', vi: 'Ngày nghỉ việc', en: 'Employed until', width: 13 },
];

export const MAX_WORKER_ROWS = 30_000;
const TEMPLATE_ROWS = 2_000;
const DATE_KEYS = new Set<WorkerColumnKey>(['dateOfBirth', 'employedFrom', 'employedTo']);

export interface WorkerSheetRow { row: number; input: Partial<Record<WorkerColumnKey, string | null>> }

export async function parseWorkerSheet(data: Buffer): Promise<WorkerSheetRow[]> {
  return readImportSheet(data, {
    columns: WORKER_COLUMNS,
    missing: (found) => ({ columns: WORKER_COLUMNS.filter((c) => ['employeeCode', 'fullName', 'sex', 'communeCode'].includes(c.key) && !found.has(c.key)) }),
    cell: (key, v) => (DATE_KEYS.has(key) ? dateCellText(v) : cellText(v)),
    maxRows: MAX_WORKER_ROWS,
  });
}

const header = (c: SheetColumn<WorkerColumnKey>) => `${c.vi} / ${c.en}`;
const letter = (i: number) => String.fromCharCode(65 + i);

/**
 * The template of one enterprise: its workshops, shifts, bus routes and lodgings as drop-down
 * lists (a "Danh mục" sheet holds them), the commute modes in Vietnamese, an example row.
 */
export async function workerTemplate(lists: { workshops: string[]; shifts: string[]; busRoutes: string[]; lodgings: string[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách công nhân');
  ws.columns = WORKER_COLUMNS.map((c) => ({ header: header(c), key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.addRow({
    employeeCode: 'NV00001', fullName: 'Nguyễn Văn An', sex: 'Nam', dateOfBirth: '15/03/1995', nationalId: '024095001234', phone: '0912345678',
    communeCode: '07801', addressDetail: 'Thôn Trung Đồng', workshop: lists.workshops[0] ?? '', shift: lists.shifts[0] ?? '',
    commuteMode: COMMUTE_LABEL.motorbike.vi, employedFrom: '02/01/2020',
  });
  const catalogue = wb.addWorksheet('Danh mục');
  const columns: Array<[WorkerColumnKey | 'sex', string, string[]]> = [
    ['commuteMode', 'Phương tiện / Commute', COMMUTE_MODES.map((m) => COMMUTE_LABEL[m].vi)],
    ['sex', 'Giới tính / Sex', ['Nam', 'Nữ', 'Khác']],
    ['workshop', 'Phân xưởng / Workshop', lists.workshops],
    ['shift', 'Ca / Shift', lists.shifts],
    ['busRoute', 'Tuyến xe / Bus route', lists.busRoutes],
    ['lodging', 'Nhà trọ, KTX / Lodging', lists.lodgings],
  ];
  columns.forEach(([, title, values], i) => {
    catalogue.getColumn(i + 1).width = 30;
    catalogue.getCell(1, i + 1).value = title;
    values.forEach((v, j) => { catalogue.getCell(j + 2, i + 1).value = neutraliseFormula(v); });
  });
  catalogue.getRow(1).font = { bold: true };
  columns.forEach(([key, , values], i) => {
    if (values.length === 0) return;
    const col = WORKER_COLUMNS.findIndex((c) => c.key === key) + 1;
    const formula = `'Danh mục'!$${letter(i)}$2:$${letter(i)}$${values.length + 1}`;
    const strict = key === 'commuteMode' || key === 'sex';
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      ws.getCell(r, col).dataValidation = {
        type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: strict,
        errorTitle: 'Giá trị không hợp lệ', error: 'Chọn một giá trị trong danh sách / pick a value from the list',
      };
    }
  });
  const help = wb.addWorksheet('Hướng dẫn');
  help.getColumn(1).width = 70;
  help.getColumn(2).width = 70;
  help.addRows([
    ['Mỗi dòng một công nhân; Mã nhân viên là khóa: nhập lại cùng tệp không tạo trùng, dòng đổi thì cập nhật.', 'One row per worker; the employee code is the key: re-importing the same file creates nothing, a changed row is updated.'],
    ['Ngày: DD/MM/YYYY. Giới tính: Nam / Nữ / Khác.', 'Dates: DD/MM/YYYY. Sex: male / female / other.'],
    ['Số CCCD 12 số hoặc CMND 9 số; số điện thoại 10 số.', 'ID: 12-digit CCCD or 9-digit CMND; phone: 10 digits.'],
    ['Phân xưởng, ca, tuyến xe, nhà trọ/KTX: đúng tên trong danh mục của doanh nghiệp.', 'Workshop, shift, bus route, lodging: the names in the enterprise catalogue.'],
    ['Đi xe đưa đón: ghi tuyến xe. Ở nhà trọ/KTX: ghi tên nhà trọ/KTX và phòng.', 'By company bus: give the route. In a boarding house/dormitory: give its name and the room.'],
  ]);
  return await workbookBuffer(wb);
}

export interface WorkerExportRow {
  employeeCode: string; fullName: string; sex: string; dateOfBirth: string | null; nationalId: string | null; phone: string | null;
  communeCode: string; addressDetail: string | null; workshop: string | null; shift: string | null; commuteMode: string;
  busRoute: string | null; lodging: string | null; room: string | null; homeAddress: string | null; employedFrom: string; employedTo: string | null;
}

const SEX_VI: Record<string, string> = { male: 'Nam', female: 'Nữ', other: 'Khác' };
const TEXT_KEYS: WorkerColumnKey[] = ['employeeCode', 'fullName', 'addressDetail', 'workshop', 'shift', 'busRoute', 'lodging', 'room', 'homeAddress'];

/** The export uses the template's columns, so an exported list can be edited and imported back. */
export async function writeWorkerSheet(rows: WorkerExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách công nhân');
  ws.columns = WORKER_COLUMNS.map((c) => ({ header: header(c), key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const out: Record<string, string | null> = { ...r };
    for (const k of TEXT_KEYS) out[k] = neutraliseFormula(r[k as keyof WorkerExportRow] as string | null);
    out.sex = SEX_VI[r.sex] ?? r.sex;
    out.commuteMode = COMMUTE_LABEL[r.commuteMode as keyof typeof COMMUTE_LABEL]?.vi ?? r.commuteMode;
    out.dateOfBirth = r.dateOfBirth && r.dateOfBirth.includes('*') ? r.dateOfBirth : vnDateText(r.dateOfBirth);
    out.employedFrom = vnDateText(r.employedFrom);
    out.employedTo = vnDateText(r.employedTo);
    ws.addRow(out);
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return await workbookBuffer(wb);
}

/** The per-row error report (lib/xlsx's issues sheet, as every import's). */
export function workerIssuesSheet(issues: readonly FieldIssue[]): Promise<Buffer> {
  const name = new Map<string, string>(WORKER_COLUMNS.map((c) => [c.key, header(c)]));
  return issuesWorkbook(issues, (field) => name.get(field));
}
