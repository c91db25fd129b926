/**
 * What people see of a live trace: a case's F1/F2/F3 list (filtered, paged, exported) and the
 * transmission chain graph of a case or of a group of cases (clusters).
 */
import ExcelJS from 'exceljs';
import { neutraliseFormula, vnDateText, workbookBuffer } from '../../lib/xlsx.ts';
import type { Db } from '../../db/database.ts';
import type { ReviewStatus } from '../../db/schema.ts';
import { Errors, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, assertAreaInScope, assertPermission } from '../auth/policy.ts';
import { EDGE_KINDS, type EdgeKind, KIND_CODE, MAX_DEPTH, dayNumber, isoDay, maskName } from './tracing.domain.ts';
import { exposureEdges } from './tracing.edges.ts';
import type { TraceResult } from './tracing.engine.ts';
import { defaultAsOf, indexFor, liveTrace } from './tracing.live.ts';
import * as runs from './tracing.runs.repository.ts';

export interface ContactFilters {
  level?: number | undefined;
  kind?: EdgeKind | undefined;
  communeCode?: string | undefined;
  review?: ReviewStatus | undefined;
  q?: string | undefined;
  asOf?: string | undefined;
}

/** A user-given as-of date as a day number: 2021-02-30 is a clear 400, not a crash. */
export function checkAsOf(asOf: string): number {
  try {
    return dayNumber(asOf);
  } catch {
    throw new ValidationError([{ field: 'asOf', code: 'DATE', message: { vi: 'Ngày tính không hợp lệ (YYYY-MM-DD)', en: 'The as-of date is not a valid date (YYYY-MM-DD)' } }]);
  }
}

/** The as-of date asked for (checked), else the live default. */
async function asOfFor(db: Db, provinceCode: string, asked: string | undefined): Promise<string> {
  if (asked === undefined) return defaultAsOf(db, provinceCode);
  checkAsOf(asked);
  return asked;
}

/** A trace run of the actor's province whose case (if any) is in the actor's area. */
export async function runInScope(db: Db, actor: Actor, runId: number) {
  const run = await runs.findRun(db, runId);
  if (!run || run.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `lượt truy vết ${runId}`, en: `trace run ${runId}` });
  if (run.trigger_case_id !== null) assertAreaInScope(actor, { province_code: run.province_code, district_code: run.district_code, commune_code: run.commune_code });
  return run;
}

export async function caseInScope(db: Db, actor: Actor, caseId: number) {
  const c = await runs.findCase(db, caseId);
  if (!c || c.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `ca bệnh ${caseId}`, en: `case ${caseId}` });
  assertAreaInScope(actor, c);
  return c;
}

/** Result positions of a case's descendants matching the filters, F1 first then by person id. */
async function matchingContacts(db: Db, r: TraceResult, root: number, f: ContactFilters) {
  const all: number[] = [];
  const counts = { f1: 0, f2: 0, f3: 0 } as Record<string, number>;
  for (let i = 0; i < r.people.count; i++) {
    const lv = r.people.level[i]!;
    if (lv === 0 || r.people.root[i] !== root) continue;
    counts[`f${lv}`] = (counts[`f${lv}`] ?? 0) + 1;
    if (f.level && lv !== f.level) continue;
    if (f.kind && EDGE_KINDS[r.people.kind[i]!] !== f.kind) continue;
    all.push(i);
  }
  let kept = all;
  if (f.communeCode || f.q) {
    const ok = await runs.filterPeople(db, all.map((i) => r.people.person[i]!), f);
    kept = kept.filter((i) => ok.has(r.people.person[i]!));
  }
  let reviews = new Map<number, { run_id: number; level: number; review_status: ReviewStatus }>();
  if (f.review) {
    reviews = await runs.latestReviews(db, kept.map((i) => r.people.person[i]!));
    kept = kept.filter((i) => reviews.get(r.people.person[i]!)?.review_status === f.review);
  }
  return { positions: kept, counts };
}

