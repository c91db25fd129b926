import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  addableRings,
  draftFromZone,
  draftIssues,
  emptyRings,
  type RingDraft,
  ringsFromValues,
  ringValues,
  sentRingOrder,
  zoneBody,
  zoneEndBody,
  zoneFieldOf,
  zoneUpdateBody,
} from './zone-form.ts';
import type { Zone } from './zones-api.ts';

const square = (lon: number, lat: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
});

const core: RingDraft = { ring: 'core', shape: { kind: 'circle', center: [106.19, 21.27], radiusM: 300 }, areas: [{ districtCode: '213', communeCode: '07210', village: ' Thôn Trung ' }] };
const buffer: RingDraft = { ring: 'buffer', shape: { kind: 'polygon', geometry: square(106.1, 21.2, 0.2) }, areas: [{ communeCode: '07210', village: '' }, { communeCode: '07213' }] };
const surveillance: RingDraft = { ring: 'surveillance', shape: { kind: 'polygon', geometry: square(106.0, 21.1, 0.5) }, areas: [] };

const draft = { name: '  Thôn Trung, xã Vân Trung ', decisionNo: ' 123/QĐ-UBND ', decidedOn: '2021-05-17', startedOn: '2021-05-18', rings: [surveillance, core, buffer] };

describe('checks before sending', () => {
  it('finds nothing wrong with a complete zone', () => {
    expect(draftIssues([core, buffer, surveillance])).toEqual([]);
    expect(draftIssues([core])).toEqual([]);
  });

  it('wants the core ring', () => {
    expect(draftIssues([buffer])).toEqual([{ field: 'coreShape', code: 'coreMissing', ring: 'core' }]);
  });

  it('wants every ring drawn', () => {
    expect(draftIssues([{ ...core, shape: null }, { ...buffer, shape: null }])).toEqual([
      { field: 'coreShape', code: 'shapeMissing', ring: 'core' },
      { field: 'bufferShape', code: 'shapeMissing', ring: 'buffer' },
    ]);
  });

  it('wants an area in the core, and a commune on every row', () => {
    expect(draftIssues(emptyRings().map((r) => ({ ...r, shape: core.shape })))).toEqual([{ field: 'coreAreas', code: 'coreAreasMissing', ring: 'core' }]);
    expect(draftIssues([core, { ...buffer, areas: [...buffer.areas, { districtCode: '213' }] }])).toEqual([
      { field: 'bufferAreas', code: 'areaCommuneMissing', ring: 'buffer' },
    ]);
  });

  it('refuses a row repeated in a ring (blank and padded villages alike)', () => {
    expect(draftIssues([{ ...core, areas: [{ communeCode: '07210', village: 'Thôn Trung' }, { communeCode: '07210', village: ' Thôn Trung' }] }])).toEqual([
      { field: 'coreAreas', code: 'areaDuplicate', ring: 'core' },
    ]);
    expect(draftIssues([core, { ...buffer, areas: [{ communeCode: '07213', village: '' }, { communeCode: '07213', village: null }] }])).toEqual([
      { field: 'bufferAreas', code: 'areaDuplicate', ring: 'buffer' },
    ]);
    // The whole commune and one of its villages are two rows.
    expect(draftIssues([{ ...core, areas: [{ communeCode: '07210' }, { communeCode: '07210', village: 'Thôn Trung' }] }])).toEqual([]);
  });
});

