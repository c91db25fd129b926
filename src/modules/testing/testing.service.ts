/**
 * Sampling rounds: a round targets a population (a commune or one of its villages, an enterprise
 * or one of its workshops, a quarantine facility, a list: see testing.targets.ts) on a day, with a
 * team and a method; its expected people are fixed when it is created. Teams record who was
 * sampled with the tube or pool barcode (pools of 5 for higher risk, 10 for lower); the round
 * shows who is still missing, each pool's status and the members still awaiting an individual re-test.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SampleMethod, SampleResult } from '../../db/schema.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertPermission } from '../auth/policy.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import * as repo from './testing.repository.ts';
import { applyResults } from './testing.results.ts';
import { expectedPeople, type RoundTarget } from './testing.targets.ts';

/** Pool size by the round's risk level: 5 for higher risk, 10 for lower (QĐ 2914-era practice; configurable per round). */
export const POOL_SIZE = { high: 5, low: 10 } as const;
export const MAX_ROUND_PEOPLE = 50_000;
const BARCODE = /^[A-Z0-9][A-Z0-9._-]{2,39}$/;
/** Who can be a round's team: testing units, and facilities sampling their own residents. */
const TEAM_KINDS = ['sampling_team', 'lab', 'hospital', 'private_clinic', 'quarantine_facility', 'treatment_facility'];

export function poolSizeFor(riskLevel: 'high' | 'low', sizes: { high: number; low: number } = POOL_SIZE): number {
  return sizes[riskLevel];
}

export function normaliseBarcode(raw: string): string | null {
  const b = raw.trim().toUpperCase();
  return BARCODE.test(b) ? b : null;
}

export interface RoundInput extends RoundTarget {
  teamOrgId?: number | null | undefined; method: SampleMethod; riskLevel?: 'high' | 'low' | null | undefined; poolSize?: number | null | undefined;
  /** The screening schedule this round carries out. */
  scheduleId?: number | null | undefined;
}

function issue(field: string, code: string, vi: string, en: string): FieldIssue {
  return { field, code, message: { vi, en } };
}

async function nextRoundCode(db: Db, provinceCode: string, day: string): Promise<string> {
  const prefix = `VL-${day.replaceAll('-', '')}-`;
  const r = await db.selectFrom('sampling_round').select(sql<number>`count(*)::int`.as('n')).where('province_code', '=', provinceCode).where('code', 'like', `${prefix}%`).executeTakeFirstOrThrow();
  return `${prefix}${String(r.n + 1).padStart(3, '0')}`;
}

export async function createRound(db: Db, actor: Actor, input: RoundInput) {
  assertPermission(actor, 'sample:write');
  const issues: FieldIssue[] = [];
  const pooled = input.method === 'rt_pcr_pool';
  if (pooled && !input.riskLevel && !input.poolSize) issues.push(issue('riskLevel', 'REQUIRED', 'Xét nghiệm gộp cần mức nguy cơ (gộp 5 hoặc 10)', 'A pooled round needs a risk level (pools of 5 or 10)'));
  if (input.poolSize != null && (!pooled || input.poolSize < 2 || input.poolSize > 20)) issues.push(issue('poolSize', 'RANGE', 'Cỡ mẫu gộp từ 2 đến 20, chỉ với xét nghiệm gộp', 'A pool size (2–20) is for pooled rounds only'));
  if (input.scheduledOn < '2020-01-01') issues.push(issue('scheduledOn', 'RANGE', 'Ngày lấy mẫu trước năm 2020', 'The sampling date is before 2020'));
  // A unit's own user samples for their unit unless they name another team.
  const teamOrgId = input.teamOrgId ?? (actor.scopeKind === 'org' ? actor.scopeOrgId : null);
  const team = teamOrgId ? await db.selectFrom('org_unit').select(['id', 'kind', 'province_code']).where('id', '=', teamOrgId).executeTakeFirst() : null;
  if (teamOrgId && (!team || team.province_code !== actor.provinceCode || !TEAM_KINDS.includes(team.kind))) {
    issues.push(issue('teamOrgId', 'UNKNOWN', `Không có đội lấy mẫu hay cơ sở xét nghiệm mã ${teamOrgId}`, `No sampling team or testing unit ${teamOrgId}`));
  }
  const people = await expectedPeople(db, actor, input);
  if ('field' in people) issues.push(people);
  else if (people.ids.length > MAX_ROUND_PEOPLE) issues.push(issue('targetKind', 'TOO_MANY', `Quá ${MAX_ROUND_PEOPLE} người trong một đợt: hãy chia nhỏ`, `More than ${MAX_ROUND_PEOPLE} people in one round: split it`));
  if (!('field' in people) && actor.scopeKind !== 'province' && actor.scopeKind !== 'org' && people.commune
    && !areaInScope(actor, { province_code: actor.provinceCode, district_code: people.district, commune_code: people.commune })) {
    throw Errors.outOfScope();
  }
  if (issues.length || 'field' in people) throw new ValidationError(issues);
  const poolSize = pooled ? (input.poolSize ?? poolSizeFor(input.riskLevel!)) : null;
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertRound(trx, {
      province_code: actor.provinceCode, district_code: people.district, commune_code: people.commune, code: await nextRoundCode(trx, actor.provinceCode, input.scheduledOn),
      target_kind: input.targetKind, target_org_id: people.orgId, target_zone_id: people.zoneId ?? null, target_label: people.label, scheduled_on: input.scheduledOn,
      team_org_id: teamOrgId ?? null, method: input.method, risk_level: input.riskLevel ?? null, pool_size: poolSize, schedule_id: input.scheduleId ?? null,
      created_by: actor.userId || null,
    });
    for (let i = 0; i < people.ids.length; i += 10_000) {
      await sql`insert into round_person (round_id, person_id) select ${id}, unnest(${people.ids.slice(i, i + 10_000)}::int[])`.execute(trx);
    }
    await recordAudit(trx, actor, { action: 'create', recordKind: 'sampling_round', recordId: id, detail: { ...input, personIds: undefined, expected: people.ids.length, poolSize } });
    return id;
  });
  return roundDetail(db, actor, id);
}

