import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { createUser } from '../auth/auth.service.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { compareTasks, completionIssues, homeCheckOf } from './community.domain.ts';
import { createTeamTasks, type TeamTaskInput } from './community.tasks.ts';
import { reportFigures } from '../reports/reports.figures.ts';
import { reportXlsx } from '../reports/reports.xlsx.ts';
import { violationCountsOn } from './violations.service.ts';

let t: TestDb;
let app: App;
const cookies: Record<string, string> = {};
const VT = { province_code: '24', district_code: '222', commune_code: '07801' };
const inject = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload === undefined ? {} : { payload: payload as object }) });

let trungTeam: number;
let haTeam: number;
let order: number;
let personId: number;
let pharmacyId: number;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  // A community team member of another commune (Quang Châu).
  await createUser(t.db, { username: 't_team_qc', password: TEST_PASSWORD, fullName: 'Tổ COVID Quang Châu', role: 'community_team', scopeKind: 'commune', scopeCode: '07807', provinceCode: '24' });
  app = await buildTestApp(t.db);
  for (const u of ['t_cdc', 't_district', 't_team', 't_team_qc', 't_viewer', 't_quangchau', 't_vantrung']) cookies[u] = await loginAs(app, u);
  const person = async (name: string, address: string) => (await t.db.insertInto('person').values({ ...VT, address_detail: address, full_name: name, name_search: foldVietnamese(name), sex: 'male', phone: '0912345678' })
    .returning('id').executeTakeFirstOrThrow()).id;
  personId = await person('Lê Văn Cách Ly', 'Thôn Trung, xóm 3');
  const source = await person('Phạm Thị Hạ', 'Thôn Hạ');
  await person('Đỗ Văn Thượng', 'Thôn Thượng');
  const res = await inject('t_cdc', 'POST', '/api/quarantine/orders', {
    personId, kind: 'home', subject: 'f2', startDate: '2021-07-20', homeAddress: 'Thôn Trung, xóm 3', source: { personId: source, kind: 'household', groupId: null, date: '2021-07-19' },
  });
  expect(res.statusCode, res.body).toBe(201);
  order = res.json().id;
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('task rules', () => {
  it('puts open tasks first, the most overdue first', () => {
    const list = [
      { id: 1, status: 'done', dueDate: '2021-07-01' }, { id: 2, status: 'open', dueDate: '2021-07-05' }, { id: 3, status: 'open', dueDate: '2021-07-02' },
    ];
    expect([...list].sort(compareTasks).map((x) => x.id)).toEqual([3, 2, 1]);
  });
  it('turns a visit result into a home check and checks completions', () => {
    expect(homeCheckOf({ result: 'not_home' })).toEqual({ present: false, symptoms: false, temperature: null });
    expect(homeCheckOf({ result: 'referred', temperature: 38 })).toEqual({ present: true, symptoms: true, temperature: 38 });
    expect(completionIssues('home_quarantine_check', { result: 'other' }).map((i) => i.field)).toEqual(['outcome']);
    expect(completionIssues('pharmacy_followup', { result: 'tested', tested: true }).map((i) => i.field)).toEqual(['testResult']);
  });
});

