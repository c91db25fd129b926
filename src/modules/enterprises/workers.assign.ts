/**
 * A worker's assignment (workshop × shift, bus route, room) as dated group memberships: each
 * change closes the open membership the day before and opens one from the change date, in bulk
 * for an import of thousands. The tracing index is told after commit (`membershipsWritten`).
 */
import { insertsWithoutRowTriggers } from '../../db/bulk-insert.ts';
import type { Db } from '../../db/database.ts';
import { membershipSteps, type MembershipStep } from './enterprises.domain.ts';
import * as repo from './enterprises.repository.ts';
import * as workersRepo from './workers.repository.ts';
import type { MembershipWrite } from './workers.repository.ts';

export interface Assignment {
  workshopId: number | null;
  shiftId: number | null;
  busGroupId: number | null;
  roomGroupId: number | null;
}

export const NO_ASSIGNMENT: Assignment = { workshopId: null, shiftId: null, busGroupId: null, roomGroupId: null };

type Slot = 'shift' | 'bus' | 'room';
const ROLE: Record<Slot, string> = { shift: 'worker', bus: 'rider', room: 'tenant' };

/** The contact groups of an enterprise's workshop × shift pairs, created on first use. */
export class WorkshopShiftGroups {
  private constructor(
    private readonly enterprise: { id: number; province_code: string; district_code: string | null; commune_code: string | null },
    private readonly byPair: Map<string, number>,
    private readonly names: { workshops: Map<number, string>; shifts: Map<number, { name: string; start_time: string; end_time: string }> },
  ) {}

  readonly created: number[] = [];

  static async load(db: Db, enterprise: { id: number; province_code: string; district_code: string | null; commune_code: string | null }) {
    const [groups, workshops, shifts] = await Promise.all([repo.workshopShiftGroupsOf(db, enterprise.id), repo.workshopsOf(db, enterprise.id), repo.shiftsOf(db, enterprise.id)]);
    return new WorkshopShiftGroups(
      enterprise,
      new Map(groups.map((g) => [`${g.workshop_id}:${g.shift_id}`, g.group_id])),
      { workshops: new Map(workshops.map((w) => [w.id, w.name])), shifts: new Map(shifts.map((s) => [s.id, s])) },
    );
  }

  /** The group of a pair if it exists (null: no pair, or not created yet). */
  peek(a: Pick<Assignment, 'workshopId' | 'shiftId'>): number | null {
    if (a.workshopId === null || a.shiftId === null) return null;
    return this.byPair.get(`${a.workshopId}:${a.shiftId}`) ?? null;
  }

  /** Creates the groups of the pairs these assignments name that have none yet. */
  async ensure(trx: Db, assignments: Iterable<Assignment>): Promise<void> {
    for (const a of assignments) await this.groupOf(trx, a);
  }

  private async groupOf(trx: Db, a: Pick<Assignment, 'workshopId' | 'shiftId'>): Promise<number | null> {
    if (a.workshopId === null || a.shiftId === null) return null;
    const key = `${a.workshopId}:${a.shiftId}`;
    const found = this.byPair.get(key);
    if (found !== undefined) return found;
    const shift = this.names.shifts.get(a.shiftId)!;
    const workshop = this.names.workshops.get(a.workshopId)!;
    const e = this.enterprise;
    const { id } = await workersRepo.insertGroup(trx, {
      kind: 'workshop_shift', org_unit_id: e.id, label: `${workshop} – ${shift.name} (${shift.start_time}–${shift.end_time})`,
      province_code: e.province_code, district_code: e.district_code, commune_code: e.commune_code,
      attrs: { workshop, shift: shift.name, start: shift.start_time, end: shift.end_time },
    });
    await trx.insertInto('workshop_shift_group').values({ group_id: id, workshop_id: a.workshopId, shift_id: a.shiftId }).execute();
    this.byPair.set(key, id);
    this.created.push(id);
    return id;
  }
}

export interface AssignmentChange {
  personId: number;
  before: Assignment;
  after: Assignment;
  /** From this date the new assignment holds (a new worker: the employment start). */
  changeDate: string;
  /** Ends every slot on this date instead (end of employment). */
  endOn?: string | null;
  /** A new worker whose employment has ended already: the new memberships end then. */
  endsOn?: string | null;
}

export interface MembershipPlan {
  steps: Array<{ personId: number; slot: Slot; step: MembershipStep }>;
  /** Changes dated before the open membership they would end: refused (index into `changes`). */
  refused: Array<{ index: number; validFrom: string }>;
}

