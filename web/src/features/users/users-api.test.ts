import { describe, expect, it } from 'vitest';
import { scopeBody, scopeKindsOf, type User, userPatch, usersPaths } from './users-api.ts';

const user: User = {
  id: 4,
  username: 'tyt',
  fullName: 'Trạm Y tế xã',
  role: 'commune_health',
  scope: { kind: 'commune', code: '07210', name: 'Phường Trần Phú' },
  active: true,
  isDemo: false,
  lastLoginAt: null,
  createdAt: '2021-05-01T00:00:00Z',
};

describe('users API helpers', () => {
  it('builds the scope fields for each kind', () => {
    expect(scopeBody('province_admin', { kind: 'province' }, '24')).toEqual({ role: 'province_admin', scopeKind: 'province', scopeCode: '24' });
    expect(scopeBody('district_health', { kind: 'district', areaCode: '213' }, '24')).toEqual({ role: 'district_health', scopeKind: 'district', scopeCode: '213' });
    expect(scopeBody('enterprise', { kind: 'org', orgId: 12 }, '24')).toEqual({ role: 'enterprise', scopeKind: 'org', scopeCode: '12', scopeOrgId: 12 });
    expect(scopeBody('commune_health', { kind: 'commune' }, '24')).toBeUndefined();
  });

  it('patches only what changed, role and scope together', () => {
    const same = { role: 'commune_health' as const, scopeKind: 'commune' as const, scopeCode: '07210' };
    expect(userPatch(user, ' Trạm Y tế xã ', same)).toEqual({});
    expect(userPatch(user, 'Trạm Y tế phường', same)).toEqual({ fullName: 'Trạm Y tế phường' });
    expect(userPatch(user, user.fullName, { ...same, role: 'community_team' })).toEqual({ role: 'community_team', scopeKind: 'commune', scopeCode: '07210' });
  });

  it('limits scope kinds by the role catalogue', () => {
    expect(scopeKindsOf([{ role: 'enterprise', scopeKinds: ['org'], orgKinds: ['enterprise'] }], 'enterprise')).toEqual(['org']);
    expect(scopeKindsOf(undefined, undefined)).toEqual([]);
  });

  it('leaves empty filters out of the list query', () => {
    expect(usersPaths.list({ q: '  ', page: 1, pageSize: 20 })).toBe('/api/users?page=1&pageSize=20');
    expect(usersPaths.orgUnits('enterprise', ' may ')).toBe('/api/users/org-units?kind=enterprise&q=may');
  });
});
