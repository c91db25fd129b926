/**
 * `npm run bench -- checkin`: QR check-ins sustained for `--duration` seconds (default 10) by
 * `--connections` concurrent clients (default 50, autocannon on loopback) against a scratch
 * database with the province's places, 199 venues and `--devices` remembered phones (default
 * 20,000). Every request is a real check-in through the public endpoint (code verified, device
 * looked up, the 5-minute repeat check, insert, tracing index updated, rate limits applied).
 *
 * Rate limits: the per-device limit stays at its default (10 a minute): each phone checks in at
 * most a few times during the run, at a different venue each time, so none is refused. All the
 * load comes from one loopback address, so the per-address limit is raised for the run
 * (CHECKIN_IP_RATE_LIMIT), as a deployment behind a carrier NAT would raise it.
 * The last line is one JSON object.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { type AppConfig, loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { vnDate } from '../lib/time.ts';
import { importReferenceData } from '../modules/places/places.service.ts';
import { buildIndex } from '../modules/tracing/tracing.service.ts';
import { hashDeviceToken } from '../modules/venues/checkin.service.ts';
import { sign } from '../modules/venues/venue-codes.ts';
import { venueClaims } from '../modules/venues/venues.domain.ts';
import * as venuesRepo from '../modules/venues/venues.repository.ts';
import { build } from '../server/app.ts';
import { percentile } from './bench-dashboard.ts';
import { withScratchDb } from './bench-province.ts';

export interface CheckinBenchOptions {
  vnAdminDir: string;
  provinceCode: string;
  databaseUrl: string | undefined;
  durationS: number;
  connections: number;
  devices: number;
}

const VENUES = 199;
const TARGET_RPS = 1_000;

/**
 * `venues` venues spread over the province's communes with signed QR codes, and `devices`
 * remembered phones: people of the register of their own, each with a device (only its hash is
 * stored), as first check-ins make. The check-in bench and the load bench both stand on these.
 */
export async function seedVenuesAndPhones(db: Db, config: AppConfig, provinceCode: string, venues: number, devices: number): Promise<{ codes: string[]; tokens: string[] }> {
  const communes = await db.selectFrom('admin_unit').select(['code', 'parent_code']).where('level', '=', 'commune').where('province_code', '=', provinceCode).orderBy('code').execute();
  const codes: string[] = [];
  const today = vnDate();
  for (let i = 0; i < venues; i++) {
    const c = communes[i % communes.length]!;
    const id = await venuesRepo.insertVenue(db, {
      name: `Địa điểm thử ${i + 1}`, nameSearch: `dia diem thu ${i + 1}`, category: 'market', provinceCode,
      districtCode: c.parent_code!, communeCode: c.code, addressDetail: null, parentId: null, createdBy: null,
    });
    codes.push(await sign(db, config, venueClaims(provinceCode, id, 1, today)));
  }
  const tokens = Array.from({ length: devices }, () => randomBytes(32).toString('base64url'));
  for (let i = 0; i < devices; i += 5_000) {
    const slice = tokens.slice(i, i + 5_000);
    const people = await db.insertInto('person').values(slice.map((_, k) => {
      const c = communes[(i + k) % communes.length]!;
      return { province_code: provinceCode, district_code: c.parent_code!, commune_code: c.code, full_name: 'Người Thử', name_search: 'nguoi thu', sex: 'other' as const, phone: null };
    })).returning('id').execute();
    await db.insertInto('checkin_device').values(slice.map((t, k) => ({ token_hash: hashDeviceToken(t), person_id: people[k]!.id, province_code: provinceCode }))).execute();
  }
  return { codes, tokens };
}

async function setUp(db: Db, o: CheckinBenchOptions) {
  await migrateToLatest(db);
  await importReferenceData(db, o.vnAdminDir, o.provinceCode);
  const config = loadConfig({ ...process.env, DEMO: 'false', REPORT_AT: 'off', CHECKIN_IP_RATE_LIMIT: '100000000' });
  const { codes, tokens } = await seedVenuesAndPhones(db, config, o.provinceCode, VENUES, o.devices);
  await sql`analyze`.execute(db);
  // Check-ins reach the tracing index as they are made: build it first, as a serving process has.
  await buildIndex(db, o.provinceCode);
  return { config, codes, tokens };
}

export async function runCheckinBench(o: CheckinBenchOptions): Promise<void> {
  const engine = o.databaseUrl ? 'postgresql' : 'pglite';
  console.log(`check-in bench on ${engine}: ${o.connections} connections for ${o.durationS} s, ${VENUES} venues, ${o.devices.toLocaleString('en')} devices`);
  const out = await withScratchDb(o.databaseUrl, async (db) => {
    const { config, codes, tokens } = await setUp(db, o);
    const app = await build({ db, config });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      let n = 0;
      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon({
          url: `${url}/api/checkin`, connections: o.connections, duration: o.durationS,
          requests: [{
            method: 'POST', headers: { 'content-type': 'application/json' },
            setupRequest: (req) => {
              const i = n++;
              return { ...req, body: JSON.stringify({ code: codes[i % codes.length], deviceToken: tokens[i % tokens.length] }) };
            },
          }],
        }, (err, res) => (err ? reject(err) : resolve(res)));
        instance.on('response', (_client, status, _bytes, ms) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          latencies.push(ms);
        });
      });
      const ok = statuses.get(200) ?? 0;
      const { stored } = await db.selectFrom('checkin').select(sql<number>`count(*)`.as('stored')).executeTakeFirstOrThrow();
      return {
        requests: latencies.length, ok, stored, rps: ok / o.durationS, p95: percentile(latencies, 95), p50: percentile(latencies, 50),
        errors: latencies.length - ok + result.errors + result.timeouts, statuses: Object.fromEntries(statuses),
        repeatedDevices: Math.max(0, Math.ceil(n / tokens.length) - 1),
      };
    } finally {
      await app.close();
    }
  });
  console.log(`  ${out.requests.toLocaleString('en')} requests, ${out.ok.toLocaleString('en')} check-ins (${out.stored.toLocaleString('en')} rows), p50 ${out.p50.toFixed(1)} ms, p95 ${out.p95.toFixed(1)} ms, statuses ${JSON.stringify(out.statuses)}`);
  console.log(JSON.stringify({
    bench: 'checkin', engine, rps: Math.round(out.rps), p95_ms: Math.round(out.p95 * 10) / 10, errors: out.errors, checkins: out.ok, stored_rows: out.stored,
    p50_ms: Math.round(out.p50 * 10) / 10, duration_s: o.durationS, connections: o.connections, venues: VENUES, devices: o.devices,
    rate_limit: 'per device 10/min as configured by default (many devices, each under it); per address raised by CHECKIN_IP_RATE_LIMIT for the loopback load',
    target_rps: TARGET_RPS, within_target: out.rps >= TARGET_RPS && out.errors === 0,
  }));
}
