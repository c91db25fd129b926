/**
 * A tenant who is also an enterprise's worker: when the boarding house moves them (the owner's
 * form or an imported list), the worker row's current room follows; the history stays the room
 * memberships.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import type { Actor } from '../auth/policy.ts';
import { taxCodeFrom } from '../enterprises/enterprises.domain.ts';
import { createEnterprise } from '../enterprises/enterprises.service.ts';
import { createWorker, getWorker } from '../enterprises/workers.service.ts';
import { createHouse } from './boarding-houses.service.ts';
import { importTenants } from './tenants.import.ts';
import { moveTenant } from './tenants.service.ts';
import { writeTenantSheet } from './tenants.xlsx.ts';

let t: TestDb;
const cdc: Actor = { userId: 0, username: 'test', role: 'cdc', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null };
const today = '2021-07-01';
let enterpriseId: number;
let houseId: number;
const rooms = new Map<string, number>();

const roomMemberships = (personId: number) => t.db.selectFrom('group_membership as m').innerJoin('contact_group as g', 'g.id', 'm.group_id')
  .select(['m.id', 'm.group_id', 'm.valid_from', 'm.valid_to']).where('g.kind', '=', 'room').where('m.person_id', '=', personId).orderBy('m.valid_from').execute();

const hire = (n: number, room: string, over: object = {}) => createWorker(t.db, cdc, enterpriseId, {
  fullName: `Lê Thị Trọ ${String.fromCharCode(65 + n)}`, sex: 'female', dateOfBirth: '1996-02-10', nationalId: `024196${String(700 + n).padStart(6, '0')}`,
  phone: null, communeCode: '07801', employeeCode: `TR${n}`, commuteMode: 'boarding_house', roomId: rooms.get(room)!, employedFrom: '2021-03-01', ...over,
}, today);

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  cdc.userId = (await t.db.selectFrom('app_user').select('id').where('username', '=', 't_cdc').executeTakeFirstOrThrow()).id;
  enterpriseId = await createEnterprise(t.db, cdc, { name: 'Công ty TNHH Trọ Test', taxCode: taxCodeFrom('240777001'), communeCode: '07801' });
  const house = await createHouse(t.db, cdc, { ownerName: 'Hoàng Văn Chủ', communeCode: '07801', rooms: [{ label: 'R1', capacity: 4 }, { label: 'R2', capacity: 4 }, { label: 'R3', capacity: 4 }] }, today);
  houseId = house.id;
  for (const r of house.roomList) rooms.set(r.label, r.id);
});
afterAll(async () => {
  await t.destroy();
});

describe('a worker who rents a room', () => {
  it('the owner\'s move puts the worker row in the new room; the history closes the old room the day before', async () => {
    const w = await hire(1, 'R1');
    expect(w).toMatchObject({ roomId: rooms.get('R1'), lodgingKind: 'boarding_house' });
    const [open] = await roomMemberships(w.personId);
    const moved = await moveTenant(t.db, cdc, houseId, open!.id, { roomId: rooms.get('R2')!, date: '2021-06-01' }, today);
    expect(moved).toMatchObject({ roomId: rooms.get('R2'), validFrom: '2021-06-01' });
    expect(await getWorker(t.db, cdc, enterpriseId, w.id, today)).toMatchObject({ roomId: rooms.get('R2'), roomLabel: 'R2', commuteMode: 'boarding_house' });
    expect(await roomMemberships(w.personId)).toMatchObject([
      { group_id: rooms.get('R1'), valid_from: '2021-03-01', valid_to: '2021-05-31' },
      { group_id: rooms.get('R2'), valid_from: '2021-06-01', valid_to: null },
    ]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('record_kind', '=', 'worker').where('record_id', '=', String(w.id)).where('action', '=', 'update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'update', detail: { via: 'boarding_house_move', changed: ['room'], room: { from: rooms.get('R1'), to: rooms.get('R2') }, changeDate: '2021-06-01' } });
  });

  it('a move in an imported tenant list does the same', async () => {
    const w = await hire(2, 'R1');
    const file = await writeTenantSheet([{ fullName: w.fullName, sex: 'female', dateOfBirth: '1996-02-10', nationalId: '024196000702', phone: null, communeCode: null, room: 'R3', validFrom: '2021-06-10', validTo: null, workplace: null }]);
    expect(await importTenants(t.db, cdc, houseId, file, { dryRun: false, today })).toMatchObject({ moved: 1 });
    expect(await getWorker(t.db, cdc, enterpriseId, w.id, today)).toMatchObject({ roomId: rooms.get('R3'), roomLabel: 'R3' });
    expect((await roomMemberships(w.personId)).map((m) => [m.group_id, m.valid_to])).toEqual([[rooms.get('R1'), '2021-06-09'], [rooms.get('R3'), null]]);
  });

  it('a worker who left before the move keeps the room of their last day', async () => {
    const w = await hire(3, 'R2');
    const [open] = await roomMemberships(w.personId);
    // Left the job at the end of May but still rents the room (the employment's end closes the enterprise's view, not the tenancy here).
    await t.db.updateTable('worker').set({ employed_to: '2021-05-31' }).where('id', '=', w.id).execute();
    await moveTenant(t.db, cdc, houseId, open!.id, { roomId: rooms.get('R3')!, date: '2021-06-15' }, today);
    expect(await getWorker(t.db, cdc, enterpriseId, w.id, today)).toMatchObject({ roomId: rooms.get('R2'), employedTo: '2021-05-31' });
  });
});
