/** Arrivals as a spreadsheet: the import template, reading its rows, the export (same columns) and the labels of the coded values. */
import ExcelJS from 'exceljs';
import type { ArrivalCategory, OriginLevel } from '../../db/schema.ts';
import { issuesWorkbook, neutraliseFormula, readImportSheet, type SheetColumn, vnDateText, workbookBuffer } from '../../lib/xlsx.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { LocalisedMessage } from '../../server/errors.ts';

export type ArrivalColumnKey =
  | 'fullName' | 'sex' | 'dateOfBirth' | 'nationalId' | 'phone' | 'arrivedAt' | 'originProvince' | 'originDistrict' | 'originLevel' | 'means' | 'purpose'
  | 'communeCode' | 'destAddress' | 'category' | 'vehiclePlate' | 'route' | 'testType' | 'testAt';

export const ARRIVAL_COLUMNS: Array<SheetColumn<ArrivalColumnKey> & { width: number }> = [
  { key: 'fullName', vi: 'Họ và tên', en: 'Full name', width: 26 },
  { key: 'sex', vi: 'Giới tính', en: 'Sex', width: 10 },
  { key: 'dateOfBirth', vi: 'Ngày sinh', en: 'Date of birth', width: 12 },
  { key: 'nationalId', vi: 'Số CCCD/CMND', en: 'ID number', width: 16 },
  { key: 'phone', vi: 'Số điện thoại', en: 'Phone', width: 14 },
  { key: 'arrivedAt', vi: 'Thời gian đến', en: 'Arrived at', width: 17 },
  { key: 'originProvince', vi: 'Tỉnh nơi đi', en: 'Origin province', width: 18 },
  { key: 'originDistrict', vi: 'Huyện nơi đi', en: 'Origin district', width: 18 },
  { key: 'originLevel', vi: 'Mức nơi đi', en: 'Origin level', width: 18 },
  { key: 'means', vi: 'Phương tiện', en: 'Means', width: 12 },
  { key: 'purpose', vi: 'Mục đích', en: 'Purpose', width: 18 },
  { key: 'communeCode', vi: 'Mã xã nơi đến', en: 'Destination commune code', width: 12 },
  { key: 'destAddress', vi: 'Địa chỉ nơi đến', en: 'Destination address', width: 28 },
  { key: 'category', vi: 'Đối tượng', en: 'Category', width: 18 },
  { key: 'vehiclePlate', vi: 'Biển số xe', en: 'Vehicle plate', width: 12 },
  { key: 'route', vi: 'Lộ trình', en: 'Route', width: 24 },
  { key: 'testType', vi: 'Loại xét nghiệm', en: 'Test type', width: 12 },
  { key: 'testAt', vi: 'Thời gian xét nghiệm', en: 'Test taken at', width: 17 },
];
export const MAX_ARRIVAL_ROWS = 5_000;

export const ORIGIN_LEVEL_LABELS: Record<OriginLevel, LocalisedMessage> = {
  none: { vi: 'Không phải vùng dịch', en: 'Not an epidemic area' },
  level1: { vi: 'Cấp 1', en: 'Level 1' },
  level2: { vi: 'Cấp 2', en: 'Level 2' },
  level3: { vi: 'Cấp 3', en: 'Level 3' },
  level4: { vi: 'Cấp 4', en: 'Level 4' },
  epidemic_zone: { vi: 'Vùng dịch', en: 'Epidemic zone' },
  lockdown: { vi: 'Vùng phong tỏa', en: 'Lockdown area' },
};
export const CATEGORY_LABELS: Record<ArrivalCategory, LocalisedMessage> = {
  ordinary: { vi: 'Người dân', en: 'Ordinary' },
  long_haul_driver: { vi: 'Lái xe đường dài', en: 'Long-haul driver' },
  postal_staff: { vi: 'Nhân viên bưu chính', en: 'Postal staff' },
};
export const MEANS_LABELS: Record<string, LocalisedMessage> = {
  car: { vi: 'Ô tô', en: 'Car' }, truck: { vi: 'Xe tải', en: 'Truck' }, bus: { vi: 'Xe khách', en: 'Bus' }, motorbike: { vi: 'Xe máy', en: 'Motorbike' }, other: { vi: 'Khác', en: 'Other' },
};
const ACTION_LABELS: Record<string, string> = {
  none: 'Không', test: 'Xét nghiệm', home_monitoring: 'Theo dõi tại nhà', centralized_quarantine: 'Cách ly tập trung', test_at_checkpoint: 'Xét nghiệm tại chốt',
};
const TEST_LABELS: Record<string, LocalisedMessage> = { rt_pcr: { vi: 'RT-PCR', en: 'RT-PCR' }, rapid: { vi: 'Test nhanh', en: 'Rapid' } };
const SEX_LABELS: Record<string, LocalisedMessage> = { male: { vi: 'Nam', en: 'Male' }, female: { vi: 'Nữ', en: 'Female' }, other: { vi: 'Khác', en: 'Other' } };

/** A coded value from its key or either label, accents and case aside; the text itself when none matches (the check names it). */
export function codeOf(labels: Record<string, LocalisedMessage>, raw: string | null | undefined): string | null {
  if (!raw?.trim()) return null;
  const f = foldVietnamese(raw);
  for (const [k, l] of Object.entries(labels)) if (f === foldVietnamese(k) || f === foldVietnamese(l.vi) || f === foldVietnamese(l.en)) return k;
  return raw.trim();
}
export const LABELS = { originLevel: ORIGIN_LEVEL_LABELS, category: CATEGORY_LABELS, means: MEANS_LABELS, testType: TEST_LABELS, sex: SEX_LABELS } as const;

