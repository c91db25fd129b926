import type { Db } from '../../db/database.ts';
import type { DocumentPerson } from '../../lib/admin-doc.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { type AnonymousActor, recordAudit } from '../audit/audit.service.ts';
import { type Actor, type AreaFilter, areaInScope, areaScopeFilter, assertPermission, maskedFieldsFor } from '../auth/policy.ts';
import type { AdminUnitRow } from '../places/places.domain.ts';
import { lookupUnit, lookupUnits } from '../places/places.service.ts';
import { maskValue, type PersonInput, softDuplicateKey, type ValidPerson, validatePerson } from './people.domain.ts';
import * as repo from './people.repository.ts';
import { parsePeopleSheet, writePeopleSheet } from './people.xlsx.ts';

export { importTemplate } from './people.xlsx.ts';

/** The rows of the register an actor may see, as decided by the policy's scope. */
function scopeFor(actor: Actor): repo.PersonScope {
  const area = areaScopeFilter(actor);
  if (area) return { kind: 'area', ...area };
  if (actor.scopeOrgId != null && actor.role === 'enterprise') return { kind: 'enterprise', orgId: actor.scopeOrgId };
  if (actor.scopeOrgId != null && actor.role === 'boarding_house_owner') return { kind: 'boarding_house', orgId: actor.scopeOrgId };
  return { kind: 'none' };
}

/** The facts of a person a document prints (certificates, result slips), masked as the actor's role requires. */
export function personOnDocument(
  actor: Actor,
  p: { full_name: string; sex: string; date_of_birth: string | null; national_id: string | null; address_detail: string | null; commune_name: string | null; district_name: string | null },
): DocumentPerson {
  const masked = new Set(maskedFieldsFor(actor));
  const area = [p.commune_name, p.district_name];
  return {
    fullName: p.full_name,
    birthYear: p.date_of_birth && !masked.has('dateOfBirth') ? Number(p.date_of_birth.slice(0, 4)) : null,
    sex: p.sex === 'male' || p.sex === 'female' ? p.sex : null,
    idNumber: masked.has('nationalId') ? maskValue(p.national_id, 4) : p.national_id,
    address: (masked.has('addressDetail') ? area : [p.address_detail, ...area]).filter(Boolean).join(', ') || null,
  };
}

/**
 * Published: a register row's personal fields as `actor` may see them (the year of birth, the last
 * digits of the ID and phone, no street), for every presenter that shows a person.
 */
export function personalFieldsFor(r: { date_of_birth: string | null; national_id: string | null; phone: string | null; address_detail: string | null }, actor: Actor) {
  const masked = new Set(maskedFieldsFor(actor));
  return {
    dateOfBirth: masked.has('dateOfBirth') && r.date_of_birth ? `${r.date_of_birth.slice(0, 4)}-**-**` : r.date_of_birth,
    nationalId: masked.has('nationalId') ? maskValue(r.national_id, 4) : r.national_id,
    phone: masked.has('phone') ? maskValue(r.phone, 3) : r.phone,
    addressDetail: masked.has('addressDetail') ? (r.address_detail ? '***' : null) : r.address_detail,
  };
}

export function presentPerson(r: NonNullable<Awaited<ReturnType<typeof repo.findPersonById>>>, actor: Actor) {
  const personal = personalFieldsFor(r, actor);
  return {
    id: r.id,
    fullName: r.full_name,
    sex: r.sex,
    dateOfBirth: personal.dateOfBirth,
    nationalId: personal.nationalId,
    phone: personal.phone,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    districtCode: r.district_code,
    districtName: r.district_name,
    addressDetail: personal.addressDetail,
    householdId: r.household_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    masked: maskedFieldsFor(actor).length > 0,
  };
}
export type PersonView = ReturnType<typeof presentPerson>;

async function loadInScope(db: Db, actor: Actor, id: number) {
  const row = await repo.findPersonById(db, id);
  if (!row) throw Errors.notFound({ vi: `người có mã ${id}`, en: `person ${id}` });
  if (!(await repo.personInScope(db, id, scopeFor(actor)))) throw Errors.outOfScope();
  return row;
}