describe('teams', () => {
  it('adds teams per village and lists the villages still without one', async () => {
    const a = await inject('t_vantrung', 'POST', '/api/community/teams', { communeCode: '07801', village: 'Thôn Trung', leaderName: 'Nguyễn Văn Tổ', leaderPhone: '0987654321' });
    expect(a.statusCode, a.body).toBe(201);
    trungTeam = a.json().id;
    const b = await inject('t_vantrung', 'POST', '/api/community/teams', { communeCode: '07801', village: 'thôn hạ' });
    haTeam = b.json().id;
    const dup = await inject('t_vantrung', 'POST', '/api/community/teams', { communeCode: '07801', village: ' THÔN TRUNG ' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details.issues[0]).toMatchObject({ field: 'village', code: 'DUPLICATE' });
    // The team member cannot manage teams; another commune's station cannot add one here.
    expect((await inject('t_team', 'POST', '/api/community/teams', { communeCode: '07801', village: 'Thôn Thượng' })).statusCode).toBe(403);
    expect((await inject('t_quangchau', 'POST', '/api/community/teams', { communeCode: '07801', village: 'Thôn Thượng' })).statusCode).toBe(400);
    const villages = (await inject('t_vantrung', 'GET', '/api/community/villages?communeCode=07801')).json();
    expect(villages.withoutTeam).toBe(1);
    expect(villages.items.find((v: { village: string }) => v.village === 'Thôn Thượng')).toMatchObject({ teamId: null, people: 1 });
    expect(villages.items.find((v: { village: string }) => v.village === 'Thôn Trung')).toMatchObject({ teamId: trungTeam });
    const m = await inject('t_vantrung', 'POST', `/api/community/teams/${trungTeam}/members`, { fullName: 'Trần Thị Tổ Viên', phone: '0911000111', teamRole: 'member' });
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json().members).toHaveLength(1);
    // Viewers see the leader's phone masked.
    const list = (await inject('t_viewer', 'GET', '/api/community/teams?communeCode=07801')).json();
    expect(list.items.find((x: { id: number }) => x.id === trungTeam).leaderPhone).toBe('*******321');
  });

  it('creates team tasks once per source and resolves the village\'s team', async () => {
    const base: Omit<TeamTaskInput, 'sourceId' | 'villageCode' | 'communeCode'> = {
      provinceCode: '24', districtCode: '222', personId, kind: 'arrival_visit', sourceKind: 'test_arrival', dueDate: '2021-07-21', title: 'Thăm người về từ vùng dịch',
    };
    const tasks: TeamTaskInput[] = [
      { ...base, communeCode: '07801', sourceId: 1, villageCode: 'Thôn Trung, xóm 3' },
      { ...base, communeCode: '07801', sourceId: 2, villageCode: 'Thôn Không Có' },
      { ...base, communeCode: '07801', sourceId: 3, villageCode: 'THÔN HẠ' },
    ];
    expect(await createTeamTasks(t.db, tasks)).toBe(3);
    expect(await createTeamTasks(t.db, [...tasks, { ...base, communeCode: '07801', sourceId: 4, villageCode: null }])).toBe(1);
    const rows = await t.db.selectFrom('team_task').select(['source_id', 'team_id']).where('source_kind', '=', 'test_arrival').orderBy('source_id').execute();
    // Two teams in the commune: an unknown village stays with the commune.
    expect(rows.map((r) => r.team_id)).toEqual([trungTeam, null, haTeam, null]);
    // A commune with one team gives it everything.
    const qc = await inject('t_quangchau', 'POST', '/api/community/teams', { communeCode: '07807', village: 'Tổ dân phố 1' });
    expect(qc.statusCode, qc.body).toBe(201);
    await createTeamTasks(t.db, [{ ...base, communeCode: '07807', sourceId: 5, villageCode: 'Tổ dân phố 9', personId: null }]);
    expect((await t.db.selectFrom('team_task').select('team_id').where('source_kind', '=', 'test_arrival').where('source_id', '=', 5).executeTakeFirstOrThrow()).team_id).toBe(qc.json().id);
  });
});

