/** Case points grouped by screen distance with Supercluster: pure over the layer's features. */
import Supercluster from 'supercluster';
import type { CaseLayer, CasePointProperties } from './map-api.ts';

export interface ClusterPoint {
  key: string;
  lat: number;
  lon: number;
  /** Cases in the point (a commune's point already holds several). */
  count: number;
  /** A single case or commune point (not a cluster of them). */
  single: CasePointProperties | null;
  /** For a cluster: the zoom at which it splits. */
  expansionZoom: number | null;
}

const RADIUS_PX = 48;
const MAX_ZOOM = 17;

export function clusterIndex(layer: CaseLayer) {
  const index = new Supercluster<CasePointProperties, { count: number }>({
    radius: RADIUS_PX,
    maxZoom: MAX_ZOOM,
    map: (p) => ({ count: p.count }),
    reduce: (acc, p) => {
      acc.count += p.count;
    },
  });
  index.load(layer.features);
  return index;
}

/** The points to draw in a [west, south, east, north] box at a zoom. */
export function clustersIn(index: ReturnType<typeof clusterIndex>, bbox: [number, number, number, number], zoom: number): ClusterPoint[] {
  return index.getClusters(bbox, Math.round(zoom)).map((f) => {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const p = f.properties as CasePointProperties & { cluster?: boolean; cluster_id?: number; count: number };
    if (p.cluster) {
      return { key: `c${p.cluster_id}`, lat, lon, count: p.count, single: null, expansionZoom: index.getClusterExpansionZoom(p.cluster_id!) };
    }
    return { key: `p${p.caseId ?? p.communeCode}`, lat, lon, count: p.count, single: p, expansionZoom: null };
  });
}
