import { describe, expect, it } from 'vitest';
import { codeFromScan, codeProblem, initialsOf, personClaims, readCode, signCode, statusColour, venueClaims } from './venues.domain.ts';

const SECRET = 'test-secret-of-at-least-thirty-two-chars';
const TODAY = '2021-06-10';
const venue = { provinceCode: '24', active: true, codeVersion: 3 };

function check(code: string, today = TODAY, state = venue) {
  const r = readCode(SECRET, code);
  if (!r.ok) return r.problem;
  return codeProblem(r.claims, { kind: 'venue', provinceCode: '24', today, venue: state });
}

describe('signed venue codes', () => {
  const code = signCode(SECRET, venueClaims('24', 1234, 3, TODAY, 30));

  it('round-trips the claims of a compact code', () => {
    expect(code.length).toBeLessThan(60);
    expect(readCode(SECRET, code)).toEqual({ ok: true, claims: { kind: 'venue', provinceCode: '24', id: 1234, version: 3, issuedOn: TODAY, expiresOn: '2021-07-10' } });
    expect(check(code)).toBeNull();
    expect(codeFromScan(`https://epi.example.vn/c/${code}`)).toBe(code);
  });

  it('refuses a code signed with another secret (forged signature)', () => {
    expect(check(signCode('another-secret-another-secret-another', venueClaims('24', 1234, 3, TODAY)))).toBe('forged');
    const sig = code.slice(code.lastIndexOf('.') + 1);
    const flipped = code.slice(0, code.lastIndexOf('.') + 1) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(check(flipped)).toBe('forged');
  });

  it('refuses another spelling of a valid signature (the last character\'s unused bits set)', () => {
    const last = code.at(-1)!;
    expect('AQgw').toContain(last);
    // The next character differs only in bits base64url does not use here: it decodes to the same signature.
    const respelt = code.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1);
    expect(Buffer.from(respelt.slice(respelt.lastIndexOf('.') + 1), 'base64url')).toEqual(Buffer.from(code.slice(code.lastIndexOf('.') + 1), 'base64url'));
    expect(check(respelt)).toBe('malformed');
  });

  it('refuses a code whose venue id was changed (tampered id)', () => {
    const parts = code.split('.');
    parts[1] = (1235).toString(36);
    expect(check(parts.join('.'))).toBe('forged');
    expect(check('not a code')).toBe('malformed');
  });

  it('refuses an expired code from the day after its last day', () => {
    expect(check(code, '2021-07-10')).toBeNull();
    expect(check(code, '2021-07-11')).toBe('expired');
  });

  it('refuses an older version after the poster was reissued, and a deactivated or unknown venue', () => {
    expect(check(code, TODAY, { ...venue, codeVersion: 4 })).toBe('revoked');
    expect(check(code, TODAY, { ...venue, active: false })).toBe('inactive');
    const r = readCode(SECRET, code);
    expect(r.ok && codeProblem(r.claims, { kind: 'venue', provinceCode: '24', today: TODAY, venue: null })).toBe('unknown_venue');
  });

  it('refuses a code of another province and a personal code where a venue code is expected', () => {
    expect(check(signCode(SECRET, venueClaims('27', 1234, 3, TODAY)))).toBe('other_province');
    expect(check(signCode(SECRET, personClaims('24', 1234, TODAY)))).toBe('wrong_kind');
  });
});

describe('status colour (PC-COVID)', () => {
  const none = { openCaseSince: null, f1QuarantineSince: null, f2Since: null, awaitingTestSince: null };
  it('is red for an open case or an F1 in quarantine, since the earlier', () => {
    expect(statusColour({ ...none, openCaseSince: '2021-06-02' })).toEqual({ colour: 'red', since: '2021-06-02' });
    expect(statusColour({ ...none, f1QuarantineSince: '2021-06-01', openCaseSince: '2021-06-05', f2Since: '2021-05-01' })).toEqual({ colour: 'red', since: '2021-06-01' });
  });
  it('is yellow for an F2 or a person waiting for a result, green otherwise', () => {
    expect(statusColour({ ...none, f2Since: '2021-06-03' })).toEqual({ colour: 'yellow', since: '2021-06-03' });
    expect(statusColour({ ...none, awaitingTestSince: '2021-06-09' })).toEqual({ colour: 'yellow', since: '2021-06-09' });
    expect(statusColour(none)).toEqual({ colour: 'green', since: null });
  });
  it('shows a name as initials only', () => {
    expect(initialsOf('Nguyễn Văn  Ánh')).toBe('N.V.Á.');
  });
});
