import { withQuery } from '../../shared/api/client.ts';

/** Contact groups a person belongs to for a while (contract: tracing group kinds, in tie-break order). */
export const GROUP_KINDS = ['household', 'room', 'workshop_shift', 'bus_route'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** GET /api/people/:id/contacts: where a person's tracing edges come from. */
export interface PersonContacts {
  memberships: Membership[];
  checkins: Checkin[];
  manualContacts: ManualContact[];
}

export interface Membership {
  id: number;
  groupId: number;
  groupKind: GroupKind;
  groupLabel: string;
  orgName: string | null;
  /** Calendar dates 'YYYY-MM-DD'; validTo null: still a member. */
  validFrom: string;
  validTo: string | null;
}

export interface Checkin {
  venueId: number;
  venueName: string;
  /** ISO instant (UTC). */
  checkedInAt: string;
}

export interface ManualContact {
  id: number;
  otherPersonId: number;
  /** Initials only when the other person lives outside the reader's area. */
  otherName: string;
  date: string;
  place: string | null;
  note: string | null;
}

/** GET /api/contacts/groups rows. */
export interface ContactGroup {
  id: number;
  kind: GroupKind;
  label: string;
  orgName: string | null;
  communeName: string | null;
  /** Current members (open memberships). */
  members: number;
}

export interface GroupInput {
  kind: GroupKind;
  label: string;
  communeCode: string;
}

export interface MembershipInput {
  personId: number;
  groupId: number;
  validFrom: string;
  validTo?: string | null;
}

export interface MembershipPatch {
  validFrom?: string;
  validTo?: string | null;
}

export interface ManualContactInput {
  personA: number;
  personB: number;
  date: string;
  place?: string | null;
  note?: string | null;
}

/** What the "other person" picker needs of GET /api/people's rows (masked per role by the server). */
export interface PersonOption {
  id: number;
  fullName: string;
  dateOfBirth: string | null;
  communeName: string;
}

export const contactsPaths = {
  ofPerson: (personId: number) => `/api/people/${personId}/contacts`,
  groups: (q: { kind?: GroupKind; q?: string }) => withQuery('/api/contacts/groups', { kind: q.kind, q: q.q?.trim(), pageSize: 20 }),
  createGroup: '/api/contacts/groups',
  memberships: '/api/contacts/memberships',
  membership: (id: number) => `/api/contacts/memberships/${id}`,
  manual: '/api/contacts/manual',
  manualOne: (id: number) => `/api/contacts/manual/${id}`,
  people: (q: string) => withQuery('/api/people', { q: q.trim(), pageSize: 20 }),
};
