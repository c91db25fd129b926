/**
 * Importing a lab's result file (CSV or XLSX, up to 22,000 rows a day): every row is checked
 * against the samples and pools it names (unknown barcode, already resulted with another result,
 * a test date before the sample was taken, a case this user may not confirm); then either all
 * rows or none are applied, or each valid row, as the user chose. A file already applied (same
 * content) changes nothing. Each attempt is recorded with its per-row report for download.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { vnDateText } from '../../lib/xlsx.ts';
import { Errors } from '../../server/errors.ts';
import { type Actor, assertPermission } from '../auth/policy.ts';
import { type LabFileIssue, type LabRow, labReportSheet, parseLabFile } from './lab-file.ts';
import * as repo from './testing.repository.ts';
import { type ResultItem, applyResults, confirmingSamples, mayConfirmCases } from './testing.results.ts';

export type ImportMode = 'all_or_nothing' | 'per_row';
/** The response lists at most this many issues; the downloadable report has them all. */
const ISSUES_SHOWN = 500;

function rowIssue(r: LabRow, field: LabFileIssue['field'], code: string, vi: string, en: string): LabFileIssue {
  return { row: r.row, field, code, value: field === 'barcode' ? r.barcode : field === 'testDate' ? r.testDate : null, message: { vi: `Dòng ${r.row}: ${vi}`, en: `Row ${r.row}: ${en}` } };
}

export async function importLabResults(db: Db, actor: Actor, data: Buffer, opts: { mode: ImportMode; fileName?: string | null | undefined }, today = vnDate()) {
  assertPermission(actor, 'sample:write');
  const sha256 = createHash('sha256').update(data).digest('hex');
  const earlier = await db.selectFrom('lab_import').select(['id', 'total', 'applied', 'created_at']).where('province_code', '=', actor.provinceCode)
    .where('sha256', '=', sha256).where('status', '=', 'applied').executeTakeFirst();
  if (earlier) {
    return { importId: earlier.id, duplicateOf: earlier.id, status: 'applied' as const, total: earlier.total, applied: 0, unchanged: earlier.total, rejected: 0, cleared: 0, retests: 0, caseIds: [], issues: [] };
  }
  const parsed = await parseLabFile(data, { today });
  const issues: LabFileIssue[] = [...parsed.issues];
  const { samples, pools } = await repo.byBarcodes(db, actor.provinceCode, parsed.rows.map((r) => r.barcode));
  const sampleBy = new Map(samples.map((s) => [s.barcode!, s]));
  const poolBy = new Map(pools.map((p) => [p.barcode, p]));
  const items: Array<ResultItem & { row: LabRow }> = [];
  let unchanged = 0;
  for (const r of parsed.rows) {
    const s = sampleBy.get(r.barcode);
    const p = poolBy.get(r.barcode);
    const target = s ? { kind: 'sample' as const, ...s } : p ? { kind: 'pool' as const, ...p } : null;
    if (!target) {
      issues.push(rowIssue(r, 'barcode', 'UNKNOWN_BARCODE', `không có ống mẫu hay mẫu gộp mã ${r.barcode}`, `no tube or pool has barcode ${r.barcode}`));
      continue;
    }
    if (target.result !== null) {
      if (target.result === r.result) unchanged++;
      else issues.push(rowIssue(r, 'result', 'ALREADY_RESULTED', `mẫu ${r.barcode} đã có kết quả khác (${target.result}, ngày ${vnDateText(target.resulted_on)})`, `${r.barcode} already has another result (${target.result} of ${target.resulted_on})`));
      continue;
    }
    if (r.testDate < target.taken_on) {
      issues.push(rowIssue(r, 'testDate', 'RANGE', `ngày xét nghiệm trước ngày lấy mẫu (${vnDateText(target.taken_on)})`, `the test date is before the sample was taken (${target.taken_on})`));
      continue;
    }
    items.push({ kind: target.kind, id: target.id, result: r.result, ct: r.ct, lab: r.lab, resultedOn: r.testDate, row: r });
  }
  if (!mayConfirmCases(actor)) {
    const confirming = await confirmingSamples(db, items);
    for (let i = items.length - 1; i >= 0; i--) {
      const it = items[i]!;
      if (it.kind !== 'sample' || !confirming.has(it.id)) continue;
      issues.push(rowIssue(it.row, 'result', 'CANNOT_CONFIRM_CASE', `kết quả dương tính RT-PCR của ${it.row.barcode} xác định ca bệnh: CDC hoặc trung tâm y tế cần nhập`, `the positive RT-PCR of ${it.row.barcode} confirms a case: CDC or district health must enter it`));
      items.splice(i, 1);
    }
  }
  issues.sort((a, b) => a.row - b.row);
  const rejectedRows = new Set(issues.map((i) => i.row)).size;
  const apply = opts.mode === 'per_row' || issues.length === 0;
  const outcome = apply && items.length
    ? await applyResults(db, actor, items.map(({ row: _row, ...i }) => i), today, { file: opts.fileName ?? null, sha256, rows: parsed.total }, new Map(samples.map((s) => [s.id, s])))
    : { samples: 0, pools: 0, cleared: 0, retests: 0, caseIds: [], flaggedOrderIds: [], needsConfirmation: [] };
  const applied = outcome.samples + outcome.pools;
  const status = apply ? 'applied' as const : 'rejected' as const;
  const rec = await db.insertInto('lab_import').values({
    province_code: actor.provinceCode, sha256, file_name: opts.fileName ?? null, mode: opts.mode, status, total: parsed.total, applied, rejected: rejectedRows,
    report: JSON.stringify(issues), created_by: actor.userId || null,
  }).onConflict((oc) => oc.columns(['province_code', 'sha256']).where('status', '=', 'applied').doNothing()).returning('id').executeTakeFirst();
  return {
    importId: rec?.id ?? null, duplicateOf: null, status, total: parsed.total, applied, unchanged, rejected: rejectedRows,
    cleared: outcome.cleared, retests: outcome.retests, caseIds: outcome.caseIds, issues: issues.slice(0, ISSUES_SHOWN),
  };
}

export async function importReport(db: Db, actor: Actor, id: number): Promise<Buffer> {
  assertPermission(actor, 'sample:write');
  const r = await db.selectFrom('lab_import').select(['province_code', 'report']).where('id', '=', id).executeTakeFirst();
  if (!r || r.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `lần nhập ${id}`, en: `import ${id}` });
  return labReportSheet(r.report as LabFileIssue[]);
}
