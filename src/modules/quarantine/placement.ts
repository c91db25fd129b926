/**
 * Room placement for centralized quarantine: suggests rooms for a batch of people and checks a
 * set of placements an operator edited. The province's rules: risk groups never share a room or
 * a zone (a zone groups rooms of one facility; a room without a zone is its own zone), a room
 * never holds more people than its capacity, a household stays in one room where allowed (one
 * risk group and a room with enough free places), and a facility that is not open (closed, full,
 * being disinfected) takes nobody. Pure: the caller reads the rooms and saves the result.
 */
import type { LocalisedMessage } from '../../server/errors.ts';

import type { RiskGroup } from './quarantine.rules.ts';

export type { RiskGroup };

/** Placement order: the highest risk first, so they get the first choice of rooms. */
const PLACEMENT_ORDER: readonly RiskGroup[] = ['high', 'medium', 'low'];

/** Lower-case, for use inside a sentence (kept private: the group's labels will live with the unified type). */
const GROUP_WORDS: Record<RiskGroup, LocalisedMessage> = {
  high: { vi: 'nguy cơ cao', en: 'high risk' },
  medium: { vi: 'nguy cơ trung bình', en: 'medium risk' },
  low: { vi: 'nguy cơ thấp', en: 'low risk' },
};

export interface Occupant { personId: number; riskGroup: RiskGroup; householdId: number | null }
export interface RoomState {
  roomId: number;
  facilityId: number;
  /** Rooms of one facility with the same zone form a zone; null: the room is its own zone. */
  zone: string | null;
  capacity: number;
  occupants: readonly Occupant[];
  /** False when the facility is closed, full or being disinfected. */
  facilityOpen: boolean;
  label?: string;
}
export interface Candidate { personId: number; riskGroup: RiskGroup; householdId: number | null }
export interface Placement { personId: number; roomId: number; facilityId: number }
export type UnplacedReason = 'no_capacity' | 'no_compatible_room';
export interface PlacementSuggestion {
  placements: Placement[];
  unplaced: Array<{ personId: number; reason: UnplacedReason; message: LocalisedMessage }>;
  /** Household ids whose members could not stay together: in more than one room, or only some of them placed. */
  splitHouseholds: number[];
}
export interface PlacementOptions {
  /** Default true. */
  keepHouseholdsTogether?: boolean;
  /** Facilities to fill first, in this order. */
  preferFacilityIds?: readonly number[];
}

export type PlacementIssueCode =
  | 'room_over_capacity' | 'mixed_risk_room' | 'mixed_risk_zone' | 'facility_not_open' | 'duplicate_person' | 'unknown_room' | 'unknown_person';
export interface PlacementIssue { code: PlacementIssueCode; roomId?: number; personId?: number; message: LocalisedMessage }

/** The key of a room's zone: zone names are per facility, and a room without one is alone. */
function zoneKey(facilityId: number, zone: string | null, roomId: number): string {
  return zone === null ? `room:${roomId}` : `zone:${facilityId}:${zone}`;
}
const zoneKeyOf = (room: RoomState) => zoneKey(room.facilityId, room.zone, room.roomId);

function roomName(room: RoomState): LocalisedMessage {
  return room.label ? { vi: room.label, en: room.label } : { vi: `phòng ${room.roomId}`, en: `room ${room.roomId}` };
}

/** A room name opening a sentence: 'Phòng 12 …'. */
function capitalised(m: LocalisedMessage): LocalisedMessage {
  const cap = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
  return { vi: cap(m.vi), en: cap(m.en) };
}

/** Groups listed high to low, as a message. */
function groupList(groups: ReadonlySet<RiskGroup>): LocalisedMessage {
  const present = PLACEMENT_ORDER.filter((g) => groups.has(g));
  return { vi: present.map((g) => GROUP_WORDS[g].vi).join(', '), en: present.map((g) => GROUP_WORDS[g].en).join(', ') };
}

