/**
 * All SQL of tracing: loading the contact data for the in-memory index, the same trace written
 * level by level in SQL (the engine's cross-check, and the bench's baseline), and the contact
 * export.
 */
import { sql } from 'kysely';
import { type Db, pgliteClientOf } from '../../db/database.ts';
import { type CaseDays, EDGE_KINDS, type EdgeKind, GROUP_KINDS, OPEN_END } from './tracing.domain.ts';
import type { ContactData } from './tracing.index.ts';
import { sharedFloat64, sharedInt32 } from './tracing.kernel.ts';

const EPOCH = sql`date '1970-01-01'`;

/**
 * A column the index reads: an int4, a date (a day number; a null date is OPEN_END), a
 * timestamptz (epoch seconds) or a text among known values (its position in the list).
 */
type Column =
  | { sql: string; kind: 'int4' }
  | { sql: string; kind: 'date'; nullable?: boolean }
  | { sql: string; kind: 'timestamptz' }
  | { sql: string; kind: 'text'; values: readonly string[] };
type Columns = Array<Int32Array | Float64Array>;

/** Days from 1970-01-01 to PostgreSQL's epoch 2000-01-01, and seconds. */
const PG_EPOCH_DAYS = 10_957;
const PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400 * 1e6;

/** The column as computed in SQL (the row path): every kind becomes an int4 or a float8. */
function computed(c: Column): string {
  if (c.kind === 'date') return c.nullable ? `coalesce(${c.sql} - ${EPOCH_SQL}, ${OPEN_END})::int4` : `(${c.sql} - ${EPOCH_SQL})::int4`;
  if (c.kind === 'timestamptz') return `extract(epoch from ${c.sql})::float8`;
  if (c.kind === 'text') return `case ${c.sql} ${c.values.map((v, i) => `when '${v}' then ${i}`).join(' ')} end::int4`;
  return c.sql;
}
const EPOCH_SQL = `date '1970-01-01'`;

/**
 * Reads a whole query as typed columns. On PGlite, every row is packed by the engine into one
 * bytea (`string_agg` of each column's binary send form: int4, and dates and timestamps as stored)
 * and that single value goes out through `COPY … TO '/dev/blob'` in binary format, holding the
 * serialized connection: for millions of rows this is several times faster than rows, and a third
 * faster than one COPY tuple per row (the embedded engine's cost is per row written). On
 * PostgreSQL (and inside a transaction) as plain rows of the same columns computed in SQL.
 */
async function readColumns(db: Db, from: string, columns: Column[]): Promise<{ count: number; columns: Columns }> {
  const client = db.isTransaction ? undefined : pgliteClientOf(db);
  if (client) {
    const bytes = await db.connection().execute(async () => {
      const r = await client.query(`copy (select count(*)::int4, string_agg(${columns.map(packed).join(' || ')}, ''::bytea) ${from}) to '/dev/blob' with (format binary)`);
      return new Uint8Array(await r.blob!.arrayBuffer());
    });
    return unpackColumns(bytes, columns);
  }
  const rows = (await sql.raw<Record<string, number>>(`select ${columns.map((c, i) => `${computed(c)} as c${i}`).join(', ')} ${from}`).execute(db)).rows;
  const out = newColumns(columns, rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let c = 0; c < columns.length; c++) out[c]![i] = Number(r[`c${c}`]);
  }
  return { count: rows.length, columns: out };
}

/**
 * Arrays for n rows of the columns, in shared memory: a helper thread lays out the index from
 * them without a copy (tracing.build.ts).
 */
function newColumns(columns: Column[], n: number): Columns {
  return columns.map((c) => (c.kind === 'timestamptz' ? sharedFloat64(n) : sharedInt32(n)));
}

/** Marks a null date in the packed form (also what date_send writes for 'infinity'). */
const PACKED_NULL = 0x7fffffff;

/**
 * A column's binary form in the packed row: 4 bytes (8 for a timestamp). A null would make the
 * whole row's concatenation null and string_agg would skip it: nullable dates are replaced by a
 * marker, and the row count read beside the bytes catches any other null.
 */
function packed(c: Column): string {
  if (c.kind === 'date') return c.nullable ? `coalesce(date_send(${c.sql}), int4send(${PACKED_NULL}))` : `date_send(${c.sql})`;
  if (c.kind === 'timestamptz') return `timestamptz_send(${c.sql})`;
  if (c.kind === 'text') return `int4send(coalesce(case ${c.sql} ${c.values.map((v, i) => `when '${v}' then ${i}`).join(' ')} end, -1))`;
  return `int4send(${c.sql})`;
}

