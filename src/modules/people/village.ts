/**
 * The village (thôn / tổ dân phố) of a person: the part of the address before the first comma
 * ("Thôn Bằng Công, xóm 3" → "Thôn Bằng Công"), compared without case. Village sampling rounds,
 * the village pickers and lockdown zones all match people this one way.
 */
import { sql } from 'kysely';

/** The village as written in `alias.address_detail`. */
export const villageName = (alias: string) => sql<string>`trim(split_part(${sql.ref(`${alias}.address_detail`)}, ',', 1))`;

/** The village of `alias.address_detail` as compared. */
export const villageKey = (alias: string) => sql<string>`lower(${villageName(alias)})`;

/** A village name (a value or an SQL expression) as compared with `villageKey`. */
export const villageKeyOf = (village: string | ReturnType<typeof sql.ref>) => sql<string>`lower(trim(${village}))`;
