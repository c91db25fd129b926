/** API shapes, paths and URL state of QR venues (signed in) and of the public check-in pages. */
import { withQuery } from '../../shared/api/client.ts';
import { oneOfParam, type Paging, pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';

export const VENUE_CATEGORIES = [
  'market', 'supermarket', 'restaurant', 'cafe', 'pharmacy', 'bank', 'post_office', 'pagoda', 'church',
  'bus_station', 'hospital', 'school', 'office', 'enterprise_gate', 'bus', 'other',
] as const;
export type VenueCategory = (typeof VENUE_CATEGORIES)[number];
/** What an enterprise's user may add (as the server's ENTERPRISE_CATEGORIES). */
export const ENTERPRISE_CATEGORIES: readonly VenueCategory[] = ['enterprise_gate', 'bus'];

/** GET /api/venues/:id and one item of the list. */
export interface Venue {
  id: number;
  name: string;
  category: VenueCategory;
  districtCode: string | null;
  districtName: string | null;
  communeCode: string | null;
  communeName: string | null;
  addressDetail: string | null;
  /** The enterprise owning a gate or bus. */
  ownerId: number | null;
  ownerName: string | null;
  active: boolean;
  codeVersion: number;
  checkinsToday: number | null;
  checkins7d: number | null;
  createdAt: string;
}

export interface VenueList { items: Venue[]; total: number; page: number; pageSize: number }

export interface VenueBody { name: string; category: VenueCategory; communeCode: string; addressDetail?: string | null }

/** GET /api/venues/:id/checkin-url: what the poster's QR carries. */
export interface CheckinUrl { url: string; code: string; expiresOn: string }

export interface DailyCheckins { from: string; to: string; days: Array<{ date: string; count: number }> }

export interface VenueQuery extends Paging {
  q?: string | undefined;
  category?: VenueCategory | undefined;
  districtCode?: string | undefined;
  communeCode?: string | undefined;
}

export const venuesPaths = {
  list: (q: VenueQuery) => withQuery('/api/venues', { q: q.q, category: q.category, districtCode: q.districtCode, communeCode: q.communeCode, page: q.page, pageSize: q.pageSize }),
  create: '/api/venues',
  one: (id: number) => `/api/venues/${id}`,
  deactivate: (id: number) => `/api/venues/${id}/deactivate`,
  reissue: (id: number) => `/api/venues/${id}/reissue`,
  poster: (id: number, format: 'pdf' | 'png') => withQuery(`/api/venues/${id}/poster`, { format }),
  daily: (id: number) => `/api/venues/${id}/checkins`,
  checkinUrl: (id: number) => `/api/venues/${id}/checkin-url`,
  scan: (id: number) => `/api/venues/${id}/scan`,
};

export function venueQueryFromParams(params: URLSearchParams): VenueQuery {
  return {
    ...pagingFromParams(params),
    q: params.get('q') || undefined,
    category: oneOfParam(params.get('category'), VENUE_CATEGORIES),
    districtCode: /^\d{3}$/.test(params.get('districtCode') ?? '') ? params.get('districtCode')! : undefined,
    communeCode: /^\d{5}$/.test(params.get('communeCode') ?? '') ? params.get('communeCode')! : undefined,
  };
}

export function venueQueryToParams(q: VenueQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.q) out.q = q.q;
  if (q.category) out.category = q.category;
  if (q.districtCode) out.districtCode = q.districtCode;
  if (q.communeCode) out.communeCode = q.communeCode;
  return writePaging(out, q);
}

// ---- the public pages (no sign-in)

export interface CheckinBody {
  code: string;
  deviceToken?: string;
  phone?: string;
  fullName?: string;
  communeCode?: string;
  sex?: 'male' | 'female' | 'other';
  /** YYYY-MM-DD: confirms a person the register already has. */
  dateOfBirth?: string;
}

/** 200 of POST /api/checkin; `deviceToken` only the first time on a phone. */
export interface CheckinDone {
  checkinId: number;
  checkedInAt: string;
  repeated: boolean;
  venue: { id: number; name: string; addressDetail: string | null };
  deviceToken: string | null;
}

export type StatusColour = 'red' | 'yellow' | 'green';

/** GET /api/me/status (device token in the x-device-token header). */
export interface MyStatus {
  initials: string;
  colour: StatusColour;
  since: string | null;
  asOf: string;
  personalCode: string;
  codeExpiresOn: string;
}

export interface CheckinArea { code: string; name: string; communes: Array<{ code: string; name: string }> }

export const checkinPaths = {
  checkin: '/api/checkin',
  venue: (code: string) => withQuery('/api/checkin/venue', { code }),
  areas: '/api/checkin/areas',
  status: '/api/me/status',
};

export const DEVICE_HEADER = 'x-device-token';
