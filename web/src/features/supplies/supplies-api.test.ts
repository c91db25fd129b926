import { describe, expect, it } from 'vitest';
import { reversible, suppliesPaths } from './supplies-api.ts';

describe('supplies api helpers', () => {
  it('offers a reversal once, never of a reversal', () => {
    expect(reversible({ reversesId: null, reversed: false, kind: 'issue' })).toBe(true);
    expect(reversible({ reversesId: null, reversed: true })).toBe(false);
    expect(reversible({ reversesId: 4, reversed: false, kind: 'reversal' })).toBe(false);
  });
  it('builds the paths', () => {
    expect(suppliesPaths.stock(3)).toBe('/api/supplies/stock?facilityId=3');
    expect(suppliesPaths.reverse('spending', 9)).toBe('/api/supplies/spending/9/reverse');
  });
});
