import { devToken, graphql } from '../../../../test/support/client';
import { startTestStack, type TestStack } from '../../../../test/support/stack';

/** The test value of contoso's webhook secret (config/tenants.json: env:CONTOSO_WEBHOOK_SECRET). */
export const CONTOSO_SECRET = 'test-only-contoso-webhook-secret-5c1e';

export interface WebhookStack {
  stack: TestStack;
  /** An analyst of contoso, to read incidents back through GraphQL. */
  analyst: string;
  keys: { contosoWriter: string; contosoReader: string; fabrikamWriter: string };
  contosoIncidents(): Promise<number>;
}

const CREATE_KEY = `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiKey } }`;

/**
 * The whole stack with contoso's webhook secret set, and API keys made by an admin the way a tenant
 * admin would for a Sentinel playbook. The secret goes to process.env as well: secret references
 * are resolved from the environment at the moment of use.
 */
export async function startWebhookStack(): Promise<WebhookStack> {
  process.env.CONTOSO_WEBHOOK_SECRET = CONTOSO_SECRET;
  const stack = await startTestStack({ env: { CONTOSO_WEBHOOK_SECRET: CONTOSO_SECRET } });
  const admin = await devToken(stack.gatewayUrl, 'admin@soc.example');
  const key = async (tenant: string, scopes: string[]) => {
    const { body } = await graphql<{ createApiClient: { apiKey: string } }>(stack.gatewayUrl, CREATE_KEY, { input: { name: `Sentinel playbook (${scopes.join(', ')})`, scopes } }, { token: admin, tenant });
    if (!body.data) throw new Error(`createApiClient: ${JSON.stringify(body.errors)}`);
    return body.data.createApiClient.apiKey;
  };
  const incidents = (await stack.database('incidents')).collection('incidents');
  return {
    stack,
    analyst: await devToken(stack.gatewayUrl, 'analyst@contoso.example'),
    keys: {
      contosoWriter: await key('contoso', ['INCIDENTS_READ', 'INCIDENTS_WRITE']),
      contosoReader: await key('contoso', ['INCIDENTS_READ']),
      fabrikamWriter: await key('fabrikam', ['INCIDENTS_WRITE']),
    },
    contosoIncidents: () => incidents.countDocuments({ tenantId: 'contoso' }),
  };
}