async function roundInScope(db: Db, actor: Actor, id: number) {
  const r = await db.selectFrom('sampling_round').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r || r.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `đợt lấy mẫu ${id}`, en: `sampling round ${id}` });
  if (actor.scopeKind === 'org') {
    if (r.team_org_id !== actor.scopeOrgId && r.target_org_id !== actor.scopeOrgId) throw Errors.outOfScope();
  } else if (actor.scopeKind !== 'province' && r.commune_code && !areaInScope(actor, { province_code: r.province_code, district_code: r.district_code, commune_code: r.commune_code })) {
    throw Errors.outOfScope();
  }
  return r;
}

export async function roundDetail(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'testing:read');
  const r = await roundInScope(db, actor, id);
  const counts = await sql<{ expected: number; sampled: number; unexpected: number }>`select
      (select count(*)::int from round_person where round_id = ${id}) as expected,
      (select count(distinct person_id)::int from sample where round_id = ${id}) as sampled,
      (select count(distinct s.person_id)::int from sample s where s.round_id = ${id}
        and not exists (select 1 from round_person rp where rp.round_id = ${id} and rp.person_id = s.person_id)) as unexpected`.execute(db);
  const pools = await db.selectFrom('pool as p')
    .select(['p.id', 'p.barcode', 'p.size', 'p.taken_on', 'p.result', 'p.resulted_on',
      sql<number>`(select count(*)::int from sample s where s.pool_id = p.id)`.as('members'),
      sql<number>`(select count(*)::int from retest_task t where t.pool_id = p.id and t.status <> 'resolved')`.as('awaitingRetest')])
    .where('p.round_id', '=', id).orderBy('p.id').execute();
  const results = await sql<{ result: string | null; n: number }>`select result, count(*)::int as n from sample where round_id = ${id} group by result`.execute(db);
  const c = counts.rows[0]!;
  return {
    id: r.id, code: r.code, targetKind: r.target_kind, targetOrgId: r.target_org_id, targetZoneId: r.target_zone_id, targetLabel: r.target_label, scheduledOn: r.scheduled_on, teamOrgId: r.team_org_id,
    method: r.method, riskLevel: r.risk_level, poolSize: r.pool_size, status: r.status, districtCode: r.district_code, communeCode: r.commune_code,
    expected: c.expected, sampled: c.sampled, missing: Math.max(0, c.expected - (c.sampled - c.unexpected)), unexpected: c.unexpected,
    results: Object.fromEntries(results.rows.map((x) => [x.result ?? 'pending', x.n])),
    pools: pools.map((p) => ({
      id: p.id, barcode: p.barcode, size: p.size, members: p.members, takenOn: p.taken_on, result: p.result, resultedOn: p.resulted_on, awaitingRetest: p.awaitingRetest,
      status: p.result === null ? (p.members >= p.size ? 'full' : 'open') : p.result === 'negative' ? 'cleared' : p.awaitingRetest > 0 ? 'retesting' : 'resolved',
    })),
  };
}

