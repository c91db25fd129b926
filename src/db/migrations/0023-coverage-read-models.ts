import { type Kysely, sql } from 'kysely';

/**
 * Population and coverage read models. The register's head count per commune and year of birth (`person_birth_year_count`), kept by
 * statement-level triggers on `person` so that population figures by age band (vaccination
 * coverage, the daily report, the dashboard) read a few thousand rows instead of the whole
 * register. Year 0 holds people without a date of birth.
 *
 * The triggers are ENABLE ALWAYS: bulk inserts on PGlite run with session_replication_role =
 * replica (db/bulk-insert.ts), which skips ordinary triggers but not these. Rows are applied in
 * key order so that concurrent writers on PostgreSQL lock them in the same order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table person_birth_year_count (
    province_code text not null,
    district_code text not null,
    commune_code text not null,
    birth_year integer not null,
    n integer not null,
    primary key (province_code, district_code, commune_code, birth_year)
  )`.execute(db);

  const delta = (rows: string, sign: string) => `
    insert into person_birth_year_count as c (province_code, district_code, commune_code, birth_year, n)
    select province_code, district_code, commune_code, coalesce(extract(year from date_of_birth)::int, 0), ${sign}count(*)::int
    from ${rows} group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (province_code, district_code, commune_code, birth_year) do update set n = c.n + excluded.n;`;
  await sql.raw(`create function person_birth_year_count_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then ${delta('old_rows', '-')} end if;
      if tg_op in ('UPDATE', 'INSERT') then ${delta('new_rows', '')} end if;
      return null;
    end $$`).execute(db);
  await sql`create function person_birth_year_count_clear() returns trigger language plpgsql as $$
    begin delete from person_birth_year_count; return null; end $$`.execute(db);

  await sql`create trigger person_birth_year_count_ins after insert on person
    referencing new table as new_rows for each statement execute function person_birth_year_count_apply()`.execute(db);
  // Only updates that can move a person between counts: the trigger's transition tables hold every updated row.
  await sql`create trigger person_birth_year_count_upd after update on person
    referencing old table as old_rows new table as new_rows for each statement execute function person_birth_year_count_apply()`.execute(db);
  await sql`create trigger person_birth_year_count_del after delete on person
    referencing old table as old_rows for each statement execute function person_birth_year_count_apply()`.execute(db);
  await sql`create trigger person_birth_year_count_trunc after truncate on person
    for each statement execute function person_birth_year_count_clear()`.execute(db);
  for (const t of ['ins', 'upd', 'del', 'trunc']) await sql.raw(`alter table person enable always trigger person_birth_year_count_${t}`).execute(db);

  await vaccinationPersonStatus(db);

  await sql`insert into person_birth_year_count (province_code, district_code, commune_code, birth_year, n)
    select province_code, district_code, commune_code, coalesce(extract(year from date_of_birth)::int, 0), count(*)::int
    from person group by 1, 2, 3, 4`.execute(db);
  // The people born in a cut-off's own year are counted from the register itself.
  await sql`create index person_province_birth_idx on person (province_code, date_of_birth)`.execute(db);
}

/**
 * Per vaccinated person: where they live, their birth date, the day of their first dose and of the
 * dose completing their course (the k-th dose, k being the doses required by the first dose's
 * product, 2 when unknown). Kept by statement triggers on `vaccine_dose` and on `person` (moves and
 * corrected birth dates), so that coverage reads the vaccinated only, never joining each of them
 * back to the register.
 */
