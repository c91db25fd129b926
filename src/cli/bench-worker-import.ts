/**
 * `npm run bench -- worker-import`: one enterprise's worker list of 10,000 rows (XLSX, every row a
 * new person in a workshop × shift, a fifth on a bus, a tenth in a dormitory room) previewed and
 * committed through the service, as the web wizard does; a 1,000-row list of another enterprise
 * first as the baseline. The last line is one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { migrateToLatest } from '../db/migrate.ts';
import type { Actor } from '../modules/auth/policy.ts';
import { taxCodeFrom } from '../modules/enterprises/enterprises.domain.ts';
import { importWorkers } from '../modules/enterprises/enterprises.import.ts';
import { createEnterprise } from '../modules/enterprises/enterprises.service.ts';
import { type WorkerExportRow, writeWorkerSheet } from '../modules/enterprises/enterprises.xlsx.ts';
import { saveBusRoute, saveDormitory, saveShift, saveWorkshop } from '../modules/enterprises/structure.service.ts';
import { communesOf, importReferenceData } from '../modules/places/places.service.ts';
import { withScratchDb } from './bench-province.ts';

const cdc = (provinceCode: string): Actor => ({
  userId: 0, username: 'bench', role: 'cdc', scopeKind: 'province', scopeCode: provinceCode, scopeOrgId: null, provinceCode, ip: null,
});

const WORKSHOPS = ['Xưởng SMT 1', 'Xưởng SMT 2', 'Xưởng Lắp ráp 1', 'Xưởng Lắp ráp 2', 'Xưởng Kiểm tra', 'Xưởng Đóng gói', 'Xưởng Ép nhựa', 'Xưởng Hàn'];
const SHIFTS: Array<[string, string, string]> = [['Ca 1', '06:00', '14:00'], ['Ca 2', '14:00', '22:00'], ['Ca 3', '22:00', '06:00']];

function rows(n: number, tag: number, communes: string[], provinceCode: string): WorkerExportRow[] {
  return Array.from({ length: n }, (_, i) => {
    const year = 1975 + (i % 25);
    const serial = tag * 100_000 + i;
    const mode = i % 10 === 0 ? 'dormitory' : i % 5 === 1 ? 'bus' : 'motorbike';
    return {
      employeeCode: `NV${tag}${String(i).padStart(6, '0')}`, fullName: `Nguyễn Thị Công Nhân ${String.fromCharCode(65 + (i % 26))}`, sex: 'female',
      dateOfBirth: `${year}-0${1 + (i % 9)}-1${i % 10}`, nationalId: `0${provinceCode}1${String(year % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`,
      phone: `03${String(2_0000_000 + serial).slice(0, 8)}`.slice(0, 10), communeCode: communes[i % communes.length]!, addressDetail: `Thôn ${1 + (i % 12)}`,
      workshop: WORKSHOPS[i % WORKSHOPS.length]!, shift: SHIFTS[i % 3]![0], commuteMode: mode,
      busRoute: mode === 'bus' ? `Tuyến ${1 + (i % 4)}` : null, lodging: mode === 'dormitory' ? 'KTX 1' : null, room: mode === 'dormitory' ? `P${100 + (i % 40)}` : null,
      homeAddress: null, employedFrom: '2020-01-02', employedTo: null,
    };
  });
}

export async function runWorkerImportBench(opts: { vnAdminDir: string; provinceCode: string; databaseUrl?: string | undefined; rows?: number }): Promise<void> {
  const n = opts.rows ?? 10_000;
  const engine = opts.databaseUrl ? 'postgresql' : 'pglite';
  const result = await withScratchDb(opts.databaseUrl, async (db) => {
    await migrateToLatest(db);
    await importReferenceData(db, opts.vnAdminDir, opts.provinceCode);
    const communes = (await communesOf(db, opts.provinceCode)).map((c) => c.code);
    const actor = cdc(opts.provinceCode);
    const enterprise = async (k: number) => {
      const id = await createEnterprise(db, actor, { name: `Công ty TNHH Bench ${k}`, taxCode: taxCodeFrom(`${opts.provinceCode}0${String(k).padStart(6, '0')}`), communeCode: communes[0]! });
      for (const w of WORKSHOPS) await saveWorkshop(db, actor, id, { name: w });
      for (const [name, startTime, endTime] of SHIFTS) await saveShift(db, actor, id, { name, startTime, endTime });
      for (let r = 1; r <= 4; r++) await saveBusRoute(db, actor, id, { name: `Tuyến ${r}`, vehiclePlate: `98B-${100 + r}.${10 + r}` });
      await saveDormitory(db, actor, id, { name: 'KTX 1', communeCode: communes[0]!, rooms: Array.from({ length: 40 }, (_, i) => ({ label: `P${100 + i}`, capacity: 8 })) });
      return id;
    };
    const run = async (id: number, count: number, tag: number) => {
      const file = await writeWorkerSheet(rows(count, tag, communes.slice(0, 40), opts.provinceCode));
      const t0 = performance.now();
      const preview = await importWorkers(db, actor, id, file, { dryRun: true });
      const t1 = performance.now();
      const commit = await importWorkers(db, actor, id, file, { dryRun: false });
      const t2 = performance.now();
      const again = await importWorkers(db, actor, id, file, { dryRun: false });
      const t3 = performance.now();
      if (preview.created !== count || commit.created !== count || again.unchanged !== count) throw new Error(`unexpected import counts: ${JSON.stringify({ preview, commit, again })}`);
      return { previewMs: Math.round(t1 - t0), commitMs: Math.round(t2 - t1), reimportMs: Math.round(t3 - t2), ms: Math.round(t2 - t0), bytes: file.length };
    };
    const base = await run(await enterprise(1), Math.max(1, Math.round(n / 10)), 1);
    console.log(`worker-import bench on ${engine}: baseline ${Math.round(n / 10)} rows preview ${base.previewMs} ms + commit ${base.commitMs} ms; re-import unchanged ${base.reimportMs} ms`);
    const big = await run(await enterprise(2), n, 2);
    console.log(`  ${n} rows (${Math.round(big.bytes / 1024)} KB): preview ${big.previewMs} ms + commit ${big.commitMs} ms = ${big.ms} ms (ratio ${(big.ms / (base.previewMs + base.commitMs)).toFixed(1)} for ×10 rows); re-import unchanged ${big.reimportMs} ms`);
    return { bench: 'worker-import', engine, rows: n, ms: big.ms, previewMs: big.previewMs, commitMs: big.commitMs, reimportMs: big.reimportMs };
  });
  // After the scratch database is gone (dropping it may log its pool's closed connections): the last line.
  console.log(JSON.stringify(result));
}