/** One person's record; the read is audited. */
export async function getPerson(db: Db, actor: Actor, id: number): Promise<PersonView> {
  assertPermission(actor, 'person:read');
  const row = await loadInScope(db, actor, id);
  await recordAudit(db, actor, { action: 'read', recordKind: 'person', recordId: id });
  return presentPerson(row, actor);
}

export interface PeopleQuery {
  q?: string | undefined;
  districtCode?: string | undefined;
  communeCode?: string | undefined;
  sort?: repo.PersonSort | undefined;
  page: number;
  pageSize: number;
}

/** A phone or ID typed with spaces or dots ("0912 345 678") is matched as digits; anything else as a folded name. */
function searchText(raw: string | undefined): string | undefined {
  const trimmed = raw?.trim();
  if (!trimmed) return undefined;
  if (/^\d[\d\s.]*$/.test(trimmed)) return trimmed.replace(/[\s.]/g, '');
  return foldVietnamese(trimmed) || undefined;
}

function filterOf(actor: Actor, q: Omit<PeopleQuery, 'page' | 'pageSize' | 'sort'>): repo.PersonFilter {
  return { scope: scopeFor(actor), text: searchText(q.q), districtCode: q.districtCode, communeCode: q.communeCode };
}

export async function listPeople(db: Db, actor: Actor, q: PeopleQuery) {
  assertPermission(actor, 'person:read');
  const { items, total } = await repo.listPeople(db, filterOf(actor, q), q.sort ?? 'fullName', q.pageSize, (q.page - 1) * q.pageSize);
  await recordAudit(db, actor, {
    action: 'list',
    recordKind: 'person',
    detail: { q: q.q ?? null, districtCode: q.districtCode ?? null, communeCode: q.communeCode ?? null, page: q.page, ids: items.map((r) => r.id) },
  });
  return { items: items.map((r) => presentPerson(r, actor)), total, page: q.page, pageSize: q.pageSize };
}

interface ValidationContext {
  today: string;
  provinces: Set<string>;
  communes: Set<string>;
}

async function validationContext(db: Db, inputs: PersonInput[], today: string): Promise<ValidationContext> {
  const codes = inputs.map((i) => (i.communeCode ?? '').trim()).filter((c) => /^\d{5}$/.test(c));
  const [provinces, communes] = await Promise.all([repo.provinceCodes(db), repo.existingCommuneCodes(db, codes)]);
  return { today, provinces, communes };
}

function validateWith(ctx: ValidationContext, input: PersonInput) {
  return validatePerson(input, { today: ctx.today, provinces: ctx.provinces, communeExists: (c) => ctx.communes.has(c) });
}

export interface DuplicateMatch {
  id: number;
  fullName: string;
  dateOfBirth: string | null;
  communeName: string;
  reason: 'national_id' | 'name_dob_phone';
}

function matchesFor(p: ValidPerson, candidates: repo.DuplicateCandidate[]): DuplicateMatch[] {
  const key = softDuplicateKey(p);
  const out: DuplicateMatch[] = [];
  for (const c of candidates) {
    let reason: DuplicateMatch['reason'] | null = null;
    if (p.nationalId && c.national_id === p.nationalId) reason = 'national_id';
    else if (key && key === softDuplicateKey({ fullName: c.full_name, dateOfBirth: c.date_of_birth, phone: c.phone })) reason = 'name_dob_phone';
    if (reason) out.push({ id: c.id, fullName: c.full_name, dateOfBirth: c.date_of_birth, communeName: c.commune_name, reason });
  }
  return out;
}

function duplicateKeys(people: ValidPerson[]) {
  return {
    nationalIds: people.flatMap((p) => (p.nationalId ? [p.nationalId] : [])),
    soft: people.flatMap((p) =>
      p.dateOfBirth && p.phone ? [{ nameSearch: foldVietnamese(p.fullName), dateOfBirth: p.dateOfBirth, phone: p.phone }] : [],
    ),
  };
}

