/**
 * SQL of the demo generator: bulk inserts and id reservation.
 *
 * Rows go in as one `INSERT … SELECT * FROM unnest($1::int[], $2::text[], …)` per batch:
 * one parameter per column whatever the batch size (no 65,535-parameter limit) and about
 * twice as fast as json_populate_recordset or multi-row VALUES on PGlite, the same SQL on
 * PostgreSQL. Ids of org_unit, contact_group, person and covid_case are assigned by the
 * generator from a reserved block (rows refer to each other without a round trip), then the
 * sequences are moved past them; nothing refers to case_status_event, so the database numbers it.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DemoRowsByTable, DemoTable, IdBases, RowBatch } from './emit.ts';

type Column<T extends DemoTable> = readonly [keyof DemoRowsByTable[T] & string, string];
type Columns = { [T in DemoTable]: ReadonlyArray<Column<T>> };

const COLUMNS: Columns = {
  org_unit: [
    ['id', 'int'], ['kind', 'text'], ['name', 'text'], ['code', 'text'], ['parent_id', 'int'], ['province_code', 'text'],
    ['district_code', 'text'], ['commune_code', 'text'], ['address_detail', 'text'], ['attrs', 'jsonb'],
  ],
  contact_group: [
    ['id', 'int'], ['kind', 'text'], ['org_unit_id', 'int'], ['label', 'text'], ['province_code', 'text'], ['district_code', 'text'],
    ['commune_code', 'text'], ['address_detail', 'text'], ['attrs', 'jsonb'],
  ],
  person: [
    ['id', 'int'], ['province_code', 'text'], ['district_code', 'text'], ['commune_code', 'text'], ['address_detail', 'text'],
    ['household_id', 'int'], ['full_name', 'text'], ['name_search', 'text'], ['sex', 'text'], ['date_of_birth', 'date'],
    ['national_id', 'text'], ['phone', 'text'],
  ],
  group_membership: [
    ['group_id', 'int'], ['person_id', 'int'], ['province_code', 'text'], ['valid_from', 'date'], ['valid_to', 'date'], ['role', 'text'],
  ],
  worker: [
    ['person_id', 'int'], ['enterprise_id', 'int'], ['province_code', 'text'], ['employee_code', 'text'], ['commute_mode', 'text'],
    ['employed_from', 'date'], ['employed_to', 'date'],
  ],
  checkin: [['venue_id', 'int'], ['person_id', 'int'], ['province_code', 'text'], ['checked_in_at', 'timestamptz']],
  covid_case: [
    ['id', 'int'], ['case_code', 'text'], ['person_id', 'int'], ['province_code', 'text'], ['district_code', 'text'], ['commune_code', 'text'],
    ['onset_date', 'date'], ['sample_date', 'date'], ['confirmation_date', 'date'], ['isolation_date', 'date'],
    ['detection', 'text'], ['classification', 'text'], ['status', 'text'],
  ],
  case_status_event: [['case_id', 'int'], ['status', 'text'], ['effective_date', 'date']],
};

export async function countPeople(db: Db): Promise<number> {
  const r = await db.selectFrom('person').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** Every organisation code in use (generated codes avoid them). */
export async function existingOrgCodes(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('org_unit').select('code').where('code', 'is not', null).execute();
  return rows.map((r) => r.code!);
}

const SERIAL_TABLES = { orgUnit: 'org_unit', contactGroup: 'contact_group', person: 'person', covidCase: 'covid_case' } as const;

/**
 * Inside the load transaction: locks the four tables against other writers until commit
 * (reads go on) and returns, per table, the id just below a free block. nextval() is past
 * every id ever handed out, max(id) past every row, so base + 1 … is free on both engines.
 */
export async function lockAndReserveIds(trx: Db): Promise<IdBases> {
  await sql`lock table org_unit, contact_group, person, covid_case in exclusive mode`.execute(trx);
  const bases = { orgUnit: 0, contactGroup: 0, person: 0, covidCase: 0 };
  for (const key of Object.keys(SERIAL_TABLES) as Array<keyof typeof SERIAL_TABLES>) {
    const table = SERIAL_TABLES[key];
    const r = await sql<{ next: number; max: number }>`
      select nextval(pg_get_serial_sequence(${table}, 'id'))::int as next,
             coalesce((select max(id) from ${sql.table(table)}), 0)::int as max`.execute(trx);
    const row = r.rows[0]!;
    bases[key] = Math.max(row.next - 1, row.max);
  }
  return bases;
}