describe('team tasks', () => {
  it('makes the day\'s home checks into tasks once; completing one records the home check', async () => {
    const s1 = await inject('t_team', 'POST', '/api/community/tasks/sync-home-checks', { date: '2021-07-22' });
    expect(s1.json(), s1.body).toEqual({ created: 1 });
    expect((await inject('t_team', 'POST', '/api/community/tasks/sync-home-checks', { date: '2021-07-22' })).json()).toEqual({ created: 0 });
    const list = (await inject('t_team', 'GET', '/api/community/tasks?status=open&kind=home_quarantine_check')).json();
    expect(list.items).toHaveLength(1);
    const task = list.items[0];
    expect(task).toMatchObject({ teamId: trungTeam, personId, fullName: 'Lê Văn Cách Ly', phone: '0912345678', overdue: true });
    // Another commune's team member cannot complete it.
    expect((await inject('t_team_qc', 'POST', `/api/community/tasks/${task.id}/complete`, { result: 'met' })).statusCode).toBe(403);
    const done = await inject('t_team', 'POST', `/api/community/tasks/${task.id}/complete`, { result: 'met', temperature: 36.6, outcome: 'Sức khỏe bình thường' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', result: 'met', outcomeData: { present: true, symptoms: false, abnormal: false } });
    const check = await t.db.selectFrom('home_check').selectAll().where('order_id', '=', order).where('check_date', '=', '2021-07-22').executeTakeFirstOrThrow();
    expect(check).toMatchObject({ present: true, symptoms: false, note: 'Sức khỏe bình thường' });
    expect((await inject('t_team', 'POST', `/api/community/tasks/${task.id}/complete`, { result: 'met' })).statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_log').select('action').where('record_kind', '=', 'team_task').where('record_id', '=', String(task.id)).where('action', '=', 'update').execute();
    expect(audit).toHaveLength(1);
  });

  it('closes a home-check task whose person was checked another way', async () => {
    await inject('t_team', 'POST', '/api/community/tasks/sync-home-checks', { date: '2021-07-23' });
    const r = await inject('t_team', 'POST', `/api/quarantine/orders/${order}/checks`, { date: '2021-07-23', present: true, symptoms: false });
    expect(r.statusCode, r.body).toBe(201);
    await inject('t_team', 'POST', '/api/community/tasks/sync-home-checks', { date: '2021-07-23' });
    const row = await t.db.selectFrom('team_task').select('status').where('source_kind', '=', 'home_check:2021-07-23').executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
  });

  it('lets the commune reassign; the viewer sees phones masked', async () => {
    const open = (await inject('t_vantrung', 'GET', '/api/community/tasks?status=open&unassigned=true&communeCode=07801')).json();
    expect(open.total).toBe(2);
    const id = open.items[0].id;
    const r = await inject('t_vantrung', 'POST', `/api/community/tasks/${id}/reassign`, { teamId: haTeam });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().teamId).toBe(haTeam);
    expect((await inject('t_team', 'POST', `/api/community/tasks/${id}/reassign`, { teamId: trungTeam })).statusCode).toBe(403);
    const viewer = (await inject('t_viewer', 'GET', '/api/community/tasks?communeCode=07801')).json();
    expect(viewer.items.find((x: { personId: number | null }) => x.personId === personId).phone).toBe('*******678');
  });
});

describe('pharmacies', () => {
  it('registers a pharmacy; its report opens a follow-up the buyer\'s health station records', async () => {
    const p = await inject('t_district', 'POST', '/api/community/pharmacies', { name: 'Nhà thuốc Minh Châu', licenceNo: '24-0123/ĐKKDD', ownerName: 'Ngô Minh Châu', communeCode: '07801' });
    expect(p.statusCode, p.body).toBe(201);
    pharmacyId = p.json().id;
    expect((await inject('t_vantrung', 'POST', '/api/community/pharmacies', { name: 'X', licenceNo: 'Y', communeCode: '07801' })).statusCode).toBe(403);
    await createUser(t.db, { username: 't_pharmacy', password: TEST_PASSWORD, fullName: 'Nhà thuốc', role: 'pharmacy', scopeKind: 'org', scopeCode: String(pharmacyId), scopeOrgId: pharmacyId, provinceCode: '24' });
    cookies.t_pharmacy = await loginAs(app, 't_pharmacy');
    const sale = await inject('t_pharmacy', 'POST', '/api/community/pharmacy-sales', {
      soldOn: '2021-07-22', medicineGroup: 'fever', medicineName: 'Paracetamol 500mg', buyerName: 'Hoàng Văn Mua', buyerPhone: '0977123456', buyerCommuneCode: '07807', buyerAddressDetail: 'Tổ dân phố 2',
    });
    expect(sale.statusCode, sale.body).toBe(201);
    // Another pharmacy's id is refused to a pharmacy user.
    expect((await inject('t_pharmacy', 'POST', '/api/community/pharmacy-sales', { pharmacyId: pharmacyId + 1000, soldOn: '2021-07-22', medicineGroup: 'cough', buyerName: 'A', buyerCommuneCode: '07807' })).statusCode).toBe(403);
    const follow = (await inject('t_quangchau', 'GET', '/api/community/tasks?kind=pharmacy_followup')).json();
    expect(follow.items).toHaveLength(1);
    expect(follow.items[0]).toMatchObject({ teamId: null, dueDate: '2021-07-23', detail: { buyerName: 'Hoàng Văn Mua', buyerPhone: '0977123456', pharmacyName: 'Nhà thuốc Minh Châu' } });
    // Not a team's work, and not the sale's commune's.
    expect((await inject('t_team_qc', 'GET', '/api/community/tasks?kind=pharmacy_followup')).json().total).toBe(0);
    expect((await inject('t_vantrung', 'GET', '/api/community/tasks?kind=pharmacy_followup')).json().total).toBe(0);
    const done = await inject('t_quangchau', 'POST', `/api/community/tasks/${follow.items[0].id}/complete`, { result: 'tested', tested: true, testResult: 'negative', outcome: 'Test nhanh âm tính' });
    expect(done.statusCode, done.body).toBe(200);
    const mine = (await inject('t_pharmacy', 'GET', '/api/community/pharmacy-sales')).json();
    expect(mine.items).toMatchObject([{ buyerName: 'Hoàng Văn Mua', followupStatus: 'done', followupResult: 'tested', followupData: { tested: true, testResult: 'negative' } }]);
  });
});

describe('violations', () => {
  it('records violations in the area, counts them by kind and district, exports them', async () => {
    const body = { kind: 'no_mask', occurredOn: '2021-07-21', communeCode: '07801', placeDetail: 'Chợ Vân Trung', offenderName: 'Nguyễn Văn Phạt', decisionNo: '12/QĐ-XPHC', fineVnd: 2_000_000, status: 'decided' };
    const a = await inject('t_vantrung', 'POST', '/api/community/violations', body);
    expect(a.statusCode, a.body).toBe(201);
    expect((await inject('t_vantrung', 'POST', '/api/community/violations', { ...body, kind: 'gathering', occurredOn: '2021-07-22', fineVnd: 1_500_000 })).statusCode).toBe(201);
    const cancelled = await inject('t_district', 'POST', '/api/community/violations', { ...body, occurredOn: '2021-07-22', status: 'cancelled' });
    expect(cancelled.statusCode).toBe(201);
    expect((await inject('t_quangchau', 'POST', '/api/community/violations', body)).statusCode).toBe(400);
    expect((await inject('t_quangchau', 'PUT', `/api/community/violations/${a.json().id}`, body)).statusCode).toBe(403);
    expect((await inject('t_team', 'POST', '/api/community/violations', body)).statusCode).toBe(403);
    const noDecision = await inject('t_vantrung', 'POST', '/api/community/violations', { ...body, decisionNo: null, occurredOn: '2099-01-01' });
    expect(noDecision.json().error.details.issues.map((i: { code: string }) => i.code).sort()).toEqual(['FUTURE', 'REQUIRED']);

    const counts = await violationCountsOn(t.db, '24', '2021-07-22');
    expect(counts.total).toEqual({ day: 1, cumulative: 2, fineDay: 1_500_000, fineCumulative: 3_500_000 });
    expect(counts.byKind.find((k) => k.kind === 'no_mask')).toMatchObject({ day: 0, cumulative: 1 });
    expect(counts.byDistrict.find((d) => d.code === '222')).toMatchObject({ day: 1, cumulative: 2 });

    const list = (await inject('t_district', 'GET', '/api/community/violations?kind=no_mask')).json();
    expect(list.total).toBe(2);
    const x = await inject('t_vantrung', 'GET', '/api/community/violations/export.xlsx?kind=gathering');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(2);
    expect(wb.worksheets[0]!.getRow(2).getCell(3).value).toBe('Tụ tập đông người');

    // The daily report carries them: its figures and a sheet of the workbook.
    const figures = await reportFigures(t.db, '24', '2021-07-22');
    expect(figures.violations?.total).toMatchObject({ day: 1, cumulative: 2 });
    const report = new ExcelJS.Workbook();
    await report.xlsx.load((await reportXlsx({ figures, number: null, difficulties: '', proposals: '' })) as unknown as ArrayBuffer);
    const sheet = report.getWorksheet('Vi phạm')!;
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === 'Tổng cộng')).toEqual(['Tổng cộng', 1, 2, 1_500_000, 3_500_000]);
  });
});
