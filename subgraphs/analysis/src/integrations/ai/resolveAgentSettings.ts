import type { TenantConfig } from '@soc/server-kit';
import type { AgentName } from '../../agents';
import type { ProviderName, ProviderSettings } from './types';

type TenantAI = TenantConfig['ai'];
type ConfiguredProvider = TenantAI['default'];

/** Pipeline answers are JSON documents of a few thousand tokens; hosted models may need most of a minute. */
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_TOKENS = 4_096;

/**
 * A tenant's settings for one agent, from the `ai` section of tenants.json:
 * - the agent's own entry wins over `default`; when both name the same provider, fields the agent
 *   entry leaves out come from `default` (timeoutMs and maxTokens do in any case);
 * - `env:NAME` secrets are read from `env` now, so a rotated key is picked up without a restart;
 * - each `fallback` provider takes the tenant's first configured entry for that provider (this
 *   agent's, then default, then other agents'); `local` needs none. The schema's default fallback
 *   is ["local"], so the chain ends with the local analyst unless the tenant wrote another list.
 */
export function resolveAgentSettings(ai: TenantAI, agent: AgentName, env: NodeJS.ProcessEnv): { settings: ProviderSettings; fallback: ProviderSettings[] } {
  const defaults: ConfiguredProvider = ai.default ?? { provider: 'local' };
  const own = ai.agents?.[agent];
  const common = { timeoutMs: own?.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxTokens: own?.maxTokens ?? defaults.maxTokens ?? DEFAULT_MAX_TOKENS };
  const primaryConfig: ConfiguredProvider = own ? (own.provider === defaults.provider ? { ...defaults, ...own } : own) : defaults;
  const settings = toSettings(primaryConfig, common, env);

  const candidates = [own ? primaryConfig : undefined, defaults, ...Object.values(ai.agents ?? {})].filter((c): c is ConfiguredProvider => c !== undefined);
  const fallback: ProviderSettings[] = [];
  for (const provider of (ai.fallback ?? ['local']) as ProviderName[]) {
    const configured = provider === 'local' ? undefined : candidates.find((c) => c.provider === provider);
    const next = toSettings(configured ?? { provider }, common, env);
    const same = (a: ProviderSettings) => a.provider === next.provider && a.model === next.model && a.baseUrl === next.baseUrl;
    if (!same(settings) && !fallback.some(same)) fallback.push(next);
  }
  return { settings, fallback };
}

function toSettings(config: ConfiguredProvider, common: { timeoutMs: number; maxTokens: number }, env: NodeJS.ProcessEnv): ProviderSettings {
  const settings: ProviderSettings = {
    provider: config.provider,
    timeoutMs: config.timeoutMs ?? common.timeoutMs,
    maxTokens: config.maxTokens ?? common.maxTokens,
  };
  if (config.provider === 'local') return settings;
  if (config.model) settings.model = config.model;
  if (config.baseUrl) settings.baseUrl = config.baseUrl;
  const ref = config.apiKey?.match(/^env:([A-Z_][A-Z0-9_]*)$/);
  if (ref) {
    settings.apiKeyEnv = ref[1];
    const value = env[ref[1]!];
    if (value) settings.apiKey = value;
  }
  return settings;
}