/** The COPY of `count, packed rows` (one tuple of two fields) as columns. */
export function unpackColumns(bytes: Uint8Array, columns: Column[]): { count: number; columns: Columns } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 11 + 4; // "PGCOPY\n\xff\r\n\0" + flags
  at += 4 + view.getInt32(at);
  if (view.getInt16(at) !== 2) throw new Error('packed COPY: expected one tuple of two fields');
  at += 2;
  at += 4; // the count's length (4)
  const count = view.getInt32(at);
  at += 4;
  const len = view.getInt32(at);
  at += 4;
  const width = columns.reduce((w, c) => w + (c.kind === 'timestamptz' ? 8 : 4), 0);
  const rows = len === -1 ? 0 : len / width;
  if (rows !== count) throw new Error(`packed COPY: ${count} rows but ${rows} packed (a column held an unexpected null)`);
  const out = newColumns(columns, count);
  for (let c = 0, offset = at; c < columns.length; c++) {
    const col = columns[c]!;
    const o = out[c]!;
    if (col.kind === 'timestamptz') {
      for (let i = 0, p = offset; i < count; i++, p += width) o[i] = (view.getInt32(p) * 4_294_967_296 + view.getUint32(p + 4) + PG_EPOCH_MICROS) / 1e6;
      offset += 8;
      continue;
    }
    if (col.kind === 'date') {
      for (let i = 0, p = offset; i < count; i++, p += width) {
        const d = view.getInt32(p);
        if (d === PACKED_NULL && !col.nullable) throw new Error(`packed COPY: column ${col.sql} is null where a value was expected`);
        o[i] = d === PACKED_NULL ? OPEN_END : d + PG_EPOCH_DAYS;
      }
    } else {
      for (let i = 0, p = offset; i < count; i++, p += width) o[i] = view.getInt32(p);
      if (col.kind === 'text' && (o as Int32Array).includes(-1)) throw new Error(`packed COPY: column ${col.sql} holds an unexpected value`);
    }
    offset += 4;
  }
  return { count, columns: out };
}

/** Called with each large part of the contact data as soon as it is loaded, before the rest. */
export interface ContactDataHooks {
  memberships?(m: ContactData['memberships']): void;
  checkins?(c: ContactData['checkins']): void;
}

/** Bytes of the memberships table on disk (all provinces'): how large a build is about to be, without reading it. */
export async function membershipTableBytes(db: Db): Promise<number> {
  const r = await sql<{ bytes: number }>`select pg_relation_size('group_membership')::float8 as bytes`.execute(db);
  return r.rows[0]!.bytes;
}

/** The contact data of a province; the hooks are called as the memberships, then the check-ins, arrive. */
export async function loadContactData(db: Db, provinceCode: string, hooks: ContactDataHooks = {}): Promise<ContactData> {
  // COPY takes no parameters: the province code is checked before it is inlined.
  if (!/^\d{2}$/.test(provinceCode)) throw new Error(`not a province code: ${provinceCode}`);
  const p = `'${provinceCode}'`;
  const m = await readColumns(db, `from group_membership where province_code = ${p}`, [
    { sql: 'id', kind: 'int4' }, { sql: 'group_id', kind: 'int4' }, { sql: 'person_id', kind: 'int4' },
    { sql: 'valid_from', kind: 'date' }, { sql: 'valid_to', kind: 'date', nullable: true },
  ]);
  const [mId, mGroup, mPerson, mFrom, mTo] = m.columns as Int32Array[];
  const memberships = { count: m.count, id: mId!, group: mGroup!, person: mPerson!, from: mFrom!, to: mTo! };
  hooks.memberships?.(memberships);
  // Unordered: the index sorts each venue's check-ins faster than PGlite sorts them all.
  const c = await readColumns(db, `from checkin where province_code = ${p}`, [
    { sql: 'venue_id', kind: 'int4' }, { sql: 'person_id', kind: 'int4' }, { sql: 'checked_in_at', kind: 'timestamptz' },
  ]);
  const checkins = { count: c.count, venue: c.columns[0] as Int32Array, person: c.columns[1] as Int32Array, at: c.columns[2] as Float64Array };
  hooks.checkins?.(checkins);
  // The large parts first: their hooks lay them out while the rest loads.
  const g = await readColumns(db, `from contact_group where province_code = ${p}`, [{ sql: 'id', kind: 'int4' }, { sql: 'kind', kind: 'text', values: GROUP_KINDS }]);
  const contacts = await db.selectFrom('manual_contact')
    .select(['id', 'person_a as a', 'person_b as b', sql<number>`contact_date - ${EPOCH}`.as('day')])
    .where('province_code', '=', provinceCode).execute();
  const cases = await loadCases(db, provinceCode);
  const q = await readColumns(db, `from quarantine_order where province_code = ${p}`, [
    { sql: 'id', kind: 'int4' }, { sql: 'person_id', kind: 'int4' }, { sql: 'start_date', kind: 'date' }, { sql: 'end_date', kind: 'date', nullable: true },
  ]);
  const [gId, gKind] = g.columns as Int32Array[];
  return {
    memberships,
    groups: { id: gId!, kind: Uint8Array.from(gKind!) },
    checkins,
    contacts, cases,
    quarantines: { count: q.count, id: q.columns[0] as Int32Array, person: q.columns[1] as Int32Array, start: q.columns[2] as Int32Array, end: q.columns[3] as Int32Array },
  };
}

