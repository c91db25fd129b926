/**
 * `export-contacts`: the contact data as plain CSV files, so that anyone can re-implement the
 * tracing rules and check this system's results independently.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { Db } from '../../db/database.ts';

const CHUNK = 100_000;

async function writeCsv<R extends { id: number }>(file: string, header: string, fetch: (after: number) => Promise<R[]>, line: (r: R) => string): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  out.write(`${header}\n`);
  let after = 0;
  let n = 0;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length === 0) break;
    let text = '';
    for (const r of rows) text += `${line(r)}\n`;
    n += rows.length;
    if (!out.write(text)) await once(out, 'drain');
    after = rows[rows.length - 1]!.id;
    if (rows.length < CHUNK) break;
  }
  out.end();
  await once(out, 'finish');
  return n;
}

const v = (x: string | number | null | undefined) => (x === null || x === undefined ? '' : String(x));

export async function exportContacts(db: Db, provinceCode: string, dir: string): Promise<Record<string, number>> {
  await mkdir(dir, { recursive: true });
  const f = (name: string) => path.join(dir, name);
  const counts: Record<string, number> = {};
  counts['people.csv'] = await writeCsv(f('people.csv'), 'person_id,commune_code,household_id',
    (after) => db.selectFrom('person').select(['id', 'commune_code', 'household_id']).where('province_code', '=', provinceCode)
      .where('id', '>', after).orderBy('id').limit(CHUNK).execute(),
    (r) => `${r.id},${r.commune_code},${v(r.household_id)}`);
  counts['memberships.csv'] = await writeCsv(f('memberships.csv'), 'person_id,group_kind,group_id,from_date,to_date',
    (after) => db.selectFrom('group_membership as m').innerJoin('contact_group as g', 'g.id', 'm.group_id')
      .select(['m.id', 'm.person_id', 'g.kind', 'm.group_id', 'm.valid_from', 'm.valid_to']).where('m.province_code', '=', provinceCode)
      .where('m.id', '>', after).orderBy('m.id').limit(CHUNK).execute(),
    (r) => `${r.person_id},${r.kind},${r.group_id},${r.valid_from},${v(r.valid_to)}`);
  counts['checkins.csv'] = await writeCsv(f('checkins.csv'), 'person_id,venue_id,checked_in_at',
    (after) => db.selectFrom('checkin').select(['id', 'person_id', 'venue_id', 'checked_in_at']).where('province_code', '=', provinceCode)
      .where('id', '>', after).orderBy('id').limit(CHUNK).execute(),
    (r) => `${r.person_id},${r.venue_id},${r.checked_in_at.toISOString()}`);
  counts['contacts.csv'] = await writeCsv(f('contacts.csv'), 'person_a,person_b,date',
    (after) => db.selectFrom('manual_contact').select(['id', 'person_a', 'person_b', 'contact_date']).where('province_code', '=', provinceCode)
      .where('id', '>', after).orderBy('id').limit(CHUNK).execute(),
    (r) => `${r.person_a},${r.person_b},${r.contact_date}`);
  counts['cases.csv'] = await writeCsv(f('cases.csv'), 'person_id,onset_date,sample_date,confirmation_date,isolation_date',
    (after) => db.selectFrom('covid_case').select(['id', 'person_id', 'onset_date', 'sample_date', 'confirmation_date', 'isolation_date'])
      .where('province_code', '=', provinceCode).where('id', '>', after).orderBy('id').limit(CHUNK).execute(),
    (r) => `${r.person_id},${v(r.onset_date)},${r.sample_date},${r.confirmation_date},${v(r.isolation_date)}`);
  counts['quarantines.csv'] = await writeCsv(f('quarantines.csv'), 'person_id,start_date,end_date',
    (after) => db.selectFrom('quarantine_order').select(['id', 'person_id', 'start_date', 'end_date']).where('province_code', '=', provinceCode)
      .where('id', '>', after).orderBy('id').limit(CHUNK).execute(),
    (r) => `${r.person_id},${r.start_date},${v(r.end_date)}`);
  return counts;
}
