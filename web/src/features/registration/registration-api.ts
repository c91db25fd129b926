/** The public request of a testing unit to take part (POST /api/testing/unit-registrations, no sign-in). */

export const UNIT_KINDS = ['lab', 'hospital', 'private_clinic', 'sampling_team'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** What the form sends; the server lower-cases the username and strips spaces from the phone. */
export interface RegistrationBody {
  kind: UnitKind;
  name: string;
  communeCode: string;
  address?: string;
  capacityPerDay?: number;
  contactName: string;
  contactPhone: string;
  username: string;
  password: string;
}

/** 201: the request waits for the province's decision. */
export interface RegistrationCreated {
  id: number;
  status: 'pending';
}

export const registrationPaths = {
  create: '/api/testing/unit-registrations',
  /** The province's districts and communes, public. */
  areas: '/api/testing/unit-registrations/areas',
};

export interface RegistrationArea { code: string; name: string; communes: Array<{ code: string; name: string }> }

/** Select options: communes grouped under their district, searchable by name or code. */
export function communeOptions(areas: readonly RegistrationArea[]) {
  return areas.map((d) => ({ label: d.name, title: d.name, options: d.communes.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` })) }));
}
