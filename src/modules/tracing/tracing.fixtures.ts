/**
 * Small contact worlds for the tracing tests: described in plain literals (day offsets from
 * 2021-05-01), turned into ContactData for the engine or into rows in a test database.
 */
import fc from 'fast-check';
import type { Db } from '../../db/database.ts';
import { type CaseDays, GROUP_KINDS, type GroupKind, OPEN_END, dayNumber, isoDay } from './tracing.domain.ts';
import type { ContactData } from './tracing.index.ts';

export const BASE_DAY = dayNumber('2021-05-01');

export interface World {
  people: number;
  groups: Array<{ kind: GroupKind; members: Array<{ p: number; from: number; to: number | null }> }>;
  venues: number;
  /** Minutes after 2021-05-01 00:00 in Vietnam. */
  checkins: Array<{ p: number; v: number; minute: number }>;
  contacts: Array<{ a: number; b: number; day: number }>;
  cases: Array<{ p: number; onset: number | null; sample: number; confirmation: number; isolation: number | null }>;
  quarantines: Array<{ p: number; start: number; end?: number | null }>;
}

export const emptyWorld = (people: number): World => ({ people, groups: [], venues: 1, checkins: [], contacts: [], cases: [], quarantines: [] });

/** Random small provinces for the property tests: people 1..n, a few days, overlaps and date edges made likely. */
export const worldArb: fc.Arbitrary<World> = fc.integer({ min: 4, max: 24 }).chain((people) => {
  const p = fc.integer({ min: 1, max: people });
  const day = fc.integer({ min: 0, max: 14 });
  const interval = fc.tuple(day, fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }))
    .map(([from, len]) => ({ from, to: len === null ? null : from + len }));
  return fc.record({
    people: fc.constant(people),
    groups: fc.array(fc.record({
      kind: fc.constantFrom(...GROUP_KINDS),
      members: fc.array(fc.tuple(p, interval).map(([pp, iv]) => ({ p: pp, ...iv })), { minLength: 1, maxLength: 8, size: 'medium' }),
    }), { minLength: 2, maxLength: 12 }),
    venues: fc.integer({ min: 1, max: 3 }),
    // Times bunch on a few slots a day, around midnight too, so that overlaps and date edges happen.
    checkins: fc.array(fc.record({
      p, v: fc.integer({ min: 1, max: 2 }),
      minute: fc.tuple(fc.integer({ min: 4, max: 12 }), fc.constantFrom(0, 20, 50, 600, 630, 631, 1409, 1439)).map(([d, m]) => d * 1440 + m),
    }), { minLength: 15, maxLength: 50 }),
    contacts: fc.array(fc.tuple(p, p, day).filter(([a, b]) => a !== b).map(([a, b, d]) => ({ a, b, day: d })), { maxLength: 6 }),
    cases: fc.array(fc.record({
      p, conf: fc.integer({ min: 2, max: 14 }), sampleLag: fc.integer({ min: 0, max: 3 }),
      onsetLag: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }), iso: fc.option(fc.integer({ min: -3, max: 2 }), { nil: null }),
    }).map((c) => ({
      p: c.p, confirmation: c.conf, sample: c.conf - c.sampleLag, onset: c.onsetLag === null ? null : c.conf - c.onsetLag,
      isolation: c.iso === null ? null : c.conf + c.iso,
    })), { minLength: 1, maxLength: 5 }),
    quarantines: fc.array(fc.record({ p, start: day, length: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }) })
      .map((q) => ({ p: q.p, start: q.start, end: q.length === null ? null : q.start + q.length })), { maxLength: 10 }),
  }).map((w) => ({ ...w, venues: 3 }));
});

/** Epoch seconds of a Vietnam-local minute offset from the base day. */
export function vnMinuteToEpoch(minute: number): number {
  return BASE_DAY * 86_400 + minute * 60 - 7 * 3600;
}

