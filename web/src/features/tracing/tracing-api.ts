import { type QueryValue, withQuery } from '../../shared/api/client.ts';
import type { PersonDetailsView } from '../../shared/ui/person-details.tsx';

/** How a person was exposed to their source (contract: tracing edge kinds, in tie-break order). */
export const EDGE_KINDS = ['household', 'room', 'workshop_shift', 'bus_route', 'venue', 'manual'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export const LEVELS = [1, 2, 3] as const;
export type ContactLevel = (typeof LEVELS)[number];

export const REVIEW_STATUSES = ['pending', 'confirmed', 'dismissed', 'added'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type ReviewDecision = 'confirmed' | 'dismissed';

export interface ContactSource {
  personId: number;
  fullName: string;
  caseCode: string | null;
  kind: EdgeKind;
  groupId: number | null;
  groupLabel: string | null;
  date: string;
}

/** GET /api/cases/:id/contacts: one person whose primary-source lineage goes back to the case. */
export interface TracedContact {
  personId: number;
  fullName: string;
  masked: boolean;
  communeCode: string;
  communeName: string;
  districtName: string;
  level: number;
  windowStart: string;
  windowEnd: string;
  isCase: boolean;
  quarantineStart: string | null;
  source: ContactSource;
  reviewStatus: ReviewStatus | null;
  runId: number | null;
}

export interface ContactCounts {
  f1: number;
  f2: number;
  f3: number;
}

export interface ContactsPage {
  items: TracedContact[];
  total: number;
  page: number;
  pageSize: number;
  counts: ContactCounts;
  asOf: string;
}

/** POST /api/cases/:id/trace */
export interface TraceResult {
  runId: number;
  /** Per level from F0 (contract), or F1..F3 by name (as the server answers today): read with `contactCountsOf`. */
  counts: LevelCounts;
  newPeople: number;
}

export type LevelCounts = readonly number[] | ContactCounts;

export interface ChainNode {
  id: number;
  level: number;
  label: string;
  caseCode: string | null;
  communeName: string;
  reviewStatus: ReviewStatus | null;
}

export interface ChainEdge {
  source: number;
  target: number;
  kind: EdgeKind;
  date: string;
  primary: boolean;
}

/** GET /api/cases/:id/chain (and /api/clusters/:id/chain): F0 at level 0. */
export interface Chain {
  asOf: string;
  truncated: boolean;
  counts: number[];
  nodes: ChainNode[];
  edges: ChainEdge[];
}

export interface TraceRun {
  id: number;
  asOf: string;
  trigger: 'case_confirmed' | 'manual';
  caseId: number | null;
  caseCode: string | null;
  counts: LevelCounts;
  pending: number;
  createdAt: string;
  createdBy: string | null;
}

export interface RunPerson {
  personId: number;
  fullName: string;
  masked: boolean;
  communeName: string;
  level: number;
  source: { personId: number; fullName: string; kind: EdgeKind; date: string } | null;
  reviewStatus: ReviewStatus;
  reviewNote: string | null;
}

/** The person picker of "add contact" (GET /api/people?q=). */
export interface PersonOption {
  id: number;
  fullName: string;
  dateOfBirth: string | null;
  communeName: string;
  districtName: string;
}

export interface ContactFilters {
  level?: ContactLevel;
  kind?: EdgeKind;
  communeCode?: string;
  review?: ReviewStatus;
  q?: string;
}

export interface AddContactInput {
  personId: number;
  sourcePersonId: number;
  date: string;
  place?: string;
  note?: string;
}

export const DEFAULT_DEPTH = 3;
export const DEPTHS = [1, 2, 3] as const;
export const DEFAULT_MAX_NODES = 500;

const contactParams = (f: ContactFilters): Record<string, QueryValue> => ({
  level: f.level,
  kind: f.kind,
  communeCode: f.communeCode,
  review: f.review,
  q: f.q?.trim(),
});

export const tracingPaths = {
  contacts: (caseId: number, f: ContactFilters, page: number, pageSize: number) =>
    withQuery(`/api/cases/${caseId}/contacts`, { ...contactParams(f), page, pageSize }),
  contactsExport: (caseId: number, f: ContactFilters) => withQuery(`/api/cases/${caseId}/contacts/export`, contactParams(f)),
  trace: (caseId: number) => `/api/cases/${caseId}/trace`,
  caseChain: (caseId: number) => `/api/cases/${caseId}/chain`,
  runs: (q: { caseId?: number; page: number; pageSize: number }) => withQuery('/api/tracing/runs', q),
  runPeople: (runId: number, q: { review?: ReviewStatus; level?: ContactLevel; page: number; pageSize: number }) =>
    withQuery(`/api/tracing/runs/${runId}/people`, q),
  review: (runId: number) => `/api/tracing/runs/${runId}/review`,
  add: (runId: number) => `/api/tracing/runs/${runId}/add`,
  people: (q: string) => withQuery('/api/people', { q: q.trim(), pageSize: 20 }),
  caseBrief: (caseId: number) => `/api/cases/${caseId}`,
  person: (id: number) => `/api/people/${id}`,
};

/** `base` (a chain endpoint) with the depth and node cap. */
export function chainPath(base: string, depth: number, maxNodes: number = DEFAULT_MAX_NODES): string {
  return withQuery(base, { depth, maxNodes });
}

function oneOf<T extends string | number>(values: readonly T[], raw: string | null): T | undefined {
  if (raw === null) return undefined;
  return values.find((v) => String(v) === raw);
}

/** Contact filters from URL-like params (unknown values are dropped, not sent to the server). */
export function contactFiltersFromParams(params: URLSearchParams): ContactFilters {
  return {
    level: oneOf(LEVELS, params.get('level')),
    kind: oneOf(EDGE_KINDS, params.get('kind')),
    communeCode: params.get('commune') || undefined,
    review: oneOf(REVIEW_STATUSES, params.get('review')),
    q: params.get('q')?.trim() || undefined,
  };
}

export function contactFiltersToParams(f: ContactFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.level) out.level = String(f.level);
  if (f.kind) out.kind = f.kind;
  if (f.communeCode) out.commune = f.communeCode;
  if (f.review) out.review = f.review;
  if (f.q?.trim()) out.q = f.q.trim();
  return out;
}

export function hasContactFilters(f: ContactFilters): boolean {
  return Object.keys(contactFiltersToParams(f)).length > 0;
}

/** Person ids of the chosen rows, per trace run (a review is posted to one run at a time). */
export function personIdsByRun(rows: ReadonlyArray<{ personId: number; runId: number | null }>): Map<number, number[]> {
  const byRun = new Map<number, number[]>();
  for (const r of rows) {
    if (r.runId === null) continue;
    const ids = byRun.get(r.runId) ?? [];
    if (!ids.includes(r.personId)) ids.push(r.personId);
    byRun.set(r.runId, ids);
  }
  return byRun;
}

/** Only pending rows can be confirmed or dismissed. */
export function isReviewable(row: { reviewStatus: ReviewStatus | null; runId: number | null }): boolean {
  return row.reviewStatus === 'pending' && row.runId !== null;
}

/** F1..F3 of a trace: from counts per level (index 0 is the F0s, as the engine reports them) or by name. */
export function contactCountsOf(counts: LevelCounts): ContactCounts {
  if (!Array.isArray(counts)) {
    const c = counts as Partial<ContactCounts>;
    return { f1: c.f1 ?? 0, f2: c.f2 ?? 0, f3: c.f3 ?? 0 };
  }
  return { f1: counts[1] ?? 0, f2: counts[2] ?? 0, f3: counts[3] ?? 0 };
}

/** The few fields of GET /api/cases/:id the tracing tabs need (the F0 as a contact's source). */
export interface CaseBrief {
  id: number;
  personId: number;
  fullName: string;
  caseCode: string;
}

/** The contact tab's "known sources": the F0 first, then the people on screen, each once. */
export function knownSourcesOf(f0: CaseBrief | undefined, contacts: readonly TracedContact[]): Array<{ id: number; label: string }> {
  const out: Array<{ id: number; label: string }> = [];
  const seen = new Set<number>();
  const add = (id: number, label: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ id, label });
  };
  if (f0) add(f0.personId, `${f0.caseCode} · ${f0.fullName}`);
  for (const c of contacts) add(c.personId, `F${c.level} · ${c.fullName}`);
  return out;
}

/** GET /api/people/:id as the chain's side panel shows it (masked by the server per role). */
export interface PersonCard extends PersonDetailsView {
  id: number;
}

/** Who exposed a person in the chain, and whom they exposed: the side panel's summary. */
export function chainNeighbours(chain: Pick<Chain, 'nodes' | 'edges'>, personId: number) {
  const byId = new Map(chain.nodes.map((n) => [n.id, n]));
  const sources = chain.edges
    .filter((e) => e.target === personId && byId.has(e.source))
    .map((e) => ({ edge: e, node: byId.get(e.source) as ChainNode }))
    // The primary source first, then by date.
    .sort((a, b) => Number(b.edge.primary) - Number(a.edge.primary) || a.edge.date.localeCompare(b.edge.date));
  const exposed = new Set(chain.edges.filter((e) => e.source === personId && e.primary).map((e) => e.target)).size;
  return { node: byId.get(personId), sources, exposed };
}
