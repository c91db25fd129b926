/**
 * Importing quarantine orders from a spreadsheet (a district's list of decisions): each row is
 * checked like an order made on screen (person, scope, rule version, the F1's traced source)
 * before anything is written; all rows or none, and a dry run reports without writing.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import type { EdgeKind, QuarantineKind, QuarantineSubject, RiskGroup } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { type SheetColumn, type SheetRow, cellText, dateCellText, readImportSheet, workbookBuffer } from '../../lib/xlsx.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { FieldIssue } from '../../server/errors.ts';
import { ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertPermission } from '../auth/policy.ts';
import { parseCalendarDate } from '../people/people.domain.ts';
import { type OrderInput, type PlannedOrder, insertPlannedOrders, ordersWritten, planOrder } from './quarantine.service.ts';

type Key = 'personId' | 'kind' | 'subject' | 'startDate' | 'riskGroup' | 'vaccinatedOrRecovered' | 'homeAddress'
  | 'sourcePersonId' | 'sourceKind' | 'sourceDate' | 'sourceReason' | 'ruleCode' | 'ruleReason';

export const ORDER_COLUMNS: ReadonlyArray<SheetColumn<Key> & { width: number; example: string }> = [
  { key: 'personId', vi: 'Mã người', en: 'Person id', width: 10, example: '1024' },
  { key: 'kind', vi: 'Hình thức', en: 'Kind', width: 14, example: 'tập trung' },
  { key: 'subject', vi: 'Đối tượng', en: 'Subject', width: 12, example: 'F1' },
  { key: 'startDate', vi: 'Ngày bắt đầu', en: 'Start date', width: 13, example: '25/05/2021' },
  { key: 'riskGroup', vi: 'Nhóm nguy cơ', en: 'Risk group', width: 13, example: 'cao' },
  { key: 'vaccinatedOrRecovered', vi: 'Đã tiêm đủ hoặc đã khỏi bệnh', en: 'Vaccinated or recovered', width: 12, example: 'không' },
  { key: 'homeAddress', vi: 'Địa chỉ cách ly tại nhà', en: 'Home address', width: 28, example: '' },
  { key: 'sourcePersonId', vi: 'Mã người nguồn lây', en: 'Source person id', width: 12, example: '877' },
  { key: 'sourceKind', vi: 'Mối liên hệ', en: 'Link', width: 14, example: 'hộ gia đình' },
  { key: 'sourceDate', vi: 'Ngày tiếp xúc', en: 'Exposure date', width: 13, example: '23/05/2021' },
  { key: 'sourceReason', vi: 'Lý do nguồn khác truy vết', en: 'Source reason', width: 24, example: '' },
  { key: 'ruleCode', vi: 'Mã quy định', en: 'Rule code', width: 16, example: '' },
  { key: 'ruleReason', vi: 'Lý do áp dụng quy định khác', en: 'Rule reason', width: 24, example: '' },
];
export const MAX_ORDER_ROWS = 5000;

const KINDS: Record<string, QuarantineKind> = { 'tap trung': 'centralized', centralized: 'centralized', 'tai nha': 'home', home: 'home', 'cach ly y te': 'medical_isolation', medical_isolation: 'medical_isolation' };
const SUBJECTS: Record<string, QuarantineSubject> = { f1: 'f1', f2: 'f2', f0: 'case', case: 'case', 'nhap canh': 'returning_citizen', returning_citizen: 'returning_citizen' };
const RISKS: Record<string, RiskGroup> = { cao: 'high', high: 'high', 'trung binh': 'medium', medium: 'medium', thap: 'low', low: 'low' };
const LINKS: Record<string, EdgeKind> = {
  'ho gia dinh': 'household', household: 'household', 'phong tro': 'room', room: 'room', 'xuong ca': 'workshop_shift', 'phan xuong, ca': 'workshop_shift',
  workshop_shift: 'workshop_shift', 'xe dua don': 'bus_route', bus_route: 'bus_route', 'dia diem': 'venue', venue: 'venue', 'khai bao': 'manual', manual: 'manual',
};
const YES = new Set(['co', 'x', 'yes', 'true', '1']);
const NO = new Set(['khong', 'no', 'false', '0']);

export async function ordersTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Quyết định cách ly');
  ws.columns = ORDER_COLUMNS.map((c) => ({ header: `${c.vi} / ${c.en}`, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(Object.fromEntries(ORDER_COLUMNS.map((c) => [c.key, c.example])));
  const help = wb.addWorksheet('Hướng dẫn');
  help.addRows([
    ['Hình thức / Kind', 'tập trung | tại nhà | cách ly y tế'],
    ['Đối tượng / Subject', 'F1 | F2 | nhập cảnh | F0'],
    ['Nhóm nguy cơ / Risk group', 'cao | trung bình | thấp (bắt buộc với cách ly tập trung)'],
    ['Mối liên hệ / Link', 'hộ gia đình | phòng trọ | xưởng ca | xe đưa đón | địa điểm | khai báo'],
    ['Ngày / Dates', 'DD/MM/YYYY'],
    ['Nguồn lây / Source', 'Để trống với F1 để dùng kết quả truy vết; ghi lý do nếu khác / leave empty for an F1 to use the traced source'],
  ]);
  help.getColumn(1).width = 28;
  help.getColumn(2).width = 90;
  return await workbookBuffer(wb);
}

const issue = (row: number, field: string, code: string, vi: string, en: string): FieldIssue => ({ row, field, code, message: { vi, en } });

/** One sheet row as an order input, or the issues that stop it from being one. */
export function orderInputOf(r: SheetRow<Key>): { input: OrderInput | null; issues: FieldIssue[] } {
  const v = r.input;
  const issues: FieldIssue[] = [];
  const pick = <T>(field: Key, table: Record<string, T>, required: boolean, label: string): T | null => {
    const raw = v[field]?.trim();
    if (!raw) {
      if (required) issues.push(issue(r.row, field, 'REQUIRED', `thiếu ${label}`, `${field} is missing`));
      return null;
    }
    const found = table[foldVietnamese(raw)];
    if (found === undefined) issues.push(issue(r.row, field, 'INVALID', `${label} "${raw}" không hợp lệ`, `${field} "${raw}" is not valid`));
    return found ?? null;
  };
  const date = (field: Key, required: boolean, label: string): string | null => {
    const raw = v[field]?.trim();
    if (!raw) {
      if (required) issues.push(issue(r.row, field, 'REQUIRED', `thiếu ${label}`, `${field} is missing`));
      return null;
    }
    const d = parseCalendarDate(raw);
    if (!d) issues.push(issue(r.row, field, 'INVALID_DATE', `${label} "${raw}" không phải ngày DD/MM/YYYY`, `${field} "${raw}" is not a DD/MM/YYYY date`));
    return d;
  };
  const id = (field: Key, required: boolean, label: string): number | null => {
    const raw = v[field]?.trim();
    if (!raw) {
      if (required) issues.push(issue(r.row, field, 'REQUIRED', `thiếu ${label}`, `${field} is missing`));
      return null;
    }
    if (!/^\d{1,9}$/.test(raw)) {
      issues.push(issue(r.row, field, 'INVALID', `${label} "${raw}" không phải số`, `${field} "${raw}" is not a number`));
      return null;
    }
    return Number(raw);
  };
  const personId = id('personId', true, 'Mã người');
  const kind = pick('kind', KINDS, true, 'Hình thức');
  const subject = pick('subject', SUBJECTS, true, 'Đối tượng');
  const startDate = date('startDate', true, 'Ngày bắt đầu');
  const riskGroup = pick('riskGroup', RISKS, false, 'Nhóm nguy cơ');
  const vacc = foldVietnamese(v.vaccinatedOrRecovered?.trim() ?? '');
  if (vacc && !YES.has(vacc) && !NO.has(vacc)) issues.push(issue(r.row, 'vaccinatedOrRecovered', 'INVALID', `"${v.vaccinatedOrRecovered}" phải là có/không`, `"${v.vaccinatedOrRecovered}" must be yes/no`));
  const sourcePersonId = id('sourcePersonId', false, 'Mã người nguồn lây');
  const sourceKind = pick('sourceKind', LINKS, sourcePersonId !== null, 'Mối liên hệ');
  const sourceDate = date('sourceDate', sourcePersonId !== null, 'Ngày tiếp xúc');
  if (issues.length || personId === null || !kind || !subject || !startDate) return { input: null, issues };
  return {
    issues,
    input: {
      personId, kind, subject, startDate, riskGroup, vaccinatedOrRecovered: YES.has(vacc), homeAddress: v.homeAddress ?? null,
      ruleCode: v.ruleCode?.trim() || null, ruleReason: v.ruleReason ?? null, sourceReason: v.sourceReason ?? null,
      source: sourcePersonId !== null && sourceKind && sourceDate ? { personId: sourcePersonId, kind: sourceKind, groupId: null, date: sourceDate } : null,
    },
  };
}

