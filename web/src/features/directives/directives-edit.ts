/** Pure helpers of the edit forms: a record as the form's values, and the PATCH body of what changed. */
import type { Deadline, Meeting, Priority, TaskDetail } from './directives-api.ts';
import type { DeadlineValues } from './directives-view.ts';

/** `PATCH /meetings/:id`: the header fields that changed (the conclusions are edited one by one). */
export interface MeetingPatch {
  title?: string;
  chair?: string;
  attendees?: string[];
  noticeNo?: string | null;
}

/** `PATCH /tasks/:id`: the fields that changed (lead agency and concerns cannot change). */
export interface TaskPatch {
  title?: string;
  body?: string;
  deadline?: Deadline;
  priority?: Priority;
  supportAgencyIds?: number[];
}

export type MeetingHeader = Pick<Meeting, 'title' | 'chair' | 'attendees' | 'noticeNo'>;

/** What the meeting form holds of the header. */
export interface MeetingHeaderValues {
  title: string;
  chair: string;
  attendees?: string[];
  noticeNo?: string;
}

const cleanList = (list: readonly string[] | undefined) => (list ?? []).map((a) => a.trim()).filter(Boolean);
const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The meeting's header as the form's values. */
export function meetingHeaderValues(m: MeetingHeader): MeetingHeaderValues {
  return { title: m.title, chair: m.chair, attendees: [...m.attendees], noticeNo: m.noticeNo ?? '' };
}

/** Only the changed header fields, trimmed; a cleared notice number is sent as null. */
export function meetingPatch(before: MeetingHeader, v: MeetingHeaderValues): MeetingPatch {
  const patch: MeetingPatch = {};
  const title = v.title.trim();
  const chair = v.chair.trim();
  const attendees = cleanList(v.attendees);
  const noticeNo = v.noticeNo?.trim() || null;
  if (title !== before.title) patch.title = title;
  if (chair !== before.chair) patch.chair = chair;
  // The order of attendees is the order of the notice: a reordering is a change.
  if (!sameList(attendees, before.attendees)) patch.attendees = attendees;
  if (noticeNo !== (before.noticeNo ?? null)) patch.noticeNo = noticeNo;
  return patch;
}

/** A conclusion's new text, trimmed; undefined when blank or unchanged (nothing to send). */
export function itemPatch(before: string, text: string): { text: string } | undefined {
  const t = text.trim();
  return t && t !== before ? { text: t } : undefined;
}

/** The deadline as the form's fields (the inverse of `deadlineBody`). */
export function deadlineValues(d: Deadline): DeadlineValues {
  switch (d.kind) {
    case 'date':
      return { deadlineKind: 'date', dueOn: d.dueOn };
    case 'daily':
      return { deadlineKind: 'daily', from: d.from, ...(d.until ? { until: d.until } : {}) };
    case 'weekly':
      return { deadlineKind: 'weekly', weekday: d.weekday, from: d.from, ...(d.until ? { until: d.until } : {}) };
  }
}

/** Two deadlines say the same (a missing `until` is an open end, as null). */
export function sameDeadline(a: Deadline, b: Deadline): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'date' || b.kind === 'date') return a.kind === 'date' && b.kind === 'date' && a.dueOn === b.dueOn;
  if ((a.until ?? null) !== (b.until ?? null) || a.from !== b.from) return false;
  return a.kind === 'daily' || (b.kind === 'weekly' && a.weekday === b.weekday);
}

export type TaskBefore = Pick<TaskDetail, 'title' | 'body' | 'deadline' | 'priority' | 'supportAgencies'>;

/** What the task form holds of the editable fields (the deadline already built by `deadlineBody`). */
export interface TaskEditValues {
  title: string;
  body: string;
  supportAgencyIds?: number[];
  deadline: Deadline;
  priority: Priority;
}

/** Only the changed fields of a task; the supporting agencies compared as a set. */
export function taskPatch(before: TaskBefore, v: TaskEditValues): TaskPatch {
  const patch: TaskPatch = {};
  const title = v.title.trim();
  const body = v.body.trim();
  if (title !== before.title) patch.title = title;
  if (body !== before.body) patch.body = body;
  if (!sameDeadline(v.deadline, before.deadline)) patch.deadline = v.deadline;
  if (v.priority !== before.priority) patch.priority = v.priority;
  const supports = [...new Set(v.supportAgencyIds ?? [])];
  const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);
  if (!sameList(sorted(supports), sorted(before.supportAgencies.map((a) => a.id)))) patch.supportAgencyIds = supports;
  return patch;
}

export const isEmptyPatch = (patch: object): boolean => Object.keys(patch).length === 0;
