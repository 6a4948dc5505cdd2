import { createHash, randomUUID } from 'node:crypto';
import type { InternalTokenSigner, Role, Scope } from '@soc/server-kit';
import { TtlCache } from './ttlCache';

export interface DirectoryUser {
  kind: 'user';
  id: string;
  email: string;
  displayName: string;
  memberships: Array<{ tenantId: string; slug: string; roles: Role[] }>;
}

export interface DirectoryApiClient {
  kind: 'apiClient';
  id: string;
  name: string;
  tenantId: string;
  slug: string;
  scopes: Scope[];
}

export class DirectoryUnavailableError extends Error {}

/**
 * Who a credential belongs to, asked of the tenants service (which owns users and API clients)
 * with the gateway's own service identity, and cached briefly so authentication is not a
 * round-trip on every request.
 */
export class PrincipalDirectory {
  private readonly users: TtlCache<DirectoryUser | null>;
  private readonly apiClients: TtlCache<DirectoryApiClient | null>;

  constructor(
    private readonly tenantsBaseUrl: string,
    private readonly sign: InternalTokenSigner,
    cacheSeconds: number,
  ) {
    this.users = new TtlCache(cacheSeconds * 1000);
    this.apiClients = new TtlCache(cacheSeconds * 1000);
  }

  async userByEmail(email: string): Promise<DirectoryUser | null> {
    const key = email.trim().toLowerCase();
    const cached = this.users.get(key);
    if (cached !== undefined) return cached;
    const user = await this.lookup<DirectoryUser>('/internal/principals/user', { email: key });
    this.users.set(key, user);
    return user;
  }

  async apiClientByKey(apiKey: string): Promise<DirectoryApiClient | null> {
    // Keyed by a hash: the cache never holds a usable key.
    const key = createHash('sha256').update(apiKey).digest('hex');
    const cached = this.apiClients.get(key);
    if (cached !== undefined) return cached;
    const client = await this.lookup<DirectoryApiClient>('/internal/principals/api-key', { apiKey });
    this.apiClients.set(key, client);
    return client;
  }

  private async lookup<T>(path: string, body: unknown): Promise<T | null> {
    const token = await this.sign({
      principal: { kind: 'service', id: 'gateway', email: null, tenantId: null, memberships: [], scopes: [] },
      requestId: randomUUID(),
    });
    let response: Response;
    try {
      response = await fetch(new URL(path, this.tenantsBaseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      throw new DirectoryUnavailableError(`tenants service unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new DirectoryUnavailableError(`tenants service answered ${response.status}`);
    return ((await response.json()) as { principal: T }).principal;
  }
}