/** Plans the membership steps of changes (`groupsOf`: see `slotGroups`). */
export function planMemberships(
  changes: AssignmentChange[],
  groupsOf: (a: Assignment) => Record<Slot, number | null>,
  open: Map<string, workersRepo.OpenMembershipRow>,
): MembershipPlan {
  const plan: MembershipPlan = { steps: [], refused: [] };
  changes.forEach((c, index) => {
    const before = groupsOf(c.before);
    const after = groupsOf(c.after);
    for (const slot of ['shift', 'bus', 'room'] as const) {
      const o = before[slot] === null ? undefined : open.get(`${c.personId}:${before[slot]}`);
      const openM = o ? { id: o.id, groupId: o.group_id, validFrom: o.valid_from } : null;
      let steps: MembershipStep[] | null;
      if (c.endOn) {
        steps = !openM ? [] : c.endOn < openM.validFrom ? null : [{ kind: 'close', id: openM.id, validTo: c.endOn }];
      } else {
        steps = membershipSteps(openM, after[slot], c.changeDate);
        // A worker hired and gone already (a list of past workers): the interval is closed at once.
        if (steps && c.endsOn) steps = steps.map((s) => (s.kind === 'open' ? { ...s, validTo: c.endsOn! } : s));
      }
      if (steps === null) plan.refused.push({ index, validFrom: openM!.validFrom });
      else for (const step of steps) plan.steps.push({ personId: c.personId, slot, step });
    }
  });
  return plan;
}

export async function loadOpenMemberships(db: Db, changes: AssignmentChange[], groupsOf: (a: Assignment) => Record<Slot, number | null>) {
  const groups = new Set<number>();
  for (const c of changes) for (const g of Object.values(groupsOf(c.before))) if (g !== null) groups.add(g);
  const rows = await workersRepo.openMemberships(db, [...new Set(changes.map((c) => c.personId))], [...groups]);
  return new Map(rows.map((r) => [`${r.person_id}:${r.group_id}`, r]));
}

export interface AppliedMemberships { put: MembershipWrite[]; removed: number[] }

/**
 * Applies a plan in a few statements (every group exists: see `WorkshopShiftGroups.ensure`).
 * `embedded` (PGlite): the new memberships are inserted without the per-row foreign-key triggers
 * and checked set-based (db/bulk-insert.ts); the updates and deletes keep theirs (a delete's
 * ON DELETE CASCADE to a boarding-house tenancy).
 */
export async function applyMembershipPlan(trx: Db, provinceCode: string, plan: MembershipPlan, embedded = false): Promise<AppliedMemberships> {
  const closes: Array<{ id: number; valid_to: string }> = [];
  const regroups: Array<{ id: number; group_id: number }> = [];
  const removes: number[] = [];
  const opens: Array<{ group_id: number; person_id: number; valid_from: string; valid_to: string | null; role: string }> = [];
  for (const { personId, slot, step } of plan.steps) {
    if (step.kind === 'close') closes.push({ id: step.id, valid_to: step.validTo });
    if (step.kind === 'remove') removes.push(step.id);
    if (step.kind === 'regroup') regroups.push({ id: step.id, group_id: step.groupId });
    if (step.kind === 'open') opens.push({ group_id: step.groupId, person_id: personId, valid_from: step.validFrom, valid_to: step.validTo ?? null, role: ROLE[slot] });
  }
  const put = [
    ...(await workersRepo.closeMemberships(trx, closes)),
    ...(await workersRepo.regroupMemberships(trx, regroups)),
    ...(await insertsWithoutRowTriggers(trx, embedded, () => workersRepo.insertMemberships(trx, provinceCode, opens, embedded),
      (rows) => workersRepo.danglingMembershipReferences(trx, rows.map((r) => r.id)))),
  ];
  await workersRepo.deleteMemberships(trx, removes);
  return { put, removed: removes };
}

/** The groups of an assignment's slots; a workshop × shift pair without a group yet is -1 (it differs from every group). */
export function slotGroups(groups: WorkshopShiftGroups) {
  return (a: Assignment): Record<Slot, number | null> => {
    const pair = a.workshopId !== null && a.shiftId !== null ? (groups.peek(a) ?? -1) : null;
    return { shift: pair, bus: a.busGroupId, room: a.roomGroupId };
  };
}
