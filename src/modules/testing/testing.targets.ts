/**
 * Who a sampling round expects, by its target: the residents of a commune or of one of its
 * villages, the workers of an enterprise or of one of its workshops (one shift or all), the people
 * quarantined at a facility, or a list. Also the workshops of an enterprise, for the round form.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SamplingRoundTable } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue } from '../../server/errors.ts';
import { type Actor, areaInScope, assertPermission } from '../auth/policy.ts';
import { villageKey, villageKeyOf } from '../people/village.ts';
import { findZone, zoneResidentIds } from '../zones/zones.service.ts';

export interface RoundTarget {
  targetKind: SamplingRoundTable['target_kind']; targetOrgId?: number | null | undefined; communeCode?: string | null | undefined;
  /** A village round: the thôn / tổ dân phố, the part of the address before the first comma. */
  village?: string | null | undefined;
  /** A workshop round: the enterprise's workshop and, optionally, one of its shifts (none: every shift). */
  workshop?: string | null | undefined; shift?: string | null | undefined;
  /** A lockdown zone round: the zone, whose core residents are expected. */
  targetZoneId?: number | null | undefined;
  targetLabel?: string | null | undefined; personIds?: number[] | undefined; scheduledOn: string;
}

export interface ExpectedPeople { ids: number[]; label: string; district: string | null; commune: string | null; orgId: number | null; zoneId?: number }

function issue(field: string, code: string, vi: string, en: string): FieldIssue {
  return { field, code, message: { vi, en } };
}


/** A membership counts on a day when it started on or before it and had not ended before it. */
const activeOn = (on: string) => sql<boolean>`m.valid_from <= ${on}::date and (m.valid_to is null or m.valid_to >= ${on}::date)`;

async function communeOf(db: Db, code: string | null | undefined) {
  return code ? db.selectFrom('admin_unit').select(['code', 'name', 'parent_code']).where('code', '=', code).executeTakeFirst() : undefined;
}

async function orgOf(db: Db, actor: Actor, id: number | null | undefined, kinds: string[]) {
  const org = id ? await db.selectFrom('org_unit').select(['id', 'kind', 'name', 'district_code', 'commune_code', 'province_code']).where('id', '=', id).executeTakeFirst() : undefined;
  return org && org.province_code === actor.provinceCode && kinds.includes(org.kind) ? org : undefined;
}

const unknownCommune = (code: string | null | undefined) => issue('communeCode', 'UNKNOWN', `Không có xã/phường mã ${code ?? ''}`, `No commune ${code ?? ''}`);
const unknownOrg = (id: number | null | undefined) => issue('targetOrgId', 'UNKNOWN', `Không có đơn vị ${id ?? ''} phù hợp`, `No matching unit ${id ?? ''}`);

/** The expected people of a target (ids in order), its label and area, or the issue with it. */
export async function expectedPeople(db: Db, actor: Actor, input: RoundTarget): Promise<ExpectedPeople | FieldIssue> {
  switch (input.targetKind) {
    case 'commune': {
      const unit = await communeOf(db, input.communeCode);
      if (!unit) return unknownCommune(input.communeCode);
      const rows = await db.selectFrom('person').select('id').where('commune_code', '=', unit.code).where('province_code', '=', actor.provinceCode).orderBy('id').execute();
      return { ids: rows.map((r) => r.id), label: unit.name, district: unit.parent_code, commune: unit.code, orgId: input.targetOrgId ?? null };
    }
    case 'village':
      return villagePeople(db, actor, input);
    case 'enterprise':
    case 'facility': {
      const org = await orgOf(db, actor, input.targetOrgId, input.targetKind === 'enterprise' ? ['enterprise'] : ['quarantine_facility', 'treatment_facility']);
      if (!org) return unknownOrg(input.targetOrgId);
      const rows = input.targetKind === 'enterprise'
        ? await db.selectFrom('worker').select('person_id as id').where('enterprise_id', '=', org.id).where('employed_to', 'is', null).orderBy('person_id').execute()
        : await db.selectFrom('quarantine_order').select('person_id as id').where('facility_id', '=', org.id).where('status', '=', 'active').orderBy('person_id').execute();
      return { ids: rows.map((r) => r.id), label: org.name, district: org.district_code, commune: org.commune_code, orgId: org.id };
    }
    case 'workshop':
      return workshopPeople(db, actor, input);
    case 'lockdown_zone':
      return zonePeople(db, actor, input);
    case 'list': {
      const ids = [...new Set(input.personIds ?? [])];
      if (ids.length === 0) return issue('personIds', 'REQUIRED', 'Cần danh sách người được lấy mẫu', 'The list of people to sample is needed');
      const found = await db.selectFrom('person').select('id').where('id', 'in', ids).where('province_code', '=', actor.provinceCode).execute();
      if (found.length !== ids.length) {
        const known = new Set(found.map((r) => r.id));
        const missing = ids.filter((id) => !known.has(id)).slice(0, 10);
        return issue('personIds', 'UNKNOWN_PERSON', `Không có người mã ${missing.join(', ')} trong sổ đăng ký`, `No person ${missing.join(', ')} in the register`);
      }
      if (!input.targetLabel?.trim()) return issue('targetLabel', 'REQUIRED', 'Ghi tên nhóm được lấy mẫu', 'Name the group sampled');
      return { ids, label: input.targetLabel.trim(), district: null, commune: null, orgId: input.targetOrgId ?? null };
    }
  }
}

