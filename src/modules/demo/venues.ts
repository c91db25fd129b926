/**
 * Public places with a QR code (markets, shops, eateries, the bus station, health centres,
 * pagodas…), the QR check-ins of April–June 2021, and the quarantine and treatment
 * facilities that facility staff are scoped to.
 */
import { WAVE, weekday } from './calendar.ts';
import { type Geography } from './geography.ts';
import { type Population, ageOn, communeOfPerson } from './population.ts';
import { type Registry } from './registry.ts';
import { type Rng, WeightedTable, weighted } from './rng.ts';

/** One venue per this many people (the real province mapped 205 visited places of note; QR venues were many more). */
const PEOPLE_PER_VENUE = 800;
const CHECKIN_SHARE = 0.2;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

interface Category {
  key: string;
  /** How often people check in here relative to others. */
  draw: number;
  urbanBias: number;
  name: (c: { shortName: string }, rng: Rng) => string;
}

const EATERY = ['Phở Hương', 'Bún chả Hà Thành', 'Gà đồi Yên Thế', 'Lẩu Dê Hùng Lan', 'Cơm Niêu Kinh Bắc', 'Bánh đa Kế', 'Quán Ngon', 'Bò tơ Tây Ninh'];
const CATEGORIES = weighted<Category>([
  [{ key: 'market', draw: 3, urbanBias: 1, name: (c) => `Chợ ${c.shortName}` }, 18],
  [{ key: 'supermarket', draw: 3, urbanBias: 3, name: (c, r) => `Siêu thị ${r.pick(['mini', 'Bách hóa', 'tiện lợi'])} ${c.shortName}` }, 8],
  [{ key: 'restaurant', draw: 2, urbanBias: 2, name: (c, r) => `Nhà hàng ${r.pick(EATERY)} ${c.shortName}` }, 20],
  [{ key: 'cafe', draw: 2, urbanBias: 2, name: (c, r) => `Cà phê ${r.pick(['Phố Núi', 'Góc Nhỏ', 'Mộc', 'Hạ Long', 'Xanh', 'Sân Vườn'])} ${c.shortName}` }, 14],
  [{ key: 'pharmacy', draw: 1.5, urbanBias: 1.5, name: (c, r) => `Nhà thuốc ${r.pick(['An Khang', 'Minh Châu', 'Thu Hà', 'Hồng Nhung', 'Phúc Lộc'])} ${c.shortName}` }, 10],
  [{ key: 'bank', draw: 1, urbanBias: 2, name: (c) => `Phòng giao dịch ngân hàng ${c.shortName}` }, 5],
  [{ key: 'post_office', draw: 1, urbanBias: 1, name: (c) => `Bưu điện văn hóa ${c.shortName}` }, 4],
  [{ key: 'pagoda', draw: 1, urbanBias: 0.7, name: (c) => `Chùa ${c.shortName}` }, 6],
  [{ key: 'church', draw: 1, urbanBias: 0.7, name: (c) => `Nhà thờ giáo xứ ${c.shortName}` }, 2],
]);

export interface Venues {
  orgs: number[];
  /** Commune index of each venue (parallel to orgs). */
  communes: number[];
  quarantine: number[];
  treatment: number[];
  checkins: Checkins;
}

/** Check-ins sorted by person then time; `minute` is local (Vietnam) minutes after midnight. */
export interface Checkins {
  count: number;
  person: Int32Array;
  /** Index into Venues.orgs. */
  venue: Int32Array;
  day: Int32Array;
  minute: Int16Array;
}