describe('the body sent', () => {
  it('trims the texts, lists the rings core first, sends a circle as a circle and areas without districts', () => {
    expect(zoneBody(draft)).toEqual({
      name: 'Thôn Trung, xã Vân Trung',
      decisionNo: '123/QĐ-UBND',
      decidedOn: '2021-05-17',
      startedOn: '2021-05-18',
      rings: [
        { ring: 'core', circle: { center: [106.19, 21.27], radiusM: 300 }, areas: [{ communeCode: '07210', village: 'Thôn Trung' }] },
        { ring: 'buffer', geometry: square(106.1, 21.2, 0.2), areas: [{ communeCode: '07210', village: null }, { communeCode: '07213', village: null }] },
        { ring: 'surveillance', geometry: square(106.0, 21.1, 0.5), areas: [] },
      ],
    });
    expect(sentRingOrder(draft.rings)).toEqual(['core', 'buffer', 'surveillance']);
  });

  it('sends no decision date as null, and the reason of a change trimmed', () => {
    expect(zoneBody({ ...draft, decidedOn: null }).decidedOn).toBeNull();
    expect(zoneUpdateBody(draft, '  Mở rộng vùng đệm ').reason).toBe('Mở rộng vùng đệm');
    expect(zoneEndBody('2021-06-10', ' Hết 21 ngày không có ca mới ')).toEqual({ endedOn: '2021-06-10', reason: 'Hết 21 ngày không có ca mới' });
  });

  it('is not built for a ring not drawn', () => {
    expect(() => zoneBody({ ...draft, rings: [{ ...core, shape: null }] })).toThrow(/not drawn/);
  });
});

describe('server issues on the form', () => {
  const fieldOf = zoneFieldOf(['core', 'surveillance']);

  it('shows a ring issue on the ring the body listed at that place', () => {
    expect(fieldOf('rings.0.geometry')).toBe('coreShape');
    expect(fieldOf('rings.1.circle')).toBe('surveillanceShape');
    expect(fieldOf('rings.1')).toBe('surveillanceShape');
    expect(fieldOf('rings.1.areas.0.communeCode')).toBe('surveillanceAreas');
    expect(fieldOf('rings.0.areas')).toBe('coreAreas');
    expect(fieldOf('rings')).toBe('coreShape');
  });

  it('shows the plain fields under themselves and leaves the rest to the alert', () => {
    expect(fieldOf('decisionNo')).toBe('decisionNo');
    expect(fieldOf('reason')).toBe('reason');
    expect(fieldOf('rings.2.geometry')).toBeUndefined();
    expect(fieldOf('districtCode')).toBeUndefined();
  });
});

describe('the form state of rings', () => {
  const zone: Zone = {
    id: 4,
    name: 'Thôn Trung',
    decisionNo: '123/QĐ-UBND',
    decidedOn: null,
    startedOn: '2021-05-18',
    endedOn: null,
    endReason: null,
    status: 'active',
    districtCode: '213',
    communeCode: '07210',
    residents: 1520,
    rings: [
      { ring: 'buffer', geometry: square(106.1, 21.2, 0.2), circle: null, areas: [{ communeCode: '07213', communeName: 'Xã Quang Châu', districtCode: '213', village: null }] },
      { ring: 'core', geometry: square(106.18, 21.26, 0.02), circle: { center: [106.19, 21.27], radiusM: 300 }, areas: [{ communeCode: '07210', communeName: 'Xã Vân Trung', districtCode: '213', village: 'Thôn Trung' }] },
    ],
    createdAt: '2021-05-18T01:00:00Z',
    updatedAt: '2021-05-18T01:00:00Z',
  };

  it('edits a saved zone core first, its circle as a circle', () => {
    const d = draftFromZone(zone);
    expect(d.rings.map((r) => r.ring)).toEqual(['core', 'buffer']);
    expect(d.rings[0]).toEqual({
      ring: 'core',
      shape: { kind: 'circle', center: [106.19, 21.27], radiusM: 300 },
      areas: [{ communeCode: '07210', communeName: 'Xã Vân Trung', districtCode: '213', village: 'Thôn Trung' }],
    });
    expect(d.rings[1]?.shape).toEqual({ kind: 'polygon', geometry: square(106.1, 21.2, 0.2) });
  });

  it('round-trips rings through the form values, and offers the rings missing', () => {
    const rings = draftFromZone(zone).rings;
    expect(ringsFromValues(['core', 'buffer'], ringValues(rings))).toEqual(rings);
    expect(ringsFromValues(['surveillance'], {})).toEqual([{ ring: 'surveillance', shape: null, areas: [] }]);
    expect(addableRings(['core'])).toEqual(['buffer', 'surveillance']);
    expect(addableRings(['core', 'surveillance'])).toEqual(['buffer']);
    expect(addableRings(['core', 'buffer', 'surveillance'])).toEqual([]);
  });
});