export async function loadCases(db: Db, provinceCode: string, caseId?: number): Promise<Array<{ id: number; person: number } & CaseDays>> {
  let q = db.selectFrom('covid_case')
    .select(['id', 'person_id as person',
      sql<number | null>`onset_date - ${EPOCH}`.as('onset'),
      sql<number>`sample_date - ${EPOCH}`.as('sample'),
      sql<number>`confirmation_date - ${EPOCH}`.as('confirmation'),
      sql<number | null>`isolation_date - ${EPOCH}`.as('isolation')])
    .where('province_code', '=', provinceCode);
  if (caseId !== undefined) q = q.where('id', '=', caseId);
  return q.execute();
}

export interface SqlTraceRow {
  person_id: number;
  level: number;
  w_start: string;
  w_end: string;
  source: number | null;
  kind: EdgeKind | null;
  group_id: number | null;
  d: string | null;
}
export interface SqlEdgeRow { source: number; target: number; kind: EdgeKind; group_id: number | null; d: string; target_level: number }

const kindOrder = sql.raw(`case kind ${EDGE_KINDS.map((k, i) => `when '${k}' then ${i}`).join(' ')} end`);

/**
 * The trace of tracing.domain.ts in SQL, level by level over temporary tables: the engine's
 * independent cross-check (tests) and the bench's baseline. `f0` null = every case confirmed
 * on or before asOf.
 */
