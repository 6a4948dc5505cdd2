import type { Logger } from '@soc/server-kit';
import type { AgentName, PipelineAgent } from '../../agents';
import { attemptFailed, type AttemptFailure } from './attemptFailure';
import { startAttemptTimer } from './attemptTimer';
import type { CircuitBreakers } from './circuitBreaker';
import { classifyError, type ClassifiedFailure } from './classifyError';
import { parseAgentOutput } from './parseAgentOutput';
import type { BuiltPrompt, ModelMessage } from './prompts/buildPrompt';
import type { ProviderAdapter, ResolvedSettings } from './providers/providerAdapter';
import { backoffDelayMs, sleep, type RetryPolicy } from './retry';
import type { FailureKind, TokenUsage } from './types';

export interface HostedCallContext {
  logger: Logger;
  breakers: CircuitBreakers;
  retry: RetryPolicy;
  random: () => number;
  adapter: ProviderAdapter;
}

export interface HostedCallRequest {
  agent: AgentName;
  settings: ResolvedSettings;
  prompt: BuiltPrompt;
  signal?: AbortSignal;
  /** Chat: stream, delivering every delta here. */
  onToken?: (delta: string) => void;
}

export interface HostedCallResult {
  /** Parsed and validated output for pipeline agents; the full text for chat. */
  output: unknown;
  usage: TokenUsage;
  attempts: number;
}

/** The longest invalid answer we echo back to the model in the corrective turn. */
const MAX_ECHOED_ANSWER_CHARS = 8_000;

/**
 * One hosted provider, with everything short of falling back: breaker check before every request,
 * retries with backoff on throttling, 5xx, network errors and timeouts, and for pipeline agents
 * exactly one corrective retry when the answer is not valid output. Throws an AttemptFailure
 * (carrying the tokens already spent) when this provider is done; rethrows the caller's abort as is.
 */
export async function callHostedProvider(ctx: HostedCallContext, request: HostedCallRequest): Promise<HostedCallResult> {
  const { agent, settings, prompt, signal, onToken } = request;
  const breaker = ctx.breakers.for(settings.provider, settings.baseUrl);
  const log = ctx.logger.child({ agent, provider: settings.provider, model: settings.model });
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  const chat = agent === 'CHAT_ASSISTANT';
  let messages: ModelMessage[] = prompt.messages;
  let attempts = 0;
  let retries = 0;
  let corrected = false;
  let streamed = '';
  let last: ClassifiedFailure | undefined;

  const failed = (kind: FailureKind, message: string): AttemptFailure =>
    attemptFailed({ provider: settings.provider, model: settings.model, kind, error: message }, usage, streamed);

  for (;;) {
    if (!breaker.tryAcquire()) {
      // Opened by this very call's failures: report what actually went wrong, not just "open".
      if (last) throw failed(last.kind, `${last.message} (circuit breaker opened)`);
      throw failed('CIRCUIT_OPEN', 'circuit breaker open after repeated failures; not called');
    }
    attempts += 1;
    const timer = startAttemptTimer(settings.timeoutMs, signal);
    const onDelta =
      chat && onToken
        ? (delta: string) => {
            timer.touch();
            streamed += delta;
            onToken(delta);
          }
        : undefined;
    let text: string;
    try {
      const response = await ctx.adapter({ settings, prompt, messages, signal: timer.signal, onDelta });
      breaker.recordSuccess();
      usage.inputTokens += response.usage.inputTokens;
      usage.outputTokens += response.usage.outputTokens;
      if (response.usage.estimated) usage.estimated = true;
      text = response.text;
    } catch (error) {
      if (signal?.aborted) {
        breaker.recordAbandoned();
        throw signal.reason;
      }
      const failure = classifyError(error, { timedOut: timer.timedOut, secrets: [settings.apiKey] });
      if (failure.breaker === 'failure') breaker.recordFailure();
      else if (failure.breaker === 'success') breaker.recordSuccess();
      else breaker.recordAbandoned();
      last = failure;
      // A retry would replay text the consumer already has; the chain moves on instead.
      if (streamed) throw failed(failure.kind, `${failure.message} (after part of the answer was streamed)`);
      if (!failure.retriable || retries >= ctx.retry.maxRetries) throw failed(failure.kind, failure.message);
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs > ctx.retry.maxDelayMs) {
        // Retrying before the server's time is pointless, and waiting that long stalls the analysis.
        throw failed(failure.kind, `${failure.message} (asked to retry after ${Math.ceil(failure.retryAfterMs / 1000)} s)`);
      }
      retries += 1;
      const delayMs = failure.retryAfterMs ?? backoffDelayMs(retries, ctx.retry, ctx.random);
      log.warn({ attempt: attempts, kind: failure.kind, delayMs }, 'AI request failed; retrying');
      await sleep(delayMs, signal);
      continue;
    } finally {
      timer.dispose();
    }

    if (chat) {
      if (!text.trim()) throw failed('INVALID_OUTPUT', 'empty answer');
      return { output: text, usage, attempts };
    }
    const parsed = parseAgentOutput(agent as PipelineAgent, text);
    if (parsed.ok) return { output: parsed.value, usage, attempts };
    if (corrected) throw failed('INVALID_OUTPUT', parsed.problem);
    corrected = true;
    log.warn({ attempt: attempts, kind: 'INVALID_OUTPUT' }, 'AI answer failed validation; asking once more');
    messages = [
      ...prompt.messages,
      { role: 'assistant', content: text.length > MAX_ECHOED_ANSWER_CHARS ? `${text.slice(0, MAX_ECHOED_ANSWER_CHARS)}…` : text || '(empty)' },
      { role: 'user', content: `Your answer was rejected: ${parsed.problem}.\nAnswer again with only the corrected JSON object, valid against the schema.` },
    ];
  }
}
