/**
 * Request guards that hold for every API route, before the body is parsed or validated:
 * - sign-in first: a route is public only when its schema says `security: []` (the OpenAPI
 *   marker of the login, check-in, declaration and unit-registration routes); any other API
 *   route answers 401 to a request without a valid session, whatever its input, so an anonymous
 *   caller learns nothing from validation messages and cannot make the server read a large body;
 * - cross-site request forgery: the session is a SameSite=Strict cookie, and on top of that a
 *   state-changing request (POST, PUT, PATCH, DELETE) sent by a browser from another site is
 *   refused: `Sec-Fetch-Site` other than same-origin / none, or, from browsers that do not send
 *   it, an `Origin` that is neither this server's nor PUBLIC_URL's. Clients that are not browsers
 *   send neither header and are not affected; the web app needs no token.
 * Registered by build() after the hook that resolves the session (app.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.ts';
import { Errors } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the route's schema declares it public (`security: []`). */
export function isPublicRoute(request: FastifyRequest): boolean {
  const security = (request.routeOptions.schema as { security?: unknown[] } | undefined)?.security;
  return Array.isArray(security) && security.length === 0;
}

/** Whether a state-changing request comes from a page of another site. */
export function isCrossSite(request: FastifyRequest, publicUrl: string | undefined): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const site = header(request, 'sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = header(request, 'origin');
  if (!origin) return false;
  if (origin === 'null') return true;
  const allowed = [`${request.protocol}://${request.host}`];
  if (publicUrl) {
    try {
      allowed.push(new URL(publicUrl).origin);
    } catch {
      // A malformed PUBLIC_URL allows nothing more.
    }
  }
  return !allowed.includes(origin);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function registerRequestGuards(app: FastifyInstance, config: AppConfig): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.is404) return;
    if (isCrossSite(request, config.publicUrl)) throw Errors.crossSiteRequest();
    if (!request.actor && !isPublicRoute(request)) throw Errors.unauthenticated();
  });
}