function assertAreaWritable(actor: Actor, area: CommuneArea) {
  if (!areaInScope(actor, area)) throw Errors.outOfScope();
}

type CommuneArea = { province_code: string; district_code: string; commune_code: string };

function areaOfUnit(unit: AdminUnitRow | undefined, communeCode: string): CommuneArea {
  if (!unit || unit.level !== 'commune' || !unit.district_code) {
    throw new ValidationError([{ field: 'communeCode', code: 'UNKNOWN_COMMUNE', message: { vi: `Không có xã/phường mã "${communeCode}"`, en: `No commune has code "${communeCode}"` } }]);
  }
  return { province_code: unit.province_code, district_code: unit.district_code, commune_code: unit.code };
}

async function areaOfCommune(db: Db, communeCode: string): Promise<CommuneArea> {
  return areaOfUnit(await lookupUnit(db, communeCode), communeCode);
}

/** Checks a person against the register without writing: the matches a form offers before creating. */
export async function findDuplicates(db: Db, actor: Actor, input: PersonInput, today = vnDate()) {
  assertPermission(actor, 'person:write');
  const ctx = await validationContext(db, [input], today);
  const v = validateWith(ctx, input);
  if (!v.ok) throw new ValidationError(v.issues);
  return { matches: matchesFor(v.value, await repo.findDuplicateCandidates(db, duplicateKeys([v.value]))) };
}

export async function createPerson(
  db: Db,
  actor: Actor,
  input: PersonInput & { confirmDuplicate?: boolean },
  today = vnDate(),
): Promise<PersonView> {
  assertPermission(actor, 'person:write');
  const ctx = await validationContext(db, [input], today);
  const v = validateWith(ctx, input);
  if (!v.ok) throw new ValidationError(v.issues);
  const p = v.value;
  const area = await areaOfCommune(db, p.communeCode);
  assertAreaWritable(actor, area);
  const id = await db.transaction().execute(async (trx) => {
    const matches = matchesFor(p, await repo.findDuplicateCandidates(trx, duplicateKeys([p])));
    const hard = matches.filter((m) => m.reason === 'national_id');
    if (hard.length) throw Errors.duplicate('nationalId', { vi: 'số CCCD/CMND', en: 'ID number' }, { matches: hard });
    if (matches.length && !input.confirmDuplicate) throw Errors.possibleDuplicate({ matches });
    const [created] = await insertWithHouseholds(trx, [{ person: p, area }], today);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'person', recordId: created, detail: { after: p } });
    return created!;
  });
  return presentPerson((await repo.findPersonById(db, id))!, actor);
}

/** Each new person gets a household of their own (and its membership) unless grouped later. */
async function insertWithHouseholds(
  trx: Db,
  people: Array<{ person: ValidPerson; area: CommuneArea }>,
  today: string,
): Promise<number[]> {
  const households = await trx
    .insertInto('contact_group')
    .values(
      people.map(({ person, area }) => ({
        kind: 'household' as const,
        label: `Hộ ${person.fullName}`,
        ...area,
        address_detail: person.addressDetail,
      })),
    )
    .returning('id')
    .execute();
  const ids = await repo.insertPeople(
    trx,
    people.map(({ person, area }, i) => ({
      ...area,
      address_detail: person.addressDetail,
      household_id: households[i]!.id,
      full_name: person.fullName,
      name_search: foldVietnamese(person.fullName),
      sex: person.sex,
      date_of_birth: person.dateOfBirth,
      national_id: person.nationalId,
      phone: person.phone,
    })),
  );
  await trx
    .insertInto('group_membership')
    .values(ids.map((id, i) => ({ group_id: households[i]!.id, person_id: id, province_code: people[i]!.area.province_code, valid_from: today })))
    .execute();
  return ids;
}