export async function listRounds(db: Db, actor: Actor, q: { date?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'testing:read');
  let base = db.selectFrom('sampling_round as r').where('r.province_code', '=', actor.provinceCode);
  const area = actor.scopeKind === 'org' ? null : areaScopeFilter(actor);
  if (actor.scopeKind === 'org') base = base.where((eb) => eb.or([eb('r.team_org_id', '=', actor.scopeOrgId ?? -1), eb('r.target_org_id', '=', actor.scopeOrgId ?? -1)]));
  else if (area && area.column !== 'province_code') base = base.where((eb) => eb.or([eb(`r.${area.column}`, '=', area.value), eb(`r.${area.column}`, 'is', null)]));
  if (q.date) base = base.where('r.scheduled_on', '=', q.date);
  if (q.status) base = base.where('r.status', '=', q.status as never);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const items = await base.leftJoin('org_unit as t', 't.id', 'r.team_org_id')
    .select(['r.id', 'r.code', 'r.target_kind as targetKind', 'r.target_label as targetLabel', 'r.scheduled_on as scheduledOn', 'r.method', 'r.pool_size as poolSize',
      'r.status', 't.name as teamName',
      sql<number>`(select count(*)::int from round_person rp where rp.round_id = r.id)`.as('expected'),
      sql<number>`(select count(distinct s.person_id)::int from sample s where s.round_id = r.id)`.as('sampled')])
    .orderBy('r.scheduled_on', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { total, page: q.page, pageSize: q.pageSize, items };
}

/** Expected people not sampled yet (paged), for the team to find. */
export async function missingPeople(db: Db, actor: Actor, id: number, page: number, pageSize: number, q?: string | undefined) {
  assertPermission(actor, 'testing:read');
  await roundInScope(db, actor, id);
  // A team finds the person in front of them by name (accents optional) or id, among those still to sample.
  const text = q?.trim() ? foldVietnamese(q.trim()) : '';
  let base = db.selectFrom('round_person as rp').innerJoin('person as p', 'p.id', 'rp.person_id').where('rp.round_id', '=', id)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sample as s').select('s.id').whereRef('s.person_id', '=', 'rp.person_id').where('s.round_id', '=', id))));
  if (/^\d{1,9}$/.test(text)) base = base.where('p.id', '=', Number(text));
  else if (text) base = base.where('p.name_search', 'like', `%${text.replace(/[%_\\]/g, '')}%`);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const items = await base.select(['p.id', 'p.full_name as fullName', 'p.commune_code as communeCode', 'p.address_detail as address'])
    .orderBy('p.sort_name').orderBy('p.id').limit(pageSize).offset((page - 1) * pageSize).execute();
  await recordAudit(db, actor, { action: 'read', recordKind: 'sampling_round', recordId: id, detail: { missing: items.length, page } });
  return { total, page, pageSize, items };
}

/**
 * Records that a person was sampled in a round: a pooled round takes the pool's barcode (the pool
 * is opened on first use and refuses more than its size), others the tube's. Once per person per round.
 */
export async function recordSampling(db: Db, actor: Actor, roundId: number, input: { personId: number; barcode: string; takenOn?: string | undefined }, today = vnDate()) {
  assertPermission(actor, 'sample:write');
  const r = await roundInScope(db, actor, roundId);
  if (r.status === 'done' || r.status === 'cancelled') throw new AppError('ROUND_CLOSED', 409, { vi: `Đợt ${r.code} đã đóng`, en: `Round ${r.code} is closed` });
  const takenOn = input.takenOn ?? (r.scheduled_on > today ? today : r.scheduled_on);
  const barcode = normaliseBarcode(input.barcode);
  const issues: FieldIssue[] = [];
  if (!barcode) issues.push(issue('barcode', 'INVALID', `Mã ống "${input.barcode}" không hợp lệ (3–40 chữ, số, . _ -)`, `Barcode "${input.barcode}" is not valid (3–40 letters, digits, . _ -)`));
  if (takenOn > today) issues.push(issue('takenOn', 'FUTURE', 'Ngày lấy mẫu ở tương lai', 'The sample date is in the future'));
  const person = await db.selectFrom('person').select(['id', 'province_code', 'full_name']).where('id', '=', input.personId).executeTakeFirst();
  if (!person || person.province_code !== actor.provinceCode) issues.push(issue('personId', 'UNKNOWN_PERSON', `Không có người mã ${input.personId}`, `No person ${input.personId}`));
  if (issues.length) throw new ValidationError(issues);
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('sampling_round').select('id').where('id', '=', roundId).forUpdate().execute();
    const already = await trx.selectFrom('sample').select('id').where('round_id', '=', roundId).where('person_id', '=', input.personId).executeTakeFirst();
    if (already) throw new AppError('ALREADY_SAMPLED', 409, { vi: `${person!.full_name} đã được lấy mẫu trong đợt này`, en: `${person!.full_name} was already sampled in this round` }, 'personId');
    let poolId: number | null = null;
    const use = await repo.barcodeUse(trx, actor.provinceCode, barcode!);
    if (r.method === 'rt_pcr_pool') {
      if (use === 'tube') throw new AppError('BARCODE_TAKEN', 409, { vi: `Mã ${barcode} là mã ống đơn`, en: `${barcode} is an individual tube` }, 'barcode');
      let pool = await trx.selectFrom('pool').select(['id', 'round_id', 'size', 'result']).where('province_code', '=', actor.provinceCode).where('barcode', '=', barcode!).executeTakeFirst();
      if (pool && pool.round_id !== roundId) throw new AppError('BARCODE_TAKEN', 409, { vi: `Mã gộp ${barcode} thuộc đợt khác`, en: `Pool ${barcode} belongs to another round` }, 'barcode');
      if (pool?.result) throw new AppError('POOL_RESULTED', 409, { vi: `Mẫu gộp ${barcode} đã có kết quả`, en: `Pool ${barcode} already has a result` }, 'barcode');
      if (!pool) {
        pool = { ...(await trx.insertInto('pool').values({ province_code: actor.provinceCode, round_id: roundId, barcode: barcode!, size: r.pool_size!, taken_on: takenOn }).returning('id').executeTakeFirstOrThrow()), round_id: roundId, size: r.pool_size!, result: null };
      }
      const members = await trx.selectFrom('sample').select(sql<number>`count(*)::int`.as('n')).where('pool_id', '=', pool.id).executeTakeFirstOrThrow();
      if (members.n >= pool.size) throw new AppError('POOL_FULL', 409, { vi: `Mẫu gộp ${barcode} đã đủ ${pool.size} người`, en: `Pool ${barcode} already holds ${pool.size} people` }, 'barcode');
      poolId = pool.id;
    } else {
      if (use) throw new AppError('BARCODE_TAKEN', 409, { vi: `Mã ống ${barcode} đã được dùng`, en: `Barcode ${barcode} is already used` }, 'barcode');
    }
    const id = (await trx.insertInto('sample').values({
      province_code: actor.provinceCode, person_id: input.personId, barcode: poolId ? null : barcode, method: r.method, purpose: 'screening', order_id: null,
      taken_on: takenOn, round_id: roundId, pool_id: poolId, created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow()).id;
    await trx.insertInto('round_person').values({ round_id: roundId, person_id: input.personId }).onConflict((oc) => oc.doNothing()).execute();
    if (r.status === 'planned') await trx.updateTable('sampling_round').set({ status: 'sampling' }).where('id', '=', roundId).execute();
    const retest = r.method === 'rt_pcr' ? await repo.openRetestOf(trx, input.personId) : undefined;
    if (retest) await repo.linkRetest(trx, retest.id, id);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'sample', recordId: id, detail: { roundId, personId: input.personId, barcode, poolId, retestId: retest?.id ?? null } });
    return { id, poolId, barcode: barcode!, retestId: retest?.id ?? null };
  });
}

