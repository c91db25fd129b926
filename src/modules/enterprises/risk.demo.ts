/**
 * The demo province's enterprise risk self-assessments (QĐ 2194): weekly forms of most
 * enterprises over the ISO weeks of the wave from 10/5/2021 to the as-of day. Larger employers
 * answer worse (crowded workshops, buses, dormitories) and every enterprise improves a little each
 * week after the parks closed on 18/5; about one in twelve has not yet submitted the latest week,
 * and a few corrected a form (the first one kept, superseded). Seeded by the enterprise's id, so
 * the same province gives the same forms; skipped when the province already has assessments.
 */
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { EnterpriseRiskAssessmentTable } from '../../db/schema.ts';
import { addDays, dayNumber } from '../../lib/time.ts';
import { Rng } from '../demo/rng.ts';
import { isoWeekOf, periodRange, QD2194, scoreAssessment, workforceOption } from './risk.domain.ts';

export interface RiskDemoSummary { submissions: number; superseded: number; enterprises: number; missingLatest: number }

const FIRST_DAY = '2021-05-10';
const RNG_PHASE = 2194;
const BATCH = 1000;

export async function runDemoEnterpriseRisk(db: Db, provinceCode: string, asOf: string): Promise<RiskDemoSummary> {
  const summary: RiskDemoSummary = { submissions: 0, superseded: 0, enterprises: 0, missingLatest: 0 };
  const existing = await db.selectFrom('enterprise_risk_assessment').select('id').where('province_code', '=', provinceCode).limit(1).execute();
  if (existing.length > 0 || asOf < FIRST_DAY) return summary;
  const enterprises = await db.selectFrom('org_unit').select(['id', 'district_code', 'commune_code', sql<number>`coalesce((attrs->>'workforce')::int, 0)`.as('workforce')])
    .where('kind', '=', 'enterprise').where('province_code', '=', provinceCode).orderBy('id').execute();
  const weeks: string[] = [];
  for (let d = FIRST_DAY; d <= asOf; d = addDays(d, 7)) weeks.push(isoWeekOf(d));
  const latest = weeks.at(-1)!;
  const rule = QD2194;
  const workforceIndicator = rule.indicators.find((i) => i.workforce)!;
  type Row = Insertable<EnterpriseRiskAssessmentTable> & { submitted_at: string };
  const current: Row[] = [];
  const corrections: Array<{ enterpriseId: number; period: string; row: Row }> = [];

  for (const [n, e] of enterprises.entries()) {
    const rng = new Rng(e.id, RNG_PHASE);
    summary.enterprises++;
    // Size drives the risk (10 workers 0.08, 200 0.35, 5,000 0.64: crowded workshops, buses, dormitories); each enterprise its own habits.
    const base = 0.08 + 0.09 * Math.log(Math.max(10, e.workforce) / 10) + (rng.next() - 0.5) * 0.12;
    // One in twelve, the eighth first, so even a small demo has one.
    const skipsLatest = n % 12 === 7;
    for (const [w, period] of weeks.entries()) {
      if (period === latest && skipsLatest) {
        summary.missingLatest++;
        continue;
      }
      if (period !== latest && rng.chance(0.06)) continue;
      const range = periodRange(period, 'iso_week')!;
      const lastDay = range.to < asOf ? range.to : asOf;
      const spread = Math.max(0, Math.min(6, dayNumber(lastDay) - dayNumber(range.from)));
      const day = addDays(range.from, rng.int(0, spread));
      const propensity = Math.max(0, base - 0.04 * Math.max(0, w - 1));
      const form = (p: number) => Object.fromEntries(rule.indicators.map((i) => {
        if (i.workforce) return [i.code, workforceOption(workforceIndicator, e.workforce)!.code];
        const x = Math.min(0.999, Math.max(0, p + (rng.next() - 0.5) * 0.6));
        return [i.code, i.options[Math.floor(x * i.options.length)]!.code];
      }));
      const row = (answers: Record<string, string>, hour: number): Row => {
        const s = scoreAssessment(rule, answers, e.workforce);
        if (!s.ok) throw new Error(`demo risk form of enterprise ${e.id} does not score: ${s.issues[0]?.message.en}`);
        return {
          province_code: provinceCode, district_code: e.district_code, commune_code: e.commune_code, enterprise_id: e.id, period, period_from: range.from, period_to: range.to,
          rule_code: rule.code, answers: JSON.stringify(answers), points: JSON.stringify(s.value.points), workforce: e.workforce, total: s.value.total,
          max_total: s.value.maxTotal, score: s.value.index, band: s.value.band, note: null, submitted_by: null, on_behalf: false,
          submitted_at: `${day}T${String(hour).padStart(2, '0')}:00:00+07:00`,
        };
      };
      const final = row(form(propensity), 15);
      current.push(final);
      // A few first filled in too optimistically and corrected the same afternoon.
      if (rng.chance(0.03)) corrections.push({ enterpriseId: e.id, period, row: row(form(Math.max(0, propensity - 0.2)), 9) });
    }
  }
  for (let i = 0; i < current.length; i += BATCH) {
    await db.insertInto('enterprise_risk_assessment').values(current.slice(i, i + BATCH)).execute();
  }
  if (corrections.length > 0) {
    const ids = await db.selectFrom('enterprise_risk_assessment').select(['id', 'enterprise_id', 'period'])
      .where('province_code', '=', provinceCode).where('superseded_by', 'is', null).execute();
    const idOf = new Map(ids.map((r) => [`${r.enterprise_id}:${r.period}`, r.id]));
    const rows = corrections.map((c) => ({ ...c.row, superseded_by: idOf.get(`${c.enterpriseId}:${c.period}`)!, superseded_at: c.row.submitted_at.replace('T09', 'T15') }));
    for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('enterprise_risk_assessment').values(rows.slice(i, i + BATCH)).execute();
  }
  summary.submissions = current.length + corrections.length;
  summary.superseded = corrections.length;
  return summary;
}
