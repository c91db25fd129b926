/** API shapes, paths, URL state and display helpers of the epidemic levels (cấp độ dịch) page. */
import { withQuery } from '../../shared/api/client.ts';
import { dateParam } from '../../shared/hooks/url-query.ts';
import type { Level } from '../../shared/ui/level-tag.tsx';

export { LEVEL_COLOURS, type Level } from '../../shared/ui/level-tag.tsx';

export const LEVELS: readonly Level[] = [1, 2, 3, 4];
export type UnitLevel = 'commune' | 'district' | 'province';
export type LevelStatus = 'in_force' | 'proposed' | 'confirmed' | 'overridden';

export interface Reason {
  code: string;
  vi: string;
  en: string;
}

/** A level's range of rates per 100,000 per week. */
export interface BandRange {
  level: Level;
  min: number | null;
  minInclusive: boolean;
  max: number | null;
  maxInclusive: boolean;
  configurable: boolean;
}

export interface BedUse {
  total: number;
  used: number;
}

export interface AssessmentInputs {
  window: { from: string; to: string };
  cases7: number;
  population: number;
  ratePer100k: number | null;
  band: BandRange | null;
  coverage: Record<string, number | null> | null;
  coverageKnown: boolean;
  coverageMet: boolean | null;
  capacityMet: boolean | null;
  deaths?: { count: number; windowDays: number; ratePer100k: number | null; above: number; raised: boolean };
  capacity?: { met: boolean | null; minFreePercent: number; beds: { normal: BedUse; oxygen: BedUse; icu: BedUse }; short: string[] };
  rollUp?: { parts: number; byLevel: Record<Level, number>; clause: string };
  previousLevel: Level | null;
  ruleBeforeEffective: boolean;
  reasons: Reason[];
}

/** One item of GET /api/levels, and GET /api/levels/:id without its rule. */
export interface Assessment {
  id: number;
  unitLevel: UnitLevel;
  unitCode: string;
  unitName: string;
  provinceCode: string;
  districtCode: string | null;
  districtName: string | null;
  communeCode: string | null;
  assessedOn: string;
  ruleCode: string;
  /** Criteria 1 and 2 (or the roll-up). */
  computedLevel: Level;
  /** The level that applies once in force (after criterion 3 or a decision). */
  level: Level;
  previousLevel: Level | null;
  status: LevelStatus;
  /** In force at the list's instant (the end of a past day, now for today). */
  levelInForce: Level;
  /** A raise still waiting for its notice to run out. */
  proposal: { level: Level; effectiveFrom: string } | null;
  effectiveFrom: string;
  decision: { by: string | null; at: string; reason: string | null } | null;
  inputs: AssessmentInputs;
}

export interface CaseBand {
  level: 2 | 3 | 4;
  from: number;
  inclusive: boolean;
  configurable: boolean;
}

export interface LevelRule {
  code: string;
  document: string;
  name: { vi: string; en: string };
  effectiveFrom: string;
  caseBands: CaseBand[];
  coverageTargets: Array<{ measure: string; minPercent: number }>;
  coverageRaiseNeedsCases: boolean;
  minFreeBedsPercent: number;
  rollUp: { sameLevelPercent: number; levelBelowPercent: number; levelAboveCount: number };
  /** QĐ 218's deaths criterion; null: none. */
  deathsRaise: { above: number; windowDays: number; configurable: boolean } | null;
  source: 'built_in' | 'configured';
}

export interface LevelList {
  date: string;
  at: string;
  unitLevel: UnitLevel;
  items: Assessment[];
  rules: LevelRule[];
}

export interface AssessSummary {
  date: string;
  ruleCode: string;
  communes: number;
  byLevel: Record<Level, number>;
  proposals: number;
  kept: number;
}

export const levelsPaths = {
  list: (q: { date?: string | undefined; unitLevel: UnitLevel; districtCode?: string | undefined }) =>
    withQuery('/api/levels', { date: q.date, unitLevel: q.unitLevel, districtCode: q.unitLevel === 'province' ? undefined : q.districtCode }),
  one: (id: number) => `/api/levels/${id}`,
  assess: '/api/levels/assess',
  confirm: (id: number) => `/api/levels/${id}/confirm`,
  override: (id: number) => `/api/levels/${id}/override`,
};

// ---- URL state: the date and the district filter ----

export interface LevelsQuery {
  /** 'YYYY-MM-DD'; none: today (each unit's latest assessment on or before it). */
  date?: string;
  districtCode?: string;
}

export function levelsQueryFromParams(params: URLSearchParams): LevelsQuery {
  const district = params.get('district');
  return { date: dateParam(params.get('date')), districtCode: district && /^\d{3}$/.test(district) ? district : undefined };
}

export function levelsQueryToParams(q: LevelsQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.date) out.date = q.date;
  if (q.districtCode) out.district = q.districtCode;
  return out;
}

// ---- Display ----

/** The ranges of levels 1–4 from a rule's lower edges (the server's bandRanges). */
export function bandRanges(bands: readonly CaseBand[]): BandRange[] {
  const of = (level: Level) => bands.find((b) => b.level === level);
  return LEVELS.map((level) => {
    const own = level === 1 ? undefined : of(level);
    const next = LEVELS.slice(level).map(of).find((b) => b !== undefined);
    return {
      level,
      min: level === 1 ? 0 : (own?.from ?? null),
      minInclusive: level === 1 ? true : (own?.inclusive ?? true),
      max: next?.from ?? null,
      maxInclusive: next ? !next.inclusive : false,
      configurable: own?.configurable ?? false,
    };
  });
}

/** "< 20", "20 – < 50", "150 – ≤ 600", "> 600", with the number formatter of the UI language. */
export function bandText(r: BandRange, number: (n: number) => string): string {
  const max = r.max === null ? '' : `${r.maxInclusive ? '≤' : '<'} ${number(r.max)}`;
  if (r.level === 1 || r.min === null) return max || '≥ 0';
  return max ? `${number(r.min)} – ${max}` : `${r.minInclusive ? '≥' : '>'} ${number(r.min)}`;
}


/** Communes per level in force, for the summary cards. */
export function countByLevel(items: ReadonlyArray<Pick<Assessment, 'levelInForce'>>): Record<Level, number> {
  const out: Record<Level, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const i of items) out[i.levelInForce]++;
  return out;
}

/** The table's order: raises waiting first (highest first), then by level in force, highest first; otherwise as the server lists (district, name). */
export function byUrgency<T extends Pick<Assessment, 'proposal' | 'levelInForce'>>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (b.item.proposal?.level ?? 0) - (a.item.proposal?.level ?? 0) || b.item.levelInForce - a.item.levelInForce || a.i - b.i)
    .map((x) => x.item);
}
