import type { Geometry, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { boundsOfShapes, cornerCount, geometryBody, latLngsOfPolygon, shapeOfLayer, shapeOfRing } from './zone-shapes.ts';

const triangle: Polygon = {
  type: 'Polygon',
  coordinates: [[[106.1, 21.2], [106.2, 21.2], [106.15, 21.3], [106.1, 21.2]]],
};

/** Stand-ins for the Leaflet layers geoman hands over: only the methods the code reads. */
const circleLayer = (lat: number, lng: number, radius: number) => ({
  getLatLng: () => ({ lat, lng }),
  getRadius: () => radius,
  toGeoJSON: () => ({ geometry: { type: 'Point', coordinates: [lng, lat] } as Geometry }),
});
const pathLayer = (geometry: Geometry) => ({ toGeoJSON: () => ({ geometry }) });

describe('shapes from geoman layers', () => {
  it('reads a circle as its centre [lon, lat] and radius in whole metres', () => {
    expect(shapeOfLayer(circleLayer(21.2734561234, 106.1923456789, 512.6))).toEqual({ kind: 'circle', center: [106.192346, 21.273456], radiusM: 513 });
  });

  it('reads a polygon or rectangle as its GeoJSON polygon', () => {
    expect(shapeOfLayer(pathLayer(triangle))).toEqual({ kind: 'polygon', geometry: triangle });
    expect(shapeOfLayer(pathLayer({ type: 'MultiPolygon', coordinates: [triangle.coordinates] }))).toEqual({ kind: 'polygon', geometry: triangle });
  });

  it('refuses lines, markers and polygons in several parts', () => {
    expect(shapeOfLayer(pathLayer({ type: 'LineString', coordinates: [[106.1, 21.2], [106.2, 21.2]] }))).toBeNull();
    expect(shapeOfLayer(pathLayer({ type: 'Point', coordinates: [106.1, 21.2] }))).toBeNull();
    expect(shapeOfLayer(pathLayer({ type: 'MultiPolygon', coordinates: [triangle.coordinates, triangle.coordinates] }))).toBeNull();
    expect(shapeOfLayer({})).toBeNull();
  });
});

describe('shapes to and from the API', () => {
  it('keeps a saved circle as a circle, not its 64-point outline', () => {
    const circle = { center: [106.19, 21.27] as [number, number], radiusM: 300 };
    expect(shapeOfRing({ geometry: triangle, circle })).toEqual({ kind: 'circle', center: [106.19, 21.27], radiusM: 300 });
    expect(shapeOfRing({ geometry: triangle, circle: null })).toEqual({ kind: 'polygon', geometry: triangle });
  });

  it('sends exactly one of geometry and circle', () => {
    expect(geometryBody({ kind: 'polygon', geometry: triangle })).toEqual({ geometry: triangle });
    expect(geometryBody({ kind: 'circle', center: [106.19, 21.27], radiusM: 300 })).toEqual({ circle: { center: [106.19, 21.27], radiusM: 300 } });
  });

  it('gives Leaflet [lat, lng] rings without the repeated closing point', () => {
    expect(latLngsOfPolygon(triangle)).toEqual([[[21.2, 106.1], [21.2, 106.2], [21.3, 106.15]]]);
    expect(latLngsOfPolygon({ type: 'Polygon', coordinates: [[[106.1, 21.2], [106.2, 21.2], [106.15, 21.3]]] })).toHaveLength(1);
    expect(cornerCount(triangle)).toBe(3);
    expect(cornerCount({ type: 'Polygon', coordinates: [] })).toBe(0);
  });
});

describe('the extent of drawn shapes', () => {
  it('takes in a circle by its radius, and polygons by their corners', () => {
    const [[south, west], [north, east]] = boundsOfShapes([{ kind: 'circle', center: [106.2, 21.3], radiusM: 1113.2 }]) ?? [[0, 0], [0, 0]];
    expect(north - south).toBeCloseTo(0.02, 6);
    // A degree of longitude is shorter away from the equator: cos(21.3°) ≈ 0.9317.
    expect(east - west).toBeCloseTo(0.02 / Math.cos((21.3 * Math.PI) / 180), 6);
    expect((south + north) / 2).toBeCloseTo(21.3, 9);
    expect(boundsOfShapes([{ kind: 'polygon', geometry: triangle }])).toEqual([[21.2, 106.1], [21.3, 106.2]]);
    expect(boundsOfShapes([])).toBeNull();
  });
});
