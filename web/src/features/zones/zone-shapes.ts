/**
 * The shape of a ring as the drawing map holds it, to and from what the API takes and gives, and
 * from the layers geoman draws. Layers are read through their methods only, so this file needs no
 * Leaflet (and no browser) to run.
 */
import type { Geometry, Polygon, Position } from 'geojson';
import { boundsOfPolygons } from './zone-rings.ts';
import type { CircleGeometry, ZoneRing } from './zones-api.ts';

export type DrawnShape = { kind: 'polygon'; geometry: Polygon } | ({ kind: 'circle' } & CircleGeometry);

/** What this file reads of a Leaflet circle. */
interface CircleLayerLike {
  getLatLng(): { lat: number; lng: number };
  getRadius(): number;
}

/** What this file reads of a Leaflet polygon or rectangle. */
interface PathLayerLike {
  toGeoJSON(): { geometry: Geometry };
}

/** About 0.1 m: what Leaflet's own toGeoJSON keeps. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

const isCircleLayer = (layer: object): layer is CircleLayerLike =>
  typeof (layer as Partial<CircleLayerLike>).getRadius === 'function' && typeof (layer as Partial<CircleLayerLike>).getLatLng === 'function';

const isPathLayer = (layer: object): layer is PathLayerLike => typeof (layer as Partial<PathLayerLike>).toGeoJSON === 'function';

/**
 * The shape of a layer drawn or edited with geoman: a circle by its centre ([lon, lat]) and radius
 * in whole metres; a polygon or rectangle by its GeoJSON polygon. Anything else (a line, a marker,
 * a polygon in several parts): null.
 */
export function shapeOfLayer(layer: object): DrawnShape | null {
  if (isCircleLayer(layer)) {
    const { lat, lng } = layer.getLatLng();
    return { kind: 'circle', center: [round6(lng), round6(lat)], radiusM: Math.round(layer.getRadius()) };
  }
  if (!isPathLayer(layer)) return null;
  const geometry = layer.toGeoJSON().geometry;
  if (geometry.type === 'Polygon') return { kind: 'polygon', geometry };
  // Leaflet names a polygon built from nested rings a MultiPolygon: one part is still one polygon.
  if (geometry.type === 'MultiPolygon' && geometry.coordinates.length === 1 && geometry.coordinates[0]) {
    return { kind: 'polygon', geometry: { type: 'Polygon', coordinates: geometry.coordinates[0] } };
  }
  return null;
}

/** A saved ring's shape: its circle when it was drawn as one, else its polygon. */
export function shapeOfRing(ring: Pick<ZoneRing, 'geometry' | 'circle'>): DrawnShape {
  return ring.circle ? { kind: 'circle', center: ring.circle.center, radiusM: ring.circle.radiusM } : { kind: 'polygon', geometry: ring.geometry };
}

/** The geometry part of a ring's body: exactly one of `geometry` and `circle`. */
export function geometryBody(shape: DrawnShape): { geometry: Polygon } | { circle: CircleGeometry } {
  return shape.kind === 'circle' ? { circle: { center: shape.center, radiusM: shape.radiusM } } : { geometry: shape.geometry };
}

/** Leaflet's [lat, lng] rings of a GeoJSON polygon, without the closing point GeoJSON repeats. */
export function latLngsOfPolygon(polygon: Polygon): Array<Array<[number, number]>> {
  return polygon.coordinates.map((ring) => {
    const open = ring.length > 1 && samePosition(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring;
    return open.map(([lon = 0, lat = 0]) => [lat, lon]);
  });
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

/** How many corners a polygon's outline has (the closing point counted once). */
export function cornerCount(polygon: Polygon): number {
  return latLngsOfPolygon(polygon)[0]?.length ?? 0;
}

const METRES_PER_DEGREE = 111_320;

/** The square around a circle, as a polygon (enough to zoom to it). */
function squareAround(center: [number, number], radiusM: number): Polygon {
  const [lon, lat] = center;
  const dLat = radiusM / METRES_PER_DEGREE;
  const dLon = radiusM / (METRES_PER_DEGREE * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  return {
    type: 'Polygon',
    coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]],
  };
}

/** [[south, west], [north, east]] around the shapes, circles included; null when there are none. */
export function boundsOfShapes(shapes: readonly DrawnShape[]) {
  return boundsOfPolygons(shapes.map((s) => (s.kind === 'circle' ? squareAround(s.center, s.radiusM) : s.geometry)));
}
