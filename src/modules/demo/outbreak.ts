/**
 * The 2021 wave as a transmission process over the generated contact structure.
 *
 * A worker of a KCN Vân Trung enterprise brings the virus in at the end of April; each day
 * infectious cases infect people they really share something with (household, boarding-house
 * room, workshop on the same shift, worker bus, a venue visited within the hour). How many
 * infections happen each day follows the published shape of the wave (a daily budget), who
 * infects whom follows the contacts, so every case has a real infector that tracing can
 * rediscover. Workshops and buses stop after 18 May (parks closed), tenants stay in their
 * rooms, lockdown zones are screened every 3 days, and tracing improves through May.
 */
import type { CaseClassification, CaseDetection, CaseStatus } from '../../db/schema.ts';
import { WAVE, dayOf, weekday } from './calendar.ts';
import type { Geography } from './geography.ts';
import { ContactIndex } from './contact-index.ts';
import { ENTERPRISE_SCREEN_EVERY, LOCKDOWN_SCREEN_EVERY, LUC_NGAN_CURVE, PARK_CLUSTER_CURVE, type Channel, type Timeline, dailyBudget, drawTimeline } from './outbreak-timeline.ts';
import { type Population, ageOn, communeOfPerson } from './population.ts';
import type { Lodging } from './lodging.ts';
import type { Registry } from './registry.ts';
import { type Rng, WeightedTable } from './rng.ts';
import type { Venues } from './venues.ts';
import { Commute, type Workforce } from './workforce.ts';

/** Bắc Giang: 5,770 cases for ~1.9 M people. */
export const CASES_PER_PERSON = 5770 / 1_900_000;
const LUC_NGAN_SHARE = 184 / 5770;
/** Relative daily infection rate per susceptible contact, by how close the contact is. */
const CONTACT_RATE: Record<Channel, number> = { household: 1.5, room: 1, boarding_house: 0.08, workshop_shift: 0.12, bus_route: 0.06, venue: 0.15 };
const MAX_INFECTIONS_PER_DAY = 3;
const MAX_INFECTIONS_TOTAL = 15;

export interface CaseRecord extends Timeline {
  person: number;
  cluster: 'parks' | 'luc-ngan';
  status: CaseStatus;
  /** Index (in the final, confirmation-ordered list) of the case that infected this one; null for index cases. */
  infector: number | null;
  channel: Channel | null;
  /** What the infection passed through: household index, contact group index, boarding house/dormitory org index, or venue index. */
  via: number | null;
  detection: CaseDetection;
  classification: CaseClassification;
}

interface Ctx {
  rng: Rng;
  geo: Geography;
  pop: Population;
  wf: Workforce;
  venues: Venues;
  asOf: number;
  infected: Uint8Array;
  cases: CaseRecord[];
  /** Internal index of each case's infector before the final ordering. */
  infectorOf: Array<number | null>;
  contacts: ContactIndex;
  /** First day of lockdown screening per commune (Infinity: none yet). */
  lockdownFrom: Float64Array;
  /** Workshop-shift and bus groups closed from this day. */
  lockedGroupFrom: Map<number, number>;
}

export interface OutbreakWorld {
  geo: Geography;
  pop: Population;
  wf: Workforce;
  reg: Registry;
  lodging: Lodging;
  venues: Venues;
}

