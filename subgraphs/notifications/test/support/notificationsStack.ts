import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import mongoose from 'mongoose';
import { outboxModel, recordEvent, type DomainEvent } from '@soc/server-kit';
import { devToken, graphql, type GraphQLResponse } from '../../../../test/support/client';
import { DEMO_TENANTS_FILE, startTestStack, type TestStack } from '../../../../test/support/stack';

export type Who = 'admin' | 'analyst' | 'viewer' | 'fabrikamAnalyst';
const USERS: Record<Who, { email: string; tenant: string }> = {
  admin: { email: 'admin@soc.example', tenant: 'contoso' },
  analyst: { email: 'analyst@contoso.example', tenant: 'contoso' },
  viewer: { email: 'viewer@contoso.example', tenant: 'contoso' },
  fabrikamAnalyst: { email: 'analyst@fabrikam.example', tenant: 'fabrikam' },
};

/** Quick retries and polls, so retry and dead-letter paths run in test time. */
export const FAST_DELIVERY_ENV = {
  NOTIFICATIONS_RETRY_BASE_MS: '40',
  NOTIFICATIONS_RETRY_MAX_MS: '200',
  NOTIFICATIONS_WORKER_INTERVAL_MS: '50',
  NOTIFICATIONS_MAX_ATTEMPTS: '3',
  NOTIFICATIONS_SEND_TIMEOUT_MS: '5000',
  // A claim left by a worker that died (or whose database write failed) is taken over within the test's patience.
  NOTIFICATIONS_LEASE_MS: '5000',
  EVENTS_POLL_INTERVAL_MS: '200',
};

