/**
 * Organisations and (non-household) contact groups as the generator builds them. Rows refer
 * to each other by index; ids are given only when emitting (index + the reserved id base).
 */
import type { ContactGroupKind } from '../../db/schema.ts';
import type { Rng } from './rng.ts';

export type OrgKind =
  | 'industrial_park'
  | 'enterprise'
  | 'dormitory'
  | 'boarding_house'
  | 'venue'
  | 'quarantine_facility'
  | 'treatment_facility';

export interface OrgSpec {
  kind: OrgKind;
  name: string;
  code: string | null;
  /** Index of the parent organisation. */
  parent: number | null;
  /** Commune index in the geography. */
  commune: number;
  addressDetail: string | null;
  attrs: Record<string, unknown>;
  /** Attributes naming people: emitted as person ids (attrs[key] = id of person index). */
  personRefs?: Record<string, number>;
}

export interface GroupSpec {
  kind: Exclude<ContactGroupKind, 'household'>;
  /** Index of the organisation the group belongs to. */
  org: number;
  label: string;
  commune: number;
  addressDetail: string | null;
  attrs: Record<string, unknown>;
}

export class Registry {
  readonly orgs: OrgSpec[] = [];
  readonly groups: GroupSpec[] = [];
  private readonly codes = new Set<string>();

  constructor(takenCodes: Iterable<string> = []) {
    for (const c of takenCodes) this.codes.add(c);
  }

  addOrg(spec: OrgSpec): number {
    this.orgs.push(spec);
    return this.orgs.length - 1;
  }

  addGroup(spec: GroupSpec): number {
    this.groups.push(spec);
    return this.groups.length - 1;
  }

  /** A code no organisation has yet (codes are unique per kind in the schema; here across kinds). */
  uniqueCode(rng: Rng, draw: (rng: Rng) => string): string {
    for (;;) {
      const code = draw(rng);
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
  }

  count(kind: OrgKind): number {
    let n = 0;
    for (const o of this.orgs) if (o.kind === kind) n++;
    return n;
  }
}
