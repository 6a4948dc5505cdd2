import type { Logger } from '@soc/server-kit';
import type { AgentName, ChatPromptData, PipelineAgent, PipelinePromptData } from '../../agents';
import { AICallError } from './AICallError';
import type { AIMetrics } from './aiMetrics';
import { AttemptFailure, attemptFailed } from './attemptFailure';
import { callHostedProvider } from './callProvider';
import type { CircuitBreakers } from './circuitBreaker';
import { displayModel, modelOf } from './defaultModels';
import { parseAgentOutput } from './parseAgentOutput';
import { costUsd } from './pricing';
import { buildChatPrompt, buildPipelinePrompt, type BuiltPrompt } from './prompts/buildPrompt';
import { answerLocal, runLocal } from './providers/local';
import { ProviderError, type ProviderAdapter } from './providers/providerAdapter';
import { redactSecrets } from './redactSecrets';
import { responseCacheKey, type ResponseCache } from './responseCache';
import type { RetryPolicy } from './retry';
import type { AICallResult, CallAIOptions, ProviderFailure, ProviderName, ProviderSettings, TokenUsage } from './types';

export interface CallAIContext {
  logger: Logger;
  metrics?: AIMetrics;
  cache: ResponseCache<AICallResult<unknown>>;
  breakers: CircuitBreakers;
  retry: RetryPolicy;
  now: () => number;
  random: () => number;
  adapters: Readonly<Record<Exclude<ProviderName, 'local'>, ProviderAdapter>>;
}

/**
 * The one door to every model: builds the versioned, delimited prompt, answers from the cache when
 * it can (pipeline agents only), then walks the chain (primary, then fallbacks in order) until a
 * provider gives a valid answer. Each provider's failure is recorded; when all fail, AICallError.
 */
export async function callAI(ctx: CallAIContext, agent: AgentName, data: PipelinePromptData | ChatPromptData, options: CallAIOptions): Promise<AICallResult<unknown>> {
  options.signal?.throwIfAborted();
  const started = ctx.now();
  const chat = agent === 'CHAT_ASSISTANT';
  const prompt: BuiltPrompt = chat ? buildChatPrompt(data as ChatPromptData) : buildPipelinePrompt(agent, data as PipelinePromptData);
  const chain = distinctProviders([options.settings, ...options.fallback]);
  const primary = chain[0];

  let cacheKey: string | undefined;
  if (!chat && primary) {
    cacheKey = responseCacheKey({
      tenantId: options.tenantId,
      agent,
      provider: primary.provider,
      model: displayModel(primary),
      baseUrl: primary.baseUrl,
      promptVersion: prompt.promptVersion,
      prompt: { system: prompt.system, messages: prompt.messages },
    });
    const hit = options.bypassCache ? undefined : ctx.cache.get(cacheKey);
    if (hit) {
      ctx.metrics?.calls.inc({ provider: hit.provider, agent, outcome: 'cached' });
      ctx.logger.info({ tenantId: options.tenantId, agent, provider: hit.provider, model: hit.model, outcome: 'cached' }, 'AI answer served from cache');
      // Nothing was billed for this call; a copy so callers cannot alter the cached answer.
      return { ...hit, output: structuredClone(hit.output), usage: { inputTokens: 0, outputTokens: 0 }, costUsd: 0, attempts: 0, durationMs: ctx.now() - started, cached: true, failures: [] };
    }
  }

  const failures: ProviderFailure[] = [];
  const spent: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  let spentUsd = 0;
  const account = (provider: ProviderName, model: string, usage: TokenUsage) => {
    const cost = costUsd(provider, model, usage);
    spent.inputTokens += usage.inputTokens;
    spent.outputTokens += usage.outputTokens;
    if (usage.estimated) spent.estimated = true;
    spentUsd += cost;
    ctx.metrics?.tokens.inc({ provider, agent, direction: 'input' }, usage.inputTokens);
    ctx.metrics?.tokens.inc({ provider, agent, direction: 'output' }, usage.outputTokens);
    if (cost > 0) ctx.metrics?.costUsd.inc({ provider, agent }, cost);
  };

  for (const settings of chain) {
    const providerStarted = ctx.now();
    const model = displayModel(settings);
    const log = { tenantId: options.tenantId, agent, provider: settings.provider, model };
    try {
      const answer = await callOneProvider(ctx, agent, data, prompt, settings, options);
      account(settings.provider, model, answer.usage);
      ctx.metrics?.calls.inc({ provider: settings.provider, agent, outcome: 'success' });
      ctx.logger.info({ ...log, attempts: answer.attempts, outcome: 'success', durationMs: ctx.now() - providerStarted }, 'AI call answered');
      const result: AICallResult<unknown> = {
        output: answer.output,
        provider: settings.provider,
        model,
        promptVersion: prompt.promptVersion,
        usage: { ...spent },
        costUsd: Math.round(spentUsd * 1e6) / 1e6,
        durationMs: ctx.now() - started,
        attempts: answer.attempts,
        cached: false,
        failures,
      };
      // Only the primary's own answers are cached: a fallback answer must not outlive the primary's outage.
      if (cacheKey && settings === primary) ctx.cache.set(cacheKey, { ...result, output: structuredClone(result.output) });
      return result;
    } catch (error) {
      if (!(error instanceof AttemptFailure)) throw error;
      const { failure } = error;
      account(settings.provider, model, error.usage);
      failures.push(failure);
      ctx.metrics?.calls.inc({ provider: settings.provider, agent, outcome: failure.kind.toLowerCase() });
      ctx.logger.warn({ ...log, outcome: failure.kind, error: failure.error, durationMs: ctx.now() - providerStarted }, 'AI provider failed; trying the next one');
      if (error.streamedText) options.onStreamReset?.({ failure, discardedText: error.streamedText });
    }
  }
  ctx.logger.error({ tenantId: options.tenantId, agent, failures: failures.map((f) => `${f.provider}:${f.kind}`) }, 'every AI provider failed');
  throw new AICallError(agent, failures);
}

