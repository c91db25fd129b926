import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areasText, boundsOfPolygons, DRAW_ORDER, isRingKind, RING_COLOURS, ringPathStyle, ringsInOrder, zoneBounds } from './zone-rings.ts';

const square = (lon: number, lat: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
});

describe('rings', () => {
  it('puts the core first in lists and last on the map, so it draws on top', () => {
    const rings = [{ ring: 'surveillance' as const }, { ring: 'core' as const }, { ring: 'buffer' as const }];
    expect(ringsInOrder(rings).map((r) => r.ring)).toEqual(['core', 'buffer', 'surveillance']);
    expect(DRAW_ORDER).toEqual(['surveillance', 'buffer', 'core']);
    expect(rings.map((r) => r.ring)).toEqual(['surveillance', 'core', 'buffer']);
  });

  it('colours the core red, the buffer orange, the surveillance ring yellow', () => {
    expect(RING_COLOURS).toEqual({ core: '#d32f2f', buffer: '#f57c00', surveillance: '#fbc02d' });
    expect(ringPathStyle('core')).toMatchObject({ color: '#d32f2f', fillColor: '#d32f2f', weight: 2 });
    expect(ringPathStyle('surveillance', true).weight).toBeGreaterThan(ringPathStyle('surveillance').weight);
    expect(ringPathStyle('core').fillOpacity).toBeGreaterThan(ringPathStyle('buffer').fillOpacity);
    expect(ringPathStyle('buffer').fillOpacity).toBeGreaterThan(ringPathStyle('surveillance').fillOpacity);
  });

  it('knows the ring kinds the API sends', () => {
    expect(isRingKind('buffer')).toBe(true);
    expect(isRingKind('quarantine')).toBe(false);
  });
});

describe('the extent of a zone', () => {
  it('spans every ring, in Leaflet order [lat, lng]', () => {
    expect(boundsOfPolygons([square(106.1, 21.2, 0.01), square(106.0, 21.25, 0.5)])).toEqual([
      [21.2, 106.0],
      [21.75, 106.5],
    ]);
    expect(zoneBounds([{ ring: 'core', geometry: square(106.1, 21.2, 0.01), circle: null, areas: [] }])).toEqual([
      [21.2, 106.1],
      [21.21, 106.11],
    ]);
  });

  it('is null without any point', () => {
    expect(boundsOfPolygons([])).toBeNull();
    expect(boundsOfPolygons([{ type: 'Polygon', coordinates: [] }])).toBeNull();
  });
});

describe('areas in one line', () => {
  it('names the village after its commune', () => {
    expect(areasText([{ communeName: 'Xã Vân Trung', village: 'Thôn Trung' }, { communeName: 'Xã Quang Châu', village: null }])).toBe(
      'Xã Vân Trung (Thôn Trung); Xã Quang Châu',
    );
    expect(areasText([])).toBe('');
  });
});
