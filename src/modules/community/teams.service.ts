/**
 * Community COVID teams (tổ COVID cộng đồng): one per village / quarter of a commune, with its
 * members. The commune health station and the levels above manage them; the team's own members
 * read them. The villages of a commune are those its residents' addresses name.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertPermission, maskedFieldsFor } from '../auth/policy.ts';
import { maskValue } from '../people/people.domain.ts';
import { villageName } from '../people/village.ts';
import { lookupUnit } from '../places/places.service.ts';
import { villageKeyText } from './community.tasks.ts';
import { TEAM_ROLES, tidy } from './community.domain.ts';

const label = (id: number) => ({ vi: `tổ COVID cộng đồng ${id}`, en: `community team ${id}` });
const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

export function teamArea(actor: Actor) {
  if (actor.scopeKind === 'org') throw Errors.forbidden();
  return areaScopeFilter(actor);
}

async function teamOrThrow(db: Db, actor: Actor, id: number) {
  const t = await db.selectFrom('community_team').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t || t.province_code !== actor.provinceCode) throw Errors.notFound(label(id));
  if (!areaInScope(actor, t)) throw Errors.outOfScope();
  return t;
}

export async function listTeams(db: Db, actor: Actor, q: {
  communeCode?: string | undefined; districtCode?: string | undefined; q?: string | undefined; active?: boolean | undefined; page: number; pageSize: number;
}) {
  assertPermission(actor, 'team:read');
  const scope = teamArea(actor);
  let base = db.selectFrom('community_team as t').innerJoin('admin_unit as c', 'c.code', 't.commune_code').where('t.province_code', '=', actor.provinceCode);
  if (scope) base = base.where(`t.${scope.column}`, '=', scope.value);
  if (q.communeCode) base = base.where('t.commune_code', '=', q.communeCode);
  if (q.districtCode) base = base.where('t.district_code', '=', q.districtCode);
  base = base.where('t.active', '=', q.active ?? true);
  if (q.q?.trim()) base = base.where(sql<boolean>`lower(t.name || ' ' || t.village) like ${`%${q.q.trim().toLowerCase()}%`}`);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base.select([
    't.id', 't.name', 't.village', 't.commune_code as communeCode', 'c.name as communeName', 't.district_code as districtCode',
    't.leader_name as leaderName', 't.leader_phone as leaderPhone', 't.active',
    sql<number>`(select count(*)::int from community_team_member m where m.team_id = t.id and m.active)`.as('members'),
    sql<number>`(select count(*)::int from team_task k where k.team_id = t.id and k.status = 'open')`.as('openTasks'),
  ]).orderBy('t.commune_code').orderBy('t.village_key').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const maskPhone = maskedFieldsFor(actor).includes('phone');
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => ({ ...r, leaderPhone: maskPhone ? maskValue(r.leaderPhone, 3) : r.leaderPhone })) };
}

/** The villages of a commune (as its residents' addresses name them), each with its team or none. */
export async function communeVillages(db: Db, actor: Actor, communeCode: string) {
  assertPermission(actor, 'team:read');
  const unit = await lookupUnit(db, communeCode);
  if (!unit || unit.level !== 'commune' || unit.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `xã/phường ${communeCode}`, en: `commune ${communeCode}` });
  teamArea(actor);
  if (!areaInScope(actor, { province_code: unit.province_code, district_code: unit.district_code, commune_code: unit.code })) throw Errors.outOfScope();
  const villages = await db.selectFrom('person as p').where('p.commune_code', '=', communeCode)
    .select([villageName('p').as('village'), sql<number>`count(*)::int`.as('people')])
    .groupBy(villageName('p')).execute();
  const teams = await db.selectFrom('community_team').select(['id', 'name', 'village', 'village_key']).where('commune_code', '=', communeCode).where('active', '=', true).execute();
  const byKey = new Map(teams.map((t) => [t.village_key, t]));
  const seen = new Set<string>();
  const items: Array<{ village: string; villageKey: string; people: number; teamId: number | null; teamName: string | null }> = [];
  for (const v of villages) {
    const key = villageKeyText(v.village);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const t = byKey.get(key);
    items.push({ village: v.village, villageKey: key, people: v.people, teamId: t?.id ?? null, teamName: t?.name ?? null });
  }
  // A team whose village no resident names yet still shows.
  for (const t of teams) if (!seen.has(t.village_key)) items.push({ village: t.village, villageKey: t.village_key, people: 0, teamId: t.id, teamName: t.name });
  items.sort((a, b) => a.village.localeCompare(b.village, 'vi'));
  return { communeCode, communeName: unit.name, villages: items.length, withoutTeam: items.filter((v) => v.teamId === null).length, items };
}

