import { type Kysely, sql } from 'kysely';

/**
 * Enterprise risk self-assessment (issue 7; QĐ 2194/QĐ-BCĐQG): one row per submitted form, with
 * the answers, each indicator's points, the index and band as computed then and the rule version
 * used. A newer submission for the same enterprise and period supersedes the older one, which
 * stays (history). A province may add its own versions of the form: `rule_version` gets the
 * context 'enterprise_risk'. The context list is read from the constraint in place, so contexts
 * another migration added before this one are kept.
 */
async function contextsInPlace(db: Kysely<any>): Promise<string[]> {
  const r = await sql<{ def: string }>`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'rule_version_context_check'`.execute(db);
  return [...(r.rows[0]?.def ?? '').matchAll(/'([a-z0-9_]+)'/g)].map((m) => m[1]!);
}

async function setContexts(db: Kysely<any>, contexts: string[]): Promise<void> {
  await sql`alter table rule_version drop constraint rule_version_context_check`.execute(db);
  const list = sql.join(contexts.map((c) => sql.lit(c)));
  await sql`alter table rule_version add constraint rule_version_context_check check (context in (${list}))`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const contexts = await contextsInPlace(db);
  if (!contexts.includes('enterprise_risk')) await setContexts(db, [...contexts, 'enterprise_risk']);

  await db.schema
    .createTable('enterprise_risk_assessment')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    // The enterprise's area codes when submitted, for area-scoped lists.
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    // 'YYYY-Www' (ISO week) or 'YYYY-MM', as the rule version's period says, and its first and last day.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('rule_code', 'text', (c) => c.notNull())
    // Indicator code → option code; indicator code → points after the weight.
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('points', 'jsonb', (c) => c.notNull())
    .addColumn('workforce', 'integer', (c) => c.check(sql`workforce >= 0`))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('max_total', 'integer', (c) => c.notNull().check(sql`max_total > 0`))
    // The index in percent with one decimal.
    .addColumn('score', 'double precision', (c) => c.notNull().check(sql`score >= 0 and score <= 100`))
    .addColumn('band', 'text', (c) => c.notNull().check(sql`band in ('very_low','low','medium','high','very_high')`))
    .addColumn('note', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.references('app_user.id'))
    // Submitted by CDC or the province for the enterprise.
    .addColumn('on_behalf', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('superseded_by', 'integer')
    .addColumn('superseded_at', 'timestamptz')
    .addCheckConstraint('enterprise_risk_assessment_superseded', sql`(superseded_by is null) = (superseded_at is null)`)
    .execute();
  // Checked at commit: a submission is marked superseded by the one about to be inserted with a reserved id.
  await sql`alter table enterprise_risk_assessment add constraint enterprise_risk_superseded_by_fk foreign key (superseded_by)
    references enterprise_risk_assessment (id) deferrable initially deferred`.execute(db);
  // One current submission per enterprise and period; the superseded ones stay beside it.
  await sql`create unique index enterprise_risk_current_uq on enterprise_risk_assessment (enterprise_id, period) where superseded_by is null`.execute(db);
  await sql`create index enterprise_risk_period_idx on enterprise_risk_assessment (province_code, period, score desc) where superseded_by is null`.execute(db);
  await db.schema.createIndex('enterprise_risk_history_idx').on('enterprise_risk_assessment').columns(['enterprise_id', 'submitted_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('enterprise_risk_assessment').execute();
  await sql`delete from rule_version where context = 'enterprise_risk'`.execute(db);
  await setContexts(db, (await contextsInPlace(db)).filter((c) => c !== 'enterprise_risk'));
}
