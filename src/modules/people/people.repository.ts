import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import { reserveIds } from '../../db/bulk-insert.ts';
import type { Db } from '../../db/database.ts';
import type { Database, PersonTable } from '../../db/schema.ts';
import { escapeLike } from '../../lib/vn-text.ts';

export type PersonRow = Awaited<ReturnType<typeof findPersonById>> & {};

/** Who may be seen: an area (column = value) or the people tied to an organisation. */
export type PersonScope =
  | { kind: 'area'; column: 'province_code' | 'district_code' | 'commune_code'; value: string }
  | { kind: 'enterprise'; orgId: number }
  | { kind: 'boarding_house'; orgId: number }
  | { kind: 'none' };

const PERSON_COLUMNS = [
  'p.id', 'p.full_name', 'p.sex', 'p.date_of_birth', 'p.national_id', 'p.phone', 'p.province_code',
  'p.district_code', 'p.commune_code', 'p.address_detail', 'p.household_id', 'p.created_at', 'p.updated_at',
  'c.name as commune_name', 'd.name as district_name',
] as const;

function withNames(db: Db) {
  return db
    .selectFrom('person as p')
    .innerJoin('admin_unit as c', 'c.code', 'p.commune_code')
    .innerJoin('admin_unit as d', 'd.code', 'p.district_code');
}

type PersonQuery = ReturnType<typeof withNames>;
type PersonEb = ExpressionBuilder<Database & { p: Database['person'] }, 'p'>;

function scopeCondition(eb: PersonEb, scope: PersonScope): Expression<SqlBool> {
  switch (scope.kind) {
    case 'area':
      return eb(`p.${scope.column}`, '=', scope.value);
    case 'enterprise':
      return eb('p.id', 'in', eb.selectFrom('worker').select('worker.person_id').where('worker.enterprise_id', '=', scope.orgId));
    case 'boarding_house':
      return eb('p.id', 'in', eb
        .selectFrom('group_membership as gm')
        .innerJoin('contact_group as g', 'g.id', 'gm.group_id')
        .select('gm.person_id')
        .where('g.org_unit_id', '=', scope.orgId)
        .where('g.kind', '=', 'room'));
    case 'none':
      return sql<boolean>`false`;
  }
}

function applyScope(q: PersonQuery, scope: PersonScope): PersonQuery {
  return q.where((eb) => scopeCondition(eb as unknown as PersonEb, scope));
}

export async function findPersonById(db: Db, id: number) {
  return withNames(db).select(PERSON_COLUMNS).where('p.id', '=', id).executeTakeFirst();
}

export async function personInScope(db: Db, id: number, scope: PersonScope): Promise<boolean> {
  const r = await applyScope(withNames(db), scope).select('p.id').where('p.id', '=', id).executeTakeFirst();
  return r !== undefined;
}

export type PersonSort = 'fullName' | '-fullName' | 'dateOfBirth' | '-dateOfBirth' | 'createdAt' | '-createdAt';

export interface PersonFilter {
  scope: PersonScope;
  /** Folded text: matched against the folded name; digits also against phone and ID prefixes. */
  text?: string | undefined;
  districtCode?: string | undefined;
  communeCode?: string | undefined;
}

/** The filter on alias `p` alone, so that a count needs no join. */
function personWhere(eb: PersonEb, f: PersonFilter): Expression<SqlBool> {
  const conds = [scopeCondition(eb, f.scope)];
  if (f.districtCode) conds.push(eb('p.district_code', '=', f.districtCode));
  if (f.communeCode) conds.push(eb('p.commune_code', '=', f.communeCode));
  if (f.text) {
    const text = f.text;
    conds.push(/^\d{3,}$/.test(text)
      ? eb.or([eb('p.phone', 'like', `${escapeLike(text)}%`), eb('p.national_id', 'like', `${escapeLike(text)}%`)])
      : eb('p.name_search', 'like', `%${escapeLike(text)}%`));
  }
  return eb.and(conds);
}

