import { describe, expect, it } from 'vitest';
import { abnormalReasons, isAbnormal, isStillToCall, statusAfterCall } from './declarations.domain.ts';

const normal = { symptoms: [], contactF0: false, visitedOutbreak: false, travelFromEpidemicArea: false };

describe('abnormal health declarations', () => {
  it('no symptom, exposure or travel is normal', () => {
    expect(isAbnormal(normal)).toBe(false);
    expect(abnormalReasons(normal)).toEqual([]);
  });
  it('any one symptom, exposure or travel from an epidemic area is abnormal, with every reason named', () => {
    expect(abnormalReasons({ ...normal, symptoms: ['fever'] })).toEqual(['symptom']);
    expect(abnormalReasons({ ...normal, contactF0: true })).toEqual(['contact_f0']);
    expect(abnormalReasons({ ...normal, visitedOutbreak: true })).toEqual(['visited_outbreak']);
    expect(abnormalReasons({ ...normal, travelFromEpidemicArea: true })).toEqual(['travel_epidemic']);
    expect(abnormalReasons({ symptoms: ['cough', 'fatigue'], contactF0: true, visitedOutbreak: true, travelFromEpidemicArea: true }))
      .toEqual(['symptom', 'contact_f0', 'visited_outbreak', 'travel_epidemic']);
  });
  it('a call not reached stays on the list; the other outcomes take it off', () => {
    expect(isStillToCall(statusAfterCall('not_reached'))).toBe(true);
    for (const o of ['reached', 'referred', 'no_action'] as const) expect(isStillToCall(statusAfterCall(o))).toBe(false);
    expect(isStillToCall('to_call')).toBe(true);
  });
});
