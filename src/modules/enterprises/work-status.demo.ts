/**
 * The demo province's F0 checklists: for each worker who became a case in the wave (45 days to the
 * as-of day), the enterprise ticked the pilot's items in order, more of them the older the case
 * (locking the workshop the day of confirmation, then screening, disinfection...), so the F0
 * panel shows events at every stage. Skipped when the province already has checklist rows.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addDays, dayNumber } from '../../lib/time.ts';
import { BAC_GIANG_PILOT } from './work-status.domain.ts';

export interface WorkDemoSummary { events: number; ticked: number }

const NOTES: Record<string, string> = {
  lock_workshop: 'Đã khoá phân xưởng, dừng ca làm việc',
  screen_workshop: 'Lấy mẫu gộp toàn bộ công nhân phân xưởng',
  disinfect: 'Phun khử khuẩn xưởng và nhà ăn',
};

export async function runDemoWorkChecklists(db: Db, provinceCode: string, asOf: string): Promise<WorkDemoSummary> {
  const summary: WorkDemoSummary = { events: 0, ticked: 0 };
  const existing = await db.selectFrom('enterprise_f0_check').select('id').where('province_code', '=', provinceCode).limit(1).execute();
  if (existing.length > 0) return summary;
  const from = addDays(asOf, -45);
  const events = await sql<{ enterprise_id: number; case_id: number; confirmation_date: string }>`
    select distinct w.enterprise_id, c.id as case_id, c.confirmation_date::text as confirmation_date
    from covid_case c join worker w on w.person_id = c.person_id
    where c.province_code = ${provinceCode} and c.confirmation_date between ${from} and ${asOf}
    order by c.id, w.enterprise_id`.execute(db);
  const items = BAC_GIANG_PILOT.checklist;
  const rows = [];
  for (const e of events.rows) {
    summary.events++;
    const age = dayNumber(asOf) - dayNumber(e.confirmation_date);
    // One item a day from the confirmation, the newest events half done, a few skip the bus review.
    const done = Math.min(items.length, 1 + Math.floor(age * 0.8) + (e.case_id % 2));
    for (const [i, item] of items.slice(0, done).entries()) {
      if (item.key === 'check_bus' && e.case_id % 5 === 0) continue;
      const on = addDays(e.confirmation_date, Math.min(age, Math.floor(i / 2)));
      rows.push({
        province_code: provinceCode, enterprise_id: e.enterprise_id, case_id: e.case_id, item_key: item.key, done: true,
        note: NOTES[item.key] ?? null, done_on: on, updated_by: null, updated_at: `${on}T17:00:00+07:00`,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('enterprise_f0_check').values(rows.slice(i, i + 2000)).execute();
  summary.ticked = rows.length;
  return summary;
}
