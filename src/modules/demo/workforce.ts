/**
 * Industrial parks, their enterprises, workshops × shifts, workers and worker buses.
 * Scale from the seed report: 377 enterprises in the parks with 167,889 workers for a
 * province of ~1.9 M; commute: motorbike 42%, boarding house 35%, bus 17%, dormitory 6%.
 * Enterprise names are made up (sector + an invented brand), never real companies.
 */
import { WAVE, dayOf } from './calendar.ts';
import { type Geography, districtDistance } from './geography.ts';
import { randomFullName } from './names.ts';
import { type Population, ageOn, communeOfPerson } from './population.ts';
import { type Registry } from './registry.ts';
import { type Rng, WeightedTable, apportion, weighted } from './rng.ts';

export const WORKERS_PER_PERSON = 167_889 / 1_900_000;
export const ENTERPRISES_PER_PERSON = 377 / 1_900_000;

export const COMMUTE_MODES = ['motorbike', 'boarding_house', 'bus', 'dormitory'] as const;
export type CommuteModeIndex = 0 | 1 | 2 | 3;
export const Commute = { Motorbike: 0, BoardingHouse: 1, Bus: 2, Dormitory: 3 } as const;
const COMMUTE_SHARES = [0.42, 0.35, 0.17, 0.06];
/** Enterprises smaller than this house nobody: their dormitory share goes to boarding houses. */
const MIN_DORMITORY_WORKFORCE = 60;
const BUS_SEATS = 45;

export interface Enterprise {
  org: number;
  park: number;
  commune: number;
  workforce: number;
  codePrefix: string;
  shiftGroups: number[];
  workers: number[];
}

export interface Workforce {
  enterprises: Enterprise[];
  /** Org index of each park. */
  parkOrgs: number[];
  count: number;
  person: Int32Array;
  enterprise: Int32Array;
  mode: Uint8Array;
  employedFrom: Int32Array;
  employeeNo: Int32Array;
  shiftGroup: Int32Array;
  busGroup: Int32Array;
  /** Room group (boarding house or dormitory), filled in by the lodging step. */
  roomGroup: Int32Array;
  /** Worker index of each person, -1 when not a worker. */
  workerOf: Int32Array;
}

const SECTORS = weighted([
  [{ key: 'electronics', words: ['Điện tử', 'Công nghệ', 'Linh kiện điện tử'], shops: ['SMT', 'Lắp ráp', 'Kiểm tra chất lượng', 'Đóng gói', 'Ép nhựa', 'Hàn linh kiện'] }, 55],
  [{ key: 'garment', words: ['May mặc', 'Dệt may'], shops: ['May', 'Cắt', 'Hoàn thiện', 'Đóng gói'] }, 18],
  [{ key: 'mechanical', words: ['Cơ khí chính xác'], shops: ['Gia công CNC', 'Dập', 'Mạ', 'Lắp ráp'] }, 10],
  [{ key: 'plastics', words: ['Nhựa kỹ thuật'], shops: ['Ép nhựa', 'Sơn', 'Lắp ráp', 'Đóng gói'] }, 7],
  [{ key: 'optics', words: ['Quang học'], shops: ['Mài', 'Phủ quang', 'Lắp ráp', 'Kiểm tra'] }, 5],
  [{ key: 'packaging', words: ['Bao bì'], shops: ['In', 'Cắt bế', 'Dán hộp'] }, 5],
] as const);

