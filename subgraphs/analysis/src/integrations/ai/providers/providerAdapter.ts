import type { BuiltPrompt, ModelMessage } from '../prompts/buildPrompt';
import type { FailureKind, ProviderSettings, TokenUsage } from '../types';

/** Settings after defaults: a hosted provider always has a model. */
export type ResolvedSettings = ProviderSettings & { model: string };

/** One request to one hosted model. */
export interface ModelRequest {
  settings: ResolvedSettings;
  prompt: BuiltPrompt;
  /** The prompt's messages, plus the corrective turn on the retry after an invalid answer. */
  messages: ModelMessage[];
  /** Aborts on the caller's cancel and on this attempt's timeout. */
  signal: AbortSignal;
  /** Present: stream the answer and report each text delta, in order. */
  onDelta?: (delta: string) => void;
}

export interface ModelResponse {
  /** The answer: free text for chat, the JSON text for pipeline agents. */
  text: string;
  usage: TokenUsage;
}

/** Calls one provider's official SDK once: no retries, no fallback, no validation (callAI does those). */
export type ProviderAdapter = (request: ModelRequest) => Promise<ModelResponse>;

/** A failure an adapter detects itself (configuration, empty answer) rather than one the SDK throws. */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly retriable = false,
  ) {
    super(message);
  }
}

/** Hosted providers need a key; fail before any request (and before an SDK goes looking for one in the environment). */
export function requireApiKey(settings: ResolvedSettings): string {
  if (settings.apiKey) return settings.apiKey;
  throw new ProviderError(
    settings.apiKeyEnv ? `no API key: environment variable ${settings.apiKeyEnv} is not set` : 'no API key configured',
    'AUTH',
  );
}
