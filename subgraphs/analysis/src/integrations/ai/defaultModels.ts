import { LOCAL_MODEL } from './providers/local';
import { ProviderError } from './providers/providerAdapter';
import type { ProviderName, ProviderSettings } from './types';

/**
 * Model used when a tenant names none: a current, inexpensive model of each provider. Azure and
 * openai-compatible have no sensible default (deployment names and local models are the tenant's own).
 */
export const DEFAULT_MODELS: Readonly<Partial<Record<ProviderName, string>>> = {
  local: LOCAL_MODEL,
  openai: 'gpt-4.1-mini',
  anthropic: 'claude-haiku-4-5',
  gemini: 'gemini-2.5-flash',
};

export function modelOf(settings: ProviderSettings): string {
  if (settings.provider === 'local') return LOCAL_MODEL;
  const model = settings.model ?? DEFAULT_MODELS[settings.provider];
  if (!model) throw new ProviderError(`${settings.provider} needs a model${settings.provider === 'azure-openai' ? ' (the deployment name)' : ''}`, 'OTHER');
  return model;
}

/** How a provider appears in failures and logs when even its model is unknown. */
export function displayModel(settings: ProviderSettings): string {
  return settings.model ?? DEFAULT_MODELS[settings.provider] ?? '(no model)';
}