/** People are 1..n, groups 1..m, venues 1..v, in the order given. */
export function worldData(w: World): ContactData {
  const mem = w.groups.flatMap((g, gi) => g.members.map((m) => ({ group: gi + 1, ...m })));
  const day = (d: number) => BASE_DAY + d;
  const caseDays = (c: World['cases'][number]): CaseDays => ({
    onset: c.onset === null ? null : day(c.onset), sample: day(c.sample), confirmation: day(c.confirmation),
    isolation: c.isolation === null ? null : day(c.isolation),
  });
  return {
    memberships: {
      count: mem.length,
      id: Int32Array.from(mem, (_, i) => i + 1),
      group: Int32Array.from(mem, (m) => m.group),
      person: Int32Array.from(mem, (m) => m.p),
      from: Int32Array.from(mem, (m) => day(m.from)),
      to: Int32Array.from(mem, (m) => (m.to === null ? OPEN_END : day(m.to))),
    },
    groups: { id: Int32Array.from(w.groups, (_, i) => i + 1), kind: Uint8Array.from(w.groups, (g) => GROUP_KINDS.indexOf(g.kind)) },
    checkins: {
      count: w.checkins.length,
      venue: Int32Array.from(w.checkins, (c) => c.v),
      person: Int32Array.from(w.checkins, (c) => c.p),
      at: Float64Array.from(w.checkins, (c) => vnMinuteToEpoch(c.minute)),
    },
    contacts: w.contacts.map((c, i) => ({ id: i + 1, a: c.a, b: c.b, day: day(c.day) })),
    cases: w.cases.map((c, i) => ({ id: i + 1, person: c.p, ...caseDays(c) })),
    quarantines: {
      count: w.quarantines.length,
      id: Int32Array.from(w.quarantines, (_, i) => i + 1),
      person: Int32Array.from(w.quarantines, (q) => q.p),
      start: Int32Array.from(w.quarantines, (q) => day(q.start)),
      end: Int32Array.from(w.quarantines, (q) => (q.end == null ? OPEN_END : day(q.end))),
    },
  };
}

const COMMUNE = { province_code: '24', district_code: '222', commune_code: '07801' };

/**
 * Writes a world into the database; returns the database ids of its people, groups and venues
 * (index i holds the id of world item i + 1).
 */
export async function insertWorld(db: Db, w: World): Promise<{ people: number[]; groups: number[]; venues: number[] }> {
  const iso = (d: number) => isoDay(BASE_DAY + d);
  const people = (await db.insertInto('person')
    .values(Array.from({ length: w.people }, (_, i) => ({
      ...COMMUNE, full_name: `Người thử ${i + 1}`, name_search: `nguoi thu ${i + 1}`, sex: i % 2 ? 'female' as const : 'male' as const,
    })))
    .returning('id').execute()).map((r) => r.id);
  const venues = (await db.insertInto('org_unit')
    .values(Array.from({ length: w.venues }, (_, i) => ({ kind: 'venue', name: `Địa điểm ${i + 1}`, ...COMMUNE })))
    .returning('id').execute()).map((r) => r.id);
  const groups = w.groups.length === 0 ? [] : (await db.insertInto('contact_group')
    .values(w.groups.map((g, i) => ({ kind: g.kind, label: `Nhóm ${i + 1}`, ...COMMUNE })))
    .returning('id').execute()).map((r) => r.id);
  const mem = w.groups.flatMap((g, gi) => g.members.map((m) => ({
    group_id: groups[gi]!, person_id: people[m.p - 1]!, province_code: '24', valid_from: iso(m.from), valid_to: m.to === null ? null : iso(m.to),
  })));
  if (mem.length) await db.insertInto('group_membership').values(mem).execute();
  if (w.checkins.length) {
    await db.insertInto('checkin').values(w.checkins.map((c) => ({
      venue_id: venues[c.v - 1]!, person_id: people[c.p - 1]!, province_code: '24', checked_in_at: new Date(vnMinuteToEpoch(c.minute) * 1000),
    }))).execute();
  }
  if (w.contacts.length) {
    await db.insertInto('manual_contact').values(w.contacts.map((c) => ({
      province_code: '24', person_a: people[c.a - 1]!, person_b: people[c.b - 1]!, contact_date: iso(c.day),
    }))).execute();
  }
  if (w.cases.length) {
    await db.insertInto('covid_case').values(w.cases.map((c, i) => ({
      case_code: `T${i + 1}-${people[0]}`, person_id: people[c.p - 1]!, ...COMMUNE,
      onset_date: c.onset === null ? null : iso(c.onset), sample_date: iso(c.sample), confirmation_date: iso(c.confirmation),
      isolation_date: c.isolation === null ? null : iso(c.isolation),
      detection: 'community' as const, classification: 'community' as const, status: 'isolated' as const,
    }))).execute();
  }
  if (w.quarantines.length) {
    await db.insertInto('quarantine_order').values(w.quarantines.map((q) => ({
      province_code: '24', person_id: people[q.p - 1]!, kind: 'centralized' as const, start_date: iso(q.start),
      end_date: q.end == null ? null : iso(q.end),
    }))).execute();
  }
  return { people, groups, venues };
}

/** Removes everything insertWorld wrote (the property test reuses one database). */
export async function clearWorld(db: Db): Promise<void> {
  for (const t of ['quarantine_order', 'covid_case', 'manual_contact', 'checkin', 'group_membership', 'contact_group', 'person'] as const) {
    await db.deleteFrom(t).execute();
  }
  await db.deleteFrom('org_unit').where('kind', '=', 'venue').execute();
}
