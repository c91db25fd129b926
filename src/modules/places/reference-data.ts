import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type AdminUnitRow, flattenUnits, type RawUnitsFile } from './places.domain.ts';

export const UNITS_FILE = 'units-2021-11.json';

/** Raised when VN_ADMIN_DIR is missing or broken: start-up stops with this message. */
export class ReferenceDataError extends Error {
  override name = 'ReferenceDataError';
}

export interface BoundaryFeature {
  code: string;
  level: 'province' | 'district';
  provinceCode: string;
  name: string;
  geometry: unknown;
}

export function readUnits(dir: string): AdminUnitRow[] {
  const file = path.join(dir, UNITS_FILE);
  assertFolder(dir);
  if (!existsSync(file)) {
    throw new ReferenceDataError(
      `Không tìm thấy tệp đơn vị hành chính / administrative units file not found: ${file} (VN_ADMIN_DIR=${dir})`,
    );
  }
  try {
    const rows = flattenUnits(JSON.parse(readFileSync(file, 'utf8')) as RawUnitsFile);
    if (rows.length === 0) throw new Error('no units');
    return rows;
  } catch (e) {
    throw new ReferenceDataError(
      `Tệp đơn vị hành chính bị hỏng / administrative units file is broken: ${file}: ${(e as Error).message}`,
    );
  }
}

/** District (and province) polygons of one province, from boundaries-<code>-*.geojson; [] when none ships. */
export function readBoundaries(dir: string, provinceCode: string): BoundaryFeature[] {
  assertFolder(dir);
  const name = readdirSync(dir).find((f) => f.startsWith(`boundaries-${provinceCode}-`) && f.endsWith('.geojson'));
  if (!name) return [];
  const file = path.join(dir, name);
  try {
    const fc = JSON.parse(readFileSync(file, 'utf8')) as { features?: unknown[] };
    if (!Array.isArray(fc.features)) throw new Error('no "features" array');
    return fc.features.map((f, i) => {
      const feat = f as { properties?: Record<string, unknown>; geometry?: unknown };
      const p = feat.properties ?? {};
      if (typeof p.code !== 'string' || (p.level !== 'province' && p.level !== 'district') || !feat.geometry) {
        throw new Error(`feature ${i} lacks code, level or geometry`);
      }
      return {
        code: p.code,
        level: p.level,
        provinceCode: typeof p.provinceCode === 'string' ? p.provinceCode : p.code,
        name: String(p.name ?? p.code),
        geometry: feat.geometry,
      };
    });
  } catch (e) {
    throw new ReferenceDataError(`Tệp ranh giới bị hỏng / boundary file is broken: ${file}: ${(e as Error).message}`);
  }
}

function assertFolder(dir: string): void {
  if (!existsSync(dir)) {
    throw new ReferenceDataError(
      `Không tìm thấy thư mục dữ liệu hành chính / reference data folder not found: ${dir}. ` +
        'Set VN_ADMIN_DIR to the folder holding units-2021-11.json (default ../shared/data/vn-admin).',
    );
  }
}