const BRAND_SYLLABLES = weighted([
  [{ origin: 'KR', a: ['Han', 'Seo', 'Jin', 'Dae', 'Sung', 'Kwang', 'Hyun', 'Yu', 'Woo', 'Bum', 'Dong', 'Nam', 'Sam', 'Young'], b: ['tech', 'jin', 'won', 'il', 'bit', 'yang', 'myung', 'hwa', 'san', 'kyung'] }, 45],
  [{ origin: 'CN', a: ['Fu', 'Hong', 'Xin', 'Yuan', 'Hua', 'Jia', 'Tai', 'Kai', 'Rui', 'Jun', 'Mei', 'Qian'], b: ['da', 'xing', 'feng', 'rong', 'yu', 'li', 'wei', 'chang', 'tong', 'lian'] }, 30],
  [{ origin: 'JP', a: ['Kyo', 'Taka', 'Shin', 'Nishi', 'Hiro', 'Yama', 'Mitsu', 'Asa', 'Naka', 'Fuji'], b: ['wa', 'shima', 'den', 'tec', 'kawa', 'moto', 'seiki', 'hara'] }, 10],
  [{ origin: 'VN', a: ['Kinh Bắc', 'Hà Phong', 'Tân Phát', 'Minh Long', 'Phúc An', 'Thành Đạt', 'Việt Hưng', 'Đông Á', 'Sao Bắc', 'Trường Thịnh', 'An Khang', 'Hưng Thịnh'], b: [''] }, 15],
] as const);

const SHIFTS = {
  three: [
    { shift: 'Ca 1', start: '06:00', end: '14:00' },
    { shift: 'Ca 2', start: '14:00', end: '22:00' },
    { shift: 'Ca 3', start: '22:00', end: '06:00' },
  ],
  two: [
    { shift: 'Ca ngày', start: '08:00', end: '20:00' },
    { shift: 'Ca đêm', start: '20:00', end: '08:00' },
  ],
  one: [{ shift: 'Ca hành chính', start: '08:00', end: '17:00' }],
};

/** Vehicle registration prefixes: 98 Bắc Giang, 99 Bắc Ninh. */
const PLATE_PREFIX: Record<string, string> = { '24': '98', '27': '99' };

export function generateWorkforce(rng: Rng, geo: Geography, pop: Population, reg: Registry): Workforce {
  const eligibleByDistrict: number[][] = geo.districts.map(() => []);
  for (let p = 0; p < pop.count; p++) {
    const age = ageOn(pop, p, WAVE.registerDate);
    if (age >= 18 && age <= 45) eligibleByDistrict[geo.communes[communeOfPerson(pop, p)]!.districtIndex]!.push(p);
  }
  for (const list of eligibleByDistrict) rng.shuffle(list);
  const eligible = eligibleByDistrict.reduce((a, l) => a + l.length, 0);
  const totalWorkers = Math.min(eligible, Math.round(pop.count * WORKERS_PER_PERSON));
  const parkCount = geo.parks.length;
  const enterpriseCount = Math.max(2 * parkCount, Math.round(pop.count * ENTERPRISES_PER_PERSON));

  const wf: Workforce = {
    enterprises: [],
    parkOrgs: [],
    count: totalWorkers,
    person: new Int32Array(totalWorkers),
    enterprise: new Int32Array(totalWorkers),
    mode: new Uint8Array(totalWorkers),
    employedFrom: new Int32Array(totalWorkers),
    employeeNo: new Int32Array(totalWorkers),
    shiftGroup: new Int32Array(totalWorkers).fill(-1),
    busGroup: new Int32Array(totalWorkers).fill(-1),
    roomGroup: new Int32Array(totalWorkers).fill(-1),
    workerOf: new Int32Array(pop.count).fill(-1),
  };

  for (const park of geo.parks) {
    wf.parkOrgs.push(
      reg.addOrg({
        kind: 'industrial_park',
        name: park.name,
        code: null,
        parent: null,
        commune: park.communes[0]!,
        addressDetail: null,
        attrs: { key: park.key, communeCodes: park.communes.map((c) => geo.communes[c]!.code) },
      }),
    );
  }

  const shares = geo.parks.map((p) => p.workforceShare);
  const enterprisesPerPark = apportion(enterpriseCount, shares).map((n) => Math.max(2, n));
  const workersPerPark = apportion(totalWorkers, shares);
  const brands = new Set<string>();
  let w = 0;
  for (const park of geo.parks) {
    const n = enterprisesPerPark[park.index]!;
    // Heavy-tailed sizes: a few employers of thousands, many of a few hundred.
    const weights = Array.from({ length: n }, () => Math.min(40, (1 - rng.next()) ** (-1 / 1.2)));
    const sizes = apportion(workersPerPark[park.index]!, weights);
    for (const size of sizes) {
      const e = createEnterprise(rng, geo, reg, park.index, wf.parkOrgs[park.index]!, size, brands);
      wf.enterprises.push(e);
      const districtWeights = geo.districts.map((d) => [8, 3, 1][districtDistance(geo, d.index, park.districtIndex)]!);
      for (let k = 0; k < size && w < totalWorkers; k++) {
        const table = new WeightedTable(
          geo.districts.map((d) => d.index),
          districtWeights.map((dw, d) => dw * eligibleByDistrict[d]!.length),
        );
        if (table.total === 0) break;
        const p = eligibleByDistrict[table.pick(rng)]!.pop()!;
        wf.person[w] = p;
        wf.enterprise[w] = wf.enterprises.length - 1;
        wf.workerOf[p] = w;
        wf.employeeNo[w] = k + 1;
        wf.employedFrom[w] = employmentStart(rng, pop.birthDay[p]!);
        wf.shiftGroup[w] = rng.pick(e.shiftGroups);
        e.workers.push(w);
        w++;
      }
      assignCommute(rng, geo, pop, wf, e);
      addBusRoutes(rng, geo, pop, reg, wf, e);
    }
  }
  wf.count = w;
  return wf;
}