/** Moves each sequence to the highest id now in its table, so the next ordinary insert gets a free id. */
export async function syncSequences(trx: Db): Promise<void> {
  for (const table of Object.values(SERIAL_TABLES)) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), greatest((select max(id) from ${sql.table(table)}), 1))`.execute(trx);
  }
}

/** Tables the generator fills that were empty before (the register is empty, and these hang off it). */
export const EMPTY_BEFORE_LOAD = ['person', 'group_membership', 'worker', 'checkin', 'covid_case', 'case_status_event'] as const;

export interface BulkLoad {
  triggersSkipped: boolean;
  /** Secondary indexes dropped for the load, with their definitions, to re-create before commit. */
  droppedIndexes: Array<{ name: string; definition: string }>;
}

/**
 * Bulk-load mode for the load transaction, the technique of pg_restore: when the role may
 * (superuser, always true on PGlite), per-row foreign-key triggers are skipped
 * (`verifyReferences` then checks every reference before commit) and the secondary indexes of
 * the tables that were empty are dropped and re-created after the load (one sorted build
 * instead of a random insert per row; primary keys and constraint indexes stay). Both are
 * transactional: on failure the rollback restores everything. Skipping triggers would also
 * skip any trigger a later migration adds to these tables; re-created indexes still check
 * uniqueness. Readers of these (empty) tables wait until the load commits.
 */
export async function enterBulkLoad(trx: Db): Promise<BulkLoad> {
  const r = await sql<{ su: string }>`select current_setting('is_superuser') as su`.execute(trx);
  if (r.rows[0]?.su !== 'on') return { triggersSkipped: false, droppedIndexes: [] };
  await sql`set local session_replication_role = replica`.execute(trx);
  const indexes = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in (${sql.join([...EMPTY_BEFORE_LOAD])})
      and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
    order by i.tablename, i.indexname`.execute(trx);
  for (const ix of indexes.rows) await sql`drop index ${sql.id(ix.name)}`.execute(trx);
  return { triggersSkipped: true, droppedIndexes: indexes.rows };
}

export async function recreateIndexes(trx: Db, bulk: BulkLoad, progress: (done: number, total: number) => void): Promise<void> {
  let done = 0;
  for (const ix of bulk.droppedIndexes) {
    await sql.raw(ix.definition).execute(trx);
    progress(++done, bulk.droppedIndexes.length);
  }
}

/** Counts references of the generated rows that point nowhere (must be 0): the foreign keys of migration 0001, and case timelines. */
export async function verifyReferences(trx: Db, bases: IdBases): Promise<Record<string, number>> {
  const r = await sql<Record<string, number>>`
    select
      (select count(*) from org_unit o where o.id > ${bases.orgUnit} and o.parent_id is not null
         and not exists (select 1 from org_unit p where p.id = o.parent_id))::int as org_unit_parent,
      (select count(*) from contact_group g where g.id > ${bases.contactGroup} and g.org_unit_id is not null
         and not exists (select 1 from org_unit o where o.id = g.org_unit_id))::int as contact_group_org,
      (select count(*) from person p where not exists (select 1 from admin_unit a where a.code = p.commune_code))::int as person_commune,
      (select count(*) from person p where p.household_id is not null
         and not exists (select 1 from contact_group g where g.id = p.household_id))::int as person_household,
      (select count(*) from group_membership m where not exists (select 1 from contact_group g where g.id = m.group_id)
         or not exists (select 1 from person p where p.id = m.person_id))::int as membership,
      (select count(*) from worker w where not exists (select 1 from person p where p.id = w.person_id)
         or not exists (select 1 from org_unit o where o.id = w.enterprise_id))::int as worker,
      (select count(*) from checkin c where not exists (select 1 from person p where p.id = c.person_id)
         or not exists (select 1 from org_unit o where o.id = c.venue_id))::int as checkin,
      (select count(*) from covid_case c where not exists (select 1 from person p where p.id = c.person_id))::int as covid_case,
      (select count(*) from case_status_event e where not exists (select 1 from covid_case c where c.id = e.case_id))::int as case_status_event`.execute(trx);
  return r.rows[0]!;
}

export async function insertBatch(trx: Db, batch: RowBatch): Promise<void> {
  if (batch.rows.length === 0) return;
  const columns = COLUMNS[batch.table] as ReadonlyArray<readonly [string, string]>;
  const rows = batch.rows as unknown as Array<Record<string, unknown>>;
  const arrays: RawBuilder<unknown>[] = columns.map(([name, type]) => {
    const values = type === 'jsonb' ? rows.map((r) => JSON.stringify(r[name])) : rows.map((r) => r[name] ?? null);
    return sql`${values}::${sql.raw(type)}[]`;
  });
  await sql`insert into ${sql.table(batch.table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
    select * from unnest(${sql.join(arrays)})`.execute(trx);
}

export async function saveDemoMeta(trx: Db, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await trx
    .insertInto('app_meta')
    .values({ key: 'demo', value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: sql`now()` }))
    .execute();
}

/** Row counts of the tables the generator fills (for checks after a load). */
export async function countRows(db: Db): Promise<Record<DemoTable, number>> {
  const tables = Object.keys(COLUMNS) as DemoTable[];
  const out = {} as Record<DemoTable, number>;
  for (const t of tables) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(db);
    out[t] = r.rows[0]!.n;
  }
  return out;
}

/** ANALYZE the tables the generator fills (and their neighbours the queries join). */
export async function analyzeLoadedTables(db: Db): Promise<void> {
  for (const table of [...Object.keys(COLUMNS), 'admin_unit']) {
    await sql`analyze ${sql.table(table)}`.execute(db);
  }
}