/** The risk groups present in each zone, counting the rooms' current occupants. */
function zoneGroupsOf(rooms: readonly RoomState[]): Map<string, Set<RiskGroup>> {
  const zones = new Map<string, Set<RiskGroup>>();
  for (const room of rooms) {
    const key = zoneKeyOf(room);
    const groups = zones.get(key) ?? new Set<RiskGroup>();
    for (const o of room.occupants) groups.add(o.riskGroup);
    zones.set(key, groups);
  }
  return zones;
}

/**
 * The risk group already in a zone (or, for zone null, in the room), null when it is empty.
 * A zone that already mixes groups (data from before the rule) answers its highest group: the
 * most cautious reading; suggestPlacement puts nobody there.
 */
export function zoneRiskGroup(rooms: readonly RoomState[], facilityId: number, zone: string | null, roomId: number): RiskGroup | null {
  const key = zoneKey(facilityId, zone, roomId);
  const groups = new Set<RiskGroup>();
  for (const room of rooms) if (zoneKeyOf(room) === key) for (const o of room.occupants) groups.add(o.riskGroup);
  return PLACEMENT_ORDER.find((g) => groups.has(g)) ?? null;
}

/** First occurrence of each person id wins: a person is placed once. */
function uniqueCandidates(candidates: readonly Candidate[]): Candidate[] {
  const byId = new Map<number, Candidate>();
  for (const c of candidates) if (!byId.has(c.personId)) byId.set(c.personId, c);
  return [...byId.values()];
}

/** The batch in placement order: by risk group, households largest first, then single people. */
function placementUnits(candidates: readonly Candidate[]): Array<{ group: RiskGroup; householdId: number | null; members: Candidate[] }> {
  const units: Array<{ group: RiskGroup; householdId: number | null; members: Candidate[] }> = [];
  for (const group of PLACEMENT_ORDER) {
    const inGroup = candidates.filter((c) => c.riskGroup === group).sort((a, b) => a.personId - b.personId);
    const households = new Map<number, Candidate[]>();
    for (const c of inGroup) if (c.householdId !== null) households.set(c.householdId, [...(households.get(c.householdId) ?? []), c]);
    const byHousehold = [...households.entries()].sort(([ha, a], [hb, b]) => b.length - a.length || ha - hb);
    for (const [householdId, members] of byHousehold) units.push({ group, householdId, members });
    for (const c of inGroup) if (c.householdId === null) units.push({ group, householdId: null, members: [c] });
  }
  return units;
}

const NO_CAPACITY: LocalisedMessage = {
  vi: 'Không còn chỗ trống ở cơ sở cách ly nào đang hoạt động',
  en: 'No free place left in any open quarantine facility',
};
function noCompatibleRoom(group: RiskGroup): LocalisedMessage {
  const label = GROUP_WORDS[group];
  return {
    vi: `Không có phòng phù hợp cho người ${label.vi}: các phòng còn chỗ đều thuộc khu đang cách ly nhóm nguy cơ khác`,
    en: `No suitable room for a ${label.en} person: every room with free places is in a zone holding another risk group`,
  };
}

/**
 * Suggests a room for each candidate. Deterministic:
 * - risk groups high, medium, low; within a group households (largest first, then household id,
 *   members by person id), then people without a household by person id;
 * - among compatible rooms (facility open, enough free places, zone empty or holding only this
 *   group) the first by: rank in preferFacilityIds, then zones already holding this group (fill
 *   them before opening an empty zone), then facility id, then room id;
 * - a zone's group is fixed by the first person in it, counting this suggestion's own placements;
 * - a household goes whole into one room when one fits; otherwise (or with keepHouseholdsTogether
 *   false) its members go one by one, and it is reported split if they did not stay together.
 * A person id given twice is placed once (the first entry counts).
 */