function createEnterprise(rng: Rng, geo: Geography, reg: Registry, park: number, parkOrg: number, size: number, brands: Set<string>): Enterprise {
  const sector = SECTORS.pick(rng);
  let brand: string;
  let name: string;
  do {
    const style = BRAND_SYLLABLES.pick(rng);
    const raw = `${rng.pick(style.a)}${rng.pick(style.b)}`;
    brand = raw.charAt(0).toUpperCase() + raw.slice(1);
    const word = rng.pick(sector.words);
    name = style.origin === 'VN' ? `Công ty TNHH ${word} ${brand}` : `Công ty TNHH ${word} ${brand} ${style.origin === 'KR' && rng.chance(0.4) ? 'Vina' : 'Việt Nam'}`;
  } while (brands.has(name));
  brands.add(name);

  const workshopCount = Math.min(16, Math.max(1, Math.round(size / 120)));
  const workshops = Array.from({ length: workshopCount }, (_, i) => {
    const shop = sector.shops[i % sector.shops.length]!;
    return `Xưởng ${shop} ${Math.floor(i / sector.shops.length) + 1}`;
  });
  const shifts = size >= 200 ? SHIFTS.three : size >= 40 ? SHIFTS.two : SHIFTS.one;
  const parkSpec = geo.parks[park]!;
  const commune = rng.pick(parkSpec.communes);
  // Tax codes: 10 digits, the first two being the province's tax-office code (24 for Bắc Giang).
  const code = reg.uniqueCode(rng, (r) => `${geo.provinceCode}${String(r.digits(8)).padStart(8, '0')}`);
  const org = reg.addOrg({
    kind: 'enterprise',
    name,
    code,
    parent: parkOrg,
    commune,
    addressDetail: `Lô ${String.fromCharCode(65 + rng.int(0, 7))}${rng.int(1, 12)}, ${parkSpec.name}`,
    attrs: { sector: sector.key, workforce: size, workshops, shifts },
  });
  const shiftGroups: number[] = [];
  for (const workshop of workshops) {
    for (const s of shifts) {
      shiftGroups.push(
        reg.addGroup({
          kind: 'workshop_shift',
          org,
          label: `${workshop} – ${s.shift} (${s.start}–${s.end})`,
          commune,
          addressDetail: null,
          attrs: { workshop, shift: s.shift, start: s.start, end: s.end },
        }),
      );
    }
  }
  const initials = brand.replace(/[^A-Za-zĐđÀ-ỹ]/g, '').slice(0, 2).toUpperCase();
  return { org, park, commune, workforce: size, codePrefix: initials, shiftGroups, workers: [] };
}

