import type { AppConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { build } from './app.ts';

/** listen() only: everything else is in build() and bootstrap. */
export async function listen(db: Db, config: AppConfig) {
  const app = await build({ db, config, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  const address = await app.listen({ port: config.port, host: config.host });
  return { app, address };
}
