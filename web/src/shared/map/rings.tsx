/** Lockdown rings as every map shows them: the kinds, their colours and drawing style, the map layer's API. */
import type { FeatureCollection, Polygon } from 'geojson';
import { withQuery } from '../api/client.ts';

export const RING_KINDS = ['core', 'buffer', 'surveillance'] as const;
export type RingKind = (typeof RING_KINDS)[number];

/** Core red, buffer orange, surveillance yellow (the legends, the list map, the drawing map and the epidemic map alike). */
export const RING_COLOURS: Record<RingKind, string> = { core: '#d32f2f', buffer: '#f57c00', surveillance: '#fbc02d' };

export function isRingKind(value: string): value is RingKind {
  return (RING_KINDS as readonly string[]).includes(value);
}

/** How a ring is drawn on a map: filled in its colour, the core the most opaque; `focused` outlines it thicker. */
export function ringPathStyle(ring: RingKind, focused = false) {
  return {
    color: RING_COLOURS[ring],
    weight: focused ? 3.5 : 2,
    fillColor: RING_COLOURS[ring],
    fillOpacity: ring === 'core' ? 0.35 : ring === 'buffer' ? 0.2 : 0.12,
  };
}

/** A square of a ring's colour, as in the legends. */
export function RingSwatch({ ring }: { ring: RingKind }) {
  return (
    <span
      aria-hidden
      style={{ display: 'inline-block', width: 12, height: 12, background: RING_COLOURS[ring], opacity: 0.8, border: '1px solid rgba(0,0,0,0.25)', marginInlineEnd: 6, verticalAlign: -1 }}
    />
  );
}

/** One ring of GET /api/zones/map. */
export interface ZoneMapProperties {
  zoneId: number;
  name: string;
  decisionNo: string;
  ring: RingKind;
  status: 'planned' | 'active' | 'ended';
  startedOn: string;
  endedOn: string | null;
}

/** Ordered surveillance → buffer → core, so the core draws on top. */
export type ZoneMap = FeatureCollection<Polygon, ZoneMapProperties>;

/** The rings in force on a day (none: today). */
export const zonesMapPath = (asOf?: string) => withQuery('/api/zones/map', { asOf });