const FIRST_HIRE = dayOf('2019-01-02');
const LAST_HIRE = dayOf('2021-04-26');

/** Hired 2019 – April 2021, never before turning 18. */
function employmentStart(rng: Rng, birthDay: number): number {
  const adult = birthDay + Math.ceil(18 * 365.25);
  const from = Math.max(FIRST_HIRE, adult);
  return from >= LAST_HIRE ? LAST_HIRE : rng.int(from, LAST_HIRE);
}

/**
 * Exact shares per enterprise; who gets which depends on distance: neighbours of the park
 * ride motorbikes, people from further away take the bus or rent a room near the park.
 */
function assignCommute(rng: Rng, geo: Geography, pop: Population, wf: Workforce, e: Enterprise) {
  const park = geo.parks[e.park]!;
  const shares = [...COMMUTE_SHARES];
  if (e.workers.length < MIN_DORMITORY_WORKFORCE) {
    shares[Commute.BoardingHouse]! += shares[Commute.Dormitory]!;
    shares[Commute.Dormitory] = 0;
  }
  const [motorbike, boarding, bus] = apportion(e.workers.length, shares) as [number, number, number, number];
  const keyed = e.workers.map((w) => {
    const home = geo.communes[communeOfPerson(pop, wf.person[w]!)]!;
    return { w, key: districtDistance(geo, home.districtIndex, park.districtIndex) + rng.next() * 1.6 };
  });
  keyed.sort((a, b) => a.key - b.key || a.w - b.w);
  const far = keyed.slice(motorbike + bus);
  rng.shuffle(far);
  keyed.forEach(({ w }, i) => {
    wf.mode[w] = i < motorbike ? Commute.Motorbike : i < motorbike + bus ? Commute.Bus : Commute.Dormitory;
  });
  for (let i = 0; i < boarding; i++) wf.mode[far[i]!.w] = Commute.BoardingHouse;
}

/** Riders grouped by home district, one bus (≤ 45 seats) per route; stops are the riders' communes. */
function addBusRoutes(rng: Rng, geo: Geography, pop: Population, reg: Registry, wf: Workforce, e: Enterprise) {
  const byDistrict = new Map<number, number[]>();
  for (const w of e.workers) {
    if (wf.mode[w] !== Commute.Bus) continue;
    const d = geo.communes[communeOfPerson(pop, wf.person[w]!)]!.districtIndex;
    const list = byDistrict.get(d) ?? [];
    list.push(w);
    byDistrict.set(d, list);
  }
  const platePrefix = PLATE_PREFIX[geo.provinceCode] ?? '98';
  for (const [d, riders] of [...byDistrict].sort((a, b) => a[0] - b[0])) {
    const routes = Math.ceil(riders.length / BUS_SEATS);
    for (let r = 0; r < routes; r++) {
      const members = riders.filter((_, i) => i % routes === r);
      const stopCounts = new Map<number, number>();
      for (const w of members) {
        const c = communeOfPerson(pop, wf.person[w]!);
        stopCounts.set(c, (stopCounts.get(c) ?? 0) + 1);
      }
      const stops = [...stopCounts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 8).map(([c]) => geo.communes[c]!.shortName);
      const plate = reg.uniqueCode(rng, (x) => `${platePrefix}B-${String(x.int(100, 999))}.${String(x.int(0, 99)).padStart(2, '0')}`);
      const group = reg.addGroup({
        kind: 'bus_route',
        org: e.org,
        label: `Xe đưa đón ${plate} – tuyến ${geo.districts[d]!.name}`,
        commune: e.commune,
        addressDetail: null,
        attrs: { plate, driver: randomFullName(rng, false, rng.int(1966, 1991)), seats: BUS_SEATS, stops },
      });
      for (const w of members) wf.busGroup[w] = group;
    }
  }
}
