import { describe, expect, it } from 'vitest';
import { nestingProblems, type RingShape, ringShape, ringsProblems, zoneStatus } from './zones.domain.ts';

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});
const shape = (s: ReturnType<typeof ringShape>): RingShape => {
  if ('field' in s) throw new Error(s.message.en);
  return s;
};

describe('lockdown ring shapes', () => {
  it('turns a circle into a closed polygon around its centre and keeps the circle', () => {
    const s = shape(ringShape({ ring: 'core', circle: { center: [106.08, 21.23], radiusM: 500 } }, 0));
    const ring = s.geometry.coordinates[0]!;
    expect(ring.length).toBe(65);
    expect(ring[0]).toEqual(ring[64]);
    expect(s.circle).toEqual({ center: [106.08, 21.23], radiusM: 500 });
    // 500 m is about 0.0045 degrees of latitude.
    const lats = ring.map((p) => p[1]!);
    expect(Math.max(...lats) - 21.23).toBeCloseTo(0.0045, 3);
  });
  it('refuses no shape or two, an open ring, a crossing outline, a place outside Vietnam and a radius out of range', () => {
    const code = (s: ReturnType<typeof ringShape>) => ('field' in s ? `${s.field}:${s.code}` : 'ok');
    expect(code(ringShape({ ring: 'core' }, 0))).toBe('rings.0:ONE_SHAPE');
    expect(code(ringShape({ ring: 'core', geometry: square(106, 21, 0.01), circle: { center: [106, 21], radiusM: 100 } }, 1))).toBe('rings.1:ONE_SHAPE');
    expect(code(ringShape({ ring: 'core', geometry: { type: 'Polygon', coordinates: [[[106, 21], [106.1, 21], [106.1, 21.1], [106, 21.1]]] } }, 0))).toBe('rings.0.geometry:INVALID_GEOMETRY');
    const bowtie = { type: 'Polygon', coordinates: [[[106, 21], [106.1, 21.1], [106.1, 21], [106, 21.1], [106, 21]]] };
    expect(code(ringShape({ ring: 'core', geometry: bowtie }, 0))).toBe('rings.0.geometry:SELF_INTERSECTING');
    expect(code(ringShape({ ring: 'core', geometry: square(2.35, 48.85, 0.01) }, 0))).toBe('rings.0.geometry:OUT_OF_AREA');
    expect(code(ringShape({ ring: 'core', circle: { center: [106, 21], radiusM: 5 } }, 0))).toBe('rings.0.circle.radiusM:RANGE');
    expect(code(ringShape({ ring: 'core', geometry: { type: 'Point', coordinates: [106, 21] } }, 0))).toBe('rings.0.geometry:INVALID_GEOMETRY');
  });
  it('needs a core, each ring once, and each ring inside the next wider one', () => {
    expect(ringsProblems([{ ring: 'buffer' }]).map((i) => i.code)).toEqual(['CORE_REQUIRED']);
    expect(ringsProblems([{ ring: 'core' }, { ring: 'core' }]).map((i) => `${i.field}:${i.code}`)).toEqual(['rings.1.ring:DUPLICATE']);
    const core = shape(ringShape({ ring: 'core', circle: { center: [106.08, 21.23], radiusM: 300 } }, 0));
    const buffer = shape(ringShape({ ring: 'buffer', geometry: square(106.08, 21.23, 0.01) }, 1));
    const surveillance = shape(ringShape({ ring: 'surveillance', circle: { center: [106.08, 21.23], radiusM: 3000 } }, 2));
    const order = ['core', 'buffer', 'surveillance'];
    const at = (k: string) => order.indexOf(k);
    expect(nestingProblems([core, buffer, surveillance], at)).toEqual([]);
    // Without the buffer, the core must lie in the surveillance ring directly.
    expect(nestingProblems([core, surveillance], at)).toEqual([]);
    const offCore = shape(ringShape({ ring: 'core', circle: { center: [106.2, 21.23], radiusM: 300 } }, 0));
    expect(nestingProblems([offCore, buffer, surveillance], at).map((i) => `${i.field}:${i.code}`)).toEqual(['rings.0.geometry:NOT_NESTED']);
    const wideBuffer = shape(ringShape({ ring: 'buffer', geometry: square(106.08, 21.23, 0.05) }, 1));
    expect(nestingProblems([core, wideBuffer, surveillance], at).map((i) => `${i.field}:${i.code}`)).toEqual(['rings.1.geometry:NOT_NESTED']);
  });
});

describe('zone status', () => {
  it('is planned before the start, active through the day before the end, ended from the end day', () => {
    expect(zoneStatus('2021-05-20', null, '2021-05-19')).toBe('planned');
    expect(zoneStatus('2021-05-20', null, '2021-05-20')).toBe('active');
    expect(zoneStatus('2021-05-20', '2021-06-10', '2021-06-09')).toBe('active');
    expect(zoneStatus('2021-05-20', '2021-06-10', '2021-06-10')).toBe('ended');
  });
});
