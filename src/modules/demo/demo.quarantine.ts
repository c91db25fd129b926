/**
 * The demo province's quarantine orders, as the province ran them in 2021: the day after a case
 * is confirmed its F1s go into centralized quarantine and its F2s into home quarantine (released
 * when their F1 tests negative), and every case is in medical isolation from its isolation date
 * (else its confirmation). Found with the tracing engine over the generated contacts, so the
 * demo's F1/F2 lists and its quarantine orders agree.
 */
import type { Db } from '../../db/database.ts';
import { dayNumber, isoDay } from '../tracing/tracing.domain.ts';
import { resolveF0, trace } from '../tracing/tracing.engine.ts';
import { buildTracingIndex } from '../tracing/tracing.build.ts';

const BATCH = 5000;

export async function quarantineDemoContacts(db: Db, provinceCode: string, asOf: string): Promise<number> {
  const index = await buildTracingIndex(db, provinceCode);
  const asOfDay = dayNumber(asOf);
  const orders: Array<{ person: number; start: number; source: number | null; kind: 'centralized' | 'home' | 'medical_isolation' }> = [];
  // Cases in order of confirmation: each one's new F1s are quarantined the day after it is
  // confirmed; someone already in quarantine keeps the first order.
  const quarantined = new Map<number, 'centralized' | 'home'>();
  const cases = [...index.casesByPerson.entries()]
    .map(([person, list]) => ({ person, confirmation: Math.min(...list.map((c) => c.confirmation)) }))
    .filter((c) => c.confirmation <= asOfDay)
    .sort((a, b) => a.confirmation - b.confirmation || a.person - b.person);
  for (let i = 0; i < cases.length;) {
    const day = cases[i]!.confirmation;
    const sameDay: number[] = [];
    while (i < cases.length && cases[i]!.confirmation === day) sameDay.push(cases[i++]!.person);
    const start = day + 1;
    if (start > asOfDay) break;
    // Everyone confirmed by that day is F0; their F1s and F2s as known that day.
    const r = trace(index, { f0: resolveF0(index, null, day).sources, asOf: day, depth: 2 });
    const today = new Set(sameDay);
    for (let p = 0; p < r.people.count; p++) {
      const level = r.people.level[p]!;
      if (level === 0) continue;
      const person = r.people.person[p]!;
      const source = r.people.source[p]!;
      if (!today.has(r.people.root[p]!)) continue;
      const kind = level === 1 ? 'centralized' : 'home';
      // Once in quarantine a person stays; an F2 at home who turns out to be an F1 moves to a centre.
      const before = quarantined.get(person);
      if (before === 'centralized' || (before === 'home' && kind === 'home')) continue;
      quarantined.set(person, kind);
      orders.push({ person, start, source, kind });
      index.putQuarantine({ id: -orders.length, person, start });
    }
  }
  for (const [person, list] of index.casesByPerson) {
    const first = list.reduce((a, b) => (b.confirmation < a.confirmation ? b : a));
    const start = first.isolation ?? first.confirmation;
    if (start <= asOfDay) orders.push({ person, start, source: null, kind: 'medical_isolation' });
  }
  for (let i = 0; i < orders.length; i += BATCH) {
    await db.insertInto('quarantine_order').values(orders.slice(i, i + BATCH).map((o) => ({
      province_code: provinceCode, person_id: o.person, kind: o.kind, start_date: isoDay(o.start), source_person_id: o.source,
    }))).execute();
  }
  return orders.length;
}
