/**
 * Importing dose records from a spreadsheet: every row checked (person matched by ID number, else
 * phone + name + date of birth; product, site, lot; the same dose checks as the form, rows of one
 * person taken in dose order) before anything is written. The preview says what is new and what is
 * already recorded; the commit writes all new rows or none; re-importing the same file changes nothing.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { cellText, dateCellText, readImportSheet, type SheetColumn, workbookBuffer } from '../../lib/xlsx.ts';
import { type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, assertPermission } from '../auth/policy.ts';
import { findRegisterMatches, parseCalendarDate } from '../people/people.service.ts';
import { normalisePhone } from '../people/people.domain.ts';
import { checkOne, doseContext } from './doses.service.ts';
import * as repo from './vaccination.repository.ts';
import { issue } from './vaccination.service.ts';

export type DoseColumnKey = 'nationalId' | 'phone' | 'fullName' | 'dateOfBirth' | 'doseNumber' | 'product' | 'doseDate' | 'site' | 'lotNumber' | 'overrideReason';

export const DOSE_COLUMNS: Array<SheetColumn<DoseColumnKey> & { width: number }> = [
  { key: 'nationalId', vi: 'Số CCCD/CMND', en: 'ID number', width: 16 },
  { key: 'phone', vi: 'Số điện thoại', en: 'Phone', width: 14 },
  { key: 'fullName', vi: 'Họ và tên', en: 'Full name', width: 26 },
  { key: 'dateOfBirth', vi: 'Ngày sinh', en: 'Date of birth', width: 13 },
  { key: 'doseNumber', vi: 'Mũi số', en: 'Dose number', width: 8, aliases: ['mui'] },
  { key: 'product', vi: 'Loại vắc xin', en: 'Vaccine', width: 18 },
  { key: 'doseDate', vi: 'Ngày tiêm', en: 'Dose date', width: 13 },
  { key: 'site', vi: 'Điểm tiêm', en: 'Vaccination site', width: 28 },
  { key: 'lotNumber', vi: 'Số lô', en: 'Lot number', width: 14 },
  { key: 'overrideReason', vi: 'Lý do tiêm sớm', en: 'Reason for early dose', width: 24 },
];
const DATE_KEYS = new Set<DoseColumnKey>(['dateOfBirth', 'doseDate']);
export const MAX_DOSE_ROWS = 20_000;

export async function doseTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mũi tiêm');
  ws.columns = DOSE_COLUMNS.map((c) => ({ header: `${c.vi} / ${c.en}`, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({ nationalId: '024095001234', phone: '0912345678', fullName: 'Nguyễn Văn An', dateOfBirth: '15/03/1995', doseNumber: 1, product: 'AstraZeneca', doseDate: '05/06/2021', site: 'Trạm Y tế xã Vân Trung', lotNumber: 'AZ-2021-01' });
  return await workbookBuffer(wb);
}

const PRODUCT_ALIASES: Array<[string, string]> = [
  ['astrazeneca', 'astrazeneca'], ['vaxzevria', 'astrazeneca'], ['az', 'astrazeneca'], ['pfizer', 'pfizer'], ['comirnaty', 'pfizer'], ['moderna', 'moderna'], ['spikevax', 'moderna'],
  ['vero cell', 'verocell'], ['verocell', 'verocell'], ['sinopharm', 'verocell'], ['sputnik', 'sputnik_v'], ['janssen', 'janssen'], ['johnson', 'janssen'],
];
function productOf(raw: string): string | null {
  const f = foldVietnamese(raw).replace(/[^a-z0-9 ]/g, ' ').trim();
  for (const [alias, code] of PRODUCT_ALIASES) if (f === alias || f.startsWith(`${alias} `) || f.includes(alias) && alias.length > 2) return code;
  return null;
}

interface PlannedRow {
  row: number; personId: number; fullName: string; doseNumber: number; productCode: string; doseDate: string; siteId: number | null; lotId: number | null;
  overrideReason: string | null; status: 'create' | 'unchanged'; communeCode: string; warnings: string[];
}

/** Reads and checks the file: the plan and every issue (row and field named). */
async function plan(db: Db, actor: Actor, file: Buffer) {
  const rows = await readImportSheet(file, {
    columns: DOSE_COLUMNS,
    missing: (found) => ({ columns: DOSE_COLUMNS.filter((c) => ['fullName', 'doseNumber', 'product', 'doseDate'].includes(c.key) && !found.has(c.key)) }),
    cell: (key, v) => (DATE_KEYS.has(key) ? dateCellText(v) : cellText(v)),
    maxRows: MAX_DOSE_ROWS,
  });
  const issues: FieldIssue[] = [];
  const today = vnDate();
  const bad = (row: number, field: DoseColumnKey, code: string, vi: string, en: string) => {
    const c = DOSE_COLUMNS.find((x) => x.key === field)!;
    issues.push(issue(field, code, `${c.vi}: ${vi}`, `${c.en}: ${en}`, row));
  };
  const ids = rows.map((r) => r.input.nationalId?.replace(/\s/g, '') ?? '').filter(Boolean);
  const phones = rows.map((r) => (r.input.phone ? normalisePhone(r.input.phone) : null)).filter((p): p is string => !!p);
  const matches = await findRegisterMatches(db, { nationalIds: ids, phones });
  const sites = await db.selectFrom('vaccination_site as s').innerJoin('org_unit as o', 'o.id', 's.org_unit_id').select(['o.id', 'o.name', 'o.code'])
    .where('s.province_code', '=', actor.provinceCode).execute();
  const siteOf = new Map<string, number>();
  for (const s of sites) {
    siteOf.set(foldVietnamese(s.name), s.id);
    if (s.code) siteOf.set(foldVietnamese(s.code), s.id);
  }
  const lots = await repo.lotsByNumber(db, actor.provinceCode, [...new Set(rows.map((r) => r.input.lotNumber?.trim() ?? '').filter(Boolean))]);
  const drafts: Array<PlannedRow & { lot: (typeof lots)[number] | null }> = [];
  for (const { row, input } of rows) {
    const before = issues.length;
    const name = input.fullName?.trim() ?? '';
    if (!name) bad(row, 'fullName', 'REQUIRED', 'bắt buộc', 'required');
    const dob = input.dateOfBirth ? parseCalendarDate(input.dateOfBirth) : null;
    if (input.dateOfBirth && !dob) bad(row, 'dateOfBirth', 'INVALID_DATE', `"${input.dateOfBirth}" không phải ngày`, `"${input.dateOfBirth}" is not a date`);
    const doseDate = input.doseDate ? parseCalendarDate(input.doseDate) : null;
    if (!doseDate) bad(row, 'doseDate', 'INVALID_DATE', input.doseDate ? `"${input.doseDate}" không phải ngày` : 'bắt buộc', input.doseDate ? `"${input.doseDate}" is not a date` : 'required');
    const doseNumber = Number(input.doseNumber);
    if (!Number.isInteger(doseNumber) || doseNumber < 1 || doseNumber > 5) bad(row, 'doseNumber', 'INVALID', `"${input.doseNumber ?? ''}" không phải mũi 1–5`, `"${input.doseNumber ?? ''}" is not dose 1–5`);
    const productCode = input.product ? productOf(input.product) : null;
    if (!productCode) bad(row, 'product', 'UNKNOWN_PRODUCT', `không rõ loại vắc xin "${input.product ?? ''}"`, `unknown vaccine "${input.product ?? ''}"`);
    const siteId = input.site ? siteOf.get(foldVietnamese(input.site)) ?? null : null;
    if (input.site && siteId === null) bad(row, 'site', 'UNKNOWN_SITE', `không có điểm tiêm "${input.site}"`, `no vaccination site "${input.site}"`);
    const lotNumber = input.lotNumber?.trim() ?? '';
    const lot = lotNumber ? lots.find((l) => l.lot_number === lotNumber && (!productCode || l.product_code === productCode)) ?? lots.find((l) => l.lot_number === lotNumber) ?? null : null;
    if (lotNumber && !lot) bad(row, 'lotNumber', 'UNKNOWN_LOT', `không có lô "${lotNumber}"`, `no lot "${lotNumber}"`);
    // The person: ID number first, else phone + name + date of birth.
    const nid = input.nationalId?.replace(/\s/g, '') ?? '';
    const phone = input.phone ? normalisePhone(input.phone) : null;
    const folded = foldVietnamese(name);
    let person = nid ? matches.find((m) => m.national_id === nid) : undefined;
    if (!person && phone) person = matches.find((m) => m.phone === phone && foldVietnamese(m.full_name) === folded && (!dob || m.date_of_birth === dob));
    if (!person) {
      if (name) bad(row, nid ? 'nationalId' : 'phone', 'UNKNOWN_PERSON', 'không tìm thấy người này trong sổ (số CCCD, hoặc điện thoại + họ tên + ngày sinh)', 'no such person in the register (ID number, or phone + name + date of birth)');
    } else if (!areaInScope(actor, person)) {
      bad(row, 'nationalId', 'OUT_OF_SCOPE', 'người này ngoài địa bàn bạn phụ trách', 'this person is outside your area');
    }
    if (issues.length > before || !person || !productCode || !doseDate) continue;
    drafts.push({
      row, personId: person.id, fullName: person.full_name, doseNumber, productCode, doseDate, siteId, lotId: lot?.id ?? null, lot,
      overrideReason: input.overrideReason?.trim() || null, status: 'create', communeCode: person.commune_code, warnings: [],
    });
  }
  // Dose checks in dose order per person, the file's earlier doses counting as prior ones.
  const ctx = await doseContext(db, actor.provinceCode, [...new Set(drafts.map((d) => d.personId))]);
  const existing = new Map(ctx.prior.map((d) => [`${d.person_id}:${d.dose_number}`, d]));
  const seen = new Set<string>();
  drafts.sort((a, b) => a.personId - b.personId || a.doseNumber - b.doseNumber || a.row - b.row);
  for (const d of drafts) {
    const key = `${d.personId}:${d.doseNumber}`;
    if (seen.has(key)) {
      bad(d.row, 'doseNumber', 'DUPLICATE_IN_FILE', `mũi ${d.doseNumber} của người này có ở dòng khác`, `dose ${d.doseNumber} of this person is on another row`);
      continue;
    }
    seen.add(key);
    const had = existing.get(key);
    if (had) {
      if (had.product_code === d.productCode && had.dose_date === d.doseDate) {
        d.status = 'unchanged';
      } else {
        bad(d.row, 'doseNumber', 'DOSE_EXISTS', `người này đã có mũi ${d.doseNumber} khác (${had.product_code}, ${had.dose_date})`, `this person already has a different dose ${d.doseNumber} (${had.product_code}, ${had.dose_date})`);
      }
      continue;
    }
    const c = checkOne(ctx, d, d.lot, today);
    const fieldOf: Record<string, DoseColumnKey> = { doseDate: 'doseDate', doseNumber: 'doseNumber', productCode: 'product', lotId: 'lotNumber', overrideReason: 'overrideReason' };
    for (const e of c.errors) issues.push({ ...e, field: fieldOf[e.field] ?? e.field, row: d.row });
    d.warnings = c.warnings.map((w) => w.code);
    if (!c.overridden) d.overrideReason = null;
    if (c.errors.length === 0) ctx.priorOf.set(d.personId, [...(ctx.priorOf.get(d.personId) ?? []), { doseNumber: d.doseNumber, productCode: d.productCode, doseDate: d.doseDate }]);
  }
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  drafts.sort((a, b) => a.row - b.row);
  return { total: rows.length, drafts, issues };
}

