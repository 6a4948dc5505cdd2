import type { Role, Scope } from '@soc/server-kit';
import type { TenantsModels } from '../models';
import { apiKeyMatches, parseApiKeyId } from './apiKeys';

/** What the gateway needs to build a principal; tenants are given with their slugs. */
export interface ResolvedUser {
  kind: 'user';
  id: string;
  email: string;
  displayName: string;
  memberships: Array<{ tenantId: string; slug: string; roles: Role[] }>;
}

export interface ResolvedApiClient {
  kind: 'apiClient';
  id: string;
  name: string;
  tenantId: string;
  slug: string;
  scopes: Scope[];
}

export async function resolveUserByEmail(models: TenantsModels, email: string): Promise<ResolvedUser | null> {
  const user = await models.User.findOne({ email: email.trim().toLowerCase() }).lean();
  if (!user) return null;
  const tenants = await models.Tenant.find({ _id: { $in: user.memberships.map((m) => m.tenantId) } }, { slug: 1 }).lean();
  const slugs = new Map(tenants.map((t) => [t._id, t.slug]));
  return {
    kind: 'user',
    id: user._id.toHexString(),
    email: user.email,
    displayName: user.displayName,
    // A membership of a tenant that no longer exists grants nothing.
    memberships: user.memberships.filter((m) => slugs.has(m.tenantId)).map((m) => ({ tenantId: m.tenantId, slug: slugs.get(m.tenantId)!, roles: m.roles })),
  };
}

/** Records use at most once a minute, so authentication does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function resolveApiKey(models: TenantsModels, apiKey: string): Promise<ResolvedApiClient | null> {
  const keyId = parseApiKeyId(apiKey);
  if (!keyId) return null;
  const client = await models.ApiClient.findOne({ keyId, revokedAt: null }).lean();
  if (!client || !apiKeyMatches(apiKey, client.keyHash)) return null;
  const tenant = await models.Tenant.findOne({ _id: client.tenantId }, { slug: 1 }).lean();
  if (!tenant) return null;
  const now = Date.now();
  if (!client.lastUsedAt || now - client.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await models.ApiClient.updateOne({ _id: client._id }, { $set: { lastUsedAt: new Date(now) } });
  }
  return { kind: 'apiClient', id: client._id.toHexString(), name: client.name, tenantId: client.tenantId, slug: tenant.slug, scopes: client.scopes };
}
