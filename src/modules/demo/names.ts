/**
 * Vietnamese personal names "Họ Đệm Tên" with realistic frequencies.
 * Family names: national frequencies (Nguyễn ≈ 38%, Trần, Lê, Phạm …) with the northern
 * spellings dominant (Hoàng over Huỳnh, Vũ over Võ) and the surnames typical of Bắc Giang
 * (Thân, Giáp) and of its Tày/Nùng uplands (Nông, Lăng, Vi). Middle names depend on sex and
 * generation: "Văn"/"Thị" dominate among people born before ~1995 and much less after.
 */
import { foldVietnamese } from '../../lib/vn-text.ts';
import { type Rng, WeightedTable } from './rng.ts';

type Pairs = ReadonlyArray<readonly [string, number]>;

const FAMILY: Pairs = [
  ['Nguyễn', 38.4], ['Trần', 11.0], ['Lê', 9.5], ['Phạm', 7.0], ['Hoàng', 4.8], ['Huỳnh', 0.3],
  ['Phan', 3.0], ['Vũ', 3.6], ['Võ', 0.4], ['Đặng', 2.1], ['Bùi', 2.0], ['Đỗ', 1.8], ['Hồ', 0.8],
  ['Ngô', 1.3], ['Dương', 1.0], ['Lý', 0.5], ['Đào', 0.9], ['Đoàn', 0.7], ['Trịnh', 0.7],
  ['Trương', 0.6], ['Lương', 0.5], ['Mai', 0.4], ['Hà', 0.7], ['Tạ', 0.3], ['Chu', 0.4],
  ['Nông', 0.4], ['Thân', 1.2], ['Giáp', 0.6], ['Ninh', 0.2], ['Lưu', 0.4], ['Tô', 0.3],
  ['Đinh', 0.6], ['Cao', 0.5], ['Khúc', 0.1], ['Kiều', 0.2], ['Quách', 0.1], ['Triệu', 0.3],
  ['La', 0.2], ['Lăng', 0.1], ['Vi', 0.1], ['Hứa', 0.1], ['Nghiêm', 0.1], ['Đàm', 0.2],
];

const MIDDLE_MALE_OLDER: Pairs = [
  ['Văn', 45], ['Đức', 7], ['Hữu', 6], ['Minh', 5], ['Quang', 4], ['Xuân', 4], ['Đình', 5],
  ['Công', 4], ['Thành', 3], ['Ngọc', 3], ['Mạnh', 2], ['Thế', 3], ['Tiến', 2], ['Trung', 2],
  ['Anh', 1], ['Duy', 1], ['Viết', 1], ['Bá', 1], ['Khắc', 1], ['Trọng', 1],
];
const MIDDLE_MALE_YOUNGER: Pairs = [
  ['Văn', 22], ['Đức', 8], ['Minh', 10], ['Quang', 6], ['Hữu', 3], ['Đình', 3], ['Công', 3],
  ['Thành', 4], ['Ngọc', 3], ['Mạnh', 3], ['Tiến', 3], ['Trung', 3], ['Anh', 4], ['Duy', 4],
  ['Gia', 5], ['Hoàng', 4], ['Bảo', 3], ['Tuấn', 3], ['Nhật', 3], ['Đăng', 2],
];
const MIDDLE_FEMALE_OLDER: Pairs = [
  ['Thị', 70], ['Ngọc', 4], ['Thu', 4], ['Thanh', 4], ['Minh', 2], ['Hồng', 3], ['Kim', 3],
  ['Phương', 2], ['Mai', 1], ['Thúy', 2], ['Diệu', 1], ['Bích', 2], ['Hải', 1], ['Xuân', 1],
];
const MIDDLE_FEMALE_YOUNGER: Pairs = [
  ['Thị', 35], ['Ngọc', 8], ['Thu', 5], ['Thanh', 5], ['Minh', 5], ['Phương', 5], ['Hồng', 3],
  ['Khánh', 4], ['Bảo', 4], ['Thảo', 3], ['Hà', 2], ['Mai', 3], ['Quỳnh', 3], ['Diệu', 2],
  ['Gia', 3], ['Kim', 2], ['Hải', 2], ['Tú', 2], ['Lan', 1], ['Yến', 1],
];

