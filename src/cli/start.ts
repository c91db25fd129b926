/** `npm start`: one server with the embedded database and, in demo mode, the demo province. */
import { loadConfig } from '../config.ts';
import { ReferenceDataError } from '../modules/places/reference-data.ts';
import { DEMO_PASSWORD } from '../modules/auth/demo-users.ts';
import { ensureWebBuilt, prepare } from '../server/bootstrap.ts';
import { listen } from '../server/main.ts';
import { buildIndex, indexStats } from '../modules/tracing/tracing.service.ts';

const log = (msg: string) => console.log(msg);

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const { db, demoLogins } = await prepare(config, log, {
    demoPeople: Number(process.env.DEMO_PEOPLE ?? 50_000),
    demoSeed: Number(process.env.DEMO_SEED ?? 2021),
  });
  ensureWebBuilt(config, log);
  // The tracing index is built before the first request needs it.
  const index = await buildIndex(db, config.provinceCode);
  const stats = indexStats(db, config.provinceCode);
  log(`Chỉ mục truy vết / tracing index: ${index.personCapacity.toLocaleString('vi-VN')} people, ${stats.megabytes} MB, ${stats.buildMs} ms`);
  const { app } = await listen(db, config);
  const port = (app.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  console.log(`\nEpiCommand: ${url}  (API docs: ${url}/docs)  — sẵn sàng sau / ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (demoLogins.length) {
    console.log(`Tài khoản demo / demo logins (mật khẩu / password: ${DEMO_PASSWORD}):`);
    for (const u of demoLogins) console.log(`  ${u.username.padEnd(12)} ${u.label}`);
  }
  const stop = async () => {
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof ReferenceDataError) console.error(`\nKhông khởi động được / cannot start:\n  ${e.message}\n`);
  else console.error(e);
  process.exit(1);
});