function filtered(db: Db, f: PersonFilter): PersonQuery {
  return withNames(db).where((eb) => personWhere(eb as unknown as PersonEb, f));
}

/**
 * How many people the filter holds. An area without search text is summed from the register's
 * head count by commune and year of birth (kept by triggers, migration 0023): a few thousand rows
 * instead of counting a province of two million on every page of the list.
 */
export async function countPeople(db: Db, f: PersonFilter): Promise<number> {
  if (f.scope.kind === 'area' && !f.text) {
    const r = await db.selectFrom('person_birth_year_count')
      .select(sql<number>`coalesce(sum(n), 0)::int`.as('n'))
      .where(f.scope.column, '=', f.scope.value)
      .$if(!!f.districtCode, (q) => q.where('district_code', '=', f.districtCode!))
      .$if(!!f.communeCode, (q) => q.where('commune_code', '=', f.communeCode!))
      .executeTakeFirstOrThrow();
    return r.n;
  }
  const r = await db.selectFrom('person as p').select(sql<number>`count(*)::int`.as('n'))
    .where((eb) => personWhere(eb as unknown as PersonEb, f)).executeTakeFirstOrThrow();
  return r.n;
}

export async function listPeople(db: Db, f: PersonFilter, sort: PersonSort, limit: number, offset: number) {
  const q = filtered(db, f);
  const desc = sort.startsWith('-');
  const dir = desc ? 'desc' : 'asc';
  let ordered = q.select(PERSON_COLUMNS);
  switch (sort.replace('-', '')) {
    case 'fullName':
      // Vietnamese lists sort by given name (the last word), then the whole name.
      ordered = ordered.orderBy('p.sort_name', dir);
      break;
    case 'dateOfBirth':
      ordered = ordered.orderBy('p.date_of_birth', (ob) => (dir === 'asc' ? ob.asc() : ob.desc()).nullsLast());
      break;
    default:
      ordered = ordered.orderBy('p.created_at', dir);
  }
  const [items, total] = await Promise.all([ordered.orderBy('p.id', dir).limit(limit).offset(offset).execute(), countPeople(db, f)]);
  return { items, total };
}

export async function insertPerson(db: Db, row: Insertable<PersonTable>) {
  return db.insertInto('person').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertPeople(db: Db, rows: Insertable<PersonTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await db.insertInto('person').values(rows.slice(i, i + 1000)).returning('id').execute();
    ids.push(...r.map((x) => x.id));
  }
  return ids;
}

export async function updatePerson(db: Db, id: number, patch: Updateable<PersonTable>): Promise<void> {
  await db.updateTable('person').set(patch).where('id', '=', id).execute();
}

export interface DuplicateCandidate {
  id: number;
  full_name: string;
  date_of_birth: string | null;
  commune_name: string;
  national_id: string | null;
  phone: string | null;
  name_search: string;
}

/** People sharing a national ID, or the same folded name + date of birth + phone, with any of the given keys. */
export async function findDuplicateCandidates(
  db: Db,
  keys: { nationalIds: string[]; soft: Array<{ nameSearch: string; dateOfBirth: string; phone: string }> },
  excludeId?: number,
): Promise<DuplicateCandidate[]> {
  if (keys.nationalIds.length === 0 && keys.soft.length === 0) return [];
  let q = db
    .selectFrom('person as p')
    .innerJoin('admin_unit as c', 'c.code', 'p.commune_code')
    .select(['p.id', 'p.full_name', 'p.date_of_birth', 'c.name as commune_name', 'p.national_id', 'p.phone', 'p.name_search'])
    .where((eb) => {
      const ors = [];
      if (keys.nationalIds.length) ors.push(eb('p.national_id', 'in', keys.nationalIds));
      if (keys.soft.length) {
        ors.push(
          eb.and([
            eb('p.phone', 'in', [...new Set(keys.soft.map((k) => k.phone))]),
            eb('p.name_search', 'in', [...new Set(keys.soft.map((k) => k.nameSearch))]),
          ]),
        );
      }
      return eb.or(ors);
    });
  if (excludeId !== undefined) q = q.where('p.id', '!=', excludeId);
  return q.limit(5000).execute();
}

