/**
 * Where things are: the real communes of the province, its industrial parks, the villages
 * named in the seed report, and how many people each commune gets.
 */
import { type Rng, WeightedTable } from './rng.ts';

export interface CommuneInput {
  code: string;
  name: string;
  type: string;
  district_code: string | null;
}

export interface DistrictInput {
  code: string;
  name: string;
}

export interface Commune {
  index: number;
  code: string;
  name: string;
  /** Name without the "Xã/Phường/Thị trấn" prefix: "Vân Trung". */
  shortName: string;
  districtCode: string;
  districtIndex: number;
  urban: boolean;
  /** Villages (rural: "Thôn …") or street groups (urban: "Tổ dân phố n"). */
  villages: string[];
  weight: number;
}

export interface District {
  index: number;
  code: string;
  name: string;
  communes: number[];
}

export interface ParkSpec {
  key: string;
  name: string;
  /** Communes the park lies in; the first one is the park's address. */
  communeCodes: string[];
  /** Share of the province's industrial-park workforce. */
  workforceShare: number;
}

/** The four parks of the 2021 wave (seed report 003); their share of workers is approximate. */
const BAC_GIANG_PARKS: ParkSpec[] = [
  { key: 'van-trung', name: 'Khu công nghiệp Vân Trung', communeCodes: ['07801'], workforceShare: 0.3 },
  { key: 'quang-chau', name: 'Khu công nghiệp Quang Châu', communeCodes: ['07807'], workforceShare: 0.33 },
  { key: 'dinh-tram', name: 'Khu công nghiệp Đình Trám', communeCodes: ['07783', '07795'], workforceShare: 0.22 },
  { key: 'song-khe-noi-hoang', name: 'Khu công nghiệp Song Khê – Nội Hoàng', communeCodes: ['07705', '07708'], workforceShare: 0.15 },
];

/** Villages named in the seed report as the boarding-house areas hit hardest. */
const NAMED_VILLAGES: Record<string, string[]> = {
  '07795': ['Thôn My Điền 1', 'Thôn My Điền 2', 'Thôn Hoàng Mai', 'Tổ dân phố Nếnh', 'Tổ dân phố Ninh Khánh'],
  '07807': ['Thôn Núi Hiểu', 'Thôn Tam Tầng', 'Thôn Quang Biểu', 'Thôn Đạo Ngạn', 'Thôn Nam Ngạn'],
  '07801': ['Thôn Trung Đồng', 'Thôn Vân Cốc', 'Thôn Đông Tiến', 'Thôn Vân Trung'],
  '07558': ['Thôn Bằng Công', 'Thôn Kép', 'Thôn Đồng Dao', 'Thôn Kiên Thành'],
};

/** Neighbouring districts of Bắc Giang (workers commute from these more than from the far uplands). */
const BAC_GIANG_NEIGHBOURS: Record<string, string[]> = {
  '213': ['216', '217', '221', '222'],
  '215': ['216', '217'],
  '216': ['213', '215', '217', '222', '223'],
  '217': ['213', '215', '216', '218', '221'],
  '218': ['217', '219', '220', '221'],
  '219': ['218', '220'],
  '220': ['218', '219'],
  '221': ['213', '217', '218', '222'],
  '222': ['213', '216', '221', '223'],
  '223': ['216', '222'],
};

const VILLAGE_WORDS = [
  'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'Chùa', 'Đình', 'Mới', 'Tân Lập', 'Tiền Phong',
  'Yên Ninh', 'Đồng Quan', 'Phúc Long', 'An Lạc', 'Hòa Bình', 'Thắng Lợi', 'Quyết Tiến', 'Đoàn Kết',
  'Ninh Xuyên', 'Kim Sơn', 'Đồng Mai', 'Cầu Đen', 'Làng Cả', 'Phú Mỹ', 'Hợp Thịnh', 'Nội', 'Ngoại', 'Giữa',
  'Đồng Tâm', 'Trại', 'Bến', 'Văn Xá', 'Hương Câu', 'Thanh Lâm', 'Phố', 'Dinh', 'Tiên Lát', 'Quế Sơn',
];

export interface Geography {
  provinceCode: string;
  provinceName: string;
  communes: Commune[];
  districts: District[];
  communeByCode: Map<string, Commune>;
  districtByCode: Map<string, District>;
  parks: Park[];
  /** Districts next to each district (by index); empty when unknown. */
  neighbours: number[][];
  /** Commune index table weighted by population share. */
  communeTable: WeightedTable<number>;
}

export interface Park {
  index: number;
  key: string;
  name: string;
  communes: number[];
  districtIndex: number;
  workforceShare: number;
}

const URBAN_TYPES = new Set(['Phường', 'Thị trấn']);

