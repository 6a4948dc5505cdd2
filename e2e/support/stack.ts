/**
 * The whole product for the browser tests, started the way `npm start` starts it: the API through
 * the launcher itself (scripts/start.ts: the four subgraphs and the gateway as separate processes,
 * demo tenants and demo incidents) on free ports and a fresh database prefix, so it runs next to a
 * developer's `npm start`; the four frontends production-built and served by the launcher's own
 * frontend module, in this process, so a test can stop one remote's server or redeploy one remote
 * as an operator would (see launchProduct in scripts/lib/frontends.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchProduct, type FrontendSettings, type RunningFrontends } from '../../scripts/lib/frontends';
import { startFakeModel, type FakeModelServer } from './fakeModel';

const ROOT = path.resolve(__dirname, '../..');

export interface E2eStack {
  gatewayUrl: string;
  shellUrl: string;
  settings: FrontendSettings;
  frontends: RunningFrontends;
  /** The streaming model server contoso's CHAT_ASSISTANT uses. */
  model: FakeModelServer;
  /** Output of the launcher so far (for failure messages). */
  launcherOutput(): string;
  /** A development-issuer token for direct API calls. */
  token(email: string): Promise<string>;
  graphql<T>(token: string, tenantId: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export async function startE2eStack(options: { log?: (line: string) => void } = {}): Promise<E2eStack> {
  const mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) throw new Error('MONGODB_URI is not set: run through `npm test` or jest (its global setup starts the database)');
  // The demo tenants, with contoso's chat assistant on a local streaming model server.
  const model = await startFakeModel();
  mkdirSync(path.join(ROOT, '.data'), { recursive: true });
  const configDir = mkdtempSync(path.join(ROOT, '.data', 'e2e-config-'));
  const tenants = JSON.parse(readFileSync(path.join(ROOT, 'config/tenants.json'), 'utf8')) as { tenants: Array<{ id: string; ai?: { agents?: Record<string, unknown> } }> };
  const contoso = tenants.tenants.find((t) => t.id === 'contoso')!;
  contoso.ai = { ...contoso.ai, agents: { ...contoso.ai?.agents, CHAT_ASSISTANT: { provider: 'openai-compatible', baseUrl: model.baseUrl, model: 'fake-streaming-model', timeoutMs: 30_000 } } };
  const tenantsFile = path.join(configDir, 'tenants.json');
  writeFileSync(tenantsFile, JSON.stringify(tenants, null, 2));
  const cleanUp = async () => {
    await model.stop();
    rmSync(configDir, { recursive: true, force: true });
  };

  const product = await launchProduct({
    mongoUri,
    env: { TENANTS_FILE: tenantsFile },
    demoIncidentsPerTenant: 30,
    demoTrickleSeconds: 20,
    log: options.log,
    demoUsers: [
      { email: 'analyst@contoso.example', displayName: 'Alex Contoso (analyst)', tenants: ['contoso'] },
      { email: 'analyst@fabrikam.example', displayName: 'Fran Fabrikam (analyst)', tenants: ['fabrikam'] },
      { email: 'admin@soc.example', displayName: 'Sam SOC (admin)', tenants: ['contoso', 'fabrikam'] },
    ],
  }).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  const { gatewayUrl } = product;
  return {
    gatewayUrl,
    shellUrl: product.frontends.shellUrl,
    settings: product.settings,
    frontends: product.frontends,
    model,
    launcherOutput: product.output,
    async token(email) {
      const response = await fetch(`${gatewayUrl}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
      if (!response.ok) throw new Error(`sign-in of ${email} failed: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    async graphql(token, tenantId, query, variables = {}) {
      const response = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-tenant-id': tenantId },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
      if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
      return body.data as never;
    },
    async stop() {
      await product.stop();
      await cleanUp();
    },
  };
}
