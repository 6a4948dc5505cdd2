import { z } from 'zod';
import { loadSubgraphSchema, type SubgraphDefinition } from '@soc/server-kit';
import { CONSUMED_EVENT_TYPES } from './events/eventPayloads';
import { createNotificationEventHandler } from './events/notificationEventHandler';
import { DEFAULT_SENDGRID_API_URL } from './integrations/sendgrid/sendgridMailer';
import { notificationsLoaders, type NotificationsLoaders } from './loaders';
import { notificationsModels, type NotificationsModels } from './models';
import { resolvers } from './resolvers';
import { emailDirectory, notificationsServices, type NotificationsServices, type NotificationsSettings } from './services';
import { StatusEventPublisher } from './services/statusEventPublisher';
import { mountSendGridEventWebhook } from './webhooks/sendgridEventWebhookRoute';

const env = {
  TENANTS_FILE: z.string().min(1).optional(),
  /** SendGrid v3 API base URL: the EU host (https://api.eu.sendgrid.com), or a local fake in tests. */
  SENDGRID_API_URL: z.url().default(DEFAULT_SENDGRID_API_URL),
  /** How old a signed SendGrid Event Webhook post may be before it is refused as a replay. */
  SENDGRID_WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  /** Sender of tenants without an `email` section in the tenants file. */
  NOTIFICATIONS_DEFAULT_FROM: z.email().default('soc-notifications@localhost.localdomain'),
  /** Outgoing mail per tenant and minute (tenants.json email.mailPerMinute overrides it); more waits for the next minute. */
  NOTIFICATIONS_MAIL_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  NOTIFICATIONS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFICATIONS_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  NOTIFICATIONS_RETRY_MAX_MS: z.coerce.number().int().min(1).default(3_600_000),
  NOTIFICATIONS_WORKER_INTERVAL_MS: z.coerce.number().int().min(10).default(2_000),
  NOTIFICATIONS_LEASE_MS: z.coerce.number().int().min(1_000).default(120_000),
  /** Timeout of one send (SendGrid call, SMTP session, webhook POST). */
  NOTIFICATIONS_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
};

type Env = z.infer<z.ZodObject<typeof env>>;

const settingsFrom = (e: Env): NotificationsSettings => ({
  tenantsFile: e.TENANTS_FILE,
  defaultFrom: e.NOTIFICATIONS_DEFAULT_FROM,
  mailPerMinute: e.NOTIFICATIONS_MAIL_PER_MINUTE,
  maxAttempts: e.NOTIFICATIONS_MAX_ATTEMPTS,
  worker: {
    backoff: { baseMs: e.NOTIFICATIONS_RETRY_BASE_MS, maxMs: e.NOTIFICATIONS_RETRY_MAX_MS },
    leaseMs: e.NOTIFICATIONS_LEASE_MS,
    sendgridApiUrl: e.SENDGRID_API_URL,
    sendTimeoutMs: e.NOTIFICATIONS_SEND_TIMEOUT_MS,
    batchSize: 50,
    concurrency: 4,
  },
});

export const notificationsSubgraph: SubgraphDefinition<NotificationsModels, NotificationsLoaders, typeof env, NotificationsServices> = {
  name: 'notifications',
  defaultPort: 4004,
  typeDefs: loadSubgraphSchema('notifications'),
  resolvers,
  env,
  models: notificationsModels,
  loaders: notificationsLoaders,
  services: ({ models, outbox, callService, logger, env }) => notificationsServices({ models, outbox, callService, logger }, settingsFrom(env)),
  // internalRoutes receive no services: the route builds its own (stateless) directory and publisher.
  internalRoutes: (router, { models, outbox, connection, logger, env }) =>
    mountSendGridEventWebhook(router, {
      models,
      tenants: emailDirectory(settingsFrom(env)),
      publisher: new StatusEventPublisher(outbox, logger),
      connection,
      logger,
      maxAgeSeconds: env.SENDGRID_WEBHOOK_MAX_AGE_SECONDS,
    }),
  eventSubscriptions: ({ models, services, logger }) => {
    const handle = createNotificationEventHandler({
      models,
      publisher: services.publisher,
      reads: services.reads,
      worker: services.worker,
      maxAttempts: services.settings.maxAttempts,
      logger,
    });
    return [
      { producer: 'incidents', types: [...CONSUMED_EVENT_TYPES.incidents], handle },
      { producer: 'analysis', types: [...CONSUMED_EVENT_TYPES.analysis], handle },
    ];
  },
  onStart: async ({ services, env }) => {
    services.worker.start(env.NOTIFICATIONS_WORKER_INTERVAL_MS);
    return () => services.worker.stop();
  },
};
