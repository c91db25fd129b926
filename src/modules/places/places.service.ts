import type { Db } from '../../db/database.ts';
import type { AdminLevel } from '../../db/schema.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Errors, ValidationError } from '../../server/errors.ts';
import { type Actor, assertPermission } from '../auth/policy.ts';
import { type AdminUnitRow, FACILITY_KINDS, type FacilityKind } from './places.domain.ts';
import * as repo from './places.repository.ts';
import { readBoundaries, readUnits } from './reference-data.ts';

export interface AdminUnitView {
  code: string;
  level: AdminLevel;
  name: string;
  type: string;
  parentCode: string | null;
  provinceCode: string;
  districtCode: string | null;
}

export function presentUnit(u: AdminUnitRow): AdminUnitView {
  return {
    code: u.code,
    level: u.level,
    name: u.name,
    type: u.type,
    parentCode: u.parent_code,
    provinceCode: u.province_code,
    districtCode: u.district_code,
  };
}

/**
 * Reads the reference folder and loads units and the province's boundaries.
 * Reading happens before any write, so a broken folder changes nothing.
 */
export async function importReferenceData(db: Db, vnAdminDir: string, provinceCode: string) {
  const units = readUnits(vnAdminDir);
  const boundaries = readBoundaries(vnAdminDir, provinceCode);
  if (!units.some((u) => u.code === provinceCode && u.level === 'province')) {
    throw new Error(`PROVINCE_CODE ${provinceCode} is not a province in ${vnAdminDir}`);
  }
  await repo.upsertUnits(db, units);
  await repo.upsertBoundaries(db, boundaries);
  return {
    provinces: units.filter((u) => u.level === 'province').length,
    districts: units.filter((u) => u.level === 'district').length,
    communes: units.filter((u) => u.level === 'commune').length,
    boundaries: boundaries.length,
  };
}

export async function listUnits(
  db: Db,
  q: { level?: AdminLevel; parent?: string; province?: string; q?: string; page: number; pageSize: number },
) {
  const { items, total } = await repo.findUnits(db, {
    level: q.level,
    parentCode: q.parent,
    provinceCode: q.province,
    foldedText: q.q ? foldVietnamese(q.q) : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: items.map(presentUnit), total, page: q.page, pageSize: q.pageSize };
}

export async function getUnit(db: Db, code: string): Promise<AdminUnitView> {
  const u = await repo.findUnit(db, code);
  if (!u) throw Errors.notFound({ vi: `đơn vị hành chính ${code}`, en: `administrative unit ${code}` });
  return presentUnit(u);
}

/** Published for other contexts: the unit row (or undefined) for a code. */
export async function lookupUnit(db: Db, code: string): Promise<AdminUnitRow | undefined> {
  return repo.findUnit(db, code);
}

export async function lookupUnits(db: Db, codes: string[]): Promise<Map<string, AdminUnitRow>> {
  const rows = await repo.findUnitsByCodes(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, r]));
}

/** Communes of a province (for generators and pickers). */
export async function communesOf(db: Db, provinceCode: string): Promise<AdminUnitRow[]> {
  const { items } = await repo.findUnits(db, { level: 'commune', provinceCode, limit: 100_000, offset: 0 });
  return items;
}

export interface FacilityView {
  id: number;
  kind: FacilityKind;
  name: string;
  communeCode: string | null;
  communeName: string | null;
  districtName: string | null;
}

/**
 * Quarantine and treatment facilities of the actor's province (one kind, or both), searched by
 * name without accents: "benh vien" finds "Bệnh viện dã chiến số 1".
 */
export async function listFacilities(
  db: Db,
  actor: Actor,
  q: { kind?: FacilityKind | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  assertPermission(actor, 'places:read');
  const folded = q.q ? foldVietnamese(q.q) : '';
  const { items, total } = await repo.findFacilities(db, {
    provinceCode: actor.provinceCode,
    kinds: q.kind ? [q.kind] : FACILITY_KINDS,
    foldedText: folded || undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const present = (r: (typeof items)[number]): FacilityView => ({
    id: r.id,
    kind: r.kind as FacilityKind,
    name: r.name,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    districtName: r.district_name,
  });
  return { items: items.map(present), total, page: q.page, pageSize: q.pageSize };
}

/**
 * The villages (thôn / tổ dân phố) of a commune of the actor's province, with how many people of
 * the register live in each (those with an address), sorted by name.
 */
export async function listVillages(db: Db, actor: Actor, communeCode: string) {
  assertPermission(actor, 'places:read');
  if (!/^\d{5}$/.test(communeCode)) {
    throw new ValidationError([{
      field: 'communeCode',
      code: 'INVALID',
      message: { vi: `Mã xã/phường gồm 5 chữ số, không phải "${communeCode}"`, en: `A commune code is 5 digits, not "${communeCode}"` },
    }]);
  }
  const unit = await repo.findUnit(db, communeCode);
  if (!unit || unit.level !== 'commune' || unit.province_code !== actor.provinceCode) {
    throw Errors.notFound({ vi: `xã/phường mã ${communeCode} trong tỉnh`, en: `commune ${communeCode} in the province` });
  }
  return { items: await repo.findVillages(db, actor.provinceCode, communeCode) };
}

export async function boundariesGeoJson(db: Db, provinceCode: string) {
  const rows = await repo.findBoundaries(db, provinceCode);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      properties: { code: r.code, level: r.level, name: r.name },
      geometry: r.geometry,
    })),
  };
}

/** Published for the situation map: the point (and name) of each located unit. */
export async function unitPoints(db: Db, ids: number[]): Promise<Map<number, { point: [number, number]; name: string }>> {
  if (ids.length === 0) return new Map();
  return new Map((await repo.unitPoints(db, ids)).map((r) => [r.id, { point: [r.lon!, r.lat!], name: r.name }]));
}

/** Published for directives (a task about an enterprise or a facility): the name of an organisation of the province of one of these kinds, or undefined. */
export async function orgUnitName(db: Db, provinceCode: string, id: number, kinds: readonly string[]): Promise<string | undefined> {
  return repo.orgUnitName(db, provinceCode, id, kinds);
}