export async function closeRound(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'sample:write');
  const r = await roundInScope(db, actor, id);
  if (r.status === 'done') return roundDetail(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('sampling_round').set({ status: 'done' }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'sampling_round', recordId: id, detail: { status: 'done' } });
  });
  return roundDetail(db, actor, id);
}

export async function listRetests(db: Db, actor: Actor, q: { status?: 'open' | 'sampled' | 'resolved' | undefined; roundId?: number | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'testing:read');
  let base = db.selectFrom('retest_task as t').innerJoin('person as p', 'p.id', 't.person_id').leftJoin('pool as pl', 'pl.id', 't.pool_id')
    .where('t.province_code', '=', actor.provinceCode);
  const area = actor.scopeKind === 'org' ? null : areaScopeFilter(actor);
  if (area) base = base.where(`p.${area.column}`, '=', area.value);
  // A unit sees the re-tests of its own rounds only.
  if (actor.scopeKind === 'org') {
    const org = actor.scopeOrgId ?? -1;
    base = base.where((eb) => eb.exists(eb.selectFrom('sampling_round as r').select('r.id').whereRef('r.id', '=', 't.round_id')
      .where((w) => w.or([w('r.team_org_id', '=', org), w('r.target_org_id', '=', org)]))));
  }
  if (q.status) base = base.where('t.status', '=', q.status);
  if (q.roundId) base = base.where('t.round_id', '=', q.roundId);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const items = await base.select(['t.id', 't.person_id as personId', 'p.full_name as fullName', 'p.commune_code as communeCode', 't.round_id as roundId',
    't.pool_id as poolId', 'pl.barcode as poolBarcode', 't.reason', 't.status', 't.outcome', 't.created_at as createdAt'])
    .orderBy('t.status').orderBy('t.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  await recordAudit(db, actor, { action: 'read', recordKind: 'retest_task', detail: { list: items.length } });
  return { total, page: q.page, pageSize: q.pageSize, items };
}

/** Sets a pool's result by hand (a lab without a file): negative clears its members, positive or invalid opens their re-tests. */
export async function recordPoolResult(db: Db, actor: Actor, poolId: number, input: { result: SampleResult; resultedOn: string; ct?: number | null | undefined; lab?: string | null | undefined }, today = vnDate()) {
  assertPermission(actor, 'sample:write');
  const p = await db.selectFrom('pool').select(['id', 'province_code', 'round_id', 'barcode', 'taken_on', 'result', 'resulted_on']).where('id', '=', poolId).executeTakeFirst();
  if (!p || p.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `mẫu gộp ${poolId}`, en: `pool ${poolId}` });
  await roundInScope(db, actor, p.round_id);
  if (p.result !== null) {
    if (p.result === input.result && p.resulted_on === input.resultedOn) return { retests: 0, cleared: 0 };
    throw new AppError('ALREADY_RESULTED', 409, { vi: `Mẫu gộp ${p.barcode} đã có kết quả`, en: `Pool ${p.barcode} already has a result` }, 'result');
  }
  const issues: FieldIssue[] = [];
  if (input.resultedOn > today) issues.push(issue('resultedOn', 'FUTURE', 'Ngày có kết quả ở tương lai', 'The result date is in the future'));
  if (input.resultedOn < p.taken_on) issues.push(issue('resultedOn', 'ORDER', 'Ngày có kết quả trước ngày lấy mẫu', 'The result date is before the sample date'));
  if (issues.length) throw new ValidationError(issues);
  const out = await applyResults(db, actor, [{ kind: 'pool', id: poolId, result: input.result, ct: input.ct ?? null, lab: input.lab?.trim() || null, resultedOn: input.resultedOn }], today, { poolId, barcode: p.barcode });
  return { retests: out.retests, cleared: out.cleared };
}

