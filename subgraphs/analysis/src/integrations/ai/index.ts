/** The one door to every AI model; the analysis pipeline and chat import only from here. */
export { createAIClient, type AIClientDeps } from './createAIClient';
export { resolveAgentSettings, DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS } from './resolveAgentSettings';
export { AICallError } from './AICallError';
export { MODEL_PRICES, costUsd, modelPrice, type ModelPrice } from './pricing';
export { DEFAULT_MODELS } from './defaultModels';
export { AGENT_INSTRUCTIONS } from './prompts/agentPrompts';
export { UNTRUSTED_OPEN, UNTRUSTED_CLOSE } from './prompts/untrustedData';
export type {
  AICallResult,
  AIClient,
  CallAIOptions,
  FailureKind,
  ProviderFailure,
  ProviderName,
  ProviderSettings,
  StreamReset,
  TokenUsage,
} from './types';
