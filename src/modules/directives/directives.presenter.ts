/**
 * Shapes tasks for the API and the documents: the deadline state and next due day computed by the
 * domain from the task's reports at `now`, the agencies by name.
 */
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { type Deadline, deadlineOf, deadlineState, type DeadlineState, nextDueOn, priorityRank, type TaskProgress, type TaskStatus } from './directives.domain.ts';
import * as repo from './directives.repository.ts';

export interface AgencyRef { id: number; name: string; shortName: string }
export interface AgencyView { id: number; name: string; shortName: string; agencyKind: repo.AgencyAttrs['agencyKind']; districtCode: string | null; active: boolean; users: number }

export interface TaskSummary {
  id: number; title: string; leadAgency: AgencyRef; supportAgencies: AgencyRef[]; deadline: Deadline; nextDueOn: string | null;
  priority: 'high' | 'normal' | 'low'; status: TaskStatus; deadlineState: DeadlineState; percent: number;
  latestReport: { at: string; text: string; percent: number } | null;
  meetingId: number | null; itemId: number | null; itemOrdinal: number | null;
  concerns: { kind: string; ref: string; label: string } | null;
}

/** A task with what sorting and documents need beside its summary. */
export interface PresentedTask { summary: TaskSummary; body: string; updatedAt: Date; heldOn: string | null; latestAt: Date | null }

const KIND_ORDER = { department: 0, district_committee: 1, other: 2 } as const;

export function presentAgency(a: repo.AgencyRow): AgencyView {
  return {
    id: a.id, name: a.name, shortName: a.attrs.shortName ?? a.name, agencyKind: a.attrs.agencyKind ?? 'other', districtCode: a.district_code,
    active: a.attrs.active !== false, users: a.users,
  };
}

/** Departments first, then district committees, then others; by name within each. */
export function sortAgencies(list: AgencyView[]): AgencyView[] {
  return list.sort((a, b) => KIND_ORDER[a.agencyKind] - KIND_ORDER[b.agencyKind] || a.name.localeCompare(b.name, 'vi'));
}

export const agencyMatches = (a: AgencyView, q: string) => {
  const f = foldVietnamese(q);
  return foldVietnamese(a.name).includes(f) || foldVietnamese(a.shortName).includes(f);
};

export function progressOf(r: repo.TaskRow): TaskProgress {
  return {
    status: r.status,
    reportDays: r.report_times.map((t) => vnDate(new Date(t))),
    doneDay: r.done_time === null ? null : vnDate(new Date(r.done_time)),
  };
}

export async function presentTasks(db: Db, provinceCode: string, rows: repo.TaskRow[], now: Date): Promise<PresentedTask[]> {
  const supports = await repo.supportsOf(db, rows.map((r) => r.id));
  const ids = new Set<number>();
  for (const r of rows) ids.add(r.lead_agency_id);
  for (const list of supports.values()) for (const id of list) ids.add(id);
  const agencies = new Map((await repo.listAgencies(db, provinceCode, [...ids])).map((a) => [a.id, presentAgency(a)]));
  const ref = (id: number): AgencyRef => {
    const a = agencies.get(id);
    return { id, name: a?.name ?? String(id), shortName: a?.shortName ?? String(id) };
  };
  return rows.map((r) => {
    const deadline = deadlineOf(r);
    const progress = progressOf(r);
    return {
      body: r.body, updatedAt: r.updated_at, heldOn: r.held_on, latestAt: r.latest_at,
      summary: {
        id: r.id, title: r.title, leadAgency: ref(r.lead_agency_id), supportAgencies: (supports.get(r.id) ?? []).map(ref),
        deadline, nextDueOn: nextDueOn(deadline, progress, now), priority: r.priority, status: r.status,
        deadlineState: deadlineState(deadline, progress, now), percent: r.percent,
        latestReport: r.latest_at ? { at: r.latest_at.toISOString(), text: r.latest_text ?? '', percent: r.latest_percent ?? 0 } : null,
        meetingId: r.meeting_id, itemId: r.item_id, itemOrdinal: r.item_ordinal,
        concerns: r.concerns_kind && r.concerns_ref ? { kind: r.concerns_kind, ref: r.concerns_ref, label: r.concerns_label ?? r.concerns_ref } : null,
      },
    };
  });
}

export type TaskSort = 'deadline' | 'priority' | 'updated';

const byDue = (a: TaskSummary, b: TaskSummary) => (a.nextDueOn ?? '9999').localeCompare(b.nextDueOn ?? '9999');

export function sortTasks(list: PresentedTask[], sort: TaskSort): PresentedTask[] {
  const cmp: Record<TaskSort, (a: PresentedTask, b: PresentedTask) => number> = {
    deadline: (a, b) => byDue(a.summary, b.summary) || priorityRank(a.summary.priority) - priorityRank(b.summary.priority) || a.summary.id - b.summary.id,
    priority: (a, b) => priorityRank(a.summary.priority) - priorityRank(b.summary.priority) || byDue(a.summary, b.summary) || a.summary.id - b.summary.id,
    updated: (a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.summary.id - a.summary.id,
  };
  return list.sort(cmp[sort]);
}