export interface NotificationsTestStack {
  stack: TestStack;
  /** GraphQL through the gateway as a demo user. */
  gql<T = any>(who: Who, query: string, variables?: Record<string, unknown>, tenant?: string): Promise<GraphQLResponse<T>>;
  /** Records an event in a producer's outbox, as incidents and analysis do; the notifications service reads it through the real feed. */
  publish(producer: 'incidents' | 'analysis', event: Omit<DomainEvent, 'occurredAt' | 'version'> & { occurredAt?: Date }): Promise<void>;
  /** Lets the notifications service read every feed to the end. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real stack with a tenants file of the test's own: the demo tenants and users, with each
 * tenant's `email` section replaced as given (e.g. SendGrid with a key reference and a webhook key).
 */
export async function startNotificationsStack(options: { email?: Record<string, unknown>; env?: Record<string, string> } = {}): Promise<NotificationsTestStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'notifications-test-'));
  const file = JSON.parse(readFileSync(DEMO_TENANTS_FILE, 'utf8')) as { tenants: Array<{ id: string; email?: unknown }> };
  for (const tenant of file.tenants) if (options.email?.[tenant.id]) tenant.email = options.email[tenant.id];
  const tenantsFile = path.join(dir, 'tenants.json');
  writeFileSync(tenantsFile, JSON.stringify(file));
  const stack = await startTestStack({ env: { TENANTS_FILE: tenantsFile, ...FAST_DELIVERY_ENV, ...options.env } });
  const tokens = new Map<Who, string>();
  const connections = new Map<string, mongoose.Connection>();
  const producerOutbox = async (producer: string) => {
    let connection = connections.get(producer);
    if (!connection) {
      connection = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: `${stack.dbPrefix}_${producer}` }).asPromise();
      connections.set(producer, connection);
    }
    return outboxModel(connection);
  };
  return {
    stack,
    async gql(who, query, variables = {}, tenant) {
      if (!tokens.has(who)) tokens.set(who, await devToken(stack.gatewayUrl, USERS[who].email));
      return graphql(stack.gatewayUrl, query, variables, { token: tokens.get(who)!, tenant: tenant ?? USERS[who].tenant });
    },
    async publish(producer, event) {
      await recordEvent(await producerOutbox(producer), event);
    },
    drain: () => stack.subgraphs.notifications.drainEvents(),
    async stop() {
      await stack.stop();
      await Promise.all([...connections.values()].map((c) => c.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails with the last value seen. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`);
    await delay(50);
  }
}

export const NOTIFICATION_FIELDS = `
  id channel recipient subject status attempts maxAttempts lastError nextAttemptAt transport webhookFormat providerMessageId
  sentAt deliveredAt openedAt createdAt incident { id }
  trigger { kind eventId eventType ruleName requestedBy } rule { id name }
  deliveryEvents { type providerEvent detail at }
`;

/** Every notification of the tenant (first 50), newest first. */
export async function listNotifications(s: NotificationsTestStack, who: Who = 'analyst', filter: Record<string, unknown> = {}) {
  const result = await s.gql(who, `query($filter: NotificationFilter) { notifications(first: 50, filter: $filter) { totalCount edges { node { ${NOTIFICATION_FIELDS} } } } }`, { filter });
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  return (result.body.data.notifications.edges as Array<{ node: any }>).map((e) => e.node);
}

export const CREATE_RULE = `mutation($input: NotificationRuleInput!) { createNotificationRule(input: $input) { id name enabled match { eventTypes classifications minConfidence severities statusTransitions { from to } sources } email { to toIncidentOwner } webhooks { url format secretRef } } }`;

export async function createRule(s: NotificationsTestStack, input: Record<string, unknown>): Promise<string> {
  const result = await s.gql('admin', CREATE_RULE, { input });
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data.createNotificationRule.id as string;
}

let sequence = 0;
/** An analysis.completed event as the analysis service records it. */
export function analysisCompleted(overrides: { tenantId?: string; incidentId?: string; classification?: string; confidence?: number; severity?: string; title?: string; summary?: string } = {}) {
  sequence += 1;
  const analysisId = new mongoose.Types.ObjectId().toHexString();
  const incidentId = overrides.incidentId ?? new mongoose.Types.ObjectId().toHexString();
  return {
    id: `analysis.completed:${analysisId}`,
    type: 'analysis.completed',
    tenantId: overrides.tenantId ?? 'contoso',
    payload: {
      incidentId,
      analysisId,
      incidentNumber: 1000 + sequence,
      incidentTitle: overrides.title ?? `Suspicious sign-in ${sequence}`,
      incidentSeverity: 'MEDIUM',
      verdict: {
        classification: overrides.classification ?? 'TRUE_POSITIVE',
        confidence: overrides.confidence ?? 0.92,
        summary: overrides.summary ?? 'Credential phishing followed by an impossible-travel sign-in.',
        evidence: ['SPF fail for the sender domain', 'Sign-in from a new country 20 minutes after the click'],
        recommendedActions: ['Reset the password', 'Revoke refresh tokens'],
      },
      severityAssessment: { severity: overrides.severity ?? 'HIGH', score: 82, rationale: 'Privileged account, confirmed credential theft.' },
      reportSummary: 'The user entered credentials on a look-alike page; the attacker signed in from abroad.',
    },
  };
}

/** An incident.updated event as the incidents service records it. */
export function incidentUpdated(overrides: { incidentId?: string; rev?: number; status?: string; previousStatus?: string; changedFields?: string[]; ownerEmail?: string | null; source?: string; tenantId?: string } = {}) {
  const incidentId = overrides.incidentId ?? new mongoose.Types.ObjectId().toHexString();
  const rev = overrides.rev ?? 2;
  return {
    id: `incident.updated:${incidentId}:${rev}`,
    type: 'incident.updated',
    tenantId: overrides.tenantId ?? 'contoso',
    payload: {
      incidentId,
      number: 77,
      title: 'Mailbox forwarding rule to external domain',
      severity: 'HIGH',
      status: overrides.status ?? 'CLOSED',
      previousStatus: overrides.previousStatus ?? 'ACTIVE',
      classification: 'TRUE_POSITIVE',
      owner: overrides.ownerEmail === null ? null : { email: overrides.ownerEmail ?? 'Owner@Contoso.example', assignedTo: 'Olga Owner' },
      changedFields: overrides.changedFields ?? ['status', 'classification'],
      source: overrides.source ?? 'ANALYST',
    },
  };
}