/** The residents of a lockdown zone's core, on a day the zone is in force. */
async function zonePeople(db: Db, actor: Actor, input: RoundTarget): Promise<ExpectedPeople | FieldIssue> {
  const zone = input.targetZoneId ? await findZone(db, actor, input.targetZoneId) : undefined;
  if (!zone) return issue('targetZoneId', 'UNKNOWN', `Không có vùng phong tỏa mã ${input.targetZoneId ?? ''}`, `No lockdown zone ${input.targetZoneId ?? ''}`);
  if (zone.startedOn > input.scheduledOn || (zone.endedOn !== null && zone.endedOn <= input.scheduledOn)) {
    return issue('targetZoneId', 'NOT_IN_FORCE', `Vùng ${zone.name} không còn phong tỏa ngày ${input.scheduledOn}`, `Zone ${zone.name} is not in force on ${input.scheduledOn}`);
  }
  const ids = await zoneResidentIds(db, zone.id);
  if (ids.length === 0) return issue('targetZoneId', 'EMPTY', `Không có ai cư trú trong vùng ${zone.name}`, `Nobody lives in zone ${zone.name}`);
  return { ids, label: zone.name, district: zone.districtCode, commune: zone.communeCode, orgId: null, zoneId: zone.id };
}

/** The residents of a commune whose address starts with the village (case aside). */
async function villagePeople(db: Db, actor: Actor, input: RoundTarget): Promise<ExpectedPeople | FieldIssue> {
  const unit = await communeOf(db, input.communeCode);
  if (!unit) return unknownCommune(input.communeCode);
  const village = input.village?.trim();
  if (!village) return issue('village', 'REQUIRED', 'Chọn thôn/tổ dân phố', 'Choose the village or residential group');
  const rows = await db.selectFrom('person as p').select('p.id').where('p.commune_code', '=', unit.code).where('p.province_code', '=', actor.provinceCode)
    .where(villageKey('p'), '=', villageKeyOf(village)).orderBy('p.id').execute();
  if (rows.length === 0) {
    return issue('village', 'EMPTY', `Không có ai cư trú tại "${village}", ${unit.name} trong sổ đăng ký`, `Nobody in the register lives in "${village}", ${unit.name}`);
  }
  return { ids: rows.map((r) => r.id), label: `${village}, ${unit.name}`, district: unit.parent_code, commune: unit.code, orgId: null };
}

/** The members of an enterprise's workshop (one shift, or all) on the round's day. */
async function workshopPeople(db: Db, actor: Actor, input: RoundTarget): Promise<ExpectedPeople | FieldIssue> {
  const org = await orgOf(db, actor, input.targetOrgId, ['enterprise']);
  if (!org) return unknownOrg(input.targetOrgId);
  const workshop = input.workshop;
  if (!workshop?.trim()) return issue('workshop', 'REQUIRED', 'Chọn phân xưởng', 'Choose the workshop');
  const shift = input.shift?.trim() ? input.shift : null;
  let groups = db.selectFrom('contact_group as g').where('g.kind', '=', 'workshop_shift').where('g.org_unit_id', '=', org.id)
    .where(sql<string>`g.attrs->>'workshop'`, '=', workshop);
  if (shift) groups = groups.where(sql<string>`g.attrs->>'shift'`, '=', shift);
  const ids = (await groups.select('g.id').execute()).map((g) => g.id);
  const named = shift ? `${workshop} – ${shift}` : workshop;
  if (ids.length === 0) return issue('workshop', 'UNKNOWN', `${org.name} không có phân xưởng/ca "${named}"`, `${org.name} has no workshop or shift "${named}"`);
  const rows = await db.selectFrom('group_membership as m').select('m.person_id as id').distinct().where('m.group_id', 'in', ids).where(activeOn(input.scheduledOn))
    .orderBy('m.person_id').execute();
  if (rows.length === 0) {
    return issue('workshop', 'EMPTY', `Không có ai làm việc ở "${named}" ngày ${input.scheduledOn}`, `Nobody works in "${named}" on ${input.scheduledOn}`);
  }
  return { ids: rows.map((r) => r.id), label: `${workshop} – ${shift ?? 'mọi ca'}, ${org.name}`, district: org.district_code, commune: org.commune_code, orgId: org.id };
}

/** GET /api/testing/targets/workshops: an enterprise's workshops and shifts with the people working in each on a day. */
export async function enterpriseWorkshops(db: Db, actor: Actor, q: { enterpriseId: number; on?: string | undefined }, today = vnDate()) {
  assertPermission(actor, 'testing:read');
  const org = await orgOf(db, actor, q.enterpriseId, ['enterprise']);
  if (!org) throw Errors.notFound({ vi: `doanh nghiệp ${q.enterpriseId}`, en: `enterprise ${q.enterpriseId}` });
  // As for creating the round: an area team picks among the enterprises of its own area.
  if (actor.scopeKind !== 'province' && actor.scopeKind !== 'org' && org.commune_code
    && !areaInScope(actor, { province_code: org.province_code, district_code: org.district_code, commune_code: org.commune_code })) {
    throw Errors.outOfScope();
  }
  const on = q.on ?? today;
  const items = await db.selectFrom('contact_group as g')
    .select([
      sql<string>`g.attrs->>'workshop'`.as('workshop'), sql<string | null>`g.attrs->>'shift'`.as('shift'),
      sql<string | null>`g.attrs->>'start'`.as('start'), sql<string | null>`g.attrs->>'end'`.as('end'), 'g.id as groupId',
      sql<number>`(select count(distinct m.person_id)::int from group_membership m where m.group_id = g.id and ${activeOn(on)})`.as('people'),
    ])
    .where('g.kind', '=', 'workshop_shift').where('g.org_unit_id', '=', org.id).where(sql<boolean>`g.attrs->>'workshop' is not null`)
    .orderBy(sql`g.attrs->>'workshop'`).orderBy(sql`g.attrs->>'start'`).orderBy(sql`g.attrs->>'shift'`).orderBy('g.id')
    .execute();
  return { items };
}