export interface BulkPerson {
  province_code: string; district_code: string; commune_code: string; address_detail: string | null; full_name: string; name_search: string;
  sex: string; date_of_birth: string | null; national_id: string | null; phone: string | null;
}

/**
 * People with a household each (label "Hộ <name>", the person's address) and its membership from
 * `today`, joined from arrays with unnest; ids are drawn from the sequences first so each person
 * gets its own household whatever order the rows are written in (`embedded`: as one block, see
 * `reserveIds`).
 */
export async function insertPeopleWithHouseholds(db: Db, rows: BulkPerson[], today: string, embedded = false): Promise<number[]> {
  const ids = (table: string, n: number) => reserveIds(db, table, n, embedded);
  const out: number[] = [];
  for (let i = 0; i < rows.length; i += 10_000) {
    const part = rows.slice(i, i + 10_000);
    const col = <K extends keyof BulkPerson>(k: K) => part.map((r) => r[k]);
    const [households, people] = await Promise.all([ids('contact_group', part.length), ids('person', part.length)]);
    await sql`insert into contact_group (id, kind, label, province_code, district_code, commune_code, address_detail)
      select h, 'household', 'Hộ ' || n, p, d, c, a from unnest(${households}::int[], ${col('full_name')}::text[], ${col('province_code')}::text[],
        ${col('district_code')}::text[], ${col('commune_code')}::text[], ${col('address_detail')}::text[]) as v(h, n, p, d, c, a)`.execute(db);
    await sql`insert into person (id, province_code, district_code, commune_code, address_detail, household_id, full_name, name_search, sex, date_of_birth, national_id, phone)
      select * from unnest(${people}::int[], ${col('province_code')}::text[], ${col('district_code')}::text[], ${col('commune_code')}::text[],
        ${col('address_detail')}::text[], ${households}::int[], ${col('full_name')}::text[], ${col('name_search')}::text[], ${col('sex')}::text[],
        ${col('date_of_birth')}::date[], ${col('national_id')}::text[], ${col('phone')}::text[])`.execute(db);
    await sql`insert into group_membership (group_id, person_id, province_code, valid_from)
      select h, p, pc, ${today}::date from unnest(${households}::int[], ${people}::int[], ${col('province_code')}::text[]) as v(h, p, pc)`.execute(db);
    out.push(...people);
  }
  return out;
}

/** Counts of these people's references that point nowhere: commune, household, household membership. */
export async function danglingPersonReferences(db: Db, ids: number[]): Promise<Record<string, number>> {
  const r = await sql<Record<string, number>>`
    select
      (select count(*) from person p where p.id = any(${ids}::int[])
         and not exists (select 1 from admin_unit a where a.code = p.commune_code))::int as person_commune,
      (select count(*) from person p where p.id = any(${ids}::int[]) and p.household_id is not null
         and not exists (select 1 from contact_group g where g.id = p.household_id))::int as person_household,
      (select count(*) from group_membership m where m.person_id = any(${ids}::int[])
         and not exists (select 1 from contact_group g where g.id = m.group_id))::int as membership_group`.execute(db);
  return r.rows[0]!;
}

/** People with any of these national IDs or phones (one array parameter each, so thousands fit). */
export async function findByNationalIdsOrPhones(db: Db, keys: { nationalIds: string[]; phones: string[] }) {
  if (keys.nationalIds.length === 0 && keys.phones.length === 0) return [];
  return db
    .selectFrom('person')
    .select(['id', 'full_name', 'name_search', 'sex', 'date_of_birth', 'national_id', 'phone', 'province_code', 'district_code', 'commune_code', 'address_detail'])
    .where((eb) => eb.or([
      eb('national_id', '=', sql<string>`any(${keys.nationalIds}::text[])`),
      eb('phone', '=', sql<string>`any(${keys.phones}::text[])`),
    ]))
    .execute();
}

