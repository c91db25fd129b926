/**
 * The situation map's point layers: cases (one point per case at its household for those who may
 * read cases; otherwise one point per commune with a count, so no household shows), quarantine
 * facilities with their occupancy and treatment facilities with their beds. Every point comes from
 * the owning module's published reads (and places cases visited while infectious, as counts); things without a location are counted, not guessed.
 */
import type { Db } from '../../db/database.ts';
import { addDays } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertPermission, hasPermission } from '../auth/policy.ts';
import { casesConfirmedBetween } from '../cases/cases.service.ts';
import { householdPoints } from '../people/people.service.ts';
import { lookupUnits, unitPoints } from '../places/places.service.ts';
import { listFacilities } from '../quarantine/quarantine.service.ts';
import { venuesVisitedByCases } from '../tracing/tracing.service.ts';
import { bedBoard } from '../treatment/treatment.service.ts';
import { asOfDate, requestedArea } from './situation.service.ts';

export const MAX_MAP_DAYS = 60;

/** The actor's own area (org users: the province) and the day asked for, by default the latest confirmation day. */
async function areaAndDay(db: Db, actor: Actor, date: string | undefined) {
  return { area: await requestedArea(db, actor, {}), date: await asOfDate(db, actor, date) };
}

type Point = [number, number];
const feature = <P>(coordinates: Point, properties: P) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates }, properties });

/** The cases confirmed in the `days` days ending on `date` (default: the latest confirmation day). */
export async function caseLayer(db: Db, actor: Actor, q: { date?: string | undefined; days: number }) {
  assertPermission(actor, 'overview:read');
  const { area, date } = await areaAndDay(db, actor, q.date);
  const cases = await casesConfirmedBetween(db, area, addDays(date, -(q.days - 1)), date);
  const points = await householdPoints(db, cases.map((c) => c.personId));
  const located = cases.filter((c) => points.has(c.personId));
  const base = { date, days: q.days, total: cases.length, unlocated: cases.length - located.length };
  if (hasPermission(actor, 'case:read')) {
    // Cases at their households are personal: the read is audited like a list of cases.
    await recordAudit(db, actor, { action: 'list', recordKind: 'case', detail: { view: 'map', date, days: q.days, ids: located.map((c) => c.id) } });
    return {
      ...base, individual: true,
      type: 'FeatureCollection' as const,
      features: located.map((c) => feature(points.get(c.personId)!, { caseId: c.id, caseCode: c.caseCode, classification: c.classification, confirmationDate: c.confirmationDate, count: 1 })),
    };
  }
  // Without case:read: per commune, at the middle of its cases' households.
  const byCommune = new Map<string, { lon: number; lat: number; n: number }>();
  for (const c of located) {
    const [lon, lat] = points.get(c.personId)!;
    const s = byCommune.get(c.communeCode) ?? { lon: 0, lat: 0, n: 0 };
    byCommune.set(c.communeCode, { lon: s.lon + lon, lat: s.lat + lat, n: s.n + 1 });
  }
  const names = await lookupUnits(db, [...byCommune.keys()]);
  return {
    ...base, individual: false,
    type: 'FeatureCollection' as const,
    features: [...byCommune].map(([code, s]) => feature([Number((s.lon / s.n).toFixed(4)), Number((s.lat / s.n).toFixed(4))], { communeCode: code, communeName: names.get(code)?.name ?? code, count: s.n })),
  };
}

/** Places cases visited while infectious (their venue check-ins) in the days ending on `date`: counts, no one named. */
export async function visitedLayer(db: Db, actor: Actor, q: { date?: string | undefined; days: number }) {
  assertPermission(actor, 'overview:read');
  const { area, date } = await areaAndDay(db, actor, q.date);
  const venues = await venuesVisitedByCases(db, area, addDays(date, -(q.days - 1)), date);
  const units = await unitPoints(db, venues.map((v) => v.id));
  return {
    type: 'FeatureCollection' as const, date, days: q.days,
    unlocated: venues.filter((v) => !units.has(v.id)).length,
    features: venues.filter((v) => units.has(v.id)).sort((a, b) => b.cases - a.cases || a.id - b.id)
      .map((v) => feature(units.get(v.id)!.point, { id: v.id, name: units.get(v.id)!.name, cases: v.cases, lastVisit: v.lastVisit })),
  };
}

/** Quarantine facilities with their occupancy and treatment facilities with their beds, for the roles that read them. */
export async function facilityLayer(db: Db, actor: Actor) {
  assertPermission(actor, 'overview:read');
  const quarantine = hasPermission(actor, 'quarantine:read') ? (await listFacilities(db, actor, { kind: 'quarantine' })) : [];
  const treatment = hasPermission(actor, 'treatment:read') ? (await bedBoard(db, actor)).facilities : [];
  const points = await unitPoints(db, [...quarantine.map((f) => f.id), ...treatment.map((f) => f.facilityId)]);
  const at = (id: number) => points.get(id)?.point;
  return {
    type: 'FeatureCollection' as const,
    unlocated: quarantine.filter((f) => !at(f.id)).length + treatment.filter((f) => !at(f.facilityId)).length,
    features: [
      ...quarantine.filter((f) => at(f.id)).map((f) => feature(at(f.id)!, {
        id: f.id, kind: 'quarantine' as const, name: f.name, districtName: f.districtName, capacity: f.capacity, used: f.used, percent: f.percent, alert: f.alert, tier: null,
        beds: null,
      })),
      ...treatment.filter((f) => at(f.facilityId)).map((f) => feature(at(f.facilityId)!, {
        id: f.facilityId, kind: 'treatment' as const, name: f.name, districtName: f.districtName, capacity: null, used: null, percent: null, alert: null, tier: f.tier,
        beds: f.beds,
      })),
    ],
  };
}