export async function getTeam(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'team:read');
  teamArea(actor);
  const t = await teamOrThrow(db, actor, id);
  const members = await db.selectFrom('community_team_member as m').leftJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.full_name as fullName', 'm.phone', 'm.team_role as teamRole', 'm.user_id as userId', 'u.username'])
    .where('m.team_id', '=', id).where('m.active', '=', true).orderBy('m.id').execute();
  const unit = await lookupUnit(db, t.commune_code);
  const maskPhone = maskedFieldsFor(actor).includes('phone');
  const p = (v: string | null) => (maskPhone ? maskValue(v, 3) : v);
  return {
    id: t.id, name: t.name, village: t.village, communeCode: t.commune_code, communeName: unit?.name ?? null, districtCode: t.district_code,
    leaderName: t.leader_name, leaderPhone: p(t.leader_phone), active: t.active,
    members: members.map((m) => ({ ...m, phone: p(m.phone) })),
  };
}

export interface TeamInput { communeCode: string; village: string; name?: string | null | undefined; leaderName?: string | null | undefined; leaderPhone?: string | null | undefined }

async function checkTeam(db: Db, actor: Actor, input: TeamInput, exceptId: number | null) {
  const issues: FieldIssue[] = [];
  const unit = await lookupUnit(db, input.communeCode);
  const village = tidy(input.village);
  if (!unit || unit.level !== 'commune' || unit.province_code !== actor.provinceCode || !unit.district_code) {
    issues.push(issue('communeCode', 'UNKNOWN', `Không có xã/phường mã ${input.communeCode} trong tỉnh`, `No commune ${input.communeCode} in the province`));
  } else if (!areaInScope(actor, { province_code: unit.province_code, district_code: unit.district_code, commune_code: unit.code })) {
    issues.push(issue('communeCode', 'OUT_OF_SCOPE', `${unit.name} nằm ngoài địa bàn của bạn`, `${unit.name} is outside your area`));
  }
  if (!village) issues.push(issue('village', 'REQUIRED', 'Cần tên thôn / tổ dân phố', 'Name the village or quarter'));
  const key = villageKeyText(village);
  if (key && unit) {
    let dup = db.selectFrom('community_team').select('id').where('commune_code', '=', unit.code).where('village_key', '=', key).where('active', '=', true);
    if (exceptId !== null) dup = dup.where('id', '<>', exceptId);
    if (await dup.executeTakeFirst()) issues.push(issue('village', 'DUPLICATE', `${village} đã có tổ COVID cộng đồng`, `${village} already has a community team`));
  }
  if (issues.length) throw new ValidationError(issues);
  return {
    province_code: unit!.province_code, district_code: unit!.district_code!, commune_code: unit!.code, village: village!, village_key: key!,
    name: tidy(input.name) ?? `Tổ COVID cộng đồng ${village}`, leader_name: tidy(input.leaderName), leader_phone: tidy(input.leaderPhone),
  };
}

export async function createTeam(db: Db, actor: Actor, input: TeamInput) {
  assertPermission(actor, 'team:manage');
  teamArea(actor);
  const row = await checkTeam(db, actor, input, null);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('community_team').values({ ...row, created_by: actor.userId || null }).returning('id').executeTakeFirstOrThrow();
    // Tasks of the village made before the team existed now go to it.
    await trx.updateTable('team_task').set({ team_id: id }).where('commune_code', '=', row.commune_code).where('village_key', '=', row.village_key)
      .where('team_id', 'is', null).where('status', '=', 'open').where('kind', '<>', 'pharmacy_followup').execute();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'community_team', recordId: id, detail: { after: row } });
    return id;
  });
  return getTeam(db, actor, id);
}

export async function updateTeam(db: Db, actor: Actor, id: number, input: TeamInput) {
  assertPermission(actor, 'team:manage');
  teamArea(actor);
  const before = await teamOrThrow(db, actor, id);
  const row = await checkTeam(db, actor, input, id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('community_team').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'community_team', recordId: id, detail: { before, after: row } });
  });
  return getTeam(db, actor, id);
}

