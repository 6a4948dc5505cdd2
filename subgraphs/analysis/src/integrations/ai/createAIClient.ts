import type { Logger, ServiceMetrics } from '@soc/server-kit';
import type { AgentName, AgentOutputs, ChatPromptData, PipelineAgent, PipelinePromptData } from '../../agents';
import { createAIMetrics } from './aiMetrics';
import { callAI as runCallAI, type CallAIContext } from './callAI';
import { CircuitBreakers, DEFAULT_CIRCUIT_BREAKER, type CircuitBreakerOptions } from './circuitBreaker';
import { callAnthropic } from './providers/anthropic';
import { callGemini } from './providers/gemini';
import { callOpenAI } from './providers/openai';
import { ResponseCache } from './responseCache';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import type { AICallResult, AIClient, CallAIOptions } from './types';

export interface AIClientDeps {
  logger: Logger;
  /** The service's metrics (only the registry is used); AI counters are added to it. */
  metrics?: Pick<ServiceMetrics, 'registry'>;
  /** Pipeline answers kept in memory (LRU); 0 disables the cache. Default 500. */
  cacheSize?: number;
  now?: () => number;
  /** Retry timing; tests shrink baseDelayMs. */
  retry?: Partial<RetryPolicy>;
  circuitBreaker?: Partial<CircuitBreakerOptions>;
  /** Jitter source. */
  random?: () => number;
}

/**
 * One client per service process: the response cache and circuit breakers live here, shared by
 * every tenant (breakers are per endpoint; cache keys include the tenant).
 */
export function createAIClient(deps: AIClientDeps): AIClient {
  const now = deps.now ?? Date.now;
  const context: CallAIContext = {
    logger: deps.logger.child({ component: 'ai' }),
    metrics: deps.metrics ? createAIMetrics(deps.metrics.registry) : undefined,
    cache: new ResponseCache<AICallResult<unknown>>(deps.cacheSize ?? 500),
    breakers: new CircuitBreakers({ ...DEFAULT_CIRCUIT_BREAKER, ...deps.circuitBreaker }, now),
    retry: { ...DEFAULT_RETRY_POLICY, ...deps.retry },
    now,
    random: deps.random ?? Math.random,
    adapters: { openai: callOpenAI, 'azure-openai': callOpenAI, 'openai-compatible': callOpenAI, anthropic: callAnthropic, gemini: callGemini },
  };

  function callAI<A extends PipelineAgent>(agent: A, promptData: PipelinePromptData, options: CallAIOptions): Promise<AICallResult<AgentOutputs[A]>>;
  function callAI(agent: 'CHAT_ASSISTANT', promptData: ChatPromptData, options: CallAIOptions): Promise<AICallResult<string>>;
  function callAI(agent: AgentName, promptData: PipelinePromptData | ChatPromptData, options: CallAIOptions): Promise<AICallResult<unknown>> {
    return runCallAI(context, agent, promptData, options);
  }

  return { callAI };
}
