import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayNumber, vnDate } from '../../lib/time.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { createUser } from '../auth/auth.service.ts';
import { BASE_DAY, emptyWorld, insertWorld } from '../tracing/tracing.fixtures.ts';
import { secretFor } from './venue-codes.ts';
import { initialsOf, signCode, venueClaims } from './venues.domain.ts';

let t: TestDb;
let app: App;
let cdc: string;
let vanTrung: string;
let quangChau: string;
let viewer: string;
let enterprise: string;
let world: Awaited<ReturnType<typeof insertWorld>>;
let enterpriseId: number;

const today = vnDate();
const offset = dayNumber(today) - BASE_DAY;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  vanTrung = await loginAs(app, 't_vantrung');
  quangChau = await loginAs(app, 't_quangchau');
  viewer = await loginAs(app, 't_viewer');
  // Person 1 is a case confirmed today (sampled yesterday): infectious today, so today's check-ins expose.
  world = await insertWorld(t.db, { ...emptyWorld(2), cases: [{ p: 1, onset: null, sample: offset - 1, confirmation: offset, isolation: null }] });
  await t.db.updateTable('person').set({ phone: '0912000001', full_name: 'Người Thử Một', name_search: 'nguoi thu mot', date_of_birth: '1990-05-12' }).where('id', '=', world.people[0]!).execute();
  const e = await t.db.insertInto('org_unit').values({ kind: 'enterprise', name: 'Công ty TNHH Thử', province_code: '24', district_code: '222', commune_code: '07801' }).returning('id').executeTakeFirstOrThrow();
  enterpriseId = e.id;
  await createUser(t.db, { username: 't_enterprise', role: 'enterprise', scopeKind: 'org', scopeCode: String(e.id), scopeOrgId: e.id, password: TEST_PASSWORD, fullName: 'DN', provinceCode: '24' });
  enterprise = await loginAs(app, 't_enterprise');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const post = (cookie: string | null, url: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, headers: { ...(cookie ? { cookie } : {}), ...headers } });
const get = (cookie: string | null, url: string, headers: Record<string, string> = {}) => app.inject({ url, headers: { ...(cookie ? { cookie } : {}), ...headers } });

