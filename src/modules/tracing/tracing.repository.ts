/**
 * All SQL of tracing: loading the contact data for the in-memory index, the same trace written
 * level by level in SQL (the engine's cross-check, and the bench's baseline), and the contact
 * export.
 */
import { sql } from 'kysely';
import { type Db, pgliteClientOf } from '../../db/database.ts';
import { type CaseDays, EDGE_KINDS, type EdgeKind, GROUP_KINDS, OPEN_END } from './tracing.domain.ts';
import type { ContactData } from './tracing.index.ts';

const EPOCH = sql`date '1970-01-01'`;

type ColumnKind = 'int4' | 'float8';
type Columns = Array<Int32Array | Float64Array>;

/**
 * Reads a whole query as typed columns. On PGlite through `COPY … TO '/dev/blob'` in binary
 * format (about ten times faster than rows for millions of them), holding the serialized
 * connection; on PostgreSQL (and inside a transaction) as plain rows. The SQL is the same.
 */
async function readColumns(db: Db, query: string, kinds: ColumnKind[]): Promise<{ count: number; columns: Columns }> {
  const client = db.isTransaction ? undefined : pgliteClientOf(db);
  if (client) {
    const bytes = await db.connection().execute(async () => {
      const r = await client.query(`copy (${query}) to '/dev/blob' with (format binary)`);
      return new Uint8Array(await r.blob!.arrayBuffer());
    });
    return parseBinaryCopy(bytes, kinds);
  }
  const rows = (await sql.raw<Record<string, number>>(query).execute(db)).rows;
  const columns: Columns = kinds.map((k) => (k === 'int4' ? new Int32Array(rows.length) : new Float64Array(rows.length)));
  const names = rows.length ? Object.keys(rows[0]!) : [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let c = 0; c < kinds.length; c++) columns[c]![i] = Number(r[names[c]!]);
  }
  return { count: rows.length, columns };
}

/** PostgreSQL's binary COPY format: signature, flags, header extension, tuples, trailer (-1). */
export function parseBinaryCopy(bytes: Uint8Array, kinds: ColumnKind[]): { count: number; columns: Columns } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 11 + 4; // "PGCOPY\n\xff\r\n\0" + flags
  at += 4 + view.getInt32(at);
  // Every tuple is 2 + Σ(4 + width) bytes: size the columns once.
  const tupleBytes = 2 + kinds.reduce((s, k) => s + 4 + (k === 'int4' ? 4 : 8), 0);
  const capacity = Math.max(0, Math.floor((bytes.byteLength - at - 2) / tupleBytes));
  const columns: Columns = kinds.map((k) => (k === 'int4' ? new Int32Array(capacity) : new Float64Array(capacity)));
  let n = 0;
  for (;;) {
    const fields = view.getInt16(at);
    at += 2;
    if (fields === -1) break;
    if (fields !== kinds.length) throw new Error(`COPY tuple has ${fields} fields, expected ${kinds.length}`);
    for (let c = 0; c < fields; c++) {
      const len = view.getInt32(at);
      at += 4;
      if (len === -1) throw new Error('COPY column is null where a number was expected');
      columns[c]![n] = kinds[c] === 'int4' ? view.getInt32(at) : view.getFloat64(at);
      at += len;
    }
    n++;
  }
  return { count: n, columns: columns.map((col) => col.subarray(0, n)) as Columns };
}

export async function loadContactData(db: Db, provinceCode: string): Promise<ContactData> {
  // COPY takes no parameters: the province code is checked before it is inlined.
  if (!/^\d{2}$/.test(provinceCode)) throw new Error(`not a province code: ${provinceCode}`);
  const p = `'${provinceCode}'`;
  const m = await readColumns(db,
    `select id, group_id, person_id, (valid_from - date '1970-01-01')::int4, coalesce(valid_to - date '1970-01-01', ${OPEN_END})::int4
     from group_membership where province_code = ${p}`,
    ['int4', 'int4', 'int4', 'int4', 'int4']);
  const g = await readColumns(db, `select id, case kind ${GROUP_KINDS.map((k, i) => `when '${k}' then ${i}`).join(' ')} end::int4
     from contact_group where province_code = ${p}`, ['int4', 'int4']);
  const c = await readColumns(db,
    // Unordered: the index sorts each venue's check-ins faster than PGlite sorts them all.
    `select venue_id, person_id, extract(epoch from checked_in_at)::float8 from checkin where province_code = ${p}`,
    ['int4', 'int4', 'float8']);
  const contacts = await db.selectFrom('manual_contact')
    .select(['id', 'person_a as a', 'person_b as b', sql<number>`contact_date - ${EPOCH}`.as('day')])
    .where('province_code', '=', provinceCode).execute();
  const cases = await loadCases(db, provinceCode);
  const q = await readColumns(db,
    `select id, person_id, (start_date - date '1970-01-01')::int4, coalesce(end_date - date '1970-01-01', ${OPEN_END})::int4
     from quarantine_order where province_code = ${p}`,
    ['int4', 'int4', 'int4', 'int4']);
  const [mId, mGroup, mPerson, mFrom, mTo] = m.columns as Int32Array[];
  const [gId, gKind] = g.columns as Int32Array[];
  return {
    memberships: { count: m.count, id: mId!, group: mGroup!, person: mPerson!, from: mFrom!, to: mTo! },
    groups: { id: gId!, kind: Uint8Array.from(gKind!) },
    checkins: { count: c.count, venue: c.columns[0] as Int32Array, person: c.columns[1] as Int32Array, at: c.columns[2] as Float64Array },
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
