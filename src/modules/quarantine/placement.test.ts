import { describe, expect, it } from 'vitest';
import {
  type Candidate, checkPlacements, type Occupant, type Placement, type PlacementIssue, type RiskGroup, type RoomState, suggestPlacement,
  zoneRiskGroup,
} from './placement.ts';

const room = (roomId: number, over: Partial<RoomState> = {}): RoomState => ({
  roomId, facilityId: 1, zone: null, capacity: 4, occupants: [], facilityOpen: true, ...over,
});
const person = (personId: number, riskGroup: RiskGroup, householdId: number | null = null): Candidate => ({ personId, riskGroup, householdId });
const occupant = (personId: number, riskGroup: RiskGroup): Occupant => ({ personId, riskGroup, householdId: null });
const roomsOf = (placements: readonly Placement[]) => Object.fromEntries(placements.map((p) => [p.personId, p.roomId]));

/** mulberry32: a tiny seeded generator, so a failing batch can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('suggestPlacement', () => {
  it('never puts two risk groups in one room or one zone', () => {
    const rooms = [room(1, { zone: 'A', capacity: 10 }), room(2, { zone: 'A', capacity: 10 }), room(3, { zone: 'B', capacity: 10 })];
    const s = suggestPlacement([person(1, 'low'), person(2, 'high'), person(3, 'medium')], rooms);
    // high opens zone A (room 1), medium cannot join zone A so opens zone B, low finds nothing.
    expect(roomsOf(s.placements)).toEqual({ 2: 1, 3: 3 });
    expect(s.unplaced).toEqual([expect.objectContaining({ personId: 1, reason: 'no_compatible_room' })]);
  });

  it('counts the people already in a zone, and fills zones of the same group before opening an empty one', () => {
    const rooms = [
      room(1, { zone: 'A' }),
      room(2, { zone: 'A', occupants: [occupant(90, 'medium')] }),
      room(3, { zone: 'B', occupants: [occupant(91, 'low')] }),
      room(4, { zone: 'C' }),
    ];
    const s = suggestPlacement([person(1, 'low'), person(2, 'medium'), person(3, 'high')], rooms);
    // medium goes to zone A (already medium), low to zone B (already low), high opens the empty zone C.
    expect(roomsOf(s.placements)).toEqual({ 1: 3, 2: 1, 3: 4 });
  });

  it('puts nobody in a zone that already mixes groups', () => {
    const rooms = [room(1, { zone: 'A', occupants: [occupant(90, 'high')] }), room(2, { zone: 'A', occupants: [occupant(91, 'low')] })];
    expect(suggestPlacement([person(1, 'high')], rooms).unplaced[0]?.reason).toBe('no_compatible_room');
  });

  it('keeps a household in one room when a room has enough free places', () => {
    const rooms = [room(1, { capacity: 2 }), room(2, { capacity: 4 })];
    const s = suggestPlacement([person(1, 'high', 7), person(2, 'high', 7), person(3, 'high', 7), person(4, 'high')], rooms);
    expect(roomsOf(s.placements)).toEqual({ 1: 2, 2: 2, 3: 2, 4: 2 });
    expect(s.splitHouseholds).toEqual([]);
  });

  it('places larger households first, then household id, then single people', () => {
    const rooms = [room(1, { capacity: 3 }), room(2, { capacity: 3 })];
    const s = suggestPlacement([person(1, 'low'), person(2, 'low', 9), person(3, 'low', 8), person(4, 'low', 8), person(5, 'low', 9)], rooms);
    expect(s.placements.map((p) => p.personId)).toEqual([3, 4, 2, 5, 1]);
    // Household 8 fills room 1 to 2/3; household 9 needs 2 places so goes to room 2; person 1 takes room 1's last place.
    expect(roomsOf(s.placements)).toEqual({ 3: 1, 4: 1, 2: 2, 5: 2, 1: 1 });
  });

  it('splits a household no room can hold and reports it', () => {
    const rooms = [room(1, { capacity: 2 }), room(2, { capacity: 2 })];
    const s = suggestPlacement([person(1, 'medium', 5), person(2, 'medium', 5), person(3, 'medium', 5)], rooms);
    expect(roomsOf(s.placements)).toEqual({ 1: 1, 2: 1, 3: 2 });
    expect(s.splitHouseholds).toEqual([5]);
  });

  it('places members one by one when households need not stay together', () => {
    const rooms = [room(1, { capacity: 1 }), room(2, { capacity: 4 })];
    const s = suggestPlacement([person(1, 'low', 5), person(2, 'low', 5)], rooms, { keepHouseholdsTogether: false });
    expect(roomsOf(s.placements)).toEqual({ 1: 1, 2: 2 });
    expect(s.splitHouseholds).toEqual([5]);
  });

  it('reports a household whose members are of different risk groups as split', () => {
    const s = suggestPlacement([person(1, 'high', 3), person(2, 'low', 3)], [room(1), room(2)]);
    expect(roomsOf(s.placements)).toEqual({ 1: 1, 2: 2 });
    expect(s.splitHouseholds).toEqual([3]);
  });

  it('skips rooms of a facility that is not open', () => {
    const rooms = [room(1, { facilityId: 1, facilityOpen: false }), room(2, { facilityId: 2 })];
    expect(suggestPlacement([person(1, 'low')], rooms).placements).toEqual([{ personId: 1, roomId: 2, facilityId: 2 }]);
  });

  it('leaves people unplaced for lack of capacity once every open room is full', () => {
    const rooms = [room(1, { capacity: 2, occupants: [occupant(90, 'low')] }), room(2, { facilityOpen: false })];
    const s = suggestPlacement([person(1, 'low'), person(2, 'low'), person(3, 'low')], rooms);
    expect(roomsOf(s.placements)).toEqual({ 1: 1 });
    expect(s.unplaced.map((u) => [u.personId, u.reason])).toEqual([[2, 'no_capacity'], [3, 'no_capacity']]);
    expect(s.unplaced[0]?.message.vi).toBe('Không còn chỗ trống ở cơ sở cách ly nào đang hoạt động');
  });

  it('says no compatible room when free places are left only in other groups\' zones', () => {
    const s = suggestPlacement([person(1, 'low')], [room(1, { occupants: [occupant(90, 'high')] })]);
    expect(s.unplaced).toEqual([{ personId: 1, reason: 'no_compatible_room', message: expect.objectContaining({ vi: expect.stringContaining('nguy cơ thấp') }) }]);
  });

  it('fills preferred facilities first, in the order given', () => {
    const rooms = [room(1, { facilityId: 1 }), room(2, { facilityId: 2, capacity: 1 }), room(3, { facilityId: 3, capacity: 1 })];
    const s = suggestPlacement([person(1, 'low'), person(2, 'low'), person(3, 'low')], rooms, { preferFacilityIds: [3, 2] });
    expect(s.placements).toEqual([
      { personId: 1, roomId: 3, facilityId: 3 },
      { personId: 2, roomId: 2, facilityId: 2 },
      { personId: 3, roomId: 1, facilityId: 1 },
    ]);
  });

  it('places a person given twice once', () => {
    const s = suggestPlacement([person(1, 'low'), person(1, 'low'), person(2, 'low')], [room(1)]);
    expect(s.placements.map((p) => p.personId)).toEqual([1, 2]);
  });

  it('never overfills a room, mixes groups or drops a candidate, over many random batches', () => {
    const groups: RiskGroup[] = ['high', 'medium', 'low'];
    const seen = { placed: 0, no_capacity: 0, no_compatible_room: 0, split: 0 };
    for (let seed = 1; seed <= 300; seed++) {
      const rand = mulberry32(seed);
      const int = (n: number) => Math.floor(rand() * n);
      let nextPerson = 1000;
      const rooms: RoomState[] = Array.from({ length: 1 + int(12) }, (_, i) => {
        const zone = rand() < 0.3 ? null : `Z${int(4)}`;
        const capacity = int(6);
        // Existing occupants are of one group per room; zones may already be mixed (old data).
        const g = groups[int(3)]!;
        const occupants = Array.from({ length: int(capacity + 2) }, () => occupant(nextPerson++, g));
        return { roomId: i + 1, facilityId: 1 + int(3), zone, capacity, occupants, facilityOpen: rand() < 0.85 };
      });
      const candidates: Candidate[] = Array.from({ length: int(30) }, () => person(1 + int(40), groups[int(3)]!, rand() < 0.5 ? 1 + int(6) : null));
      const options = { keepHouseholdsTogether: rand() < 0.7, preferFacilityIds: rand() < 0.5 ? [1 + int(3)] : [] };
      const s = suggestPlacement(candidates, rooms, options);
      const where = `seed ${seed}`;
      seen.placed += s.placements.length;
      seen.split += s.splitHouseholds.length;
      for (const u of s.unplaced) seen[u.reason]++;

      const ids = [...s.placements.map((p) => p.personId), ...s.unplaced.map((u) => u.personId)].sort((a, b) => a - b);
      expect(ids, where).toEqual([...new Set(candidates.map((c) => c.personId))].sort((a, b) => a - b));

      const groupOf = new Map<number, RiskGroup>();
      for (const c of candidates) if (!groupOf.has(c.personId)) groupOf.set(c.personId, c.riskGroup);
      const newcomers = new Map<number, RiskGroup[]>();
      for (const p of s.placements) newcomers.set(p.roomId, [...(newcomers.get(p.roomId) ?? []), groupOf.get(p.personId)!]);
      const zoneGroups = new Map<string, Set<RiskGroup>>();
      for (const r of rooms) {
        const added = newcomers.get(r.roomId) ?? [];
        if (added.length === 0) continue;
        expect(r.facilityOpen, where).toBe(true);
        expect(r.occupants.length + added.length, where).toBeLessThanOrEqual(r.capacity);
        expect(new Set([...r.occupants.map((o) => o.riskGroup), ...added]).size, where).toBe(1);
      }
      for (const r of rooms) {
        const key = r.zone === null ? `r${r.roomId}` : `${r.facilityId}/${r.zone}`;
        const set = zoneGroups.get(key) ?? new Set<RiskGroup>();
        for (const g of [...r.occupants.map((o) => o.riskGroup), ...(newcomers.get(r.roomId) ?? [])]) set.add(g);
        zoneGroups.set(key, set);
      }
      for (const r of rooms) {
        if (!newcomers.has(r.roomId)) continue;
        const key = r.zone === null ? `r${r.roomId}` : `${r.facilityId}/${r.zone}`;
        expect(zoneGroups.get(key)!.size, `${where}, zone ${key}`).toBe(1);
      }
      // The suggestion passes its own check.
      const issues = checkPlacements(s.placements, candidates, rooms);
      expect(issues, where).toEqual([]);
    }
    // The batches reach every outcome, so the properties above were tested on something.
    for (const [outcome, n] of Object.entries(seen)) expect(n, outcome).toBeGreaterThan(0);
  });
});

describe('zoneRiskGroup', () => {
  const rooms = [
    room(1, { zone: 'A', occupants: [occupant(1, 'medium')] }),
    room(2, { zone: 'A' }),
    room(3, { facilityId: 2, zone: 'A' }),
    room(4, { occupants: [occupant(2, 'low')] }),
    room(5),
  ];
  it('answers the group of the whole zone, per facility', () => {
    expect(zoneRiskGroup(rooms, 1, 'A', 2)).toBe('medium');
    expect(zoneRiskGroup(rooms, 2, 'A', 3)).toBeNull();
  });
  it('answers the room itself when it has no zone', () => {
    expect(zoneRiskGroup(rooms, 1, null, 4)).toBe('low');
    expect(zoneRiskGroup(rooms, 1, null, 5)).toBeNull();
  });
  it('answers the highest group of a zone that already mixes groups', () => {
    expect(zoneRiskGroup([room(1, { occupants: [occupant(1, 'low'), occupant(2, 'high')] })], 1, null, 1)).toBe('high');
  });
});

describe('checkPlacements', () => {
  const codes = (issues: PlacementIssue[]) => issues.map((i) => [i.code, i.roomId, i.personId]);
  const at = (personId: number, roomId: number, facilityId = 1): Placement => ({ personId, roomId, facilityId });

  it('accepts valid placements', () => {
    expect(checkPlacements([at(1, 1), at(2, 1)], [person(1, 'low'), person(2, 'low')], [room(1, { capacity: 2 })])).toEqual([]);
  });

  it('flags a room over capacity, counting its occupants', () => {
    const issues = checkPlacements([at(1, 1), at(2, 1)], [person(1, 'low'), person(2, 'low')], [room(1, { capacity: 2, occupants: [occupant(9, 'low')] })]);
    expect(codes(issues)).toEqual([['room_over_capacity', 1, undefined]]);
    expect(issues[0]?.message).toEqual({ vi: 'Phòng 1 vượt sức chứa: 3 người / 2 chỗ', en: 'Room 1 is over capacity: 3 people for 2 places' });
  });

  it('flags a room with two risk groups', () => {
    const issues = checkPlacements([at(1, 1)], [person(1, 'high')], [room(1, { label: 'P.101', occupants: [occupant(9, 'low')] })]);
    expect(codes(issues)).toEqual([['mixed_risk_room', 1, undefined]]);
    expect(issues[0]?.message.vi).toBe('P.101 có nhiều nhóm nguy cơ ở chung: nguy cơ cao, nguy cơ thấp');
  });

  it('flags a zone with two risk groups, once', () => {
    const rooms = [room(1, { zone: 'A', occupants: [occupant(9, 'medium')] }), room(2, { zone: 'A' }), room(3, { zone: 'A' })];
    const issues = checkPlacements([at(1, 2), at(2, 3)], [person(1, 'low'), person(2, 'low')], rooms);
    expect(codes(issues)).toEqual([['mixed_risk_zone', 2, undefined]]);
    expect(issues[0]?.message.vi).toBe('Khu A (cơ sở 1) có nhiều nhóm nguy cơ: nguy cơ trung bình, nguy cơ thấp');
  });

  it('does not take zones of the same name in two facilities for one zone', () => {
    const rooms = [room(1, { zone: 'A', occupants: [occupant(9, 'high')] }), room(2, { facilityId: 2, zone: 'A' })];
    expect(checkPlacements([at(1, 2, 2)], [person(1, 'low')], rooms)).toEqual([]);
  });

  it('flags a facility that is not open', () => {
    expect(codes(checkPlacements([at(1, 1)], [person(1, 'low')], [room(1, { facilityOpen: false })]))).toEqual([['facility_not_open', 1, undefined]]);
  });

  it('flags a person placed twice or already in a room', () => {
    const rooms = [room(1), room(2, { occupants: [occupant(2, 'low')] })];
    const issues = checkPlacements([at(1, 1), at(1, 2), at(2, 1)], [person(1, 'low'), person(2, 'low')], rooms);
    expect(codes(issues)).toEqual([['duplicate_person', 2, 1], ['duplicate_person', 1, 2]]);
    expect(issues[1]?.message.vi).toBe('Người 2 đang ở phòng 2');
  });

  it('flags an unknown room, or a room given with another facility', () => {
    const issues = checkPlacements([at(1, 99), at(2, 1, 5)], [person(1, 'low'), person(2, 'low')], [room(1)]);
    expect(codes(issues)).toEqual([['unknown_room', 99, 1], ['unknown_room', 1, 2]]);
  });

  it('flags a person who is not a candidate, and still counts their place', () => {
    const issues = checkPlacements([at(1, 1), at(2, 1)], [person(1, 'low')], [room(1, { capacity: 1 })]);
    expect(codes(issues)).toEqual([['unknown_person', 1, 2], ['room_over_capacity', 1, undefined]]);
  });
});