async function callOneProvider(
  ctx: CallAIContext,
  agent: AgentName,
  data: PipelinePromptData | ChatPromptData,
  prompt: BuiltPrompt,
  settings: ProviderSettings,
  options: CallAIOptions,
): Promise<{ output: unknown; usage: TokenUsage; attempts: number }> {
  const noUsage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  const failed = (kind: ProviderFailure['kind'], error: string) => attemptFailed({ provider: settings.provider, model: displayModel(settings), kind, error }, noUsage);

  if (settings.provider === 'local') return callLocal(agent, data, options, failed);
  if (options.remainingBudgetUsd !== undefined && options.remainingBudgetUsd <= 0) throw failed('BUDGET', 'monthly AI budget used up; not called');
  let model: string;
  try {
    model = modelOf(settings);
  } catch (error) {
    throw failed(error instanceof ProviderError ? error.kind : 'OTHER', error instanceof Error ? error.message : String(error));
  }
  return callHostedProvider(
    { logger: ctx.logger, breakers: ctx.breakers, retry: ctx.retry, random: ctx.random, adapter: ctx.adapters[settings.provider] },
    { agent, settings: { ...settings, model }, prompt, signal: options.signal, onToken: options.onToken },
  );
}

/** The local analyst needs no network; its output is still validated, so a bug there fails visibly. */
function callLocal(
  agent: AgentName,
  data: PipelinePromptData | ChatPromptData,
  options: CallAIOptions,
  failed: (kind: ProviderFailure['kind'], error: string) => AttemptFailure,
): { output: unknown; usage: TokenUsage; attempts: number } {
  try {
    if (agent === 'CHAT_ASSISTANT') {
      const { text, usage } = answerLocal(data as ChatPromptData, options.onToken);
      return { output: text, usage, attempts: 1 };
    }
    const { output, usage } = runLocal(agent, data as PipelinePromptData);
    const checked = parseAgentOutput(agent as PipelineAgent, JSON.stringify(output));
    if (!checked.ok) throw failed('INVALID_OUTPUT', checked.problem);
    return { output: checked.value, usage, attempts: 1 };
  } catch (error) {
    if (error instanceof AttemptFailure) throw error;
    throw failed('OTHER', redactSecrets(error instanceof Error ? error.message : String(error), []));
  }
}

/** The same endpoint and model twice in a chain (e.g. local as primary and as fallback) is tried once. */
function distinctProviders(chain: ProviderSettings[]): ProviderSettings[] {
  const seen = new Set<string>();
  return chain.filter((settings) => {
    const key = `${settings.provider} ${displayModel(settings)} ${settings.baseUrl ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