export function simulateOutbreak(rng: Rng, world: OutbreakWorld, asOf: number): CaseRecord[] {
  const { geo, pop, wf, venues } = world;
  const ctx: Ctx = {
    rng,
    geo,
    pop,
    wf,
    venues,
    asOf,
    infected: new Uint8Array(pop.count),
    cases: [],
    infectorOf: [],
    contacts: new ContactIndex(world),
    lockdownFrom: new Float64Array(geo.communes.length).fill(Infinity),
    lockedGroupFrom: new Map(),
  };
  // Việt Yên (the district of most parks) and the park communes were locked down from 18 May.
  const parkDistrictCounts = new Map<number, number>();
  for (const p of geo.parks) parkDistrictCounts.set(p.districtIndex, (parkDistrictCounts.get(p.districtIndex) ?? 0) + 1);
  for (const c of geo.communes) if ((parkDistrictCounts.get(c.districtIndex) ?? 0) >= 2) ctx.lockdownFrom[c.index] = WAVE.parkClosure;
  for (const p of geo.parks) for (const c of p.communes) ctx.lockdownFrom[c] = WAVE.parkClosure;

  const total = Math.max(3, Math.round(pop.count * CASES_PER_PERSON));
  const lucNganTotal = geo.provinceCode === '24' ? Math.round(total * LUC_NGAN_SHARE) : 0;
  const clusters: Cluster[] = [];
  if (seedParkIndexCase(ctx) !== null) {
    clusters.push({ key: 'parks', budget: dailyBudget(PARK_CLUSTER_CURVE, total - lucNganTotal - 1), total: total - lucNganTotal, keepAliveUntil: dayOf('2021-06-05'), carriersAreWorkers: true, acc: 0 });
  }
  if (lucNganTotal >= 2 && seedLucNganIndexCase(ctx)) {
    clusters.push({ key: 'luc-ngan', budget: dailyBudget(LUC_NGAN_CURVE, lucNganTotal - 1), total: lucNganTotal, keepAliveUntil: dayOf('2021-06-18'), carriersAreWorkers: false, acc: 0 });
  }

  const offspringToday = new Map<number, number>();
  const offspring = new Map<number, number>();
  const last = Math.min(WAVE.lastInfection, asOf);
  for (let day = dayOf('2021-04-25'); day <= last; day++) {
    for (const cluster of clusters) {
      const budget = cluster.budget.get(day) ?? 0;
      cluster.acc = Math.min(cluster.acc + budget, 3 + 2 * budget);
      let wanted = Math.floor(cluster.acc);
      // Small provinces have budgets below one case a day early on, which would let the chain die
      // out in a household before it starts: while the wave is still building, keep at least three
      // infected people alive who can carry it on (workers, for the park cluster).
      const keepAlive =
        day <= cluster.keepAliveUntil && clusterSize(ctx, cluster.key) < cluster.total && aliveCarriers(ctx, cluster, day) < 3;
      if (keepAlive) wanted = Math.max(wanted, 1);
      if (wanted <= 0) continue;
      offspringToday.clear();
      let entries = exposureEntries(ctx, day, cluster.key, offspring);
      if (keepAlive && cluster.carriersAreWorkers) {
        const toWorkers = entries
          .map((e) => ({ ...e, targets: e.targets.filter((p) => wf.workerOf[p]! >= 0) }))
          .filter((e) => e.targets.length > 0)
          .map((e) => ({ ...e, weight: CONTACT_RATE[e.channel] * e.targets.length }));
        if (toWorkers.length > 0) entries = toWorkers;
      }
      if (entries.length === 0) continue;
      const table = new WeightedTable(entries, entries.map((e) => e.weight));
      let made = 0;
      for (let attempt = 0; made < wanted && attempt < wanted * 30; attempt++) {
        const e = table.pick(rng);
        if ((offspringToday.get(e.source) ?? 0) >= MAX_INFECTIONS_PER_DAY || (offspring.get(e.source) ?? 0) >= MAX_INFECTIONS_TOTAL) continue;
        const target = rng.pick(e.targets);
        if (ctx.infected[target]) continue;
        if (ageOn(pop, target, day) < 12 && !rng.chance(0.5)) continue;
        if (!infect(ctx, target, day, e.source, e.channel, e.via, cluster.key)) continue;
        offspringToday.set(e.source, (offspringToday.get(e.source) ?? 0) + 1);
        offspring.set(e.source, (offspring.get(e.source) ?? 0) + 1);
        made++;
      }
      cluster.acc -= made;
    }
  }
  return finalise(ctx);
}

interface Cluster {
  key: CaseRecord['cluster'];
  /** Expected new infections by day. */
  budget: Map<number, number>;
  total: number;
  keepAliveUntil: number;
  /** The park cluster spreads through workers; a chain confined to one household dies out. */
  carriersAreWorkers: boolean;
  /** Infections owed (budget accrued minus infections made). */
  acc: number;
}

function clusterSize(ctx: Ctx, key: CaseRecord['cluster']): number {
  let n = 0;
  for (const c of ctx.cases) if (c.cluster === key) n++;
  return n;
}

/** Cases of the cluster still infectious a few days after `day` (only workers, for the park cluster). */
function aliveCarriers(ctx: Ctx, cluster: Cluster, day: number): number {
  let n = 0;
  for (const c of ctx.cases) {
    if (c.cluster === cluster.key && c.confirmation > day + 3 && (!cluster.carriersAreWorkers || ctx.wf.workerOf[c.person]! >= 0)) n++;
  }
  return n;
}

interface Entry {
  source: number;
  channel: Channel;
  /** Household index, group index, boarding house org index or check-in index (venue). */
  via: number;
  /** People this case could infect through this channel today (not yet infected, not itself). */
  targets: number[];
  weight: number;
}

/**
 * Every (infectious case, channel) pair open today, weighted by rate × susceptible contacts:
 * a crowded workshop outweighs a small household until the household is all that is left.
 */
