/**
 * Importing a case spreadsheet: every row checked against the rules, the register and the
 * actor's scope before anything is written; all rows or none.
 */
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, assertPermission } from '../auth/policy.ts';
import { lookupUnits } from '../places/places.service.ts';
import { caseCodeFor, caseIssue, isOpenStatus, type ValidCase, validateCase } from './cases.domain.ts';
import * as repo from './cases.repository.ts';
import { afterWrite, areaOfCommuneUnit, type CaseArea, caseRowOf, isIssue } from './cases.service.ts';
import { type ParsedCaseRow, parseCasesSheet } from './cases.xlsx.ts';

interface PlannedImportRow {
  row: number;
  value: ValidCase;
  personId: number;
  area: CaseArea;
}

/** Validates every row of an import against the rules, the register and the actor's scope. */
async function planImport(db: Db, actor: Actor, rows: ParsedCaseRow[], today: string) {
  const issues: FieldIssue[] = [];
  const at = (row: number, i: FieldIssue) => issues.push({ ...i, row });
  // A masked ID from an export (********1234) identifies nobody: the person id does.
  const idOf = (r: ParsedCaseRow) => {
    const n = r.input.nationalId?.replace(/\s/g, '') || null;
    return n && !n.includes('*') ? n : null;
  };
  const personIds = rows.map((r) => r.input.personId?.trim()).filter((s): s is string => !!s && /^\d{1,9}$/.test(s)).map(Number);
  const nationalIds = rows.map(idOf).filter((s): s is string => !!s);
  const people = await repo.findPeopleForCases(db, { ids: personIds, nationalIds });
  const inProvince = people.filter((p) => p.province_code === actor.provinceCode);
  const byId = new Map(inProvince.map((p) => [p.id, p]));
  const byNationalId = new Map<string, typeof inProvince>();
  for (const p of inProvince) if (p.national_id) byNationalId.set(p.national_id, [...(byNationalId.get(p.national_id) ?? []), p]);
  const units = await lookupUnits(db, rows.map((r) => r.input.communeCode?.trim() ?? '').filter((c) => c));

  const planned: PlannedImportRow[] = [];
  for (const r of rows) {
    const v = validateCase(r.input, { today });
    const rowIssues: FieldIssue[] = v.ok ? [] : [...v.issues];
    let person: (typeof inProvince)[number] | undefined;
    const rawId = r.input.personId?.trim();
    const nationalId = idOf(r);
    if (rawId) {
      person = /^\d{1,9}$/.test(rawId) ? byId.get(Number(rawId)) : undefined;
      if (!person) rowIssues.push(caseIssue('personId', 'UNKNOWN_PERSON', `không có người mã "${rawId}" trong sổ đăng ký của tỉnh`, `no person of the province's register has id "${rawId}"`));
      else if (nationalId && person.national_id !== nationalId) {
        rowIssues.push(caseIssue('nationalId', 'MISMATCH', `không khớp với người mã ${person.id} (${person.full_name})`, `does not match person ${person.id} (${person.full_name})`));
      }
    } else if (nationalId) {
      const found = byNationalId.get(nationalId) ?? [];
      if (found.length === 1) person = found[0];
      else if (found.length === 0) rowIssues.push(caseIssue('nationalId', 'UNKNOWN_PERSON', `không có người mang số ${nationalId} trong sổ đăng ký của tỉnh`, `no person of the province's register has ID number ${nationalId}`));
      else rowIssues.push(caseIssue('nationalId', 'AMBIGUOUS', `có ${found.length} người cùng số này; hãy ghi Mã người`, `${found.length} people share this number; give the person id`));
    } else {
      rowIssues.push(caseIssue('personId', 'REQUIRED', 'ghi Mã người hoặc Số CCCD/CMND', 'give the person id or the ID number'));
    }
    let area: CaseArea | null = person ? { province_code: person.province_code, district_code: person.district_code, commune_code: person.commune_code } : null;
    const communeCode = r.input.communeCode?.trim();
    if (communeCode) {
      const a = areaOfCommuneUnit(actor, units.get(communeCode), communeCode);
      if (isIssue(a)) rowIssues.push(a);
      else area = a;
    }
    if (area && rowIssues.length === 0 && !areaInScope(actor, area)) {
      rowIssues.push(caseIssue('communeCode', 'OUT_OF_SCOPE', 'xã/phường của ca bệnh nằm ngoài địa bàn bạn phụ trách', "the case's commune is outside your area"));
    }
    for (const i of rowIssues) at(r.row, i);
    if (v.ok && person && area && rowIssues.length === 0) planned.push({ row: r.row, value: v.value, personId: person.id, area });
  }

  // Inside the file: one code per case, one open case per person.
  const codeRow = new Map<string, number>();
  const openRow = new Map<number, number>();
  for (const p of planned) {
    const code = p.value.caseCode;
    if (code && codeRow.has(code)) {
      at(p.row, caseIssue('caseCode', 'DUPLICATE_IN_FILE', `trùng với dòng ${codeRow.get(code)}`, `repeats row ${codeRow.get(code)}`));
    } else if (code) codeRow.set(code, p.row);
    if (openRow.has(p.personId)) {
      at(p.row, caseIssue('personId', 'DUPLICATE_IN_FILE', `người này đã là ca bệnh chưa kết thúc ở dòng ${openRow.get(p.personId)}`, `this person already has an open case at row ${openRow.get(p.personId)}`));
    } else if (isOpenStatus(p.value.status)) openRow.set(p.personId, p.row);
  }
  // Against the register.
  const taken = await repo.existingCaseCodes(db, [...codeRow.keys()]);
  const open = new Map((await repo.openCasesOf(db, planned.map((p) => p.personId))).map((o) => [o.person_id, o]));
  for (const p of planned) {
    if (p.value.caseCode && taken.has(p.value.caseCode) && codeRow.get(p.value.caseCode) === p.row) {
      at(p.row, caseIssue('caseCode', 'DUPLICATE', `${p.value.caseCode} đã có trong sổ`, `${p.value.caseCode} is already in the register`));
    }
    const o = open.get(p.personId);
    if (o) {
      at(p.row, caseIssue('personId', 'OPEN_CASE_EXISTS', `người này đang là ca bệnh ${o.case_code} chưa kết thúc`, `this person already has the open case ${o.case_code}`));
    }
  }
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { issues, planned };
}