/** Disbands a team: its open tasks go back to the commune's unassigned list. */
export async function deactivateTeam(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'team:manage');
  teamArea(actor);
  const t = await teamOrThrow(db, actor, id);
  if (!t.active) throw new AppError('TEAM_INACTIVE', 409, { vi: `${t.name} đã giải thể`, en: `${t.name} is already disbanded` });
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('community_team').set({ active: false, updated_at: new Date() }).where('id', '=', id).execute();
    await trx.updateTable('team_task').set({ team_id: null, assigned_member_id: null }).where('team_id', '=', id).where('status', '=', 'open').execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'community_team', recordId: id, detail: { before: { active: true }, after: { active: false } } });
  });
  return { id, active: false };
}

export interface MemberInput { fullName: string; phone?: string | null | undefined; teamRole?: string | undefined; userId?: number | null | undefined }

async function checkMember(db: Db, team: { commune_code: string }, input: MemberInput) {
  const issues: FieldIssue[] = [];
  const fullName = tidy(input.fullName);
  if (!fullName) issues.push(issue('fullName', 'REQUIRED', 'Cần họ tên thành viên', 'The member needs a name'));
  const teamRole = input.teamRole ?? 'member';
  if (!(TEAM_ROLES as readonly string[]).includes(teamRole)) issues.push(issue('teamRole', 'INVALID', 'Vai trò trong tổ không hợp lệ', 'Unknown role in the team'));
  if (input.userId != null) {
    const u = await db.selectFrom('app_user').select(['role', 'scope_code']).where('id', '=', input.userId).executeTakeFirst();
    if (!u || u.role !== 'community_team' || u.scope_code !== team.commune_code) {
      issues.push(issue('userId', 'INVALID', 'Tài khoản phải là tài khoản tổ COVID cộng đồng của xã này', 'The account must be a community-team account of this commune'));
    }
  }
  if (issues.length) throw new ValidationError(issues);
  return { full_name: fullName!, phone: tidy(input.phone), team_role: teamRole, user_id: input.userId ?? null };
}

export async function addMember(db: Db, actor: Actor, teamId: number, input: MemberInput) {
  assertPermission(actor, 'team:manage');
  teamArea(actor);
  const team = await teamOrThrow(db, actor, teamId);
  const row = await checkMember(db, team, input);
  await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('community_team_member').values({ ...row, team_id: teamId }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'community_team_member', recordId: id, detail: { teamId, after: row } });
  });
  return getTeam(db, actor, teamId);
}

export async function updateMember(db: Db, actor: Actor, teamId: number, memberId: number, input: MemberInput) {
  assertPermission(actor, 'team:manage');
  teamArea(actor);
  const team = await teamOrThrow(db, actor, teamId);
  const before = await db.selectFrom('community_team_member').selectAll().where('id', '=', memberId).where('team_id', '=', teamId).where('active', '=', true).executeTakeFirst();
  if (!before) throw Errors.notFound({ vi: `thành viên ${memberId}`, en: `member ${memberId}` });
  const row = await checkMember(db, team, input);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('community_team_member').set(row).where('id', '=', memberId).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'community_team_member', recordId: memberId, detail: { before, after: row } });
  });
  return getTeam(db, actor, teamId);
}

export async function removeMember(db: Db, actor: Actor, teamId: number, memberId: number) {
  assertPermission(actor, 'team:manage');
  teamArea(actor);
  await teamOrThrow(db, actor, teamId);
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('community_team_member').set({ active: false }).where('id', '=', memberId).where('team_id', '=', teamId).where('active', '=', true).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw Errors.notFound({ vi: `thành viên ${memberId}`, en: `member ${memberId}` });
    await trx.updateTable('team_task').set({ assigned_member_id: null }).where('assigned_member_id', '=', memberId).where('status', '=', 'open').execute();
    await recordAudit(trx, actor, { action: 'delete', recordKind: 'community_team_member', recordId: memberId, detail: { teamId } });
  });
  return getTeam(db, actor, teamId);
}

/** The teams a community-team user belongs to (empty: not linked; they then see the whole commune). */
export async function teamsOfUser(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('community_team_member as m').innerJoin('community_team as t', 't.id', 'm.team_id')
    .select('m.team_id').where('m.user_id', '=', userId).where('m.active', '=', true).where('t.active', '=', true).execute();
  return [...new Set(rows.map((r) => r.team_id))];
}
