import type { Role, Scope } from './scopes';

export interface Membership {
  tenantId: string;
  roles: Role[];
}

/**
 * Who is calling, as the gateway established it and signed into the internal token. Subgraphs
 * trust nothing else: tenant and permissions always come from here, never from arguments.
 */
export interface Principal {
  kind: 'user' | 'apiClient' | 'service';
  /** User id, API client id, or service name. */
  id: string;
  email: string | null;
  /** The active tenant every read and write is scoped to; null when the caller has none. */
  tenantId: string | null;
  memberships: Membership[];
  /** Scopes in the active tenant. */
  scopes: Scope[];
}
