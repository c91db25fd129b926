/**
 * Turns a plan into table rows, batch by batch, in foreign-key order. Pure and repeatable:
 * no randomness here, so emitting the same plan twice gives identical rows, and only one
 * batch of row objects exists at a time (the 2-million-person province streams through).
 */
import type { CaseClassification, CaseDetection, CaseStatus, CommuteMode, ContactGroupKind, Sex } from '../../db/schema.ts';
import { dayOf, isoDate, vietnamTimeToUtcIso } from './calendar.ts';
import type { DemoPlan } from './demo.domain.ts';
import { addressDetail } from './geography.ts';
import { foldedName, fullName } from './names.ts';
import { nationalIdText, phoneText } from './population.ts';
import { COMMUTE_MODES } from './workforce.ts';

/** First id of each serial table minus one: row index i gets id base + i + 1. */
export interface IdBases {
  orgUnit: number;
  contactGroup: number;
  person: number;
  covidCase: number;
}

export interface OrgUnitRow {
  id: number;
  kind: string;
  name: string;
  code: string | null;
  parent_id: number | null;
  province_code: string;
  district_code: string;
  commune_code: string;
  address_detail: string | null;
  attrs: Record<string, unknown>;
}
export interface ContactGroupRow {
  id: number;
  kind: ContactGroupKind;
  org_unit_id: number | null;
  label: string;
  province_code: string;
  district_code: string;
  commune_code: string;
  address_detail: string | null;
  attrs: Record<string, unknown>;
}
export interface PersonRow {
  id: number;
  province_code: string;
  district_code: string;
  commune_code: string;
  address_detail: string;
  household_id: number;
  full_name: string;
  name_search: string;
  sex: Sex;
  date_of_birth: string;
  national_id: string | null;
  phone: string | null;
}
export interface MembershipRow {
  group_id: number;
  person_id: number;
  province_code: string;
  valid_from: string;
  valid_to: string | null;
  role: string;
}
export interface WorkerRow {
  person_id: number;
  enterprise_id: number;
  province_code: string;
  employee_code: string;
  commute_mode: CommuteMode;
  employed_from: string;
  employed_to: string | null;
}
export interface CheckinRow {
  venue_id: number;
  person_id: number;
  province_code: string;
  checked_in_at: string;
}
export interface CaseRow {
  id: number;
  case_code: string;
  person_id: number;
  province_code: string;
  district_code: string;
  commune_code: string;
  onset_date: string | null;
  sample_date: string;
  confirmation_date: string;
  isolation_date: string;
  detection: CaseDetection;
  classification: CaseClassification;
  status: CaseStatus;
}
/** One step of a case's status timeline (the event ids are left to the database). */
export interface CaseStatusEventRow {
  case_id: number;
  status: CaseStatus;
  effective_date: string;
}

export interface DemoRowsByTable {
  org_unit: OrgUnitRow;
  contact_group: ContactGroupRow;
  person: PersonRow;
  group_membership: MembershipRow;
  worker: WorkerRow;
  checkin: CheckinRow;
  covid_case: CaseRow;
  case_status_event: CaseStatusEventRow;
}
export type DemoTable = keyof DemoRowsByTable;
export type RowBatch = { [T in DemoTable]: { table: T; rows: Array<DemoRowsByTable[T]> } }[DemoTable];

/** Insert order (parents first). */
export const DEMO_TABLES: readonly DemoTable[] = [
  'org_unit', 'contact_group', 'person', 'group_membership', 'worker', 'checkin', 'covid_case', 'case_status_event',
];

export const FIRST_CASE_NUMBER = 3000;
const HOUSEHOLD_SINCE = '2020-01-01';

export function plannedRowCounts(plan: DemoPlan): Record<DemoTable, number> {
  const { pop, wf, reg, venues, cases } = plan;
  let workerMemberships = 0;
  for (let w = 0; w < wf.count; w++) workerMemberships += 1 + (wf.busGroup[w]! >= 0 ? 1 : 0) + (wf.roomGroup[w]! >= 0 ? 1 : 0);
  return {
    org_unit: reg.orgs.length,
    contact_group: pop.householdCount + reg.groups.length,
    person: pop.count,
    group_membership: pop.count + workerMemberships,
    worker: wf.count,
    checkin: venues.checkins.count,
    covid_case: cases.length,
    case_status_event: cases.length + cases.filter((c) => c.status !== 'isolated').length,
  };
}