export function generateVenues(rng: Rng, geo: Geography, pop: Population, reg: Registry, asOfDay: number): Venues {
  const v: Venues = { orgs: [], communes: [], quarantine: [], treatment: [], checkins: emptyCheckins() };
  const draws: number[] = [];
  const qrCode = () => reg.uniqueCode(rng, (r) => `V${geo.provinceCode}-${Array.from({ length: 10 }, () => BASE32[r.int(0, 31)]).join('')}`);
  const add = (name: string, category: string, commune: number, draw: number) => {
    v.orgs.push(reg.addOrg({ kind: 'venue', name, code: qrCode(), parent: null, commune, addressDetail: null, attrs: { category } }));
    v.communes.push(commune);
    draws.push(draw);
  };

  // Always present: the provincial bus station in the capital and a health centre per park district.
  const capital = mostUrbanDistrict(geo);
  add(`Bến xe khách ${geo.provinceName.replace(/^Tỉnh /, '')}`, 'bus_station', rng.pick(capital.communes), 3);
  for (const d of new Set(geo.parks.map((p) => p.districtIndex))) {
    const district = geo.districts[d]!;
    add(`Trung tâm Y tế ${district.name.replace(/^Huyện /, 'huyện ').replace(/^Thành phố /, 'thành phố ')}`, 'hospital', rng.pick(district.communes), 2);
  }
  const count = Math.max(12, Math.round(pop.count / PEOPLE_PER_VENUE)) - v.orgs.length;
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const cat = CATEGORIES.pick(rng);
    let commune = geo.communeTable.pick(rng);
    if (cat.urbanBias > 1 && !geo.communes[commune]!.urban && rng.chance(1 - 1 / cat.urbanBias)) commune = geo.communeTable.pick(rng);
    let name = cat.name(geo.communes[commune]!, rng);
    for (let k = 2; seen.has(name); k++) name = `${cat.name(geo.communes[commune]!, rng)} ${k}`;
    seen.add(name);
    add(name, cat.key, commune, cat.draw);
  }

  v.checkins = generateCheckins(rng, geo, pop, v, draws, asOfDay);
  addFacilities(rng, geo, pop, reg, v, capital.index);
  return v;
}

function mostUrbanDistrict(geo: Geography) {
  return [...geo.districts].sort(
    (a, b) => b.communes.filter((c) => geo.communes[c]!.urban).length - a.communes.filter((c) => geo.communes[c]!.urban).length || a.index - b.index,
  )[0]!;
}

function emptyCheckins(): Checkins {
  return { count: 0, person: new Int32Array(0), venue: new Int32Array(0), day: new Int32Array(0), minute: new Int16Array(0) };
}

/**
 * 20% of people aged 15–70 check in 1–10 times (mean ≈ 3) between 1 April and 30 June 2021
 * (never after the as-of date), three times in four in their own district, fewer after the
 * 18 May restrictions, between 06:00 and 21:00 local time.
 */
function generateCheckins(rng: Rng, geo: Geography, pop: Population, v: Venues, draws: number[], asOfDay: number): Checkins {
  const eligible: number[] = [];
  for (let p = 0; p < pop.count; p++) {
    const age = ageOn(pop, p, WAVE.registerDate);
    if (age >= 15 && age <= 70) eligible.push(p);
  }
  const takers = Math.min(eligible.length, Math.round(pop.count * CHECKIN_SHARE));
  for (let i = 0; i < takers; i++) {
    const j = i + Math.floor(rng.next() * (eligible.length - i));
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  const chosen = eligible.slice(0, takers).sort((a, b) => a - b);

  const all = new WeightedTable(v.orgs.map((_, i) => i), draws);
  const byDistrict = geo.districts.map((d) => {
    const idx = v.orgs.map((_, i) => i).filter((i) => geo.communes[v.communes[i]!]!.districtIndex === d.index);
    return idx.length > 0 ? new WeightedTable(idx, idx.map((i) => draws[i]!)) : null;
  });
  const to = Math.min(WAVE.checkinsTo, asOfDay);
  const days: number[] = [];
  const dayWeights: number[] = [];
  for (let d = WAVE.checkinsFrom; d <= to; d++) {
    days.push(d);
    dayWeights.push((d >= WAVE.parkClosure ? 0.45 : 1) * (weekday(d) === 0 ? 1.3 : 1));
  }
  const dayTable = days.length > 0 ? new WeightedTable(days, dayWeights) : null;

  if (!dayTable) return emptyCheckins();
  const cap = chosen.length * 10;
  const c: Checkins = { count: 0, person: new Int32Array(cap), venue: new Int32Array(cap), day: new Int32Array(cap), minute: new Int16Array(cap) };
  const visits: Array<[number, number, number]> = [];
  for (const p of chosen) {
    const k = Math.min(10, 1 + rng.poisson(2));
    const local = byDistrict[geo.communes[communeOfPerson(pop, p)]!.districtIndex];
    visits.length = 0;
    for (let i = 0; i < k; i++) {
      const venue = local && rng.chance(0.75) ? local.pick(rng) : all.pick(rng);
      // Two daily peaks (morning market, evening meal) over a flat daytime base.
      const r = rng.next();
      const hour = r < 0.35 ? rng.normal(8, 1.2) : r < 0.7 ? rng.normal(18, 1.3) : 6 + rng.next() * 15;
      const minute = Math.round(Math.min(21 * 60, Math.max(6 * 60, hour * 60)));
      visits.push([venue, dayTable.pick(rng), minute]);
    }
    visits.sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0] - b[0]);
    for (const [venue, day, minute] of visits) {
      c.person[c.count] = p;
      c.venue[c.count] = venue;
      c.day[c.count] = day;
      c.minute[c.count] = minute;
      c.count++;
    }
  }
  c.person = c.person.slice(0, c.count);
  c.venue = c.venue.slice(0, c.count);
  c.day = c.day.slice(0, c.count);
  c.minute = c.minute.slice(0, c.count);
  return c;
}