const GIVEN_MALE: Pairs = [
  ['Anh', 5], ['Hùng', 5], ['Dũng', 5], ['Tuấn', 5], ['Minh', 5], ['Hải', 4], ['Nam', 4],
  ['Long', 4], ['Thắng', 4], ['Sơn', 4], ['Cường', 3], ['Đức', 3], ['Hiếu', 3], ['Hoàng', 3],
  ['Huy', 3], ['Quang', 3], ['Trung', 3], ['Tùng', 3], ['Việt', 3], ['Bình', 2], ['Đạt', 2],
  ['Hưng', 3], ['Khánh', 2], ['Kiên', 2], ['Lâm', 2], ['Mạnh', 2], ['Phong', 2], ['Phúc', 2],
  ['Quân', 2], ['Thành', 3], ['Tiến', 2], ['Toàn', 2], ['Vinh', 2], ['Công', 1], ['Duy', 2],
  ['Hậu', 1], ['Hiệp', 1], ['Hòa', 1], ['Khoa', 1], ['Lộc', 1], ['Luân', 1], ['Nghĩa', 2],
  ['Nhật', 1], ['Tài', 1], ['Thái', 1], ['Thịnh', 1], ['Trọng', 1], ['Trường', 2], ['Tú', 1],
  ['An', 2], ['Dương', 1], ['Giang', 1], ['Hào', 1], ['Chiến', 2], ['Lực', 1], ['Quý', 1],
  ['Thuận', 1], ['Tâm', 1], ['Vũ', 1],
];
const GIVEN_FEMALE: Pairs = [
  ['Anh', 4], ['Hà', 3], ['Hạnh', 3], ['Hằng', 4], ['Hiền', 3], ['Hoa', 3], ['Hồng', 3],
  ['Huyền', 4], ['Hương', 5], ['Lan', 4], ['Liên', 2], ['Linh', 5], ['Loan', 2], ['Mai', 3],
  ['My', 2], ['Ngân', 2], ['Ngọc', 3], ['Nhung', 3], ['Oanh', 2], ['Phương', 4], ['Quyên', 1],
  ['Quỳnh', 2], ['Thảo', 4], ['Thu', 2], ['Thủy', 4], ['Trang', 5], ['Tuyết', 2], ['Vân', 3],
  ['Yến', 3], ['Nga', 3], ['Nhàn', 1], ['Dung', 3], ['Duyên', 2], ['Giang', 2], ['Hòa', 1],
  ['Huệ', 2], ['Lụa', 1], ['Ly', 2], ['Nguyệt', 1], ['Thơm', 1], ['Xuân', 2], ['Hậu', 1],
  ['Chi', 2], ['Vy', 1], ['Ánh', 2], ['Châm', 1], ['Luyến', 1], ['Thắm', 2], ['Hảo', 1], ['Tâm', 2],
];

/** One string table per name part; people store indexes into it (a few bytes a person). */
class NamePart {
  readonly text: string[];
  readonly folded: string[];
  readonly table: WeightedTable<number>;
  constructor(pairs: Pairs) {
    this.text = pairs.map((p) => p[0].normalize('NFC'));
    this.folded = this.text.map(foldVietnamese);
    this.table = new WeightedTable(
      this.text.map((_, i) => i),
      pairs.map((p) => p[1]),
    );
  }
}

export const FAMILY_NAMES = new NamePart(FAMILY);
/** Middle-name tables indexed by [female ? 1 : 0][younger ? 1 : 0]; all four share one index space. */
const MIDDLE_ALL = [...new Set([...MIDDLE_MALE_OLDER, ...MIDDLE_MALE_YOUNGER, ...MIDDLE_FEMALE_OLDER, ...MIDDLE_FEMALE_YOUNGER].map((p) => p[0]))];
export const MIDDLE_NAMES = new NamePart(MIDDLE_ALL.map((m) => [m, 1] as const));
const GIVEN_ALL = [...new Set([...GIVEN_MALE, ...GIVEN_FEMALE].map((p) => p[0]))];
export const GIVEN_NAMES = new NamePart(GIVEN_ALL.map((g) => [g, 1] as const));

function tableOver(universe: string[], pairs: Pairs): WeightedTable<number> {
  return new WeightedTable(
    pairs.map((p) => universe.indexOf(p[0])),
    pairs.map((p) => p[1]),
  );
}
const MIDDLE_TABLES = [
  [tableOver(MIDDLE_ALL, MIDDLE_MALE_OLDER), tableOver(MIDDLE_ALL, MIDDLE_MALE_YOUNGER)],
  [tableOver(MIDDLE_ALL, MIDDLE_FEMALE_OLDER), tableOver(MIDDLE_ALL, MIDDLE_FEMALE_YOUNGER)],
] as const;
const GIVEN_TABLES = [tableOver(GIVEN_ALL, GIVEN_MALE), tableOver(GIVEN_ALL, GIVEN_FEMALE)] as const;

/** Born in or after this year: the generation where "Văn"/"Thị" gave way to other middle names. */
const YOUNGER_FROM = 1995;

export interface NameIndexes {
  family: number;
  middle: number;
  given: number;
}

export function drawFamilyName(rng: Rng): number {
  return FAMILY_NAMES.table.pick(rng);
}

/** Middle and given name for a person of this sex and birth year (never "Minh Minh"). */
export function drawPersonalNames(rng: Rng, female: boolean, birthYear: number): { middle: number; given: number } {
  const middle = MIDDLE_TABLES[female ? 1 : 0][birthYear >= YOUNGER_FROM ? 1 : 0].pick(rng);
  let given = GIVEN_TABLES[female ? 1 : 0].pick(rng);
  for (let tries = 0; GIVEN_ALL[given] === MIDDLE_ALL[middle] && tries < 8; tries++) {
    given = GIVEN_TABLES[female ? 1 : 0].pick(rng);
  }
  return { middle, given };
}

export function fullName(n: NameIndexes): string {
  return `${FAMILY_NAMES.text[n.family]} ${MIDDLE_NAMES.text[n.middle]} ${GIVEN_NAMES.text[n.given]}`;
}

/** Same as foldVietnamese(fullName(n)), from pre-folded parts (folding 2M names costs seconds). */
export function foldedName(n: NameIndexes): string {
  return `${FAMILY_NAMES.folded[n.family]} ${MIDDLE_NAMES.folded[n.middle]} ${GIVEN_NAMES.folded[n.given]}`;
}

/** A whole random name, for people outside the register (bus drivers). */
export function randomFullName(rng: Rng, female: boolean, birthYear: number): string {
  return fullName({ family: drawFamilyName(rng), ...drawPersonalNames(rng, female, birthYear) });
}