function exposureEntries(ctx: Ctx, day: number, cluster: CaseRecord['cluster'], offspring: Map<number, number>): Entry[] {
  const { pop, wf } = ctx;
  const entries: Entry[] = [];
  const working = day < WAVE.parkClosure && weekday(day) !== 0;
  const add = (source: number, channel: Channel, via: number, members: ArrayLike<number>, factor = 1) => {
    const self = ctx.cases[source]!.person;
    const targets: number[] = [];
    for (let k = 0; k < members.length; k++) {
      const p = members[k]!;
      if (p !== self && !ctx.infected[p]) targets.push(p);
    }
    if (targets.length > 0) entries.push({ source, channel, via, targets, weight: CONTACT_RATE[channel] * factor * targets.length });
  };
  ctx.cases.forEach((c, i) => {
    // Quarantine was mostly "in place" (rooms, homes in lockdown zones): people sharing a room or a
    // home kept infecting each other until the case was confirmed and taken to treatment. Outside
    // contacts (workshop, bus, venues) stop at isolation.
    if (c.cluster !== cluster || day < c.infectiousFrom || day > c.confirmation) return;
    if ((offspring.get(i) ?? 0) >= MAX_INFECTIONS_TOTAL) return;
    const outside = day < c.isolation;
    const hh = pop.household[c.person]!;
    const w = wf.workerOf[c.person]!;
    const tenant = w >= 0 && (wf.mode[w] === Commute.BoardingHouse || wf.mode[w] === Commute.Dormitory);
    // Tenants went home on days off until the parks closed; afterwards they stayed in their rooms.
    const homeFactor = tenant ? (day < WAVE.parkClosure && outside ? 0.5 : 0) : 1;
    if (pop.hhSize[hh]! > 1 && homeFactor > 0) add(i, 'household', hh, ctx.contacts.household(hh), homeFactor);
    if (w >= 0 && wf.roomGroup[w]! >= 0) {
      const room = wf.roomGroup[w]!;
      const house = ctx.contacts.roomHouse.get(room)!;
      add(i, 'room', room, ctx.contacts.group(room));
      add(i, 'boarding_house', house, ctx.contacts.house(house));
    }
    if (!outside) return;
    if (w >= 0 && working) {
      if ((ctx.lockedGroupFrom.get(wf.shiftGroup[w]!) ?? Infinity) > day) add(i, 'workshop_shift', wf.shiftGroup[w]!, ctx.contacts.group(wf.shiftGroup[w]!));
      const bus = wf.busGroup[w]!;
      if (bus >= 0 && (ctx.lockedGroupFrom.get(bus) ?? Infinity) > day) add(i, 'bus_route', bus, ctx.contacts.group(bus));
    }
    const ch = ctx.venues.checkins;
    for (const k of ctx.contacts.checkinsOf(c.person)) if (ch.day[k] === day) add(i, 'venue', k, ctx.contacts.coVisitors(k));
  });
  return entries;
}

/** Creates the case unless it would only be confirmed after the as-of date. */
function infect(ctx: Ctx, person: number, day: number, source: number | null, channel: Channel | null, via: number | null, cluster: CaseRecord['cluster']): boolean {
  const { pop, wf, rng } = ctx;
  const w = wf.workerOf[person]!;
  const residence = w >= 0 && wf.roomGroup[w]! >= 0 ? roomCommune(ctx, w) : communeOfPerson(pop, person);
  const sourceCase = source !== null ? ctx.cases[source]! : null;
  const t = drawTimeline(rng, {
    infection: day,
    age: ageOn(pop, person, day),
    source: sourceCase && channel ? { confirmation: sourceCase.confirmation, channel } : null,
    enterprisePhase: w >= 0 ? wf.enterprise[w]! % ENTERPRISE_SCREEN_EVERY : null,
    lockdownFrom: ctx.lockdownFrom[residence]!,
    lockdownPhase: residence % LOCKDOWN_SCREEN_EVERY,
  });
  if (t.confirmation > ctx.asOf) return false;
  // Venue infections are remembered by venue, not by the check-in that led to them.
  const place = channel === 'venue' && via !== null ? ctx.venues.checkins.venue[via]! : via;
  addCase(ctx, person, t, source, channel, place, cluster, residence);
  return true;
}

function addCase(ctx: Ctx, person: number, t: Timeline, source: number | null, channel: Channel | null, via: number | null, cluster: CaseRecord['cluster'], residence: number) {
  ctx.infected[person] = 1;
  ctx.cases.push({ ...t, person, cluster, status: 'isolated', infector: null, channel, via });
  ctx.infectorOf.push(source);
  // A confirmed case locks its commune down (screening every 3 days). Its workshop and bus stop
  // the next day, but only once enterprises began locking workshops (mid-May): until then they
  // kept producing and only removed the confirmed worker.
  ctx.lockdownFrom[residence] = Math.min(ctx.lockdownFrom[residence]!, t.confirmation + 1);
  const w = ctx.wf.workerOf[person]!;
  if (w >= 0) {
    const lockFrom = Math.max(t.confirmation + 1, WAVE.workshopLocks);
    for (const g of [ctx.wf.shiftGroup[w]!, ctx.wf.busGroup[w]!]) {
      if (g >= 0) ctx.lockedGroupFrom.set(g, Math.min(ctx.lockedGroupFrom.get(g) ?? Infinity, lockFrom));
    }
  }
}

