import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** GET /api/places/boundaries: the province outline and its districts (the reference data has no commune outlines). */
export const BOUNDARIES_PATH = '/api/places/boundaries';

export interface BoundaryProperties {
  code: string;
  level: 'province' | 'district';
  name: string;
}

export type BoundaryFeature = Feature<Geometry, BoundaryProperties>;
export type Boundaries = FeatureCollection<Geometry, BoundaryProperties>;