export async function existingCommuneCodes(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('admin_unit')
    .select('code')
    .where('level', '=', 'commune')
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Set(rows.map((r) => r.code));
}

export async function provinceCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('admin_unit').select('code').where('level', '=', 'province').execute();
  return new Set(rows.map((r) => r.code));
}

export async function streamPeople(db: Db, f: PersonFilter, limit: number) {
  return filtered(db, f).select(PERSON_COLUMNS).orderBy('p.id').limit(limit).execute();
}

export async function populationByDistrict(db: Db, column: 'province_code' | 'district_code' | 'commune_code', value: string) {
  return db
    .selectFrom('person')
    .select(['district_code', sql<number>`count(*)`.as('people'), sql<number>`count(distinct household_id)`.as('households')])
    .where(column, '=', value)
    .groupBy('district_code')
    .execute();
}

/**
 * Head count per commune, and per cut-off date those born on or before it: whole years from the
 * trigger-kept `person_birth_year_count`, the cut-off's own year from the register (one year of
 * births through the (province, date of birth) index), never a scan of the whole register.
 */
export async function populationBornBy(db: Db, provinceCode: string, cutoffs: string[], limit: { districtCode?: string | undefined; communeCode?: string | undefined }) {
  const area = (t: string) => sql.join([
    sql`true`,
    ...(limit.districtCode ? [sql`${sql.ref(`${t}.district_code`)} = ${limit.districtCode}`] : []),
    ...(limit.communeCode ? [sql`${sql.ref(`${t}.commune_code`)} = ${limit.communeCode}`] : []),
  ], sql` and `);
  // Whole years: one pass over the kept counts, a sum per cut-off beside the head count (k = 0).
  const years = await sql<{ district_code: string; commune_code: string; n: string; born: string[] }>`
    select b.district_code, b.commune_code, sum(b.n) as n,
      array[${sql.join(cutoffs.map((c) => sql`coalesce(sum(b.n) filter (where b.birth_year between 1 and ${Number(c.slice(0, 4)) - 1}), 0)`))}] as born
    from person_birth_year_count b where b.province_code = ${provinceCode} and ${area('b')} group by 1, 2`.execute(db);
  const rows = await sql<{ district_code: string; commune_code: string; k: number; n: string }>`
    with cut as (select c.day, c.k::int as k from unnest(${cutoffs}::date[]) with ordinality as c(day, k))
    select p.district_code, p.commune_code, c.k, count(*) as n
      from cut c join person p on p.province_code = ${provinceCode} and p.date_of_birth between date_trunc('year', c.day)::date and c.day
      where ${area('p')} group by 1, 2, 3`.execute(db);
  return [
    ...years.rows.flatMap((r) => [
      { districtCode: r.district_code, communeCode: r.commune_code, k: 0, n: Number(r.n) },
      ...r.born.map((n, i) => ({ districtCode: r.district_code, communeCode: r.commune_code, k: i + 1, n: Number(n) })),
    ]),
    ...rows.rows.map((r) => ({ districtCode: r.district_code, communeCode: r.commune_code, k: Number(r.k), n: Number(r.n) })),
  ];
}

export async function householdPoints(db: Db, personIds: number[]) {
  return db.selectFrom('person as p').innerJoin('contact_group as g', 'g.id', 'p.household_id')
    .select(['p.id', 'g.lon', 'g.lat']).where('p.id', 'in', personIds).where('g.lon', 'is not', null).execute();
}

/** The earliest registered person with this phone and folded name (self check-in's match), or null. */
export async function findByPhoneAndName(db: Db, phone: string, nameSearch: string): Promise<{ id: number; date_of_birth: string | null } | null> {
  const r = await db.selectFrom('person').select(['id', 'date_of_birth']).where('phone', '=', phone).where('name_search', '=', nameSearch).orderBy('id').limit(1).executeTakeFirst();
  return r ?? null;
}
