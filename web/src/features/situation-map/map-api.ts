/** API shapes and paths of the situation map (bản đồ dịch). */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { withQuery } from '../../shared/api/client.ts';

export type CaseClassification = 'community' | 'in_quarantine' | 'imported';

/** One case (count 1, with its code, for those who read cases) or one commune's cases (no code). */
export interface CasePointProperties {
  count: number;
  caseId?: number;
  caseCode?: string;
  classification?: string;
  confirmationDate?: string;
  communeCode?: string;
  communeName?: string;
}

export interface CaseLayer extends FeatureCollection<Point, CasePointProperties> {
  date: string;
  days: number;
  total: number;
  /** Cases whose household has no point: counted, not drawn. */
  unlocated: number;
  /** false: one point per commune (the user does not read cases). */
  individual: boolean;
}

export interface BedCounts { total: number; used: number; free: number }

export interface FacilityPointProperties {
  id: number;
  kind: 'quarantine' | 'treatment';
  name: string;
  districtName: string | null;
  capacity: number | null;
  used: number | null;
  percent: number | null;
  alert: string | null;
  tier: number | null;
  beds: { normal: BedCounts; oxygen: BedCounts; icu: BedCounts } | null;
}

export type FacilityFeature = Feature<Point, FacilityPointProperties>;

export interface FacilityLayer extends FeatureCollection<Point, FacilityPointProperties> {
  unlocated: number;
}

/** What the map reads of GET /api/overview: its day, the first day of the curve and each district's rate. */
export interface AreaFigures {
  asOf: string;
  curve: Array<{ date: string; cases: number }>;
  districts: Array<{ code: string; name: string; casesPer100k: number }>;
}

/** What the map reads of GET /api/levels?unitLevel=district: each district's level in force on the day. */
export interface DistrictLevels {
  items: Array<{ unitCode: string; unitName: string; levelInForce: 1 | 2 | 3 | 4; proposal: { level: 1 | 2 | 3 | 4 } | null }>;
}

/** GET /api/situation/map/visited: venues cases checked in at while infectious. */
export interface VisitedLayer extends FeatureCollection<Point, { id: number; name: string; cases: number; lastVisit: string }> {
  unlocated: number;
}

export const mapPaths = {
  visited: (date: string, days: number) => withQuery('/api/situation/map/visited', { date, days }),
  figures: (date?: string) => withQuery('/api/overview', { date }),
  districtLevels: (date: string) => withQuery('/api/levels', { date, unitLevel: 'district' }),
  cases: (date: string, days: number) => withQuery('/api/situation/map/cases', { date, days }),
  facilities: '/api/situation/map/facilities',
};
