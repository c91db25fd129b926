import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AreaFilter } from '../auth/policy.ts';

export async function latestConfirmationDate(db: Db, provinceCode: string): Promise<string | null> {
  const r = await db
    .selectFrom('covid_case')
    .select((eb) => eb.fn.max('confirmation_date').as('d'))
    .where('province_code', '=', provinceCode)
    .executeTakeFirst();
  return r?.d ?? null;
}

/** Cases per district up to `asOf`: total, in the 7 days ending asOf, and still active. */
export async function caseCountsByDistrict(db: Db, area: AreaFilter, asOf: string, weekStart: string) {
  return db
    .selectFrom('covid_case')
    .select([
      'district_code',
      sql<number>`count(*)`.as('cases'),
      sql<number>`count(*) filter (where confirmation_date >= ${weekStart})`.as('cases_7d'),
      sql<number>`count(*) filter (where status in ('isolated','in_treatment'))`.as('active'),
    ])
    .where(area.column, '=', area.value)
    .where('confirmation_date', '<=', asOf)
    .groupBy('district_code')
    .execute();
}

export async function dailyCounts(db: Db, area: AreaFilter, asOf: string) {
  return db
    .selectFrom('covid_case')
    .select(['confirmation_date as date', sql<number>`count(*)`.as('cases')])
    .where(area.column, '=', area.value)
    .where('confirmation_date', '<=', asOf)
    .groupBy('confirmation_date')
    .orderBy('confirmation_date')
    .execute();
}
