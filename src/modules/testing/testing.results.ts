/**
 * Applying results to samples and pools, one at a time or 22,000 from a lab file, by one path:
 * a negative pool clears its members; a positive or invalid pool never confirms anyone, it
 * creates an individual re-test task for every member; an invalid individual result asks for a
 * new sample; a positive rapid test asks for RT-PCR; a positive individual RT-PCR confirms a case
 * (through cases), ends the person's quarantine order and flags their room-mates. Results are
 * written only where none was, in one transaction; cases are confirmed after it commits.
 */
import type { Db } from '../../db/database.ts';
import type { SampleResult } from '../../db/schema.ts';
import { vnDateText } from '../../lib/xlsx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, hasPermission } from '../auth/policy.ts';
import { createCase, peopleWithOpenCase } from '../cases/cases.service.ts';
import { orderWritten } from '../tracing/tracing.service.ts';
import * as samplesRepo from './samples.repository.ts';
import * as repo from './testing.repository.ts';

export interface ResultItem {
  kind: 'sample' | 'pool';
  id: number;
  result: SampleResult;
  ct: number | null;
  lab: string | null;
  resultedOn: string;
}

export interface ResultsOutcome {
  samples: number;
  pools: number;
  cleared: number;
  retests: number;
  caseIds: number[];
  flaggedOrderIds: number[];
  /** Samples whose positive result needs an individual RT-PCR to confirm (rapid tests). */
  needsConfirmation: number[];
}

/** Whether this user may confirm the cases positive individual RT-PCR results make. */
export function mayConfirmCases(actor: Actor): boolean {
  return actor.scopeKind !== 'org' && hasPermission(actor, 'case:write');
}

/** Positive individual RT-PCR samples of people without an open case: each would confirm a new case. */
async function newCaseSamples<S extends { person_id: number }>(db: Db, confirmed: readonly S[]): Promise<S[]> {
  const open = await peopleWithOpenCase(db, confirmed.map((s) => s.person_id));
  return confirmed.filter((s) => !open.has(s.person_id));
}

/**
 * The samples among `items` that would confirm a new case: individual RT-PCR positives of people
 * without an open case. Callers check these against `mayConfirmCases` before applying.
 */
export async function confirmingSamples(db: Db, items: readonly ResultItem[]): Promise<Set<number>> {
  const positives = items.filter((i) => i.kind === 'sample' && i.result === 'positive');
  const samples = (await repo.samplesByIds(db, positives.map((i) => i.id))).filter((s) => s.method === 'rt_pcr');
  return new Set((await newCaseSamples(db, samples)).map((s) => s.id));
}

const asRow = (i: ResultItem): repo.ResultRow => ({ id: i.id, result: i.result, ct: i.ct === null ? null : String(i.ct), lab: i.lab, resulted_on: i.resultedOn });

