import { authorize, findByIdInScope, notFound } from '@soc/server-kit';
import { Types } from 'mongoose';
import type { AnalysisDoc } from '../models';
import { AnalysisRecorder } from '../services/pipeline/analysisRecorder';
import { startAnalysis, type AnalyzeOptions } from '../services/startAnalysis';
import { actorOf, type AnalysisContext } from './context';

export const Mutation = {
  analyzeIncident: (_root: unknown, args: { incidentId: string; options?: AnalyzeOptions | null }, context: AnalysisContext) => {
    const tenantId = authorize(context, 'analysis:write');
    const { models, services } = context;
    return startAnalysis({ analyses: models.Analysis, callService: services.callService, queue: services.queue }, tenantId, actorOf(context), args.incidentId, args.options ?? {});
  },

  cancelAnalysis: async (_root: unknown, args: { id: string }, context: AnalysisContext) => {
    const tenantId = authorize(context, 'analysis:write');
    const { models, services } = context;
    if (!Types.ObjectId.isValid(args.id)) throw notFound('Analysis');
    const _id = new Types.ObjectId(args.id);
    const current = await findByIdInScope<AnalysisDoc>(models.Analysis, _id, { tenantId });
    if (!current) throw notFound('Analysis');
    const recorder = new AnalysisRecorder(models.Analysis, services.outbox, services.pubsub, _id);
    const cancelled = await recorder.finish('CANCELLED', `cancelled by ${actorOf(context)}`, ['QUEUED', 'RUNNING']);
    return cancelled ?? (await findByIdInScope<AnalysisDoc>(models.Analysis, _id, { tenantId }));
  },

  askAssistant: (_root: unknown, args: { incidentId: string; question: string; sessionId?: string | null }, context: AnalysisContext) => {
    const tenantId = authorize(context, 'analysis:write');
    return context.services.chat.ask(tenantId, actorOf(context), args.incidentId, args.question, args.sessionId);
  },
};
