/**
 * The enterprise's F0 view (issue 7): its workers who are cases (open, or confirmed in the rule's
 * window), each with the contacts tracing found from them grouped by how they met (same workshop ×
 * shift, bus route, room of a boarding house or dormitory, household, venue, manual) at level F1
 * and F2, and the checklist of that F0 event (who ticked what, when, with a note; audited).
 * Contacts come from tracing's published `traceListed`; cases from `casesOfPeople`.
 */
import type { Db } from '../../db/database.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { Errors, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, hasPermission } from '../auth/policy.ts';
import { casesOfPeople } from '../cases/cases.service.ts';
import { personalFieldsFor } from '../people/people.service.ts';
import { defaultAsOf, traceListed } from '../tracing/tracing.service.ts';
import { maskName } from '../tracing/tracing.domain.ts';
import { loadEnterprise } from './enterprises.service.ts';
import { checklistProgress, type WorkStatusRuleVersion } from './work-status.domain.ts';
import * as repo from './work-status.repository.ts';
import { workRuleOn } from './work-status.service.ts';

/** Edge kinds in the order the panel shows them: the enterprise's own groups first. */
export const CONTACT_KINDS = ['workshop_shift', 'bus_route', 'room', 'household', 'venue', 'manual'] as const;

interface Contact { personId: number; level: number; date: string; groupId: number | null; viaPersonId: number | null }

/** Each F0's contacts (F1 by their primary edge from it, F2 under the group of the F1 they came through). */
export function groupContacts(f0: readonly number[], people: ReadonlyArray<{ personId: number; level: number; source: { personId: number; kind: string; groupId: number | null; date: string } | null }>) {
  const f0Set = new Set(f0);
  const f1 = new Map<number, { root: number; kind: string }>();
  const out = new Map<number, Map<string, Contact[]>>();
  const push = (root: number, kind: string, c: Contact) => {
    const byKind = out.get(root) ?? new Map<string, Contact[]>();
    out.set(root, byKind);
    byKind.set(kind, [...(byKind.get(kind) ?? []), c]);
  };
  for (const p of people) {
    if (p.level !== 1 || !p.source || !f0Set.has(p.source.personId)) continue;
    f1.set(p.personId, { root: p.source.personId, kind: p.source.kind });
    push(p.source.personId, p.source.kind, { personId: p.personId, level: 1, date: p.source.date, groupId: p.source.groupId, viaPersonId: null });
  }
  for (const p of people) {
    const via = p.level === 2 && p.source ? f1.get(p.source.personId) : undefined;
    if (!via) continue;
    push(via.root, via.kind, { personId: p.personId, level: 2, date: p.source!.date, groupId: p.source!.groupId, viaPersonId: p.source!.personId });
  }
  return out;
}

async function tracedFrom(db: Db, provinceCode: string, f0: number[], asOf: string) {
  if (f0.length === 0) return { traced: true, people: [] };
  try {
    return { traced: true, people: (await traceListed(db, provinceCode, f0, { asOf, depth: 2 })).people };
  } catch (err) {
    // A case tracing does not know on that day (confirmed later in the register): the panel still lists it.
    if (err instanceof ValidationError) return { traced: false, people: [] };
    throw err;
  }
}

function checklistOf(rule: WorkStatusRuleVersion, rows: Awaited<ReturnType<typeof repo.checksOf>>) {
  const byKey = new Map(rows.map((r) => [r.item_key, r]));
  const items = rule.checklist.map((i) => {
    const r = byKey.get(i.key);
    return {
      key: i.key, label: i.label, done: r?.done ?? false, note: r?.note ?? null, doneOn: r?.done_on ?? null,
      updatedBy: r?.username ?? null, updatedAt: r ? new Date(r.updated_at).toISOString() : null,
    };
  });
  const p = checklistProgress(rule.checklist, new Set(items.filter((i) => i.done).map((i) => i.key)));
  return { ruleCode: rule.code, ...p, items };
}

/**
 * The F0 panel of an enterprise on a day (default: tracing's, the latest confirmation day, never
 * after today): cases of the window, contacts by kind, checklists. Audited.
 */
