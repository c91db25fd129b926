/**
 * Pure rules of the zone form: the draft it edits, the checks made before sending, the body sent,
 * and which field shows each of the server's issues.
 */
import { geometryBody, type DrawnShape, shapeOfRing } from './zone-shapes.ts';
import { ringsInOrder } from './zone-rings.ts';
import { RING_KINDS, type RingBody, type RingKind, type Zone, type ZoneBody, type ZoneEndBody, type ZoneUpdateBody } from './zones-api.ts';

/** One row of a ring's areas: a commune, optionally one of its villages. The district only narrows the communes offered. */
export interface AreaDraft {
  districtCode?: string;
  communeCode?: string;
  /** Known for saved rows: shown until the district's communes are loaded. */
  communeName?: string;
  village?: string | null;
}

export interface RingDraft {
  ring: RingKind;
  /** null: not drawn yet. */
  shape: DrawnShape | null;
  areas: AreaDraft[];
}

export interface ZoneDraft {
  name: string;
  decisionNo: string;
  decidedOn: string | null;
  startedOn: string;
  rings: RingDraft[];
}

export type ShapeField = `${RingKind}Shape`;
export type AreasField = `${RingKind}Areas`;
export type ZoneField = 'name' | 'decisionNo' | 'decidedOn' | 'startedOn' | 'reason' | ShapeField | AreasField;

export const shapeField = (ring: RingKind): ShapeField => `${ring}Shape`;
export const areasField = (ring: RingKind): AreasField => `${ring}Areas`;

/** A new zone: the core ring only (it is required), with one empty row of areas. */
export function emptyRings(): RingDraft[] {
  return [{ ring: 'core', shape: null, areas: [{}] }];
}

/** A saved zone as the form edits it. */
export function draftFromZone(zone: Zone): ZoneDraft {
  return {
    name: zone.name,
    decisionNo: zone.decisionNo,
    decidedOn: zone.decidedOn,
    startedOn: zone.startedOn,
    rings: ringsInOrder(zone.rings).map((r) => ({
      ring: r.ring,
      shape: shapeOfRing(r),
      areas: r.areas.map((a) => ({ communeCode: a.communeCode, communeName: a.communeName, districtCode: a.districtCode ?? undefined, village: a.village })),
    })),
  };
}

/** The rings not in the zone yet, in the order they are offered (buffer before surveillance). */
export function addableRings(present: readonly RingKind[]): RingKind[] {
  return RING_KINDS.filter((k) => !present.includes(k));
}

export type DraftIssueCode = 'coreMissing' | 'shapeMissing' | 'coreAreasMissing' | 'areaCommuneMissing' | 'areaDuplicate';

export interface DraftIssue {
  field: ShapeField | AreasField;
  code: DraftIssueCode;
  ring: RingKind;
}

const villageOf = (a: AreaDraft) => a.village?.trim() || null;
const areaKey = (a: AreaDraft) => `${a.communeCode ?? ''}|${villageOf(a) ?? ''}`;

/**
 * What the form can tell before sending (the server checks the rest, e.g. that the rings nest):
 * the core is there, every ring is drawn, the core holds an area, every row names a commune and
 * no row repeats another.
 */
export function draftIssues(rings: readonly RingDraft[]): DraftIssue[] {
  const issues: DraftIssue[] = [];
  if (!rings.some((r) => r.ring === 'core')) issues.push({ field: 'coreShape', code: 'coreMissing', ring: 'core' });
  for (const r of ringsInOrder(rings)) {
    if (!r.shape) issues.push({ field: shapeField(r.ring), code: 'shapeMissing', ring: r.ring });
    const chosen = r.areas.filter((a) => a.communeCode);
    if (r.ring === 'core' && chosen.length === 0) issues.push({ field: 'coreAreas', code: 'coreAreasMissing', ring: r.ring });
    else if (chosen.length < r.areas.length) issues.push({ field: areasField(r.ring), code: 'areaCommuneMissing', ring: r.ring });
    else if (new Set(chosen.map(areaKey)).size < chosen.length) issues.push({ field: areasField(r.ring), code: 'areaDuplicate', ring: r.ring });
  }
  return issues;
}

function ringBody(r: RingDraft): RingBody {
  if (!r.shape) throw new Error(`The ${r.ring} ring is not drawn: check draftIssues() before building the body`);
  const areas = r.areas.flatMap((a) => (a.communeCode ? [{ communeCode: a.communeCode, village: villageOf(a) }] : []));
  return { ring: r.ring, ...geometryBody(r.shape), areas };
}

/** POST /api/zones: texts trimmed, rings core first. Only for a draft without draftIssues(). */
export function zoneBody(d: ZoneDraft): ZoneBody {
  return { name: d.name.trim(), decisionNo: d.decisionNo.trim(), decidedOn: d.decidedOn || null, startedOn: d.startedOn, rings: ringsInOrder(d.rings).map(ringBody) };
}

/** PUT /api/zones/:id: the same body with the reason for the change. */
export function zoneUpdateBody(d: ZoneDraft, reason: string): ZoneUpdateBody {
  return { ...zoneBody(d), reason: reason.trim() };
}

export function zoneEndBody(endedOn: string, reason: string): ZoneEndBody {
  return { endedOn, reason: reason.trim() };
}

const PLAIN_FIELDS: readonly ZoneField[] = ['name', 'decisionNo', 'decidedOn', 'startedOn', 'reason'];

/**
 * The form field showing a server issue. The server names a ring by its place in the body
 * (`rings.1.geometry`), and the body lists `sentRings` in that order: a ring's areas go under its
 * areas editor, anything else about the ring under its shape; 'rings' itself under the core.
 */
export function zoneFieldOf(sentRings: readonly RingKind[]): (field: string) => ZoneField | undefined {
  return (field) => {
    if ((PLAIN_FIELDS as readonly string[]).includes(field)) return field as ZoneField;
    if (field === 'rings') return 'coreShape';
    const m = /^rings\.(\d+)(?:\.([A-Za-z]+))?/.exec(field);
    const ring = m ? sentRings[Number(m[1])] : undefined;
    if (!m || !ring) return undefined;
    return m[2] === 'areas' ? areasField(ring) : shapeField(ring);
  };
}

/** The rings a body built from these drafts lists, in its order. */
export function sentRingOrder(rings: readonly RingDraft[]): RingKind[] {
  return ringsInOrder(rings).map((r) => r.ring);
}

/** The form's values of the rings: a shape field and an areas field per ring. */
export type RingValues = Partial<Record<ShapeField, DrawnShape | null> & Record<AreasField, AreaDraft[]>>;

export function ringValues(rings: readonly RingDraft[]): RingValues {
  const values: RingValues = {};
  for (const r of rings) {
    values[shapeField(r.ring)] = r.shape;
    values[areasField(r.ring)] = r.areas;
  }
  return values;
}

/** The drafts of the rings `present`, from the form's values. */
export function ringsFromValues(present: readonly RingKind[], values: RingValues): RingDraft[] {
  return present.map((ring) => ({ ring, shape: values[shapeField(ring)] ?? null, areas: values[areasField(ring)] ?? [] }));
}
