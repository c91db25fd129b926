import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { AppConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { casesRoutes } from '../modules/cases/cases.routes.ts';
import { clustersRoutes } from '../modules/clusters/clusters.routes.ts';
import { actorForToken, SESSION_COOKIE } from '../modules/auth/auth.service.ts';
import { caseTracingRoutes, contactsRoutes, personContactsRoutes, tracingRoutes } from '../modules/tracing/tracing.routes.ts';
import { registerTracing } from '../modules/tracing/tracing.service.ts';
import { overviewRoutes } from '../modules/overview/overview.routes.ts';
import { peopleRoutes } from '../modules/people/people.routes.ts';
import { placesRoutes } from '../modules/places/places.routes.ts';
import { facilitiesRoutes, quarantineRoutes } from '../modules/quarantine/quarantine.routes.ts';
import { validatorCompiler } from './validation.ts';
import { samplesRoutes } from '../modules/testing/samples.routes.ts';
import { testingRoutes } from '../modules/testing/testing.routes.ts';
import { treatmentRoutes } from '../modules/treatment/treatment.routes.ts';
import { rulesRoutes } from '../modules/rules/rules.routes.ts';
import { usersRoutes } from '../modules/auth/users.routes.ts';
import { zonesRoutes } from '../modules/zones/zones.routes.ts';
import { directivesRoutes } from '../modules/directives/directives.routes.ts';
import { situationMapRoutes } from '../modules/situation/map.routes.ts';
import { reportsRoutes } from '../modules/reports/reports.routes.ts';
import { levelsRoutes } from '../modules/levels/levels.routes.ts';
import { enterpriseRiskRoutes } from '../modules/enterprises/risk.routes.ts';
import { enterprisesRoutes } from '../modules/enterprises/enterprises.routes.ts';
import { workStatusRoutes } from '../modules/enterprises/work-status.routes.ts';
import { situationRoutes } from '../modules/situation/situation.routes.ts';
import { checkinRoutes, meRoutes } from '../modules/venues/checkin.routes.ts';
import { venuesRoutes } from '../modules/venues/venues.routes.ts';
import { vaccinationRoutes } from '../modules/vaccination/vaccination.routes.ts';
import { arrivalsRoutes, declarationsRoutes } from '../modules/arrivals/arrivals.routes.ts';
import { communityRoutes } from '../modules/community/community.routes.ts';
import { supportRoutes } from '../modules/support/support.routes.ts';
import { suppliesRoutes } from '../modules/supplies/supplies.routes.ts';
import { boardingHousesRoutes } from '../modules/boarding-houses/boarding-houses.routes.ts';
import { AppError, Errors, fromDatabaseError, issueFromSchema, ValidationError } from './errors.ts';
import { registerRequestGuards } from './security.ts';
import './context.ts';

export interface BuildOptions {
  db: Db;
  config: AppConfig;
  logger?: FastifyServerOptions['logger'];
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The whole HTTP application without a socket: main.ts listens, tests use inject(). */
export async function build({ db, config, logger = false }: BuildOptions) {
  const app = Fastify({
    logger,
    bodyLimit: 25 * 1024 * 1024,
    trustProxy: config.trustProxy,
    // The router's own refusals (a malformed %-escape, a parameter past maxParamLength) answer in
    // the catalogue's shape too, in Vietnamese and English (issue 10, fuzzing).
    frameworkErrors: (error, _request, reply) => {
      const appError = toAppError(error);
      return (reply as unknown as FastifyReply).status(appError.status).send(appError.toBody());
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler());

  app.decorate('ctx', { db, config });
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  app.addContentTypeParser([XLSX_MIME, 'application/octet-stream', 'text/csv'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design and Leaflet set inline styles; no inline scripts are allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'EpiCommand API', version: '0.1.0', description: 'Provincial epidemic command platform' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Who is asking: the session cookie, resolved once per request.
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    request.sessionToken = token;
    request.actor = (await actorForToken(db, token, request.ip)) ?? null;
  });
  // Sign-in before validation, and no state change from another site (security.ts).
  registerRequestGuards(app, config);

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'unhandled error');
    return reply.status(appError.status).send(appError.toBody());
  });

  app.setNotFoundHandler((request, reply) => {
    const index = path.join(config.webDistDir, 'index.html');
    if (request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/docs') && existsSync(index)) {
      return reply.type('text/html').sendFile('index.html', config.webDistDir);
    }
    const e = Errors.routeNotFound(request.method, request.url.split('?')[0] ?? request.url);
    return reply.status(404).send(e.toBody());
  });

  app.get('/api/health', { schema: { hide: true, security: [] } }, async () => ({ ok: true }));
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(placesRoutes, { prefix: '/api/places' });
  await app.register(peopleRoutes, { prefix: '/api/people' });
  await app.register(usersRoutes, { prefix: '/api/users' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(overviewRoutes, { prefix: '/api/overview' });
  await app.register(casesRoutes, { prefix: '/api/cases' });
  await app.register(clustersRoutes, { prefix: '/api/clusters' });
  await app.register(facilitiesRoutes, { prefix: '/api/facilities' });
  await app.register(quarantineRoutes, { prefix: '/api/quarantine' });
  await app.register(samplesRoutes, { prefix: '/api/samples' });
  await app.register(testingRoutes, { prefix: '/api/testing' });
  await app.register(treatmentRoutes, { prefix: '/api/treatment' });
  await app.register(rulesRoutes, { prefix: '/api/rules' });
  await app.register(zonesRoutes, { prefix: '/api/zones' });
  await app.register(directivesRoutes, { prefix: '/api/directives' });
  await app.register(situationMapRoutes, { prefix: '/api/situation/map' });
  await app.register(reportsRoutes, { prefix: '/api/reports' });
  await app.register(levelsRoutes, { prefix: '/api/levels' });
  await app.register(enterpriseRiskRoutes, { prefix: '/api/enterprise-risk' });
  await app.register(enterprisesRoutes, { prefix: '/api/enterprises' });
  await app.register(workStatusRoutes, { prefix: '/api/enterprises' });
  await app.register(situationRoutes, { prefix: '/api/situation' });
  await app.register(venuesRoutes, { prefix: '/api/venues' });
  await app.register(vaccinationRoutes, { prefix: '/api/vaccination' });
  await app.register(communityRoutes, { prefix: '/api/community' });
  await app.register(supportRoutes, { prefix: '/api/support' });
  await app.register(suppliesRoutes, { prefix: '/api/supplies' });
  await app.register(boardingHousesRoutes, { prefix: '/api/boarding-houses' });
  await app.register(checkinRoutes, { prefix: '/api/checkin' });
  await app.register(meRoutes, { prefix: '/api/me' });
  await app.register(arrivalsRoutes, { prefix: '/api/arrivals' });
  await app.register(declarationsRoutes, { prefix: '/api/declarations' });
  await app.register(tracingRoutes, { prefix: '/api/tracing' });
  await app.register(caseTracingRoutes, { prefix: '/api/cases' });
  await app.register(personContactsRoutes, { prefix: '/api/people' });
  await app.register(contactsRoutes, { prefix: '/api/contacts' });
  registerTracing(db);

  if (existsSync(config.webDistDir)) {
    await app.register(fastifyStatic, { root: config.webDistDir, wildcard: false, index: ['index.html'] });
  }
  return app;
}

export type App = Awaited<ReturnType<typeof build>>;

function toAppError(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validation?: Array<{ instancePath: string; keyword: string; message?: string; params?: Record<string, unknown> }> };
  if (fe.validation) {
    return new ValidationError(
      fe.validation.map((v) => {
        const field = issueFromSchema(v.instancePath, v.keyword, v.message, v.params?.missingProperty as string | undefined);
        return fe.validationContext && fe.validationContext !== 'body' && !v.instancePath && !v.params?.missingProperty
          ? { ...field, field: fe.validationContext }
          : field;
      }),
    );
  }
  const dbValue = fromDatabaseError(error);
  if (dbValue) return dbValue;
  if (fe.statusCode === 429) return Errors.rateLimited(60);
  if (fe.statusCode === 413 || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return Errors.payloadTooLarge();
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.code ?? 'BAD_REQUEST', fe.statusCode, {
      vi: `Yêu cầu không hợp lệ: ${fe.message}`,
      en: `Bad request: ${fe.message}`,
    });
  }
  return Errors.internal();
}
