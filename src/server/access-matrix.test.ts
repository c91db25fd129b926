/**
 * The access matrix (issue 10, part 1): every route of the OpenAPI document, called by one user of
 * every role and scope kind and by an anonymous caller, answers as `access-matrix.ts` declares.
 * Runs against this file's own throw-away database: the allowed writes really happen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../modules/auth/policy.ts';
import { ACCESS_ACTORS, type JsonSchema, loginAccessActors, sampleOf, seedAccessActors } from '../test/access-fixtures.ts';
import { buildTestApp } from '../test/fixtures.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { ACCESS_MATRIX, mayCall } from './access-matrix.ts';
import type { App } from './app.ts';

interface Operation {
  security?: unknown[];
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let t: TestDb;
let app: App;
let cookies: Record<string, string>;
let routes: Array<{ key: string; method: Method; path: string; op: Operation }>;

beforeAll(async () => {
  t = await createTestDb();
  await seedAccessActors(t.db);
  app = await buildTestApp(t.db);
  await app.ready();
  cookies = await loginAccessActors(app);
  const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase() as Method, path, op })));
  // Signing out ends the session the other calls use: last.
  routes.sort((a, b) => Number(a.key === 'POST /api/auth/logout') - Number(b.key === 'POST /api/auth/logout'));
}, 300_000);
afterAll(async () => {
  await app.close();
  await t.destroy();
});

/** A plausible request: ids that exist nowhere, path texts and required query values of the right shape, a sample body. */
function requestOf(r: { method: Method; path: string; op: Operation }) {
  const query = new URLSearchParams();
  const params: Record<string, string> = {};
  for (const p of r.op.parameters ?? []) {
    if (p.in === 'path') params[p.name] = p.schema.type === 'integer' ? '999999' : String(sampleOf(p.schema));
    else if (p.in === 'query' && p.required) query.set(p.name, String(sampleOf(p.schema)));
  }
  const url = r.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k]!)) + (query.size ? `?${query}` : '');
  if (r.method === 'GET' || r.method === 'DELETE') return { url, headers: {} as Record<string, string>, payload: undefined };
  const body = r.op.requestBody?.content?.['application/json']?.schema;
  // Routes without a JSON body take a file (or nothing): a few bytes that are no spreadsheet.
  return body
    ? { url, headers: {} as Record<string, string>, payload: sampleOf(body) as object }
    : { url, headers: { 'content-type': 'application/octet-stream' } as Record<string, string>, payload: Buffer.from('not a spreadsheet') };
}

describe('access matrix', () => {
  it('has a user of every role, and users of each scope kind', () => {
    expect(ROLES.filter((r) => !ACCESS_ACTORS.some((a) => a.role === r))).toEqual([]);
    expect(new Set(ACCESS_ACTORS.map((a) => a.scopeKind))).toEqual(new Set(['province', 'district', 'commune', 'org']));
  });

  it('declares every route of the OpenAPI document, and no route that is not there', () => {
    const keys = new Set(routes.map((r) => r.key));
    expect(routes.filter((r) => !ACCESS_MATRIX[r.key]).map((r) => r.key), 'routes missing from src/server/access-matrix.ts').toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((k) => !keys.has(k)), 'matrix entries without a route').toEqual([]);
  });

  it('declares public exactly the routes whose schema says security: []', () => {
    const marked = routes.filter((r) => Array.isArray(r.op.security) && r.op.security.length === 0).map((r) => r.key).sort();
    const declared = Object.entries(ACCESS_MATRIX).filter(([, a]) => a.kind === 'public').map(([k]) => k).sort();
    expect(declared).toEqual(marked);
  });

  it('answers every route as declared, for every role and scope and for anonymous callers', async () => {
    const wrong: string[] = [];
    const callers = [...ACCESS_ACTORS, null];
    let calls = 0;
    const started = Date.now();
    // ACCESS_MATRIX_ONLY=<text>: walk only the routes whose key contains it (while fixing one module).
    const only = process.env.ACCESS_MATRIX_ONLY;
    for (const r of routes.filter((x) => !only || x.key.includes(only))) {
      const access = ACCESS_MATRIX[r.key];
      if (!access) continue; // reported by the test above
      const req = requestOf(r);
      // The users of one route in parallel (one app, one database); routes one after the other.
      await Promise.all(callers.map(async (a) => {
        const headers = a ? { ...req.headers, cookie: cookies[a.label]! } : req.headers;
        const res = await app.inject({ method: r.method, url: req.url, headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
        calls++;
        let code = '';
        try {
          code = (res.json() as { error?: { code?: string } }).error?.code ?? '';
        } catch {
          // A file or an empty answer.
        }
        const who = a ? a.label : 'anonymous';
        const allowed = mayCall(access, a);
        if (access.kind === 'public') {
          if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') wrong.push(`${r.key} as ${who}: public, got ${res.statusCode} ${code}`);
        } else if (allowed) {
          if (res.statusCode === 401 || (res.statusCode === 403 && code !== 'OUT_OF_SCOPE')) wrong.push(`${r.key} as ${who}: allowed, got ${res.statusCode} ${code}`);
        } else if (res.statusCode !== (a ? 403 : 401)) {
          wrong.push(`${r.key} as ${who}: denied, got ${res.statusCode} ${code}`);
        }
      }));
    }
    console.info(`access matrix: ${routes.length} routes × ${callers.length} callers = ${calls} calls in ${Date.now() - started} ms`);
    expect(wrong).toEqual([]);
  }, 600_000);
});