export function* demoRows(plan: DemoPlan, bases: IdBases, batchSize = 5000): Generator<RowBatch> {
  const { geo, pop, wf, reg, venues, cases } = plan;
  const province = geo.provinceCode;
  const area = (commune: number) => {
    const c = geo.communes[commune]!;
    return { province_code: province, district_code: c.districtCode, commune_code: c.code };
  };
  const orgId = (i: number) => bases.orgUnit + i + 1;
  const householdId = (h: number) => bases.contactGroup + h + 1;
  const groupId = (g: number) => bases.contactGroup + pop.householdCount + g + 1;
  const personId = (p: number) => bases.person + p + 1;
  const caseId = (i: number) => bases.covidCase + i + 1;
  const nameOf = (p: number) => ({ family: pop.family[p]!, middle: pop.middle[p]!, given: pop.given[p]! });
  const hhAddress = (h: number) => addressDetail(geo.communes[pop.hhCommune[h]!]!, pop.hhVillage[h]!, pop.hhHamlet[h]!);

  yield {
    table: 'org_unit',
    rows: reg.orgs.map((o, i) => {
      const attrs = { ...o.attrs };
      for (const [key, p] of Object.entries(o.personRefs ?? {})) attrs[key] = personId(p);
      return { id: orgId(i), kind: o.kind, name: o.name, code: o.code, parent_id: o.parent === null ? null : orgId(o.parent), ...area(o.commune), address_detail: o.addressDetail, attrs };
    }),
  };

  for (let from = 0; from < pop.householdCount; from += batchSize) {
    const rows: ContactGroupRow[] = [];
    for (let h = from; h < Math.min(pop.householdCount, from + batchSize); h++) {
      rows.push({
        id: householdId(h),
        kind: 'household',
        org_unit_id: null,
        label: `Hộ ${fullName(nameOf(pop.hhFirst[h]!))}`,
        ...area(pop.hhCommune[h]!),
        address_detail: hhAddress(h),
        attrs: { size: pop.hhSize[h]! },
      });
    }
    yield { table: 'contact_group', rows };
  }
  for (let from = 0; from < reg.groups.length; from += batchSize) {
    yield {
      table: 'contact_group',
      rows: reg.groups.slice(from, from + batchSize).map((g, k) => ({
        id: groupId(from + k),
        kind: g.kind,
        org_unit_id: orgId(g.org),
        label: g.label,
        ...area(g.commune),
        address_detail: g.addressDetail,
        attrs: g.attrs,
      })),
    };
  }

  for (let from = 0; from < pop.count; from += batchSize) {
    const rows: PersonRow[] = [];
    for (let p = from; p < Math.min(pop.count, from + batchSize); p++) {
      const h = pop.household[p]!;
      const n = nameOf(p);
      rows.push({
        id: personId(p),
        ...area(pop.hhCommune[h]!),
        address_detail: hhAddress(h),
        household_id: householdId(h),
        full_name: fullName(n),
        name_search: foldedName(n),
        sex: pop.female[p] ? 'female' : 'male',
        date_of_birth: isoDate(pop.birthDay[p]!),
        national_id: nationalIdText(pop, p),
        phone: phoneText(pop, p),
      });
    }
    yield { table: 'person', rows };
  }

  let memberships: MembershipRow[] = [];
  const flush = function* (force: boolean): Generator<RowBatch> {
    if (memberships.length >= batchSize || (force && memberships.length > 0)) {
      yield { table: 'group_membership', rows: memberships };
      memberships = [];
    }
  };
  for (let p = 0; p < pop.count; p++) {
    const h = pop.household[p]!;
    memberships.push({ group_id: householdId(h), person_id: personId(p), province_code: province, valid_from: HOUSEHOLD_SINCE, valid_to: null, role: pop.hhFirst[h] === p ? 'head' : 'member' });
    yield* flush(false);
  }
  for (let w = 0; w < wf.count; w++) {
    const member = (g: number, role: string): MembershipRow => ({ group_id: groupId(g), person_id: personId(wf.person[w]!), province_code: province, valid_from: isoDate(wf.employedFrom[w]!), valid_to: null, role });
    memberships.push(member(wf.shiftGroup[w]!, 'worker'));
    if (wf.busGroup[w]! >= 0) memberships.push(member(wf.busGroup[w]!, 'rider'));
    if (wf.roomGroup[w]! >= 0) memberships.push(member(wf.roomGroup[w]!, 'tenant'));
    yield* flush(false);
  }
  yield* flush(true);

  for (let from = 0; from < wf.count; from += batchSize) {
    const rows: WorkerRow[] = [];
    for (let w = from; w < Math.min(wf.count, from + batchSize); w++) {
      const e = wf.enterprises[wf.enterprise[w]!]!;
      rows.push({
        person_id: personId(wf.person[w]!),
        enterprise_id: orgId(e.org),
        province_code: province,
        employee_code: `${e.codePrefix}${String(wf.employeeNo[w]!).padStart(5, '0')}`,
        commute_mode: COMMUTE_MODES[wf.mode[w]!]!,
        employed_from: isoDate(wf.employedFrom[w]!),
        employed_to: null,
      });
    }
    yield { table: 'worker', rows };
  }

  const ch = venues.checkins;
  for (let from = 0; from < ch.count; from += batchSize) {
    const rows: CheckinRow[] = [];
    for (let k = from; k < Math.min(ch.count, from + batchSize); k++) {
      rows.push({ venue_id: orgId(venues.orgs[ch.venue[k]!]!), person_id: personId(ch.person[k]!), province_code: province, checked_in_at: vietnamTimeToUtcIso(ch.day[k]!, ch.minute[k]!) });
    }
    yield { table: 'checkin', rows };
  }

  for (let from = 0; from < cases.length; from += batchSize) {
    yield {
      table: 'covid_case',
      rows: cases.slice(from, from + batchSize).map((c, k) => ({
        id: caseId(from + k),
        case_code: caseCode(from + k),
        person_id: personId(c.person),
        ...area(pop.hhCommune[pop.household[c.person]!]!),
        onset_date: c.onset === null ? null : isoDate(c.onset),
        sample_date: isoDate(c.sample),
        confirmation_date: isoDate(c.confirmation),
        isolation_date: isoDate(c.isolation),
        detection: c.detection,
        classification: c.classification,
        status: c.status,
      })),
    };
  }

  const asOfDay = dayOf(plan.asOf);
  for (let from = 0; from < cases.length; from += batchSize) {
    const rows: CaseStatusEventRow[] = [];
    for (let i = from; i < Math.min(cases.length, from + batchSize); i++) {
      for (const step of timelineOf(cases[i]!, i, asOfDay)) rows.push({ case_id: caseId(i), status: step.status, effective_date: isoDate(step.day) });
    }
    yield { table: 'case_status_event', rows };
  }
}

/**
 * A case's status timeline: isolated from its isolation day, then its status as of the as-of
 * date when that differs. Treatment starts the day after confirmation; a recovery comes 14–21
 * days after it and a death 3–7 days after it (the outbreak only gives those statuses to cases
 * confirmed at least 21 or 7 days before the as-of date), spread by the case's index, never
 * after the as-of date.
 */
export function timelineOf(c: { status: CaseStatus; isolation: number; confirmation: number }, index: number, asOfDay: number): Array<{ status: CaseStatus; day: number }> {
  const steps: Array<{ status: CaseStatus; day: number }> = [{ status: 'isolated', day: c.isolation }];
  const after = { isolated: 0, in_treatment: 1, recovered: 14 + (index % 8), died: 3 + (index % 5) }[c.status];
  if (c.status !== 'isolated') steps.push({ status: c.status, day: Math.max(c.isolation, Math.min(c.confirmation + after, asOfDay)) });
  return steps;
}

/** 'BN3000', 'BN3001' … in order of confirmation. */
export function caseCode(index: number): string {
  return `BN${FIRST_CASE_NUMBER + index}`;
}
