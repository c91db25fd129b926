import type { Db } from '../../db/database.ts';
import * as repo from './auth.repository.ts';
import { createUser, type NewUser } from './auth.service.ts';

/** Published in the README and printed at start: for the demo province only. */
export const DEMO_PASSWORD = 'demo2021';

export interface DemoAnchors {
  provinceCode: string;
  districtCode: string;
  communeCode: string;
  enterpriseId: number | null;
  boardingHouseId: number | null;
  quarantineFacilityId: number | null;
  /** Directives: the agencies of the demo agency officers (Sở Y tế, Ban Quản lý các KCN). */
  healthAgencyId?: number | null;
  parksAgencyId?: number | null;
  /** Enterprises: the industrial park of the park board user (the biggest). */
  parkId?: number | null;
  /** Community: the pharmacy of the pharmacy user. */
  pharmacyId?: number | null;
  /** Vaccination: the site of the vaccinator user. */
  vaccinationSiteId?: number | null;
}

export function demoUsers(a: DemoAnchors): Array<Omit<NewUser, 'password' | 'provinceCode'> & { label: string }> {
  const users: Array<Omit<NewUser, 'password' | 'provinceCode'> & { label: string }> = [
    { username: 'admin', fullName: 'Quản trị tỉnh (demo)', role: 'province_admin', scopeKind: 'province', scopeCode: a.provinceCode, label: 'Quản trị tỉnh / province admin' },
    { username: 'cdc', fullName: 'Dịch tễ CDC tỉnh (demo)', role: 'cdc', scopeKind: 'province', scopeCode: a.provinceCode, label: 'CDC tỉnh / provincial CDC' },
    { username: 'ttyt', fullName: 'Trung tâm Y tế huyện (demo)', role: 'district_health', scopeKind: 'district', scopeCode: a.districtCode, label: 'TTYT huyện / district health centre' },
    { username: 'tyt', fullName: 'Trạm Y tế xã (demo)', role: 'commune_health', scopeKind: 'commune', scopeCode: a.communeCode, label: 'Trạm y tế xã / commune health station' },
    { username: 'tocovid', fullName: 'Tổ COVID cộng đồng (demo)', role: 'community_team', scopeKind: 'commune', scopeCode: a.communeCode, label: 'Tổ COVID cộng đồng / community team' },
    { username: 'chot', fullName: 'Chốt kiểm soát (demo)', role: 'checkpoint', scopeKind: 'district', scopeCode: a.districtCode, label: 'Chốt kiểm soát / checkpoint' },
    { username: 'bcd', fullName: 'Ban Chỉ đạo tỉnh (demo)', role: 'viewer', scopeKind: 'province', scopeCode: a.provinceCode, label: 'BCĐ tỉnh (xem) / steering committee (viewer)' },
  ];
  if (a.enterpriseId) users.push({ username: 'doanhnghiep', fullName: 'Doanh nghiệp (demo)', role: 'enterprise', scopeKind: 'org', scopeCode: String(a.enterpriseId), scopeOrgId: a.enterpriseId, label: 'Doanh nghiệp / enterprise' });
  if (a.boardingHouseId) users.push({ username: 'nhatro', fullName: 'Chủ nhà trọ (demo)', role: 'boarding_house_owner', scopeKind: 'org', scopeCode: String(a.boardingHouseId), scopeOrgId: a.boardingHouseId, label: 'Chủ nhà trọ / boarding-house owner' });
  if (a.parkId) users.push({ username: 'kcn', fullName: 'Ban Quản lý KCN (demo)', role: 'park_board', scopeKind: 'org', scopeCode: String(a.parkId), scopeOrgId: a.parkId, label: 'Ban Quản lý KCN / industrial park board' });
  if (a.quarantineFacilityId) users.push({ username: 'khucachly', fullName: 'Khu cách ly (demo)', role: 'facility_staff', scopeKind: 'org', scopeCode: String(a.quarantineFacilityId), scopeOrgId: a.quarantineFacilityId, label: 'Khu cách ly / facility staff' });
  users.push({ username: 'vanphong', fullName: 'Văn phòng Ban Chỉ đạo tỉnh (demo)', role: 'steering_office', scopeKind: 'province', scopeCode: a.provinceCode, label: 'Văn phòng BCĐ tỉnh / steering office' });
  if (a.healthAgencyId) users.push({ username: 'soyte', fullName: 'Cán bộ Sở Y tế (demo)', role: 'agency_officer', scopeKind: 'org', scopeCode: String(a.healthAgencyId), scopeOrgId: a.healthAgencyId, label: 'Sở Y tế / health department' });
  if (a.parksAgencyId) users.push({ username: 'bqlkcn', fullName: 'Cán bộ Ban Quản lý các KCN (demo)', role: 'agency_officer', scopeKind: 'org', scopeCode: String(a.parksAgencyId), scopeOrgId: a.parksAgencyId, label: 'Ban Quản lý các KCN / industrial parks board' });
  if (a.pharmacyId) users.push({ username: 'nhathuoc', fullName: 'Nhà thuốc (demo)', role: 'pharmacy', scopeKind: 'org', scopeCode: String(a.pharmacyId), scopeOrgId: a.pharmacyId, label: 'Nhà thuốc / pharmacy' });
  if (a.vaccinationSiteId) users.push({ username: 'tiemchung', fullName: 'Nhân viên điểm tiêm (demo)', role: 'vaccinator', scopeKind: 'org', scopeCode: String(a.vaccinationSiteId), scopeOrgId: a.vaccinationSiteId, label: 'Điểm tiêm chủng / vaccination site' });
  return users;
}

/** Creates the demo users (idempotent: existing usernames are left alone). */
export async function ensureDemoUsers(db: Db, a: DemoAnchors) {
  const list = demoUsers(a);
  for (const u of list) {
    if (await repo.findUserByUsername(db, u.username)) continue;
    await createUser(db, { ...u, password: DEMO_PASSWORD, provinceCode: a.provinceCode, isDemo: true });
  }
  await repo.activateDemoUsers(db, list.map((u) => u.username));
  return list.map((u) => ({ username: u.username, label: u.label }));
}

/** Outside demo mode the demo accounts must not work. */
export function disableDemoUsers(db: Db) {
  return repo.deactivateDemoUsers(db);
}
