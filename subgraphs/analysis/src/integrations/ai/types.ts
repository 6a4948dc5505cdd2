import type { AgentOutputs, ChatPromptData, PipelineAgent, PipelinePromptData } from '../../agents';

export type ProviderName = 'local' | 'openai' | 'azure-openai' | 'anthropic' | 'gemini' | 'openai-compatible';

/** One provider as a tenant configured it for one agent, with its secret already resolved. */
export interface ProviderSettings {
  provider: ProviderName;
  /** Model id; for azure-openai the deployment name. Defaults per provider when absent. */
  model?: string;
  /** API root (azure-openai: the resource endpoint). Defaults to the provider's public API. */
  baseUrl?: string;
  /** The resolved secret value. Never logged, never part of an error message. */
  apiKey?: string;
  /** Name of the environment variable the key came from, so a missing key can be named in errors. */
  apiKeyEnv?: string;
  /** azure-openai only. */
  apiVersion?: string;
  /** Per request; for streams, the longest silence between chunks. */
  timeoutMs: number;
  maxTokens: number;
}

export type FailureKind = 'AUTH' | 'RATE_LIMIT' | 'SERVER' | 'TIMEOUT' | 'INVALID_OUTPUT' | 'CIRCUIT_OPEN' | 'BUDGET' | 'OTHER';

export interface ProviderFailure {
  provider: ProviderName;
  model: string;
  /** Short, secret-free reason. */
  error: string;
  kind: FailureKind;
}

/** A provider that failed after tokens of a streamed chat answer were already delivered via onToken. */
export interface StreamReset {
  failure: ProviderFailure;
  /** The partial text that provider had streamed; the consumer should discard it. */
  discardedText: string;
}

export interface CallAIOptions {
  tenantId: string;
  settings: ProviderSettings;
  fallback: ProviderSettings[];
  /** Cancels the whole call (no fallback); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  bypassCache?: boolean;
  /** Chat streaming: every text delta of the provider currently answering, in order. */
  onToken?: (delta: string) => void;
  /**
   * Chat streaming: a provider failed mid-stream and the chain moves on. Deltas delivered before
   * this call belong to an abandoned answer; the final output is the text streamed after the last reset.
   */
  onStreamReset?: (reset: StreamReset) => void;
  /** Tenant budget left this month (the caller tracks spend). At or below 0 every paid provider is skipped (kind BUDGET). */
  remainingBudgetUsd?: number;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** True when at least part of the count is an estimate (local provider, or a stream that reported no usage). */
  estimated?: boolean;
}

export interface AICallResult<T> {
  output: T;
  provider: ProviderName;
  model: string;
  /** Version of the agent instructions the answer was produced with, e.g. `rca-v1`. */
  promptVersion: string;
  /** Tokens billed by this call: every response received, including invalid ones; 0 for a cache hit. */
  usage: TokenUsage;
  /** USD spent by this call (same scope as usage); 0 for a cache hit and for models without a known price. */
  costUsd: number;
  durationMs: number;
  /** Requests sent to the provider that answered (retries included); 0 for a cache hit. */
  attempts: number;
  cached: boolean;
  /** Providers tried, in order, before the one that answered. */
  failures: ProviderFailure[];
}

export interface AIClient {
  callAI<A extends PipelineAgent>(agent: A, promptData: PipelinePromptData, options: CallAIOptions): Promise<AICallResult<AgentOutputs[A]>>;
  callAI(agent: 'CHAT_ASSISTANT', promptData: ChatPromptData, options: CallAIOptions): Promise<AICallResult<string>>;
}
