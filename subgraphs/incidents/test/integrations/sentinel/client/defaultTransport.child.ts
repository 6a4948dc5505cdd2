/**
 * Runs in a child process whose NODE_EXTRA_CA_CERTS trusts the fake's certificate, so the client is
 * built exactly as production builds it: Node's own fetch and the Azure SDK's default HTTP client.
 * Prints one JSON line with what happened.
 */
import { SentinelClient } from '../../../../src/integrations/sentinel/client/sentinelClient';
import type { SentinelWorkspaceConfig } from '../../../../src/integrations/sentinel/client/sentinelClientConfig';

async function main(): Promise<void> {
  const { workspace, incidentName } = JSON.parse(process.env.SENTINEL_CHILD_INPUT ?? '{}') as { workspace: SentinelWorkspaceConfig; incidentName: string };
  const client = new SentinelClient(workspace, { requestTimeoutMs: 300, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 } });
  // The parent holds the first ARM response back: the timeout must fire on Node's fetch and be retried.
  const incident = await client.getIncident(incidentName);
  const pages: number[] = [];
  for await (const page of client.listIncidents({ top: 2 })) pages.push(page.incidents.length);
  const alerts = await client.listAlerts(incidentName);
  process.stdout.write(`${JSON.stringify({ etag: incident.etag, pages, alerts: alerts.length })}\n`);
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })}\n`);
  process.exitCode = 1;
});