export async function traceSql(
  db: Db,
  opts: { provinceCode: string; f0: number[] | null; asOf: string; depth: number; checkinMinutes: number },
): Promise<{ people: SqlTraceRow[]; edges: SqlEdgeRow[] }> {
  return db.transaction().execute(async (trx) => {
    await sql`create temp table tr_level (person_id integer primary key, level smallint not null, w_start date not null, w_end date) on commit drop`.execute(trx);
    await sql`create temp table tr_edge (source integer, target integer, kind text, group_id integer, d date, target_level smallint) on commit drop`.execute(trx);
    const asOf = sql`${opts.asOf}::date`;
    const listed = opts.f0 === null ? sql`c.confirmation_date <= ${asOf}` : sql`c.person_id = any(${opts.f0}::int[])`;
    // A person's case: the latest confirmed by asOf; else (a listed case confirmed later) the earliest.
    await sql`
      insert into tr_level (person_id, level, w_start, w_end)
      select distinct on (c.person_id) c.person_id, 0, coalesce(c.onset_date, c.sample_date) - 2, coalesce(c.isolation_date, c.confirmation_date)
      from covid_case c
      where c.province_code = ${opts.provinceCode} and ${listed}
      order by c.person_id, (c.confirmation_date <= ${asOf}) desc,
        case when c.confirmation_date <= ${asOf} then ${asOf} - c.confirmation_date else c.confirmation_date - ${asOf} end,
        case when c.confirmation_date <= ${asOf} then -c.id else c.id end`.execute(trx);
    await sql`analyze tr_level`.execute(trx);
    const minutes = sql`${opts.checkinMinutes} * interval '1 minute'`;
    for (let k = 1; k <= opts.depth; k++) {
      const prev = k - 1;
      const inserted = await sql`
        insert into tr_edge (source, target, kind, group_id, d, target_level)
        select source, target, kind, group_id, min(d), ${k}::smallint from (
          select s.person_id as source, mp.person_id as target, g.kind, g.id as group_id,
                 greatest(s.w_start, ms.valid_from, mp.valid_from) as d
          from tr_level s
          join group_membership ms on ms.person_id = s.person_id
          join contact_group g on g.id = ms.group_id
          join group_membership mp on mp.group_id = ms.group_id and mp.person_id <> s.person_id
          where s.level = ${prev}
            and greatest(s.w_start, ms.valid_from, mp.valid_from)
                <= least(s.w_end, coalesce(ms.valid_to, 'infinity'::date), coalesce(mp.valid_to, 'infinity'::date))
          union all
          select s.person_id, cp.person_id, 'venue', cs.venue_id, (cs.checked_in_at at time zone 'UTC' + interval '7 hours')::date
          from tr_level s
          join checkin cs on cs.person_id = s.person_id
          join checkin cp on cp.venue_id = cs.venue_id and cp.person_id <> s.person_id
               and cp.checked_in_at between cs.checked_in_at - ${minutes} and cs.checked_in_at + ${minutes}
          where s.level = ${prev}
            and (cs.checked_in_at at time zone 'UTC' + interval '7 hours')::date between s.w_start and s.w_end
          union all
          select s.person_id, case when mc.person_a = s.person_id then mc.person_b else mc.person_a end, 'manual', null::integer, mc.contact_date
          from tr_level s
          join manual_contact mc on mc.person_a = s.person_id or mc.person_b = s.person_id
          where s.level = ${prev} and mc.contact_date between s.w_start and s.w_end
        ) c
        where not exists (select 1 from tr_level l where l.person_id = c.target)
        group by source, target, kind, group_id`.execute(trx);
      if (Number(inserted.numAffectedRows ?? 0) === 0) break;
      await sql`
        insert into tr_level (person_id, level, w_start)
        select target, ${k}, min(d) from tr_edge where target_level = ${k} group by target`.execute(trx);
      await sql`
        update tr_level l set w_end = case
          when exists (select 1 from quarantine_order q where q.person_id = l.person_id and q.start_date < l.w_start
                       and q.start_date <= ${asOf} and (q.end_date is null or q.end_date >= l.w_start)) then l.w_start - 1
          else coalesce(
            (select min(q.start_date) from quarantine_order q where q.person_id = l.person_id and q.start_date >= l.w_start
             and q.start_date <= ${asOf} and (q.end_date is null or q.end_date >= l.w_start)),
            ${asOf}) end
        where l.level = ${k}`.execute(trx);
      await sql`analyze tr_level`.execute(trx);
    }
    // The primary edge of each target in one sorted pass (a lateral lookup per person would
    // rescan the unindexed edge table for each of them).
    const people = await sql<SqlTraceRow>`
      with primary_edge as (
        select distinct on (target) target, source, kind, group_id, d from tr_edge
        order by target, d, source, ${kindOrder}, coalesce(group_id, -1)
      )
      select l.person_id, l.level, l.w_start, l.w_end, p.source, p.kind, p.group_id, p.d
      from tr_level l
      left join primary_edge p on p.target = l.person_id and l.level > 0
      order by l.level, l.person_id`.execute(trx);
    const edges = await sql<SqlEdgeRow>`select source, target, kind, group_id, d, target_level from tr_edge order by target_level, target, source, kind, group_id`.execute(trx);
    return { people: people.rows, edges: edges.rows };
  });
}

// ---- published for the daily report (reports): traced contacts put under quarantine, by day

/**
 * F1 and F2 of a province by their quarantine orders (the starts tracing produces; each order is
 * one person traced once: someone traced again after release counts again): orders begun on
 * `date`, begun by then, and in force at the end of `date` (not ended by then), never cancelled ones.
 */
export async function contactOrderCounts(db: Db, provinceCode: string, date: string) {
  const r = await sql<{ subject: 'f1' | 'f2'; on_day: number; total: number; managed: number }>`
    select subject,
      count(*) filter (where start_date = ${date}) as on_day,
      count(*) as total,
      count(*) filter (where end_date is null or end_date > ${date}) as managed
    from quarantine_order
    where province_code = ${provinceCode} and start_date <= ${date} and subject in ('f1', 'f2') and status <> 'cancelled'
    group by subject`.execute(db);
  return r.rows;
}

// ---- published for the situation map: places cases visited while infectious

/**
 * Venues where cases of an area checked in between two days (Vietnam time), each check-in inside
 * the case's infectious window (onset, else sample, − 2 days, to confirmation): how many cases and
 * the last such day.
 */
export async function venuesVisitedByCases(db: Db, area: { column: 'province_code' | 'district_code' | 'commune_code'; value: string }, from: string, to: string) {
  const day = sql<string>`(ch.checked_in_at at time zone 'Asia/Ho_Chi_Minh')::date`;
  const r = await sql<{ id: number; cases: number; last_visit: string }>`
    select ch.venue_id as id, count(distinct c.id)::int as cases, max(${day})::text as last_visit
    from covid_case c join checkin ch on ch.person_id = c.person_id
    where ${sql.ref(`c.${area.column}`)} = ${area.value}
      and ${day} between greatest(coalesce(c.onset_date, c.sample_date) - 2, ${from}::date) and least(c.confirmation_date, ${to}::date)
    group by ch.venue_id`.execute(db);
  return r.rows;
}
