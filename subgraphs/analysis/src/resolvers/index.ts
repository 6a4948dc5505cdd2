import { DateTime, authorize } from '@soc/server-kit';
import { AgentStage, Analysis, ChatMessage, ChatSession, Incident } from './analysis';
import type { AnalysisContext } from './context';
import { Mutation } from './mutation';
import { Subscription } from './subscription';

export const resolvers = {
  DateTime,
  Query: {
    analysis: (_root: unknown, args: { id: string }, context: AnalysisContext) => {
      authorize(context, 'analysis:read');
      return context.loaders.analysisById.load(args.id);
    },
    chatSession: (_root: unknown, args: { id: string }, context: AnalysisContext) => {
      authorize(context, 'analysis:read');
      return context.loaders.chatSessionById.load(args.id);
    },
  },
  Mutation,
  Subscription,
  Analysis,
  AgentStage,
  ChatSession,
  ChatMessage,
  Incident,
};

