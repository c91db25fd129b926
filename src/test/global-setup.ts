import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../config.ts';
import { openDatabase, pgliteClientOf } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { importReferenceData } from '../modules/places/places.service.ts';
import { adminUrl, databaseUrlFor } from './pg-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a dumped template data dir. PostgreSQL: name of the template database. */
    dbTemplate: { engine: 'pglite'; file: string } | { engine: 'postgres'; url: string; template: string };
  }
}

/**
 * Builds one migrated database with the reference data loaded, once per run;
 * every test file then clones it (see test-db.ts), on either engine.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig();
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(db);
    await importReferenceData(db, config.vnAdminDir, config.provinceCode);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'epicommand-test-'));
    const file = path.join(dir, 'template.tar');
    const dump = await pgliteClientOf(db)!.dumpDataDir('none');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.destroy();
    project.provide('dbTemplate', { engine: 'pglite', file });
    return () => rmSync(dir, { recursive: true, force: true });
  }
  const template = `epi_tpl_${process.pid}`;
  const admin = await openDatabase({ databaseUrl: adminUrl(url) });
  await sql`drop database if exists ${sql.id(template)}`.execute(admin);
  await sql`create database ${sql.id(template)}`.execute(admin);
  const db = await openDatabase({ databaseUrl: databaseUrlFor(url, template) });
  await migrateToLatest(db);
  await importReferenceData(db, config.vnAdminDir, config.provinceCode);
  await db.destroy();
  project.provide('dbTemplate', { engine: 'postgres', url, template });
  return async () => {
    await sql`drop database if exists ${sql.id(template)} with (force)`.execute(admin);
    await admin.destroy();
  };
}
