/**
 * People in households. Households are composed (couple, children, grandparents, single
 * elders, young singles…) so ages inside a household make sense; together they give
 * roughly Vietnam's 2021 age pyramid. Everything is kept in typed arrays (≈ 30 bytes a
 * person) so a 2-million-person province fits in memory; strings are made when emitting.
 */
import { WAVE, yearOf } from './calendar.ts';
import { type Geography } from './geography.ts';
import { drawFamilyName, drawPersonalNames } from './names.ts';
import { type Rng, weighted } from './rng.ts';

/** Kinds of national ID held (person.idKind). */
export const IdKind = { None: 0, Cccd: 1, Cmnd: 2 } as const;

export interface Population {
  count: number;
  householdCount: number;
  // ---- per person
  household: Int32Array;
  female: Uint8Array;
  birthDay: Int32Array;
  family: Uint8Array;
  middle: Uint8Array;
  given: Uint8Array;
  idKind: Uint8Array;
  /** CCCD as a number ('0' + 11 digits, leading zero implied) or CMND (9 digits). */
  idNumber: Float64Array;
  /** The 9 digits after the leading 0 of a mobile number; 0 = no phone. */
  phone: Uint32Array;
  // ---- per household (members are contiguous: first … first + size - 1; the first is the head)
  hhCommune: Uint16Array;
  hhVillage: Uint8Array;
  hhHamlet: Uint8Array;
  hhFirst: Int32Array;
  hhSize: Uint8Array;
}

/** Household sizes 1–8 (mean ≈ 3.5, Vietnam 2019 census shape). */
const HOUSEHOLD_SIZE = weighted([[1, 10], [2, 19], [3, 22], [4, 25], [5, 13], [6, 7], [7, 2.5], [8, 1.5]]);

/** Viettel ≈ 50%, Vinaphone ≈ 25%, MobiFone ≈ 20%, Vietnamobile/Gmobile the rest. */
const MOBILE_PREFIX = weighted([
  [86, 6], [96, 6], [97, 7], [98, 7], [32, 3], [33, 3], [34, 3], [35, 3], [36, 3], [37, 3], [38, 3], [39, 3],
  [88, 4], [91, 6], [94, 5], [81, 2], [82, 2], [83, 2], [84, 2], [85, 2],
  [89, 4], [90, 5], [93, 4], [70, 2], [76, 1.5], [77, 1.5], [78, 1], [79, 1],
  [56, 1.5], [58, 1.5], [59, 1],
]);

/** Where people born outside the province were born (neighbours and the big sending provinces). */
const OTHER_BIRTH_PROVINCES: ReadonlyArray<readonly [number, number]> = [
  [20, 3], [19, 2], [27, 3], [1, 3], [30, 1.5], [22, 1], [25, 1], [8, 1], [4, 1], [38, 1.5], [40, 1],
  [14, 0.7], [2, 0.7], [15, 0.5], [26, 1], [33, 0.5], [34, 0.7], [36, 0.7], [11, 0.4], [10, 0.4], [6, 0.6], [79, 0.5], [24, 2],
];
/** CMND (9 digits) prefixes: Bắc Giang and Bắc Ninh kept the old Hà Bắc code 12. */
const CMND_PREFIX: Record<string, number> = { '24': 12, '27': 12 };

interface Member {
  female: boolean;
  age: number;
  /** Takes the family name of member `familyOf` (children, paternal grandfather) or draws its own. */
  familyOf: number | null;
}

export function generatePopulation(rng: Rng, geo: Geography, target: number): Population {
  const n = target;
  const pop: Population = {
    count: n,
    householdCount: 0,
    household: new Int32Array(n),
    female: new Uint8Array(n),
    birthDay: new Int32Array(n),
    family: new Uint8Array(n),
    middle: new Uint8Array(n),
    given: new Uint8Array(n),
    idKind: new Uint8Array(n),
    idNumber: new Float64Array(n),
    phone: new Uint32Array(n),
    hhCommune: new Uint16Array(n),
    hhVillage: new Uint8Array(n),
    hhHamlet: new Uint8Array(n),
    hhFirst: new Int32Array(n),
    hhSize: new Uint8Array(n),
  };
  const ids = new IdIssuer(rng, geo.provinceCode);
  let p = 0;
  let h = 0;
  while (p < n) {
    const members = composeHousehold(rng, Math.min(HOUSEHOLD_SIZE.pick(rng), n - p));
    const commune = geo.communeTable.pick(rng);
    pop.hhCommune[h] = commune;
    pop.hhVillage[h] = rng.int(0, geo.communes[commune]!.villages.length - 1);
    pop.hhHamlet[h] = rng.int(1, 8);
    pop.hhFirst[h] = p;
    pop.hhSize[h] = members.length;
    const families: number[] = [];
    for (const m of members) {
      const birthDay = WAVE.registerDate - Math.floor((m.age + rng.next()) * 365.25) - 1;
      const birthYear = yearOf(birthDay);
      const family = m.familyOf !== null ? families[m.familyOf]! : drawFamilyName(rng);
      families.push(family);
      const names = drawPersonalNames(rng, m.female, birthYear);
      pop.household[p] = h;
      pop.female[p] = m.female ? 1 : 0;
      pop.birthDay[p] = birthDay;
      pop.family[p] = family;
      pop.middle[p] = names.middle;
      pop.given[p] = names.given;
      if (m.age >= 18) ids.issue(pop, p, m.female, birthYear);
      if (rng.chance(phoneShare(m.age))) pop.phone[p] = ids.phone();
      p++;
    }
    h++;
  }
  pop.householdCount = h;
  return pop;
}

