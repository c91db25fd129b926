import { type Kysely, sql } from 'kysely';

/**
 * The contexts `rule_version` accepts live in a check constraint that each capability's migration
 * widens. The list is read from the constraint in place (as 0012 did), so a context another
 * migration added is kept whatever the order. Frozen like the migrations that use it.
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

export async function allowRuleContext(db: Kysely<any>, context: string): Promise<void> {
  const contexts = await contextsInPlace(db);
  if (!contexts.includes(context)) await setContexts(db, [...contexts, context]);
}

/** For `down`: removes the context's versions and the context. */
export async function dropRuleContext(db: Kysely<any>, context: string): Promise<void> {
  await sql`delete from rule_version where context = ${context}`.execute(db);
  const contexts = await contextsInPlace(db);
  if (contexts.includes(context)) await setContexts(db, contexts.filter((c) => c !== context));
}
