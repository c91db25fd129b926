/**
 * Creating team tasks: the one entry point other modules (arrivals, declarations, pharmacies, the
 * home-quarantine generator) use to hand work to a community team. Idempotent on
 * (source_kind, source_id, kind) so a generator may run again; the team is resolved once, at
 * creation, from the village (else the only team of the commune); pharmacy follow-ups stay with
 * the commune health station (no team).
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, TeamTaskKind } from '../../db/schema.ts';

export interface TeamTaskInput {
  provinceCode: string;
  districtCode: string;
  communeCode: string;
  /** The village as written in an address (the part before the first comma) or its folded key. */
  villageCode?: string | null;
  personId: number | null;
  kind: TeamTaskKind;
  sourceKind: string;
  sourceId: number;
  dueDate: string;
  title: string;
  detail?: Record<string, unknown>;
}

/** A village as compared: lower case, trimmed, inner spaces collapsed. */
export function villageKeyText(village: string | null | undefined): string | null {
  if (village == null) return null;
  const k = village.split(',')[0]!.trim().replace(/\s+/g, ' ').toLowerCase();
  return k === '' ? null : k;
}

/** Returns how many tasks were created (those already there are left as they are). */
export async function createTeamTasks(db: Db | Transaction<Database>, tasks: TeamTaskInput[]): Promise<number> {
  if (tasks.length === 0) return 0;
  const communes = [...new Set(tasks.map((t) => t.communeCode))];
  const teams = await db
    .selectFrom('community_team')
    .select(['id', 'commune_code', 'village_key'])
    .where('active', '=', true)
    .where('commune_code', 'in', communes)
    .execute();
  const byVillage = new Map<string, number>();
  const byCommune = new Map<string, number[]>();
  for (const t of teams) {
    byVillage.set(`${t.commune_code}|${t.village_key}`, t.id);
    byCommune.set(t.commune_code, [...(byCommune.get(t.commune_code) ?? []), t.id]);
  }
  const rows = tasks.map((t) => {
    const vk = villageKeyText(t.villageCode);
    const inCommune = byCommune.get(t.communeCode) ?? [];
    // A pharmacy follow-up is the commune health station's work: no team.
    const teamId = t.kind === 'pharmacy_followup' ? null
      : (vk !== null ? byVillage.get(`${t.communeCode}|${vk}`) : undefined) ?? (inCommune.length === 1 ? inCommune[0]! : null);
    return {
      province_code: t.provinceCode,
      district_code: t.districtCode,
      commune_code: t.communeCode,
      village_key: vk,
      team_id: teamId,
      person_id: t.personId,
      kind: t.kind,
      source_kind: t.sourceKind,
      source_id: t.sourceId,
      due_date: t.dueDate,
      title: t.title,
      detail: JSON.stringify(t.detail ?? {}),
    };
  });
  let created = 0;
  // Chunks keep the statement under the parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    const res = await db
      .insertInto('team_task')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['source_kind', 'source_id', 'kind']).doNothing())
      .returning(sql<number>`1`.as('one'))
      .execute();
    created += res.length;
  }
  return created;
}