/**
 * Quarantine facilities scaled to the 254 of the real province (at least 3): one provincial,
 * then district ones starting with the park districts; 2–3 treatment facilities (3 tiers).
 */
function addFacilities(rng: Rng, geo: Geography, pop: Population, reg: Registry, v: Venues, capital: number) {
  const province = geo.provinceName.replace(/^Tỉnh /, '');
  const quarantineCount = Math.max(3, Math.round((pop.count * 254) / 1_900_000));
  const parkDistricts = [...new Set(geo.parks.map((p) => p.districtIndex))];
  const order = [...parkDistricts, ...geo.districts.map((d) => d.index).filter((d) => !parkDistricts.includes(d))];
  for (let i = 0; i < quarantineCount; i++) {
    const provincial = i === 0;
    const district = geo.districts[provincial ? capital : order[(i - 1) % order.length]!]!;
    const round = provincial ? 0 : Math.floor((i - 1) / order.length) + 1;
    const commune = rng.pick(district.communes);
    v.quarantine.push(
      reg.addOrg({
        kind: 'quarantine_facility',
        name: provincial
          ? `Khu cách ly tập trung tỉnh ${province}`
          : `Khu cách ly tập trung ${district.name.replace(/^Huyện /, 'huyện ').replace(/^Thành phố /, 'thành phố ')} số ${round}`,
        code: null,
        parent: null,
        commune,
        addressDetail: `Trường ${rng.pick(['THCS', 'THPT', 'Tiểu học'])} ${geo.communes[commune]!.shortName}`,
        attrs: { capacity: provincial ? rng.int(5, 10) * 100 : rng.int(4, 30) * 10, level: provincial ? 'province' : 'district' },
      }),
    );
  }
  // The province had 6,666 treatment beds (150 ICU) for ~1.9 M people: scale, keep a floor.
  const beds = Math.max(60, Math.round((pop.count * 6666) / 1_900_000));
  const icu = Math.max(4, Math.round((pop.count * 150) / 1_900_000));
  const tiers = [
    { tier: 1, name: 'Cơ sở thu dung, điều trị COVID-19 số 1', share: 0.7, icu: 0 },
    { tier: 2, name: `Bệnh viện Phổi ${province}`, share: 0.2, icu: Math.round(icu * 0.2) },
    { tier: 3, name: `Bệnh viện Đa khoa tỉnh ${province}`, share: 0.1, icu: icu - Math.round(icu * 0.2) },
  ].filter((t) => pop.count >= 10_000 || t.tier !== 2);
  for (const t of tiers) {
    v.treatment.push(
      reg.addOrg({
        kind: 'treatment_facility',
        name: t.name,
        code: null,
        parent: null,
        commune: rng.pick(geo.districts[capital]!.communes),
        addressDetail: null,
        attrs: { tier: t.tier, beds: Math.max(10, Math.round(beds * t.share)), icu: t.icu },
      }),
    );
  }
}