function roomCommune(ctx: Ctx, w: number): number {
  return ctx.contacts.roomCommunes.get(ctx.wf.roomGroup[w]!) ?? communeOfPerson(ctx.pop, ctx.wf.person[w]!);
}

/** The first park case: a worker of KCN Vân Trung living in a park commune, infected end of April, confirmed 8 May. */
function seedParkIndexCase(ctx: Ctx): number | null {
  const { geo, wf, pop } = ctx;
  const parkCommunes = new Set(geo.parks.flatMap((p) => p.communes));
  const firstPark = geo.parks.find((p) => p.key === 'van-trung') ?? geo.parks[0]!;
  const candidates: number[] = [];
  for (const e of wf.enterprises) {
    if (e.park !== firstPark.index) continue;
    for (const w of e.workers) if (wf.mode[w] !== Commute.Dormitory && parkCommunes.has(communeOfPerson(pop, wf.person[w]!))) candidates.push(w);
  }
  if (candidates.length === 0) for (let w = 0; w < wf.count; w++) if (parkCommunes.has(communeOfPerson(pop, wf.person[w]!))) candidates.push(w);
  if (candidates.length === 0) return null;
  const person = wf.person[ctx.rng.pick(candidates)]!;
  const confirmation = WAVE.firstParkCase;
  if (confirmation > ctx.asOf) return null;
  addCase(ctx, person, {
    infection: confirmation - 8,
    trueOnset: confirmation - 3,
    onset: confirmation - 3,
    sample: confirmation - 1,
    confirmation,
    isolation: confirmation - 1,
    detection: 'community',
    classification: 'community',
    infectiousFrom: confirmation - 6,
  }, null, null, null, 'parks', communeOfPerson(pop, person));
  return ctx.cases.length - 1;
}

/** Thôn Bằng Công, Kiên Thành (Lục Ngạn): a local adult, confirmed 16 June. */
function seedLucNganIndexCase(ctx: Ctx): boolean {
  const { geo, pop } = ctx;
  const commune = geo.communeByCode.get('07558');
  const confirmation = WAVE.lucNganCluster;
  if (!commune || confirmation > ctx.asOf) return false;
  const candidates: number[] = [];
  for (let h = 0; h < pop.householdCount; h++) {
    if (pop.hhCommune[h] !== commune.index) continue;
    for (let p = pop.hhFirst[h]!; p < pop.hhFirst[h]! + pop.hhSize[h]!; p++) {
      const age = ageOn(pop, p, confirmation);
      if (age >= 25 && age <= 55 && !ctx.infected[p] && pop.hhSize[h]! > 1) candidates.push(p);
    }
  }
  if (candidates.length === 0) return false;
  const person = ctx.rng.pick(candidates);
  addCase(ctx, person, {
    infection: confirmation - 7,
    trueOnset: confirmation - 3,
    onset: confirmation - 3,
    sample: confirmation - 1,
    confirmation,
    isolation: confirmation - 1,
    detection: 'community',
    classification: 'community',
    infectiousFrom: confirmation - 5,
  }, null, null, null, 'luc-ngan', commune.index);
  return true;
}

/** Orders cases by confirmation (case codes follow it), then sets statuses as of the as-of date and the infector links. */
function finalise(ctx: Ctx): CaseRecord[] {
  const { rng, pop, asOf } = ctx;
  const order = ctx.cases.map((_, i) => i).sort((a, b) => {
    const x = ctx.cases[a]!;
    const y = ctx.cases[b]!;
    // Same-day confirmations keep the order of infection, so an infector always precedes its infectees.
    return x.confirmation - y.confirmation || a - b;
  });
  const rank = new Int32Array(order.length);
  order.forEach((internal, i) => (rank[internal] = i));
  return order.map((internal) => {
    const c = ctx.cases[internal]!;
    const source = ctx.infectorOf[internal];
    const age = ageOn(pop, c.person, c.confirmation);
    // 7 deaths in 5,836 patients, concentrated among the old.
    const deathRisk = age >= 70 ? 0.03 : age >= 60 ? 0.008 : age >= 50 ? 0.002 : 0.0002;
    let status: CaseStatus;
    if (c.confirmation <= asOf - 7 && rng.chance(deathRisk)) status = 'died';
    else if (c.confirmation <= asOf - 21) status = 'recovered';
    else status = c.onset !== null || age >= 50 ? 'in_treatment' : 'isolated';
    return { ...c, status, infector: source === null || source === undefined ? null : rank[source]! };
  });
}