const header = (c: SheetColumn<string>) => `${c.vi} / ${c.en}`;

export async function parseArrivalSheet(data: Buffer) {
  return readImportSheet<ArrivalColumnKey>(data, {
    columns: ARRIVAL_COLUMNS,
    missing: (found) => ({ columns: ARRIVAL_COLUMNS.filter((c) => ['fullName', 'originProvince', 'originLevel', 'communeCode'].includes(c.key) && !found.has(c.key)) }),
    maxRows: MAX_ARRIVAL_ROWS,
  });
}

export async function arrivalTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Người đến');
  ws.columns = ARRIVAL_COLUMNS.map((c) => ({ header: header(c), key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({
    fullName: 'Nguyễn Văn An', sex: 'Nam', dateOfBirth: '12/05/1990', phone: '0912345678', arrivedAt: '09/06/2021 08:30', originProvince: 'Bắc Ninh',
    originLevel: 'Vùng dịch', means: 'Xe máy', purpose: 'Về quê', communeCode: '07801', destAddress: 'Thôn Trung Đồng', category: 'Người dân',
  });
  const lists = wb.addWorksheet('Giá trị');
  lists.columns = [{ header: 'Mức nơi đi', width: 24 }, { header: 'Đối tượng', width: 24 }, { header: 'Phương tiện', width: 16 }, { header: 'Loại xét nghiệm', width: 16 }];
  const cols = [Object.values(ORIGIN_LEVEL_LABELS), Object.values(CATEGORY_LABELS), Object.values(MEANS_LABELS), Object.values(TEST_LABELS)];
  for (let i = 0; i < Math.max(...cols.map((c) => c.length)); i++) lists.addRow(cols.map((c) => c[i]?.vi ?? null));
  return await workbookBuffer(wb);
}

export interface ArrivalExportRow {
  fullName: string; dateOfBirth: string | null; nationalId: string | null; phone: string | null; arrivedAt: string; originProvinceName: string | null; originDistrictName: string | null;
  originLevel: string; means: string; purpose: string | null; communeCode: string; destAddress: string | null; category: string; vehiclePlate: string | null; route: string | null;
  testType: string | null; testAt: string | null; checkpointName: string | null; action: string; actionStatus: string; ruleCode: string;
}

const vnTime = (iso: string | null) => {
  if (!iso) return null;
  const s = new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
  return `${vnDateText(s.slice(0, 10))} ${s.slice(11, 16)}`;
};

/** The export uses the template's columns first, so a list can be edited and imported back; then the checkpoint and measure. */
export async function writeArrivalSheet(rows: ArrivalExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Người đến');
  ws.columns = [
    ...ARRIVAL_COLUMNS.map((c) => ({ header: header(c), key: c.key, width: c.width })),
    { header: 'Chốt / Checkpoint', key: 'checkpointName', width: 24 }, { header: 'Biện pháp / Measure', key: 'action', width: 20 },
    { header: 'Trạng thái / Status', key: 'actionStatus', width: 14 }, { header: 'Quy định / Rule', key: 'ruleCode', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow({
      fullName: neutraliseFormula(r.fullName), dateOfBirth: r.dateOfBirth?.includes('*') ? r.dateOfBirth : vnDateText(r.dateOfBirth), nationalId: r.nationalId, phone: r.phone,
      arrivedAt: vnTime(r.arrivedAt), originProvince: r.originProvinceName, originDistrict: r.originDistrictName, originLevel: ORIGIN_LEVEL_LABELS[r.originLevel as OriginLevel]?.vi ?? r.originLevel,
      means: MEANS_LABELS[r.means]?.vi ?? r.means, purpose: neutraliseFormula(r.purpose), communeCode: r.communeCode, destAddress: neutraliseFormula(r.destAddress),
      category: CATEGORY_LABELS[r.category as ArrivalCategory]?.vi ?? r.category, vehiclePlate: neutraliseFormula(r.vehiclePlate), route: neutraliseFormula(r.route),
      testType: r.testType ? TEST_LABELS[r.testType]?.vi ?? r.testType : null, testAt: vnTime(r.testAt), checkpointName: r.checkpointName,
      action: ACTION_LABELS[r.action] ?? r.action, actionStatus: r.actionStatus, ruleCode: r.ruleCode,
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return await workbookBuffer(wb);
}

/** The column an issue's field names (`person/phone` → the phone column). */
function issueColumn(field: string): string | undefined {
  const key = field.replace(/^person\//, '').replace(/^originProvinceCode$/, 'originProvince').replace(/^originDistrictCode$/, 'originDistrict');
  const c = ARRIVAL_COLUMNS.find((x) => x.key === key);
  return c ? `${c.vi} / ${c.en}` : undefined;
}

/** The error report of an arrivals file (lib/xlsx's issues sheet, as every import's). */
export function arrivalIssuesSheet(issues: ReadonlyArray<{ row?: number | undefined; field?: string | undefined; code: string; message: LocalisedMessage }>): Promise<Buffer> {
  return issuesWorkbook(issues, issueColumn);
}