function phoneShare(age: number): number {
  if (age < 15) return 0;
  if (age < 18) return 0.55;
  if (age <= 60) return 0.93;
  if (age <= 75) return 0.7;
  return 0.35;
}

/** Ages are whole years on 1 May 2021. */
function composeHousehold(rng: Rng, size: number): Member[] {
  if (size === 1) {
    const r = rng.next();
    if (r < 0.45) return [{ female: rng.chance(0.65), age: rng.chance(0.7) ? rng.int(60, 75) : rng.int(76, 95), familyOf: null }];
    if (r < 0.85) return [{ female: rng.chance(0.45), age: rng.int(19, 35), familyOf: null }];
    return [{ female: rng.chance(0.5), age: rng.int(36, 59), familyOf: null }];
  }
  const members: Member[] = [];
  let grandparents = 0;
  if (size >= 5 && rng.chance(0.65)) grandparents = rng.chance(0.5) ? 2 : 1;
  else if (size === 4 && rng.chance(0.3)) grandparents = 1;
  else if (size === 3 && rng.chance(0.12)) grandparents = 1;
  const singleParent = size >= 2 && grandparents === 0 && rng.chance(size === 2 ? 0.3 : 0.08);
  const childlessCouple = size === 2 && !singleParent;

  let fatherAge: number;
  if (childlessCouple) fatherAge = rng.chance(0.45) ? rng.int(22, 32) : rng.int(50, 78);
  else fatherAge = Math.round(Math.min(72, Math.max(22, rng.normal(43, 11))));
  const motherAge = Math.max(18, fatherAge - rng.int(0, 5));

  if (grandparents > 0) {
    const grandAge = Math.min(98, fatherAge + rng.int(22, 32));
    // The grandfather heads the household and passes his family name to the father.
    if (grandparents === 2 || rng.chance(0.3)) members.push({ female: false, age: grandAge, familyOf: null });
    members.push({ female: true, age: Math.max(40, grandAge - rng.int(0, 5)), familyOf: null });
    if (members.length > grandparents) members.pop();
  }
  const firstParent = members.length;
  const grandfatherHeads = members.length > 0 && !members[0]!.female;
  if (singleParent) {
    const female = rng.chance(0.75);
    members.push({ female, age: female ? motherAge : fatherAge, familyOf: null });
  } else {
    members.push({ female: false, age: fatherAge, familyOf: grandfatherHeads ? 0 : null });
    members.push({ female: true, age: motherAge, familyOf: null });
  }
  const parentAge = members[members.length - 1]!.age;
  while (members.length < size) {
    let age = parentAge - rng.int(19, 35);
    if (age < 0) age = parentAge >= 20 ? rng.int(0, parentAge - 20) : 0;
    members.push({ female: rng.chance(0.48), age, familyOf: firstParent });
  }
  return members;
}

/** Issues CCCD/CMND numbers and phone numbers, unique across the province. */
class IdIssuer {
  private readonly cccd = new Set<number>();
  private readonly cmnd = new Set<number>();
  private readonly phones = new Set<number>();
  private readonly ownProvince: number;
  private readonly cmndPrefix: number;
  private readonly otherBirthProvinces;

  constructor(
    private readonly rng: Rng,
    provinceCode: string,
  ) {
    this.ownProvince = Number(provinceCode);
    this.cmndPrefix = CMND_PREFIX[provinceCode] ?? 10 + (this.ownProvince % 90);
    this.otherBirthProvinces = weighted(OTHER_BIRTH_PROVINCES.filter(([code]) => code !== this.ownProvince));
  }

  /** ~80% CCCD, ~15% still the old CMND, ~5% none. */
  issue(pop: Population, p: number, female: boolean, birthYear: number) {
    const r = this.rng.next();
    if (r < 0.05) return;
    if (r < 0.2) {
      pop.idKind[p] = IdKind.Cmnd;
      pop.idNumber[p] = this.unique(this.cmnd, () => this.cmndPrefix * 1e7 + this.rng.digits(7));
      return;
    }
    // 0PP C YY NNNNNN: birth province, century+sex (0/1 = 1900s male/female, 2/3 = 2000s), year, random.
    const province = this.rng.chance(0.88) ? this.ownProvince : this.otherBirthProvinces.pick(this.rng);
    const centurySex = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
    const head = province * 1e9 + centurySex * 1e8 + (birthYear % 100) * 1e6;
    pop.idKind[p] = IdKind.Cccd;
    pop.idNumber[p] = this.unique(this.cccd, () => head + this.rng.digits(6));
  }

  /** 0 + a real mobile prefix + 7 digits, stored without the leading 0. */
  phone(): number {
    return this.unique(this.phones, () => MOBILE_PREFIX.pick(this.rng) * 1e7 + this.rng.digits(7));
  }

  private unique(seen: Set<number>, draw: () => number): number {
    for (;;) {
      const v = draw();
      if (!seen.has(v)) {
        seen.add(v);
        return v;
      }
    }
  }
}

export function nationalIdText(pop: Population, p: number): string | null {
  switch (pop.idKind[p]) {
    case IdKind.Cccd:
      return String(pop.idNumber[p]).padStart(12, '0');
    case IdKind.Cmnd:
      return String(pop.idNumber[p]).padStart(9, '0');
    default:
      return null;
  }
}

export function phoneText(pop: Population, p: number): string | null {
  const v = pop.phone[p]!;
  return v === 0 ? null : `0${v}`;
}

/** Whole years of age on `day`. */
export function ageOn(pop: Population, p: number, day: number): number {
  return Math.floor((day - pop.birthDay[p]!) / 365.25);
}

export function communeOfPerson(pop: Population, p: number): number {
  return pop.hhCommune[pop.household[p]!]!;
}
