/**
 * Where the non-commuting workers sleep: private boarding houses around the parks (tenants
 * of several enterprises mixed in one house, as the seed report notes) and enterprise
 * dormitories. Rooms are contact groups of kind 'room'; tenants keep their home household.
 */
import { WAVE } from './calendar.ts';
import { type Geography, addressDetail } from './geography.ts';
import { fullName } from './names.ts';
import { type Population, ageOn } from './population.ts';
import { type Registry } from './registry.ts';
import { type Rng } from './rng.ts';
import { Commute, type Workforce } from './workforce.ts';

export interface Lodging {
  boardingHouses: number[];
  dormitories: number[];
  /** Boarding house or dormitory org index of each room group, by group index. */
  roomHouse: Map<number, number>;
}

export function generateLodging(rng: Rng, geo: Geography, pop: Population, wf: Workforce, reg: Registry): Lodging {
  const lodging: Lodging = { boardingHouses: [], dormitories: [], roomHouse: new Map() };
  const owners = new OwnerPicker(geo, pop);

  // Boarding-house tenants by park area; one in five rents near another park of the same district.
  const areas: number[][] = geo.parks.map(() => []);
  for (let w = 0; w < wf.count; w++) {
    if (wf.mode[w] !== Commute.BoardingHouse) continue;
    const park = geo.parks[wf.enterprises[wf.enterprise[w]!]!.park]!;
    const siblings = geo.parks.filter((p) => p.districtIndex === park.districtIndex && p.index !== park.index);
    const area = siblings.length > 0 && rng.chance(0.2) ? rng.pick(siblings).index : park.index;
    areas[area]!.push(w);
  }
  for (const park of geo.parks) {
    const tenants = rng.shuffle(areas[park.index]!);
    const rooms = chunkRooms(rng, tenants, 2, 6);
    const district = geo.districts[park.districtIndex]!;
    for (let r = 0; r < rooms.length; ) {
      const roomCount = Math.min(rooms.length - r, rng.int(4, 16));
      const commune = rng.chance(0.75) ? rng.pick(park.communes) : rng.pick(district.communes);
      const c = geo.communes[commune]!;
      const owner = owners.pick(rng, commune);
      const ownerName = owner >= 0 ? nameOf(pop, owner) : `Chủ trọ ${c.shortName}`;
      const houseRooms = rooms.slice(r, r + roomCount);
      const house = reg.addOrg({
        kind: 'boarding_house',
        name: `Nhà trọ ${ownerName}`,
        code: null,
        parent: null,
        commune,
        addressDetail: `Số ${rng.int(1, 250)}, ${addressDetail(c, rng.int(0, c.villages.length - 1), rng.int(1, 8))}`,
        attrs: {
          owner: ownerName,
          ownerPhone: owner >= 0 && pop.phone[owner] ? `0${pop.phone[owner]}` : null,
          rooms: roomCount,
          tenants: houseRooms.reduce((a, room) => a + room.length, 0),
          nearPark: park.name,
        },
        ...(owner >= 0 ? { personRefs: { ownerPersonId: owner } } : {}),
      });
      lodging.boardingHouses.push(house);
      houseRooms.forEach((members, k) => {
        const group = reg.addGroup({
          kind: 'room',
          org: house,
          label: `Phòng ${Math.floor(k / 6) + 1}0${(k % 6) + 1}`,
          commune,
          addressDetail: reg.orgs[house]!.addressDetail,
          attrs: { capacity: Math.max(members.length, rng.int(members.length, 6)) },
        });
        lodging.roomHouse.set(group, house);
        for (const w of members) wf.roomGroup[w] = group;
      });
      r += roomCount;
    }
  }

  // Dormitories: one per enterprise that houses workers, rooms of 4–8 beds.
  for (const e of wf.enterprises) {
    const residents = e.workers.filter((w) => wf.mode[w] === Commute.Dormitory);
    if (residents.length === 0) continue;
    const enterprise = reg.orgs[e.org]!;
    const dorm = reg.addOrg({
      kind: 'dormitory',
      name: `Ký túc xá ${enterprise.name.replace(/^Công ty TNHH /, '')}`,
      code: null,
      parent: e.org,
      commune: e.commune,
      addressDetail: enterprise.addressDetail,
      attrs: { beds: residents.length + rng.int(0, Math.ceil(residents.length / 5)) },
    });
    lodging.dormitories.push(dorm);
    chunkRooms(rng, residents, 4, 8).forEach((members, k) => {
      const group = reg.addGroup({
        kind: 'room',
        org: dorm,
        label: `Phòng K${Math.floor(k / 10) + 1}-${String((k % 10) + 1).padStart(2, '0')}`,
        commune: e.commune,
        addressDetail: enterprise.addressDetail,
        attrs: { capacity: Math.max(members.length, 8) },
      });
      lodging.roomHouse.set(group, dorm);
      for (const w of members) wf.roomGroup[w] = group;
    });
  }
  return lodging;
}

/** Splits people into rooms of min–max; never leaves a lone tenant when two can be made. */
function chunkRooms(rng: Rng, people: number[], min: number, max: number): number[][] {
  const rooms: number[][] = [];
  let i = 0;
  while (i < people.length) {
    const left = people.length - i;
    let size = Math.min(left, rng.int(min, max));
    const rest = left - size;
    if (rest > 0 && rest < min) size = size + rest <= max ? size + rest : size - (min - rest);
    rooms.push(people.slice(i, i + size));
    i += size;
  }
  return rooms;
}

function nameOf(pop: Population, p: number): string {
  return fullName({ family: pop.family[p]!, middle: pop.middle[p]!, given: pop.given[p]! });
}

/** Landlords are residents (35–70) of the commune, each owning one house. */
class OwnerPicker {
  private readonly candidates = new Map<number, number[]>();
  private readonly used = new Set<number>();
  constructor(
    private readonly geo: Geography,
    private readonly pop: Population,
  ) {}

  pick(rng: Rng, commune: number): number {
    let list = this.candidates.get(commune);
    if (!list) {
      list = [];
      for (let h = 0; h < this.pop.householdCount; h++) {
        if (this.pop.hhCommune[h] !== commune) continue;
        const p = this.pop.hhFirst[h]!;
        const age = ageOn(this.pop, p, WAVE.registerDate);
        if (age >= 35 && age <= 70) list.push(p);
      }
      this.candidates.set(commune, list);
    }
    for (let tries = 0; tries < 6 && list.length > 0; tries++) {
      const p = rng.pick(list);
      if (!this.used.has(p)) {
        this.used.add(p);
        return p;
      }
    }
    return -1;
  }
}
