import { randomBytes, randomUUID } from 'node:crypto';
import type { FakeHttpResult } from './fakeHttpResult';

export interface FakeEntraIdOptions {
  /** https://127.0.0.1:port, the fake's authority host. */
  baseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The only scope the app may ask for: `${armEndpoint}/.default`. */
  armScope: string;
  /** How long ARM accepts a token. */
  tokenLifetimeSeconds: number;
  /** `expires_in` reported to the client; longer than the real lifetime simulates clock skew. */
  advertisedTokenLifetimeSeconds: number;
  now: () => number;
}

export type TokenCheck = { valid: true } | { valid: false; reason: 'missing' | 'unknown' | 'expired'; expiredAt?: number };

/**
 * The Entra ID v2.0 endpoints a confidential client uses (OpenID configuration and client-credentials
 * token grant), with Entra's JSON shapes and AADSTS error bodies. Issued tokens are JWT-shaped
 * (unsigned) and remembered, so the fake ARM can tell valid, expired and unknown tokens apart.
 */
export class FakeEntraId {
  readonly #o: FakeEntraIdOptions;
  readonly #tokens = new Map<string, { expiresAt: number }>();

  constructor(options: FakeEntraIdOptions) {
    this.#o = options;
  }

  get issuedCount(): number {
    return this.#tokens.size;
  }

  /** Makes every issued token expired at ARM, as if its lifetime had run out (or it was revoked). */
  expireAll(): void {
    const past = this.#o.now() - 1000;
    for (const token of this.#tokens.values()) token.expiresAt = past;
  }

  checkBearer(authorization: string | undefined): TokenCheck {
    const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) return { valid: false, reason: 'missing' };
    const token = this.#tokens.get(match[1]);
    if (!token) return { valid: false, reason: 'unknown' };
    if (token.expiresAt <= this.#o.now()) return { valid: false, reason: 'expired', expiredAt: token.expiresAt };
    return { valid: true };
  }

  openIdConfiguration(tenant: string): FakeHttpResult {
    if (tenant !== this.#o.tenantId) return this.#tenantNotFound(tenant);
    const base = `${this.#o.baseUrl}/${tenant}`;
    return {
      status: 200,
      body: {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'cloud_instance_name', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'at_hash', 'c_hash'],
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
        rbac_url: 'https://pas.windows.net',
      },
    };
  }

  /** POST /{tenant}/oauth2/v2.0/token with a form body (client_secret_post or client_secret_basic). */
  token(tenant: string, form: URLSearchParams, authorization: string | undefined): FakeHttpResult {
    if (tenant !== this.#o.tenantId) return this.#tenantNotFound(tenant);
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic (\S+)$/i.exec(authorization ?? '');
    if (basic?.[1]) {
      const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      clientSecret = decodeURIComponent(secret ?? '');
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return this.#aadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.get('grant_type') ?? ''}'.`);
    }
    if (clientId !== this.#o.clientId) {
      return this.#aadError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId ?? ''}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }
    if (!clientSecret) {
      return this.#aadError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    if (clientSecret !== this.#o.clientSecret) {
      return this.#aadError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      );
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (!scopes.includes(this.#o.armScope)) {
      return this.#aadError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const now = this.#o.now();
    const access = this.#mint(now);
    this.#tokens.set(access, { expiresAt: now + this.#o.tokenLifetimeSeconds * 1000 });
    const advertised = this.#o.advertisedTokenLifetimeSeconds;
    return { status: 200, body: { token_type: 'Bearer', expires_in: advertised, ext_expires_in: advertised, access_token: access } };
  }

  /** An unsigned JWT with the claims ARM tokens carry; only this fake ever reads it. */
  #mint(now: number): string {
    const seconds = Math.floor(now / 1000);
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      aud: this.#o.armScope.replace(/\/\.default$/, '/'),
      iss: `https://sts.windows.net/${this.#o.tenantId}/`,
      iat: seconds,
      nbf: seconds,
      exp: seconds + this.#o.tokenLifetimeSeconds,
      appid: this.#o.clientId,
      idtyp: 'app',
      tid: this.#o.tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
    };
    return `${part({ typ: 'JWT', alg: 'none' })}.${part(claims)}.${randomBytes(32).toString('base64url')}`;
  }

  #tenantNotFound(tenant: string): FakeHttpResult {
    return this.#aadError(
      400,
      'invalid_tenant',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    );
  }

  /** Entra's error body: AADSTS code in the description, trace and correlation ids, error_uri. */
  #aadError(status: number, error: string, code: number, description: string): FakeHttpResult {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = new Date(this.#o.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    return {
      status,
      body: {
        error,
        error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
        error_codes: [code],
        timestamp,
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `${this.#o.baseUrl}/error?code=${code}`,
      },
    };
  }
}
