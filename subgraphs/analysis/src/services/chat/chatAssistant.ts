import { badUserInput, findByIdInScope, notFound, type PubSub, type ServiceCaller } from '@soc/server-kit';
import { Types, type Model } from 'mongoose';
import type { Logger } from 'pino';
import type { ChatTurn } from '../../agents';
import type { AIClient, ProviderSettings } from '../../integrations/ai';
import type { AnalysisDoc, ChatMessageDoc, ChatSessionDoc } from '../../models';
import { chatChannel } from '../analysisEvents';
import { readIncident } from '../incidentReader';

export interface ChatStreamMessage {
  seq: number;
  delta: string;
  done: boolean;
  message: ChatMessageDoc;
}

const MAX_QUESTION = 4000;
const MAX_MESSAGES = 200;
const HISTORY_TURNS = 20;
/** Stored content is refreshed at most this often while streaming; every delta is published. */
const PERSIST_EVERY_MS = 250;

/**
 * The incident chat: stores the question and an empty STREAMING answer, then streams the model's
 * tokens to subscribers (each with a seq) and into the stored answer, which ends COMPLETE or FAILED.
 */
export class ChatAssistant {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      sessions: Model<ChatSessionDoc>;
      analyses: Model<AnalysisDoc>;
      pubsub: PubSub;
      ai: AIClient;
      callService: ServiceCaller;
      chatSettings: (tenantId: string) => { settings: ProviderSettings; fallback: ProviderSettings[] };
      logger: Logger;
    },
  ) {}

  async ask(tenantId: string, author: string, incidentId: string, question: string, sessionId?: string | null) {
    const text = question.trim();
    if (text.length === 0 || text.length > MAX_QUESTION) throw badUserInput(`question must be 1-${MAX_QUESTION} characters`, 'question');
    const { sessions } = this.deps;
    let session: ChatSessionDoc | null = null;
    if (sessionId) {
      session = await findByIdInScope<ChatSessionDoc>(sessions, sessionId, { tenantId });
      if (!session || session.incidentId !== incidentId) throw notFound('Chat session');
      if (session.messages.length + 2 > MAX_MESSAGES) throw badUserInput(`a conversation holds at most ${MAX_MESSAGES} messages: start a new one`, 'sessionId');
    }
    const incident = await readIncident(this.deps.callService, tenantId, incidentId);
    if (!incident) throw notFound('Incident');

    const now = new Date();
    const questionDoc: ChatMessageDoc = { _id: new Types.ObjectId(), role: 'USER', content: text, status: 'COMPLETE', seq: 0, provider: null, model: null, error: null, createdAt: now };
    const answerDoc: ChatMessageDoc = { _id: new Types.ObjectId(), role: 'ASSISTANT', content: '', status: 'STREAMING', seq: 0, provider: null, model: null, error: null, createdAt: now };
    if (session) {
      session = await sessions
        .findOneAndUpdate({ _id: session._id, tenantId }, { $push: { messages: { $each: [questionDoc, answerDoc] } }, $set: { updatedAt: now } }, { new: true })
        .lean<ChatSessionDoc>()
        .exec();
      if (!session) throw notFound('Chat session');
    } else {
      session = (await sessions.create({ _id: new Types.ObjectId(), tenantId, incidentId, createdBy: author, messages: [questionDoc, answerDoc], createdAt: now, updatedAt: now })).toObject();
    }

    const history: ChatTurn[] = session.messages
      .filter((m) => m.status === 'COMPLETE' && !m._id.equals(questionDoc._id))
      .slice(-HISTORY_TURNS)
      .map((m) => ({ role: m.role === 'USER' ? 'user' : 'assistant', content: m.content }));
    const latest = await this.deps.analyses.findOne({ tenantId, incidentId, status: 'COMPLETED' }).sort({ createdAt: -1 }).lean<AnalysisDoc>().exec();
    // Messages are only ever appended, so the answer's index is stable (FerretDB lacks the positional `$`).
    const answerIndex = session.messages.findIndex((m) => m._id.equals(answerDoc._id));
    const run = this.stream(session._id, answerIndex, answerDoc, tenantId, { incident, analysis: latest?.results ?? null, history, question: text });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return { session, question: questionDoc, answer: answerDoc };
  }

  private async stream(sessionId: Types.ObjectId, answerIndex: number, answer: ChatMessageDoc, tenantId: string, prompt: Parameters<AIClient['callAI']>[1] & { question: string }) {
    const { sessions, pubsub, ai, logger } = this.deps;
    const channel = chatChannel(answer._id.toHexString());
    let content = '';
    let seq = 0;
    let lastPersist = 0;
    const persist = (set: Partial<ChatMessageDoc>) =>
      sessions
        .updateOne({ _id: sessionId }, { $set: Object.fromEntries(Object.entries(set).map(([key, value]) => [`messages.${answerIndex}.${key}`, value])) })
        .exec();
    // Deltas are published in order from this one loop; persistence never blocks a publish.
    let persisting: Promise<unknown> = Promise.resolve();
    const { settings, fallback } = this.deps.chatSettings(tenantId);
    const persistSoon = () => {
      if (Date.now() - lastPersist < PERSIST_EVERY_MS) return;
      lastPersist = Date.now();
      const snapshot = { content, seq };
      persisting = persisting.then(() => persist(snapshot)).catch(() => undefined);
    };
    try {
      const result = await ai.callAI('CHAT_ASSISTANT', prompt as never, {
        tenantId,
        settings,
        fallback,
        onToken: (delta: string) => {
          content += delta;
          seq += 1;
          void pubsub.publish(channel, { seq, delta, done: false, message: { ...answer, content, seq } } satisfies ChatStreamMessage);
          persistSoon();
        },
        // A provider failed mid-answer and the next one starts over: the text restarts too.
        onStreamReset: () => {
          content = '';
          seq += 1;
          void pubsub.publish(channel, { seq, delta: '', done: false, message: { ...answer, content, seq } } satisfies ChatStreamMessage);
          persistSoon();
        },
      });
      await persisting;
      const final = { ...answer, content: String(result.output), seq: seq + 1, status: 'COMPLETE' as const, provider: result.provider, model: result.model };
      await persist({ content: final.content, seq: final.seq, status: 'COMPLETE', provider: result.provider, model: result.model });
      await pubsub.publish(channel, { seq: final.seq, delta: '', done: true, message: final } satisfies ChatStreamMessage);
    } catch (error) {
      await persisting;
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn({ tenantId, messageId: answer._id.toHexString(), reason }, 'chat answer failed');
      const final = { ...answer, content, seq: seq + 1, status: 'FAILED' as const, error: reason.slice(0, 1000) };
      await persist({ content, seq: final.seq, status: 'FAILED', error: final.error });
      await pubsub.publish(channel, { seq: final.seq, delta: '', done: true, message: final } satisfies ChatStreamMessage);
    }
  }

  async stop() {
    await Promise.allSettled([...this.inFlight]);
  }
}
