
export interface DistrictFigures {
  code: string;
  name: string;
  population: number;
  cases: number;
  casesLast7Days: number;
  activeCases: number;
  casesPer100k: number;
}

export interface Overview {
  province: { code: string; name: string };
  scope: { kind: string; code: string; name: string };
  asOf: string;
  totals: {
    population: number;
    households: number;
    enterprises: number;
    workers: number;
    cases: number;
    casesLast7Days: number;
    activeCases: number;
  };
  districts: DistrictFigures[];
  curve: Array<{ date: string; cases: number }>;
}

export { BOUNDARIES_PATH, type Boundaries, type BoundaryFeature, type BoundaryProperties } from '../../shared/api/boundaries.ts';

export const OVERVIEW_PATH = '/api/overview';
