import { authorize, badUserInput, notFound, scopeFromEnum, type Scope } from '@soc/server-kit';
import { Types } from 'mongoose';
import { issueApiKey } from '../services/apiKeys';
import type { TenantsContext } from './context';

const NOT_GRANTABLE: Scope[] = ['tenants:admin'];

export const Mutation = {
  createApiClient: async (_root: unknown, args: { input: { name: string; scopes: string[] } }, context: TenantsContext) => {
    const tenantId = authorize(context, 'tenants:admin');
    const name = args.input.name.trim();
    if (name.length < 1 || name.length > 100) throw badUserInput('name must be 1-100 characters', 'input.name');
    const scopes = [...new Set(args.input.scopes.map(scopeFromEnum))];
    if (scopes.length === 0) throw badUserInput('grant at least one scope', 'input.scopes');
    const refused = scopes.filter((s) => NOT_GRANTABLE.includes(s));
    if (refused.length) throw badUserInput(`API clients cannot be granted ${refused.join(', ')}`, 'input.scopes');
    const key = issueApiKey();
    const apiClient = await context.models.ApiClient.create({
      tenantId,
      name,
      scopes,
      keyId: key.keyId,
      keyHash: key.keyHash,
      keyPrefix: key.keyPrefix,
      createdBy: context.principal.email ?? context.principal.id,
      createdAt: new Date(),
    });
    context.logger.info({ apiClientId: apiClient.id, tenantId, scopes }, 'API client created');
    return { apiClient: apiClient.toObject(), apiKey: key.apiKey };
  },
  revokeApiClient: async (_root: unknown, args: { id: string }, context: TenantsContext) => {
    const tenantId = authorize(context, 'tenants:admin');
    if (!Types.ObjectId.isValid(args.id)) throw notFound('API client');
    // Revoking twice keeps the first revocation time.
    const revoked =
      (await context.models.ApiClient.findOneAndUpdate({ _id: args.id, tenantId, revokedAt: null }, { $set: { revokedAt: new Date() } }, { new: true }).lean()) ??
      (await context.models.ApiClient.findOne({ _id: args.id, tenantId }).lean());
    if (!revoked) throw notFound('API client');
    context.logger.info({ apiClientId: args.id, tenantId }, 'API client revoked');
    return revoked;
  },
};