/** Preview (dryRun) or commit, all rows or none. */
export async function importDoses(db: Db, actor: Actor, file: Buffer, opts: { dryRun?: boolean | undefined }) {
  assertPermission(actor, 'vaccination:write');
  const p = await plan(db, actor, file);
  const toCreate = p.drafts.filter((d) => d.status === 'create');
  const report = {
    dryRun: opts.dryRun ?? false, total: p.total, created: toCreate.length, unchanged: p.drafts.length - toCreate.length, issues: p.issues,
    rows: p.drafts.map((d) => ({ row: d.row, fullName: d.fullName, doseNumber: d.doseNumber, productCode: d.productCode, doseDate: d.doseDate, status: d.status, warnings: d.warnings })),
  };
  if (p.issues.length) {
    if (opts.dryRun) return { ...report, created: 0 };
    throw new ValidationError(p.issues);
  }
  if (opts.dryRun) return report;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < toCreate.length; i += 1000) {
      await trx.insertInto('vaccine_dose').values(toCreate.slice(i, i + 1000).map((d) => ({
        province_code: actor.provinceCode, commune_code: d.communeCode, person_id: d.personId, dose_number: d.doseNumber, product_code: d.productCode,
        dose_date: d.doseDate, site_id: d.siteId, lot_id: d.lotId, early_override_reason: d.overrideReason, source: 'import' as const, created_by: actor.userId || null,
      }))).execute();
    }
    await recordAudit(trx, actor, { action: 'import', recordKind: 'vaccine_dose', recordId: null, detail: { created: toCreate.length, unchanged: report.unchanged, people: toCreate.map((d) => d.personId) } });
  });
  return report;
}
