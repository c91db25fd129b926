import { describe, expect, it } from 'vitest';
import { actionsFor, supportPaths } from './support-api.ts';

describe('support api helpers', () => {
  it('offers each role its step only', () => {
    const has = (ps: string[]) => (p: string) => ps.includes(p);
    expect(actionsFor('prepared', has(['support:prepare']))).toEqual(['submit', 'return']);
    expect(actionsFor('submitted', has(['support:prepare']))).toEqual([]);
    expect(actionsFor('checked', has(['support:approve']))).toEqual(['approve', 'return']);
    expect(actionsFor('approved', has(['support:prepare']))).toEqual(['pay']);
    expect(actionsFor('paid', has(['support:prepare', 'support:approve', 'support:check']))).toEqual([]);
  });
  it('leaves "all" out of the query', () => {
    expect(supportPaths.eligibility({ communeCode: '07801', from: '2021-04-27', to: '2021-06-10', show: 'all', page: 1, pageSize: 20 })).not.toContain('show');
  });
});
