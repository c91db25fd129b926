/**
 * Issue 10, part 2 — the JSON API under generated malformed input: every operation of the OpenAPI
 * document (except signing out and the caller's own password) gets bodies, path parameters and
 * query strings built from its own schema, then one part replaced by something hostile: a wrong
 * type, a huge or negative number, an id past int4, a NUL or control character, a lone surrogate,
 * a 100,000-character string, an impossible date, deep nesting, a formula. Sent as the province
 * admin (so the handlers run, not only the policy): never a 5xx, each error a JSON body with a code
 * and a Vietnamese and an English message.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../fixtures.ts';
import { createTestDb, type TestDb } from '../test-db.ts';
import { collectingStrayErrors, expectNoCrash, FUZZ_SEED } from './harness.ts';
import { FORMULA_PAYLOADS } from './xlsx-gen.ts';

/** Inputs per operation (bodies, ids and queries together). */
export const JSON_RUNS_PER_OPERATION = 12;

let t: TestDb;
let app: App;
let admin: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  admin = await loginAs(app, 't_admin');
});
afterAll(async () => {
  await app?.close();
  await t?.destroy();
});

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; enum?: unknown[]; const?: unknown; format?: string; pattern?: string; minimum?: number; minItems?: number; minLength?: number; default?: unknown };

/** A value the schema accepts, as plain as possible. */
function sampleOf(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.length) return sampleOf(branches.find((b) => b.type !== 'null') ?? branches[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sampleOf(v, depth + 1)]));
    case 'array': return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sampleOf(s.items, depth + 1));
    case 'integer': case 'number': return Math.max(1, s.minimum ?? 1);
    case 'boolean': return true;
    case 'string': {
      if (s.format === 'date' || /\\d\{4\}-/.test(s.pattern ?? '')) return '2021-06-01';
      if (s.format === 'date-time') return '2021-06-01T08:00:00+07:00';
      if (s.pattern === '^\\d{5}$') return '07801';
      if (s.pattern === '^\\d{3}$') return '222';
      if (s.pattern === '^\\d{2}$') return '24';
      return 'Nguyễn Văn An'.padEnd(Math.max(0, s.minLength ?? 0), 'x');
    }
    default: return null;
  }
}

const HOSTILE: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 2147483648, -2147483649, 2 ** 53 + 2, 1e308, -1e308, '', ' ', '\u0000', 'a\u0000b', '\u0001\u001f', '\uD800', '\uFFFF',
    '2021-02-30', '2021-13-01', '0000-00-00', '9999-12-31', '99999-01-01', '2021-06-01T25:61:00Z', 'NaN', 'Infinity', '1e400', '99999999999999999999', '-0', '07801\u0000', "'; drop table person; --",
    [], [null], {}, { $ne: 1 }, { __proto__: { polluted: 1 } }, 'x'.repeat(100_000), Array.from({ length: 10_000 }, (_, i) => i)),
  fc.constantFrom(...FORMULA_PAYLOADS),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: 1, max: 40 }).map((d) => { let v: unknown = 1; for (let i = 0; i < d * 25; i++) v = [v]; return v; }),
  fc.double(),
);

/** The sample with the value at one path (or the whole body) replaced. */
function mutate(sample: unknown, pick: number, value: unknown): unknown {
  const paths: Array<Array<string | number>> = [[]];
  const walk = (v: unknown, p: Array<string | number>) => {
    if (Array.isArray(v)) v.forEach((x, i) => { paths.push([...p, i]); walk(x, [...p, i]); });
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { paths.push([...p, k]); walk(x, [...p, k]); }
  };
  walk(sample, []);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return value;
  const copy = structuredClone(sample) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

/** A lone surrogate cannot be percent-encoded: sent as the invalid UTF-8 bytes it would be. */
const enc = (v: string) => { try { return encodeURIComponent(v); } catch { return '%ED%A0%80'; } };

const IDS = ['0', '-1', '1', '2147483647', '2147483648', '99999999999999999999', 'abc', '1e3', '1.5', '%00', '%E0%A4%A', "1'", '9'.repeat(400)];

interface Operation { method: string; path: string; body?: Schema; query: Array<{ name: string; schema: Schema }>; params: string[]; json: boolean }

function operationsOf(doc: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: Array<{ in: string; name: string; schema: Schema }> }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      // Signing out or changing one's own password would end the session the test runs on.
      if (/^\/api\/auth\/(logout|password|me\/password)/.test(path) || /password/.test(path)) continue;
      const content = op.requestBody?.content ?? {};
      const jsonSchema = content['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(), path, body: jsonSchema, json: !!jsonSchema || Object.keys(content).length === 0,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      });
    }
  }
  return ops;
}

describe('JSON API under generated malformed input', () => {
  it('every operation: hostile bodies, ids and queries, no 5xx and a clean vi/en error', { timeout: 600_000 }, async () => {
    const doc = app.swagger() as unknown as Parameters<typeof operationsOf>[0];
    const ops = operationsOf(doc).filter((o) => o.path.startsWith('/api/'));
    expect(ops.length).toBeGreaterThan(100);
    const input = fc.record({ pick: fc.nat(), value: HOSTILE, id: fc.constantFrom(...IDS), where: fc.constantFrom('body', 'body', 'body', 'id', 'query') });
    let sent = 0;
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const { stray } = await collectingStrayErrors(async () => {
      for (const [n, op] of ops.entries()) {
        const samples = fc.sample(input, { numRuns: JSON_RUNS_PER_OPERATION, seed: (FUZZ_SEED ?? 2021) + n });
        for (const s of samples) {
          const where = !op.body && s.where === 'body' ? (op.params.length ? 'id' : 'query') : s.where;
          const url = op.path.replace(/\{(\w+)\}/g, () => (where === 'id' ? encodeURIComponent(s.id).replace(/%25/g, '%') : '1'));
          const query = op.query.length
            ? `?${op.query.map((q, i) => `${q.name}=${enc(String(where === 'query' && i === s.pick % op.query.length ? (typeof s.value === 'object' ? JSON.stringify(s.value) : s.value) : sampleOf(q.schema) ?? ''))}`).join('&')}`
            : '';
          const body = op.body ? (where === 'body' ? mutate(sampleOf(op.body), s.pick, s.value) : sampleOf(op.body)) : undefined;
          const res = await app.inject({
            method: op.method as 'GET', url: `${url}${query}`, headers: { cookie: admin, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
            ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
          });
          sent += 1;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode === 401) admin = await loginAs(app, 't_admin'); // a fuzzed write may have ended the session
          try {
            expectNoCrash({ statusCode: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.body : '{}', headers: res.headers }, `${op.method} ${url}${query.slice(0, 80)}`);
          } catch (err) {
            failures.push(`${op.method} ${op.path} [${where}] ${JSON.stringify(where === 'body' ? body : s.id).slice(0, 160)} → ${res.statusCode} ${res.body.slice(0, 200)} (${(err as Error).message.slice(0, 80)})`);
          }
        }
      }
    });
    console.info(`fuzz json api: ${ops.length} operations, ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(stray).toEqual([]);
    expect(failures).toEqual([]);
    expect(sent).toBe(ops.length * JSON_RUNS_PER_OPERATION);
  });
});
