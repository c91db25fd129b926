/**
 * Lockdown zones: drawn and named by a decision, edited with a reason, ended; read by the map,
 * the dashboard and the testing context (rounds and screening of a zone's residents).
 */
import type { Db } from '../../db/database.ts';
import type { LockdownRingKind } from '../../db/schema.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, assertPermission } from '../auth/policy.ts';
import { lookupUnits } from '../places/places.service.ts';
import { type Circle, nestingProblems, type RingShape, ringShape, ringsProblems, zoneStatus, type ZoneStatus } from './zones.domain.ts';
import * as repo from './zones.repository.ts';

export interface RingInput {
  ring: LockdownRingKind; geometry?: unknown; circle?: Circle | null | undefined;
  areas: Array<{ communeCode: string; village?: string | null | undefined }>;
}

export interface ZoneInput { name: string; decisionNo: string; decidedOn?: string | null | undefined; startedOn: string; rings: RingInput[] }

/** A decision may announce a lockdown from a coming day, not further. */
const MAX_DAYS_AHEAD = 7;

function issue(field: string, code: string, vi: string, en: string): FieldIssue {
  return { field, code, message: { vi, en } };
}

const zoneLabel = (id: number) => ({ vi: `vùng phong tỏa ${id}`, en: `lockdown zone ${id}` });

interface CheckedRing extends RingShape { areas: Array<{ communeCode: string; village: string | null }> }
interface CheckedZone { rings: CheckedRing[]; districtCode: string | null; communeCode: string | null }

/** Every problem of a zone at once; the area of the zone is its core's first commune. */
async function checkZone(db: Db, actor: Actor, input: ZoneInput): Promise<CheckedZone> {
  const issues: FieldIssue[] = [];
  const latest = addDays(vnDate(), MAX_DAYS_AHEAD);
  if (!input.name.trim()) issues.push(issue('name', 'REQUIRED', 'Cần tên vùng', 'The zone needs a name'));
  if (!input.decisionNo.trim()) issues.push(issue('decisionNo', 'REQUIRED', 'Cần số quyết định', 'The decision number is required'));
  if (input.startedOn > latest) issues.push(issue('startedOn', 'FUTURE', `Ngày bắt đầu quá ${MAX_DAYS_AHEAD} ngày tới`, `The start date is more than ${MAX_DAYS_AHEAD} days ahead`));
  if (input.decidedOn && input.decidedOn > vnDate()) issues.push(issue('decidedOn', 'FUTURE', 'Ngày quyết định ở tương lai', 'The decision date is in the future'));
  if (input.decidedOn && input.decidedOn > input.startedOn) issues.push(issue('decidedOn', 'ORDER', 'Ngày quyết định sau ngày bắt đầu phong tỏa', 'The decision is dated after the lockdown starts'));
  issues.push(...ringsProblems(input.rings));

  const units = await lookupUnits(db, input.rings.flatMap((r) => r.areas.map((a) => a.communeCode)));
  const shapes: CheckedRing[] = [];
  for (const [i, r] of input.rings.entries()) {
    const shape = ringShape(r, i);
    if ('field' in shape) issues.push(shape);
    if (r.ring === 'core' && r.areas.length === 0) issues.push(issue(`rings.${i}.areas`, 'REQUIRED', 'Vùng phong tỏa cần ít nhất một xã/thôn', 'The core ring needs at least one commune or village'));
    const areas: CheckedRing['areas'] = [];
    const seen = new Set<string>();
    for (const [j, a] of r.areas.entries()) {
      const u = units.get(a.communeCode);
      const field = `rings.${i}.areas.${j}`;
      const village = a.village?.trim() || null;
      const key = `${a.communeCode}|${village?.toLowerCase() ?? ''}`;
      if (!u || u.level !== 'commune' || u.province_code !== actor.provinceCode) {
        issues.push(issue(`${field}.communeCode`, 'UNKNOWN', `Không có xã/phường mã ${a.communeCode} trong tỉnh`, `No commune ${a.communeCode} in the province`));
      } else if (actor.scopeKind !== 'province' && !areaInScope(actor, { province_code: u.province_code, district_code: u.district_code, commune_code: u.code })) {
        issues.push(issue(`${field}.communeCode`, 'OUT_OF_SCOPE', `${u.name} nằm ngoài địa bàn của bạn`, `${u.name} is outside your area`));
      } else if (seen.has(key)) {
        issues.push(issue(field, 'DUPLICATE', `${village ? `${village}, ` : ''}${u.name} đã có trong vùng này`, `${village ? `${village}, ` : ''}${u.name} is already in this ring`));
      }
      seen.add(key);
      areas.push({ communeCode: a.communeCode, village });
    }
    if (!('field' in shape)) shapes.push({ ...shape, areas });
  }
  await checkVillages(db, input.rings, issues);
  if (shapes.length === input.rings.length) issues.push(...nestingProblems(shapes, (k) => input.rings.findIndex((r) => r.ring === k)));
  if (issues.length) throw new ValidationError(issues);
  const core = shapes.find((s) => s.ring === 'core')!;
  const first = units.get(core.areas[0]!.communeCode)!;
  return { rings: shapes, districtCode: first.district_code, communeCode: first.code };
}