export async function f0View(db: Db, actor: Actor, enterpriseId: number, q: { date?: string | undefined; days?: number | undefined }, today = vnDate()) {
  await loadEnterprise(db, actor, enterpriseId, 'read', today);
  const latest = await defaultAsOf(db, actor.provinceCode);
  const to = q.date ?? (latest < today ? latest : today);
  const rule = await workRuleOn(db, actor.provinceCode, to);
  const from = addDays(to, -((q.days ?? rule.f0WindowDays) - 1));
  const workers = await repo.workersUpTo(db, enterpriseId, to);
  const workerOf = new Map(workers.map((w) => [w.person_id, w]));
  const cases = await casesOfPeople(db, workers.map((w) => w.person_id), from, to);
  const f0 = [...new Set(cases.map((c) => c.personId))];
  const { traced, people } = await tracedFrom(db, actor.provinceCode, f0, to);
  const grouped = groupContacts(f0, people);
  const contactIds = [...new Set([...grouped.values()].flatMap((m) => [...m.values()].flat().map((c) => c.personId)))];
  const groupIds = [...new Set([...grouped.values()].flatMap((m) => [...m.values()].flat().map((c) => c.groupId).filter((g): g is number => g !== null)))];
  const [named, labels, checks, rules] = await Promise.all([
    repo.peopleNamed(db, enterpriseId, contactIds), repo.groupLabels(db, groupIds), repo.checksOf(db, enterpriseId, cases.map((c) => c.caseId)),
    Promise.all(cases.map((c) => workRuleOn(db, actor.provinceCode, c.confirmationDate))),
  ]);
  const nameOf = new Map(named.map((n) => [n.id, n]));
  const labelOf = new Map(labels.map((l) => [l.id, l]));
  // Tracing's own readers see everyone; the enterprise and its park board see their workers, others' initials only.
  const seeAll = hasPermission(actor, 'tracing:read');
  const presentContact = (c: Contact) => {
    const n = nameOf.get(c.personId);
    const visible = seeAll || n?.worker_id != null;
    const g = c.groupId !== null ? labelOf.get(c.groupId) : undefined;
    return {
      personId: c.personId, fullName: n ? (visible ? n.full_name : maskName(n.full_name)) : '', phone: n && visible ? personalFieldsFor(n, actor).phone : null,
      level: c.level, date: c.date, groupId: c.groupId, groupLabel: g?.label ?? null, orgName: g?.org_name ?? null, workerId: n?.worker_id ?? null, viaPersonId: c.viaPersonId,
    };
  };
  const items = cases.map((c, i) => {
    const w = workerOf.get(c.personId)!;
    const byKind = grouped.get(c.personId) ?? new Map<string, Contact[]>();
    const kinds = [...CONTACT_KINDS, ...[...byKind.keys()].filter((k) => !(CONTACT_KINDS as readonly string[]).includes(k))];
    return {
      caseId: c.caseId, caseCode: c.caseCode, personId: c.personId, workerId: w.id, employeeCode: w.employee_code, fullName: w.full_name,
      confirmationDate: c.confirmationDate, open: c.open, workshopName: w.workshop_name, shiftName: w.shift_name, busRouteName: w.bus_name,
      roomLabel: w.room_label, lodgingName: w.house_name,
      groups: kinds.filter((k) => byKind.has(k)).map((k) => {
        const list = byKind.get(k)!.sort((a, b) => a.level - b.level || a.date.localeCompare(b.date) || a.personId - b.personId);
        return { kind: k, f1: list.filter((x) => x.level === 1).length, f2: list.filter((x) => x.level === 2).length, contacts: list.map(presentContact) };
      }),
      checklist: checklistOf(rules[i]!, checks.filter((k) => k.case_id === c.caseId)),
    };
  });
  await recordAudit(db, actor, { action: 'read', recordKind: 'enterprise_f0_view', recordId: enterpriseId, detail: { from, to, cases: cases.length, contacts: contactIds.length } });
  return { from, to, ruleCode: rule.code, traced, cases: items };
}

/** Ticks (or unticks) an item of an F0 event's checklist with a note; audited with before and after. */
export async function setCheck(
  db: Db, actor: Actor, enterpriseId: number, caseId: number, itemKey: string, input: { done: boolean; note?: string | null | undefined; doneOn?: string | null | undefined }, today = vnDate(),
) {
  await loadEnterprise(db, actor, enterpriseId, 'write', today);
  const workers = await repo.workersUpTo(db, enterpriseId, today);
  const c = (await casesOfPeople(db, workers.map((w) => w.person_id), '2020-01-01', today)).find((x) => x.caseId === caseId);
  if (!c) throw Errors.notFound({ vi: `ca bệnh ${caseId} của công nhân doanh nghiệp`, en: `case ${caseId} of a worker of the enterprise` });
  const rule = await workRuleOn(db, actor.provinceCode, c.confirmationDate);
  if (!rule.checklist.some((i) => i.key === itemKey)) {
    throw new ValidationError([{ field: 'itemKey', code: 'UNKNOWN', message: { vi: `Không có mục "${itemKey}" trong danh sách việc`, en: `No item "${itemKey}" in the checklist` } }]);
  }
  const doneOn = input.done ? (input.doneOn ?? today) : null;
  if (doneOn && (doneOn > today || doneOn < c.confirmationDate)) {
    throw new ValidationError([{ field: 'doneOn', code: 'RANGE', message: { vi: 'Ngày thực hiện từ ngày khẳng định F0 đến hôm nay', en: 'The date is between the F0\'s confirmation and today' } }]);
  }
  const note = input.note?.trim() || null;
  await db.transaction().execute(async (trx) => {
    const before = await repo.findCheck(trx, enterpriseId, caseId, itemKey);
    const r = await repo.upsertCheck(trx, { province_code: actor.provinceCode, enterprise_id: enterpriseId, case_id: caseId, item_key: itemKey, done: input.done, note, done_on: doneOn, updated_by: actor.userId || null });
    await recordAudit(trx, actor, {
      action: before ? 'update' : 'create', recordKind: 'enterprise_f0_check', recordId: r.id,
      detail: { enterpriseId, caseId, itemKey, before: before ? { done: before.done, note: before.note, doneOn: before.done_on } : null, after: { done: input.done, note, doneOn } },
    });
  });
  const rows = await repo.checksOf(db, enterpriseId, [caseId]);
  return checklistOf(rule, rows);
}
