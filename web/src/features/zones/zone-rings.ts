/** Pure helpers of how zones and their rings look: order, colours, statuses, the extent to zoom to. */
import type { Polygon } from 'geojson';
import { RING_KINDS, type RingKind, type ZoneRing, type ZoneStatus } from './zones-api.ts';

export { isRingKind, RING_COLOURS, ringPathStyle } from '../../shared/map/rings.tsx';


/** The order rings are drawn in: the widest first, so the core lies on top. */
export const DRAW_ORDER: readonly RingKind[] = [...RING_KINDS].reverse();

export const ZONE_STATUS_COLOURS: Record<ZoneStatus, string> = { planned: 'blue', active: 'red', ended: 'default' };


/** A zone's rings innermost first (core, buffer, surveillance), whatever order they came in. */
export function ringsInOrder<R extends { ring: RingKind }>(rings: readonly R[]): R[] {
  return [...rings].sort((a, b) => RING_KINDS.indexOf(a.ring) - RING_KINDS.indexOf(b.ring));
}


/** [[south, west], [north, east]] around the polygons (GeoJSON's [lon, lat]), or null when there are none. */
export function boundsOfPolygons(polygons: readonly Polygon[]): [[number, number], [number, number]] | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const polygon of polygons) {
    for (const ring of polygon.coordinates) {
      for (const [lon, lat] of ring) {
        if (lon === undefined || lat === undefined) continue;
        south = Math.min(south, lat);
        north = Math.max(north, lat);
        west = Math.min(west, lon);
        east = Math.max(east, lon);
      }
    }
  }
  return Number.isFinite(south) ? [[south, west], [north, east]] : null;
}

/** The extent of a zone: its widest ring holds the others, but all are taken in case they do not nest. */
export function zoneBounds(rings: readonly ZoneRing[]) {
  return boundsOfPolygons(rings.map((r) => r.geometry));
}

/** "Xã A (thôn 3); Xã B": a ring's areas in one line. */
export function areasText(areas: ReadonlyArray<{ communeName: string; village: string | null }>): string {
  return areas.map((a) => (a.village ? `${a.communeName} (${a.village})` : a.communeName)).join('; ');
}
