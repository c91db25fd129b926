import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AreaFilter } from '../auth/policy.ts';

/** Published for the situation views: enterprises and current workers in an area. */
export async function enterpriseTotals(db: Db, area: AreaFilter, asOf: string) {
  const ent = await db
    .selectFrom('org_unit')
    .select(sql<number>`count(*)`.as('n'))
    .where('kind', '=', 'enterprise')
    .where(area.column, '=', area.value)
    .executeTakeFirstOrThrow();
  const workers = await db
    .selectFrom('worker as w')
    .innerJoin('org_unit as e', 'e.id', 'w.enterprise_id')
    .select(sql<number>`count(*)`.as('n'))
    .where(`e.${area.column}`, '=', area.value)
    .where('w.employed_from', '<=', asOf)
    .where((eb) => eb.or([eb('w.employed_to', 'is', null), eb('w.employed_to', '>=', asOf)]))
    .executeTakeFirstOrThrow();
  return { enterprises: ent.n, workers: workers.n };
}
