import type { AppConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { startReportScheduler } from '../modules/reports/reports.scheduler.ts';
import { startDirectivesScheduler } from '../modules/directives/directives.scheduler.ts';
import { startBackupScheduler } from '../modules/backup/backup.scheduler.ts';
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
  // Nightly backup into BACKUP_DIR with retention (same rule: serving process only).
  if (config.backup.at) {
    const backup = startBackupScheduler(db, {
      databaseUrl: config.databaseUrl, dataDir: config.dataDir, dir: config.backup.dir, at: config.backup.at, keep: config.backup.keep,
      log: (m) => app.log.error(m), info: (m) => app.log.warn(m),
    });
    app.addHook('onClose', () => backup.stop());
  }
  const address = await app.listen({ port: config.port, host: config.host });
  return { app, address };
}
