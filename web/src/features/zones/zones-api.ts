/** API shapes, paths and URL state of the lockdown zones (vùng phong tỏa) page. */
import type { Feature, Polygon } from 'geojson';
import { withQuery } from '../../shared/api/client.ts';
import { dateParam, oneOfParam, type Paging, pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';

/** The rings of a zone, innermost first: core lockdown, buffer, surveillance. */
import { RING_KINDS, type RingKind, type ZoneMap, type ZoneMapProperties, zonesMapPath } from '../../shared/map/rings.tsx';

export { RING_KINDS, type RingKind, type ZoneMap, type ZoneMapProperties };

export const ZONE_STATUSES = ['planned', 'active', 'ended'] as const;
export type ZoneStatus = (typeof ZONE_STATUSES)[number];

/** A circle as the API takes and gives it: the centre as [lon, lat], the radius in metres. */
export interface CircleGeometry {
  center: [number, number];
  radiusM: number;
}

/** An administrative area whose residents a ring holds: a commune, or one village (thôn) of it. */
export interface ZoneArea {
  communeCode: string;
  communeName: string;
  districtCode: string | null;
  village: string | null;
}

export interface ZoneRing {
  ring: RingKind;
  /** Always present: a circle comes approximated by 64 points. */
  geometry: Polygon;
  circle: CircleGeometry | null;
  areas: ZoneArea[];
}

/** GET /api/zones/:id, one item of the list, and the answer of every change. */
export interface Zone {
  id: number;
  name: string;
  decisionNo: string;
  decidedOn: string | null;
  startedOn: string;
  endedOn: string | null;
  endReason: string | null;
  /** Relative to the request's asOf (default today). */
  status: ZoneStatus;
  districtCode: string | null;
  communeCode: string | null;
  /** People living in the core ring's areas. */
  residents: number;
  rings: ZoneRing[];
  createdAt: string;
  updatedAt: string;
}

export interface ZoneList {
  items: Zone[];
  total: number;
}

export type ZoneMapFeature = Feature<Polygon, ZoneMapProperties>;

/** A ring of a POST or PUT body: exactly one of geometry and circle. */
export type RingBody = { ring: RingKind; areas: Array<{ communeCode: string; village: string | null }> } & (
  | { geometry: Polygon; circle?: never }
  | { circle: CircleGeometry; geometry?: never }
);

/** POST /api/zones. */
export interface ZoneBody {
  name: string;
  decisionNo: string;
  decidedOn: string | null;
  startedOn: string;
  rings: RingBody[];
}

/** PUT /api/zones/:id: the body again, with why it changed. */
export interface ZoneUpdateBody extends ZoneBody {
  reason: string;
}

/** POST /api/zones/:id/end. */
export interface ZoneEndBody {
  endedOn: string;
  reason: string;
}


// ---- URL state of the list: status, search, as-of date and paging ----

export interface ZoneQuery extends Paging {
  /** None: every status. */
  status?: ZoneStatus;
  q?: string;
  /** 'YYYY-MM-DD' the statuses and the map are computed for; none: today (the server's). */
  asOf?: string;
}

export function zoneQueryFromParams(params: URLSearchParams): ZoneQuery {
  return {
    status: oneOfParam(params.get('status'), ZONE_STATUSES),
    q: params.get('q')?.trim() || undefined,
    asOf: dateParam(params.get('asOf')),
    ...pagingFromParams(params),
  };
}

export function zoneQueryToParams(q: ZoneQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.status) out.status = q.status;
  if (q.q?.trim()) out.q = q.q.trim();
  if (q.asOf) out.asOf = q.asOf;
  return writePaging(out, q);
}

export const zonesPaths = {
  list: (q: ZoneQuery) => withQuery('/api/zones', { asOf: q.asOf, status: q.status, q: q.q?.trim(), page: q.page, pageSize: q.pageSize }),
  map: zonesMapPath,
  create: '/api/zones',
  one: (id: number) => `/api/zones/${id}`,
  end: (id: number) => `/api/zones/${id}/end`,
};
