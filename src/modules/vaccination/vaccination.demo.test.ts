import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../demo/demo.service.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { demoUsers } from '../auth/demo-users.ts';
import { addDemoInvitees, demoVaccinationSiteAnchor, runDemoVaccination } from './vaccination.demo.ts';
import { provinceCoverageOn } from './vaccination.published.ts';

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await generateDemoProvince(t.db, { provinceCode: '24', people: 2500, seed: 7 });
}, 240_000);
afterAll(async () => {
  await t?.destroy();
});

describe('demo vaccination', () => {
  it('has sites in every district, lots, low coverage by 10/06/2021 with some second doses, all passing the interval rule', async () => {
    const sites = await t.db.selectFrom('vaccination_site as s').innerJoin('org_unit as o', 'o.id', 's.org_unit_id').select(['o.district_code']).execute();
    const districts = await t.db.selectFrom('admin_unit').select('code').where('level', '=', 'district').where('province_code', '=', '24').execute();
    expect(new Set(sites.map((s) => s.district_code)).size).toBe(districts.length);
    const c = await provinceCoverageOn(t.db, '24', '2021-06-10');
    expect(c.known).toBe(true);
    expect(c.adultsOneDosePercent).toBeGreaterThan(0);
    expect(c.adultsOneDosePercent).toBeLessThan(15);
    const doses = await t.db.selectFrom('vaccine_dose').select(['person_id', 'dose_number', 'dose_date']).orderBy('person_id').orderBy('dose_number').execute();
    expect(doses.some((d) => d.dose_number === 2)).toBe(true);
    expect(doses.every((d) => d.dose_date <= '2021-06-10')).toBe(true);
    const firstOf = new Map(doses.filter((d) => d.dose_number === 1).map((d) => [d.person_id, d.dose_date]));
    for (const d of doses.filter((x) => x.dose_number === 2)) {
      const gap = (Date.parse(d.dose_date) - Date.parse(firstOf.get(d.person_id)!)) / 86_400_000;
      expect(gap).toBeGreaterThanOrEqual(56);
    }
    // A second run changes nothing.
    expect(await runDemoVaccination(t.db, '24', '2021-06-10')).toEqual({ sites: 0, lots: 0, doses: 0, sessions: 0 });
  });
});

describe('demo sessions and the demo vaccinator', () => {
  it('gives sessions invited lists (those vaccinated came; some not yet) and anchors the vaccinator at a site with doses', async () => {
    const inv = await t.db.selectFrom('vaccination_invitee').select(['session_id', 'person_id', 'attended']).execute();
    expect(inv.some((i) => i.attended)).toBe(true);
    expect(inv.some((i) => !i.attended)).toBe(true);
    const attendedWithoutDose = await t.db.selectFrom('vaccination_invitee as i').select('i.person_id').where('i.attended', '=', true)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('vaccine_dose as d').whereRef('d.person_id', '=', 'i.person_id').whereRef('d.session_id', '=', 'i.session_id')))).execute();
    expect(attendedWithoutDose).toEqual([]);
    expect(await addDemoInvitees(t.db, '24', '2021-06-10')).toBe(0);
    const district = (await t.db.selectFrom('admin_unit').select('code').where('level', '=', 'district').where('province_code', '=', '24').orderBy('code').executeTakeFirstOrThrow()).code;
    const site = await demoVaccinationSiteAnchor(t.db, '24', district);
    expect(site).not.toBeNull();
    const doses = await t.db.selectFrom('vaccine_dose').select((eb) => eb.fn.countAll<string>().as('n')).where('site_id', '=', site!).executeTakeFirstOrThrow();
    expect(Number(doses.n)).toBeGreaterThan(0);
    const user = demoUsers({ provinceCode: '24', districtCode: district, communeCode: '07801', enterpriseId: null, boardingHouseId: null, quarantineFacilityId: null, vaccinationSiteId: site })
      .find((u) => u.username === 'tiemchung');
    expect(user).toMatchObject({ role: 'vaccinator', scopeKind: 'org', scopeOrgId: site });
  });
});
