import type { Logger } from 'pino';
import { authorize, badUserInput, type RequestContext, type TenantsFile } from '@soc/server-kit';
import type { IncidentsModels, SentinelWorkspaceDoc } from '../models';
import type { SentinelApi, SentinelApiFactory, SentinelConnection } from '../integrations/sentinel/sentinelApi';
import { actorOf } from './incidentLifecycle';

/** The GraphQL input: the stored settings, with endpoints and interval optional (defaults apply). */
export type SentinelWorkspaceInput = Pick<SentinelWorkspaceDoc, 'subscriptionId' | 'resourceGroup' | 'workspaceName' | 'entraTenantId' | 'clientId' | 'clientSecretRef'> & {
  [K in 'armEndpoint' | 'authorityHost' | 'syncIntervalSeconds']?: SentinelWorkspaceDoc[K] | null;
};

const SECRET_REF = /^env:([A-Z_][A-Z0-9_]*)$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AZURE_NAME = /^[A-Za-z0-9][A-Za-z0-9._()-]{0,89}$/;
const DEFAULTS = { armEndpoint: 'https://management.azure.com', authorityHost: 'https://login.microsoftonline.com', syncIntervalSeconds: 300 };

export class SecretUnavailableError extends Error {}

/** `env:NAME` -> the variable's value. Secrets are read at the moment of use and never stored. */
export function resolveSecretRef(ref: string): string {
  const name = SECRET_REF.exec(ref)?.[1];
  if (!name) throw new SecretUnavailableError(`secret reference "${ref}" is not of the form env:VARIABLE_NAME`);
  const value = process.env[name];
  if (!value) throw new SecretUnavailableError(`environment variable ${name} (the Sentinel client secret) is not set`);
  return value;
}

function httpsUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badUserInput(`${field} must be a URL`, `input.${field}`);
  }
  // Loopback http is allowed for local test doubles; anything else must be https.
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) throw badUserInput(`${field} must be an https URL`, `input.${field}`);
  return url.origin;
}

export function validateWorkspaceInput(input: SentinelWorkspaceInput): Omit<SentinelWorkspaceDoc, '_id' | 'updatedAt' | 'updatedBy'> {
  for (const field of ['subscriptionId', 'entraTenantId', 'clientId'] as const) {
    if (!GUID.test(input[field])) throw badUserInput(`${field} must be a GUID`, `input.${field}`);
  }
  for (const field of ['resourceGroup', 'workspaceName'] as const) {
    if (!AZURE_NAME.test(input[field])) throw badUserInput(`${field} is not a valid Azure resource name`, `input.${field}`);
  }
  if (!SECRET_REF.test(input.clientSecretRef)) throw badUserInput('clientSecretRef must be a reference of the form env:VARIABLE_NAME, never the secret itself', 'input.clientSecretRef');
  const interval = input.syncIntervalSeconds ?? DEFAULTS.syncIntervalSeconds;
  if (!Number.isInteger(interval) || interval < 30 || interval > 86_400) throw badUserInput('syncIntervalSeconds must be between 30 and 86400', 'input.syncIntervalSeconds');
  return {
    subscriptionId: input.subscriptionId,
    resourceGroup: input.resourceGroup,
    workspaceName: input.workspaceName,
    entraTenantId: input.entraTenantId,
    clientId: input.clientId,
    clientSecretRef: input.clientSecretRef,
    armEndpoint: httpsUrl(input.armEndpoint ?? DEFAULTS.armEndpoint, 'armEndpoint'),
    authorityHost: httpsUrl(input.authorityHost ?? DEFAULTS.authorityHost, 'authorityHost'),
    syncIntervalSeconds: interval,
  };
}

export async function configureSentinelWorkspace(models: IncidentsModels, context: RequestContext, input: SentinelWorkspaceInput): Promise<SentinelWorkspaceDoc> {
  const tenantId = authorize(context, 'tenants:admin');
  const settings = validateWorkspaceInput(input);
  return (await models.SentinelWorkspace.findOneAndUpdate(
    { _id: tenantId },
    { $set: { ...settings, updatedAt: new Date(), updatedBy: actorOf(context) } },
    { upsert: true, new: true },
  ).lean()) as SentinelWorkspaceDoc;
}

/** Workspaces written in tenants.json are applied on start, like the tenants themselves. */
export async function seedWorkspacesFromFile(models: IncidentsModels, file: TenantsFile, logger: Logger): Promise<void> {
  for (const tenant of file.tenants) {
    if (!tenant.sentinel) continue;
    const { clientSecret, ...rest } = tenant.sentinel;
    const settings = validateWorkspaceInput({ ...rest, clientSecretRef: clientSecret });
    await models.SentinelWorkspace.updateOne({ _id: tenant.id }, { $set: { ...settings, updatedAt: new Date(), updatedBy: 'tenants.json' } }, { upsert: true });
    logger.info({ tenantId: tenant.id, workspace: settings.workspaceName }, 'Sentinel workspace configured from tenants file');
  }
}

export function connectionFor(workspace: SentinelWorkspaceDoc): SentinelConnection {
  return {
    subscriptionId: workspace.subscriptionId,
    resourceGroup: workspace.resourceGroup,
    workspaceName: workspace.workspaceName,
    entraTenantId: workspace.entraTenantId,
    clientId: workspace.clientId,
    clientSecret: resolveSecretRef(workspace.clientSecretRef),
    armEndpoint: workspace.armEndpoint,
    authorityHost: workspace.authorityHost,
  };
}

/**
 * One client per tenant and configuration, kept between runs so its token cache and circuit
 * breaker persist; a changed configuration gets a new client.
 */
export class SentinelClients {
  private readonly clients = new Map<string, { version: number; api: SentinelApi }>();

  constructor(private readonly factory: SentinelApiFactory) {}

  for(workspace: SentinelWorkspaceDoc): SentinelApi {
    const version = workspace.updatedAt.getTime();
    const cached = this.clients.get(workspace._id);
    if (cached?.version === version) return cached.api;
    const api = this.factory(connectionFor(workspace));
    this.clients.set(workspace._id, { version, api });
    return api;
  }
}