/**
 * Imports a case spreadsheet all-or-nothing: every row is checked (fields, dates, the person,
 * the commune and scope, codes and open cases in the file and in the register) before anything
 * is written; one bad row rejects the file with the full per-row report.
 */
export async function importCases(db: Db, actor: Actor, file: Buffer, opts: { dryRun: boolean; today?: string }) {
  assertPermission(actor, 'case:import');
  const today = opts.today ?? vnDate();
  const rows = await parseCasesSheet(file);
  if (opts.dryRun) {
    const { issues } = await planImport(db, actor, rows, today);
    if (issues.length) throw new ValidationError(issues);
    return { dryRun: true, total: rows.length, created: 0, skipped: [], issues: [] };
  }
  const created = await db.transaction().execute(async (trx) => {
    await repo.lockCaseRegister(trx);
    const { issues, planned } = await planImport(trx, actor, rows, today);
    if (issues.length) throw new ValidationError(issues);
    let next = (await repo.maxCaseNumber(trx)) + 1;
    const taken = new Set(planned.map((p) => p.value.caseCode).filter((c): c is string => !!c));
    const codes = planned.map((p) => {
      if (p.value.caseCode) return p.value.caseCode;
      while (taken.has(caseCodeFor(next))) next++;
      return caseCodeFor(next++);
    });
    const ids = await repo.insertCases(trx, planned.map((p, i) => caseRowOf(p.value, codes[i]!, p.personId, p.area, {})));
    await repo.insertStatusEvents(trx, planned.map((p, i) => ({ case_id: ids[i]!, status: p.value.status, effective_date: p.value.confirmationDate, created_by: actor.userId })));
    await recordAudit(trx, actor, [
      { action: 'import', recordKind: 'case', detail: { rows: rows.length, created: ids.length } },
      ...ids.map((id, i) => ({ action: 'create' as const, recordKind: 'case', recordId: id, detail: { via: 'import', row: planned[i]!.row, caseCode: codes[i] } })),
    ]);
    return planned.map((p, i) => ({ id: ids[i]!, personId: p.personId, provinceCode: p.area.province_code }));
  });
  await afterWrite(db, actor, 'created', created);
  return { dryRun: false, total: rows.length, created: created.length, skipped: [], issues: [] };
}
