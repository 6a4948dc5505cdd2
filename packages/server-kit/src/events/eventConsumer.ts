import { Schema, type Connection, type Model } from 'mongoose';
import type { Logger } from 'pino';
import type { ServiceTokenSigner } from '../auth/serviceToken';
import type { DomainEvent } from './domainEvent';
import type { EventFeedPage } from './eventFeedRoute';

/** Where a consumer stands in one producer's feed. */
interface ConsumerStateDoc {
  _id: string;
  since: Date;
}

/** One event as this consumer handled it: done, waiting for a retry, or dead-lettered. */
export interface ProcessedEventDoc {
  _id: string;
  consumer: string;
  eventId: string;
  type: string;
  tenantId: string;
  status: 'DONE' | 'RETRY' | 'DEAD';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  updatedAt: Date;
}

const stateSchema = new Schema<ConsumerStateDoc>({ _id: String, since: Date }, { collection: 'event_consumer_state', versionKey: false });
const processedSchema = new Schema<ProcessedEventDoc>(
  {
    _id: String,
    consumer: String,
    eventId: String,
    type: String,
    tenantId: String,
    status: String,
    attempts: Number,
    lastError: { type: String, default: null },
    nextAttemptAt: { type: Date, default: null },
    updatedAt: Date,
  },
  { collection: 'processed_events', versionKey: false },
);
processedSchema.index({ consumer: 1, status: 1 });

const model = <T>(connection: Connection, name: string, schema: Schema<T>): Model<T> =>
  (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);

export const processedEventModel = (connection: Connection) => model(connection, 'ProcessedEvent', processedSchema);

export interface EventConsumerOptions {
  /** Unique name of this consumer, e.g. `incidents<-analysis`. */
  name: string;
  /** Base URL of the producer (its `/service/events` feed is read). */
  producerUrl: () => string;
  types: string[];
  connection: Connection;
  signServiceToken: ServiceTokenSigner;
  handle(event: DomainEvent): Promise<void>;
  logger: Logger;
  intervalMs?: number;
  /** Attempts before an event is dead-lettered (status DEAD, kept for inspection). */
  maxAttempts?: number;
  /** How far before its last position a poll starts, to catch events recorded out of order by concurrent writers. */
  overlapMs?: number;
  fetch?: typeof fetch;
}

export interface EventConsumer {
  /** Polls until the feed has nothing new; resolves when done (tests and shutdown use it). */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

const PAGE = 200;

/**
 * Reads a producer's outbox feed and applies each event exactly once in effect: handlers are
 * idempotent, and handled event ids are recorded so repeats (the overlap window, restarts) are
 * skipped. A failing event is retried with backoff and dead-lettered after `maxAttempts`; it holds
 * the position back so nothing after a crash is lost.
 */
export function startEventConsumer(options: EventConsumerOptions): EventConsumer {
  const { name, connection, logger } = options;
  const intervalMs = options.intervalMs ?? 2000;
  const maxAttempts = options.maxAttempts ?? 8;
  const overlapMs = options.overlapMs ?? 60_000;
  const doFetch = options.fetch ?? fetch;
  const states = model(connection, 'EventConsumerState', stateSchema);
  const processed = processedEventModel(connection);
  let running: Promise<void> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const fetchPage = async (since: Date): Promise<DomainEvent[]> => {
    const url = new URL('/service/events', options.producerUrl());
    url.searchParams.set('since', since.toISOString());
    url.searchParams.set('types', options.types.join(','));
    url.searchParams.set('limit', String(PAGE));
    const response = await doFetch(url, { headers: { authorization: `Bearer ${await options.signServiceToken()}` } });
    if (!response.ok) throw new Error(`event feed answered ${response.status}`);
    const page = (await response.json()) as EventFeedPage;
    return page.events.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt), recordedAt: new Date(event.recordedAt) }));
  };

  const apply = async (event: DomainEvent): Promise<'DONE' | 'RETRY' | 'DEAD'> => {
    const key = `${name}:${event.id}`;
    const seen = await processed.findById(key).lean().exec();
    if (seen?.status === 'DONE' || seen?.status === 'DEAD') return seen.status;
    if (seen?.status === 'RETRY' && seen.nextAttemptAt && seen.nextAttemptAt > new Date()) return 'RETRY';
    const attempts = (seen?.attempts ?? 0) + 1;
    try {
      await options.handle(event);
      await processed.updateOne(
        { _id: key },
        { $set: { consumer: name, eventId: event.id, type: event.type, tenantId: event.tenantId, status: 'DONE', attempts, lastError: null, nextAttemptAt: null, updatedAt: new Date() } },
        { upsert: true },
      );
      return 'DONE';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const status = attempts >= maxAttempts ? 'DEAD' : 'RETRY';
      // Exponential backoff with jitter, capped at five minutes.
      const delay = Math.min(300_000, 1000 * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2);
      await processed.updateOne(
        { _id: key },
        {
          $set: {
            consumer: name,
            eventId: event.id,
            type: event.type,
            tenantId: event.tenantId,
            status,
            attempts,
            lastError: reason.slice(0, 500),
            nextAttemptAt: status === 'RETRY' ? new Date(Date.now() + delay) : null,
            updatedAt: new Date(),
          },
        },
        { upsert: true },
      );
      logger[status === 'DEAD' ? 'error' : 'warn']({ consumer: name, eventId: event.id, attempts, reason }, status === 'DEAD' ? 'event dead-lettered' : 'event failed; will retry');
      return status;
    }
  };

  const pollOnce = async () => {
    const state = await states.findById(name).lean().exec();
    let since = new Date((state?.since ?? new Date(0)).getTime() - overlapMs);
    let holdAt: Date | null = null;
    let lastSeen: Date | null = null;
    for (;;) {
      const events = (await fetchPage(since)) as Array<DomainEvent & { recordedAt: Date }>;
      for (const event of events) {
        if (stopped) return;
        const outcome = await apply(event);
        if (outcome === 'RETRY' && !holdAt) holdAt = event.recordedAt;
        lastSeen = event.recordedAt;
      }
      const last = events.at(-1);
      if (events.length < PAGE || !last || last.recordedAt.getTime() === since.getTime()) break;
      since = last.recordedAt;
    }
    const position = holdAt ?? lastSeen;
    if (position && (!state || position > state.since)) await states.updateOne({ _id: name }, { $set: { since: position } }, { upsert: true });
  };

  const poll = (): Promise<void> => {
    running ??= pollOnce()
      .catch((error: unknown) => logger.warn({ consumer: name, err: error }, 'event feed poll failed; will retry'))
      .finally(() => {
        running = null;
      });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void poll().then(schedule), intervalMs);
    timer.unref();
  };
  schedule();

  return {
    pollNow: async () => {
      await running;
      await poll();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
