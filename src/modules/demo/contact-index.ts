/**
 * Who meets whom, indexed for the outbreak: members of each workshop-shift, bus and room
 * group, tenants of each boarding house or dormitory, household members, and check-ins
 * sorted by venue and time so the people at a venue within the hour are found by binary search.
 */
import { WAVE } from './calendar.ts';
import type { Lodging } from './lodging.ts';
import type { Population } from './population.ts';
import type { Registry } from './registry.ts';
import type { Venues } from './venues.ts';
import type { Workforce } from './workforce.ts';

const VENUE_WINDOW_MINUTES = 60;
const NOBODY: readonly number[] = [];

export class ContactIndex {
  /** Persons of each workshop-shift, bus-route and room group (by registry group index). */
  private readonly groups = new Map<number, number[]>();
  /** Tenants of each boarding house or dormitory (by org index). */
  private readonly houses = new Map<number, number[]>();
  /** The boarding house or dormitory of each room group. */
  readonly roomHouse: Map<number, number>;
  /** Commune of each room group (tenants are screened where they sleep). */
  readonly roomCommunes = new Map<number, number>();
  /** Check-in indexes sorted by venue, day and minute, and their sort keys. */
  private readonly visitOrder: Int32Array;
  private readonly visitKeys: Float64Array;

  constructor(private readonly world: { pop: Population; wf: Workforce; reg: Registry; lodging: Lodging; venues: Venues }) {
    const { wf, reg, lodging } = world;
    this.roomHouse = lodging.roomHouse;
    for (let w = 0; w < wf.count; w++) {
      const p = wf.person[w]!;
      for (const g of [wf.shiftGroup[w]!, wf.busGroup[w]!, wf.roomGroup[w]!]) if (g >= 0) push(this.groups, g, p);
      const house = wf.roomGroup[w]! >= 0 ? lodging.roomHouse.get(wf.roomGroup[w]!) : undefined;
      if (house !== undefined) push(this.houses, house, p);
    }
    reg.groups.forEach((g, i) => {
      if (g.kind === 'room') this.roomCommunes.set(i, g.commune);
    });
    const ch = world.venues.checkins;
    const keys = new Float64Array(ch.count);
    for (let i = 0; i < ch.count; i++) keys[i] = visitKey(ch.venue[i]!, ch.day[i]!, ch.minute[i]!);
    this.visitOrder = new Int32Array(ch.count);
    for (let i = 0; i < ch.count; i++) this.visitOrder[i] = i;
    this.visitOrder.sort((a, b) => keys[a]! - keys[b]! || a - b);
    this.visitKeys = new Float64Array(ch.count);
    for (let i = 0; i < ch.count; i++) this.visitKeys[i] = keys[this.visitOrder[i]!]!;
  }

  group(g: number): readonly number[] {
    return this.groups.get(g) ?? NOBODY;
  }

  house(org: number): readonly number[] {
    return this.houses.get(org) ?? NOBODY;
  }

  household(hh: number): number[] {
    const { pop } = this.world;
    const first = pop.hhFirst[hh]!;
    return Array.from({ length: pop.hhSize[hh]! }, (_, k) => first + k);
  }

  /** Indexes of a person's check-ins (they are stored sorted by person). */
  checkinsOf(person: number): number[] {
    const ch = this.world.venues.checkins;
    const out: number[] = [];
    for (let k = lowerBound(ch.person, person); k < ch.count && ch.person[k] === person; k++) out.push(k);
    return out;
  }

  /** People checked in at the same venue within the hour of check-in `k` (the person included). */
  coVisitors(k: number): number[] {
    const ch = this.world.venues.checkins;
    const key = visitKey(ch.venue[k]!, ch.day[k]!, ch.minute[k]!);
    const from = lowerBound(this.visitKeys, key - VENUE_WINDOW_MINUTES);
    const to = lowerBound(this.visitKeys, key + VENUE_WINDOW_MINUTES + 1);
    const out: number[] = [];
    for (let j = from; j < to; j++) out.push(ch.person[this.visitOrder[j]!]!);
    return out;
  }
}

function push(m: Map<number, number[]>, key: number, value: number) {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}

/** Venue, day and minute in one sortable number (a check-in window never crosses midnight: 06:00–21:00). */
function visitKey(venue: number, day: number, minute: number): number {
  return (venue * 4096 + (day - WAVE.checkinsFrom)) * 1440 + minute;
}

/** First index whose value is ≥ x in an ascending array. */
function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
