import type { Router } from 'express';
import type { Model } from 'mongoose';
import type { OutboxDoc } from './outboxModel';

export interface EventFeedPage {
  events: Array<{ id: string; type: string; tenantId: string; occurredAt: string; version: number; payload: Record<string, unknown>; recordedAt: string }>;
}

const MAX_PAGE = 500;

/**
 * `GET /events?since=<ISO>&types=a,b&limit=N`: the outbox in recording order, for consumers in
 * other services. Consumers ask from a little before their last position (see EventConsumer), so
 * `since` is inclusive and repeats are expected.
 */
export function mountEventFeed(router: Router, outbox: Model<OutboxDoc>): void {
  router.get('/events', async (req, res, next) => {
    try {
      const since = typeof req.query.since === 'string' ? new Date(req.query.since) : new Date(0);
      if (Number.isNaN(since.getTime())) {
        res.status(400).json({ error: 'since must be an ISO-8601 date-time' });
        return;
      }
      const limit = Math.min(MAX_PAGE, Math.max(1, Number(req.query.limit) || 100));
      const types = typeof req.query.types === 'string' && req.query.types ? req.query.types.split(',') : null;
      const filter: Record<string, unknown> = { recordedAt: { $gte: since } };
      if (types) filter.type = { $in: types };
      const docs = await outbox.find(filter).sort({ recordedAt: 1, _id: 1 }).limit(limit).lean().exec();
      const page: EventFeedPage = {
        events: docs.map((doc) => ({
          id: doc._id,
          type: doc.type,
          tenantId: doc.tenantId,
          occurredAt: doc.occurredAt.toISOString(),
          version: doc.version,
          payload: doc.payload,
          recordedAt: doc.recordedAt.toISOString(),
        })),
      };
      res.json(page);
    } catch (error) {
      next(error);
    }
  });
}