async function presentContacts(db: Db, actor: Actor, r: TraceResult, positions: number[]) {
  const index = await indexFor(db, actor.provinceCode);
  const ids = positions.map((i) => r.people.person[i]!);
  const sources = positions.map((i) => r.people.source[i]!);
  const [people, reviews, cases] = await Promise.all([
    runs.peopleBrief(db, [...new Set([...ids, ...sources])]),
    runs.latestReviews(db, ids),
    runs.casesOfPeople(db, [...new Set([...ids, ...sources])]),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const caseOf = new Map<number, string>();
  for (const c of cases) if (!caseOf.has(c.person_id)) caseOf.set(c.person_id, c.case_code);
  const groupIds = positions.map((i) => r.people.group[i]!).filter((g) => g !== -1);
  const venueKinds = positions.filter((i) => r.people.kind[i] === KIND_CODE.venue).map((i) => r.people.group[i]!);
  const [labels, venues] = await Promise.all([runs.groupLabels(db, groupIds), runs.orgNames(db, venueKinds)]);
  const nameFor = (id: number) => {
    const p = byId.get(id);
    if (!p) return { fullName: '', masked: true };
    const visible = areaInScope(actor, p);
    return { fullName: visible ? p.full_name : maskName(p.full_name), masked: !visible };
  };
  return positions.map((i) => {
    const person = r.people.person[i]!;
    const source = r.people.source[i]!;
    const p = byId.get(person);
    const kind = EDGE_KINDS[r.people.kind[i]!]!;
    const g = r.people.group[i]!;
    const q = index.quarantineStarts(person)?.filter((d) => d >= r.people.windowStart[i]!).sort((a, b) => a - b)[0];
    const review = reviews.get(person);
    return {
      personId: person, ...nameFor(person), communeCode: p?.commune_code ?? '', communeName: p?.commune_name ?? '',
      districtName: p?.district_name ?? '', level: r.people.level[i]!, windowStart: isoDay(r.people.windowStart[i]!),
      windowEnd: isoDay(r.people.windowEnd[i]!), isCase: caseOf.has(person), quarantineStart: q === undefined ? null : isoDay(q),
      source: {
        personId: source, ...nameFor(source), caseCode: caseOf.get(source) ?? null, kind,
        groupId: g === -1 ? null : g, groupLabel: g === -1 ? null : (kind === 'venue' ? venues.get(g) : labels.get(g)) ?? null,
        date: isoDay(r.people.date[i]!),
      },
      reviewStatus: review?.review_status ?? null, runId: review?.run_id ?? null,
    };
  });
}

export async function caseContacts(db: Db, actor: Actor, caseId: number, f: ContactFilters & { page: number; pageSize: number }) {
  assertPermission(actor, 'tracing:read');
  const c = await caseInScope(db, actor, caseId);
  const asOf = await asOfFor(db, actor.provinceCode, f.asOf);
  const { result } = await liveTrace(db, actor.provinceCode, asOf);
  const { positions, counts } = await matchingContacts(db, result, c.person_id, f);
  const page = positions.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  const items = await presentContacts(db, actor, result, page);
  await recordAudit(db, actor, { action: 'list', recordKind: 'case_contacts', recordId: caseId, detail: { ...f, asOf } });
  return { items, total: positions.length, page: f.page, pageSize: f.pageSize, counts, asOf };
}

export const MAX_CONTACT_EXPORT = 100_000;

export async function exportCaseContacts(db: Db, actor: Actor, caseId: number, f: ContactFilters): Promise<Buffer> {
  assertPermission(actor, 'tracing:read');
  assertPermission(actor, 'case:export');
  const c = await caseInScope(db, actor, caseId);
  const asOf = await asOfFor(db, actor.provinceCode, f.asOf);
  const { result } = await liveTrace(db, actor.provinceCode, asOf);
  const { positions } = await matchingContacts(db, result, c.person_id, f);
  const rows = await presentContacts(db, actor, result, positions.slice(0, MAX_CONTACT_EXPORT));
  await recordAudit(db, actor, { action: 'export', recordKind: 'case_contacts', recordId: caseId, detail: { ...f, asOf, rows: rows.length } });
  const kindVi: Record<EdgeKind, string> = {
    household: 'Hộ gia đình', room: 'Phòng trọ', workshop_shift: 'Phân xưởng – ca', bus_route: 'Tuyến xe đưa đón', venue: 'Địa điểm (QR)', manual: 'Khai báo thủ công',
  };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${c.case_code} F1-F3`);
  ws.columns = [
    { header: 'Mức / Level', key: 'level', width: 8 },
    { header: 'Mã người / Person id', key: 'personId', width: 12 },
    { header: 'Họ và tên / Name', key: 'fullName', width: 26 },
    { header: 'Xã/phường / Commune', key: 'communeName', width: 22 },
    { header: 'Huyện / District', key: 'districtName', width: 20 },
    { header: 'Nguồn lây / Source', key: 'source', width: 26 },
    { header: 'Loại tiếp xúc / Contact kind', key: 'kind', width: 20 },
    { header: 'Nơi tiếp xúc / Where', key: 'where', width: 26 },
    { header: 'Ngày tiếp xúc / Exposure date', key: 'date', width: 14 },
    { header: 'Cách ly từ / Quarantined from', key: 'quarantine', width: 14 },
    { header: 'Rà soát / Review', key: 'review', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow({
      level: `F${r.level}`, personId: r.personId, fullName: neutraliseFormula(r.fullName), communeName: r.communeName, districtName: r.districtName,
      source: neutraliseFormula(r.source.caseCode ? `${r.source.caseCode} ${r.source.fullName}` : r.source.fullName), kind: kindVi[r.source.kind],
      where: neutraliseFormula(r.source.groupLabel), date: vnDateText(r.source.date), quarantine: vnDateText(r.quarantineStart), review: r.reviewStatus,
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return await workbookBuffer(wb);
}

export interface Chain {
  asOf: string;
  truncated: boolean;
  counts: number[];
  nodes: Array<{ id: number; level: number; label: string; caseCode: string | null; communeName: string; reviewStatus: ReviewStatus | null }>;
  edges: Array<{ source: number; target: number; kind: EdgeKind; date: string; primary: boolean }>;
}

/** The chain below some F0s of the live trace: their descendants by primary lineage, level by level. */
export async function chainForPeople(db: Db, actor: Actor, opts: { personIds: number[]; depth?: number | undefined; maxNodes?: number | undefined; asOf?: string | undefined }): Promise<Chain> {
  assertPermission(actor, 'tracing:read');
  const depth = Math.min(Math.max(opts.depth ?? 2, 1), MAX_DEPTH);
  const maxNodes = Math.min(Math.max(opts.maxNodes ?? 300, 10), 2000);
  const asOf = await asOfFor(db, actor.provinceCode, opts.asOf);
  const { result: r, index } = await liveTrace(db, actor.provinceCode, asOf);
  const roots = new Set(opts.personIds);
  const positions: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < r.people.count; i++) {
    const lv = r.people.level[i]!;
    if (!roots.has(r.people.root[i]!) || lv > depth) continue;
    counts[lv] = (counts[lv] ?? 0) + 1;
    positions.push(i);
  }
  // The result is ordered by level, so the first maxNodes keep the upper levels whole.
  const kept = positions.slice(0, maxNodes);
  const keptIds = new Set(kept.map((i) => r.people.person[i]!));
  const primary = new Set(kept.map((i) => `${r.people.source[i]}|${r.people.person[i]}|${r.people.kind[i]}|${r.people.group[i]}`));
  const edges: Chain['edges'] = exposureEdges(index, r, keptIds).filter((e) => keptIds.has(e.source)).map((e) => ({
    source: e.source, target: e.target, kind: e.kind, date: isoDay(e.date),
    primary: primary.has(`${e.source}|${e.target}|${KIND_CODE[e.kind]}|${e.group ?? -1}`),
  }));
  const ids = [...keptIds];
  const [people, cases, reviews] = await Promise.all([runs.peopleBrief(db, ids), runs.casesOfPeople(db, ids), runs.latestReviews(db, ids)]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const caseOf = new Map<number, string>();
  for (const c of cases) if (!caseOf.has(c.person_id)) caseOf.set(c.person_id, c.case_code);
  const nodes = kept.map((i) => {
    const id = r.people.person[i]!;
    const p = byId.get(id);
    const visible = p ? areaInScope(actor, p) : false;
    return {
      id, level: r.people.level[i]!, label: p ? (visible ? p.full_name : maskName(p.full_name)) : String(id), caseCode: caseOf.get(id) ?? null,
      communeName: p?.commune_name ?? '', reviewStatus: reviews.get(id)?.review_status ?? null,
    };
  });
  await recordAudit(db, actor, { action: 'read', recordKind: 'chain', detail: { personIds: opts.personIds, depth, asOf, nodes: nodes.length } });
  return { asOf, truncated: positions.length > kept.length, counts: Array.from({ length: depth + 1 }, (_, k) => counts[k] ?? 0), nodes, edges };
}

export async function caseChain(db: Db, actor: Actor, caseId: number, opts: { depth?: number | undefined; maxNodes?: number | undefined; asOf?: string | undefined }) {
  assertPermission(actor, 'tracing:read');
  const c = await caseInScope(db, actor, caseId);
  return chainForPeople(db, actor, { ...opts, personIds: [c.person_id] });
}
