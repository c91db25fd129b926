/**
 * The demo province's epidemic levels: the system assesses every 7th day of the wave, counted
 * back from the as-of day (so the as-of day itself is assessed) to the first confirmed case, in
 * order, inside the demo's transaction. Raises of the as-of day are still proposals then.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addDays } from '../../lib/time.ts';
import { assessLevels } from './levels.service.ts';

export interface LevelsDemoSummary { days: number; communeAssessments: number; proposals: number; communesAboveLevel1: number }

export async function assessDemoWave(db: Db, provinceCode: string, asOf: string): Promise<LevelsDemoSummary> {
  const first = (await sql<{ d: string | null }>`select min(confirmation_date)::text as d from covid_case
    where province_code = ${provinceCode} and confirmation_date <= ${asOf}::date`.execute(db)).rows[0]?.d ?? asOf;
  const days: string[] = [];
  for (let d = asOf; d >= first; d = addDays(d, -7)) days.unshift(d);
  const summary: LevelsDemoSummary = { days: days.length, communeAssessments: 0, proposals: 0, communesAboveLevel1: 0 };
  for (const day of days) {
    const s = await assessLevels(db, 'system', provinceCode, day);
    summary.communeAssessments += s.communes;
    summary.proposals += s.proposals;
    if (day === asOf) summary.communesAboveLevel1 = s.byLevel[2] + s.byLevel[3] + s.byLevel[4];
  }
  return summary;
}