/** A village must be one someone lives in: a typo would make an empty lockdown. */
async function checkVillages(db: Db, rings: RingInput[], issues: FieldIssue[]) {
  for (const [i, r] of rings.entries()) {
    for (const [j, a] of r.areas.entries()) {
      const village = a.village?.trim();
      if (!village || !/^\d{5}$/.test(a.communeCode)) continue;
      if (!(await repo.villageExists(db, a.communeCode, village))) {
        issues.push(issue(`rings.${i}.areas.${j}.village`, 'UNKNOWN', `Không có ai ở "${village}" của xã mã ${a.communeCode}`, `Nobody lives in "${village}" of commune ${a.communeCode}`));
      }
    }
  }
}

function mayManage(actor: Actor, zone: { province_code: string; district_code: string | null; commune_code: string | null }) {
  if (zone.province_code !== actor.provinceCode) throw Errors.notFound({ vi: 'vùng phong tỏa', en: 'lockdown zone' });
  if (actor.scopeKind !== 'province' && !areaInScope(actor, zone)) throw Errors.outOfScope();
}

async function zoneRow(db: Db, actor: Actor, id: number) {
  const z = await db.selectFrom('lockdown_zone').selectAll().where('id', '=', id).executeTakeFirst();
  if (!z || z.province_code !== actor.provinceCode) throw Errors.notFound(zoneLabel(id));
  return z;
}

type ZoneRow = Awaited<ReturnType<typeof zoneRow>>;

async function present(db: Db, rows: ZoneRow[], asOf: string) {
  const ids = rows.map((z) => z.id);
  const [rings, residents] = await Promise.all([repo.ringsOf(db, ids), repo.residentCounts(db, ids)]);
  return rows.map((z) => ({
    id: z.id, name: z.name, decisionNo: z.decision_no, decidedOn: z.decided_on, startedOn: z.started_on, endedOn: z.ended_on, endReason: z.end_reason,
    status: zoneStatus(z.started_on, z.ended_on, asOf), districtCode: z.district_code, communeCode: z.commune_code,
    residents: residents.get(z.id) ?? 0,
    rings: rings.filter((r) => r.zone_id === z.id).map((r) => ({ ring: r.ring, geometry: r.geometry, circle: r.circle, areas: r.areas })),
    createdAt: z.created_at.toISOString(), updatedAt: z.updated_at.toISOString(),
  }));
}

export type ZoneView = Awaited<ReturnType<typeof present>>[number];

export async function listZones(db: Db, actor: Actor, q: { asOf?: string | undefined; status?: ZoneStatus | 'all' | undefined; q?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'zone:read');
  const asOf = q.asOf ?? vnDate();
  const { items, total } = await repo.findZones(db, { provinceCode: actor.provinceCode, asOf, status: q.status ?? 'all', q: q.q?.trim() || undefined }, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: await present(db, items, asOf), total, page: q.page, pageSize: q.pageSize };
}

export async function getZone(db: Db, actor: Actor, id: number, asOf?: string) {
  assertPermission(actor, 'zone:read');
  const [zone] = await present(db, [await zoneRow(db, actor, id)], asOf ?? vnDate());
  return zone!;
}

async function writeRings(trx: Db, zoneId: number, rings: CheckedRing[]) {
  await trx.deleteFrom('lockdown_ring').where('zone_id', '=', zoneId).execute();
  for (const r of rings) {
    const { id } = await trx.insertInto('lockdown_ring')
      .values({ zone_id: zoneId, ring: r.ring, geometry: JSON.stringify(r.geometry), circle: r.circle ? JSON.stringify(r.circle) : null })
      .returning('id').executeTakeFirstOrThrow();
    if (r.areas.length) await trx.insertInto('lockdown_ring_area').values(r.areas.map((a) => ({ ring_id: id, commune_code: a.communeCode, village: a.village }))).execute();
  }
}

export async function createZone(db: Db, actor: Actor, input: ZoneInput) {
  assertPermission(actor, 'zone:manage');
  const checked = await checkZone(db, actor, input);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('lockdown_zone').values({
      province_code: actor.provinceCode, district_code: checked.districtCode, commune_code: checked.communeCode,
      name: input.name.trim(), name_search: foldVietnamese(input.name), decision_no: input.decisionNo.trim(), decided_on: input.decidedOn ?? null,
      started_on: input.startedOn, created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    await writeRings(trx, id, checked.rings);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'lockdown_zone', recordId: id, detail: { after: input } });
    return id;
  });
  return getZone(db, actor, id);
}

