import { foldVietnamese } from '../../lib/vn-text.ts';
import type { AdminLevel, AdminUnitTable } from '../../db/schema.ts';

/** One row of admin_unit, as the domain builds it from the GSO file. */
export type AdminUnitRow = AdminUnitTable;

interface RawCommune { code: string; name: string; type: string }
interface RawDistrict extends RawCommune { communes: RawCommune[] }
interface RawProvince extends RawCommune { districts: RawDistrict[] }
export interface RawUnitsFile { source?: string; provinces: RawProvince[] }

/** Flattens the GSO tree (province > district > commune) into rows; throws on a malformed tree. */
export function flattenUnits(file: RawUnitsFile): AdminUnitRow[] {
  if (!file || !Array.isArray(file.provinces)) throw new Error('missing "provinces" array');
  const rows: AdminUnitRow[] = [];
  for (const p of file.provinces) {
    assertUnit(p, 2, 'province');
    rows.push(row(p, 'province', null, p.code, null));
    if (!Array.isArray(p.districts)) throw new Error(`province ${p.code} has no "districts" array`);
    for (const d of p.districts) {
      assertUnit(d, 3, 'district');
      rows.push(row(d, 'district', p.code, p.code, d.code));
      if (!Array.isArray(d.communes)) throw new Error(`district ${d.code} has no "communes" array`);
      for (const c of d.communes) {
        assertUnit(c, 5, 'commune');
        rows.push(row(c, 'commune', d.code, p.code, d.code));
      }
    }
  }
  return rows;
}

function assertUnit(u: RawCommune, digits: number, level: string): void {
  if (!u || typeof u.code !== 'string' || !new RegExp(`^\\d{${digits}}$`).test(u.code) || typeof u.name !== 'string') {
    throw new Error(`malformed ${level}: ${JSON.stringify(u)?.slice(0, 120)}`);
  }
}

function row(u: RawCommune, level: AdminLevel, parent: string | null, province: string, district: string | null): AdminUnitRow {
  return {
    code: u.code,
    level,
    name: u.name,
    type: u.type ?? '',
    parent_code: parent,
    province_code: province,
    district_code: district,
    name_search: foldVietnamese(u.name),
  };
}

/** Org unit kinds where a case is isolated or treated, as the facility lookup serves them. */
export const FACILITY_KINDS = ['quarantine_facility', 'treatment_facility'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** Strips the unit type prefix for compact display: "Huyện Việt Yên" -> "Việt Yên". */
export function shortName(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn)\s+/u, '');
}
