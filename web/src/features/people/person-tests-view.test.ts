import { describe, expect, it } from 'vitest';
import type { PersonSample } from './person-tests-api.ts';
import { ctValue, hasSlip, isSampleMethod, sampleCodeOf, TEST_STATUS_COLOURS, testStatusOf } from './person-tests-view.ts';

const tube: PersonSample = {
  id: 11,
  barcode: 'XN-0001',
  method: 'rt_pcr',
  purpose: 'screening',
  order_id: null,
  taken_on: '2021-06-02',
  result: null,
  ct: null,
  lab: null,
  resulted_on: null,
  pool_barcode: null,
  pool_result: null,
  round_code: 'R-210602-01',
};
const pooled: PersonSample = { ...tube, id: 12, barcode: null, method: 'rt_pcr_pool', pool_barcode: 'GOP-B' };

describe('the result tag of a history row', () => {
  it("shows the sample's own result", () => {
    expect(testStatusOf({ ...tube, result: 'negative' })).toBe('negative');
    expect(testStatusOf({ ...tube, result: 'positive' })).toBe('positive');
    expect(testStatusOf({ ...tube, result: 'invalid' })).toBe('invalid');
  });

  it('says a sample without a result waits for it', () => {
    expect(testStatusOf(tube)).toBe('pending');
    expect(testStatusOf(pooled)).toBe('pending');
    // A negative pool clears its members on the server: a member still without a result waits.
    expect(testStatusOf({ ...pooled, pool_result: 'negative' })).toBe('pending');
  });

  it('says a member of a positive or inconclusive pool waits for its re-test', () => {
    expect(testStatusOf({ ...pooled, pool_result: 'positive' })).toBe('poolPositive');
    expect(testStatusOf({ ...pooled, pool_result: 'invalid' })).toBe('poolInvalid');
  });

  it("puts the sample's own result before its pool's", () => {
    expect(testStatusOf({ ...pooled, pool_result: 'positive', result: 'negative' })).toBe('negative');
    expect(testStatusOf({ ...pooled, pool_result: 'positive', result: 'positive' })).toBe('positive');
  });

  it('colours the results as asked: negative green, positive red, inconclusive orange', () => {
    expect(TEST_STATUS_COLOURS.negative).toBe('green');
    expect(TEST_STATUS_COLOURS.positive).toBe('red');
    expect(TEST_STATUS_COLOURS.invalid).toBe('orange');
  });
});

describe('the sample code and the slip', () => {
  it("shows the tube's barcode, or the pool's for a pooled sample", () => {
    expect(sampleCodeOf(tube)).toEqual({ kind: 'tube', code: 'XN-0001' });
    expect(sampleCodeOf(pooled)).toEqual({ kind: 'pool', code: 'GOP-B' });
    expect(sampleCodeOf({ barcode: null, pool_barcode: null })).toBeNull();
  });

  it('offers the slip only for a sample with its own result', () => {
    expect(hasSlip(tube)).toBe(false);
    expect(hasSlip(pooled)).toBe(false);
    expect(hasSlip({ ...tube, result: 'negative' })).toBe(true);
    expect(hasSlip({ ...tube, result: 'invalid' })).toBe(true);
  });

  it('reads the Ct value sent as text', () => {
    expect(ctValue('23.50')).toBe(23.5);
    expect(ctValue(null)).toBeNull();
    expect(ctValue('')).toBeNull();
    expect(ctValue('n/a')).toBeNull();
  });

  it('knows the three methods only', () => {
    expect(isSampleMethod('rt_pcr_pool')).toBe(true);
    expect(isSampleMethod('pcr')).toBe(false);
  });
});
