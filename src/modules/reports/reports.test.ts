import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vnDate } from '../../lib/time.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { generateDemoProvince } from '../demo/demo.service.ts';
import { vnNumber } from './reports.domain.ts';
import { SHEETS } from './reports.xlsx.ts';

let t: TestDb;
let app: App;
let cdc: string;
let district: string;
let viewer: string;
let team: string;
/** The demo's latest case day: the report day of these tests. */
let day: string;

beforeAll(async () => {
  t = await createTestDb();
  await generateDemoProvince(t.db, { provinceCode: '24', people: 2500, seed: 7 });
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  [cdc, district, viewer, team] = await Promise.all((['t_cdc', 't_district', 't_viewer', 't_team'] as const).map((u) => loginAs(app, u))) as [string, string, string, string];
  day = (await sql<{ d: string }>`select max(confirmation_date)::text as d from covid_case`.execute(t.db)).rows[0]!.d;
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const get = (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
const post = (cookie: string, url: string) => app.inject({ method: 'POST', url, headers: { cookie } });
const put = (cookie: string, url: string, payload: object) => app.inject({ method: 'PUT', url, headers: { cookie }, payload });
const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(t.db)).rows[0]!.n;
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function documentXml(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  // Runs split text at formatting boundaries only; take the text of the runs to search in.
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('daily report API', () => {
  it('is read by the province roles and district health, written by the epidemiologists, refused to others', async () => {
    expect((await get(viewer, '/api/reports')).statusCode).toBe(200);
    const byDistrict = await get(district, `/api/reports/${day}`);
    expect(byDistrict.statusCode, byDistrict.body).toBe(200);
    // Province-wide even for a district user.
    const cumulative = await count(sql`select count(*)::int as n from covid_case where confirmation_date <= ${day}`);
    expect(byDistrict.json().figures.situation.totals.cumulative).toBe(cumulative);
    expect((await get(team, '/api/reports')).statusCode).toBe(403);
    expect((await post(viewer, `/api/reports/${day}/generate`)).statusCode).toBe(403);
    expect((await put(district, `/api/reports/${day}/notes`, { difficulties: '', proposals: '' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/reports' })).statusCode).toBe(401);
  });

  it('refuses a day still to come and a day that does not exist, naming the field', async () => {
    const tomorrow = addDays(vnDate(), 1);
    const future = await post(cdc, `/api/reports/${tomorrow}/generate`);
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'date', details: { issues: [{ field: 'date', code: 'FUTURE_DATE' }] } });
    expect(future.json().error.message.vi).toContain('chưa tới');
    const bad = await post(cdc, '/api/reports/2021-02-30/generate');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0]).toMatchObject({ field: 'date', code: 'INVALID_DATE' });
    expect((await get(cdc, '/api/reports/10-06-2021')).statusCode).toBe(400);
  });

  it('previews the figures before generation and has no files to download yet', async () => {
    const r = await get(cdc, `/api/reports/${day}`);
    expect(r.json()).toMatchObject({ date: day, generatedAt: null, figuresKept: false, hasFiles: false, difficulties: '', proposals: '' });
    const missing = await get(cdc, `/api/reports/${day}/report.docx`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message.vi).toContain('chưa được tạo');
  });

  it('keeps the number and texts, generates the DOCX and XLSX with the figures of the day, audited', async () => {
    const notes = { number: '123/BC-BCĐ', difficulties: 'Thiếu sinh phẩm xét nghiệm.\n=HYPERLINK("http://x")', proposals: 'Đề nghị Bộ Y tế hỗ trợ 50.000 test nhanh.' };
    const saved = await put(cdc, `/api/reports/${day}/notes`, notes);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ number: '123/BC-BCĐ', difficulties: notes.difficulties, generatedAt: null });

    const gen = await post(cdc, `/api/reports/${day}/generate`);
    expect(gen.statusCode, gen.body).toBe(200);
    const report = gen.json();
    expect(report).toMatchObject({ figuresKept: true, hasFiles: true, number: '123/BC-BCĐ', generatedBy: { scheduler: false, username: 't_cdc' } });
    const newToday = await count(sql`select count(*)::int as n from covid_case where confirmation_date = ${day}`);
    const cumulative = await count(sql`select count(*)::int as n from covid_case where confirmation_date <= ${day}`);
    const samples = await count(sql`select count(*)::int as n from sample where taken_on <= ${day}`);
    expect(report.figures.situation.totals).toMatchObject({ newCases: newToday, cumulative });
    expect(report.figures.testing.takenTotal).toBe(samples);

    const docx = await get(viewer, `/api/reports/${day}/report.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toBe(`attachment; filename="bao-cao-${day}.docx"`);
    const text = await documentXml(docx.rawPayload);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH COVID-19');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Số: 123/BC-BCĐ');
    expect(text).toContain(`ngày ${dmy(day)}`);
    expect(text).toContain(`Trong ngày ghi nhận ${vnNumber(newToday)} ca mắc mới (F0)`);
    expect(text).toContain(`Lũy kế từ đầu đợt dịch: ${vnNumber(cumulative)} ca mắc`);
    expect(text).toContain(`lũy kế ${vnNumber(samples)} mẫu`);
    expect(text).toContain('Thiếu sinh phẩm xét nghiệm.');
    expect(text).toContain('III. KHÓ KHĂN, VƯỚNG MẮC');
    expect(text).toContain('Công tác tiêm vắc xin');
    // The demo has doses by then: the section gives them (vaccination issue).
    expect(text).toMatch(/Người từ 18 tuổi trở lên đã tiêm ít nhất 1 mũi: [\d.]+\/[\d.]+ người/);

    const xlsx = await get(viewer, `/api/reports/${day}/report.xlsx`);
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="bao-cao-${day}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEETS));
    const situation = wb.getWorksheet(SHEETS.situation)!;
    let totalRow: ExcelJS.Row | undefined;
    situation.eachRow((row) => {
      if (row.getCell(1).value === 'Toàn tỉnh') totalRow = row;
    });
    expect(totalRow!.getCell(2).value).toBe(newToday);
    expect(totalRow!.getCell(6).value).toBe(cumulative);
    const notesSheet = wb.getWorksheet(SHEETS.notes)!;
    const texts: unknown[] = [];
    notesSheet.eachRow((row) => texts.push(row.getCell(2).value));
    // Typed text never runs as a formula when the workbook is opened.
    expect(texts).toContain(notes.difficulties);
    const formulaCells: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) formulaCells.push(cell.address);
    })));
    expect(formulaCells).toEqual([]);

    const audit = await count(sql`select count(*)::int as n from audit_log where record_kind = 'daily_report' and record_id = ${day} and username = 't_cdc'`);
    expect(audit).toBe(2);
  });

  it('keeps a generated report as it was; regenerating takes the new figures and keeps the texts', async () => {
    const before = (await get(cdc, `/api/reports/${day}`)).json();
    const free = (await sql<{ id: number; district_code: string; commune_code: string }>`
      select id, district_code, commune_code from person p where not exists (select 1 from covid_case c where c.person_id = p.id) order by id limit 1`.execute(t.db)).rows[0]!;
    await t.db.insertInto('covid_case').values({
      case_code: 'BN-BAO-CAO-1', person_id: free.id, province_code: '24', district_code: free.district_code, commune_code: free.commune_code,
      sample_date: day, confirmation_date: day, detection: 'community', classification: 'community', status: 'isolated',
    }).execute();
    const kept = (await get(cdc, `/api/reports/${day}`)).json();
    expect(kept.figures).toEqual(before.figures);

    const again = await post(cdc, `/api/reports/${day}/generate`);
    expect(again.statusCode).toBe(200);
    expect(again.json().figures.situation.totals.newCases).toBe(before.figures.situation.totals.newCases + 1);
    expect(again.json().figures.situation.totals.newCommunity).toBe(before.figures.situation.totals.newCommunity + 1);
    expect(again.json()).toMatchObject({ number: '123/BC-BCĐ', difficulties: before.difficulties, proposals: before.proposals });
    const text = await documentXml((await get(cdc, `/api/reports/${day}/report.docx`)).rawPayload);
    expect(text).toContain(`Trong ngày ghi nhận ${vnNumber(before.figures.situation.totals.newCases + 1)} ca mắc mới (F0)`);
    const audit = await sql<{ action: string; detail: { regenerated: boolean } }>`
      select action, detail from audit_log where record_kind = 'daily_report' and record_id = ${day} order by id desc limit 1`.execute(t.db);
    expect(audit.rows[0]).toMatchObject({ action: 'update', detail: { regenerated: true } });
  });

  it('lists kept reports newest first with who generated them and the latest case day', async () => {
    const earlier = addDays(day, -3);
    expect((await post(cdc, `/api/reports/${earlier}/generate`)).statusCode).toBe(200);
    const list = (await get(viewer, '/api/reports?page=1&pageSize=10')).json();
    expect(list.total).toBe(2);
    expect(list.items.map((i: { date: string }) => i.date)).toEqual([day, earlier]);
    expect(list.items[0]).toMatchObject({ number: '123/BC-BCĐ', hasFiles: true, generatedBy: { username: 't_cdc', scheduler: false } });
    expect(list.items[1].number).toBeNull();
    expect(list.latestCaseDate).toBe(day);
    const text = await documentXml((await get(viewer, `/api/reports/${earlier}/report.docx`)).rawPayload);
    // No number yet: left blank to be written in; no texts: "Không có."
    expect(text).toMatch(/Số: +\/BC-BCĐ/);
    expect(text).toContain('IV. ĐỀ XUẤT, KIẾN NGHỊKhông có.');
  });

  it('rejects notes over the length limits naming the field', async () => {
    const r = await put(cdc, `/api/reports/${day}/notes`, { number: 'x'.repeat(51), difficulties: '', proposals: '' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('number');
  });
});
