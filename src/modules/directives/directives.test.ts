import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vnDate } from '../../lib/time.ts';
import type { App } from '../../server/app.ts';
import { createUser } from '../auth/auth.service.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
let office: string;
let cdc: string;
let viewer: string;
let soyte: string;
let bqlkcn: string;
const agency: Record<'health' | 'parks' | 'police' | 'ict', number> = { health: 0, parks: 0, police: 0, ict: 0 };
let meetingId: number;
let itemIds: number[];

const today = vnDate();
const inAMonth = addDays(today, 30);

const req = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.inject({ method, url: `/api/directives${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
const issuesOf = (body: { error: { details: { issues: Array<{ field: string; code: string }> } } }) => body.error.details.issues.map((i) => `${i.field}:${i.code}`);
const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;

const taskBody = (over: object = {}) => ({
  meetingId, itemId: itemIds[0], title: 'Lấy mẫu xét nghiệm toàn bộ công nhân KCN Vân Trung', body: 'Lấy mẫu xong toàn bộ công nhân đang ở trọ trên địa bàn.',
  leadAgencyId: agency.health, supportAgencyIds: [agency.parks], deadline: { kind: 'date', dueOn: inAMonth }, priority: 'high', ...over,
});

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  await createUser(t.db, { username: 't_office', password: TEST_PASSWORD, fullName: 'Văn phòng BCĐ', role: 'steering_office', scopeKind: 'province', scopeCode: '24', provinceCode: '24' });
  app = await buildTestApp(t.db);
  office = await loginAs(app, 't_office');
  cdc = await loginAs(app, 't_cdc');
  viewer = await loginAs(app, 't_viewer');
  const add = async (name: string, shortName: string) => {
    const res = await req(office, 'POST', '/agencies', { name, shortName, agencyKind: 'department' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  };
  agency.health = await add('Sở Y tế', 'SYT');
  agency.parks = await add('Ban Quản lý các khu công nghiệp tỉnh', 'BQL KCN');
  agency.police = await add('Công an tỉnh', 'CA');
  agency.ict = await add('Sở Thông tin và Truyền thông', 'STTTT');
  for (const [username, id] of [['t_soyte', agency.health], ['t_bqlkcn', agency.parks]] as const) {
    await createUser(t.db, { username, password: TEST_PASSWORD, fullName: username, role: 'agency_officer', scopeKind: 'org', scopeCode: String(id), scopeOrgId: id, provinceCode: '24' });
  }
  soyte = await loginAs(app, 't_soyte');
  bqlkcn = await loginAs(app, 't_bqlkcn');
  const res = await req(office, 'POST', '/meetings', {
    heldOn: '2021-06-01', title: 'Hội nghị giao ban trực tuyến về công tác phòng, chống dịch COVID-19', chair: 'Chủ tịch UBND tỉnh',
    attendees: ['Thành viên Ban Chỉ đạo tỉnh', 'Ban Chỉ đạo các huyện, thành phố'], noticeNo: '245/TB-UBND',
    items: [
      'Tập trung xét nghiệm diện rộng cho công nhân khu công nghiệp.',
      'Quản lý chặt chẽ việc cho thuê nhà trọ trên địa bàn; xây dựng mô hình nhà trọ thông minh.',
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  meetingId = res.json().id;
  itemIds = res.json().items.map((i: { id: number }) => i.id);
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('agencies and meetings', () => {
  it('lists agencies with their users; refuses a duplicate name and edits by the command centre only', async () => {
    const list = (await req(viewer, 'GET', '/agencies')).json<{ items: Array<{ name: string; users: number }> }>().items;
    expect(list.map((a) => a.name)).toEqual(['Ban Quản lý các khu công nghiệp tỉnh', 'Công an tỉnh', 'Sở Thông tin và Truyền thông', 'Sở Y tế']);
    expect(list.find((a) => a.name === 'Sở Y tế')!.users).toBe(1);
    expect((await req(office, 'POST', '/agencies', { name: 'SỞ Y TẾ', shortName: 'X', agencyKind: 'other' })).json().error.code).toBe('DUPLICATE');
    expect((await req(viewer, 'POST', '/agencies', { name: 'Sở Tài chính', shortName: 'STC', agencyKind: 'department' })).statusCode).toBe(403);
    const off = await req(office, 'PATCH', `/agencies/${agency.ict}`, { active: false });
    expect(off.json()).toMatchObject({ active: false, shortName: 'STTTT' });
    expect((await req(office, 'GET', '/agencies?q=thong tin')).json().items).toEqual([]);
    expect((await req(office, 'GET', '/agencies?q=thong tin&includeInactive=true')).json().items).toHaveLength(1);
    await req(office, 'PATCH', `/agencies/${agency.ict}`, { active: true });
  });

  it('records a meeting with its numbered items and the situation figures of its day; not in the future', async () => {
    const m = (await req(cdc, 'GET', `/meetings/${meetingId}`)).json();
    expect(m.items.map((i: { ordinal: number }) => i.ordinal)).toEqual([1, 2]);
    expect(m.situation).toMatchObject({ asOf: '2021-06-01', newCases: 0, cumulative: 0 });
    expect(m.attendees).toHaveLength(2);
    const future = await req(office, 'POST', '/meetings', { heldOn: addDays(today, 1), title: 'x', chair: 'y', attendees: [], items: [] });
    expect(issuesOf(future.json())).toEqual(['heldOn:FUTURE']);
    const added = await req(office, 'POST', `/meetings/${meetingId}/items`, { text: 'Bảo đảm an toàn trong các khu cách ly tập trung.' });
    expect(added.statusCode).toBe(201);
    expect(added.json().ordinal).toBe(3);
    itemIds.push(added.json().id);
    expect((await req(cdc, 'POST', `/meetings/${meetingId}/items`, { text: 'x' })).statusCode).toBe(403);
  });
});

describe('editing', () => {
  it('edits a meeting, a conclusion and a task, keeping before and after in the audit log', async () => {
    // A meeting of its own: the documents below print the first one as it was recorded.
    const other = (await req(office, 'POST', '/meetings', {
      heldOn: '2021-06-02', title: 'Giao ban trực tuyến', chair: 'Phó Chủ tịch UBND tỉnh', attendees: ['Sở Y tế', 'Công an tỉnh'], items: ['Xét nghiệm công nhân.'],
    })).json<{ id: number; items: Array<{ id: number }> }>();
    const meetingId = other.id, itemId = other.items[0]!.id;
    const meeting = await req(office, 'PATCH', `/meetings/${meetingId}`, { noticeNo: '246/TB-UBND', attendees: ['Thành viên Ban Chỉ đạo tỉnh'] });
    expect(meeting.statusCode, meeting.body).toBe(200);
    expect(meeting.json()).toMatchObject({ noticeNo: '246/TB-UBND', attendees: ['Thành viên Ban Chỉ đạo tỉnh'], heldOn: '2021-06-02' });
    expect(issuesOf((await req(office, 'PATCH', `/meetings/${meetingId}`, { title: '  ' })).json())).toEqual(['title:REQUIRED']);
    expect((await req(cdc, 'PATCH', `/meetings/${meetingId}`, { chair: 'x' })).statusCode).toBe(403);

    const text = 'Tập trung xét nghiệm diện rộng cho công nhân các khu công nghiệp Quang Châu, Vân Trung.';
    const item = await req(office, 'PATCH', `/meetings/${meetingId}/items/${itemId}`, { text });
    expect(item.json()).toMatchObject({ id: itemId, ordinal: 1, text });

    const created = (await req(office, 'POST', '/tasks', taskBody({ meetingId, itemId, title: 'Rà soát nhà trọ' }))).json<{ id: number }>();
    const weekly = { kind: 'weekly', weekday: 5, from: inAMonth, until: null };
    const edited = await req(office, 'PATCH', `/tasks/${created.id}`, { supportAgencyIds: [agency.police], deadline: weekly, priority: 'normal' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ supportAgencies: [{ id: agency.police }], deadline: { kind: 'weekly', weekday: 5 }, priority: 'normal', status: 'assigned' });
    const bad = await req(office, 'PATCH', `/tasks/${created.id}`, { supportAgencyIds: [agency.health] });
    expect(bad.statusCode).toBe(400);
    expect((await req(office, 'GET', `/tasks/${created.id}`)).json().supportAgencies).toEqual([expect.objectContaining({ id: agency.police })]);

    const audit = await sql<{ record_kind: string; detail: { before?: unknown; after?: unknown } }>`
      select record_kind, detail from audit_log where action = 'update' and record_kind like 'directive%' and ((record_kind = 'directive_meeting' and record_id = ${String(meetingId)}) or (record_kind = 'directive_item' and record_id = ${String(itemId)})
        or (record_kind = 'directive_task' and record_id = ${String(created.id)})) order by id`.execute(t.db);
    expect(audit.rows.map((r) => r.record_kind)).toEqual(['directive_meeting', 'directive_item', 'directive_task']);
    for (const r of audit.rows) expect(r.detail.before).toBeDefined();
  });
});

describe('tasks', () => {
  it('runs assigned → in progress → reported → returned → reported → accepted, with history, notifications and audit', async () => {
    const created = await req(office, 'POST', '/tasks', taskBody());
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'assigned', deadlineState: 'on_time', nextDueOn: inAMonth, itemOrdinal: 1, leadAgency: { shortName: 'SYT' } });

    const report = (cookie: string, payload: object) => req(cookie, 'POST', `/tasks/${id}/reports`, payload);
    const progress = await report(soyte, { text: 'Đã lấy 12.000 mẫu', percent: 40, done: false, attachments: [{ filename: 'ket-qua.txt', contentBase64: Buffer.from('12000 mau').toString('base64') }] });
    expect(progress.statusCode, progress.body).toBe(201);
    expect((await req(office, 'GET', `/tasks/${id}`)).json()).toMatchObject({ status: 'in_progress', percent: 40, latestReport: { text: 'Đã lấy 12.000 mẫu', percent: 40 } });
    const file = await app.inject({ method: 'GET', url: `/api/directives/tasks/${id}/reports/${progress.json().id}/attachments/${progress.json().attachments[0].id}`, headers: { cookie: bqlkcn } });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('12000 mau');

    expect((await req(office, 'POST', `/tasks/${id}/accept`, {})).json().error.code).toBe('TASK_NOT_REPORTED');
    expect((await report(soyte, { text: 'Hoàn thành lấy mẫu', percent: 100, done: true })).statusCode).toBe(201);
    const returned = await req(office, 'POST', `/tasks/${id}/return`, { reason: 'Còn thiếu công nhân ở trọ tại Quang Châu' });
    expect(returned.json()).toMatchObject({ status: 'returned' });
    expect((await report(soyte, { text: 'Đã bổ sung Quang Châu', percent: 100, done: true })).statusCode).toBe(201);
    const accepted = await req(office, 'POST', `/tasks/${id}/accept`, { note: 'Đạt yêu cầu' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', deadlineState: 'done', nextDueOn: null });
    expect(accepted.json().history.map((h: { action: string }) => h.action)).toEqual(['created', 'progress', 'reported_done', 'returned', 'reported_done', 'accepted']);
    expect(accepted.json().reports).toHaveLength(3);

    expect((await report(soyte, { text: 'thêm', percent: 100, done: true })).json().error.code).toBe('TASK_CLOSED');
    expect((await req(office, 'PATCH', `/tasks/${id}`, { priority: 'low' })).json().error.code).toBe('TASK_CLOSED');

    const agencyNotes = (await req(soyte, 'GET', '/notifications')).json().items.filter((n: { taskId: number }) => n.taskId === id);
    expect(agencyNotes.map((n: { kind: string }) => n.kind).sort()).toEqual(['assigned', 'returned']);
    const centre = (await req(office, 'GET', '/notifications?unread=true')).json().items.filter((n: { taskId: number }) => n.taskId === id);
    expect(centre.map((n: { kind: string }) => n.kind)).toEqual(['reported', 'reported']);
    expect((await req(office, 'POST', `/notifications/${centre[0].id}/read`, {})).statusCode).toBe(200);
    // The agency cannot mark the command centre's notification.
    expect((await req(soyte, 'POST', `/notifications/${centre[1].id}/read`, {})).statusCode).toBe(404);
    const audit = await sql<{ action: string; record_kind: string }>`select action, record_kind from audit_log where (record_kind = 'directive_task' and record_id = ${String(id)}) or (record_kind = 'directive_report' and detail->>'taskId' = ${String(id)}) order by id`.execute(t.db);
    expect(audit.rows.map((r) => `${r.record_kind}:${r.action}`)).toEqual([
      'directive_task:create', 'directive_report:create', 'directive_report:create', 'directive_task:update', 'directive_report:create', 'directive_task:update',
    ]);
  });

  it('shows an agency only its tasks; refuses reports by other agencies and by supporting ones', async () => {
    const parksOnly = (await req(office, 'POST', '/tasks', taskBody({ title: 'Tổ chức lại sản xuất an toàn', leadAgencyId: agency.parks, supportAgencyIds: [agency.police] }))).json().id;
    const parksWithHealth = (await req(office, 'POST', '/tasks', taskBody({ title: 'Công bố sơ đồ doanh nghiệp an toàn', leadAgencyId: agency.parks, supportAgencyIds: [agency.health] }))).json().id;
    const healthTask = (await req(office, 'POST', '/tasks', taskBody({ title: 'Kiểm tra khu cách ly', supportAgencyIds: [] }))).json().id;

    const seen = (await req(soyte, 'GET', '/tasks?pageSize=100')).json().items.map((x: { id: number }) => x.id);
    expect(seen).toContain(parksWithHealth);
    expect(seen).toContain(healthTask);
    expect(seen).not.toContain(parksOnly);
    const all = (await req(viewer, 'GET', '/tasks?pageSize=100')).json();
    expect(all.items.map((x: { id: number }) => x.id)).toContain(parksOnly);

    expect((await req(soyte, 'GET', `/tasks/${parksOnly}`)).json().error.code).toBe('OUT_OF_SCOPE');
    const other = await req(soyte, 'POST', `/tasks/${parksOnly}/reports`, { text: 'x', percent: 10, done: false });
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const supporting = await req(soyte, 'POST', `/tasks/${parksWithHealth}/reports`, { text: 'x', percent: 10, done: false });
    expect([supporting.statusCode, supporting.json().error.code]).toEqual([403, 'NOT_LEAD_AGENCY']);
    expect(supporting.json().error.message.vi).toContain('Ban Quản lý các khu công nghiệp tỉnh');
    expect((await req(bqlkcn, 'POST', `/tasks/${healthTask}/reports`, { text: 'x', percent: 10, done: false })).statusCode).toBe(403);
    expect((await req(office, 'POST', `/tasks/${healthTask}/reports`, { text: 'x', percent: 10, done: false })).json().error.code).toBe('FORBIDDEN');
    expect((await req(soyte, 'POST', '/tasks', taskBody())).json().error.code).toBe('FORBIDDEN');
    expect(await count('directive_report')).toBe(3);
    // Meetings and search follow the same scope.
    const meeting = (await req(bqlkcn, 'GET', `/meetings/${meetingId}`)).json();
    const meetingTasks = meeting.items[0].tasks.map((x: { id: number }) => x.id);
    expect(meetingTasks).toEqual(expect.arrayContaining([parksOnly, parksWithHealth]));
    expect(meetingTasks).not.toContain(healthTask);
    const hits = (await req(soyte, 'GET', `/search?q=${encodeURIComponent('to chuc lai san xuat')}`)).json();
    expect(hits.total).toBe(0);
    expect((await req(bqlkcn, 'GET', `/search?q=${encodeURIComponent('to chuc lai san xuat')}`)).json().items[0]).toMatchObject({ kind: 'task', id: parksOnly });
  });

  it('refuses bad tasks with vi/en messages and writes nothing', async () => {
    const before = [await count('directive_task'), await count('directive_task_support'), await count('audit_log'), await count('directive_notification')];
    const bad = async (body: object) => {
      const res = await req(office, 'POST', '/tasks', body);
      expect(res.statusCode).toBe(400);
      return res.json();
    };
    const early = await bad(taskBody({ deadline: { kind: 'date', dueOn: '2021-05-31' } }));
    expect(issuesOf(early)).toEqual(['deadline.dueOn:BEFORE_MEETING']);
    expect(early.error.message).toEqual({ vi: 'Thời hạn 31/05/2021 trước ngày họp 01/06/2021', en: 'The deadline 31/05/2021 is before the meeting of 01/06/2021' });
    const noLead = await bad(taskBody({ leadAgencyId: null }));
    expect(issuesOf(noLead)).toEqual(['leadAgencyId:REQUIRED']);
    expect(noLead.error.message.en).toBe('The task needs a lead agency');
    expect(issuesOf(await bad(taskBody({ supportAgencyIds: [agency.health] })))).toEqual(['supportAgencyIds.0:LEAD_ALSO_SUPPORT']);
    expect(issuesOf(await bad(taskBody({ deadline: { kind: 'daily', from: '2021-06-10', until: '2021-06-02' } })))).toEqual(['deadline.until:ORDER']);
    expect(issuesOf(await bad(taskBody({ itemId: 999_999 })))).toEqual(['itemId:UNKNOWN']);
    expect(issuesOf(await bad(taskBody({ concerns: { kind: 'commune', ref: '99999' } })))).toEqual(['concerns.ref:UNKNOWN']);
    expect(await Promise.all([count('directive_task'), count('directive_task_support'), count('audit_log'), count('directive_notification')])).toEqual(before);
    // A commune of the province is named.
    const ok = await req(office, 'POST', '/tasks', taskBody({ concerns: { kind: 'commune', ref: '07801' }, title: 'Giám sát xã Vân Trung' }));
    expect(ok.json().concerns).toMatchObject({ kind: 'commune', ref: '07801', label: expect.stringContaining('Vân Trung') });
  });

  it('lists overdue and due-soon tasks and counts them for the badge', async () => {
    const overdue = (await req(office, 'POST', '/tasks', taskBody({ title: 'Hoàn thành trước ngày họp sau', deadline: { kind: 'date', dueOn: '2021-06-05' } }))).json().id;
    const dueSoon = (await req(office, 'POST', '/tasks', taskBody({ title: 'Báo cáo hằng ngày số ca', deadline: { kind: 'daily', from: today, until: null }, supportAgencyIds: [] }))).json().id;
    const list = (await req(office, 'GET', '/tasks?state=overdue')).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([overdue]);
    expect((await req(office, 'GET', '/tasks?state=due_soon')).json().items.map((x: { id: number }) => x.id)).toEqual([dueSoon]);
    expect((await req(office, 'GET', '/alerts')).json()).toMatchObject({ overdue: 1, dueSoon: 1 });
    expect((await req(bqlkcn, 'GET', '/alerts')).json()).toMatchObject({ overdue: 1, dueSoon: 0 });
    // A report today clears the daily task for today.
    await req(soyte, 'POST', `/tasks/${dueSoon}/reports`, { text: 'Trong ngày 0 ca', percent: 10, done: false });
    expect((await req(soyte, 'GET', `/tasks/${dueSoon}`)).json()).toMatchObject({ deadlineState: 'on_time', nextDueOn: addDays(today, 1) });
    const sorted = (await req(office, 'GET', '/tasks?sort=deadline&state=open&pageSize=100')).json().items.map((x: { nextDueOn: string | null }) => x.nextDueOn);
    expect(sorted).toEqual([...sorted].sort());
  });
});

describe('documents and search', () => {
  it('generates the notice with the conclusions in order, each followed by its tasks', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/directives/meetings/${meetingId}/notice.docx`, headers: { cookie: office } });
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const positions = [
      '1. Tập trung xét nghiệm diện rộng', 'Giao Sở Y tế chủ trì, phối hợp với Ban Quản lý các khu công nghiệp tỉnh lấy mẫu xét nghiệm toàn bộ công nhân KCN Vân Trung',
      '2. Quản lý chặt chẽ việc cho thuê nhà trọ', '3. Bảo đảm an toàn trong các khu cách ly', 'Nơi nhận',
    ].map((s) => text.indexOf(s));
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(text).toContain(`hoàn thành trước ngày ${inAMonth.slice(8, 10)}/${inAMonth.slice(5, 7)}/${inAMonth.slice(0, 4)}`);
    expect(text).toContain('Số: 245/TB-UBND');
    expect(text).toContain('THÔNG BÁO');
    expect(text).toContain('Bắc Giang, ngày 01 tháng 6 năm 2021');
  });

  it('exports the follow-up table with one row per task, formulas neutralised', async () => {
    await req(office, 'POST', '/tasks', taskBody({ title: '=HYPERLINK("http://x")', supportAgencyIds: [] }));
    const res = await app.inject({ method: 'GET', url: `/api/directives/follow-up.xlsx?meetingId=${meetingId}&status=all`, headers: { cookie: office } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(4).values).toEqual([undefined, 'STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn', 'Trạng thái', 'Tiến độ %', 'Báo cáo gần nhất', 'Cuộc họp']);
    const rows: unknown[][] = [];
    ws.eachRow((r, n) => {
      if (n > 4) rows.push((r.values as unknown[]).slice(1));
    });
    const tasks = (await req(office, 'GET', `/tasks?meetingId=${meetingId}&pageSize=100`)).json().total;
    expect(rows).toHaveLength(tasks);
    const accepted = rows.find((r) => r[1] === 'Lấy mẫu xét nghiệm toàn bộ công nhân KCN Vân Trung' && String(r[5]).startsWith('Đã hoàn thành'))!;
    expect(accepted.slice(2, 9)).toEqual(['Sở Y tế', 'Ban Quản lý các khu công nghiệp tỉnh', `${inAMonth.slice(8, 10)}/${inAMonth.slice(5, 7)}/${inAMonth.slice(0, 4)}`, 'Đã hoàn thành', 100, expect.stringContaining('Đã bổ sung Quang Châu'), '01/06/2021']);
    expect(rows.some((r) => r[1] === `'=HYPERLINK("http://x")`)).toBe(true);
    const open = await app.inject({ method: 'GET', url: `/api/directives/follow-up.xlsx?meetingId=${meetingId}`, headers: { cookie: office } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(open.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.rowCount).toBe(4 + tasks - 1);
  });

  it('finds conclusions, tasks and reports without accents, matches marked', async () => {
    const res = await req(cdc, 'GET', `/search?q=${encodeURIComponent('nha tro')}`);
    expect(res.statusCode).toBe(200);
    // The words side by side first.
    const item = res.json().items[0];
    expect(item.kind).toBe('item');
    expect(item).toMatchObject({ id: itemIds[1], meetingId, heldOn: '2021-06-01' });
    expect(item.snippet).toContain('<mark>nhà</mark> <mark>trọ</mark>');
    const report = (await req(cdc, 'GET', `/search?q=${encodeURIComponent('bo sung quang chau')}`)).json().items;
    expect(report.map((h: { kind: string }) => h.kind)).toEqual(['report']);
    expect((await req(cdc, 'GET', `/search?q=${encodeURIComponent('<script>')}`)).json().total).toBe(0);
    expect((await req(cdc, 'GET', '/search?q=%20')).json().total).toBe(0);
  });
});
