import type { AppConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { startReportScheduler } from '../modules/reports/reports.scheduler.ts';
import { startDirectivesScheduler } from '../modules/directives/directives.scheduler.ts';
import { build } from './app.ts';

/** listen() only: everything else is in build() and bootstrap. */
export async function listen(db: Db, config: AppConfig) {
  const app = await build({ db, config, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  // The daily report's scheduler runs in the serving process only (never under build(), so tests have none unless they start one).
  if (config.reportAt) {
    const scheduler = startReportScheduler(db, { provinceCode: config.provinceCode, at: config.reportAt, log: (m) => app.log.error(m) });
    app.addHook('onClose', () => scheduler.stop());
  }
  // Directives: due-soon and overdue notifications to the agencies, every 10 minutes (same rule: serving process only).
  const directives = startDirectivesScheduler(db, { provinceCode: config.provinceCode, log: (m) => app.log.error(m) });
  app.addHook('onClose', () => directives.stop());
  const address = await app.listen({ port: config.port, host: config.host });
  return { app, address };
}
