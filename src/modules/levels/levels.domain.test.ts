import { describe, expect, it } from 'vitest';
import {
  assessCommune, assessmentTime, bandRanges, bandText, type BedUse, EPIDEMIC_LEVEL_RULE_VERSIONS, endOfVietnamDay, HD4800, type Level, levelForRate,
  levelInForceAt, levelRuleFor, QD218, rollUp, scheduleLevel, type TimedLevel, treatmentCapacity,
} from './levels.domain.ts';

describe('criterion 1: bands of new community cases per 100,000 per week', () => {
  it('Hướng dẫn 4800: < 20 level 1, 20–<50 level 2, 50–<150 level 3, ≥ 150 level 4', () => {
    const at = (rate: number) => levelForRate(rate, HD4800.caseBands);
    expect([0, 19.99, 20, 49.99, 50, 149.99, 150, 10_000].map(at)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('QĐ 218: level 4 only above 600 (exactly 600 is level 3)', () => {
    const at = (rate: number) => levelForRate(rate, QD218.caseBands);
    expect([19.99, 20, 149.99, 150, 600, 600.01].map(at)).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it('marks the middle bands configurable and writes each band as a range', () => {
    expect(bandRanges(HD4800.caseBands).map((r) => [bandText(r), r.configurable])).toEqual([['< 20', false], ['20 – < 50', true], ['50 – < 150', true], ['≥ 150', false]]);
    expect(bandRanges(QD218.caseBands).map((r) => bandText(r))).toEqual(['< 20', '20 – < 150', '150 – ≤ 600', '> 600']);
  });

  it('applies the version in force on the day; a day before every version gets the earliest, flagged', () => {
    const code = (day: string) => levelRuleFor(EPIDEMIC_LEVEL_RULE_VERSIONS, day);
    expect(code('2021-06-01')).toEqual({ rule: HD4800, beforeEffective: true });
    expect(code('2021-10-11')).toEqual({ rule: HD4800, beforeEffective: false });
    expect(code('2022-01-26').rule.code).toBe('hd4800-2021-10');
    expect(code('2022-01-27').rule.code).toBe('qd218-2022-01');
  });

  it('counts cases over an empty register as level 4, no cases as level 1', () => {
    expect(assessCommune(HD4800, { cases7: 1, population: 0, capacityMet: null }, null)).toMatchObject({ computedLevel: 4, inputs: { ratePer100k: null, band: null } });
    expect(assessCommune(HD4800, { cases7: 0, population: 0, capacityMet: null }, null).computedLevel).toBe(1);
  });
});

describe('deaths (QĐ 218): more than 6 per 100,000 in the window raise one level', () => {
  // 100,000 people: the count is the rate. No community case: level 1 by criterion 1.
  const commune = { cases7: 0, population: 100_000, capacityMet: true };

  it('exactly 6 per 100,000 raises nothing, 7 raises one level; 6 in 90,000 (6.67) is above', () => {
    expect(assessCommune(QD218, { ...commune, deaths: 6 }, null)).toMatchObject({ computedLevel: 1, inputs: { deaths: { count: 6, ratePer100k: 6, raised: false } } });
    const seven = assessCommune(QD218, { ...commune, deaths: 7 }, null);
    expect(seven).toMatchObject({ computedLevel: 2, effectiveLevel: 2, inputs: { deaths: { count: 7, windowDays: 7, above: 6, raised: true } } });
    expect(seven.inputs.reasons.map((r) => r.code)).toContain('deaths_raise');
    expect(assessCommune(QD218, { ...commune, population: 90_000, deaths: 6 }, null).computedLevel).toBe(2);
  });

  it('adds to criterion 2 and stops at level 4', () => {
    // 200 cases per 100,000 (level 3 under QĐ 218), coverage below target (level 4), deaths above: stays 4.
    const high = assessCommune(QD218, { cases7: 200, population: 100_000, capacityMet: true, coverage: { populationFull: 50, highRiskFull: 95 }, deaths: 10 }, null);
    expect(high.computedLevel).toBe(4);
    expect(high.inputs.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['c2_below', 'deaths_at_4']));
    expect(high.inputs.deaths?.raised).toBe(false);
  });

  it('is not a criterion of Hướng dẫn 4800, and a version may set its own threshold and window', () => {
    const under4800 = assessCommune(HD4800, { ...commune, deaths: 50 }, null);
    expect(under4800.computedLevel).toBe(1);
    expect(under4800.inputs.deaths).toBeUndefined();
    const strict = { ...QD218, deathsRaise: { above: 2, windowDays: 14, configurable: true } };
    expect(assessCommune(strict, { ...commune, deaths: 3 }, null)).toMatchObject({ computedLevel: 2, inputs: { deaths: { windowDays: 14 } } });
  });

  it('has no rate over an empty register and raises nothing there', () => {
    const empty = assessCommune(QD218, { cases7: 0, population: 0, capacityMet: null, deaths: 1 }, null);
    expect(empty).toMatchObject({ computedLevel: 1, inputs: { deaths: { ratePer100k: null, raised: false } } });
  });
});

describe('criterion 2: vaccination coverage', () => {
  // 1 case in 5,000 people = 20 per 100,000: level 2 by criterion 1.
  const level2 = { cases7: 1, population: 5000, capacityMet: true };

  it('raises one level when a known value is below its target, never above 4, and not without cases', () => {
    const below = assessCommune(HD4800, { ...level2, coverage: { adultsOneDose: 69.9, over50Full: 90 } }, null);
    expect(below).toMatchObject({ computedLevel: 3, effectiveLevel: 3, inputs: { coverageKnown: true, coverageMet: false } });
    // One value below is enough even when the other is not known.
    expect(assessCommune(HD4800, { ...level2, coverage: { over50Full: 79 } }, null).computedLevel).toBe(3);
    const atTarget = assessCommune(HD4800, { ...level2, coverage: { adultsOneDose: 70, over50Full: 80 } }, null);
    expect(atTarget).toMatchObject({ computedLevel: 2, inputs: { coverageMet: true } });
    const at4 = assessCommune(HD4800, { cases7: 10, population: 5000, capacityMet: true, coverage: { adultsOneDose: 10, over50Full: 10 } }, null);
    expect(at4.computedLevel).toBe(4);
    expect(at4.inputs.reasons.map((r) => r.code)).toContain('c2_below_at_4');
    const noCases = assessCommune(HD4800, { cases7: 0, population: 5000, capacityMet: true, coverage: { adultsOneDose: 10, over50Full: 10 } }, null);
    expect(noCases.computedLevel).toBe(1);
  });

  it('records unknown coverage and raises nothing', () => {
    const unknown = assessCommune(HD4800, level2, null);
    expect(unknown).toMatchObject({ computedLevel: 2, inputs: { coverage: null, coverageKnown: false, coverageMet: null } });
    expect(unknown.inputs.reasons.find((r) => r.code === 'c2_unknown')?.vi).toContain('chưa có số liệu tiêm chủng');
  });
});

describe('criterion 3: treatment capacity', () => {
  const beds = (normal: [number, number], icu: [number, number] = [0, 0]): BedUse => ({
    normal: { total: normal[0], used: normal[1] }, oxygen: { total: 0, used: 0 }, icu: { total: icu[0], used: icu[1] },
  });

  it('is met when every bed kind the province has keeps 20 % free; unknown without beds', () => {
    expect(treatmentCapacity(beds([10, 8]), 20).met).toBe(true);
    expect(treatmentCapacity(beds([10, 9]), 20)).toMatchObject({ met: false, short: ['normal'] });
    expect(treatmentCapacity(beds([100, 10], [5, 5]), 20)).toMatchObject({ met: false, short: ['icu'] });
    expect(treatmentCapacity(beds([0, 0]), 20).met).toBeNull();
  });

  it('not met: keeps the level in force from being lowered, but lets it rise', () => {
    const quiet = { cases7: 0, population: 5000 };
    expect(assessCommune(HD4800, { ...quiet, capacityMet: false }, 3)).toMatchObject({ computedLevel: 1, effectiveLevel: 3 });
    expect(assessCommune(HD4800, { ...quiet, capacityMet: true }, 3)).toMatchObject({ computedLevel: 1, effectiveLevel: 1 });
    expect(assessCommune(HD4800, { ...quiet, capacityMet: null }, 3).effectiveLevel).toBe(1);
    expect(assessCommune(HD4800, { cases7: 8, population: 5000, capacityMet: false }, 2)).toMatchObject({ computedLevel: 4, effectiveLevel: 4 });
  });
});

describe('roll-up to district and province', () => {
  const p = HD4800.rollUp;
  const levels = (spec: Partial<Record<Level, number>>): Level[] => ([1, 2, 3, 4] as Level[]).flatMap((l) => Array<Level>(spec[l] ?? 0).fill(l));

  it('is high (3) from 30 % of communes at level 3 or more, not at 29 %', () => {
    expect(rollUp(levels({ 3: 3, 1: 7 }), p)).toMatchObject({ level: 3, clause: 'same_level' });
    expect(rollUp(levels({ 3: 29, 1: 71 }), p)).toMatchObject({ level: 2, clause: 'level_above' });
  });

  it('is high from 50 % of communes at level 2 or more, not at 49 %', () => {
    expect(rollUp(levels({ 2: 5, 1: 5 }), p)).toMatchObject({ level: 3, clause: 'level_below' });
    expect(rollUp(levels({ 2: 49, 1: 51 }), p)).toMatchObject({ level: 2, clause: 'same_level' });
  });

  it('is high with one very high commune; very high from 30 % at level 4', () => {
    expect(rollUp(levels({ 4: 1, 1: 99 }), p)).toMatchObject({ level: 3, clause: 'level_above' });
    expect(rollUp(levels({ 4: 3, 1: 7 }), p)).toMatchObject({ level: 4, clause: 'same_level' });
    expect(rollUp(levels({ 4: 2, 3: 3, 1: 5 }), p)).toMatchObject({ level: 4, clause: 'level_below' });
  });

  it('stays at 1 below every clause, and with no parts', () => {
    expect(rollUp(levels({ 2: 2, 1: 8 }), p)).toMatchObject({ level: 1, clause: 'none', byLevel: { 1: 8, 2: 2, 3: 0, 4: 0 } });
    expect(rollUp([], p).level).toBe(1);
  });

  it('rolls districts up to the province by the same rule', () => {
    // Ten districts: one high and one medium make the province medium (one part above level 2).
    expect(rollUp(levels({ 3: 1, 2: 1, 1: 8 }), p).level).toBe(2);
    expect(rollUp(levels({ 3: 3, 1: 7 }), p).level).toBe(3);
  });
});

describe('raising gives 48 hours of notice; lowering is at once', () => {
  const t0 = new Date('2021-06-15T03:00:00Z');
  const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);
  const row = (over: Partial<TimedLevel>): TimedLevel => ({ status: 'in_force', effectiveLevel: 2, previousLevel: null, effectiveFrom: t0, ...over });

  it('in force at once for a first assessment, a lowering and the same level', () => {
    expect(scheduleLevel(null, 3, t0)).toMatchObject({ status: 'in_force', effectiveFrom: t0, previousLevel: null });
    expect(scheduleLevel(row({ effectiveLevel: 3 }), 1, hours(24))).toMatchObject({ status: 'in_force', effectiveFrom: hours(24), previousLevel: 3 });
    expect(scheduleLevel(row({}), 2, hours(24)).status).toBe('in_force');
  });

  it('proposes a raise that takes effect 48 hours later, or at once when decided', () => {
    const raise = scheduleLevel(row({ effectiveLevel: 1 }), 3, t0);
    expect(raise).toMatchObject({ status: 'proposed', effectiveFrom: hours(48), previousLevel: 1 });
    const proposed = row({ status: 'proposed', effectiveLevel: 3, previousLevel: 1, effectiveFrom: hours(48) });
    expect(levelInForceAt(proposed, hours(47.99))).toBe(1);
    expect(levelInForceAt(proposed, hours(48))).toBe(3);
    expect(levelInForceAt({ ...proposed, status: 'confirmed', effectiveFrom: hours(2) }, hours(2))).toBe(3);
    expect(levelInForceAt({ ...proposed, status: 'overridden', effectiveLevel: 2 }, hours(1))).toBe(2);
  });

  it('keeps the notice running for a re-assessed proposal; a higher level restarts it', () => {
    const proposed = row({ status: 'proposed', effectiveLevel: 3, previousLevel: 1, effectiveFrom: hours(48) });
    expect(scheduleLevel(proposed, 3, hours(24))).toMatchObject({ status: 'proposed', effectiveFrom: hours(48), previousLevel: 1 });
    expect(scheduleLevel(proposed, 2, hours(24))).toMatchObject({ status: 'proposed', effectiveFrom: hours(48) });
    expect(scheduleLevel(proposed, 4, hours(24))).toMatchObject({ status: 'proposed', effectiveFrom: hours(72) });
    // Once in force, the same level is no raise.
    expect(scheduleLevel(proposed, 3, hours(50)).status).toBe('in_force');
  });

  it('assesses a past day as of its end in Vietnam, today as of now', () => {
    expect(endOfVietnamDay('2021-06-15').toISOString()).toBe('2021-06-15T17:00:00.000Z');
    expect(assessmentTime('2021-06-15', new Date('2025-01-01T00:00:00Z')).toISOString()).toBe('2021-06-15T17:00:00.000Z');
    expect(assessmentTime('2021-06-15', t0)).toEqual(t0);
  });
});