export async function updateZone(db: Db, actor: Actor, id: number, input: ZoneInput & { reason: string }) {
  assertPermission(actor, 'zone:manage');
  const before = await getZone(db, actor, id);
  const row = await zoneRow(db, actor, id);
  mayManage(actor, row);
  if (row.ended_on) throw new AppError('ZONE_ENDED', 409, { vi: `Vùng ${row.name} đã dỡ phong tỏa ngày ${row.ended_on}: không sửa được`, en: `Zone ${row.name} was lifted on ${row.ended_on}: it can no longer be edited` });
  if (!input.reason.trim()) throw new ValidationError([issue('reason', 'REQUIRED', 'Ghi lý do sửa', 'Give the reason for the change')]);
  const checked = await checkZone(db, actor, input);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('lockdown_zone').set({
      district_code: checked.districtCode, commune_code: checked.communeCode, name: input.name.trim(), name_search: foldVietnamese(input.name),
      decision_no: input.decisionNo.trim(), decided_on: input.decidedOn ?? null, started_on: input.startedOn, updated_at: new Date(),
    }).where('id', '=', id).execute();
    await writeRings(trx, id, checked.rings);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'lockdown_zone', recordId: id, detail: { reason: input.reason.trim(), before, after: { ...input, reason: undefined } } });
  });
  return getZone(db, actor, id);
}

export async function endZone(db: Db, actor: Actor, id: number, input: { endedOn: string; reason: string }) {
  assertPermission(actor, 'zone:manage');
  const row = await zoneRow(db, actor, id);
  mayManage(actor, row);
  const issues: FieldIssue[] = [];
  if (row.ended_on) throw new AppError('ZONE_ENDED', 409, { vi: `Vùng ${row.name} đã dỡ phong tỏa ngày ${row.ended_on}`, en: `Zone ${row.name} was already lifted on ${row.ended_on}` });
  if (input.endedOn < row.started_on) issues.push(issue('endedOn', 'ORDER', `Ngày dỡ phong tỏa trước ngày bắt đầu (${row.started_on})`, `The end date is before the start (${row.started_on})`));
  if (input.endedOn > addDays(vnDate(), MAX_DAYS_AHEAD)) issues.push(issue('endedOn', 'FUTURE', `Ngày dỡ phong tỏa quá ${MAX_DAYS_AHEAD} ngày tới`, `The end date is more than ${MAX_DAYS_AHEAD} days ahead`));
  if (!input.reason.trim()) issues.push(issue('reason', 'REQUIRED', 'Ghi lý do dỡ phong tỏa', 'Give the reason for lifting the lockdown'));
  if (issues.length) throw new ValidationError(issues);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('lockdown_zone').set({ ended_on: input.endedOn, end_reason: input.reason.trim(), updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'lockdown_zone', recordId: id, detail: { before: { endedOn: null }, after: { endedOn: input.endedOn, endReason: input.reason.trim() } } });
  });
  return getZone(db, actor, id);
}

/** The rings of zones in force (or announced) on a day, widest first so the core draws on top. */
export async function zonesMap(db: Db, actor: Actor, asOf?: string) {
  assertPermission(actor, 'zone:read');
  const day = asOf ?? vnDate();
  const zones = await db.selectFrom('lockdown_zone').selectAll().where('province_code', '=', actor.provinceCode)
    .where('started_on', '<=', day).where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', day)])).execute();
  const rings = await repo.ringsOf(db, zones.map((z) => z.id));
  const byId = new Map(zones.map((z) => [z.id, z]));
  const order: LockdownRingKind[] = ['surveillance', 'buffer', 'core'];
  rings.sort((a, b) => order.indexOf(a.ring) - order.indexOf(b.ring) || a.zone_id - b.zone_id);
  return {
    type: 'FeatureCollection' as const,
    features: rings.map((r) => {
      const z = byId.get(r.zone_id)!;
      return {
        type: 'Feature' as const, geometry: r.geometry,
        properties: { zoneId: z.id, name: z.name, decisionNo: z.decision_no, ring: r.ring, status: zoneStatus(z.started_on, z.ended_on, day), startedOn: z.started_on, endedOn: z.ended_on },
      };
    }),
  };
}

/** Published for other contexts (testing): a zone of the actor's province, or undefined. */
export async function findZone(db: Db, actor: Actor, zoneId: number) {
  const z = await db.selectFrom('lockdown_zone').selectAll().where('id', '=', zoneId).where('province_code', '=', actor.provinceCode).executeTakeFirst();
  return z && { id: z.id, name: z.name, districtCode: z.district_code, communeCode: z.commune_code, startedOn: z.started_on, endedOn: z.ended_on };
}

/** Published for other contexts (testing): the people living in a zone's ring, core by default. */
export async function zoneResidentIds(db: Db, zoneId: number, ring: LockdownRingKind = 'core'): Promise<number[]> {
  return repo.residentIds(db, zoneId, ring);
}