// ---- published for the daily report (reports): testing of a province on a day, no personal data

/**
 * Samples of people (a pooled member counts as one) taken on `date` (by method) and by then,
 * results returned that day and the positive ones, and the backlog at its end: samples taken by
 * then without a result by then.
 */
export async function testingFiguresOn(db: Db, provinceCode: string, date: string) {
  const [taken, resulted] = await Promise.all([repo.samplesTakenBy(db, provinceCode, date), repo.samplesResultedOn(db, provinceCode, date)]);
  return {
    takenOnDay: taken.on_day,
    takenByMethod: { rtPcr: taken.rt_pcr, rtPcrPool: taken.rt_pcr_pool, rapidAntigen: taken.rapid_antigen },
    takenTotal: taken.total,
    resultedOnDay: resulted.resulted,
    positiveOnDay: resulted.positive,
    backlog: taken.backlog,
  };
}

/** A sample this old without a result is taken as lost, not awaited. */
const AWAITED_DAYS = 14;

/** Published for the personal status page (venues): since when the person waits for a test result (a sample without result, an open re-test), or null. */
export async function awaitingTestSince(db: Db, personId: number, today = vnDate()): Promise<string | null> {
  return repo.awaitingResultSince(db, personId, addDays(today, -AWAITED_DAYS));
}

/** Published for enterprises (who may work today): `awaitingTestSince` for a list of people; those not waiting are absent. */
export async function awaitingTestSinceMany(db: Db, personIds: readonly number[], today = vnDate()): Promise<Map<number, string>> {
  return repo.awaitingResultSinceMany(db, personIds, addDays(today, -AWAITED_DAYS));
}
