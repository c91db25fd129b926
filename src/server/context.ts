import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../modules/auth/policy.ts';
import { Errors } from './errors.ts';

export interface AppContext {
  db: Db;
  config: AppConfig;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

/** The signed-in actor of a request, or 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw Errors.unauthenticated();
  return request.actor;
}
