/**
 * Lockdown zone rules that need no database: ring shapes (a polygon, or a circle around a point
 * turned into one), their nesting — core inside buffer inside surveillance, "khoanh vùng rộng,
 * phong tỏa hẹp" — and a zone's status on a day.
 */
import booleanWithin from '@turf/boolean-within';
import turfCircle from '@turf/circle';
import kinks from '@turf/kinks';
import type { Polygon } from 'geojson';
import type { LockdownRingKind } from '../../db/schema.ts';
import type { FieldIssue } from '../../server/errors.ts';

/** Inner to outer. */
export const RING_KINDS: readonly LockdownRingKind[] = ['core', 'buffer', 'surveillance'];

export const RING_NAMES: Record<LockdownRingKind, { vi: string; en: string }> = {
  core: { vi: 'vùng phong tỏa', en: 'core lockdown' },
  buffer: { vi: 'vùng đệm', en: 'buffer' },
  surveillance: { vi: 'vùng giám sát', en: 'surveillance' },
};

export interface Circle { center: [number, number]; radiusM: number }

export interface RingShapeInput { ring: LockdownRingKind; geometry?: unknown; circle?: Circle | null | undefined }

export interface RingShape { ring: LockdownRingKind; geometry: Polygon; circle: Circle | null }

/** Where the province can be: a generous box around Vietnam (longitude, latitude). */
const VN_BOX = { minLon: 101.5, maxLon: 110.5, minLat: 7.5, maxLat: 24 };
const MAX_POINTS = 5_000;
export const RADIUS_RANGE = { min: 10, max: 50_000 } as const;
const CIRCLE_STEPS = 64;

function issue(field: string, code: string, vi: string, en: string): FieldIssue {
  return { field, code, message: { vi, en } };
}

const inBox = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number'
  && p[0] >= VN_BOX.minLon && p[0] <= VN_BOX.maxLon && p[1] >= VN_BOX.minLat && p[1] <= VN_BOX.maxLat;

/** A GeoJSON polygon with closed rings of at least 4 positions, inside Vietnam, without self-intersections. */
function checkPolygon(g: unknown, field: string): Polygon | FieldIssue {
  const shapeIssue = issue(field, 'INVALID_GEOMETRY', 'Hình vẽ không phải đa giác hợp lệ (GeoJSON Polygon)', 'The shape is not a valid polygon (GeoJSON Polygon)');
  if (typeof g !== 'object' || g === null || (g as { type?: unknown }).type !== 'Polygon') return shapeIssue;
  const rings = (g as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(rings) || rings.length === 0) return shapeIssue;
  let points = 0;
  for (const ring of rings as unknown[]) {
    if (!Array.isArray(ring) || ring.length < 4) return shapeIssue;
    points += ring.length;
    if (!ring.every(inBox)) return issue(field, 'OUT_OF_AREA', 'Hình vẽ nằm ngoài lãnh thổ Việt Nam (kinh độ, vĩ độ)', 'The shape lies outside Vietnam (longitude, latitude)');
    const first = ring[0] as number[], last = ring[ring.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) return shapeIssue;
  }
  if (points > MAX_POINTS) return issue(field, 'TOO_LARGE', `Hình vẽ quá ${MAX_POINTS} điểm`, `The shape has more than ${MAX_POINTS} points`);
  const polygon: Polygon = { type: 'Polygon', coordinates: (rings as number[][][]).map((r) => r.map((p) => [p[0]!, p[1]!])) };
  if (kinks(polygon).features.length > 0) return issue(field, 'SELF_INTERSECTING', 'Đường viền tự cắt nhau: hãy vẽ lại', 'The outline crosses itself: draw it again');
  return polygon;
}

/** The ring's polygon (a circle becomes a 64-sided polygon, keeping its centre and radius). */
export function ringShape(input: RingShapeInput, index: number): RingShape | FieldIssue {
  const at = `rings.${index}`;
  const hasGeometry = input.geometry != null, hasCircle = input.circle != null;
  if (hasGeometry === hasCircle) return issue(at, 'ONE_SHAPE', 'Mỗi vùng cần đúng một hình: đa giác hoặc hình tròn', 'Each ring needs exactly one shape: a polygon or a circle');
  if (hasCircle) {
    const c = input.circle!;
    if (!inBox(c.center)) return issue(`${at}.circle.center`, 'OUT_OF_AREA', 'Tâm hình tròn nằm ngoài lãnh thổ Việt Nam', 'The circle\'s centre lies outside Vietnam');
    if (!(c.radiusM >= RADIUS_RANGE.min && c.radiusM <= RADIUS_RANGE.max)) {
      return issue(`${at}.circle.radiusM`, 'RANGE', `Bán kính từ ${RADIUS_RANGE.min} m đến ${RADIUS_RANGE.max / 1000} km`, `The radius is ${RADIUS_RANGE.min} m to ${RADIUS_RANGE.max / 1000} km`);
    }
    const circle: Circle = { center: [c.center[0], c.center[1]], radiusM: c.radiusM };
    return { ring: input.ring, geometry: turfCircle(circle.center, circle.radiusM, { steps: CIRCLE_STEPS, units: 'meters' }).geometry, circle };
  }
  const polygon = checkPolygon(input.geometry, `${at}.geometry`);
  return 'field' in polygon ? polygon : { ring: input.ring, geometry: polygon, circle: null };
}

/** Each ring kind once, a core, and each ring inside the next wider one that is drawn. */
export function ringsProblems(rings: RingShapeInput[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<LockdownRingKind>();
  rings.forEach((r, i) => {
    if (seen.has(r.ring)) issues.push(issue(`rings.${i}.ring`, 'DUPLICATE', `Đã có ${RING_NAMES[r.ring].vi}`, `The ${RING_NAMES[r.ring].en} ring is given twice`));
    seen.add(r.ring);
  });
  if (!seen.has('core')) issues.push(issue('rings', 'CORE_REQUIRED', 'Cần vẽ vùng phong tỏa (vùng lõi)', 'The core lockdown ring is required'));
  return issues;
}

/** Each drawn ring must lie within the next wider drawn ring. */
export function nestingProblems(shapes: RingShape[], indexOf: (ring: LockdownRingKind) => number): FieldIssue[] {
  const drawn = RING_KINDS.map((k) => shapes.find((s) => s.ring === k)).filter((s): s is RingShape => s !== undefined);
  const issues: FieldIssue[] = [];
  for (let i = 0; i + 1 < drawn.length; i++) {
    const inner = drawn[i]!, outer = drawn[i + 1]!;
    if (!booleanWithin(inner.geometry, outer.geometry)) {
      issues.push(issue(`rings.${indexOf(inner.ring)}.geometry`, 'NOT_NESTED',
        `${capitalise(RING_NAMES[inner.ring].vi)} phải nằm trong ${RING_NAMES[outer.ring].vi}`,
        `The ${RING_NAMES[inner.ring].en} ring must lie within the ${RING_NAMES[outer.ring].en} ring`));
    }
  }
  return issues;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export type ZoneStatus = 'planned' | 'active' | 'ended';

/** On `asOf`: not started yet, in force, or lifted (the end day is the first day without the lockdown). */
export function zoneStatus(startedOn: string, endedOn: string | null, asOf: string): ZoneStatus {
  if (startedOn > asOf) return 'planned';
  if (endedOn !== null && endedOn <= asOf) return 'ended';
  return 'active';
}
