/**
 * A commune's list of arrivals from a spreadsheet: every row checked like one logged on screen
 * (with its row number on each issue); a dry run previews, the commit is all or nothing and
 * re-checks inside its transaction. Orders the measures ask for stay pending, applied from the list.
 */
import type { Db } from '../../db/database.ts';
import type { ArrivalCategory, OriginLevel } from '../../db/schema.ts';
import { parseCalendarDate } from '../people/people.service.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertPermission } from '../auth/policy.ts';
import { type ArrivalInput, checkArrivals, type Means, writeArrivals } from './arrivals.core.ts';
import { ARRIVAL_CATEGORIES, ORIGIN_LEVELS } from './arrivals.rules.ts';
import { arrivalIssuesSheet, codeOf, LABELS, parseArrivalSheet } from './arrivals.xlsx.ts';

/** 'dd/mm/yyyy HH:MM' (Vietnam time) or an ISO text → ISO instant; null when empty; the text itself when unreadable (the check refuses it). */
export function vnInstant(raw: string | null | undefined): string | null {
  if (!raw?.trim()) return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(raw.trim());
  const d = m ? new Date(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}T${(m[4] ?? '00').padStart(2, '0')}:${m[5] ?? '00'}:00+07:00`) : null;
  // 31/02/2021 or 25:00 is no instant: left as text for the check to refuse (was a RangeError, a 500).
  if (d && !Number.isNaN(d.getTime())) return d.toISOString();
  return raw.trim();
}

const issue = (row: number, field: string, code: string, vi: string, en: string): FieldIssue => ({ row, field, code, message: { vi, en } });

async function checkFile(db: Db, actor: Actor, file: Buffer, now: Date) {
  const rows = await parseArrivalSheet(file);
  const provinces = await db.selectFrom('admin_unit').select(['code', 'name', 'level', 'parent_code']).where('level', 'in', ['province', 'district']).execute();
  const provinceByName = new Map(provinces.filter((p) => p.level === 'province').flatMap((p) => [[p.code, p.code], [foldVietnamese(p.name), p.code], [foldVietnamese(p.name.replace(/^(Tỉnh|Thành phố)\s+/i, '')), p.code]]));
  const districtOf = (province: string, raw: string) => {
    const f = foldVietnamese(raw);
    return provinces.find((d) => d.level === 'district' && d.parent_code === province && (d.code === raw || foldVietnamese(d.name) === f || foldVietnamese(d.name.replace(/^(Huyện|Quận|Thị xã|Thành phố)\s+/i, '')) === f))?.code ?? raw;
  };
  const issues: FieldIssue[] = [];
  const inputs: ArrivalInput[] = rows.map(({ row, input: x }) => {
    const province = x.originProvince ? provinceByName.get(foldVietnamese(x.originProvince)) ?? x.originProvince : '';
    const level = codeOf(LABELS.originLevel, x.originLevel);
    const category = codeOf(LABELS.category, x.category) ?? 'ordinary';
    const means = codeOf(LABELS.means, x.means) ?? 'other';
    const testType = codeOf(LABELS.testType, x.testType);
    if (!level || !ORIGIN_LEVELS.includes(level as OriginLevel)) issues.push(issue(row, 'originLevel', 'INVALID', `Mức nơi đi "${x.originLevel ?? ''}" không hợp lệ`, `Unknown origin level "${x.originLevel ?? ''}"`));
    if (!ARRIVAL_CATEGORIES.includes(category as ArrivalCategory)) issues.push(issue(row, 'category', 'INVALID', `Đối tượng "${category}" không hợp lệ`, `Unknown category "${category}"`));
    if (!(['car', 'truck', 'bus', 'motorbike', 'other'] as string[]).includes(means)) issues.push(issue(row, 'means', 'INVALID', `Phương tiện "${means}" không hợp lệ`, `Unknown means "${means}"`));
    if (testType && testType !== 'rt_pcr' && testType !== 'rapid') issues.push(issue(row, 'testType', 'INVALID', `Loại xét nghiệm "${testType}" không hợp lệ`, `Unknown test type "${testType}"`));
    const dob = x.dateOfBirth ? parseCalendarDate(x.dateOfBirth) ?? x.dateOfBirth : null;
    return {
      person: { fullName: x.fullName ?? '', sex: codeOf(LABELS.sex, x.sex) ?? 'other', dateOfBirth: dob, nationalId: x.nationalId ?? null, phone: x.phone ?? null },
      checkpointId: null, arrivedAt: vnInstant(x.arrivedAt), originProvinceCode: province, originDistrictCode: x.originDistrict ? districtOf(province, x.originDistrict) : null,
      originLevel: (level ?? 'none') as OriginLevel, means: means as Means, purpose: x.purpose ?? null, communeCode: x.communeCode ?? '', destAddress: x.destAddress ?? null,
      category: category as ArrivalCategory, vehiclePlate: x.vehiclePlate ?? null, route: x.route ?? null, testType: (testType as 'rt_pcr' | 'rapid' | null) ?? null, testAt: vnInstant(x.testAt),
    };
  });
  if (issues.length) return { rows, issues, checked: [] };
  const r = await checkArrivals(db, actor, inputs, 'import', now, true);
  // checkArrivals numbers rows by position (+2 for the header); the sheet's own numbers skip empty rows.
  const rowOf = (n: number | undefined) => (n === undefined ? undefined : rows[n - 2]?.row ?? n);
  return { rows, issues: r.issues.map((i) => ({ ...i, row: rowOf(i.row) })), checked: r.checked };
}

export async function importArrivals(db: Db, actor: Actor, file: Buffer, opts: { dryRun: boolean; now?: Date | undefined }) {
  assertPermission(actor, 'arrival:write');
  if (actor.scopeKind === 'org') throw Errors.forbidden();
  const now = opts.now ?? new Date();
  const first = await checkFile(db, actor, file, now);
  if (first.issues.length) throw new ValidationError(first.issues);
  const actions = (list: typeof first.checked) => ({
    centralized: list.filter((c) => c.decision.action === 'centralized_quarantine').length,
    home: list.filter((c) => c.decision.action === 'home_monitoring').length,
    test: list.filter((c) => c.decision.action === 'test' || c.decision.action === 'test_at_checkpoint').length,
  });
  if (opts.dryRun) return { dryRun: true, total: first.rows.length, created: 0, issues: [], actions: actions(first.checked) };
  const created = await db.transaction().execute(async (trx) => {
    const again = await checkFile(trx, actor, file, now);
    if (again.issues.length) throw new ValidationError(again.issues);
    const written = await writeArrivals(trx, actor, again.checked, 'import');
    await recordAudit(trx, actor, { action: 'import', recordKind: 'arrival', detail: { rows: again.rows.length, ids: written.map((w) => w.id) } });
    return written.length;
  });
  return { dryRun: false, total: first.rows.length, created, issues: [], actions: actions(first.checked) };
}

/**
 * The downloadable error report of a file (XLSX: row, column, code, vi and en message), checked as
 * the import's dry run checks it; writes nothing. A file without issues gives the header row only.
 */
export async function importErrorReport(db: Db, actor: Actor, file: Buffer, opts: { now?: Date | undefined } = {}): Promise<{ issues: number; xlsx: Buffer }> {
  assertPermission(actor, 'arrival:write');
  if (actor.scopeKind === 'org') throw Errors.forbidden();
  let issues: FieldIssue[];
  try {
    issues = (await checkFile(db, actor, file, opts.now ?? new Date())).issues;
  } catch (e) {
    // An unreadable sheet, a missing column, too many rows: the report says so.
    if (!(e instanceof ValidationError)) throw e;
    issues = e.issues;
  }
  return { issues: issues.length, xlsx: await arrivalIssuesSheet(issues) };
}