export async function updatePerson(db: Db, actor: Actor, id: number, patch: PersonInput, today = vnDate()): Promise<PersonView> {
  assertPermission(actor, 'person:write');
  const before = await loadInScope(db, actor, id);
  const merged: PersonInput = {
    fullName: before.full_name,
    sex: before.sex,
    dateOfBirth: before.date_of_birth,
    nationalId: before.national_id,
    phone: before.phone,
    communeCode: before.commune_code,
    addressDetail: before.address_detail,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  const ctx = await validationContext(db, [merged], today);
  const v = validateWith(ctx, merged);
  if (!v.ok) throw new ValidationError(v.issues);
  const p = v.value;
  const area = await areaOfCommune(db, p.communeCode);
  assertAreaWritable(actor, area);
  await db.transaction().execute(async (trx) => {
    if (p.nationalId && p.nationalId !== before.national_id) {
      const clash = (await repo.findDuplicateCandidates(trx, { nationalIds: [p.nationalId], soft: [] }, id));
      if (clash.length) throw Errors.duplicate('nationalId', { vi: 'số CCCD/CMND', en: 'ID number' }, { matches: clash.map((c) => ({ id: c.id, fullName: c.full_name })) });
    }
    await repo.updatePerson(trx, id, {
      ...area,
      full_name: p.fullName,
      name_search: foldVietnamese(p.fullName),
      sex: p.sex,
      date_of_birth: p.dateOfBirth,
      national_id: p.nationalId,
      phone: p.phone,
      address_detail: p.addressDetail,
      updated_at: new Date(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      recordKind: 'person',
      recordId: id,
      detail: {
        before: { fullName: before.full_name, sex: before.sex, dateOfBirth: before.date_of_birth, nationalId: before.national_id, phone: before.phone, communeCode: before.commune_code, addressDetail: before.address_detail },
        after: p,
      },
    });
  });
  return presentPerson((await repo.findPersonById(db, id))!, actor);
}

export type DuplicatePolicy = 'reject' | 'skip';

/**
 * Imports a register spreadsheet all-or-nothing: every row is validated (fields, commune,
 * scope, duplicates in the file and against the register) before anything is written;
 * one bad row rejects the file with the full per-row report.
 */
export async function importPeople(
  db: Db,
  actor: Actor,
  file: Buffer,
  opts: { dryRun: boolean; duplicates?: DuplicatePolicy; today?: string },
) {
  assertPermission(actor, 'person:import');
  const today = opts.today ?? vnDate();
  const rows = await parsePeopleSheet(file);
  const ctx = await validationContext(db, rows.map((r) => r.input), today);
  const issues: FieldIssue[] = [];
  const valid: Array<{ row: number; person: ValidPerson }> = [];
  for (const r of rows) {
    const v = validateWith(ctx, r.input);
    if (v.ok) valid.push({ row: r.row, person: v.value });
    else issues.push(...v.issues.map((i) => ({ ...i, row: r.row })));
  }
  // Scope: every commune must be one the actor may write to.
  const units = await lookupUnits(db, valid.map((v) => v.person.communeCode));
  const areaOf = new Map([...units.keys()].map((code) => [code, areaOfUnit(units.get(code), code)]));
  for (const v of valid) {
    if (!areaInScope(actor, areaOf.get(v.person.communeCode)!)) {
      issues.push({ row: v.row, field: 'communeCode', code: 'OUT_OF_SCOPE', message: { vi: 'Xã/phường nằm ngoài địa bàn bạn phụ trách', en: 'The commune is outside your area' } });
    }
  }
  // Duplicates inside the file.
  const seenId = new Map<string, number>();
  const seenSoft = new Map<string, number>();
  for (const v of valid) {
    const soft = softDuplicateKey(v.person);
    if (v.person.nationalId && seenId.has(v.person.nationalId)) {
      issues.push({ row: v.row, field: 'nationalId', code: 'DUPLICATE_IN_FILE', message: { vi: `Số CCCD/CMND trùng với dòng ${seenId.get(v.person.nationalId)}`, en: `ID number repeats row ${seenId.get(v.person.nationalId)}` } });
    } else if (soft && seenSoft.has(soft)) {
      issues.push({ row: v.row, field: 'fullName', code: 'DUPLICATE_IN_FILE', message: { vi: `Trùng họ tên, ngày sinh, số điện thoại với dòng ${seenSoft.get(soft)}`, en: `Same name, date of birth and phone as row ${seenSoft.get(soft)}` } });
    }
    if (v.person.nationalId) seenId.set(v.person.nationalId, v.row);
    if (soft) seenSoft.set(soft, v.row);
  }
  // Duplicates against the register.
  const candidates = await repo.findDuplicateCandidates(db, duplicateKeys(valid.map((v) => v.person)));
  const skipped: Array<{ row: number; matches: DuplicateMatch[] }> = [];
  const toCreate: typeof valid = [];
  for (const v of valid) {
    const matches = matchesFor(v.person, candidates);
    const hard = matches.find((m) => m.reason === 'national_id');
    if (hard) {
      if (opts.duplicates === 'skip') skipped.push({ row: v.row, matches });
      else issues.push({ row: v.row, field: 'nationalId', code: 'DUPLICATE', message: { vi: `Số CCCD/CMND đã có trong sổ (${hard.fullName}, mã ${hard.id})`, en: `ID number already in the register (${hard.fullName}, id ${hard.id})` } });
    } else if (matches.length) {
      if (opts.duplicates === 'skip') skipped.push({ row: v.row, matches });
      else issues.push({ row: v.row, field: 'fullName', code: 'POSSIBLE_DUPLICATE', message: { vi: `Có thể trùng với ${matches[0]!.fullName} (mã ${matches[0]!.id})`, en: `May be the same person as ${matches[0]!.fullName} (id ${matches[0]!.id})` } });
    } else toCreate.push(v);
  }
  if (issues.length) {
    issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new ValidationError(issues);
  }
  if (opts.dryRun) return { dryRun: true, total: rows.length, created: 0, skipped, issues: [] };
  const created = await db.transaction().execute(async (trx) => {
    const ids = await insertWithHouseholds(trx, toCreate.map((v) => ({ person: v.person, area: areaOf.get(v.person.communeCode)! })), today);
    await recordAudit(trx, actor, [
      { action: 'import', recordKind: 'person', detail: { rows: rows.length, created: ids.length, skipped: skipped.length } },
      ...ids.map((id) => ({ action: 'create' as const, recordKind: 'person', recordId: id, detail: { via: 'import' } })),
    ]);
    return ids.length;
  });
  return { dryRun: false, total: rows.length, created, skipped, issues: [] };
}

// ---- published for registers other contexts keep (an enterprise's worker list): the same
// validation, households and duplicate keys as the person register's own import.
export { normalisePhone, parseCalendarDate, type PersonInput, type ValidPerson } from './people.domain.ts';
export type { CommuneArea };

/** Validates people in bulk the way the register does (one lookup of provinces and communes). */
export async function personValidator(db: Db, inputs: PersonInput[], today: string) {
  const ctx = await validationContext(db, inputs, today);
  return (input: PersonInput) => validateWith(ctx, input);
}

/** The area codes of communes (unknown codes left out). */
export async function communeAreas(db: Db, codes: string[]): Promise<Map<string, CommuneArea>> {
  const units = await lookupUnits(db, [...new Set(codes)]);
  const out = new Map<string, CommuneArea>();
  for (const [code, u] of units) if (u.level === 'commune' && u.district_code) out.set(code, { province_code: u.province_code, district_code: u.district_code, commune_code: u.code });
  return out;
}

/** Registered people with any of these national IDs or phones (the caller matches name and birth date). */
export function findRegisterMatches(db: Db, keys: { nationalIds: string[]; phones: string[] }) {
  return repo.findByNationalIdsOrPhones(db, keys);
}

/** New people, each with a household of their own (as `insertWithHouseholds`), a list of thousands in a few statements (`embedded`: PGlite, ids reserved as one block). */
export async function registerPeople(trx: Db, people: Array<{ person: ValidPerson; area: CommuneArea }>, today: string, embedded = false): Promise<number[]> {
  if (people.length === 0) return [];
  return repo.insertPeopleWithHouseholds(trx, people.map(({ person: p, area }) => ({
    ...area, address_detail: p.addressDetail, full_name: p.fullName, name_search: foldVietnamese(p.fullName), sex: p.sex,
    date_of_birth: p.dateOfBirth, national_id: p.nationalId, phone: p.phone,
  })), today, embedded);
}

/**
 * References of people just registered by `registerPeople` that point nowhere (each count must be
 * 0): for a caller that inserted them without the per-row foreign-key triggers (db/bulk-insert.ts).
 */
export async function danglingRegisteredReferences(trx: Db, personIds: number[]): Promise<Record<string, number>> {
  return personIds.length === 0 ? {} : repo.danglingPersonReferences(trx, personIds);
}

/** Rewrites registered people's details (the caller has checked scope and audits). */
export async function updateRegisteredPeople(trx: Db, rows: Array<{ id: number; person: ValidPerson; area: CommuneArea }>): Promise<void> {
  for (const { id, person: p, area } of rows) {
    await repo.updatePerson(trx, id, {
      ...area, full_name: p.fullName, name_search: foldVietnamese(p.fullName), sex: p.sex, date_of_birth: p.dateOfBirth,
      national_id: p.nationalId, phone: p.phone, address_detail: p.addressDetail, updated_at: new Date(),
    });
  }
}

export const MAX_EXPORT_ROWS = 100_000;

export async function exportPeople(db: Db, actor: Actor, q: Omit<PeopleQuery, 'page' | 'pageSize' | 'sort'>): Promise<Buffer> {
  assertPermission(actor, 'person:export');
  const rows = await repo.streamPeople(db, filterOf(actor, q), MAX_EXPORT_ROWS);
  const views = rows.map((r) => presentPerson(r, actor));
  await recordAudit(db, actor, { action: 'export', recordKind: 'person', detail: { filters: q, rows: views.length } });
  return writePeopleSheet(views);
}

/** Published for the situation views: people and households per district of an area (no personal data). */
export async function populationByDistrict(db: Db, area: { column: 'province_code' | 'district_code' | 'commune_code'; value: string }) {
  const rows = await repo.populationByDistrict(db, area.column, area.value);
  return new Map(rows.map((r) => [r.district_code, { people: r.people, households: r.households }]));
}

export interface CommunePopulation { districtCode: string; communeCode: string; population: number; bornBy: number[] }

/**
 * Published for coverage figures (vaccination): the register's head count per commune and, for each
 * cut-off date, how many were born on or before it (`bornBy[i]` for `cutoffs[i]`), sorted by district
 * then commune. Communes without anyone registered are left out.
 */
export async function populationByCommuneBornBy(db: Db, provinceCode: string, cutoffs: string[], limit: { districtCode?: string | undefined; communeCode?: string | undefined } = {}): Promise<CommunePopulation[]> {
  const byCommune = new Map<string, CommunePopulation>();
  for (const r of await repo.populationBornBy(db, provinceCode, cutoffs, limit)) {
    const key = `${r.districtCode}|${r.communeCode}`;
    let c = byCommune.get(key);
    if (!c) byCommune.set(key, c = { districtCode: r.districtCode, communeCode: r.communeCode, population: 0, bornBy: cutoffs.map(() => 0) });
    if (r.k === 0) c.population += r.n;
    else c.bornBy[r.k - 1]! += r.n;
  }
  const sorted = [...byCommune.values()].filter((c) => c.population > 0);
  return sorted.sort((a, b) => (a.districtCode === b.districtCode ? (a.communeCode < b.communeCode ? -1 : 1) : a.districtCode < b.districtCode ? -1 : 1));
}

/** Published for the situation map: the point of each person's household (people whose household is not located are left out). */
export async function householdPoints(db: Db, personIds: number[]): Promise<Map<number, [number, number]>> {
  const out = new Map<number, [number, number]>();
  for (let i = 0; i < personIds.length; i += 10_000) {
    for (const r of await repo.householdPoints(db, personIds.slice(i, i + 10_000))) out.set(r.id, [r.lon!, r.lat!]);
  }
  return out;
}

/**
 * Published for QR check-in (venues): the person with this phone and the same name (accents and
 * case aside), else a new person of the province registered by themselves — the creation audited
 * with `source: 'self_checkin'` and the address it came from. Sex is only asked when registering.
 */
export async function findOrRegisterSelf(
  db: Db,
  who: AnonymousActor,
  input: { fullName: string; phone: string; communeCode: string; sex?: string | null | undefined; dateOfBirth?: string | null | undefined },
  today = vnDate(),
): Promise<{ personId: number; created: boolean }> {
  const ctx = await validationContext(db, [input], today);
  const v = validateWith(ctx, { ...input, sex: input.sex || 'other' });
  const issues = v.ok ? [] : v.issues;
  if (!input.phone.trim()) issues.push({ field: 'phone', code: 'REQUIRED', message: { vi: 'Số điện thoại: bắt buộc', en: 'Phone: is required' } });
  if (issues.length || !v.ok) throw new ValidationError(issues);
  const p = v.value;
  const existing = await repo.findByPhoneAndName(db, p.phone!, foldVietnamese(p.fullName));
  if (existing !== null) {
    // A phone and a name are easy to know of someone else: where the register has a date of birth,
    // it must match too before this device stands for that person (and may see their status).
    if (existing.date_of_birth !== null && p.dateOfBirth !== existing.date_of_birth) {
      throw new ValidationError([{ field: 'dateOfBirth', code: 'NOT_CONFIRMED', message: {
        vi: 'Ngày sinh: cần nhập đúng ngày sinh để xác nhận người đã có trong danh sách', en: 'Date of birth: the right date of birth is needed to confirm a person already in the register',
      } }]);
    }
    return { personId: existing.id, created: false };
  }
  if (!input.sex) throw new ValidationError([{ field: 'sex', code: 'REQUIRED', message: { vi: 'Giới tính: cần khi khai báo lần đầu', en: 'Sex: needed the first time' } }]);
  const area = await areaOfCommune(db, p.communeCode);
  if (area.province_code !== who.provinceCode) {
    throw new ValidationError([{ field: 'communeCode', code: 'OTHER_PROVINCE', message: { vi: 'Xã/phường không thuộc tỉnh này', en: 'The commune is not in this province' } }]);
  }
  const personId = await db.transaction().execute(async (trx) => {
    const [id] = await insertWithHouseholds(trx, [{ person: p, area }], today);
    await recordAudit(trx, who, { action: 'create', recordKind: 'person', recordId: id, detail: { source: 'self_checkin', after: p } });
    return id!;
  });
  return { personId, created: true };
}

/** Published for QR check-in (venues): a person's name and province, nothing else; null when no such person. */
export async function personNameOf(db: Db, id: number): Promise<{ fullName: string; provinceCode: string } | null> {
  const r = await repo.findPersonById(db, id);
  return r ? { fullName: r.full_name, provinceCode: r.province_code } : null;
}

/**
 * The register search of forms (arrivals, vaccine doses): the people whose folded name contains the
 * text (accents optional), or whose ID number or phone starts with its digits (three or more); in
 * the province, or in `area`; at most `limit` (10), masked for the actor's role (a checkpoint sees
 * no ID, phone or address) and audited with the form's `purpose`. The caller checks its own
 * permission (e.g. `arrival:write`). Other contexts search the register through this, never the
 * person table itself.
 */
export async function searchProvincePeople(db: Db, actor: Actor, q: string, opts: { limit?: number; area?: AreaFilter | null; purpose?: string } = {}): Promise<PersonView[]> {
  const text = searchText(q);
  if (!text || text.length < 2) return [];
  const area = opts.area ?? { column: 'province_code' as const, value: actor.provinceCode };
  const { items } = await repo.listPeople(db, { scope: { kind: 'area', column: area.column, value: area.value }, text }, 'fullName', opts.limit ?? 10, 0);
  await recordAudit(db, actor, { action: 'list', recordKind: 'person', detail: { q: q.trim(), purpose: opts.purpose ?? 'form_search', ids: items.map((r) => r.id) } });
  return items.map((r) => presentPerson(r, actor));
}