/** `known`: the samples' facts when the caller has read them already (a lab import looks them up by barcode). */
export async function applyResults(
  db: Db, actor: Actor, items: readonly ResultItem[], today: string, audit: Record<string, unknown>, known?: ReadonlyMap<number, repo.SampleFacts>,
): Promise<ResultsOutcome> {
  const sampleItems = items.filter((i) => i.kind === 'sample');
  const poolItems = items.filter((i) => i.kind === 'pool');
  const samples = known ?? new Map((await repo.samplesByIds(db, sampleItems.map((i) => i.id))).map((s) => [s.id, s]));
  const members = await repo.poolMembers(db, poolItems.filter((i) => i.result !== 'negative').map((i) => i.id));
  const confirmed = sampleItems.filter((i) => i.result === 'positive' && samples.get(i.id)?.method === 'rt_pcr').map((i) => samples.get(i.id)!);
  const orders = (await repo.activeOrdersOf(db, confirmed.map((s) => s.person_id))).filter((o) => o.subject !== 'case');
  const needsCase = await newCaseSamples(db, confirmed);

  const written = await db.transaction().execute(async (trx) => {
    const sampleIds = await repo.setSampleResults(trx, sampleItems.map(asRow));
    const poolIds = await repo.setPoolResults(trx, poolItems.map(asRow));
    const writtenSamples = new Set(sampleIds);
    const writtenPools = new Set(poolIds);
    const byPool = new Map(poolItems.filter((i) => writtenPools.has(i.id)).map((i) => [i.id, i]));
    const negativePools = [...byPool.values()].filter((i) => i.result === 'negative').map((i) => i.id);
    const cleared = await repo.clearPoolMembers(trx, negativePools, new Map([...byPool].map(([id, i]) => [id, { lab: i.lab, resulted_on: i.resultedOn }])));
    const retests: repo.NewRetest[] = [];
    for (const m of members) {
      const p = byPool.get(m.pool_id!);
      if (!p || p.result === 'negative') continue;
      retests.push({ province_code: actor.provinceCode, person_id: m.person_id, round_id: m.round_id, pool_id: m.pool_id, sample_id: m.id, reason: p.result === 'positive' ? 'pool_positive' : 'pool_invalid' });
    }
    const needsConfirmation: number[] = [];
    for (const i of sampleItems) {
      const s = samples.get(i.id);
      if (!s || !writtenSamples.has(i.id)) continue;
      if (i.result === 'invalid') retests.push({ province_code: actor.provinceCode, person_id: s.person_id, round_id: s.round_id, pool_id: null, sample_id: s.id, reason: 'invalid_result' });
      if (i.result === 'positive' && s.method === 'rapid_antigen') {
        retests.push({ province_code: actor.provinceCode, person_id: s.person_id, round_id: s.round_id, pool_id: null, sample_id: s.id, reason: 'rapid_positive' });
        needsConfirmation.push(s.id);
      }
    }
    const created = await repo.insertRetests(trx, retests);
    await repo.resolveRetests(trx, sampleIds);

    // Positive individual RT-PCR in quarantine: the order ends as the case's, room-mates are flagged.
    const flagged: number[] = [];
    for (const o of orders) {
      const s = confirmed.find((x) => x.person_id === o.person_id)!;
      if (!writtenSamples.has(s.id)) continue;
      await samplesRepo.endOrderAsCase(trx, o.id, s.taken_on);
      const reason = `Người cùng phòng (${o.full_name}) dương tính, mẫu ngày ${vnDateText(s.taken_on)}`;
      const mates = o.room_id ? await samplesRepo.flagRoommates(trx, o.room_id, o.id, s.taken_on, reason) : [];
      await trx.insertInto('quarantine_order_event').values([
        { order_id: o.id, kind: 'became_case', event_date: s.taken_on, from_room_id: o.room_id, to_room_id: null, reason: null, detail: JSON.stringify({ sampleId: s.id }), actor_id: actor.userId || null },
        ...mates.map((m) => ({ order_id: m.id, kind: 'roommate_positive' as const, event_date: s.taken_on, from_room_id: o.room_id, to_room_id: null, reason, detail: JSON.stringify({ sampleId: s.id, personId: o.person_id }), actor_id: actor.userId || null })),
      ]).execute();
      flagged.push(...mates.map((m) => m.id));
    }
    await recordAudit(trx, actor, {
      action: items.length > 1 ? 'import' : 'update', recordKind: items.length > 1 ? 'lab_results' : 'sample', recordId: items.length === 1 ? items[0]!.id : null,
      detail: { ...audit, samples: sampleIds.length, pools: poolIds.length, cleared, retests: created },
    });
    return { sampleIds: writtenSamples, samples: sampleIds.length, pools: poolIds.length, cleared, retests: created, flagged, needsConfirmation };
  });

  for (const o of orders) {
    const s = confirmed.find((x) => x.person_id === o.person_id)!;
    if (written.sampleIds.has(s.id)) orderWritten(db, actor.provinceCode, { id: o.id, personId: o.person_id, startDate: o.start_date, endDate: s.taken_on });
  }
  const caseIds: number[] = [];
  for (const s of needsCase) {
    if (!written.sampleIds.has(s.id)) continue;
    const inQuarantine = orders.some((o) => o.person_id === s.person_id);
    const item = sampleItems.find((i) => i.id === s.id)!;
    const c = await createCase(db, actor, {
      personId: s.person_id, sampleDate: s.taken_on, confirmationDate: item.resultedOn,
      detection: inQuarantine ? 'quarantine' : 'community', classification: inQuarantine ? 'in_quarantine' : 'community', status: 'isolated',
      note: `Xác định từ mẫu ${s.barcode ?? s.id} / confirmed by sample ${s.barcode ?? s.id}`,
    }, today);
    caseIds.push(c.id);
  }
  return { samples: written.samples, pools: written.pools, cleared: written.cleared, retests: written.retests, caseIds, flaggedOrderIds: written.flagged, needsConfirmation: written.needsConfirmation };
}
