import type { Feature, FeatureCollection, Geometry } from 'geojson';

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

export interface BoundaryProperties {
  code: string;
  level: 'province' | 'district';
  name: string;
}

export type BoundaryFeature = Feature<Geometry, BoundaryProperties>;
export type Boundaries = FeatureCollection<Geometry, BoundaryProperties>;

export const OVERVIEW_PATH = '/api/overview';
export const BOUNDARIES_PATH = '/api/places/boundaries';