export function buildGeography(
  rng: Rng,
  input: { provinceCode: string; provinceName?: string | undefined; communes: readonly CommuneInput[]; districts?: readonly DistrictInput[] | undefined },
): Geography {
  if (input.communes.length === 0) throw new Error(`no communes for province ${input.provinceCode}`);
  const sorted = [...input.communes].sort((a, b) => a.code.localeCompare(b.code));
  const districtNames = new Map((input.districts ?? []).map((d) => [d.code, d.name]));
  const districts: District[] = [];
  const districtByCode = new Map<string, District>();
  const communes: Commune[] = sorted.map((c, index) => {
    const districtCode = c.district_code ?? `${input.provinceCode}?`;
    let district = districtByCode.get(districtCode);
    if (!district) {
      district = { index: districts.length, code: districtCode, name: districtNames.get(districtCode) ?? `Huyện ${districtCode}`, communes: [] };
      districts.push(district);
      districtByCode.set(districtCode, district);
    }
    district.communes.push(index);
    const urban = URBAN_TYPES.has(c.type);
    const shortName = c.name.startsWith(`${c.type} `) ? c.name.slice(c.type.length + 1) : c.name;
    return { index, code: c.code, name: c.name, shortName, districtCode, districtIndex: district.index, urban, villages: [], weight: 1 };
  });
  const communeByCode = new Map(communes.map((c) => [c.code, c]));

  const specs = input.provinceCode === '24' ? BAC_GIANG_PARKS : fallbackParks(rng, communes);
  const parks: Park[] = specs.map((s, index) => {
    const parkCommunes = s.communeCodes.map((code) => communeByCode.get(code)).filter((c): c is Commune => !!c);
    if (parkCommunes.length === 0) throw new Error(`industrial park ${s.name}: none of its communes are in the list`);
    return {
      index,
      key: s.key,
      name: s.name,
      communes: parkCommunes.map((c) => c.index),
      districtIndex: parkCommunes[0]!.districtIndex,
      workforceShare: s.workforceShare,
    };
  });
  const parkCommunes = new Set(parks.flatMap((p) => p.communes));
  const parkDistricts = new Set(parks.map((p) => p.districtIndex));

  for (const c of communes) {
    // Wards and towns are denser; park communes drew tens of thousands of workers and tenants.
    c.weight = (c.urban ? (c.name.startsWith('Phường') ? 2.2 : 1.6) : 1) * (parkCommunes.has(c.index) ? 3 : parkDistricts.has(c.districtIndex) ? 1.3 : 1);
    c.villages = villagesOf(rng, c);
  }

  const neighbourCodes = input.provinceCode === '24' ? BAC_GIANG_NEIGHBOURS : {};
  const neighbours = districts.map((d) =>
    (neighbourCodes[d.code] ?? []).map((code) => districtByCode.get(code)?.index).filter((i): i is number => i !== undefined),
  );

  return {
    provinceCode: input.provinceCode,
    provinceName: input.provinceName ?? `Tỉnh ${input.provinceCode}`,
    communes,
    districts,
    communeByCode,
    districtByCode,
    parks,
    neighbours,
    communeTable: new WeightedTable(
      communes.map((c) => c.index),
      communes.map((c) => c.weight),
    ),
  };
}

function villagesOf(rng: Rng, c: Commune): string[] {
  const named = NAMED_VILLAGES[c.code];
  if (named) return named;
  if (c.urban) {
    const n = rng.int(6, 18);
    return Array.from({ length: n }, (_, i) => `Tổ dân phố ${i + 1}`);
  }
  const n = rng.int(5, 12);
  const words = rng.shuffle([...VILLAGE_WORDS]).slice(0, n);
  return words.map((w) => `Thôn ${w}`);
}

/** "Thôn Đông, xóm 3" in the countryside, "Tổ dân phố 5" in wards and towns. */
export function addressDetail(c: Commune, village: number, hamlet: number): string {
  const v = c.villages[village] ?? c.villages[0]!;
  return v.startsWith('Thôn') ? `${v}, xóm ${hamlet}` : v;
}

/** Provinces without a park table: three parks in the most urban communes (deterministic by rng). */
function fallbackParks(rng: Rng, communes: Commune[]): ParkSpec[] {
  const candidates = communes.filter((c) => !c.urban);
  const pool = rng.shuffle([...(candidates.length >= 3 ? candidates : communes)]).slice(0, 3);
  return pool.map((c, i) => ({
    key: `park-${i + 1}`,
    name: `Khu công nghiệp ${c.shortName}`,
    communeCodes: [c.code],
    workforceShare: 1 / pool.length,
  }));
}

/** How close a home district is to a workplace district: 0 same, 1 neighbour, 2 elsewhere. */
export function districtDistance(geo: Geography, home: number, work: number): 0 | 1 | 2 {
  if (home === work) return 0;
  return geo.neighbours[work]?.includes(home) ? 1 : 2;
}
