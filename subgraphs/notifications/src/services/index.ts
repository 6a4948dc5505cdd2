import type { Logger } from 'pino';
import type { Model } from 'mongoose';
import { loadTenantsFile, type OutboxDoc, type ServiceCaller } from '@soc/server-kit';
import type { NotificationsModels } from '../models';
import { DeliveryWorker, type DeliveryWorkerOptions } from './deliveryWorker';
import { MailRateLimiter } from './mailRateLimiter';
import { ServiceReads } from './serviceReads';
import { StatusEventPublisher } from './statusEventPublisher';
import { TenantEmailDirectory } from './tenantEmailSettings';

export interface NotificationsSettings {
  tenantsFile: string | undefined;
  defaultFrom: string;
  mailPerMinute: number;
  maxAttempts: number;
  worker: DeliveryWorkerOptions;
}

/** Tenants' mail settings from TENANTS_FILE (validated: a bad file stops the start, naming the key). */
export const emailDirectory = (settings: Pick<NotificationsSettings, 'tenantsFile' | 'defaultFrom' | 'mailPerMinute'>) =>
  new TenantEmailDirectory(settings.tenantsFile ? loadTenantsFile(settings.tenantsFile) : null, { from: settings.defaultFrom, mailPerMinute: settings.mailPerMinute });

/** The notifications service's long-lived parts: tenant mail settings, the delivery worker, status events, reads of other services. */
export function notificationsServices(deps: { models: NotificationsModels; outbox: Model<OutboxDoc>; callService: ServiceCaller; logger: Logger }, settings: NotificationsSettings) {
  const tenants = emailDirectory(settings);
  const publisher = new StatusEventPublisher(deps.outbox, deps.logger);
  const worker = new DeliveryWorker({ models: deps.models, tenants, rateLimiter: new MailRateLimiter(deps.models.MailRateSlot), publisher, logger: deps.logger }, settings.worker);
  return { tenants, publisher, worker, reads: new ServiceReads(deps.callService), settings };
}

export type NotificationsServices = ReturnType<typeof notificationsServices>;
