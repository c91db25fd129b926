/** The column names and plausible cell texts of each import, for the generators of xlsx-gen.ts. */
import fc from 'fast-check';
import type { SheetColumn } from '../../lib/xlsx.ts';
import { ARRIVAL_COLUMNS } from '../../modules/arrivals/arrivals.xlsx.ts';
import { CASE_SHEET_COLUMNS } from '../../modules/cases/cases.xlsx.ts';
import { WORKER_COLUMNS } from '../../modules/enterprises/enterprises.xlsx.ts';
import { PERSON_COLUMNS } from '../../modules/people/people.xlsx.ts';
import { ORDER_COLUMNS } from '../../modules/quarantine/quarantine.import.ts';
import { LAB_COLUMNS } from '../../modules/testing/lab-file.ts';
import { TENANT_COLUMNS } from '../../modules/boarding-houses/tenants.xlsx.ts';
import { DOSE_COLUMNS } from '../../modules/vaccination/vaccination.import.ts';
import type { ImportShape } from './xlsx-gen.ts';

const dates = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).split('-').reverse().join('/')),
  fc.constantFrom('31/02/2021', '29/02/2021', '00/00/0000', '99/99/9999', '01/01/10000', '2021-13-01', '2021-02-30', '0001-01-01', '9999-12-31', '1/1/21', '44000', '-1'),
);
const ids = fc.oneof(fc.integer({ min: 1, max: 20 }).map(String), fc.constantFrom('0', '-1', '2147483647', '2147483648', '99999999999', '9'.repeat(30), '1e3', '1.5', ' 7 ', 'abc'));
const nationalIds = fc.oneof(fc.stringMatching(/^0\d{11}$/), fc.stringMatching(/^\d{9}$/), fc.constantFrom('', '0', '1'.repeat(40)));
const phones = fc.oneof(fc.stringMatching(/^09\d{8}$/), fc.stringMatching(/^\+849\d{8}$/), fc.constantFrom('0', '+', '0'.repeat(30)));
const communes = fc.constantFrom('07801', '07807', '07558', '99999', '0780', '', '078011', '24');
const names = fc.oneof(fc.constantFrom('Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn C', '=HYPERLINK("http://x","y")'), fc.string({ minLength: 1, maxLength: 30 }));
const sexes = fc.constantFrom('Nam', 'Nữ', 'Khác', 'male', 'female', 'X', '');
const words = (...w: string[]) => fc.constantFrom(...w, '', '???');

const goodText: Record<string, fc.Arbitrary<string>> = {
  fullName: names, sex: sexes, dateOfBirth: dates, nationalId: nationalIds, phone: phones, communeCode: communes, addressDetail: names,
  caseCode: fc.oneof(fc.stringMatching(/^BN\d{1,6}$/), fc.constantFrom('', 'BN', 'x'.repeat(300))), personId: ids, onsetDate: dates, sampleDate: dates,
  confirmationDate: dates, isolationDate: dates, detection: words('community', 'Cộng đồng', 'quarantine', 'enterprise_screening'),
  classification: words('community', 'Cộng đồng', 'imported', 'in_quarantine'), status: words('isolated', 'treating', 'recovered', 'died'),
  foundPlace: names, note: names, arrivedAt: dates, originProvince: words('01', '79', 'Hà Nội', '99'), originDistrict: words('001', '760'),
  originLevel: words('1', '2', '3', '4', 'lockdown', 'epidemic_zone'), means: words('car', 'Ô tô', 'plane'), purpose: names,
  destAddress: names, category: words('ordinary', 'driver', 'postal'), vehiclePlate: words('98A-123.45', '='), route: names,
  testType: words('rt_pcr', 'rapid', 'PCR'), testAt: dates, kind: words('tập trung', 'tại nhà', 'centralized', 'home'), subject: words('F1', 'F2', 'F0', 'F9'),
  startDate: dates, riskGroup: words('cao', 'thấp', 'high', 'low'), vaccinatedOrRecovered: words('có', 'không', 'yes', 'no'), homeAddress: names,
  sourcePersonId: ids, sourceKind: words('hộ gia đình', 'household', 'venue'), sourceDate: dates, sourceReason: names, ruleCode: words('QD-2021', 'x'),
  ruleReason: names, doseNumber: fc.oneof(fc.integer({ min: -2, max: 6 }).map(String), fc.constantFrom('1.5', '1e9', '99999999999')),
  product: words('AstraZeneca', 'Pfizer', 'Moderna', 'Sinopharm', 'Janssen'), doseDate: dates, site: names, lotNumber: words('AZ123', 'X'),
  overrideReason: names, room: words('P101', 'P102', 'A1', 'Z9'), validFrom: dates, validTo: dates, workplace: names,
  employeeCode: fc.oneof(fc.stringMatching(/^NV\d{1,5}$/), fc.constantFrom('', 'x'.repeat(300))), workshop: words('Xưởng 1', 'A'), shift: words('Ca 1', 'Ca 2'),
  commuteMode: words('bus', 'Xe đưa đón', 'walk', 'motorbike'), busRoute: words('Tuyến 1'), lodging: words('KTX A', 'Nhà trọ B'), employedFrom: dates,
  employedTo: dates, barcode: fc.oneof(fc.stringMatching(/^[A-Z]{2}\d{3,8}$/), fc.constantFrom('', 'x', '-AB', 'A'.repeat(41))),
  result: words('Âm tính', 'Dương tính', 'negative', 'positive', 'invalid', 'Không xác định'),
  ct: fc.oneof(fc.double().map(String), fc.constantFrom('18.5', '40', '-1', '1e400', 'NaN', 'Infinity')), testDate: dates, lab: names,
};

function shapeOf(columns: ReadonlyArray<SheetColumn<string>>): ImportShape {
  return {
    columns: columns.map((c) => [`${c.vi} / ${c.en}`, c.vi, c.en, c.key, ...(c.aliases ?? [])]),
    good: columns.map((c) => goodText[c.key] ?? names),
  };
}

export const SHAPES = {
  people: shapeOf(PERSON_COLUMNS.map((c) => ({ ...c, key: c.key as string }))),
  cases: shapeOf(CASE_SHEET_COLUMNS.map((c) => ({ ...c, key: c.key as string }))),
  workers: shapeOf(WORKER_COLUMNS),
  lab: shapeOf(LAB_COLUMNS),
  quarantine: shapeOf(ORDER_COLUMNS),
  doses: shapeOf(DOSE_COLUMNS),
  arrivals: shapeOf(ARRIVAL_COLUMNS),
  tenants: shapeOf(TENANT_COLUMNS),
} satisfies Record<string, ImportShape>;
