/**
 * The two targets of the benchmark, behind one interface: (a) the gateway, called as a client
 * calls it, and (b) the subgraphs, called directly with the fetches of the gateway's query plan.
 */
import { createInternalTokenSigner, scopesForRoles, type Principal } from '@soc/server-kit';
import type { BenchStack } from './benchStack';
import { graphqlFailure, KeepAliveClient } from './httpClient';
import type { SendRequest } from './loadGenerator';
import { planFetches, PlanReplayer } from './planReplay';
import type { PlannedOperation } from './queryPlan';
import { CONCURRENCY, OPERATION_NAME, QUERY, TENANT_ID, USER_EMAIL } from './scenario';

/** Internal tokens live 60 s; the direct target re-signs well before that. */
const INTERNAL_TOKEN_REFRESH_MS = 30_000;

export type TargetName = 'direct' | 'gateway';

/** One connection pool's worth of a target: a request function and its teardown. */
export interface OpenTarget {
  send: SendRequest;
  close(): void;
}

export interface Targets {
  open(name: TargetName): OpenTarget;
  /** One request with the full answer parsed, for the correctness check; `show` prints its size and time. */
  fetchOnce(name: TargetName, show: boolean): Promise<unknown>;
}

export async function devIssuerToken(gatewayUrl: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USER_EMAIL }),
  });
  if (!response.ok) throw new Error(`POST /auth/dev/token answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * The internal token the gateway would sign for this user in the active tenant. The gateway signs
 * one per client request; the direct target reuses one and re-signs it every 30 s (it lives 60 s).
 */
export async function internalTokenHeader(privateKeyPem: string): Promise<{ headers: () => Record<string, string>; stop(): void }> {
  const sign = await createInternalTokenSigner(privateKeyPem);
  const principal: Principal = {
    kind: 'user',
    id: 'bench-analyst-contoso',
    email: USER_EMAIL,
    tenantId: TENANT_ID,
    memberships: [{ tenantId: TENANT_ID, roles: ['ANALYST'] }],
    scopes: scopesForRoles(['ANALYST']),
  };
  const signHeaders = async () => ({ authorization: `Bearer ${await sign({ principal, requestId: 'bench-direct' })}` });
  let current = await signHeaders();
  const timer = setInterval(() => void signHeaders().then((next) => (current = next)), INTERNAL_TOKEN_REFRESH_MS);
  timer.unref();
  return { headers: () => current, stop: () => clearInterval(timer) };
}

export function createTargets(stack: BenchStack, planned: PlannedOperation, gatewayToken: string, internalHeaders: () => Record<string, string>): Targets {
  const gatewayBody = JSON.stringify({ query: QUERY, operationName: OPERATION_NAME });
  const gatewayHeaders = { authorization: `Bearer ${gatewayToken}` };
  const subgraphs = [...new Set(planFetches(planned.root).map((fetch) => fetch.serviceName))];

  function openGateway() {
    const client = new KeepAliveClient(`${stack.url('gateway')}/graphql`, CONCURRENCY);
    return { client, close: () => client.close() };
  }

  /** One pool per subgraph: each worker has at most one request in flight per subgraph. */
  function openDirect() {
    const clients = new Map(subgraphs.map((name) => [name, new KeepAliveClient(`${stack.url(name)}/graphql`, CONCURRENCY)]));
    return { replayer: new PlanReplayer(planned.root, clients, internalHeaders), close: () => clients.forEach((c) => c.close()) };
  }

  return {
    open(name) {
      if (name === 'direct') {
        const { replayer, close } = openDirect();
        return { send: () => replayer.run(), close };
      }
      const { client, close } = openGateway();
      return {
        send: async () => {
          const failure = graphqlFailure(await client.post(gatewayBody, gatewayHeaders));
          if (failure) throw new Error(failure);
        },
        close,
      };
    },
    async fetchOnce(name, show) {
      if (name === 'direct') {
        const { replayer, close } = openDirect();
        try {
          const sent = performance.now();
          const { data, trace } = await replayer.runChecked();
          const ms = performance.now() - sent;
          const fetches = trace.map((t) => `${t.service}${t.representations ? ` (${t.representations} representations)` : ''} ${(t.answerBytes / 1024).toFixed(1)} KB ${t.ms.toFixed(0)} ms`);
          if (show) console.log(`  direct : ${trace.length} fetches, ${ms.toFixed(0)} ms in all: ${fetches.join(', ')}`);
          return data;
        } finally {
          close();
        }
      }
      const { client, close } = openGateway();
      try {
        const sent = performance.now();
        const reply = await client.post(gatewayBody, gatewayHeaders);
        const ms = performance.now() - sent;
        const failure = graphqlFailure(reply);
        if (failure) throw new Error(`gateway: ${failure}`);
        if (show) console.log(`  gateway: one answer, ${(Buffer.byteLength(reply.body) / 1024).toFixed(1)} KB ${ms.toFixed(0)} ms`);
        return (JSON.parse(reply.body) as { data?: unknown }).data;
      } finally {
        close();
      }
    },
  };
}
