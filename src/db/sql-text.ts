import { type Expression, sql } from 'kysely';

/**
 * foldVietnamese (src/lib/vn-text.ts) in SQL, for tables that keep no folded copy of a name:
 * decompose, drop the combining marks, đ -> d, lower case, single spaces. Valid on PGlite and
 * PostgreSQL (UTF8 databases).
 */
export function foldedSql(text: Expression<string>) {
  return sql<string>`btrim(regexp_replace(lower(translate(regexp_replace(normalize(${text}, NFD), ${'[\u0300-\u036f]'}, '', 'g'), 'đĐ', 'dD')), ${'\\s+'}, ' ', 'g'))`;
}
