import type { Logger } from 'pino';
import type { IncidentsModels } from '../models';
import type { SentinelApiFactory } from '../integrations/sentinel/sentinelApi';
import { SentinelSync, type CommentSweepOptions } from './sentinelSync';
import { SentinelWriteBackWorker, type WriteBackOptions } from './sentinelWriteBack';
import { SentinelClients } from './sentinelWorkspaces';

/** The incidents service's long-lived parts: Sentinel clients, the sync and the write-back worker. */
export function incidentsServices(
  models: IncidentsModels,
  logger: Logger,
  factory: SentinelApiFactory,
  writeBack: Partial<WriteBackOptions> = {},
  commentSweep: Partial<CommentSweepOptions> = {},
) {
  const clients = new SentinelClients(factory);
  return {
    clients,
    sync: new SentinelSync(models, clients, logger, { commentSweep }),
    writeBack: new SentinelWriteBackWorker(models, clients, logger, writeBack),
  };
}

export type IncidentsServices = ReturnType<typeof incidentsServices>;