async function vaccinationPersonStatus(db: Kysely<any>): Promise<void> {
  await sql`create table vaccination_person_status (
    person_id integer primary key references person (id),
    province_code text not null,
    district_code text not null,
    commune_code text not null,
    date_of_birth date,
    first_dose_on date not null,
    full_course_on date
  )`.execute(db);
  await sql`create index vaccination_person_status_area_idx on vaccination_person_status (province_code, district_code, commune_code)`.execute(db);
  // Recomputes the rows of the given people from their doses (none left: the row goes).
  await sql`create function vaccination_person_status_refresh(ids integer[]) returns void language sql as $$
    delete from vaccination_person_status s where s.person_id = any(ids) and not exists (select 1 from vaccine_dose d where d.person_id = s.person_id);
    insert into vaccination_person_status as s (person_id, province_code, district_code, commune_code, date_of_birth, first_dose_on, full_course_on)
    select p.id, p.province_code, p.district_code, p.commune_code, p.date_of_birth, v.first_on, v.dates[v.needed]
    from (select d.person_id, min(d.dose_date) as first_on,
            array_agg(d.dose_date order by d.dose_date, d.dose_number) as dates,
            coalesce(min(case when d.dose_number = 1 then pr.doses_required end), 2) as needed
          from vaccine_dose d join vaccine_product pr on pr.code = d.product_code
          where d.person_id = any(ids) group by d.person_id) v
    join person p on p.id = v.person_id
    order by p.id
    on conflict (person_id) do update set province_code = excluded.province_code, district_code = excluded.district_code,
      commune_code = excluded.commune_code, date_of_birth = excluded.date_of_birth, first_dose_on = excluded.first_dose_on,
      full_course_on = excluded.full_course_on;
  $$`.execute(db);
  await sql`create function vaccination_person_status_from_doses() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then perform vaccination_person_status_refresh(array(select distinct person_id from old_rows)); end if;
      if tg_op in ('UPDATE', 'INSERT') then perform vaccination_person_status_refresh(array(select distinct person_id from new_rows)); end if;
      return null;
    end $$`.execute(db);
  await sql`create function vaccination_person_status_from_people() returns trigger language plpgsql as $$
    begin
      update vaccination_person_status s set province_code = n.province_code, district_code = n.district_code,
        commune_code = n.commune_code, date_of_birth = n.date_of_birth
      from new_rows n where s.person_id = n.id
        and (s.province_code, s.district_code, s.commune_code, s.date_of_birth) is distinct from (n.province_code, n.district_code, n.commune_code, n.date_of_birth);
      return null;
    end $$`.execute(db);
  await sql`create trigger vaccination_person_status_ins after insert on vaccine_dose
    referencing new table as new_rows for each statement execute function vaccination_person_status_from_doses()`.execute(db);
  await sql`create trigger vaccination_person_status_upd after update on vaccine_dose
    referencing old table as old_rows new table as new_rows for each statement execute function vaccination_person_status_from_doses()`.execute(db);
  await sql`create trigger vaccination_person_status_del after delete on vaccine_dose
    referencing old table as old_rows for each statement execute function vaccination_person_status_from_doses()`.execute(db);
  await sql`create trigger vaccination_person_status_person after update on person
    referencing new table as new_rows for each statement execute function vaccination_person_status_from_people()`.execute(db);
  for (const [table, t] of [['vaccine_dose', 'ins'], ['vaccine_dose', 'upd'], ['vaccine_dose', 'del'], ['person', 'person']]) {
    await sql.raw(`alter table ${table} enable always trigger vaccination_person_status_${t}`).execute(db);
  }
  await sql`select vaccination_person_status_refresh(array(select distinct person_id from vaccine_dose))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, t] of [['vaccine_dose', 'ins'], ['vaccine_dose', 'upd'], ['vaccine_dose', 'del'], ['person', 'person']]) {
    await sql.raw(`drop trigger if exists vaccination_person_status_${t} on ${table}`).execute(db);
  }
  await sql`drop function if exists vaccination_person_status_from_doses()`.execute(db);
  await sql`drop function if exists vaccination_person_status_from_people()`.execute(db);
  await sql`drop function if exists vaccination_person_status_refresh(integer[])`.execute(db);
  await sql`drop table if exists vaccination_person_status`.execute(db);
  await sql`drop index if exists person_province_birth_idx`.execute(db);
  for (const t of ['ins', 'upd', 'del', 'trunc']) await sql.raw(`drop trigger if exists person_birth_year_count_${t} on person`).execute(db);
  await sql`drop function if exists person_birth_year_count_apply()`.execute(db);
  await sql`drop function if exists person_birth_year_count_clear()`.execute(db);
  await sql`drop table if exists person_birth_year_count`.execute(db);
}