async function newVenue(cookie = cdc, over: object = {}) {
  const res = await post(cookie, '/api/venues', { name: 'Chợ Vân Trung', category: 'market', communeCode: '07801', addressDetail: 'Thôn Trung Đồng', ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; codeVersion: number; active: boolean; ownerId: number | null }>();
}

/** The check-in URL of a venue's poster, as the PNG/PDF print it. */
async function posterCode(venueId: number) {
  const secret = await secretFor(t.db, app.ctx.config);
  const v = await t.db.selectFrom('venue').select('code_version').where('org_unit_id', '=', venueId).executeTakeFirst();
  return signCode(secret, venueClaims('24', venueId, v?.code_version ?? 1, today));
}

/** Names are letters only: person n is "Người Khai Báo" and n written in letters (2 -> "Bc"). */
const nameOf = (n: number) => `Người Khai Báo ${'ABCDEFGHIK'[Math.floor(n / 10)]}${'abcdeghikl'[n % 10]}`;
const firstTime = (code: string, n: number, over: object = {}) => ({ code, phone: `09120000${String(n).padStart(2, '0')}`, fullName: nameOf(n), communeCode: '07801', sex: 'female', ...over });

describe('venue management', () => {
  it('creates, lists with search and edits a venue in the area; another commune gets 403, a viewer reads only', async () => {
    const v = await newVenue(vanTrung);
    expect(v).toMatchObject({ active: true, codeVersion: 1, ownerId: null });
    const list = (await get(cdc, '/api/venues?q=cho van&category=market')).json<{ items: Array<{ id: number }>; total: number }>();
    expect(list.items.map((i) => i.id)).toContain(v.id);
    // A venue without a folded name (as the demo's): found by its name as written.
    await t.db.updateTable('org_unit').set({ attrs: JSON.stringify({ category: 'market' }) }).where('id', '=', v.id).execute();
    expect((await get(cdc, '/api/venues?q=chợ vân')).json().items.map((i: { id: number }) => i.id)).toContain(v.id);
    expect((await get(quangChau, `/api/venues/${v.id}`)).json().error.code).toBe('OUT_OF_SCOPE');
    expect((await app.inject({ method: 'PUT', url: `/api/venues/${v.id}`, headers: { cookie: quangChau }, payload: { name: 'X', category: 'market', communeCode: '07807' } })).statusCode).toBe(403);
    expect((await get(quangChau, '/api/venues')).json().items.map((i: { id: number }) => i.id)).not.toContain(v.id);
    expect((await get(viewer, `/api/venues/${v.id}`)).statusCode).toBe(200);
    expect((await post(viewer, '/api/venues', { name: 'Y', category: 'market', communeCode: '07801' })).statusCode).toBe(403);
    const edited = await app.inject({ method: 'PUT', url: `/api/venues/${v.id}`, headers: { cookie: vanTrung }, payload: { name: 'Chợ Vân Trung mới', category: 'market', communeCode: '07801' } });
    expect(edited.json()).toMatchObject({ name: 'Chợ Vân Trung mới' });
    const audit = await t.db.selectFrom('audit_log').select('action').where('record_kind', '=', 'venue').where('record_id', '=', String(v.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('lets an enterprise add only its gates and buses, and see only its own', async () => {
    const market = await post(enterprise, '/api/venues', { name: 'Chợ', category: 'market', communeCode: '07801' });
    expect(market.json().error.details.issues[0]).toMatchObject({ field: 'category', code: 'NOT_ALLOWED' });
    const gate = await newVenue(enterprise, { name: 'Cổng số 1', category: 'enterprise_gate' });
    expect(gate.ownerId).toBe(enterpriseId);
    const other = await newVenue(cdc, { name: 'Cổng công ty khác', category: 'enterprise_gate' });
    expect((await get(enterprise, `/api/venues/${other.id}`)).statusCode).toBe(403);
    expect((await get(enterprise, '/api/venues')).json().items.map((i: { id: number }) => i.id)).toEqual([gate.id]);
  });

  it('prints the poster as a PDF and a PNG carrying the check-in URL', async () => {
    const v = await newVenue();
    const pdf = await get(cdc, `/api/venues/${v.id}/poster?format=pdf`, { host: 'epi.example.vn' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const png = await get(cdc, `/api/venues/${v.id}/poster?format=png`);
    expect(png.headers['content-type']).toBe('image/png');
    expect([...png.rawPayload.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await get(quangChau, `/api/venues/${v.id}/poster?format=png`)).statusCode).toBe(403);
    const link = (await get(cdc, `/api/venues/${v.id}/checkin-url`, { host: 'epi.example.vn' })).json();
    expect(link.url).toBe(`http://epi.example.vn/c/${link.code}`);
    expect((await post(null, '/api/checkin', firstTime(link.url, 6))).statusCode).toBe(200);
  });
});

describe('public check-in', () => {
  it('rejects forged, tampered, expired and other-province codes with vi/en messages', async () => {
    const v = await newVenue();
    const good = await posterCode(v.id);
    const forged = signCode('someone-elses-secret-someone-elses-secret', venueClaims('24', v.id, 1, today));
    const tampered = good.replace(`.${v.id.toString(36)}.`, `.${(v.id + 1).toString(36)}.`);
    const secret = await secretFor(t.db, app.ctx.config);
    const expired = signCode(secret, { ...venueClaims('24', v.id, 1, addDays(today, -40), 30) });
    const otherProvince = signCode(secret, venueClaims('27', v.id, 1, today));
    for (const [code, problem] of [[forged, 'forged'], [tampered, 'forged'], [expired, 'expired'], [otherProvince, 'other_province'], ['xyz', 'malformed']] as const) {
      const res = await post(null, '/api/checkin', firstTime(code, 90));
      expect(res.statusCode, problem).toBe(400);
      const body = res.json();
      expect(body.error).toMatchObject({ code: 'QR_CODE_REJECTED', field: 'code', details: { problem } });
      expect(body.error.message.vi.length).toBeGreaterThan(10);
      expect(body.error.message.en.length).toBeGreaterThan(10);
    }
    expect(await t.db.selectFrom('person').select('id').where('phone', '=', '0912000090').execute()).toEqual([]);
  });

  it('records a check-in that tracing finds as a venue edge, registers the newcomer (audited) and remembers the device', async () => {
    const v = await newVenue();
    const code = await posterCode(v.id);
    // The index is built before the check-ins: they reach it through tracing's checkinWritten.
    const contacts = async () => (await get(cdc, `/api/tracing/trace?f0=${world.people[0]}&asOf=${today}`)).json().people.filter((p: { level: number }) => p.level > 0);
    expect(await contacts()).toEqual([]);

    // Someone in the register: a phone and a name are not enough where it has a date of birth.
    const known = { code, phone: '0912 000 001', fullName: 'người THỬ  một', communeCode: '07801' };
    for (const dateOfBirth of [undefined, '1990-05-13']) {
      const refused = await post(null, '/api/checkin', { ...known, ...(dateOfBirth ? { dateOfBirth } : {}) });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details.issues).toEqual([expect.objectContaining({ field: 'dateOfBirth', code: 'NOT_CONFIRMED' })]);
    }
    expect(await t.db.selectFrom('checkin_device').select('id').where('person_id', '=', world.people[0]!).execute()).toEqual([]);
    const f0 = await post(null, '/api/checkin', { ...known, dateOfBirth: '1990-05-12' });
    expect(f0.statusCode, f0.body).toBe(200);
    const visitor = await post(null, '/api/checkin', firstTime(`https://epi.example.vn/c/${code}`, 2));
    expect(visitor.statusCode, visitor.body).toBe(200);
    const body = visitor.json();
    expect(body).toMatchObject({ repeated: false, venue: { id: v.id, name: 'Chợ Vân Trung' } });
    expect(body.deviceToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const rows = await t.db.selectFrom('checkin').selectAll().where('venue_id', '=', v.id).orderBy('id').execute();
    expect(rows.map((r) => [r.person_id === world.people[0], r.source])).toEqual([[true, 'venue_qr'], [false, 'venue_qr']]);
    const visitorId = rows[1]!.person_id;
    const device = await t.db.selectFrom('checkin_device').selectAll().where('person_id', '=', visitorId).executeTakeFirstOrThrow();
    expect(device.token_hash).not.toContain(body.deviceToken);
    // The newcomer's registration and check-in are audited; the F0, found in the register, registers nothing.
    const audits = await t.db.selectFrom('audit_log').select(['action', 'record_kind', 'record_id', 'detail']).where('user_id', 'is', null).where('record_kind', 'in', ['person', 'checkin']).execute();
    expect(audits.filter((a) => a.record_kind === 'person' && a.record_id === String(visitorId)).map((a) => a.detail)).toEqual([expect.objectContaining({ source: 'self_checkin' })]);
    expect(audits.filter((a) => a.record_kind === 'checkin' && a.record_id === String(rows[1]!.id))).toHaveLength(1);
    expect(audits.filter((a) => a.record_kind === 'person' && a.record_id === String(world.people[0]))).toEqual([]);

    expect(await contacts()).toEqual([expect.objectContaining({ personId: visitorId, level: 1, source: { personId: world.people[0], kind: 'venue', groupId: v.id, date: today } })]);

    // The same phone later: the device token alone, no details.
    const again = await post(null, '/api/checkin', { code: await posterCode((await newVenue()).id), deviceToken: body.deviceToken });
    expect(again.json()).toMatchObject({ repeated: false, deviceToken: null });
    // An unknown token without details: asked to enter them.
    expect((await post(null, '/api/checkin', { code, deviceToken: 'x'.repeat(43) })).json().error.code).toBe('DEVICE_UNKNOWN');
  });

  it('returns the first check-in for a repeat within 5 minutes', async () => {
    const v = await newVenue();
    const code = await posterCode(v.id);
    const first = (await post(null, '/api/checkin', firstTime(code, 3))).json();
    const second = (await post(null, '/api/checkin', { code, deviceToken: first.deviceToken })).json();
    expect(second).toMatchObject({ checkinId: first.checkinId, checkedInAt: first.checkedInAt, repeated: true });
    expect(await t.db.selectFrom('checkin').select('id').where('venue_id', '=', v.id).execute()).toHaveLength(1);
  });

  it('refuses the codes of a reissued poster and of a deactivated venue', async () => {
    const v = await newVenue();
    const old = await posterCode(v.id);
    expect((await post(cdc, `/api/venues/${v.id}/reissue`, {})).json().codeVersion).toBe(2);
    expect((await post(null, '/api/checkin', firstTime(old, 4))).json().error.details.problem).toBe('revoked');
    const fresh = await posterCode(v.id);
    expect((await post(null, '/api/checkin', firstTime(fresh, 4))).statusCode).toBe(200);
    expect((await post(quangChau, `/api/venues/${v.id}/deactivate`, {})).statusCode).toBe(403);
    expect((await post(cdc, `/api/venues/${v.id}/deactivate`, {})).json().active).toBe(false);
    expect((await post(null, '/api/checkin', firstTime(fresh, 4))).json().error.details.problem).toBe('inactive');
  });

  it('counts check-ins per day for the venue page', async () => {
    const v = await newVenue();
    await post(null, '/api/checkin', firstTime(await posterCode(v.id), 5));
    const res = (await get(cdc, `/api/venues/${v.id}/checkins`)).json();
    expect(res.days).toHaveLength(14);
    expect(res.days.at(-1)).toEqual({ date: today, count: 1 });
    expect((await get(cdc, `/api/venues?q=cho van`)).json().items.find((i: { id: number }) => i.id === v.id)).toMatchObject({ checkinsToday: 1, checkins7d: 1 });
  });
});

describe('personal status and the venue scan', () => {
  async function personWithDevice(n: number) {
    const v = await newVenue();
    const res = (await post(null, '/api/checkin', firstTime(await posterCode(v.id), n))).json();
    const person = await t.db.selectFrom('person').select('id').where('phone', '=', firstTime('', n).phone).executeTakeFirstOrThrow();
    return { token: res.deviceToken as string, personId: person.id };
  }
  const status = async (token: string) => (await get(null, '/api/me/status', { 'x-device-token': token })).json();

  it('colours red for a case or an F1 in quarantine, yellow for an F2 or an awaited result, green otherwise; reads audited', async () => {
    const [green, sick, f1, f2, waiting] = await Promise.all([10, 11, 12, 13, 14].map((n) => personWithDevice(n)));
    const area = { province_code: '24', district_code: '222', commune_code: '07801' };
    await t.db.insertInto('covid_case').values({
      case_code: 'BN-V1', person_id: sick!.personId, ...area, sample_date: addDays(today, -2), confirmation_date: addDays(today, -1),
      detection: 'community', classification: 'community', status: 'isolated',
    }).execute();
    await t.db.insertInto('quarantine_order').values([
      { province_code: '24', person_id: f1!.personId, kind: 'centralized', subject: 'f1', start_date: addDays(today, -3) },
      { province_code: '24', person_id: f2!.personId, kind: 'home', subject: 'f2', start_date: addDays(today, -2) },
    ]).execute();
    await t.db.insertInto('sample').values({ province_code: '24', person_id: waiting!.personId, method: 'rt_pcr', purpose: 'screening', taken_on: today }).execute();

    const g = await status(green!.token);
    expect(g).toMatchObject({ colour: 'green', since: null, initials: initialsOf(nameOf(10)) });
    expect(Object.keys(g).sort()).toEqual(['asOf', 'codeExpiresOn', 'colour', 'initials', 'personalCode', 'since']);
    expect(await status(sick!.token)).toMatchObject({ colour: 'red', since: addDays(today, -1) });
    expect(await status(f1!.token)).toMatchObject({ colour: 'red', since: addDays(today, -3) });
    expect(await status(f2!.token)).toMatchObject({ colour: 'yellow', since: addDays(today, -2) });
    expect(await status(waiting!.token)).toMatchObject({ colour: 'yellow', since: today });
    expect((await get(null, '/api/me/status')).json().error.code).toBe('DEVICE_UNKNOWN');
    const reads = await t.db.selectFrom('audit_log').select('record_id').where('record_kind', '=', 'person_status').where('action', '=', 'read').execute();
    expect(reads.map((r) => Number(r.record_id)).sort()).toEqual([green, sick, f1, f2, waiting].map((p) => p!.personId).sort());
  });

  it("lets a venue scan a person's personal code (recorded as person_qr), not a venue outside the area nor a forged code", async () => {
    const p = await personWithDevice(20);
    const { personalCode } = await status(p.token);
    const v = await newVenue(vanTrung);
    const scan = await post(vanTrung, `/api/venues/${v.id}/scan`, { code: personalCode });
    expect(scan.statusCode, scan.body).toBe(200);
    expect(scan.json()).toMatchObject({ repeated: false, colour: 'green', initials: initialsOf(nameOf(20)) });
    const row = await t.db.selectFrom('checkin').select(['person_id', 'source']).where('id', '=', scan.json().checkinId).executeTakeFirstOrThrow();
    expect(row).toEqual({ person_id: p.personId, source: 'person_qr' });
    expect((await post(quangChau, `/api/venues/${v.id}/scan`, { code: personalCode })).statusCode).toBe(403);
    // Another first character of the signature: all six of its bits are signature bits. (Ending the
    // code in "AA" instead left it valid about once in 256 codes, when only padding bits changed.)
    const dot = personalCode.lastIndexOf('.');
    const forged = `${personalCode.slice(0, dot + 1)}${personalCode[dot + 1] === 'A' ? 'B' : 'A'}${personalCode.slice(dot + 2)}`;
    expect((await post(vanTrung, `/api/venues/${v.id}/scan`, { code: forged })).json().error.details.problem).toBe('forged');
    expect((await post(vanTrung, `/api/venues/${v.id}/scan`, { code: await posterCode(v.id) })).json().error.details.problem).toBe('wrong_kind');
  });

  it("lets a venue's staff scan at their venue only, and nothing else of venues", async () => {
    const p = await personWithDevice(21);
    const { personalCode } = await status(p.token);
    const [mine, other] = [await newVenue(), await newVenue()];
    await createUser(t.db, { username: 't_gate', role: 'venue_staff', scopeKind: 'org', scopeCode: String(mine.id), scopeOrgId: mine.id, password: TEST_PASSWORD, fullName: 'Bảo vệ', provinceCode: '24' });
    const gate = await loginAs(app, 't_gate');
    const scan = await post(gate, `/api/venues/${mine.id}/scan`, { code: personalCode });
    expect(scan.statusCode, scan.body).toBe(200);
    const row = await t.db.selectFrom('checkin').select(['venue_id', 'created_by', 'source']).where('id', '=', scan.json().checkinId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ venue_id: mine.id, source: 'person_qr' });
    expect(row.created_by).not.toBeNull();
    expect((await post(gate, `/api/venues/${other.id}/scan`, { code: personalCode })).json().error.code).toBe('OUT_OF_SCOPE');
    expect((await get(gate, '/api/venues')).statusCode).toBe(403);
    expect((await post(gate, `/api/venues/${mine.id}/reissue`, {})).statusCode).toBe(403);
    expect((await get(gate, '/api/auth/me')).json().user.menu).toContain('venueScan');
  });
});

describe('rate limits', () => {
  it('answers 429 past the per-device limit and past the first-time limit per address', async () => {
    const limited = await buildTestApp(t.db, { CHECKIN_DEVICE_RATE_LIMIT: '3', CHECKIN_SIGNUP_RATE_LIMIT: '2' });
    try {
      const v = await newVenue();
      const code = await posterCode(v.id);
      const send = (payload: object) => limited.inject({ method: 'POST', url: '/api/checkin', payload });
      const first = await send(firstTime(code, 30));
      expect(first.statusCode).toBe(200);
      const token = first.json().deviceToken as string;
      const repeats = [];
      for (let i = 0; i < 4; i++) repeats.push((await send({ code, deviceToken: token })).statusCode);
      expect(repeats).toEqual([200, 200, 200, 429]);
      const tooMany = await send({ code, deviceToken: token });
      expect(tooMany.json().error.code).toBe('RATE_LIMITED');
      expect((await send(firstTime(code, 31))).statusCode).toBe(200);
      expect((await send(firstTime(code, 32))).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
