import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { exportContacts } from './tracing.export.ts';
import { emptyWorld, insertWorld } from './tracing.fixtures.ts';

let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), 'epi-contacts-'));
});
afterAll(async () => {
  await t.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('export-contacts', () => {
  it('writes the six CSV files with their headers, one line per row and empty fields for none', async () => {
    const w = emptyWorld(3);
    w.groups.push({ kind: 'room', members: [{ p: 1, from: 0, to: 4 }, { p: 2, from: 1, to: null }] });
    w.checkins.push({ p: 1, v: 1, minute: 600 });
    w.contacts.push({ a: 2, b: 3, day: 2 });
    w.cases.push({ p: 1, onset: null, sample: 3, confirmation: 4, isolation: null });
    w.quarantines.push({ p: 2, start: 5, end: 9 });
    const ids = await insertWorld(t.db, w);
    const counts = await exportContacts(t.db, '24', dir);
    expect(counts).toEqual({ 'people.csv': 3, 'memberships.csv': 2, 'checkins.csv': 1, 'contacts.csv': 1, 'cases.csv': 1, 'quarantines.csv': 1 });
    const lines = (f: string) => readFileSync(path.join(dir, f), 'utf8').trim().split('\n');
    expect(lines('people.csv')[0]).toBe('person_id,commune_code,household_id');
    expect(lines('people.csv')[1]).toBe(`${ids.people[0]},07801,`);
    expect(lines('memberships.csv')).toEqual([
      'person_id,group_kind,group_id,from_date,to_date',
      `${ids.people[0]},room,${ids.groups[0]},2021-05-01,2021-05-05`,
      `${ids.people[1]},room,${ids.groups[0]},2021-05-02,`,
    ]);
    // 10:00 in Vietnam is 03:00 UTC.
    expect(lines('checkins.csv')[1]).toBe(`${ids.people[0]},${ids.venues[0]},2021-05-01T03:00:00.000Z`);
    expect(lines('contacts.csv')[1]).toBe(`${ids.people[1]},${ids.people[2]},2021-05-03`);
    expect(lines('cases.csv')).toEqual(['person_id,onset_date,sample_date,confirmation_date,isolation_date', `${ids.people[0]},,2021-05-04,2021-05-05,`]);
    expect(lines('quarantines.csv')[0]).toBe('person_id,start_date,end_date');
    expect(lines('quarantines.csv')[1]).toBe(`${ids.people[1]},2021-05-06,2021-05-10`);
  });
});
