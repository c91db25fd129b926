/**
 * The day's work list of a past date puts each worker under the workshop and shift in force that
 * day (the membership intervals), not the current ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import type { Actor } from '../auth/policy.ts';
import { taxCodeFrom } from './enterprises.domain.ts';
import { createEnterprise } from './enterprises.service.ts';
import { saveShift, saveWorkshop } from './structure.service.ts';
import { workerWorkStatus, workStatusList } from './work-status.service.ts';
import { createWorker, updateWorker } from './workers.service.ts';

let t: TestDb;
const cdc: Actor = { userId: 0, username: 'test', role: 'cdc', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null };
const today = '2021-07-01';
let e: number;
let workshop: number;
let s1: number;
let s2: number;
let mover: number;
let stayer: number;

const person = (n: number) => ({
  fullName: `Trịnh Văn Ca ${String.fromCharCode(65 + n)}`, sex: 'male', dateOfBirth: '1994-08-20', nationalId: `024094${String(800 + n).padStart(6, '0')}`,
  phone: null, communeCode: '07801', employeeCode: `CA${n}`, commuteMode: 'motorbike' as const, employedFrom: '2021-03-01',
});

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  cdc.userId = (await t.db.selectFrom('app_user').select('id').where('username', '=', 't_cdc').executeTakeFirstOrThrow()).id;
  e = await createEnterprise(t.db, cdc, { name: 'Công ty TNHH Ca Kíp', taxCode: taxCodeFrom('240777002'), communeCode: '07801' });
  workshop = (await saveWorkshop(t.db, cdc, e, { name: 'Xưởng May' })).id;
  s1 = (await saveShift(t.db, cdc, e, { name: 'Ca sáng', startTime: '06:00', endTime: '14:00' })).id;
  s2 = (await saveShift(t.db, cdc, e, { name: 'Ca chiều', startTime: '14:00', endTime: '22:00' })).id;
  mover = (await createWorker(t.db, cdc, e, { ...person(1), workshopId: workshop, shiftId: s1 }, today)).id;
  stayer = (await createWorker(t.db, cdc, e, { ...person(2), workshopId: workshop, shiftId: s1 }, today)).id;
  // From 1 June the first worker moves to the afternoon shift.
  await updateWorker(t.db, cdc, e, mover, { ...person(1), workshopId: workshop, shiftId: s2, changeDate: '2021-06-01' }, today);
});
afterAll(async () => {
  await t.destroy();
});

const shiftOf = async (date: string, workerId: number) => {
  const list = await workStatusList(t.db, cdc, e, { date, page: 1, pageSize: 50 }, today);
  return list.items.find((i) => i.workerId === workerId)?.shiftId;
};

describe('the work list of a past day', () => {
  it('shows a worker who changed shift under the old shift before the change and the new one from it', async () => {
    expect(await shiftOf('2021-05-15', mover)).toBe(s1);
    expect(await shiftOf('2021-05-31', mover)).toBe(s1);
    expect(await shiftOf('2021-06-01', mover)).toBe(s2);
    expect(await shiftOf('2021-06-20', mover)).toBe(s2);
    expect(await shiftOf('2021-05-15', stayer)).toBe(s1);
  });

  it('the per-shift counts and the shift filter follow the day too', async () => {
    const may = await workStatusList(t.db, cdc, e, { date: '2021-05-15', page: 1, pageSize: 50 }, today);
    expect(may.shifts.map((s) => [s.shiftId, s.total])).toEqual([[s1, 2]]);
    const june = await workStatusList(t.db, cdc, e, { date: '2021-06-20', page: 1, pageSize: 50 }, today);
    expect(june.shifts.map((s) => [s.shiftId, s.total])).toEqual([[s1, 1], [s2, 1]]);
    const morningInMay = await workStatusList(t.db, cdc, e, { date: '2021-05-15', shiftId: s1, page: 1, pageSize: 50 }, today);
    expect(morningInMay.items.map((i) => i.workerId).sort()).toEqual([mover, stayer].sort());
    const afternoonInMay = await workStatusList(t.db, cdc, e, { date: '2021-05-15', shiftId: s2, page: 1, pageSize: 50 }, today);
    expect(afternoonInMay.items).toEqual([]);
    expect(await workerWorkStatus(t.db, cdc, e, mover, '2021-05-15', today)).toMatchObject({ date: '2021-05-15' });
  });

  it('a day before the employment began lists nobody', async () => {
    expect((await workStatusList(t.db, cdc, e, { date: '2021-02-20', page: 1, pageSize: 50 }, today)).items).toEqual([]);
  });
});
