import { describe, expect, it } from 'vitest';
import type { ArrivalCategory, OriginLevel } from '../../db/schema.ts';
import { ARRIVAL_RULE_VERSIONS, type ArrivalRuleVersion, arrivalActionFor, arrivalRuleInForce, arrivalRuleIssues, ORIGIN_LEVELS, testStillValid } from './arrivals.rules.ts';

const rule = ARRIVAL_RULE_VERSIONS[0]!;
const arrivedAt = new Date('2021-06-09T08:00:00+07:00');
const hoursBefore = (h: number) => new Date(arrivedAt.getTime() - h * 3_600_000);
const facts = (originLevel: OriginLevel, category: ArrivalCategory = 'ordinary', over: { testAt?: Date | null; route?: string | null } = {}) =>
  ({ originLevel, category, arrivedAt, testAt: over.testAt ?? null, route: over.route ?? null });

describe('arrival rule by origin level (ordinary arrivals)', () => {
  const expected: Record<OriginLevel, [string, number | null, number | null]> = {
    none: ['none', null, null],
    level1: ['none', null, null],
    level2: ['test', null, 48],
    level3: ['home_monitoring', 14, null],
    level4: ['centralized_quarantine', 14, null],
    epidemic_zone: ['home_monitoring', 14, null],
    lockdown: ['centralized_quarantine', 21, null],
  };
  for (const level of ORIGIN_LEVELS) {
    it(`${level} → ${expected[level][0]}`, () => {
      const d = arrivalActionFor(facts(level), rule);
      expect([d.action, d.days, d.hours]).toEqual(expected[level]);
      expect(d.reason.vi.length).toBeGreaterThan(0);
    });
  }
});

describe('transport workers (long-haul drivers, postal staff)', () => {
  for (const category of ['long_haul_driver', 'postal_staff'] as const) {
    for (const level of ORIGIN_LEVELS) {
      const measured = rule.byOrigin[level].action !== 'none';
      it(`${category} from ${level}: a valid test and a route pass${measured ? ', else tested at the checkpoint' : ''}`, () => {
        expect(arrivalActionFor(facts(level, category, { testAt: hoursBefore(24), route: 'Bắc Ninh – QL1A – Lạng Sơn' }), rule).action).toBe('none');
        // No test, an expired test, or no route.
        const none = arrivalActionFor(facts(level, category, { route: 'QL1A' }), rule);
        const expired = arrivalActionFor(facts(level, category, { testAt: hoursBefore(73), route: 'QL1A' }), rule);
        const noRoute = arrivalActionFor(facts(level, category, { testAt: hoursBefore(2) }), rule);
        for (const d of [none, expired, noRoute]) expect(d.action).toBe(measured ? 'test_at_checkpoint' : 'none');
        if (measured) expect(noRoute.reason.en).toContain('route');
      });
    }
  }

  it('a test exactly 72 hours old is valid, one taken after arriving is not', () => {
    expect(testStillValid(hoursBefore(72), arrivedAt, 72)).toBe(true);
    expect(testStillValid(hoursBefore(72.01), arrivedAt, 72)).toBe(false);
    expect(testStillValid(new Date(arrivedAt.getTime() + 60_000), arrivedAt, 72)).toBe(false);
    expect(testStillValid(null, arrivedAt, 72)).toBe(false);
  });

  it('a version without the route requirement lets a driver with a valid test through', () => {
    const v: ArrivalRuleVersion = { ...rule, transport: { testValidHours: 48, routeRequired: false } };
    expect(arrivalActionFor(facts('lockdown', 'long_haul_driver', { testAt: hoursBefore(40) }), v).action).toBe('none');
    expect(arrivalActionFor(facts('lockdown', 'long_haul_driver', { testAt: hoursBefore(50) }), v).action).toBe('test_at_checkpoint');
  });
});

describe('versions', () => {
  it('the version in force on a date; none before the first', () => {
    const later: ArrivalRuleVersion = { ...rule, code: 'later', effectiveFrom: '2021-10-11', byOrigin: { ...rule.byOrigin, level3: { action: 'test', hours: 24 } } };
    expect(arrivalRuleInForce('2021-05-04', [rule, later])).toBeNull();
    expect(arrivalRuleInForce('2021-06-10', [rule, later])!.code).toBe(rule.code);
    expect(arrivalRuleInForce('2021-10-11', [rule, later])!.code).toBe('later');
    expect(arrivalActionFor(facts('level3'), later).action).toBe('test');
  });

  it('checks a province version: days and hours in range, no measure for a non-epidemic origin, province codes', () => {
    expect(arrivalRuleIssues(rule)).toEqual([]);
    const bad = arrivalRuleIssues({
      byOrigin: { ...rule.byOrigin, none: { action: 'test', hours: 24 }, level2: { action: 'test', hours: 0 }, lockdown: { action: 'centralized_quarantine', days: 90 } },
      transport: { testValidHours: 0, routeRequired: true }, epidemicProvinces: ['1'],
    });
    expect(bad.map((i) => i.field).sort()).toEqual(['byOrigin/level2/hours', 'byOrigin/lockdown/days', 'byOrigin/none', 'epidemicProvinces/0', 'transport/testValidHours']);
  });
});
