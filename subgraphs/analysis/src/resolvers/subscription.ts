import { authorize, closeWith, findByIdInScope, notFound } from '@soc/server-kit';
import { Types } from 'mongoose';
import type { AnalysisDoc, ChatSessionDoc } from '../models';
import { activityChannel, analysisChannel, chatChannel, FINAL_EVENT_TYPES, type AnalysisEventMessage } from '../services/analysisEvents';
import type { ChatStreamMessage } from '../services/chat/chatAssistant';
import type { AnalysisContext } from './context';

const FINAL_STATUSES = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/**
 * Subscriptions listen first and read second, so nothing falls between the snapshot and the live
 * events; live events the snapshot already includes (seq not above it) are skipped.
 */
export const Subscription = {
  analysisUpdated: {
    subscribe: async (_root: unknown, args: { analysisId: string }, context: AnalysisContext) => {
      const tenantId = authorize(context, 'analysis:read');
      if (!Types.ObjectId.isValid(args.analysisId)) throw notFound('Analysis');
      const live = await context.services.pubsub.subscribe<AnalysisEventMessage>(analysisChannel(args.analysisId));
      const snapshot = await findByIdInScope<AnalysisDoc>(context.models.Analysis, args.analysisId, { tenantId });
      if (!snapshot) {
        await live.return?.();
        throw notFound('Analysis');
      }
      const stream = (async function* () {
        try {
          yield { analysisUpdated: { seq: snapshot.seq, type: 'SNAPSHOT', stage: null, analysis: snapshot, occurredAt: new Date() } };
          if (FINAL_STATUSES.has(snapshot.status)) return;
          for await (const event of live) {
            if (event.seq <= snapshot.seq) continue;
            yield { analysisUpdated: event };
            if (FINAL_EVENT_TYPES.has(event.type)) return;
          }
        } finally {
          await live.return?.();
        }
      })();
      return closeWith(stream, live);
    },
  },

  analysisActivity: {
    subscribe: async (_root: unknown, _args: unknown, context: AnalysisContext) => {
      const tenantId = authorize(context, 'analysis:read');
      const live = await context.services.pubsub.subscribe<AnalysisEventMessage>(activityChannel(tenantId));
      const stream = (async function* () {
        try {
          for await (const event of live) yield { analysisActivity: event };
        } finally {
          await live.return?.();
        }
      })();
      return closeWith(stream, live);
    },
  },

  chatMessageStream: {
    subscribe: async (_root: unknown, args: { messageId: string }, context: AnalysisContext) => {
      const tenantId = authorize(context, 'analysis:read');
      if (!Types.ObjectId.isValid(args.messageId)) throw notFound('Chat message');
      const messageId = new Types.ObjectId(args.messageId);
      const live = await context.services.pubsub.subscribe<ChatStreamMessage>(chatChannel(args.messageId));
      const session = await context.models.ChatSession.findOne({ tenantId, 'messages._id': messageId }).lean<ChatSessionDoc>().exec();
      const message = session?.messages.find((m) => m._id.equals(messageId) && m.role === 'ASSISTANT');
      if (!message) {
        await live.return?.();
        throw notFound('Chat message');
      }
      const stream = (async function* () {
        try {
          const done = message.status !== 'STREAMING';
          yield { chatMessageStream: { seq: message.seq, delta: message.content, done, message } };
          if (done) return;
          for await (const event of live) {
            if (event.seq <= message.seq) continue;
            yield { chatMessageStream: event };
            if (event.done) return;
          }
        } finally {
          await live.return?.();
        }
      })();
      return closeWith(stream, live);
    },
  },
};