export async function importOrders(db: Db, actor: Actor, data: Buffer, opts: { dryRun?: boolean | undefined }, today = vnDate()) {
  assertPermission(actor, 'quarantine:write');
  const rows = await readImportSheet<Key>(data, {
    columns: ORDER_COLUMNS,
    missing: (found) => ({ columns: ORDER_COLUMNS.filter((c) => ['personId', 'kind', 'subject', 'startDate'].includes(c.key) && !found.has(c.key)) }),
    cell: (key, value) => (key === 'startDate' || key === 'sourceDate' ? dateCellText(value) : cellText(value)),
    maxRows: MAX_ORDER_ROWS,
  });
  const issues: FieldIssue[] = [];
  const planned: PlannedOrder[] = [];
  const seen = new Map<number, number>();
  for (const r of rows) {
    const { input, issues: parseIssues } = orderInputOf(r);
    issues.push(...parseIssues);
    if (!input) continue;
    const first = seen.get(input.personId);
    if (first !== undefined) {
      issues.push(issue(r.row, 'personId', 'DUPLICATE', `người mã ${input.personId} đã có ở dòng ${first}`, `person ${input.personId} is already on row ${first}`));
      continue;
    }
    seen.set(input.personId, r.row);
    const p = await planOrder(db, actor, input, today);
    issues.push(...p.issues.map((i) => ({ ...i, row: r.row })));
    if (p.planned) planned.push(p.planned);
  }
  if (issues.length && !opts.dryRun) throw new ValidationError(issues);
  if (opts.dryRun) return { dryRun: true, total: rows.length, created: 0, issues };
  const ids = await db.transaction().execute(async (trx) => {
    const ids = await insertPlannedOrders(trx, actor, planned, 'import');
    await recordAudit(trx, actor, { action: 'import', recordKind: 'quarantine_order', detail: { rows: rows.length, created: ids.length } });
    return ids;
  });
  ordersWritten(db, actor, planned, ids);
  return { dryRun: false, total: rows.length, created: ids.length, issues: [] };
}
