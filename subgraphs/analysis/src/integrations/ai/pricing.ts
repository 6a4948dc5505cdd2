import type { ProviderName } from './types';
import type { TokenUsage } from './types';

/** USD per 1 million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * List prices of the providers' public APIs (standard tier, short prompts), as published in 2025.
 * A model matches the longest key it starts with, so dated ids (`gpt-4o-2024-08-06`,
 * `claude-sonnet-4-5-20250929`) and Azure deployments named after their model find their price.
 * Anything else (self-hosted openai-compatible models, deployments with custom names, new models)
 * costs 0: we would rather report no cost than a made-up one. Review when prices change.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  o3: { input: 2, output: 8 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
};

const byLength = Object.keys(MODEL_PRICES).sort((a, b) => b.length - a.length);

/** Price of a model, or undefined when unknown (cost 0). The local analyst is always free. */
export function modelPrice(provider: ProviderName, model: string): ModelPrice | undefined {
  if (provider === 'local') return undefined;
  const id = model.toLowerCase().replace(/^models\//, '');
  const key = byLength.find((candidate) => id === candidate || id.startsWith(`${candidate}-`) || id.startsWith(`${candidate}@`));
  return key ? MODEL_PRICES[key] : undefined;
}

export function costUsd(provider: ProviderName, model: string, usage: TokenUsage): number {
  const price = modelPrice(provider, model);
  if (!price) return 0;
  // Rounded to a millionth of a dollar so sums stay readable.
  return Math.round((usage.inputTokens * price.input + usage.outputTokens * price.output)) / 1e6;
}
