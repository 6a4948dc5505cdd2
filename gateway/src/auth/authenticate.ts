import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, graphqlErrorBody, scopesForRoles, type Logger, type Principal } from '@soc/server-kit';
import { DirectoryUnavailableError, type PrincipalDirectory } from './principalDirectory';
import { InvalidCredentialsError, type TokenVerifier } from './tokenVerifier';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403 | 503,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Matches x-tenant-id (id or slug) against what the caller may use. */
function pickTenant<T extends { tenantId: string; slug: string }>(requested: string | undefined, available: T[]): T {
  if (!requested) {
    const home = available[0];
    if (!home) throw new AuthError(403, ErrorCode.FORBIDDEN, 'You are not a member of any tenant');
    return home;
  }
  const match = available.find((m) => m.tenantId === requested || m.slug === requested);
  if (!match) throw new AuthError(403, ErrorCode.FORBIDDEN, `You have no access to tenant "${requested}"`);
  return match;
}

/** What a caller presents: HTTP headers, or the `connection_init` payload of a WebSocket. */
export interface Credentials {
  apiKey?: string;
  /** `Bearer <jwt>`. */
  authorization?: string;
  /** Active tenant (id or slug). */
  tenant?: string;
}

/**
 * The principal behind a partner API key or a bearer JWT from a trusted issuer, with the active
 * tenant checked against its memberships. Throws AuthError / InvalidCredentialsError (refuse) or
 * DirectoryUnavailableError (try again later). Shared by HTTP and graphql-ws.
 */
export function createPrincipalResolver(verifyToken: TokenVerifier, directory: PrincipalDirectory) {
  return async function principalOf({ apiKey, authorization, tenant }: Credentials): Promise<Principal> {
    const requestedTenant = tenant?.trim() || undefined;

    if (apiKey) {
      const client = await directory.apiClientByKey(apiKey);
      if (!client) throw new AuthError(401, ErrorCode.UNAUTHENTICATED, 'API key is invalid or revoked');
      pickTenant(requestedTenant, [client]);
      return { kind: 'apiClient', id: client.id, email: null, tenantId: client.tenantId, memberships: [{ tenantId: client.tenantId, roles: [] }], scopes: client.scopes };
    }
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      if (scheme !== 'Bearer' || !token) throw new AuthError(401, ErrorCode.UNAUTHENTICATED, 'Authorization must be "Bearer <token>"');
      const identity = await verifyToken(token);
      const user = await directory.userByEmail(identity.email);
      if (!user) throw new AuthError(401, ErrorCode.UNAUTHENTICATED, 'This account is not provisioned in any tenant');
      const active = pickTenant(requestedTenant, user.memberships);
      return {
        kind: 'user',
        id: user.id,
        email: user.email,
        tenantId: active.tenantId,
        memberships: user.memberships.map(({ tenantId, roles }) => ({ tenantId, roles })),
        scopes: scopesForRoles(active.roles),
      };
    }
    throw new AuthError(401, ErrorCode.UNAUTHENTICATED, 'Authentication required: send Authorization: Bearer <token> or x-api-key');
  };
}

export type PrincipalResolver = ReturnType<typeof createPrincipalResolver>;

/**
 * Establishes the principal of every API request: a partner API key (x-api-key) or a bearer JWT
 * from a trusted issuer, then the active tenant from x-tenant-id, checked against memberships.
 * Anything else is answered 401/403 with a GraphQL error body before any subgraph is called.
 */
export function createAuthenticator(principalOf: PrincipalResolver, logger: Logger) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      req.principal = await principalOf({ apiKey: req.header('x-api-key'), authorization: req.header('authorization'), tenant: req.header('x-tenant-id') });
      next();
    } catch (error) {
      if (error instanceof AuthError || error instanceof InvalidCredentialsError) {
        const status = error instanceof AuthError ? error.status : 401;
        const code = error instanceof AuthError ? error.code : ErrorCode.UNAUTHENTICATED;
        if (status === 401) res.setHeader('www-authenticate', 'Bearer');
        res.status(status).json(graphqlErrorBody(code, error.message, { requestId: req.requestId }));
        return;
      }
      if (error instanceof DirectoryUnavailableError) {
        logger.error({ err: error, requestId: req.requestId }, 'identity lookup failed');
        res.status(503).json(graphqlErrorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Identity service unavailable, try again', { requestId: req.requestId }));
        return;
      }
      next(error);
    }
  };
}
