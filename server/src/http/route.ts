import type { NextFunction, Request, Response } from 'express';
import { z, type ZodType } from 'zod';
import { AppError, forbidden, unauthenticated } from '../errors';
import type { Actor } from '../policies/actor';
import type { PartnerKey } from '../integrations/apiKeys';
import { can, type ApiScope, type Permission, type Role } from '../policies/permissions';
import { checkCsrf } from '../security/sessions';
import type { Services } from './services';

/** A partner route: needs an API key (`Authorization: Bearer`) with the scope. */
export type PartnerAccess = `partner:${ApiScope}`;

/**
 * Who may call a route: `public` (explicitly nobody signed in needed), `signedIn` (any account),
 * a permission from the role map, a list of permissions of which any one will do, or a partner
 * API key scope. Every route must say one of these.
 */
export type Access = 'public' | 'signedIn' | Permission | readonly Permission[] | PartnerAccess;

export const isPartnerAccess = (access: Access): access is PartnerAccess =>
  typeof access === 'string' && access.startsWith('partner:');

/** Whether a role passes a route's role-level check (public and partner routes aside). */
export function roleMayCall(access: Access, role: Role): boolean {
  if (access === 'public' || access === 'signedIn') return true;
  if (isPartnerAccess(access)) return false;
  const anyOf: readonly Permission[] = typeof access === 'string' ? [access] : access;
  return anyOf.some((permission) => can(role, permission));
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<B, Q, P, A extends Access> {
  req: Request;
  res: Response;
  actor: A extends 'public' | PartnerAccess ? Actor | null : Actor;
  partner: A extends PartnerAccess ? PartnerKey : PartnerKey | null;
  body: B;
  query: Q;
  params: P;
  services: Services;
}

/**
 * What a handler answers: a JSON body and a status (200 unless said), nothing (204), or `sent`
 * when the handler wrote the response itself (file downloads, streamed workbooks).
 */
export type Reply = { status?: number; body: unknown } | { sent: true } | undefined;

export interface RouteSpec<B, Q, P, A extends Access> {
  method: Method;
  /** Full path including `/api`, in Express syntax. */
  path: string;
  access: A;
  /** Counts requests per client IP against the auth limit (sign-in and recovery). */
  rateLimited?: boolean;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  handler: (ctx: RouteContext<B, Q, P, A>) => Promise<Reply>;
}

/** A route as the app and the tests see it: its address, who may call it, and how to run it. */
export interface Route {
  method: Method;
  path: string;
  access: Access;
  handle: (req: Request, res: Response, services: Services) => Promise<void>;
}

const writeMethods: readonly Method[] = ['post', 'put', 'patch', 'delete'];

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new AppError(400, 'validation_failed', 'Los datos enviados no son válidos.', {
    details: result.error.issues.map((issue) => ({
      path: [where, ...issue.path.map(String)].join('.'),
      code: issue.code,
      message: issue.message,
    })),
  });
}

/** Resolves the caller's right to call the route: the role- or scope-level part of every policy. */
function authorize(access: Access, actor: Actor | null, req: Request): void {
  if (access === 'public') return;
  if (isPartnerAccess(access)) {
    if (!req.partner) {
      throw new AppError(
        401,
        'unauthenticated',
        'Falta una clave de API válida (Authorization: Bearer …).',
      );
    }
    if (!req.partner.scopes.includes(access.slice('partner:'.length) as ApiScope)) {
      throw forbidden('forbidden', 'La clave de API no tiene permiso para esta operación.');
    }
    return;
  }
  if (!actor) throw unauthenticated();
  if (!roleMayCall(access, actor.role)) throw forbidden();
  if (actor.session && writeMethods.includes(req.method.toLowerCase() as Method)) {
    checkCsrf(actor.session, req.get('x-csrf-token'));
  }
}

export function defineRoute<B = undefined, Q = undefined, P = undefined, A extends Access = Access>(
  spec: RouteSpec<B, Q, P, A>,
): Route {
  return {
    method: spec.method,
    path: spec.path,
    access: spec.access,
    async handle(req, res, services) {
      const actor = req.actor ?? null;
      if (spec.rateLimited) {
        await services.rateLimiter.hit(
          `${spec.path}:${req.ip}`,
          services.config.security.authRateLimit,
          15 * 60_000,
        );
      }
      authorize(spec.access, actor, req);
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const body = parse(spec.body, req.body, 'body');
      const reply = await spec.handler({
        req,
        res,
        actor: actor as RouteContext<B, Q, P, A>['actor'],
        partner: (req.partner ?? null) as RouteContext<B, Q, P, A>['partner'],
        body,
        query,
        params,
        services,
      });
      if (reply === undefined) res.status(204).end();
      else if (!('sent' in reply)) res.status(reply.status ?? 200).json(reply.body);
    },
  };
}

/** Adapts a Route to Express, sending errors to the error middleware. */
export const toExpress =
  (route: Route, services: Services) => (req: Request, res: Response, next: NextFunction) => {
    route.handle(req, res, services).catch(next);
  };

/** Shared request-schema pieces. */
export const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A `findAndCountAll` result as a page of presented items. */
export const pageOf = <R, T>(
  found: { rows: R[]; count: number },
  paging: { page: number; pageSize: number },
  present: (row: R) => T,
): Page<T> => ({
  items: found.rows.map(present),
  total: found.count,
  page: paging.page,
  pageSize: paging.pageSize,
});