export function suggestPlacement(candidates: readonly Candidate[], rooms: readonly RoomState[], options: PlacementOptions = {}): PlacementSuggestion {
  const keepTogether = options.keepHouseholdsTogether ?? true;
  const preferRank = new Map<number, number>();
  (options.preferFacilityIds ?? []).forEach((id, i) => { if (!preferRank.has(id)) preferRank.set(id, i); });
  const rankOf = (facilityId: number) => preferRank.get(facilityId) ?? Number.POSITIVE_INFINITY;

  const zoneGroups = zoneGroupsOf(rooms);
  const open = rooms.filter((r) => r.facilityOpen);
  const free = new Map(open.map((r) => [r.roomId, Math.max(0, r.capacity - r.occupants.length)]));
  const freeOf = (room: RoomState) => free.get(room.roomId) ?? 0;

  /** The preferred compatible room with at least `places` free, by the documented order. */
  const bestRoom = (group: RiskGroup, places: number): RoomState | null => {
    let best: RoomState | null = null;
    let bestKey: number[] = [];
    for (const room of open) {
      if (freeOf(room) < places) continue;
      const groups = zoneGroups.get(zoneKeyOf(room))!;
      if (groups.size > 1 || (groups.size === 1 && !groups.has(group))) continue;
      const key = [rankOf(room.facilityId), groups.size === 1 ? 0 : 1, room.facilityId, room.roomId];
      if (!best || compareKeys(key, bestKey) < 0) { best = room; bestKey = key; }
    }
    return best;
  };

  const placements: Placement[] = [];
  const unplaced: PlacementSuggestion['unplaced'] = [];
  const place = (c: Candidate, room: RoomState) => {
    placements.push({ personId: c.personId, roomId: room.roomId, facilityId: room.facilityId });
    free.set(room.roomId, freeOf(room) - 1);
    zoneGroups.get(zoneKeyOf(room))!.add(c.riskGroup);
  };
  // Why a person found no room: no free place anywhere, or free places only in other groups' zones.
  const refuse = (c: Candidate) => {
    const anyFree = open.some((r) => freeOf(r) > 0);
    unplaced.push(anyFree
      ? { personId: c.personId, reason: 'no_compatible_room', message: noCompatibleRoom(c.riskGroup) }
      : { personId: c.personId, reason: 'no_capacity', message: NO_CAPACITY });
  };

  const unique = uniqueCandidates(candidates);
  for (const unit of placementUnits(unique)) {
    const whole = keepTogether && unit.members.length > 1 ? bestRoom(unit.group, unit.members.length) : null;
    for (const c of unit.members) {
      const room = whole ?? bestRoom(unit.group, 1);
      if (room) place(c, room);
      else refuse(c);
    }
  }

  return { placements, unplaced, splitHouseholds: splitHouseholdsOf(unique, placements) };
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** Households whose members are in more than one room, or only partly placed (members of several risk groups included). */
function splitHouseholdsOf(candidates: readonly Candidate[], placements: readonly Placement[]): number[] {
  const roomOf = new Map(placements.map((p) => [p.personId, p.roomId]));
  const where = new Map<number, Set<number | null>>();
  for (const c of candidates) {
    if (c.householdId === null) continue;
    const set = where.get(c.householdId) ?? new Set<number | null>();
    set.add(roomOf.get(c.personId) ?? null);
    where.set(c.householdId, set);
  }
  // All unplaced together is not a split: they are still one household waiting for a room.
  return [...where.entries()].filter(([, set]) => set.size > 1).map(([id]) => id).sort((a, b) => a - b);
}

/**
 * Checks proposed placements (e.g. a suggestion the operator edited) against the current rooms
 * and returns every issue, empty when valid. Per placement: unknown room (or a facility id that
 * is not the room's), a person placed twice or already in a room, a person not among the
 * candidates (their risk group is unknown; they still take a place). Per room that receives
 * someone: facility not open, over capacity, several risk groups. Per zone (with a name) that
 * receives someone: several risk groups, counting the current occupants.
 */
export function checkPlacements(placements: readonly Placement[], candidates: readonly Candidate[], rooms: readonly RoomState[]): PlacementIssue[] {
  const issues: PlacementIssue[] = [];
  const roomById = new Map<number, RoomState>();
  for (const r of rooms) if (!roomById.has(r.roomId)) roomById.set(r.roomId, r);
  const candidateById = new Map(uniqueCandidates(candidates).map((c) => [c.personId, c]));
  const occupantRoom = new Map<number, RoomState>();
  for (const r of rooms) for (const o of r.occupants) if (!occupantRoom.has(o.personId)) occupantRoom.set(o.personId, r);

  const placedIn = new Map<number, Placement>();
  const arriving = new Map<number, Array<RiskGroup | null>>();
  for (const p of placements) {
    const room = roomById.get(p.roomId);
    if (!room || room.facilityId !== p.facilityId) {
      issues.push({
        code: 'unknown_room', roomId: p.roomId, personId: p.personId,
        message: room
          ? { vi: `Phòng ${p.roomId} không thuộc cơ sở ${p.facilityId}`, en: `Room ${p.roomId} is not in facility ${p.facilityId}` }
          : { vi: `Không có phòng ${p.roomId} trong danh sách phòng hiện tại`, en: `Room ${p.roomId} is not among the current rooms` },
      });
      continue;
    }
    const earlier = placedIn.get(p.personId);
    const already = occupantRoom.get(p.personId);
    if (earlier || already) {
      const where = roomName(earlier ? roomById.get(earlier.roomId)! : already!);
      issues.push({
        code: 'duplicate_person', roomId: p.roomId, personId: p.personId,
        message: earlier
          ? { vi: `Người ${p.personId} được xếp hai lần (đã xếp vào ${where.vi})`, en: `Person ${p.personId} is placed twice (already placed in ${where.en})` }
          : { vi: `Người ${p.personId} đang ở ${where.vi}`, en: `Person ${p.personId} already stays in ${where.en}` },
      });
      continue;
    }
    placedIn.set(p.personId, p);
    const candidate = candidateById.get(p.personId);
    if (!candidate) {
      issues.push({
        code: 'unknown_person', roomId: p.roomId, personId: p.personId,
        message: { vi: `Người ${p.personId} không có trong danh sách cần xếp phòng`, en: `Person ${p.personId} is not among the people to place` },
      });
    }
    arriving.set(p.roomId, [...(arriving.get(p.roomId) ?? []), candidate?.riskGroup ?? null]);
  }

  const touchedRooms = [...arriving.keys()].sort((a, b) => a - b).map((id) => roomById.get(id)!);
  const zoneGroups = zoneGroupsOf(rooms);
  for (const room of touchedRooms) for (const g of arriving.get(room.roomId)!) if (g) zoneGroups.get(zoneKeyOf(room))!.add(g);

  for (const room of touchedRooms) {
    const name = capitalised(roomName(room));
    const newcomers = arriving.get(room.roomId)!;
    if (!room.facilityOpen) {
      issues.push({ code: 'facility_not_open', roomId: room.roomId, message: { vi: `Cơ sở của ${roomName(room).vi} đang không tiếp nhận (đóng, đầy hoặc đang khử khuẩn)`, en: `The facility of ${roomName(room).en} is not taking anyone (closed, full or being disinfected)` } });
    }
    const total = room.occupants.length + newcomers.length;
    if (total > room.capacity) {
      issues.push({ code: 'room_over_capacity', roomId: room.roomId, message: { vi: `${name.vi} vượt sức chứa: ${total} người / ${room.capacity} chỗ`, en: `${name.en} is over capacity: ${total} people for ${room.capacity} places` } });
    }
    const groups = new Set<RiskGroup>(room.occupants.map((o) => o.riskGroup));
    for (const g of newcomers) if (g) groups.add(g);
    if (groups.size > 1) {
      const list = groupList(groups);
      issues.push({ code: 'mixed_risk_room', roomId: room.roomId, message: { vi: `${name.vi} có nhiều nhóm nguy cơ ở chung: ${list.vi}`, en: `${name.en} mixes risk groups: ${list.en}` } });
    }
  }

  const reportedZones = new Set<string>();
  for (const room of touchedRooms) {
    const key = zoneKeyOf(room);
    const groups = zoneGroups.get(key)!;
    if (room.zone === null || groups.size < 2 || reportedZones.has(key)) continue;
    reportedZones.add(key);
    const list = groupList(groups);
    issues.push({
      code: 'mixed_risk_zone', roomId: room.roomId,
      message: { vi: `Khu ${room.zone} (cơ sở ${room.facilityId}) có nhiều nhóm nguy cơ: ${list.vi}`, en: `Zone ${room.zone} (facility ${room.facilityId}) mixes risk groups: ${list.en}` },
    });
  }
  return issues;
}
